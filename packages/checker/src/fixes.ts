import type { Diagnostic, ParseResult, TextEdit } from '@alloy-toolkit/syntax';

/** A diagnostic as the checker returns it: the parser's shape, plus an optional hint line. */
export type CheckerDiagnostic = Diagnostic & { hint?: string };

const hashMessage = /^illegal character U\+0023 '#'/;
const missingComma = /^missing ',' in (field|expression) list/;

/** Gives the parser's `#` and missing-comma diagnostics the fix and hint the checker promises. */
export function enrichParserDiagnostics(text: string, parseResult: ParseResult): CheckerDiagnostic[] {
  const lines = parseResult.lines;
  return parseResult.diagnostics.map((original) => {
    const diagnostic: CheckerDiagnostic = { ...original };
    if (hashMessage.test(diagnostic.message) || diagnostic.code === 'syntax/hash-comment') {
      diagnostic.code = 'syntax/hash-comment';
      diagnostic.hint ??= "Alloy comments start with '//', not '#'";
      if (!diagnostic.fix && text[diagnostic.range.start.offset] === '#') {
        const start = diagnostic.range.start;
        diagnostic.fix = {
          title: "Replace '#' with '//'",
          edits: [{ range: { start, end: lines.positionAt(start.offset + 1) }, newText: '//' }],
        };
      }
    } else if (missingComma.test(diagnostic.message)) {
      if (diagnostic.code === 'syntax/unexpected-token' || diagnostic.code === 'syntax/error') diagnostic.code = 'syntax/missing-comma';
      if (!diagnostic.fix) {
        const offset = endOfPreviousToken(text, parseResult, diagnostic.range.start.offset);
        if (offset !== undefined) {
          const at = lines.positionAt(offset);
          diagnostic.fix = { title: "Insert ','", edits: [{ range: { start: at, end: at }, newText: ',' }] };
        }
      }
      diagnostic.hint ??= "Separate list elements and object fields with ','";
    }
    return diagnostic;
  });
}

/** The offset just after the last code character before `offset`, skipping whitespace and comments. */
function endOfPreviousToken(text: string, parseResult: ParseResult, offset: number): number | undefined {
  let position = Math.min(offset, text.length);
  const comments = parseResult.comments;
  for (;;) {
    while (position > 0 && /\s/.test(text[position - 1]!)) position--;
    if (position === 0) return undefined;
    const comment = comments.find((candidate) => candidate.start < position && candidate.end >= position);
    if (!comment) return position;
    position = comment.start;
  }
}

/**
 * Applies the fixes of `diagnostics` to `text`: every fix whose edits do not overlap an
 * edit already taken (in source order), each identical fix once.
 */
export function applyFixes(text: string, diagnostics: Diagnostic[]): { text: string; applied: number } {
  const candidates = diagnostics
    .filter((diagnostic) => diagnostic.fix && diagnostic.fix.edits.length > 0)
    .map((diagnostic) => [...diagnostic.fix!.edits].sort((a, b) => a.range.start.offset - b.range.start.offset))
    .sort((a, b) => a[0]!.range.start.offset - b[0]!.range.start.offset);
  const taken: TextEdit[] = [];
  const seen = new Set<string>();
  let applied = 0;
  for (const edits of candidates) {
    const key = edits.map((edit) => `${edit.range.start.offset}:${edit.range.end.offset}:${edit.newText}`).join('|');
    if (seen.has(key)) continue;
    const valid = edits.every(
      (edit) => edit.range.start.offset >= 0 && edit.range.end.offset <= text.length && edit.range.start.offset <= edit.range.end.offset,
    );
    if (!valid) continue;
    const overlaps = edits.some((edit) =>
      taken.some(
        (other) =>
          edit.range.start.offset < other.range.end.offset && other.range.start.offset < edit.range.end.offset ||
          (edit.range.start.offset === other.range.start.offset && (edit.range.start.offset === edit.range.end.offset || other.range.start.offset === other.range.end.offset)),
      ),
    );
    if (overlaps) continue;
    seen.add(key);
    taken.push(...edits);
    applied++;
  }
  taken.sort((a, b) => b.range.start.offset - a.range.start.offset);
  let result = text;
  for (const edit of taken) result = result.slice(0, edit.range.start.offset) + edit.newText + result.slice(edit.range.end.offset);
  return { text: result, applied };
}
