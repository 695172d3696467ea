import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { readRegularTextFile } from '@alloy-toolkit/files';
import { listAlloyVersions, resolveAlloyVersion, type StabilityLevel } from '@alloy-toolkit/schema';
import { ignoreMatcher } from './ignore.js';
import { JsonSyntaxError, locateJsonPath, parseJson } from './json.js';

export type RuleSetting = 'off' | 'warn' | 'error' | 'info';

/** The settings of one configuration file (or the defaults). */
export interface LintConfig {
  /** The file the settings were read from (`PATH ("alloy-lint" key)` for a package.json); undefined for the defaults. */
  source?: string;
  /** The path of that file. */
  file?: string;
  rules: Record<string, RuleSetting>;
  ignorePatterns: string[];
  stabilityLevel?: StabilityLevel;
  /** The Alloy release the configuration targets, a minor release (`'1.5'`); `latest` is stored as the newest. */
  alloyVersion?: string;
  /** The line of `alloyVersion` in the file, for `file:line` in messages. */
  alloyVersionLine?: number;
  /** Groups of directories deployed together (absolute), each checked as one configuration. */
  assemblies: string[][];
  /** The YAML keys whose literal block scalars hold Alloy (patterns with `*`); replaces the default list. */
  yamlKeys?: string[];
  /** Which kinds of files holding Alloy are checked besides `.alloy`/`.river` (a kind not named keeps its default, on). */
  embedded?: Partial<EmbeddedKinds>;
  /** `ignorePatterns` and `assemblies` are relative to this directory. */
  baseDirectory: string;
}

/** The kinds of files in which alloy-lint looks for Alloy besides `.alloy` and `.river` files. */
export interface EmbeddedKinds {
  /** YAML files (Helm values, ConfigMaps, manifests) whose keys hold Alloy. */
  yaml: boolean;
  /** Alloy templates: `*.alloy.j2`, `*.alloy.tmpl`, `*.alloy.tftpl`, ... */
  templates: boolean;
  /** Markdown files named explicitly (their `alloy` fences). */
  markdown: boolean;
}

export const EMBEDDED_KINDS: readonly (keyof EmbeddedKinds)[] = ['yaml', 'templates', 'markdown'];

/** A configuration file that cannot be used: alloy-lint stops with exit code 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const CONFIG_FILE_NAME = '.alloy-lint.json';
export const PACKAGE_JSON_KEY = 'alloy-lint';
export const CONFIG_KEYS: readonly string[] = ['rules', 'ignorePatterns', 'stabilityLevel', 'alloyVersion', 'assemblies', 'yamlKeys', 'embedded'];

const ruleSettings: ReadonlySet<string> = new Set(['off', 'warn', 'error', 'info']);
const numericRuleSettings: Record<number, RuleSetting> = { 0: 'off', 1: 'warn', 2: 'error' };
const stabilityLevels: ReadonlySet<string> = new Set(['generally-available', 'public-preview', 'experimental']);
const knownKeys: ReadonlySet<string> = new Set(['$schema', ...CONFIG_KEYS]);
const expectedKeys = `${CONFIG_KEYS.slice(0, -1).map((key) => `"${key}"`).join(', ')} or "${CONFIG_KEYS.at(-1)}"`;

export interface ConfigReadOptions {
  /**
   * The rule codes that exist: a configuration whose `rules` name another code is refused
   * (naming the closest known code). Without it, codes are not checked.
   */
  knownRuleCodes?: ReadonlySet<string>;
  /** The most bytes read from a configuration file (default: the files package's 32 MiB). */
  maxFileSize?: number;
}

/** One thing wrong in a configuration value: its message and the path of the setting (for its line and column). */
interface Problem {
  message: string;
  path: readonly (string | number)[];
  /** Point at the key (an unknown option, an unknown rule code) rather than the value. */
  atKey?: boolean;
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const substitution = previous[column - 1]! + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(Math.min(previous[column]! + 1, current[column - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length]!;
}

/** The known rule code closest to `code` (by edit distance, also to the part after the prefix, for a forgotten `alloy/`). */
export function closestRuleCode(code: string, knownCodes: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of knownCodes) {
    const name = known.slice(known.indexOf('/') + 1);
    const distance = Math.min(editDistance(code, known), editDistance(code, name));
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

/** `unknown rule "x" (did you mean "y"? ...)`: the message for a rule code that does not exist. */
export function unknownRuleMessage(code: string, knownCodes: ReadonlySet<string>): string {
  const closest = closestRuleCode(code, knownCodes);
  const suggestion = closest === undefined ? '' : `did you mean "${closest}"? `;
  return `unknown rule "${code}" (${suggestion}"alloy-lint rules" lists them all)`;
}

/** The message for an `alloyVersion` no release matches, also used for `--alloy-version`. */
export function unknownVersionMessage(value: unknown): string {
  const versions = listAlloyVersions();
  return `"alloyVersion" must be an Alloy release from ${versions[0]} to ${versions.at(-1)} (such as "1.5" or "v1.5.1") or "latest", not ${JSON.stringify(value)}`;
}

/** Checks a configuration object; every problem is collected, the valid settings are kept. */
function examine(value: unknown, baseDirectory: string, knownRuleCodes: ReadonlySet<string> | undefined): { config: LintConfig; problems: Problem[] } {
  const config: LintConfig = { rules: {}, ignorePatterns: [], assemblies: [], baseDirectory };
  const problems: Problem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ message: 'expected an object with "rules", "ignorePatterns" or "stabilityLevel"', path: [] });
    return { config, problems };
  }
  const settings = value as Record<string, unknown>;
  for (const key of Object.keys(settings)) {
    if (!knownKeys.has(key)) problems.push({ message: `unknown option "${key}" (expected ${expectedKeys})`, path: [key], atKey: true });
  }
  if (settings.rules !== undefined) {
    if (typeof settings.rules !== 'object' || settings.rules === null || Array.isArray(settings.rules)) {
      problems.push({ message: '"rules" must be an object mapping rule codes to "off", "warn" or "error"', path: ['rules'] });
    } else {
      for (const [code, setting] of Object.entries(settings.rules as Record<string, unknown>)) {
        if (typeof setting === 'string' && ruleSettings.has(setting)) config.rules[code] = setting as RuleSetting;
        else if (typeof setting === 'number' && numericRuleSettings[setting] !== undefined) config.rules[code] = numericRuleSettings[setting]!;
        else {
          problems.push({
            message: `rule "${code}" has setting ${JSON.stringify(setting)}; expected "off", "warn", "error" or "info"`,
            path: ['rules', code],
          });
        }
      }
    }
  }
  if (settings.ignorePatterns !== undefined) {
    const patterns = settings.ignorePatterns;
    if (Array.isArray(patterns) && patterns.every((pattern): pattern is string => typeof pattern === 'string')) config.ignorePatterns = patterns;
    else problems.push({ message: '"ignorePatterns" must be an array of strings', path: ['ignorePatterns'] });
  }
  if (settings.stabilityLevel !== undefined) {
    if (typeof settings.stabilityLevel === 'string' && stabilityLevels.has(settings.stabilityLevel)) {
      config.stabilityLevel = settings.stabilityLevel as StabilityLevel;
    } else {
      problems.push({ message: '"stabilityLevel" must be "generally-available", "public-preview" or "experimental"', path: ['stabilityLevel'] });
    }
  }
  if (settings.alloyVersion !== undefined) {
    const version = typeof settings.alloyVersion === 'string' ? resolveAlloyVersion(settings.alloyVersion) : undefined;
    if (version === undefined) problems.push({ message: unknownVersionMessage(settings.alloyVersion), path: ['alloyVersion'] });
    else config.alloyVersion = version;
  }
  if (settings.assemblies !== undefined) {
    const groups = settings.assemblies;
    const valid =
      Array.isArray(groups) &&
      groups.every((group) => Array.isArray(group) && group.length > 0 && group.every((directory) => typeof directory === 'string' && directory.trim() !== ''));
    if (valid) config.assemblies = (groups as string[][]).map((group) => group.map((directory) => resolve(baseDirectory, directory)));
    else {
      problems.push({
        message: '"assemblies" must be an array of groups of directories deployed together, such as [["modules/shared", "modules/base/linux"]]',
        path: ['assemblies'],
      });
    }
  }
  if (settings.yamlKeys !== undefined) {
    const keys = settings.yamlKeys;
    if (!Array.isArray(keys)) {
      problems.push({ message: '"yamlKeys" must be an array of YAML key patterns, such as ["config.alloy", "*ExtraConfig"]', path: ['yamlKeys'] });
    } else {
      const bad = keys.findIndex((key) => typeof key !== 'string' || key.trim() === '');
      if (bad === -1) config.yamlKeys = keys as string[];
      else {
        problems.push({
          message: `"yamlKeys" must hold non-empty key patterns (strings such as "config.alloy" or "*ExtraConfig"), not ${JSON.stringify(keys[bad])}`,
          path: ['yamlKeys', bad],
        });
      }
    }
  }
  if (settings.embedded !== undefined) {
    const embedded = settings.embedded;
    const expected = `expected an object such as {"yaml": true, "templates": false, "markdown": true}, or false to check .alloy and .river files only`;
    if (typeof embedded === 'boolean') {
      config.embedded = { yaml: embedded, templates: embedded, markdown: embedded };
    } else if (typeof embedded !== 'object' || embedded === null || Array.isArray(embedded)) {
      problems.push({ message: `"embedded" must be an object or a boolean (${expected})`, path: ['embedded'] });
    } else {
      const kinds: Partial<EmbeddedKinds> = {};
      for (const [kind, enabled] of Object.entries(embedded as Record<string, unknown>)) {
        if (!(EMBEDDED_KINDS as readonly string[]).includes(kind)) {
          problems.push({ message: `unknown kind "${kind}" in "embedded" (expected ${EMBEDDED_KINDS.map((name) => `"${name}"`).join(', ')})`, path: ['embedded', kind], atKey: true });
        } else if (typeof enabled !== 'boolean') {
          problems.push({ message: `"embedded.${kind}" must be true or false, not ${JSON.stringify(enabled)}`, path: ['embedded', kind] });
        } else {
          kinds[kind as keyof EmbeddedKinds] = enabled;
        }
      }
      config.embedded = kinds;
    }
  }
  if (knownRuleCodes !== undefined) {
    for (const code of Object.keys(config.rules)) {
      if (!knownRuleCodes.has(code)) problems.push({ message: unknownRuleMessage(code, knownRuleCodes), path: ['rules', code], atKey: true });
    }
  }
  return { config, problems };
}

/**
 * The messages of `problems`: `config SOURCE: MESSAGE at line L, column C` (the position when
 * `text`, the file's JSON, is given; `keyPath` leads to the settings inside it).
 */
function describeProblems(problems: readonly Problem[], source: string, text: string | undefined, keyPath: readonly string[]): string[] {
  return problems.map((problem) => {
    const location = text === undefined ? undefined : locateJsonPath(text, [...keyPath, ...problem.path]);
    const position = location && (problem.atKey ? location.key ?? location.value : location.value);
    return `config ${source}: ${problem.message}${position ? ` at line ${position.line}, column ${position.column}` : ''}`;
  });
}

/** Validates a settings object and normalises it; throws a ConfigError naming the first problem. */
export function validateConfig(value: unknown, source: string, baseDirectory: string, knownRuleCodes?: ReadonlySet<string>): LintConfig {
  const { config, problems } = examine(value, baseDirectory, knownRuleCodes);
  if (problems.length > 0) throw new ConfigError(describeProblems(problems, source, undefined, [])[0]!);
  return { source, ...config };
}

/** What reading a configuration file gave: the settings it has (the valid ones) and what is wrong with it. */
export interface ConfigFileResult {
  config: LintConfig;
  /** Every problem, each a full message naming the file (and the line and column of a bad setting). */
  problems: string[];
}

/**
 * Reads a configuration file: a `.alloy-lint.json`-style file, or the `alloy-lint` key of a
 * package.json. A regular file only (a fifo cannot block), capped. Never throws: what cannot be
 * used is in `problems` (alloy-lint stops on the first, the language server shows them all and
 * applies the rest). `shownPath` names the file in messages (default: `filePath`).
 */
export function readConfigFile(filePath: string, options: ConfigReadOptions & { shownPath?: string } = {}): ConfigFileResult {
  const absolutePath = resolve(filePath);
  const shown = options.shownPath ?? filePath;
  const baseDirectory = dirname(absolutePath);
  const fallback = (problem: string): ConfigFileResult => ({
    config: { file: absolutePath, source: shown, rules: {}, ignorePatterns: [], assemblies: [], baseDirectory },
    problems: [problem],
  });
  const outcome = readRegularTextFile(absolutePath, { maxBytes: options.maxFileSize });
  if (!outcome.ok) {
    if (outcome.reason === 'missing') return fallback(`config file ${shown} does not exist`);
    if (outcome.reason === 'directory') return fallback(`config file ${shown} is a directory`);
    return fallback(`cannot read config file ${shown}: ${outcome.message}`);
  }
  let value: unknown;
  try {
    value = parseJson(outcome.text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return fallback(`invalid JSON in ${shown}:${error.line}:${error.column}: ${error.reason}`);
    throw error;
  }
  let source = shown;
  let keyPath: string[] = [];
  if (basename(absolutePath) === 'package.json') {
    value = (value as Record<string, unknown> | null)?.[PACKAGE_JSON_KEY];
    if (value === undefined) return fallback(`${shown} has no "${PACKAGE_JSON_KEY}" key`);
    source = `${shown} ("${PACKAGE_JSON_KEY}" key)`;
    keyPath = [PACKAGE_JSON_KEY];
  }
  const { config, problems } = examine(value, baseDirectory, options.knownRuleCodes);
  config.source = source;
  config.file = absolutePath;
  if (config.alloyVersion !== undefined) {
    const location = locateJsonPath(outcome.text, [...keyPath, 'alloyVersion']);
    if (location) config.alloyVersionLine = location.value.line;
  }
  return { config, problems: describeProblems(problems, source, outcome.text, keyPath) };
}

/** Reads a configuration file named by `--config`; throws a ConfigError naming its first problem. */
export function loadConfigFile(filePath: string, options: ConfigReadOptions = {}): LintConfig {
  const { config, problems } = readConfigFile(filePath, options);
  if (problems.length > 0) throw new ConfigError(problems[0]!);
  return config;
}

/**
 * The configuration file of `directory` itself, if it has one: its `.alloy-lint.json`, else its
 * package.json when that holds an `alloy-lint` key (a package.json whose text does not mention
 * the key is not parsed).
 */
export function configFileIn(directory: string, options: Pick<ConfigReadOptions, 'maxFileSize'> = {}): string | undefined {
  const configPath = join(directory, CONFIG_FILE_NAME);
  if (existsSync(configPath)) return configPath;
  const packagePath = join(directory, 'package.json');
  if (!existsSync(packagePath)) return undefined;
  const outcome = readRegularTextFile(packagePath, { maxBytes: options.maxFileSize });
  // One that cannot be read (a fifo, unreadable) is returned: reading it says why.
  if (!outcome.ok) return outcome.reason === 'missing' ? undefined : packagePath;
  if (!outcome.text.includes(`"${PACKAGE_JSON_KEY}"`)) return undefined;
  try {
    const value = parseJson(outcome.text) as Record<string, unknown> | null;
    return value?.[PACKAGE_JSON_KEY] === undefined ? undefined : packagePath;
  } catch {
    // Names the key but is not JSON: reading it reports that.
    return packagePath;
  }
}

/** The nearest configuration file for `filePath`: in its directory or above. */
export function findConfigFile(filePath: string, options: Pick<ConfigReadOptions, 'maxFileSize'> = {}): string | undefined {
  for (let directory = dirname(resolve(filePath)); ; directory = dirname(directory)) {
    const found = configFileIn(directory, options);
    if (found) return found;
    if (dirname(directory) === directory) return undefined;
  }
}

export function defaultConfig(baseDirectory: string): LintConfig {
  return { rules: {}, ignorePatterns: [], assemblies: [], baseDirectory };
}

const compiledPatterns = new WeakMap<LintConfig, (relativePath: string) => boolean>();

/** True when `filePath` matches the `ignorePatterns` of `config` (relative to its directory). */
export function isIgnoredBy(config: LintConfig, filePath: string): boolean {
  if (config.ignorePatterns.length === 0) return false;
  const relativePath = relative(config.baseDirectory, resolve(filePath));
  if (relativePath === '' || relativePath.startsWith('..')) return false;
  let matcher = compiledPatterns.get(config);
  if (!matcher) {
    matcher = ignoreMatcher(config.ignorePatterns);
    compiledPatterns.set(config, matcher);
  }
  return matcher(relativePath.split(sep).join('/'));
}

/**
 * Finds the configuration of each file: the nearest `.alloy-lint.json`, or `alloy-lint` key of a
 * package.json, in the file's directory or above. The nearest one wins; settings are not merged
 * across levels. A file that cannot be used throws a ConfigError.
 */
export class ConfigResolver {
  private readonly byDirectory = new Map<string, LintConfig>();

  constructor(
    private readonly override?: LintConfig,
    private readonly readOptions: ConfigReadOptions = {},
  ) {}

  forFile(filePath: string): LintConfig {
    return this.override ?? this.forDirectory(dirname(resolve(filePath)));
  }

  forDirectory(directory: string): LintConfig {
    if (this.override) return this.override;
    const cached = this.byDirectory.get(directory);
    if (cached) return cached;
    const configPath = configFileIn(directory, this.readOptions);
    const parent = dirname(directory);
    const config = configPath
      ? loadConfigFile(configPath, this.readOptions)
      : parent === directory
        ? defaultConfig(directory)
        : this.forDirectory(parent);
    this.byDirectory.set(directory, config);
    return config;
  }

  /** True when the file matches the `ignorePatterns` of its configuration. */
  isIgnored(filePath: string): boolean {
    return isIgnoredBy(this.forFile(filePath), filePath);
  }
}
