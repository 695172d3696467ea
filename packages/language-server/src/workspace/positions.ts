import type { Range, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AlloyRange, Span } from '../toolkit.js';

/**
 * Alloy positions carry a UTF-16 offset; LSP wants 0-based line and UTF-16
 * character. Converting through the offset keeps both sides consistent even
 * for CR-only line ends, which the two sides count differently.
 */
export function toLspRange(document: TextDocument, range: AlloyRange): Range {
  return offsetsToRange(document, range.start.offset, range.end.offset);
}

/** The range of a node (or any span of offsets) of the document's text. */
export function spanToRange(document: TextDocument, span: Span): Range {
  return offsetsToRange(document, span.start, span.end);
}

export function offsetsToRange(document: TextDocument, startOffset: number, endOffset: number): Range {
  return { start: document.positionAt(startOffset), end: document.positionAt(Math.max(startOffset, endOffset)) };
}

export function rangesIntersect(a: Range, b: Range): boolean {
  const before = (x: { line: number; character: number }, y: { line: number; character: number }): boolean =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** The smallest single edit that turns `before` into `after`. */
export function minimalEdit(document: TextDocument, before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never cut a surrogate pair in half.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return [{ range: offsetsToRange(document, prefix, before.length - suffix), newText: after.slice(prefix, after.length - suffix) }];
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
