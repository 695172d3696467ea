// Tokenizes Alloy text with the TextMate grammar through vscode-textmate and vscode-oniguruma,
// the same engine VS Code uses. Shared by the grammar tests and the snapshot update script.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import textmate from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const packageDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The grammar as maintained at the repository root (the package ships a copy of it). */
export const grammarSourcePath = resolve(packageDirectory, '../../grammars/alloy.tmLanguage.json');
export const fixturesDirectory = join(packageDirectory, 'test', 'fixtures', 'grammar');
/** The injection grammars for Alloy inside YAML, by scope name (generated next to the main grammar). */
export const injectionGrammarPaths = {
  'alloy.injection.yaml': resolve(packageDirectory, '../../grammars/alloy-yaml-injection.tmLanguage.json'),
  'alloy.injection.yaml.config-map': resolve(packageDirectory, '../../grammars/alloy-yaml-config-map-injection.tmLanguage.json'),
};
/** VS Code's own YAML grammars, from the code-server that scripts/install-test-tools.sh installs. */
export const vscodeYamlSyntaxesDirectory = resolve(
  packageDirectory,
  '../../.tools/code-server/node_modules/code-server/lib/vscode/extensions/yaml/syntaxes',
);

let onigurumaReady;

function loadOniguruma() {
  onigurumaReady ??= readFile(require.resolve('vscode-oniguruma/release/onig.wasm')).then((wasm) =>
    oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)),
  );
  return onigurumaReady;
}

export async function loadAlloyGrammar(grammarPath = grammarSourcePath) {
  await loadOniguruma();
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.alloy') return null;
      const content = await readFile(grammarPath, 'utf8');
      return textmate.parseRawGrammar(content, grammarPath);
    },
  });
  const grammar = await registry.loadGrammar('source.alloy');
  if (!grammar) throw new Error(`cannot load the Alloy grammar from ${grammarPath}`);
  return grammar;
}

/**
 * VS Code's YAML grammar (`source.yaml` and the per-version grammars it includes) with the Alloy
 * injection grammars injected into it, as VS Code does for a contribution with `injectTo: ["source.yaml"]`.
 */
export async function loadYamlGrammarWithAlloyInjection(yamlSyntaxesDirectory = vscodeYamlSyntaxesDirectory, alloyGrammarPath = grammarSourcePath) {
  await loadOniguruma();
  const paths = {
    'source.alloy': alloyGrammarPath,
    'source.yaml': join(yamlSyntaxesDirectory, 'yaml.tmLanguage.json'),
    'source.yaml.embedded': join(yamlSyntaxesDirectory, 'yaml-embedded.tmLanguage.json'),
    ...Object.fromEntries(['1.0', '1.1', '1.2', '1.3'].map((version) => [`source.yaml.${version}`, join(yamlSyntaxesDirectory, `yaml-${version}.tmLanguage.json`)])),
    ...injectionGrammarPaths,
  };
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const path = paths[scopeName];
      if (!path) return null;
      return textmate.parseRawGrammar(await readFile(path, 'utf8'), path);
    },
    getInjections: (scopeName) => (scopeName === 'source.yaml' ? Object.keys(injectionGrammarPaths) : undefined),
  });
  const grammar = await registry.loadGrammar('source.yaml');
  if (!grammar) throw new Error(`cannot load the YAML grammar from ${yamlSyntaxesDirectory}`);
  return grammar;
}

/** The scopes active at the end of a line tokenized up to `ruleStack`. */
export function scopesOfState(grammar, ruleStack) {
  const { tokens } = grammar.tokenizeLine('', ruleStack);
  return tokens.length > 0 ? tokens[0].scopes : ['source.alloy'];
}

export function tokenizeText(grammar, text) {
  const lines = text.split('\n');
  const tokens = [];
  const lineEndScopes = [];
  let ruleStack = textmate.INITIAL;
  lines.forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const result = grammar.tokenizeLine(line, ruleStack);
    for (const token of result.tokens) {
      const end = Math.min(token.endIndex, line.length);
      if (token.startIndex >= end) continue;
      tokens.push({
        line: index + 1,
        column: token.startIndex + 1,
        text: line.slice(token.startIndex, end),
        scopes: token.scopes,
      });
    }
    ruleStack = result.ruleStack;
    lineEndScopes.push(scopesOfState(grammar, ruleStack));
  });
  return { tokens, lineEndScopes, finalRuleStack: ruleStack, finalDepth: ruleStack.depth };
}

/** Whitespace tokens that carry no scope of their own are noise in a snapshot. */
function isBareWhitespace(token) {
  return token.text.trim() === '' && token.scopes.every((scope) => scope === 'source.alloy' || scope.startsWith('meta.'));
}

/** One line per token: `LINE:COLUMN <json text> <scopes without the root>`. */
export function formatTokenSnapshot(tokens) {
  return tokens
    .filter((token) => !isBareWhitespace(token))
    .map((token) => `${token.line}:${token.column} ${JSON.stringify(token.text)} ${token.scopes.slice(1).join(' ')}`.trimEnd())
    .join('\n')
    .concat('\n');
}
