export { lint, FORMAT_CODE, DEFAULT_MAX_FILE_SIZE, type FileReport, type LintOptions, type StdinInput } from './lint.js';
export { runCli, VERSION, HELP } from './main.js';
export { runFmt } from './fmt.js';
export { buildGraph, syntaxGraph, renderGraph, type GraphFormat, type GraphSource } from './graph.js';
export {
  ConfigResolver,
  ConfigError,
  loadConfigFile,
  validateConfig,
  CONFIG_FILE_NAME,
  type LintConfig,
} from './config.js';
export { discoverFiles, globToRegExp, DiscoveryError, ALLOY_EXTENSIONS } from './discovery.js';
export {
  parseDirectives,
  applySuppressions,
  UNUSED_SUPPRESSION_CODE,
  type SuppressionDirective,
  type SuppressionOutcome,
} from './suppressions.js';
export { loadReportFormatter, FORMAT_NAMES, type FormatContext, type FormatName, type ReportFormatter } from './formatters/index.js';
export { codeFrame } from './formatters/stylish.js';
export { toEslintResult, type EslintResult, type EslintMessage } from './formatters/json.js';
export { unifiedDiff } from './diff.js';
export { writeFileAtomic } from './write.js';
export { decodeSource, firstInvalidUtf8Byte } from './source.js';
export { parseJson, JsonSyntaxError } from './json.js';
export { shouldUseColor, processIo, type CliIo, type OutputStream } from './io.js';
export { lintRules } from './own-rules.js';
export type { Diagnostic, RuleInfo, RuleSetting, StabilityLevel, ComponentGraph } from './engine.js';
