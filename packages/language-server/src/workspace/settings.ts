import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { StabilityLevel } from '../toolkit.js';

export type RuleLevel = 'off' | 'warn' | 'error' | 'info';

/** The `alloy` settings section (also accepted as initializationOptions). */
export interface AlloySettings {
  stabilityLevel?: StabilityLevel;
  rules?: Record<string, RuleLevel>;
  /** Path to an `.alloy-lint.json`; relative paths are taken from the first workspace folder. */
  lintConfigPath?: string;
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

/** Reads an `.alloy-lint.json`; a broken file yields a problem text instead of throwing. */
export function readLintConfig(path: string): LintConfigFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const config: LintConfigFile = { path, rules: {}, ignorePatterns: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    config.problem = `${path}: invalid JSON (${error instanceof Error ? error.message : String(error)})`;
    return config;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    config.problem = `${path}: expected an object with "rules", "ignorePatterns" or "stabilityLevel"`;
    return config;
  }
  const record = value as Record<string, unknown>;
  const rules = parseRules(record.rules);
  if (rules) {
    config.rules = rules.rules;
    if (rules.problems.length > 0) config.problem = `${path}: ${rules.problems.join('; ')}`;
  }
  if (typeof record.stabilityLevel === 'string') {
    if (stabilityLevels.has(record.stabilityLevel)) config.stabilityLevel = record.stabilityLevel as StabilityLevel;
    else config.problem = `${path}: unknown stabilityLevel "${record.stabilityLevel}"`;
  }
  if (Array.isArray(record.ignorePatterns)) {
    config.ignorePatterns = record.ignorePatterns.filter((pattern): pattern is string => typeof pattern === 'string');
  }
  return config;
}

/** The nearest `.alloy-lint.json` in the directory of `filePath` or above it. */
export function findLintConfig(filePath: string): string | undefined {
  let directory = dirname(filePath);
  for (;;) {
    const candidate = join(directory, lintConfigFileName);
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // keep looking upwards
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
    result.ignored = config.ignorePatterns.some((pattern) => globMatches(pattern, relativePath));
  }
  return result;
}

/** gitignore-style matching of one pattern against a `/`-separated relative path. */
export function globMatches(pattern: string, relativePath: string): boolean {
  let glob = pattern.trim();
  if (glob === '' || glob.startsWith('#') || glob.startsWith('!')) return false;
  const directoryOnly = glob.endsWith('/');
  if (directoryOnly) glob = glob.slice(0, -1);
  const anchored = glob.includes('/');
  if (glob.startsWith('/')) glob = glob.slice(1);
  const expression = globToRegExp(glob);
  const candidates = anchored ? [relativePath] : relativePath.split('/').map((_, index, parts) => parts.slice(index).join('/'));
  return candidates.some((candidate) => {
    if (expression.test(candidate)) return !directoryOnly;
    // A pattern naming a directory ignores everything below it.
    const parts = candidate.split('/');
    for (let length = 1; length < parts.length; length++) {
      if (expression.test(parts.slice(0, length).join('/'))) return true;
    }
    return false;
  });
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
    } else {
      source += character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
