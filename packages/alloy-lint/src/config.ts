import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { readRegularTextFile } from '@alloy-toolkit/files';
import { createIgnoreMatcher, type Ignore } from './ignore-matcher.js';
import type { RuleSetting, StabilityLevel } from './engine.js';
import { JsonSyntaxError, parseJson } from './json.js';

/** The settings that apply to one file. */
export interface LintConfig {
  /** The file the settings were read from; undefined for the defaults. */
  source?: string;
  rules: Record<string, RuleSetting>;
  ignorePatterns: string[];
  stabilityLevel?: StabilityLevel;
  /** `ignorePatterns` are relative to this directory. */
  baseDirectory: string;
}

/** A configuration file that cannot be used: alloy-lint stops with exit code 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const CONFIG_FILE_NAME = '.alloy-lint.json';
export const PACKAGE_JSON_KEY = 'alloy-lint';

const ruleSettings: ReadonlySet<string> = new Set(['off', 'warn', 'error', 'info']);
const numericRuleSettings: Record<number, RuleSetting> = { 0: 'off', 1: 'warn', 2: 'error' };
const stabilityLevels: ReadonlySet<string> = new Set(['generally-available', 'public-preview', 'experimental']);
const knownKeys: ReadonlySet<string> = new Set(['$schema', 'rules', 'ignorePatterns', 'stabilityLevel']);

export interface ConfigReadOptions {
  /**
   * The rule codes that exist: a configuration whose `rules` name another code is refused
   * (ConfigError naming the closest known code). Without it, codes are not checked.
   */
  knownRuleCodes?: ReadonlySet<string>;
  /** The most bytes read from a configuration file (default: the files package's 32 MiB). */
  maxFileSize?: number;
}

/** Reads a configuration file: a regular file only (a fifo cannot block the run), capped. */
function readConfigText(filePath: string, shownPath: string, options: ConfigReadOptions): string {
  const outcome = readRegularTextFile(filePath, { maxBytes: options.maxFileSize });
  if (outcome.ok) return outcome.text;
  switch (outcome.reason) {
    case 'missing':
      throw new ConfigError(`config file ${shownPath} does not exist`);
    case 'directory':
      throw new ConfigError(`config file ${shownPath} is a directory`);
    default:
      throw new ConfigError(`cannot read config file ${shownPath}: ${outcome.message}`);
  }
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

function checkRuleCodes(config: LintConfig, knownRuleCodes: ReadonlySet<string> | undefined): LintConfig {
  if (knownRuleCodes === undefined) return config;
  for (const code of Object.keys(config.rules)) {
    if (!knownRuleCodes.has(code)) throw new ConfigError(`config ${config.source}: ${unknownRuleMessage(code, knownRuleCodes)}`);
  }
  return config;
}

function parseConfigJson(filePath: string, text: string): unknown {
  try {
    return parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new ConfigError(`invalid JSON in ${filePath}:${error.line}:${error.column}: ${error.reason}`);
    }
    throw error;
  }
}

/** Validates the settings object and normalises it. */
export function validateConfig(value: unknown, source: string, baseDirectory: string): LintConfig {
  const where = `config ${source}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${where}: expected an object with "rules", "ignorePatterns" or "stabilityLevel"`);
  }
  const settings = value as Record<string, unknown>;
  for (const key of Object.keys(settings)) {
    if (!knownKeys.has(key)) {
      throw new ConfigError(`${where}: unknown option "${key}" (expected "rules", "ignorePatterns" or "stabilityLevel")`);
    }
  }
  const rules: Record<string, RuleSetting> = {};
  if (settings.rules !== undefined) {
    if (typeof settings.rules !== 'object' || settings.rules === null || Array.isArray(settings.rules)) {
      throw new ConfigError(`${where}: "rules" must be an object mapping rule codes to "off", "warn" or "error"`);
    }
    for (const [code, setting] of Object.entries(settings.rules as Record<string, unknown>)) {
      if (typeof setting === 'string' && ruleSettings.has(setting)) {
        rules[code] = setting as RuleSetting;
      } else if (typeof setting === 'number' && numericRuleSettings[setting] !== undefined) {
        rules[code] = numericRuleSettings[setting]!;
      } else {
        throw new ConfigError(
          `${where}: rule "${code}" has setting ${JSON.stringify(setting)}; expected "off", "warn", "error" or "info"`,
        );
      }
    }
  }
  let ignorePatterns: string[] = [];
  if (settings.ignorePatterns !== undefined) {
    const patterns = settings.ignorePatterns;
    if (!Array.isArray(patterns) || !patterns.every((pattern): pattern is string => typeof pattern === 'string')) {
      throw new ConfigError(`${where}: "ignorePatterns" must be an array of strings`);
    }
    ignorePatterns = patterns;
  }
  let stabilityLevel: StabilityLevel | undefined;
  if (settings.stabilityLevel !== undefined) {
    if (typeof settings.stabilityLevel !== 'string' || !stabilityLevels.has(settings.stabilityLevel)) {
      throw new ConfigError(
        `${where}: "stabilityLevel" must be "generally-available", "public-preview" or "experimental"`,
      );
    }
    stabilityLevel = settings.stabilityLevel as StabilityLevel;
  }
  return { source, rules, ignorePatterns, stabilityLevel, baseDirectory };
}

/** Reads a configuration file named by `--config`: a `.alloy-lint.json`-style file, or a package.json. */
export function loadConfigFile(filePath: string, options: ConfigReadOptions = {}): LintConfig {
  const absolutePath = resolve(filePath);
  const value = parseConfigJson(filePath, readConfigText(absolutePath, filePath, options));
  if (absolutePath.endsWith(`${sep}package.json`)) {
    const section = (value as Record<string, unknown> | null)?.[PACKAGE_JSON_KEY];
    if (section === undefined) throw new ConfigError(`${filePath} has no "${PACKAGE_JSON_KEY}" key`);
    const config = validateConfig(section, `${filePath} ("${PACKAGE_JSON_KEY}" key)`, dirname(absolutePath));
    return checkRuleCodes(config, options.knownRuleCodes);
  }
  return checkRuleCodes(validateConfig(value, filePath, dirname(absolutePath)), options.knownRuleCodes);
}

function defaultConfig(baseDirectory: string): LintConfig {
  return { rules: {}, ignorePatterns: [], baseDirectory };
}

/**
 * Finds the configuration of each file: the nearest `.alloy-lint.json`, or
 * `alloy-lint` key of a package.json, in the file's directory or above.
 * The nearest one wins; settings are not merged across levels.
 */
export class ConfigResolver {
  private readonly byDirectory = new Map<string, LintConfig>();
  private readonly matchers = new Map<LintConfig, Ignore>();

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
    const found = this.readDirectoryConfig(directory);
    const parent = dirname(directory);
    const config = found ?? (parent === directory ? defaultConfig(directory) : this.forDirectory(parent));
    this.byDirectory.set(directory, config);
    return config;
  }

  /** True when the file matches the `ignorePatterns` of its configuration. */
  isIgnored(filePath: string): boolean {
    const absolutePath = resolve(filePath);
    const config = this.forFile(absolutePath);
    if (config.ignorePatterns.length === 0) return false;
    const relativePath = relative(config.baseDirectory, absolutePath);
    if (relativePath === '' || relativePath.startsWith('..')) return false;
    let matcher = this.matchers.get(config);
    if (!matcher) {
      matcher = createIgnoreMatcher(config.ignorePatterns);
      this.matchers.set(config, matcher);
    }
    return matcher.ignores(relativePath.split(sep).join('/'));
  }

  private readDirectoryConfig(directory: string): LintConfig | undefined {
    const configPath = join(directory, CONFIG_FILE_NAME);
    if (existsSync(configPath)) {
      const text = readConfigText(configPath, configPath, this.readOptions);
      return checkRuleCodes(validateConfig(parseConfigJson(configPath, text), configPath, directory), this.readOptions.knownRuleCodes);
    }
    const packagePath = join(directory, 'package.json');
    if (existsSync(packagePath)) {
      const text = readConfigText(packagePath, packagePath, this.readOptions);
      // Most package.json files have nothing for us: skip parsing those.
      if (!text.includes(`"${PACKAGE_JSON_KEY}"`)) return undefined;
      const value = parseConfigJson(packagePath, text) as Record<string, unknown> | null;
      const section = value?.[PACKAGE_JSON_KEY];
      if (section !== undefined) {
        const config = validateConfig(section, `${packagePath} ("${PACKAGE_JSON_KEY}" key)`, directory);
        return checkRuleCodes(config, this.readOptions.knownRuleCodes);
      }
    }
    return undefined;
  }
}
