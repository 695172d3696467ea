import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
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

function readConfigText(filePath: string): string {
  try {
    return readFileSync(filePath, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'unreadable';
    throw new ConfigError(`cannot read config file ${filePath} (${reason})`);
  }
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
export function loadConfigFile(filePath: string): LintConfig {
  const absolutePath = resolve(filePath);
  if (!existsSync(absolutePath)) throw new ConfigError(`config file ${filePath} does not exist`);
  if (statSync(absolutePath).isDirectory()) throw new ConfigError(`config file ${filePath} is a directory`);
  const value = parseConfigJson(filePath, readConfigText(absolutePath));
  if (absolutePath.endsWith(`${sep}package.json`)) {
    const section = (value as Record<string, unknown> | null)?.[PACKAGE_JSON_KEY];
    if (section === undefined) throw new ConfigError(`${filePath} has no "${PACKAGE_JSON_KEY}" key`);
    return validateConfig(section, `${filePath} ("${PACKAGE_JSON_KEY}" key)`, dirname(absolutePath));
  }
  return validateConfig(value, filePath, dirname(absolutePath));
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

  constructor(private readonly override?: LintConfig) {}

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
      return validateConfig(parseConfigJson(configPath, readConfigText(configPath)), configPath, directory);
    }
    const packagePath = join(directory, 'package.json');
    if (existsSync(packagePath)) {
      const text = readConfigText(packagePath);
      // Most package.json files have nothing for us: skip parsing those.
      if (!text.includes(`"${PACKAGE_JSON_KEY}"`)) return undefined;
      const value = parseConfigJson(packagePath, text) as Record<string, unknown> | null;
      const section = value?.[PACKAGE_JSON_KEY];
      if (section !== undefined) {
        return validateConfig(section, `${packagePath} ("${PACKAGE_JSON_KEY}" key)`, directory);
      }
    }
    return undefined;
  }
}
