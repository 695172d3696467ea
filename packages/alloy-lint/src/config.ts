// alloy-lint's configuration is @alloy-toolkit/config's, shared with the language server.
export {
  CONFIG_FILE_NAME,
  PACKAGE_JSON_KEY,
  ConfigError,
  ConfigResolver,
  closestRuleCode,
  loadConfigFile,
  unknownRuleMessage,
  unknownVersionMessage,
  validateConfig,
} from '@alloy-toolkit/config';
export type { ConfigReadOptions, LintConfig } from '@alloy-toolkit/config';
