import type { Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AlloyRange } from '../toolkit.js';

/**
 * Alloy positions carry a UTF-16 offset; LSP wants 0-based line and UTF-16
 * character. Converting through the offset keeps both sides consistent even
 * for CR-only line ends, which the two sides count differently.
 */
export function toLspRange(document: TextDocument, range: AlloyRange): Range {
  return offsetsToRange(document, range.start.offset, range.end.offset);
}

export function offsetsToRange(document: TextDocument, startOffset: number, endOffset: number): Range {
  return { start: document.positionAt(startOffset), end: document.positionAt(Math.max(startOffset, endOffset)) };
}

export function rangesIntersect(a: Range, b: Range): boolean {
  const before = (x: { line: number; character: number }, y: { line: number; character: number }): boolean =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
