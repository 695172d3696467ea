export * from './builder.js';
export { printFile, printExpression } from './printer.js';
export { renderConfig } from './render.js';
export * from './presets.js';
export { nodeConfig, environmentVariablesOf, type NodeConfigOptions } from './node-config.js';
export {
  SEED_CUSTOM_COLLECTORS,
  UNIX_COLLECTOR_ARGUMENTS,
  knownUnixCollectors,
  collectorsFromSchema,
  validateCollectors,
  type ComponentLookup,
} from './collectors.js';
export * from './validate.js';
export { parseGoUrl, type GoUrl, type GoUrlResult } from '@alloy-toolkit/checker';
export { goQuote } from '@alloy-toolkit/syntax';
export * from './install.js';
export * from './fleet.js';
export { parseBasicAuthEnv, parseLabelAssignment, parseNameList } from './options.js';
export { writeFileAtomic, writeFilesAtomic } from './atomic-write.js';
export { main, type CliIo } from './main.js';
export { EXAMPLE_CONFIGS, SEED_ARGS, type ExampleConfig } from './examples.js';
