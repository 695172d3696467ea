export {
  CONFIG_FILE_NAME,
  CONFIG_KEYS,
  EMBEDDED_KINDS,
  PACKAGE_JSON_KEY,
  ConfigError,
  ConfigResolver,
  closestRuleCode,
  configFileIn,
  defaultConfig,
  findConfigFile,
  isIgnoredBy,
  loadConfigFile,
  readConfigFile,
  unknownRuleMessage,
  unknownVersionMessage,
  validateConfig,
} from './config.js';
export type { ConfigFileResult, ConfigReadOptions, EmbeddedKinds, LintConfig, RuleSetting } from './config.js';
export { globMatches, ignoreMatcher, ignoredByPatterns } from './ignore.js';
export { JsonSyntaxError, locateJsonPath, parseJson, positionAt } from './json.js';
export type { JsonLocation } from './json.js';
export { chooseAlloyVersion, clearDetectedVersions, detectAlloyVersion, repositoryRoot } from './detect.js';
export type { AlloyVersionChoice, DetectedVersion, DetectOptions, PinKind, VersionPin } from './detect.js';
