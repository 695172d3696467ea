/**
 * Embedding API of the Alloy language server: create the server on any
 * vscode-languageserver connection (the executable is `dist/server.js`).
 */
export { createAlloyLanguageServer, serverName, serverVersion, type AlloyLanguageServerOptions } from './languageServer.js';
export { semanticTokensLegend } from './providers/semanticTokens.js';
export { sanitizeSettings, effectiveSettings, globMatches, ignoredByPatterns, type AlloySettings, type EffectiveSettings, type RuleLevel } from './workspace/settings.js';
