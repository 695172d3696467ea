import { describe, expect, it } from 'vitest';
import type { Comment, Diagnostic } from '../src/engine.js';
import { UNUSED_SUPPRESSION_CODE, applySuppressions, parseDirectives } from '../src/suppressions.js';

function lineComment(text: string, line: number): Comment {
  return {
    kind: text.startsWith('/*') ? 'block' : 'line',
    text,
    start: { offset: 0, line, column: 1 },
    end: { offset: text.length, line, column: text.length + 1 },
  };
}

function problem(code: string, line: number): Diagnostic {
  const position = { offset: 0, line, column: 1 };
  return { code, severity: 'error', message: `${code} on ${line}`, range: { start: position, end: position } };
}

describe('parseDirectives', () => {
  it('reads next-line, line and file directives with code lists and reasons', () => {
    const directives = parseDirectives([
      lineComment('// alloy-lint-disable-next-line a/b, c/d -- because', 3),
      lineComment('// alloy-lint-disable-line x/y', 7),
      lineComment('/* alloy-lint-disable */', 1),
      lineComment('// not a directive: alloy-lint-disable', 2),
      lineComment('// alloy-lint-disabled-thing', 2),
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
    const directives = parseDirectives([lineComment('// alloy-lint-disable-next-line a/b', 3)]);
    const outcome = applySuppressions([problem('a/b', 4), problem('a/b', 5), problem('c/d', 4)], directives);
    expect(outcome.kept.map((d) => `${d.code}@${d.range.start.line}`)).toEqual(['a/b@5', 'c/d@4']);
    expect(outcome.suppressedCount).toBe(1);
    expect(outcome.unused).toEqual([]);
  });

  it('suppresses every code in the file when no code is named', () => {
    const directives = parseDirectives([lineComment('// alloy-lint-disable', 1)]);
    const outcome = applySuppressions([problem('a/b', 4), problem('c/d', 9)], directives);
    expect(outcome.kept).toEqual([]);
    expect(outcome.suppressedCount).toBe(2);
  });

  it('reports each unused code, and unused directives without codes', () => {
    const directives = parseDirectives([
      lineComment('// alloy-lint-disable-next-line a/b, c/d', 3),
      lineComment('// alloy-lint-disable-next-line', 10),
    ]);
    const outcome = applySuppressions([problem('a/b', 4)], directives);
    expect(outcome.unused.map((d) => [d.code, d.severity, d.message, d.range.start.line])).toEqual([
      [UNUSED_SUPPRESSION_CODE, 'warning', "unused alloy-lint-disable-next-line directive (no problems were reported from 'c/d')", 3],
      [UNUSED_SUPPRESSION_CODE, 'warning', 'unused alloy-lint-disable-next-line directive (no problems were reported)', 10],
    ]);
  });
});
