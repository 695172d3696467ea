import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { readRegularFile, type ReadOutcome } from '@alloy-toolkit/files';
import { chooseAlloyVersion, repositoryRoot, type AlloyVersionChoice, type EmbeddedKinds } from '@alloy-toolkit/config';
import { ConfigResolver, type LintConfig } from './config.js';
import {
  discoverTargets,
  fileKindOf,
  foundNothing,
  isAlloyFileName,
  isHelmChartTemplate,
  listDirectoryFiles,
  nothingFoundError,
  type FileKind,
} from './discovery.js';
import { checkHost, embeddedKindsFor, isKindChecked, yamlKeysFor } from './embedded.js';
import {
  loadChecker,
  loadEmbedded,
  loadFormatter,
  loadSyntax,
  type CheckerModule,
  type EmbeddedModule,
  type Diagnostic,
  type RuleSetting,
  type StabilityLevel,
} from './engine.js';
import { RunFileSystem } from './filesystem.js';
import { FORMAT_CODE } from './own-rules.js';
import { decodeSource, startOfFile } from './source.js';
import { DIRECTIVE_MARKER, UNUSED_SUPPRESSION_CODE, applySuppressions, parseDirectives } from './suppressions.js';

export { FORMAT_CODE };
export const UNREADABLE_DIRECTORY_CODE = 'alloy-lint/unreadable-directory';
export const DEFAULT_MAX_FILE_SIZE = 32 * 1024 * 1024;

/** What was found in one file. */
export interface FileReport {
  /** Absolute path (for standard input: the `--stdin-filename`, resolved, or `<stdin>`). */
  filePath: string;
  /** The path as shown to people: relative to the working directory when inside it. */
  displayPath: string;
  /** Problems, sorted by position. Severity is never `hint` here. */
  diagnostics: Diagnostic[];
  /** The text that was checked (after fixes); undefined when the file could not be read. */
  source?: string;
  /** The fixed and formatted text, when `--fix`/`--fix-dry-run` changed the file. */
  output?: string;
  /** The text before fixes, when `output` is set. */
  originalSource?: string;
}

export interface StdinInput {
  text?: string;
  bytes?: Uint8Array;
  /** `--stdin-filename`: names the text for messages, configuration lookup and sibling files. */
  fileName?: string;
}

export interface LintOptions {
  cwd?: string;
  /** Files, directories and globs. */
  targets?: string[];
  stdin?: StdinInput;
  /** `--config FILE`: used for every file instead of the nearest configuration. */
  config?: LintConfig;
  /** Check each directory strictly as one configuration (`checkConfig`). */
  directoryConfig?: boolean;
  /** Compute fixes (`--fix`, `--fix-dry-run`): reports carry `output`. Writing is the caller's job. */
  fix?: boolean;
  /** Report files that are not formatted (`--check-format`). */
  checkFormat?: boolean;
  /** Overrides every configuration's `stabilityLevel`. */
  stabilityLevel?: StabilityLevel;
  /** Rule settings given on the command line; they win over configuration files. */
  rules?: Record<string, RuleSetting>;
  maxFileSize?: number;
  /**
   * Directories that `import.file` may read from (`--import-root`). Default: the git repository that
   * holds the checked file, or anywhere for a file outside a repository; `'anywhere'` lifts the limit.
   */
  importRoots?: string[] | 'anywhere';
  /** Throw when a directory or glob yields no file (default true). */
  errorOnUnmatched?: boolean;
  /** `--alloy-version`: the Alloy release every file is checked against, over configurations and detection. */
  alloyVersion?: string;
  /** Read the release from the repository (compose files, Dockerfiles, Helm, manifests, ...) when none is set (default true). */
  detectAlloyVersion?: boolean;
  /**
   * The directory whose other directories are searched for names a file does not define (their
   * places become `related` of the unresolved reference). Default: the git repository of the file,
   * none outside a repository.
   */
  workspaceRoot?: string;
  /** Called once per distinct warning about the Alloy version (conflicting pins, unknown tags). */
  onWarning?: (message: string) => void;
  /**
   * The rule codes that exist (the checker's and alloy-lint's own): a configuration file whose
   * `rules` name another code stops the run (ConfigError). Without it, codes are not checked.
   */
  knownRuleCodes?: ReadonlySet<string>;
  /**
   * `false` (`--no-embedded`): only `.alloy` and `.river` files are checked, not the Alloy inside YAML
   * files, templates and Markdown (which the configuration's `embedded` can also turn off kind by kind).
   */
  embedded?: boolean;
  /** `--yaml-key`: YAML key patterns added to the configuration's `yamlKeys` (or the default list). */
  yamlKeys?: string[];
}

interface WorkFile {
  report: FileReport;
  text?: string;
  config: LintConfig;
  /** What the file holds: Alloy, or Alloy inside YAML, a template or Markdown (a host file). */
  kind: FileKind;
  /** Only loaded for context (directory mode): not reported. */
  contextOnly?: boolean;
}

function displayPathOf(cwd: string, filePath: string): string {
  const relativePath = relative(cwd, filePath);
  return relativePath !== '' && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath : filePath;
}

function fileProblem(code: string, message: string, line = 1, column = 1): Diagnostic {
  const position = { offset: 0, line, column };
  return { code, severity: 'error', message, range: { start: position, end: position } };
}

function describeReadRefusal(refusal: Extract<ReadOutcome, { ok: false }>): string {
  switch (refusal.reason) {
    case 'permission':
      return 'cannot read file: permission denied';
    case 'missing':
      return 'cannot read file: no such file (dangling symbolic link?)';
    case 'directory':
      return 'cannot read file: it is a directory';
    default:
      return `cannot read file: ${refusal.message}`; // "not a regular file (a fifo)", ...
  }
}

function settingToSeverity(setting: RuleSetting): Diagnostic['severity'] | undefined {
  if (setting === 'off') return undefined;
  if (setting === 'warn') return 'warning';
  return setting;
}

/** Applies rule settings to the problems alloy-lint reports itself (`alloy-lint/*`). */
function applyOwnRuleSettings(diagnostics: Diagnostic[], rules: Record<string, RuleSetting>): Diagnostic[] {
  const result: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const setting = diagnostic.code.startsWith('alloy-lint/') ? rules[diagnostic.code] : undefined;
    if (setting === undefined) {
      result.push(diagnostic);
      continue;
    }
    const severity = settingToSeverity(setting);
    if (severity) result.push({ ...diagnostic, severity });
  }
  return result;
}

function byPosition(left: Diagnostic, right: Diagnostic): number {
  return left.range.start.offset - right.range.start.offset || left.range.end.offset - right.range.end.offset;
}

/** Reads a target: a regular file of at most `maxFileSize` bytes (a fifo or device is refused, never waited on). */
function readSource(filePath: string, maxFileSize: number): { text?: string; problem?: Diagnostic } {
  const outcome = readRegularFile(filePath, { maxBytes: maxFileSize });
  if (outcome.ok) return decodeBytes(outcome.bytes);
  if (outcome.reason === 'too-large') {
    let size: string = `more than ${maxFileSize} bytes`;
    try {
      const { size: statSize } = statSync(filePath);
      if (statSize > maxFileSize) size = `${statSize} bytes`;
    } catch {
      // Keep the lower bound.
    }
    return {
      problem: fileProblem(
        'alloy-lint/file-too-large',
        `file is too large to check (${size}; the limit is ${maxFileSize}, see --max-file-size)`,
      ),
    };
  }
  return { problem: fileProblem('alloy-lint/unreadable-file', describeReadRefusal(outcome)) };
}

function decodeBytes(bytes: Uint8Array): { text?: string; problem?: Diagnostic } {
  const decoded = decodeSource(bytes);
  if (decoded.ok) return { text: decoded.text };
  const { code, message, line, column } = decoded.problem;
  return { problem: fileProblem(code, message, line, column) };
}

function mergedRules(config: LintConfig, options: LintOptions): Record<string, RuleSetting> {
  return options.rules ? { ...config.rules, ...options.rules } : config.rules;
}

/**
 * Checks files and returns one report per file, in discovery order. Throws
 * ConfigError / DiscoveryError / MissingDependencyError for problems that
 * stop the run (exit code 2 on the command line).
 */
export async function lint(options: LintOptions): Promise<FileReport[]> {
  const cwd = options.cwd ?? process.cwd();
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const resolver = new ConfigResolver(options.config, { knownRuleCodes: options.knownRuleCodes, maxFileSize });
  const fileSystem = new RunFileSystem(maxFileSize);
  const work: WorkFile[] = [];

  if (options.stdin) {
    const named = options.stdin.fileName !== undefined;
    const filePath = named ? resolve(cwd, options.stdin.fileName!) : '<stdin>';
    const decoded =
      options.stdin.text !== undefined ? { text: options.stdin.text } : decodeBytes(options.stdin.bytes ?? new Uint8Array());
    const config = named ? resolver.forFile(filePath) : resolver.forDirectory(cwd);
    const report: FileReport = {
      filePath,
      displayPath: named ? displayPathOf(cwd, filePath) : '<stdin>',
      diagnostics: decoded.problem ? [decoded.problem] : [],
    };
    const kind = named ? fileKindOf(filePath) : 'alloy';
    if (await isCheckedHost(filePath, kind, decoded.text, config, options)) {
      if (decoded.text !== undefined && named && kind === 'alloy') fileSystem.setText(filePath, decoded.text);
      work.push({ report, text: decoded.text, config, kind });
    }
  }

  const targets = options.targets ?? [];
  if (targets.length > 0) {
    const discoveryOptions = {
      cwd,
      isIgnored: (path: string) => resolver.isIgnored(path),
      errorOnUnmatched: options.errorOnUnmatched,
      maxFileSize,
      embedded: options.embedded === false ? undefined : { yaml: true, templates: true },
      onUnreadableDirectory: (directory: string, reason: string) => {
        work.push({
          report: {
            filePath: directory,
            displayPath: displayPathOf(cwd, directory),
            diagnostics: [fileProblem(UNREADABLE_DIRECTORY_CODE, `cannot list directory: ${reason}; the files in it were not checked`)],
          },
          config: resolver.forDirectory(directory),
          kind: 'alloy',
        });
      },
    };
    const found = discoverTargets(targets, discoveryOptions);
    const named = new Set(found.filter((target) => target.kind === 'file').flatMap((target) => target.files));
    const seen = new Set<string>();
    const kept = new Set<string>();
    for (const target of found) {
      for (const filePath of target.files) {
        if (seen.has(filePath)) continue;
        seen.add(filePath);
        const kind = fileKindOf(filePath);
        const config = resolver.forFile(filePath);
        if (!isKindChecked(kind, embeddedKindsFor(config, options))) continue;
        const source = readSource(filePath, maxFileSize);
        // A YAML file found by a search that cannot be read may not hold Alloy at all: left out quietly.
        if (source.text === undefined && kind !== 'alloy' && !named.has(filePath)) continue;
        if (!(await isCheckedHost(filePath, kind, source.text, config, options))) continue;
        kept.add(filePath);
        const report: FileReport = {
          filePath,
          displayPath: displayPathOf(cwd, filePath),
          diagnostics: source.problem ? [source.problem] : [],
        };
        work.push({ report, text: source.text, config, kind });
      }
    }
    for (const target of found) {
      const empty = { ...target, files: target.files.filter((filePath) => kept.has(filePath)) };
      if (foundNothing(empty, discoveryOptions)) throw nothingFoundError(target, discoveryOptions.embedded);
    }
  }

  const checkable = work.filter((item) => item.text !== undefined && item.kind === 'alloy');
  const hosts = work.filter((item) => item.text !== undefined && item.kind !== 'alloy');
  if (checkable.length > 0) {
    const checker = await loadChecker();
    const groups = options.directoryConfig
      ? directoryGroups(checkable, resolver, maxFileSize)
      : checkable.map((item) => [item]);
    for (const group of groups) {
      await checkGroup(group, checker, fileSystem, options);
    }
  }
  if (hosts.length > 0) {
    const checker = await loadChecker();
    const embedded = await loadEmbedded();
    for (const host of hosts) await checkHostFile(host, checker, embedded, fileSystem, options);
  }

  for (const item of work) {
    item.report.diagnostics = applyOwnRuleSettings(
      item.report.diagnostics.filter((diagnostic) => diagnostic.severity !== 'hint'),
      mergedRules(item.config, options),
    ).sort(byPosition);
  }
  return work.filter((item) => !item.contextOnly).map((item) => item.report);
}

/**
 * Whether a file that holds Alloy inside another format is checked: a YAML or Markdown file only
 * when its text may hold Alloy (a configured key or `# language=alloy`, an `alloy` fence); the
 * others, and the templates of Helm charts (Go templates, not YAML), are left out quietly
 * (pre-commit passes every YAML file). Alloy files always are.
 */
async function isCheckedHost(filePath: string, kind: FileKind, text: string | undefined, config: LintConfig, options: LintOptions): Promise<boolean> {
  if (kind === 'alloy') return true;
  if (!isKindChecked(kind, embeddedKindsFor(config, options))) return false;
  if (kind === 'yaml' && isHelmChartTemplate(filePath)) return false;
  if (text === undefined || kind === 'template') return true;
  const embedded = await loadEmbedded();
  return embedded.mayContainEmbeddedAlloy(filePath, text, { yamlKeys: yamlKeysFor(config, options, embedded.DEFAULT_YAML_KEYS) });
}

/**
 * Checks a file holding Alloy configurations (YAML, template, Markdown): each one as a whole
 * configuration of its own (no sibling files), every position in the host file.
 */
async function checkHostFile(item: WorkFile, checker: CheckerModule, embedded: EmbeddedModule, fileSystem: RunFileSystem, options: LintOptions): Promise<void> {
  const filePath = item.report.filePath;
  const checkOptions = {
    fileSystem,
    stabilityLevel: options.stabilityLevel ?? item.config.stabilityLevel,
    rules: mergedRules(item.config, options),
    importRoots: importRootsFor(filePath, options),
    ...versionOptions(filePath, item.config, options),
    fileName: filePath,
    siblings: false,
  };
  const outcome = await checkHost({
    filePath,
    displayPath: item.report.displayPath,
    text: item.text!,
    embedded,
    extractOptions: { yamlKeys: yamlKeysFor(item.config, options, embedded.DEFAULT_YAML_KEYS) },
    check: (text) => checker.checkText(text, checkOptions).diagnostics,
    applyFixes: (text, diagnostics) => checker.applyFixes(text, diagnostics),
    fix: options.fix,
    checkFormat: options.checkFormat,
  });
  item.report.diagnostics.push(...outcome.diagnostics);
  item.report.source = item.text;
  if (outcome.output !== undefined) {
    item.report.output = outcome.output;
    item.report.originalSource = item.text;
  }
}

/**
 * Groups files by directory for `--directory-config`, adding the other
 * `.alloy` files of each directory (Alloy loads them all) as context. The
 * directories of one assembly (the configuration's `assemblies`: deployed
 * together into one directory) form one group, with the files of all of them.
 */
function directoryGroups(items: WorkFile[], resolver: ConfigResolver, maxFileSize: number): WorkFile[][] {
  const groups = new Map<string, { directories: string[]; files: WorkFile[] }>();
  for (const item of items) {
    const directory = dirname(item.report.filePath);
    const assembly = item.report.filePath === '<stdin>' ? undefined : assemblyOf(directory, item.config);
    const directories = assembly ?? [directory];
    const key = directories.join('\0');
    const group = groups.get(key) ?? { directories, files: [] };
    group.files.push(item);
    groups.set(key, group);
  }
  for (const { directories, files: group } of groups.values()) {
    if (group.some((item) => item.report.filePath === '<stdin>')) continue;
    const present = new Set(group.map((item) => item.report.filePath));
    for (const directory of directories) {
      for (const siblingPath of listDirectoryFiles(directory)) {
        if (present.has(siblingPath) || !isAlloyFileName(siblingPath) || !siblingPath.endsWith('.alloy')) continue;
        const source = readSource(siblingPath, maxFileSize);
        if (source.text === undefined) continue;
        present.add(siblingPath);
        group.push({
          report: { filePath: siblingPath, displayPath: siblingPath, diagnostics: [] },
          text: source.text,
          config: resolver.forFile(siblingPath),
          kind: 'alloy',
          contextOnly: true,
        });
      }
    }
  }
  return [...groups.values()].map((group) => group.files);
}

/** The directories of the assembly `directory` belongs to in `config` (sorted, itself included), if any. */
function assemblyOf(directory: string, config: LintConfig): string[] | undefined {
  const group = config.assemblies.find((directories) => directories.includes(directory));
  return group ? [...new Set([directory, ...group])].sort() : undefined;
}

const repositoryRoots = new Map<string, string | undefined>();

/** `repositoryRoot` of the directory, remembered for the run (many files share a directory). */
function repositoryRootOf(directory: string): string | undefined {
  if (!repositoryRoots.has(directory)) repositoryRoots.set(directory, repositoryRoot(directory));
  return repositoryRoots.get(directory);
}

/** The import roots of a file (see `LintOptions.importRoots`); undefined means anywhere. */
function importRootsFor(filePath: string, options: LintOptions): string[] | undefined {
  if (options.importRoots === 'anywhere') return undefined;
  if (options.importRoots !== undefined) return options.importRoots.map((root) => resolve(options.cwd ?? process.cwd(), root));
  const directory = filePath === '<stdin>' ? resolve(options.cwd ?? process.cwd()) : dirname(filePath);
  const repository = repositoryRootOf(directory);
  return repository === undefined ? undefined : [repository];
}

/** The Alloy release a file is checked against (see `chooseAlloyVersion`), its warnings passed to `onWarning` once each. */
export function alloyVersionFor(filePath: string, config: LintConfig, options: LintOptions, warned?: Set<string>): AlloyVersionChoice {
  const cwd = resolve(options.cwd ?? process.cwd());
  const path = filePath === '<stdin>' ? join(cwd, '<stdin>') : filePath;
  const choice = chooseAlloyVersion(path, {
    explicit: options.alloyVersion === undefined ? undefined : { version: options.alloyVersion, source: '--alloy-version' },
    config,
    detect: options.detectAlloyVersion === false ? false : {},
  });
  for (const warning of choice.warnings) {
    if (warned?.has(warning)) continue;
    warned?.add(warning);
    options.onWarning?.(warning);
  }
  return choice;
}

const warnedOnce = new WeakMap<LintOptions, Set<string>>();

/** The checker options that name the Alloy release (none for the default, the newest). */
function versionOptions(filePath: string, config: LintConfig, options: LintOptions): { alloyVersion?: string; alloyVersionSource?: string } {
  let warned = warnedOnce.get(options);
  if (!warned) {
    warned = new Set();
    warnedOnce.set(options, warned);
  }
  const choice = alloyVersionFor(filePath, config, options, warned);
  return choice.origin === 'default' ? {} : { alloyVersion: choice.version, alloyVersionSource: choice.source };
}

/** The assembly the file's directory belongs to (the other directories of its group) and the workspace searched for other definitions. */
function assemblyOptions(filePath: string, config: LintConfig, options: LintOptions): { assembly?: string[]; workspaceRoot?: string } {
  const directory = dirname(filePath);
  const group = config.assemblies.find((directories) => directories.includes(directory));
  const result: { assembly?: string[]; workspaceRoot?: string } = {};
  if (group) result.assembly = group.filter((other) => other !== directory);
  const root = options.workspaceRoot ?? repositoryRootOf(directory);
  if (root !== undefined) result.workspaceRoot = resolve(options.cwd ?? process.cwd(), root);
  return result;
}

/** Runs the checker on a group (one file, or one directory) and returns the diagnostics per file. */
function runChecker(
  group: WorkFile[],
  texts: string[],
  checker: CheckerModule,
  fileSystem: RunFileSystem,
  options: LintOptions,
): Diagnostic[][] {
  const config = group[0]!.config;
  const checkOptions = {
    fileSystem,
    stabilityLevel: options.stabilityLevel ?? config.stabilityLevel,
    rules: mergedRules(config, options),
    importRoots: importRootsFor(group[0]!.report.filePath, options),
    ...versionOptions(group[0]!.report.filePath, config, options),
  };
  if (options.directoryConfig && group.length > 0 && group[0]!.report.filePath !== '<stdin>') {
    const result = checker.checkConfig(
      group.map((item, index) => ({ fileName: item.report.filePath, text: texts[index]! })),
      checkOptions,
    );
    const byName = new Map(result.files.map((file) => [resolve(file.fileName), file.diagnostics]));
    return group.map((item) => byName.get(item.report.filePath) ?? []);
  }
  return group.map((item, index) => {
    const isStdin = item.report.filePath === '<stdin>';
    return checker.checkText(texts[index]!, {
      ...checkOptions,
      rules: mergedRules(item.config, options),
      stabilityLevel: options.stabilityLevel ?? item.config.stabilityLevel,
      ...versionOptions(item.report.filePath, item.config, options),
      ...(isStdin ? {} : assemblyOptions(item.report.filePath, item.config, options)),
      fileName: isStdin ? undefined : item.report.filePath,
      siblings: !isStdin,
    }).diagnostics;
  });
}

async function parsesCleanly(text: string): Promise<boolean> {
  const syntax = await loadSyntax();
  return !syntax.parse(text).diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

const MAX_FIX_PASSES = 10;

async function checkGroup(
  group: WorkFile[],
  checker: CheckerModule,
  fileSystem: RunFileSystem,
  options: LintOptions,
): Promise<void> {
  const originals = group.map((item) => item.text!);
  let texts = [...originals];
  let diagnostics = runChecker(group, texts, checker, fileSystem, options);

  if (options.fix) {
    for (let pass = 0; pass < MAX_FIX_PASSES; pass += 1) {
      let changed = false;
      texts = texts.map((text, index) => {
        if (group[index]!.contextOnly) return text;
        const fixable = diagnostics[index]!.filter((diagnostic) => diagnostic.fix !== undefined);
        if (fixable.length === 0) return text;
        const fixed = checker.applyFixes(text, fixable);
        if (fixed.applied === 0 || fixed.text === text) return text;
        changed = true;
        return fixed.text;
      });
      if (!changed) break;
      texts.forEach((text, index) => fileSystem.setText(group[index]!.report.filePath, text));
      diagnostics = runChecker(group, texts, checker, fileSystem, options);
    }
    const formatter = await loadFormatter();
    let reformatted = false;
    for (let index = 0; index < group.length; index += 1) {
      if (group[index]!.contextOnly) continue;
      const original = originals[index]!;
      let text = texts[index]!;
      try {
        const formatted = formatter.formatAlloy(text);
        if (formatted !== text) {
          text = formatted;
          reformatted = true;
        }
      } catch {
        // Does not parse yet: keep the fixes only if they parse (checked below).
      }
      if (text !== original && !(await parsesCleanly(text))) {
        text = original; // never hand back a text that does not parse
        reformatted = true;
      }
      texts[index] = text;
    }
    if (reformatted || texts.some((text, index) => text !== originals[index])) {
      texts.forEach((text, index) => fileSystem.setText(group[index]!.report.filePath, text));
      diagnostics = runChecker(group, texts, checker, fileSystem, options);
    }
  }

  for (let index = 0; index < group.length; index += 1) {
    const item = group[index]!;
    if (item.contextOnly) continue;
    const text = texts[index]!;
    let fileDiagnostics = diagnostics[index]!;
    if (text.includes(DIRECTIVE_MARKER)) {
      const syntax = await loadSyntax();
      const parsed = syntax.parse(text);
      const outcome = applySuppressions(fileDiagnostics, parseDirectives(parsed.comments, parsed.lines));
      fileDiagnostics = [...outcome.kept, ...outcome.unused];
    }
    if (options.checkFormat) {
      const problem = await formatProblem(text, fileDiagnostics, item.report.displayPath);
      if (problem) fileDiagnostics = [...fileDiagnostics, problem];
    }
    item.report.diagnostics.push(...fileDiagnostics);
    item.report.source = text;
    if (text !== originals[index]) {
      item.report.output = text;
      item.report.originalSource = originals[index];
    }
  }
}

async function formatProblem(text: string, diagnostics: Diagnostic[], displayPath: string): Promise<Diagnostic | undefined> {
  if (diagnostics.some((diagnostic) => diagnostic.code.startsWith('syntax/') && diagnostic.severity === 'error')) {
    return undefined; // cannot be formatted until it parses; the syntax errors say why
  }
  const formatter = await loadFormatter();
  let formatted: string;
  try {
    formatted = formatter.formatAlloy(text);
  } catch {
    return undefined;
  }
  if (formatted === text) return undefined;
  const target = displayPath === '<stdin>' ? '-' : displayPath;
  return {
    code: FORMAT_CODE,
    severity: 'error',
    message: `file is not formatted (run: alloy-lint fmt -w ${target})`,
    range: startOfFile,
  };
}

export { UNUSED_SUPPRESSION_CODE };

/** What `alloy-lint --print-config FILE` prints: the settings that apply to FILE, and where they came from. */
export interface EffectiveConfig {
  file: string;
  /** The configuration file used (`--config` or the nearest one); null for the defaults. */
  configFile: string | null;
  rules: Record<string, RuleSetting>;
  ignorePatterns: string[];
  /** FILE matches the configuration's `ignorePatterns`. */
  ignored: boolean;
  stabilityLevel: StabilityLevel;
  alloyVersion: { version: string; source: string; origin: AlloyVersionChoice['origin'] };
  assemblies: string[][];
  /** The YAML keys whose literal block scalars are checked as Alloy (`yamlKeys`, then `--yaml-key`). */
  yamlKeys: string[];
  /** Which files holding Alloy are checked besides `.alloy` and `.river` (`embedded`, `--no-embedded`). */
  embedded: EmbeddedKinds;
  /** Conflicting version pins, unknown image tags. */
  warnings: string[];
}

/** The effective settings for `filePath`; throws ConfigError as `lint` does. */
export async function effectiveConfig(filePath: string, options: LintOptions): Promise<EffectiveConfig> {
  const resolver = new ConfigResolver(options.config, { knownRuleCodes: options.knownRuleCodes, maxFileSize: options.maxFileSize });
  const path = resolve(options.cwd ?? process.cwd(), filePath);
  const config = resolver.forFile(path);
  const choice = alloyVersionFor(path, config, { ...options, onWarning: undefined });
  return {
    file: path,
    configFile: config.file ?? null,
    rules: mergedRules(config, options),
    ignorePatterns: config.ignorePatterns,
    ignored: resolver.isIgnored(path),
    stabilityLevel: options.stabilityLevel ?? config.stabilityLevel ?? 'generally-available',
    alloyVersion: { version: choice.version, source: choice.source, origin: choice.origin },
    assemblies: config.assemblies,
    yamlKeys: yamlKeysFor(config, options, (await loadEmbedded()).DEFAULT_YAML_KEYS),
    embedded: embeddedKindsFor(config, options),
    warnings: choice.warnings,
  };
}
