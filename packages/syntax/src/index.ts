/**
 * @alloy-toolkit/syntax: the fault-tolerant parser of the Grafana Alloy
 * configuration language.
 */
import type { Diagnostic, ParseOptions, ParseResult } from './ast.js';
import { parseToStream } from './parser.js';
import { byteColumn, LineIndex } from './positions.js';
import { scan, type Token } from './scanner.js';

export * from './ast.js';
export { attachComments, commentGroups, type AttachedComments, type CommentAttachment } from './comments.js';
export { goQuote, numberValue, scanDoubleQuoted, unquoteString, type EscapeProblem, type StringScan } from './literals.js';
export { isValidIdentifier, MAX_NESTING_DEPTH, MAX_OPERATOR_CHAIN, MAX_TREE_HEIGHT, parseWithTokens, type ParseDetails } from './parser.js';
export { byteColumn, LineIndex, positionAt, utf8Length } from './positions.js';
export type { OperatorKind, Token, TokenKind } from './scanner.js';
export { attributeNameSpan, childrenOf, nodeAt, propertySpan, walk, type Visitor } from './walk.js';
export { reparse, type IncrementalChange, type IncrementalParse, type ReparseOptions } from './incremental.js';

/**
 * Parses a whole file. Never throws: problems are returned as diagnostics,
 * next to a tree that keeps everything well-formed around them.
 */
export function parse(text: string, _options: ParseOptions = {}): ParseResult {
  try {
    const { file, comments, diagnostics, lines, stream } = parseToStream(text);
    stream.release();
    return { file, comments, diagnostics, lines };
  } catch (error) {
    const lines = new LineIndex(text);
    return {
      lines,
      file: { type: 'File', body: [], start: 0, end: text.length },
      comments: [],
      diagnostics: [
        {
          code: 'syntax/internal-error',
          severity: 'error',
          message: `internal parser error: ${error instanceof Error ? error.message : String(error)}`,
          range: { start: lines.positionAt(0), end: lines.positionAt(0) },
        },
      ],
    };
  }
}

/** Every token of `text`, comments and TERMINATORs included, ending with EOF. */
export function tokenize(text: string): Token[] {
  const stream = scan(text, new LineIndex(text)).tokens;
  const tokens = stream.toArray();
  stream.release();
  return tokens;
}

/** Upstream's one-line form: `FILE:LINE:COL: message`, with the byte column. */
export function formatDiagnostic(diagnostic: Diagnostic, fileName: string, text?: string): string {
  const { line, column } = diagnostic.range.start;
  const col = text === undefined ? column : byteColumn(text, diagnostic.range.start);
  return `${fileName}:${line}:${col}: ${diagnostic.message}`;
}
