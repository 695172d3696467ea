import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readRegularFile } from '@alloy-toolkit/files';
import { UsageError, parseArguments } from './args.js';
import { ConfigError, ConfigResolver, type LintConfig } from './config.js';
import { DiscoveryError, discoverFiles, fileKindOf, isHelmChartTemplate } from './discovery.js';
import { embeddedKindsFor, formatHost, isKindChecked, yamlKeysFor } from './embedded.js';
import { loadEmbedded, loadFormatter, loadSyntax, syntaxErrorDiagnostics } from './engine.js';
import type { CliIo } from './io.js';
import { firstInvalidUtf8Byte } from './source.js';
import { RunWriter } from './write.js';

export const FMT_HELP = `Usage: alloy-lint fmt [flags] [file|directory|-]...

Formats Alloy configuration files exactly as \`alloy fmt\` does.
Without a file argument, or with "-", reads standard input and writes the result to standard output.
In YAML files (Helm values, ConfigMaps), templates and Markdown, the Alloy configurations are
formatted in place and every other byte is kept, template tags ({{ }}, {% %}, \${ }) included; a file
with invalid YAML, or whose tags could not be put back exactly, is not formatted (the reason is printed).

Flags:
  -w, --write                 write the result to (source) file instead of stdout; with a directory,
                              formats every .alloy/.river file in it, and the YAML files holding
                              Alloy (upstream refuses directories)
  -t, --test                  exit with non-zero when changes would be made. Cannot be used with -w/--write
      --stdin-filename NAME   the file name of the standard input text (values.yaml: format the
                              Alloy inside it)
      --yaml-key PATTERN      also format the literal block scalars under this YAML key (repeatable)
  -h, --help                  help for fmt
`;

/** An error printed as upstream prints it (`Error: message`); exit code 1. */
class FmtError extends Error {}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function goErrorText(operation: 'stat' | 'open', path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'ELOOP'
            ? 'too many levels of symbolic links'
            : error instanceof Error
              ? error.message
              : String(error);
  return `${operation} ${path}: ${reason}`;
}

interface FmtFlags {
  write: boolean;
  test: boolean;
  /** The writes of this run, with -w. */
  writer?: RunWriter;
  /** `--yaml-key`: added to the configuration's YAML keys. */
  yamlKeys?: string[];
  /** The configurations of the files (their `yamlKeys` and `embedded`), read when a host file is met. */
  configs?: ConfigResolver;
}

/**
 * Formats one text. Returns false when it failed (messages already printed to stderr).
 * `filePath` is the real file for -w, undefined for standard input.
 */
async function formatOne(
  displayName: string,
  bytes: Uint8Array,
  filePath: string | undefined,
  flags: FmtFlags,
  io: CliIo,
  hostPath: string | undefined = filePath,
): Promise<boolean> {
  const kind = hostPath === undefined ? 'alloy' : fileKindOf(hostPath);
  const badByte = firstInvalidUtf8Byte(bytes);
  if (badByte < bytes.length) {
    // Upstream's scanner refuses invalid UTF-8; columns are bytes, as in its messages.
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < badByte; index += 1) {
      if (bytes[index] === 0x0a) {
        line += 1;
        lineStart = index + 1;
      }
    }
    io.stderr.write(`${displayName}:${line}:${badByte - lineStart + 1}: illegal UTF-8 encoding\n`);
    io.stderr.write('Error: encountered errors during formatting\n');
    return false;
  }
  const text = utf8.decode(bytes);
  const formatted = kind === 'alloy' ? await formatAlloyText(text, displayName, io) : await formatHostText(text, hostPath!, displayName, flags, io);
  if (formatted === undefined) return false;
  if (flags.test) {
    if (formatted !== text) {
      io.stderr.write(`Error: file ${displayName} is not formatted correctly\n`);
      return false;
    }
    return true;
  }
  if (!flags.write || filePath === undefined) {
    io.stdout.write(formatted);
    return true;
  }
  if (formatted === text) return true;
  const outcome = (flags.writer ?? new RunWriter()).write(filePath, formatted, bytes);
  if (outcome.status === 'refused') {
    io.stderr.write(`Error: ${displayName}: ${outcome.message}\n`);
    return false;
  }
  return true;
}

/** The formatted text of an Alloy file, or undefined after printing its syntax errors as upstream does. */
async function formatAlloyText(text: string, displayName: string, io: CliIo): Promise<string | undefined> {
  const formatter = await loadFormatter();
  try {
    return formatter.formatAlloy(text);
  } catch (error) {
    const diagnostics = syntaxErrorDiagnostics(error);
    if (!diagnostics) throw error;
    const syntax = await loadSyntax();
    for (const diagnostic of diagnostics) {
      if (diagnostic.severity === 'error') io.stderr.write(`${syntax.formatDiagnostic(diagnostic, displayName, text)}\n`);
    }
    io.stderr.write('Error: encountered errors during formatting\n');
    return undefined;
  }
}

/**
 * A YAML, template or Markdown file with its Alloy formatted (the same text when it holds none, or
 * its kind is turned off), or undefined after printing why it cannot be (invalid YAML, template
 * placeholders, Alloy that does not parse), at host positions.
 */
async function formatHostText(text: string, hostPath: string, displayName: string, flags: FmtFlags, io: CliIo): Promise<string | undefined> {
  flags.configs ??= new ConfigResolver();
  const config: LintConfig = flags.configs.forFile(hostPath);
  const runOptions = { yamlKeys: flags.yamlKeys };
  if (!isKindChecked(fileKindOf(hostPath), embeddedKindsFor(config, runOptions))) return text;
  if (fileKindOf(hostPath) === 'yaml' && isHelmChartTemplate(hostPath)) return text;
  const embedded = await loadEmbedded();
  const extractOptions = { yamlKeys: yamlKeysFor(config, runOptions, embedded.DEFAULT_YAML_KEYS) };
  if (fileKindOf(hostPath) !== 'template' && !embedded.mayContainEmbeddedAlloy(hostPath, text, extractOptions)) return text;
  const outcome = await formatHost({ filePath: hostPath, text, embedded, extractOptions });
  if (outcome.ok) return outcome.text;
  const syntax = await loadSyntax();
  for (const problem of outcome.problems) io.stderr.write(`${syntax.formatDiagnostic(problem, displayName, text)}\n`);
  io.stderr.write('Error: encountered errors during formatting\n');
  return undefined;
}

/** `alloy-lint fmt`: a drop-in for `alloy fmt`. Returns the exit code. */
export async function runFmt(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArguments(argv, [
      { name: 'write', short: 'w' },
      { name: 'test', short: 't' },
      { name: 'stdin-filename', value: true },
      { name: 'yaml-key', value: true, repeatable: true },
      { name: 'help', short: 'h' },
    ]);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`Error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (parsed.flags.has('help')) {
    io.stdout.write(FMT_HELP);
    return 0;
  }
  const flags: FmtFlags = { write: parsed.flags.has('write'), test: parsed.flags.has('test'), yamlKeys: parsed.values.get('yaml-key') };
  const stdinFileName = parsed.values.get('stdin-filename')?.at(-1);
  if (flags.write) flags.writer = new RunWriter();
  if (flags.write && flags.test) {
    io.stderr.write('Error: cannot use -w/--write and -t/--test at the same time\n');
    return 1;
  }
  const targets = parsed.positionals.length === 0 ? ['-'] : parsed.positionals;
  if (stdinFileName !== undefined && !targets.includes('-')) {
    io.stderr.write('Error: --stdin-filename needs standard input (no file argument, or "-")\n');
    return 1;
  }
  let ok = true;
  for (const target of targets) {
    try {
      if (target === '-') {
        if (flags.write) throw new FmtError('cannot use -w with standard input');
        const hostPath = stdinFileName === undefined ? undefined : resolve(io.cwd, stdinFileName);
        ok = (await formatOne(stdinFileName ?? '<stdin>', await io.readStdin(), undefined, flags, io, hostPath)) && ok;
        continue;
      }
      const absolutePath = resolve(io.cwd, target);
      let isDirectory: boolean;
      try {
        isDirectory = statSync(absolutePath).isDirectory();
      } catch (error) {
        throw new FmtError(goErrorText('stat', target, error));
      }
      if (isDirectory) {
        if (!flags.write && !flags.test) throw new FmtError('cannot format a directory');
        let files: string[];
        const displayOf = (path: string): string =>
          path.startsWith(`${absolutePath}/`) ? `${target.replace(/\/+$/, '')}/${path.slice(absolutePath.length + 1)}` : path;
        try {
          files = discoverFiles([absolutePath], {
            cwd: io.cwd,
            embedded: { yaml: true, templates: false },
            onUnreadableDirectory: (directory, reason) => {
              io.stderr.write(`Error: open ${displayOf(directory)}: ${reason}\n`);
              ok = false;
            },
          });
        } catch (error) {
          if (error instanceof DiscoveryError) throw new FmtError(error.message.replace(absolutePath, target));
          throw error;
        }
        for (const filePath of files) {
          ok = (await formatFile(displayOf(filePath), filePath, flags, io)) && ok;
        }
        continue;
      }
      ok = (await formatFile(target, absolutePath, flags, io)) && ok;
    } catch (error) {
      if (!(error instanceof FmtError) && !(error instanceof ConfigError)) throw error;
      io.stderr.write(`Error: ${error.message}\n`);
      ok = false;
    }
  }
  return ok ? 0 : 1;
}

async function formatFile(displayName: string, filePath: string, flags: FmtFlags, io: CliIo): Promise<boolean> {
  flags.writer?.cleanUpBeside(filePath);
  const read = readRegularFile(filePath);
  if (!read.ok) {
    // Upstream's (Go's) wording where upstream can fail the same way.
    switch (read.reason) {
      case 'directory':
        throw new FmtError(`read ${displayName}: is a directory`);
      case 'missing':
        throw new FmtError(`open ${displayName}: no such file or directory`);
      case 'permission':
        throw new FmtError(`open ${displayName}: permission denied`);
      case 'symlink-loop':
        throw new FmtError(`open ${displayName}: too many levels of symbolic links`);
      default:
        throw new FmtError(`${displayName}: ${read.message}`);
    }
  }
  return formatOne(displayName, read.bytes, filePath, flags, io);
}
