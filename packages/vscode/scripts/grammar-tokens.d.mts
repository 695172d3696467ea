import type { IGrammar, StateStack } from 'vscode-textmate';

export interface GrammarToken {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
  text: string;
  /** Outermost first: `source.alloy`, then nested scopes. */
  scopes: string[];
}

export interface TokenizedText {
  tokens: GrammarToken[];
  /** For every line, the scopes still open after its last character. */
  lineEndScopes: string[][];
  finalRuleStack: StateStack;
  /** 1 when the tokenizer ends at the root of the grammar. */
  finalDepth: number;
}

export const grammarSourcePath: string;
export const fixturesDirectory: string;
export const injectionGrammarPaths: Record<string, string>;
export const vscodeYamlSyntaxesDirectory: string;
export function loadAlloyGrammar(grammarPath?: string): Promise<IGrammar>;
export function loadYamlGrammarWithAlloyInjection(yamlSyntaxesDirectory?: string, alloyGrammarPath?: string): Promise<IGrammar>;
export function scopesOfState(grammar: IGrammar, ruleStack: StateStack): string[];
export function tokenizeText(grammar: IGrammar, text: string): TokenizedText;
export function formatTokenSnapshot(tokens: GrammarToken[]): string;
