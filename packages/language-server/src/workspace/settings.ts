import { dirname, isAbsolute, resolve } from 'node:path';
import { chooseAlloyVersion, findConfigFile, isIgnoredBy, readConfigFile, resolveAlloyVersion, type StabilityLevel } from '../toolkit.js';

export { globMatches, ignoredByPatterns } from '../toolkit.js';

export type RuleLevel = 'off' | 'warn' | 'error' | 'info';

/** The `alloy` settings section (also accepted as initializationOptions). */
export interface AlloySettings {
  stabilityLevel?: StabilityLevel;
  rules?: Record<string, RuleLevel>;
  /** Path to an `.alloy-lint.json` or a package.json with an `alloy-lint` key; relative paths are taken from the first workspace folder. */
  lintConfigPath?: string;
  /**
   * The Alloy release documents are checked against (`alloy.alloyVersion`: `1.5`, `v1.5.1`, `latest`).
   * Unset or empty: the lint config's `alloyVersion`, else what the repository pins, else the newest.
   */
  alloyVersion?: string;
  imports?: {
    /** `import.file` may read files outside the workspace folders (default false: such an import is reported, not read). */
    allowOutsideWorkspace?: boolean;
  };
  completion?: {
    /** Component-name completion also offers components below `stabilityLevel` (default false). */
    showUnstable?: boolean;
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
  /** The Alloy release checked against, when not the newest by default (`'1.5'`). */
  alloyVersion?: string;
  /** Where `alloyVersion` came from: `alloy.alloyVersion`, `.alloy-lint.json:3`, `docker-compose.yml:12`. */
  alloyVersionSource?: string;
  /** The other directories of the document's assembly (the lint config's `assemblies`). */
  assembly?: string[];
  /** The workspace folder: unresolved names defined in its other directories get related locations. */
  workspaceRoot?: string;
  /** `alloy.completion.showUnstable`: completion offers components below `stabilityLevel`. */
  showUnstable?: boolean;
  /** The lint config's `yamlKeys`: the YAML keys whose block scalars hold Alloy (default: the embedded package's list). */
  yamlKeys?: string[];
  /** The lint config's `embedded`: a kind set to false (`yaml`, `templates`) is not served, as alloy-lint does not check it. */
  embedded?: { yaml?: boolean; templates?: boolean };
}

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
  if (typeof source.alloyVersion === 'string' && resolveAlloyVersion(source.alloyVersion) !== undefined) {
    settings.alloyVersion = source.alloyVersion.trim();
  }
  const rules = parseRules(source.rules);
  if (rules) settings.rules = rules.rules;
  // Nested as VS Code's workspace/configuration returns it, or one dotted key as some clients send it.
  const imports = source.imports;
  const allowOutsideWorkspace =
    typeof imports === 'object' && imports !== null ? (imports as Record<string, unknown>).allowOutsideWorkspace : source['imports.allowOutsideWorkspace'];
  if (typeof allowOutsideWorkspace === 'boolean') settings.imports = { allowOutsideWorkspace };
  const completion = source.completion;
  const showUnstable =
    typeof completion === 'object' && completion !== null ? (completion as Record<string, unknown>).showUnstable : source['completion.showUnstable'];
  if (typeof showUnstable === 'boolean') settings.completion = { showUnstable };
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

/** The most bytes read from a configuration file (an `.alloy-lint.json` or a package.json). */
export const maxConfigFileBytes = 4 * 1024 * 1024;

/**
 * The configuration alloy-lint would use for `filePath`: the nearest `.alloy-lint.json`,
 * or package.json with an `alloy-lint` key, in the file's directory or above.
 */
export function findLintConfig(filePath: string): string | undefined {
  return findConfigFile(filePath, { maxFileSize: maxConfigFileBytes });
}

/**
 * Merges editor settings over the lint config file that applies to `filePath`. The file is read
 * by @alloy-toolkit/config, as alloy-lint reads it: what alloy-lint refuses is reported as
 * `configProblem` (the valid parts still apply); a broken file never throws.
 */
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
  const read = configPath ? readConfigFile(configPath, { maxFileSize: maxConfigFileBytes }) : undefined;
  const config = read?.config;
  const result: EffectiveSettings = {
    rules: { ...(config?.rules ?? {}), ...(editor.rules ?? {}) },
    ignored: false,
  };
  const stabilityLevel = editor.stabilityLevel ?? config?.stabilityLevel;
  if (stabilityLevel) result.stabilityLevel = stabilityLevel;
  if (configPath) result.configFile = configPath;
  const problems = [...(read?.problems ?? [])];
  if (filePath) {
    const choice = chooseAlloyVersion(filePath, {
      explicit: editor.alloyVersion === undefined ? undefined : { version: editor.alloyVersion, source: 'alloy.alloyVersion' },
      config: config ?? {},
    });
    if (choice.origin !== 'default') {
      result.alloyVersion = choice.version;
      result.alloyVersionSource = choice.source;
    }
    problems.push(...choice.warnings);
  }
  if (problems.length > 0) result.configProblem = problems.join('; ');
  if (config && filePath) {
    result.ignored = isIgnoredBy(config, filePath);
    const directory = dirname(filePath);
    const group = config.assemblies.find((directories) => directories.includes(directory));
    if (group) result.assembly = group.filter((other) => other !== directory);
  }
  if (workspaceFolder && filePath) result.workspaceRoot = workspaceFolder;
  if (editor.completion?.showUnstable !== undefined) result.showUnstable = editor.completion.showUnstable;
  if (config?.yamlKeys) result.yamlKeys = config.yamlKeys;
  if (config?.embedded) result.embedded = { ...config.embedded };
  return result;
}
