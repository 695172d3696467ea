import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError, parseArguments, singleValue, type ParsedArguments } from './args.js';
import { resolveAlloyVersion } from '@alloy-toolkit/schema';
import { ConfigError, loadConfigFile, unknownRuleMessage, unknownVersionMessage } from './config.js';
import { DiscoveryError } from './discovery.js';
import { MissingDependencyError, type RuleInfo, type StabilityLevel } from './engine.js';
import { escapeTerminalLines, escapeTerminalText } from './formatters/escape.js';
import { FORMAT_NAMES, loadReportFormatter, type FormatName } from './formatters/index.js';
import { processIo, shouldUseColor, type CliIo, type OutputStream } from './io.js';
import type { LintOptions } from './lint.js';

export const VERSION = '0.1.0';

export const HELP = `Usage: alloy-lint [options] [file|directory|glob|-]...
       alloy-lint fmt [-w] [-t] [file|directory|-]...
       alloy-lint graph FILE|DIRECTORY [--format mermaid|dot] [--yaml-key PATTERN]
       alloy-lint rules

Checks Grafana Alloy configuration files (.alloy, .river), and the Alloy inside YAML files
(Helm values, ConfigMaps: keys such as config.alloy, alloy.configMap.content, extraConfig),
templates (*.alloy.j2, *.alloy.tmpl, *.alloy.tftpl, ...) and Markdown files named explicitly.
Directories are searched recursively, skipping node_modules and what .gitignore ignores; YAML
files without Alloy are skipped quietly. Files of one directory see each other's components,
as Alloy loads a directory.

Options:
  -f, --format NAME          report format: stylish (default), json, sarif, github, checkstyle, junit
  -o, --output-file FILE     write the report to FILE instead of standard output
      --fix                  apply safe fixes and format the files (written only when they still parse)
      --fix-dry-run          print the fixes as a unified diff instead of writing them
      --check-format         report files that are not formatted as \`alloy fmt\` formats them
      --max-warnings N       exit with 1 when there are more than N warnings
      --quiet                report errors only
  -c, --config FILE          use this configuration file for every file
      --directory-config     check each directory strictly as one configuration
      --stability-level L    generally-available (default), public-preview or experimental
      --alloy-version V      check against Alloy release V (1.0 … 1.18, v1.5.1, latest); default:
                             the configuration's alloyVersion, else what the repository pins
                             (compose, Dockerfile, Helm, manifests, Ansible, Terraform), else the newest
      --print-config FILE    print the settings that apply to FILE as JSON (configuration file,
                             rules, Alloy version and where it came from, assemblies) and exit
      --rule CODE=SETTING    set a rule to off, warn, error or info (repeatable)
      --stdin                read the text to check from standard input (also: a lone "-")
      --stdin-filename NAME  the file name of the standard input text (config lookup, siblings)
      --import-root DIR      import.file may read only below DIR (repeatable; default: the git
                             repository of the checked file, anywhere outside a repository)
      --allow-imports-anywhere
                             let import.file read any path
      --yaml-key PATTERN     also check the literal block scalars (|) under this YAML key
                             (repeatable; * matches any characters; added to the configuration's
                             yamlKeys or the default keys)
      --no-embedded          check .alloy and .river files only, not Alloy in YAML files,
                             templates or Markdown
      --max-file-size BYTES  skip (and report) larger files; default 33554432
      --no-error-on-unmatched-pattern
                             do not stop when a directory or glob holds no Alloy file
      --verbose              show a code frame and hints under each problem
      --color, --no-color    force or disable colours (default: on a terminal; NO_COLOR, FORCE_COLOR)
      --debug                show stack traces of internal errors
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage or internal error.
`;

const lintOptionSpecs = [
  { name: 'format', short: 'f', value: true },
  { name: 'output-file', short: 'o', value: true },
  { name: 'fix' },
  { name: 'fix-dry-run' },
  { name: 'check-format' },
  { name: 'max-warnings', value: true },
  { name: 'quiet' },
  { name: 'config', short: 'c', value: true },
  { name: 'directory-config' },
  { name: 'stability-level', value: true },
  { name: 'alloy-version', value: true },
  { name: 'print-config', value: true },
  { name: 'rule', value: true, repeatable: true },
  { name: 'stdin' },
  { name: 'stdin-filename', value: true },
  { name: 'max-file-size', value: true },
  { name: 'import-root', value: true, repeatable: true },
  { name: 'yaml-key', value: true, repeatable: true },
  { name: 'no-embedded' },
  { name: 'allow-imports-anywhere' },
  { name: 'no-error-on-unmatched-pattern' },
  { name: 'verbose' },
  { name: 'color' },
  { name: 'no-color' },
  { name: 'debug' },
  { name: 'help', short: 'h' },
  { name: 'version', short: 'v' },
];

const stabilityLevels: readonly string[] = ['generally-available', 'public-preview', 'experimental'];
const ruleSettings: readonly string[] = ['off', 'warn', 'error', 'info'];

function nonNegativeInteger(parsed: ParsedArguments, name: string): number | undefined {
  const value = singleValue(parsed, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} needs a non-negative integer, got "${value}"`);
  return Number(value);
}

function importRootsOption(parsed: ParsedArguments): string[] | 'anywhere' | undefined {
  const roots = parsed.values.get('import-root');
  if (parsed.flags.has('allow-imports-anywhere')) {
    if (roots) throw new UsageError('use either --import-root or --allow-imports-anywhere, not both');
    return 'anywhere';
  }
  return roots;
}

function yamlKeysOption(parsed: ParsedArguments): string[] | undefined {
  const keys = parsed.values.get('yaml-key');
  if (keys === undefined) return undefined;
  if (parsed.flags.has('no-embedded')) throw new UsageError('--yaml-key has no effect with --no-embedded');
  for (const key of keys) if (key.trim() === '') throw new UsageError('--yaml-key needs a key pattern, such as config.alloy or "*ExtraConfig"');
  return keys;
}

async function ruleCatalogue(): Promise<Map<string, RuleInfo>> {
  const { lintRules } = await import('./own-rules.js');
  const catalogue = new Map<string, RuleInfo>();
  try {
    const { loadChecker } = await import('./engine.js');
    for (const rule of (await loadChecker()).rules) catalogue.set(rule.code, rule);
  } catch (error) {
    if (!(error instanceof MissingDependencyError)) throw error;
  }
  for (const rule of lintRules) catalogue.set(rule.code, rule);
  return catalogue;
}

/** Every rule code (the checker's and alloy-lint's own); undefined without the checker, when codes cannot be checked. */
async function knownRuleCodes(): Promise<ReadonlySet<string> | undefined> {
  const { lintRules } = await import('./own-rules.js');
  try {
    const { loadChecker } = await import('./engine.js');
    const checkerRules = (await loadChecker()).rules;
    return new Set([...checkerRules, ...lintRules].map((rule) => rule.code));
  } catch (error) {
    if (!(error instanceof MissingDependencyError)) throw error;
    return undefined;
  }
}

function describeErrno(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'EISDIR':
      return 'is a directory';
    default:
      return code ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
}

/**
 * Creates `directory` and its missing parents one level at a time. Node's recursive `mkdirSync`
 * loops forever where a parent can neither be found nor created (`/proc/nope`); here every
 * failure is final. Throws a UsageError naming what failed.
 */
function ensureDirectory(directory: string, what: string): void {
  const missing: string[] = [];
  for (let current = directory; ; ) {
    try {
      if (statSync(current).isDirectory()) break;
      throw new UsageError(`${what}: ${current} is not a directory`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const parent = dirname(current);
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: a file further up; the walk goes on to name it.
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) {
        throw new UsageError(`${what}: ${current}: ${describeErrno(error)}`);
      }
      missing.push(current);
      current = parent;
    }
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (error) {
      throw new UsageError(`${what}: cannot create directory ${path}: ${describeErrno(error)}`);
    }
  }
}

/** Writes the report to `-o FILE`, creating its directory; a failure is a UsageError (exit 2). */
function writeReportFile(outputPath: string, shownPath: string, report: string): void {
  const what = `cannot write the report to ${shownPath}`;
  ensureDirectory(dirname(outputPath), what);
  try {
    writeFileSync(outputPath, report);
  } catch (error) {
    throw new UsageError(`${what}: ${describeErrno(error)}`);
  }
}

async function runLint(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArguments(argv, lintOptionSpecs);
  if (parsed.flags.has('help')) {
    io.stdout.write(HELP);
    return 0;
  }
  if (parsed.flags.has('version')) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const format = (singleValue(parsed, 'format') ?? 'stylish') as FormatName;
  if (!FORMAT_NAMES.includes(format)) {
    throw new UsageError(`unknown format "${format}" (expected ${FORMAT_NAMES.join(', ')})`);
  }
  const maxWarnings = nonNegativeInteger(parsed, 'max-warnings');
  const maxFileSize = nonNegativeInteger(parsed, 'max-file-size');
  const stabilityLevel = singleValue(parsed, 'stability-level');
  if (stabilityLevel !== undefined && !stabilityLevels.includes(stabilityLevel)) {
    throw new UsageError(`unknown stability level "${stabilityLevel}" (expected ${stabilityLevels.join(', ')})`);
  }
  const rules: Record<string, 'off' | 'warn' | 'error' | 'info'> = {};
  for (const rule of parsed.values.get('rule') ?? []) {
    const match = /^([^=]+)=(.+)$/.exec(rule);
    if (!match || !ruleSettings.includes(match[2]!)) {
      throw new UsageError(`--rule needs CODE=off|warn|error|info, got "${rule}"`);
    }
    rules[match[1]!] = match[2] as 'off' | 'warn' | 'error' | 'info';
  }
  const ruleCodes = await knownRuleCodes();
  for (const code of Object.keys(rules)) {
    if (ruleCodes !== undefined && !ruleCodes.has(code)) throw new UsageError(`--rule: ${unknownRuleMessage(code, ruleCodes)}`);
  }
  const alloyVersion = singleValue(parsed, 'alloy-version');
  if (alloyVersion !== undefined && resolveAlloyVersion(alloyVersion) === undefined) {
    throw new UsageError(`--alloy-version: ${unknownVersionMessage(alloyVersion).replace('"alloyVersion" must be', 'expected')}`);
  }
  const printConfigFile = singleValue(parsed, 'print-config');
  const fix = parsed.flags.has('fix');
  const fixDryRun = parsed.flags.has('fix-dry-run');
  if (fix && fixDryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');

  const stdinRequested = parsed.flags.has('stdin') || parsed.positionals.includes('-');
  const targets = parsed.positionals.filter((target) => target !== '-');
  const stdinFileName = singleValue(parsed, 'stdin-filename');
  if (stdinFileName !== undefined && !stdinRequested) throw new UsageError('--stdin-filename needs --stdin (or "-")');
  if (stdinRequested && fix) throw new UsageError('--fix cannot write to standard input; use --fix-dry-run');
  if (!stdinRequested && targets.length === 0 && printConfigFile === undefined) {
    throw new UsageError('no files given (try "alloy-lint ." or "alloy-lint --help")');
  }

  const configPath = singleValue(parsed, 'config');
  const lintOptions: LintOptions = {
    cwd: io.cwd,
    targets,
    config:
      configPath !== undefined
        ? loadConfigFile(resolve(io.cwd, configPath), { knownRuleCodes: ruleCodes, maxFileSize })
        : undefined,
    directoryConfig: parsed.flags.has('directory-config'),
    fix: fix || fixDryRun,
    checkFormat: parsed.flags.has('check-format'),
    stabilityLevel: stabilityLevel as StabilityLevel | undefined,
    rules: Object.keys(rules).length > 0 ? rules : undefined,
    maxFileSize,
    importRoots: importRootsOption(parsed),
    errorOnUnmatched: !parsed.flags.has('no-error-on-unmatched-pattern'),
    knownRuleCodes: ruleCodes,
    alloyVersion,
    embedded: parsed.flags.has('no-embedded') ? false : undefined,
    yamlKeys: yamlKeysOption(parsed),
    onWarning: (message) => io.stderr.write(`alloy-lint: warning: ${message}\n`),
  };
  if (printConfigFile !== undefined) {
    const { effectiveConfig } = await import('./lint.js');
    io.stdout.write(`${JSON.stringify(await effectiveConfig(printConfigFile, lintOptions), null, 2)}\n`);
    return 0;
  }
  if (stdinRequested) lintOptions.stdin = { bytes: await io.readStdin(), fileName: stdinFileName };

  const { lint } = await import('./lint.js');
  let reports = await lint(lintOptions);

  if (fix) {
    const { RunWriter, writeFailedDiagnostic } = await import('./write.js');
    const writer = new RunWriter();
    for (const report of reports) {
      if (report.output === undefined || report.originalSource === undefined) {
        if (report.source !== undefined) writer.cleanUpBeside(report.filePath);
        continue;
      }
      const outcome = writer.write(report.filePath, report.output, report.originalSource);
      if (outcome.status === 'refused') report.diagnostics.unshift(writeFailedDiagnostic(outcome));
    }
  }
  if (fixDryRun && format === 'stylish') {
    const { unifiedDiff } = await import('./diff.js');
    for (const report of reports) {
      if (report.output !== undefined && report.originalSource !== undefined) {
        const diff = unifiedDiff(report.originalSource, report.output, `a/${report.displayPath}`, `b/${report.displayPath}`);
        // Exact when piped (so that it applies); control characters escaped on a terminal.
        io.stdout.write(io.stdout.isTTY === true ? escapeTerminalLines(diff) : diff);
      }
    }
  }

  const { countReports } = await import('./formatters/counts.js');
  const totals = countReports(reports);
  if (parsed.flags.has('quiet')) {
    reports = reports.map((report) => ({
      ...report,
      diagnostics: report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'),
    }));
  }

  const outputFile = singleValue(parsed, 'output-file');
  const color = parsed.flags.has('no-color')
    ? false
    : parsed.flags.has('color') || (outputFile === undefined && shouldUseColor(io.stdout, io.env));
  const formatter = await loadReportFormatter(format);
  const needsRules = format === 'sarif';
  let report = formatter(reports, {
    cwd: io.cwd,
    color,
    verbose: parsed.flags.has('verbose'),
    rules: needsRules ? await ruleCatalogue() : new Map(),
    version: VERSION,
  });
  const tooManyWarnings = maxWarnings !== undefined && totals.warningCount > maxWarnings;
  if (tooManyWarnings && format === 'stylish') {
    report += `\nalloy-lint found too many warnings (maximum: ${maxWarnings}).\n`;
  }
  if (outputFile !== undefined) {
    writeReportFile(resolve(io.cwd, outputFile), outputFile, report);
  } else {
    io.stdout.write(report);
  }
  return totals.errorCount > 0 || tooManyWarnings ? 1 : 0;
}

async function runRules(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArguments(argv, [{ name: 'format', short: 'f', value: true }, { name: 'help', short: 'h' }]);
  if (parsed.flags.has('help')) {
    io.stdout.write('Usage: alloy-lint rules [--format text|json]\n\nLists every rule with its code, default severity and a one-line description.\n');
    return 0;
  }
  const format = singleValue(parsed, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" (expected text or json)`);
  const { loadChecker } = await import('./engine.js');
  const { lintRules } = await import('./own-rules.js');
  const checker = await loadChecker();
  const rules = [...checker.rules, ...lintRules.filter((rule) => !checker.rules.some((known) => known.code === rule.code))];
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return 0;
  }
  const codeWidth = Math.max(...rules.map((rule) => rule.code.length));
  for (const rule of rules) {
    const description = rule.description.split('\n')[0]!.trim();
    const line = `${rule.code.padEnd(codeWidth)}  ${rule.defaultSeverity.padEnd(5)}  ${rule.fixable ? 'fixable  ' : '         '}${description}`;
    io.stdout.write(`${escapeTerminalText(line)}\n`);
  }
  return 0;
}

/**
 * Runs the CLI as this process: the exit code is set, not passed to `process.exit`, so that piped
 * output is flushed first; an error that escapes `runCli` (a bug) still exits with 2.
 */
export function runAsProcess(argv: readonly string[]): Promise<void> {
  return runCli(argv).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}

/** A stream that shows control characters escaped (error lines quote paths and values from configurations). */
function escapingStream(stream: OutputStream): OutputStream {
  return { write: (text) => stream.write(escapeTerminalLines(text)), isTTY: stream.isTTY };
}

/** Runs the command line; returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], cliIo: CliIo = processIo()): Promise<number> {
  const io: CliIo = { ...cliIo, stderr: escapingStream(cliIo.stderr) };
  const optionsEnd = argv.indexOf('--');
  const options = optionsEnd === -1 ? argv : argv.slice(0, optionsEnd);
  const debug = options.includes('--debug');
  // --debug is global: `alloy-lint --debug fmt FILE` is `alloy-lint fmt --debug FILE`. Subcommands
  // other than the lint run get their arguments without it.
  let commandIndex = 0;
  while (argv[commandIndex] === '--debug') commandIndex += 1;
  const command = argv[commandIndex];
  const rest = argv.slice(commandIndex + 1).filter((argument, index) => {
    const position = commandIndex + 1 + index;
    return argument !== '--debug' || (optionsEnd !== -1 && position > optionsEnd);
  });
  try {
    if (command === 'fmt' || command === 'format') {
      const { runFmt } = await import('./fmt.js');
      return await runFmt(rest, io);
    }
    if (command === 'graph') {
      const { runGraph } = await import('./graph-command.js');
      return await runGraph(rest, io);
    }
    if (command === 'rules') return await runRules(rest, io);
    return await runLint(argv, io);
  } catch (error) {
    const known =
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof DiscoveryError ||
      error instanceof MissingDependencyError;
    const message = error instanceof Error ? error.message : String(error);
    const shown = escapeTerminalText(known ? message : `internal error: ${message.split('\n')[0]}`);
    io.stderr.write(`alloy-lint: ${shown}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    else if (!known) io.stderr.write('(run with --debug for details)\n');
    return 2;
  }
}
