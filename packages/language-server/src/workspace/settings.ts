import { existsSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { readRegularTextFile, type StabilityLevel } from '../toolkit.js';
import { fileKind } from './fileKind.js';

export type RuleLevel = 'off' | 'warn' | 'error' | 'info';

/** The `alloy` settings section (also accepted as initializationOptions). */
export interface AlloySettings {
  stabilityLevel?: StabilityLevel;
  rules?: Record<string, RuleLevel>;
  /** Path to an `.alloy-lint.json` or a package.json with an `alloy-lint` key; relative paths are taken from the first workspace folder. */
  lintConfigPath?: string;
  imports?: {
    /** `import.file` may read files outside the workspace folders (default false: such an import is reported, not read). */
    allowOutsideWorkspace?: boolean;
  };
}

/** What applies to one document once editor settings and the lint config file are merged. */
export interface EffectiveSettings {
  stabilityLevel?: StabilityLevel;
  rules: Record<string, RuleLevel>;
  /** The document matches an `ignorePatterns` entry: only syntax errors are reported. */
  ignored: boolean;
  /** The lint config file could not be used; reported on the document. */
  configProblem?: string;
  configFile?: string;
  /** The directories `import.file` may read from; `undefined`: anywhere. */
  importRoots?: string[];
}

export const lintConfigFileName = '.alloy-lint.json';
const stabilityLevels: ReadonlySet<string> = new Set(['generally-available', 'public-preview', 'experimental']);
const ruleLevels: ReadonlySet<string> = new Set(['off', 'warn', 'error', 'info']);
const numericLevels: Record<number, RuleLevel> = { 0: 'off', 1: 'warn', 2: 'error' };

/** Keeps only the well-formed parts of a settings object coming from a client. */
export function sanitizeSettings(value: unknown): AlloySettings {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  const source = typeof record.alloy === 'object' && record.alloy !== null ? (record.alloy as Record<string, unknown>) : record;
  const settings: AlloySettings = {};
  if (typeof source.stabilityLevel === 'string' && stabilityLevels.has(source.stabilityLevel)) {
    settings.stabilityLevel = source.stabilityLevel as StabilityLevel;
  }
  if (typeof source.lintConfigPath === 'string' && source.lintConfigPath.trim() !== '') {
    settings.lintConfigPath = source.lintConfigPath;
  }
  const rules = parseRules(source.rules);
  if (rules) settings.rules = rules.rules;
  // Nested as VS Code's workspace/configuration returns it, or one dotted key as some clients send it.
  const imports = source.imports;
  const allowOutsideWorkspace =
    typeof imports === 'object' && imports !== null ? (imports as Record<string, unknown>).allowOutsideWorkspace : source['imports.allowOutsideWorkspace'];
  if (typeof allowOutsideWorkspace === 'boolean') settings.imports = { allowOutsideWorkspace };
  return settings;
}

function parseRules(value: unknown): { rules: Record<string, RuleLevel>; problems: string[] } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const rules: Record<string, RuleLevel> = {};
  const problems: string[] = [];
  for (const [code, level] of Object.entries(value as Record<string, unknown>)) {
    if (typeof level === 'string' && ruleLevels.has(level)) rules[code] = level as RuleLevel;
    else if (typeof level === 'number' && numericLevels[level]) rules[code] = numericLevels[level]!;
    else problems.push(`rule "${code}" has setting ${JSON.stringify(level)}; expected "off", "warn", "error" or "info"`);
  }
  return { rules, problems };
}

interface LintConfigFile {
  path: string;
  rules: Record<string, RuleLevel>;
  stabilityLevel?: StabilityLevel;
  ignorePatterns: string[];
  problem?: string;
}

/** The key of a package.json that holds an alloy-lint configuration, as alloy-lint reads it. */
export const packageJsonKey = 'alloy-lint';
const knownConfigKeys: ReadonlySet<string> = new Set(['$schema', 'rules', 'ignorePatterns', 'stabilityLevel']);

/** JSON.parse after a byte order mark, as alloy-lint reads its configuration. */
function parseJson(text: string): unknown {
  return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
}

/** The most bytes read from a configuration file (an `.alloy-lint.json` or a package.json). */
export const maxConfigFileBytes = 4 * 1024 * 1024;

/** A missing file is `undefined`; one that exists but is refused (a fifo, a device, too large, unreadable) is a problem. */
function readJsonFile(path: string): { value?: unknown; problem?: string } | undefined {
  // Refused on stat, without opening: opening some devices has effects of its own.
  try {
    const stats = statSync(path);
    if (!stats.isFile() && !stats.isDirectory()) return { problem: `${path}: not a regular file (${fileKind(stats)})` };
  } catch {
    // missing or unreadable: the read below says which
  }
  const outcome = readRegularTextFile(path, { maxBytes: maxConfigFileBytes });
  if (!outcome.ok) return outcome.reason === 'missing' ? undefined : { problem: `${path}: ${outcome.message}` };
  const text = outcome.text;
  try {
    return { value: parseJson(text) };
  } catch (error) {
    return { problem: `${path}: invalid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Reads an alloy-lint configuration: an `.alloy-lint.json`, or the `alloy-lint` key of a
 * package.json. What alloy-lint refuses is reported as a problem (the valid parts still
 * apply); a broken file never throws.
 */
export function readLintConfig(path: string): LintConfigFile | undefined {
  const json = readJsonFile(path);
  if (!json) return undefined;
  const config: LintConfigFile = { path, rules: {}, ignorePatterns: [] };
  if (json.problem) {
    config.problem = json.problem;
    return config;
  }
  let value = json.value;
  let where = path;
  if (basename(path) === 'package.json') {
    value = (value as Record<string, unknown> | null)?.[packageJsonKey];
    where = `${path} ("${packageJsonKey}" key)`;
    if (value === undefined) {
      config.problem = `${path} has no "${packageJsonKey}" key`;
      return config;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    config.problem = `${where}: expected an object with "rules", "ignorePatterns" or "stabilityLevel"`;
    return config;
  }
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(record)) {
    if (!knownConfigKeys.has(key)) problems.push(`unknown option "${key}" (expected "rules", "ignorePatterns" or "stabilityLevel")`);
  }
  if (record.rules !== undefined) {
    const rules = parseRules(record.rules);
    if (rules) {
      config.rules = rules.rules;
      problems.push(...rules.problems);
    } else {
      problems.push('"rules" must be an object mapping rule codes to "off", "warn" or "error"');
    }
  }
  if (record.stabilityLevel !== undefined) {
    if (typeof record.stabilityLevel === 'string' && stabilityLevels.has(record.stabilityLevel)) config.stabilityLevel = record.stabilityLevel as StabilityLevel;
    else problems.push('"stabilityLevel" must be "generally-available", "public-preview" or "experimental"');
  }
  if (record.ignorePatterns !== undefined) {
    if (Array.isArray(record.ignorePatterns) && record.ignorePatterns.every((pattern): pattern is string => typeof pattern === 'string')) {
      config.ignorePatterns = record.ignorePatterns;
    } else {
      problems.push('"ignorePatterns" must be an array of strings');
    }
  }
  if (problems.length > 0) config.problem = `${where}: ${problems.join('; ')}`;
  return config;
}

/**
 * The configuration alloy-lint would use for `filePath`: the nearest `.alloy-lint.json`,
 * or package.json with an `alloy-lint` key, in the file's directory or above.
 */
export function findLintConfig(filePath: string): string | undefined {
  let directory = dirname(filePath);
  for (;;) {
    const candidate = join(directory, lintConfigFileName);
    if (existsSync(candidate)) return candidate;
    const packageJson = join(directory, 'package.json');
    if (existsSync(packageJson)) {
      const outcome = readRegularTextFile(packageJson, { maxBytes: maxConfigFileBytes });
      try {
        if (outcome.ok && outcome.text.includes(`"${packageJsonKey}"`) && (parseJson(outcome.text) as Record<string, unknown> | null)?.[packageJsonKey] !== undefined) {
          return packageJson;
        }
      } catch {
        // invalid JSON: keep looking upwards, as alloy-lint skips package.json files without the key
      }
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** Merges editor settings over the lint config file that applies to `filePath`. */
export function effectiveSettings(
  editor: AlloySettings,
  filePath: string | undefined,
  workspaceFolder: string | undefined,
): EffectiveSettings {
  let configPath: string | undefined;
  if (editor.lintConfigPath) {
    configPath = isAbsolute(editor.lintConfigPath)
      ? editor.lintConfigPath
      : resolve(workspaceFolder ?? (filePath ? dirname(filePath) : process.cwd()), editor.lintConfigPath);
  } else if (filePath) {
    configPath = findLintConfig(filePath);
  }
  const config = configPath ? readLintConfig(configPath) : undefined;
  const result: EffectiveSettings = {
    rules: { ...(config?.rules ?? {}), ...(editor.rules ?? {}) },
    ignored: false,
  };
  const stabilityLevel = editor.stabilityLevel ?? config?.stabilityLevel;
  if (stabilityLevel) result.stabilityLevel = stabilityLevel;
  if (configPath) result.configFile = configPath;
  if (editor.lintConfigPath && !config) result.configProblem = `cannot read lint config ${configPath}`;
  if (config?.problem) result.configProblem = config.problem;
  if (config && filePath) {
    const relativePath = relative(dirname(config.path), filePath).split(sep).join('/');
    result.ignored = ignoredByPatterns(config.ignorePatterns, relativePath);
  }
  return result;
}

/** gitignore-style matching of one pattern against a `/`-separated relative path. */
export function globMatches(pattern: string, relativePath: string): boolean {
  return ignoredByPatterns([pattern], relativePath);
}

interface IgnoreRule {
  negative: boolean;
  directoryOnly: boolean;
  /** Contains a slash before its end: matched against the whole path, not a name. */
  anchored: boolean;
  expression: RegExp;
}

function ignoreRule(pattern: string): IgnoreRule | undefined {
  let glob = pattern.replace(/(?<!\\)\s+$/, '');
  if (glob === '' || glob.startsWith('#')) return undefined;
  const negative = glob.startsWith('!');
  if (negative) glob = glob.slice(1);
  if (glob.startsWith('\\#') || glob.startsWith('\\!')) glob = glob.slice(1);
  const directoryOnly = glob.endsWith('/');
  if (directoryOnly) glob = glob.slice(0, -1);
  const anchored = glob.includes('/');
  if (glob.startsWith('/')) glob = glob.slice(1);
  if (glob === '') return undefined;
  return { negative, directoryOnly, anchored, expression: globToRegExp(glob) };
}

/**
 * Whether `.gitignore`-style `patterns` ignore a `/`-separated path relative to the
 * configuration's directory, as alloy-lint's `ignorePatterns` do: the last matching
 * pattern wins, `!` re-includes, and nothing inside an ignored directory comes back.
 */
export function ignoredByPatterns(patterns: readonly string[], relativePath: string): boolean {
  const rules = patterns.map(ignoreRule).filter((rule): rule is IgnoreRule => rule !== undefined);
  if (rules.length === 0) return false;
  const parts = relativePath.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts[0] === '..') return false;
  const decide = (path: string, name: string, isDirectory: boolean): boolean => {
    let ignored = false;
    for (const rule of rules) {
      if (rule.negative !== ignored) continue;
      if (rule.directoryOnly && !isDirectory) continue;
      if (rule.expression.test(rule.anchored ? path : name)) ignored = !rule.negative;
    }
    return ignored;
  };
  for (let length = 1; length < parts.length; length++) {
    if (decide(parts.slice(0, length).join('/'), parts[length - 1]!, true)) return true;
  }
  return decide(parts.join('/'), parts[parts.length - 1]!, false);
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const character = glob[index]!;
    if (character === '*') {
      if (glob[index + 1] === '*') {
        index++;
        if (glob[index + 1] === '/') {
          index++;
          source += '(?:.*/)?';
        } else {
          source += '.*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (character === '?') {
      source += '[^/]';
    } else if (character === '\\' && index + 1 < glob.length) {
      index++;
      source += glob[index]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (character === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close === -1) {
        source += '\\[';
      } else {
        let set = glob.slice(index + 1, close);
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `[${set.replace(/\\/g, '\\\\')}]`;
        index = close;
      }
    } else {
      source += character.replace(/[.+^${}()|\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
