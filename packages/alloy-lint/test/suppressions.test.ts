import { LineIndex } from '@alloy-toolkit/syntax';
import { describe, expect, it } from 'vitest';
import type { Comment, Diagnostic, LineIndexLike } from '../src/engine.js';
import { UNUSED_SUPPRESSION_CODE, applySuppressions, parseDirectives } from '../src/suppressions.js';

/**
 * Comments written on the given lines of one text (comments that share a line follow each other,
 * one space apart), with that text's lines: what `parse` returns for them.
 */
function commentsOnLines(entries: readonly [text: string, line: number][]): { comments: Comment[]; lines: LineIndexLike } {
  const rows: string[] = Array.from({ length: Math.max(...entries.map(([, line]) => line)) }, () => '');
  const columns = entries.map(([text, line]) => {
    const row = rows[line - 1]!;
    const column = row === '' ? 0 : row.length + 1;
    rows[line - 1] = row === '' ? text : `${row} ${text}`;
    return column;
  });
  const text = rows.join('\n');
  const lines = new LineIndex(text);
  const comments = entries.map(([commentText, line], index): Comment => {
    const start = lines.offsetAt(line, 1) + columns[index]!;
    return { kind: commentText.startsWith('/*') ? 'block' : 'line', text: commentText, start, end: start + commentText.length };
  });
  for (const [index, comment] of comments.entries()) {
    // The placement is what the entries say: the comment is its text, on its line.
    expect(text.slice(comment.start, comment.end)).toBe(entries[index]![0]);
    expect(lines.lineOf(comment.start)).toBe(entries[index]![1]);
    expect(lines.lineOf(comment.end)).toBe(entries[index]![1]);
  }
  return { comments, lines };
}

function directivesOf(entries: readonly [text: string, line: number][]) {
  const { comments, lines } = commentsOnLines(entries);
  return parseDirectives(comments, lines);
}

function problem(code: string, line: number): Diagnostic {
  const position = { offset: 0, line, column: 1 };
  return { code, severity: 'error', message: `${code} on ${line}`, range: { start: position, end: position } };
}

describe('parseDirectives', () => {
  it('reads next-line, line and file directives with code lists and reasons', () => {
    const directives = directivesOf([
      ['// alloy-lint-disable-next-line a/b, c/d -- because', 3],
      ['// alloy-lint-disable-line x/y', 7],
      ['/* alloy-lint-disable */', 1],
      ['// not a directive: alloy-lint-disable', 2],
      ['// alloy-lint-disabled-thing', 2],
    ]);
    expect(directives.map(({ kind, codes, targetLine }) => ({ kind, codes, targetLine }))).toEqual([
      { kind: 'next-line', codes: ['a/b', 'c/d'], targetLine: 4 },
      { kind: 'line', codes: ['x/y'], targetLine: 7 },
      { kind: 'file', codes: [], targetLine: undefined },
    ]);
  });
});

describe('applySuppressions', () => {
  it('suppresses the named codes on the next line only', () => {
    const directives = directivesOf([['// alloy-lint-disable-next-line a/b', 3]]);
    const outcome = applySuppressions([problem('a/b', 4), problem('a/b', 5), problem('c/d', 4)], directives);
    expect(outcome.kept.map((d) => `${d.code}@${d.range.start.line}`)).toEqual(['a/b@5', 'c/d@4']);
    expect(outcome.suppressedCount).toBe(1);
    expect(outcome.unused).toEqual([]);
  });

  it('suppresses every code in the file when no code is named', () => {
    const directives = directivesOf([['// alloy-lint-disable', 1]]);
    const outcome = applySuppressions([problem('a/b', 4), problem('c/d', 9)], directives);
    expect(outcome.kept).toEqual([]);
    expect(outcome.suppressedCount).toBe(2);
  });

  it('reports each unused code, and unused directives without codes', () => {
    const directives = directivesOf([
      ['// alloy-lint-disable-next-line a/b, c/d', 3],
      ['// alloy-lint-disable-next-line', 10],
    ]);
    const outcome = applySuppressions([problem('a/b', 4)], directives);
    expect(outcome.unused.map((d) => [d.code, d.severity, d.message, d.range.start.line])).toEqual([
      [UNUSED_SUPPRESSION_CODE, 'warning', "unused alloy-lint-disable-next-line directive (no problems were reported from 'c/d')", 3],
      [UNUSED_SUPPRESSION_CODE, 'warning', 'unused alloy-lint-disable-next-line directive (no problems were reported)', 10],
    ]);
  });
});
