/** Helpers shared by the syntax tests. */
import type { Fix } from '../src/index.js';

/** Applies every edit of a fix (edits do not overlap). */
export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
  let result = text;
  for (const edit of edits) {
    result = result.slice(0, edit.range.start.offset) + edit.newText + result.slice(edit.range.end.offset);
  }
  return result;
}

const positionKeys = new Set(['start', 'end', 'lbrace', 'rbrace', 'lbracket', 'rbracket', 'lparen', 'rparen', 'operatorStart']);

/** A deep copy without positions, to compare trees parsed from different texts. */
export function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (!positionKeys.has(key)) copy[key] = withoutPositions(entry);
  }
  return copy;
}
