import { describe, expect, it } from 'vitest';
import { anchoredPattern, goRegexpError } from '../src/regexp.js';

/**
 * Patterns Go's regexp/syntax refuses, with the text of its `*syntax.Error` ("error parsing regexp:
 * <code>: `<expr>`"), each derived from the parser's error kinds: which fragment each kind names
 * (the whole pattern for parentheses, the repetition operator, the escape, the class range...).
 */
const refused: [pattern: string, message: string][] = [
  ['(foo', 'error parsing regexp: missing closing ): `(foo`'],
  ['((a)', 'error parsing regexp: missing closing ): `((a)`'],
  ['foo)', 'error parsing regexp: unexpected ): `foo)`'],
  ['[a', 'error parsing regexp: missing closing ]: `[a`'],
  ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
  ['a++', 'error parsing regexp: invalid nested repetition operator: `++`'],
  ['x{2}{3}', 'error parsing regexp: invalid nested repetition operator: `{2}{3}`'],
  ['*a', 'error parsing regexp: missing argument to repetition operator: `*`'],
  ['a|+', 'error parsing regexp: missing argument to repetition operator: `+`'],
  ['\\', 'error parsing regexp: trailing backslash at end of expression: ``'],
  ['\\q', 'error parsing regexp: invalid escape sequence: `\\q`'],
  ['\\8', 'error parsing regexp: invalid escape sequence: `\\8`'],
  ['\\C', 'error parsing regexp: invalid escape sequence: `\\C`'],
  ['x{2,1}', 'error parsing regexp: invalid repeat count: `{2,1}`'],
  ['x{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
  ['(a{500}){3}', 'error parsing regexp: invalid repeat count: `{3}`'],
  ['(?P<>a)', 'error parsing regexp: invalid named capture: `(?P<>`'],
  ['(?P<a-b>x)', 'error parsing regexp: invalid named capture: `(?P<a-b>`'],
  ['(?<n', 'error parsing regexp: invalid named capture: `(?<n`'],
  ['(?z)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?z`'],
  ['(?i', 'error parsing regexp: invalid or unsupported Perl syntax: `(?i`'],
  ['(?=x)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
  ['(?!x)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?!`'],
  ['[z-a]', 'error parsing regexp: invalid character class range: `z-a`'],
  ['\\p{Foo}', 'error parsing regexp: invalid character class range: `\\p{Foo}`'],
  ['[[:foo:]]', 'error parsing regexp: invalid character class range: `[:foo:]`'],
  // A name used twice is not an error in Go (it is in RE2); the next error still is, with Go's fragment.
  ['(?P<n>a)(?P<n>b)(', 'error parsing regexp: missing closing ): `(?P<n>a)(?P<n>b)(`'],
  ['(?P<n>a)(?P<n>b)\\q', 'error parsing regexp: invalid escape sequence: `\\q`'],
];

/** Patterns Go accepts (some that other engines refuse, or that RE2 itself refuses). */
const accepted = ['(foo)', '.*', '\\Qa(b\\E', '(?P<n>a)', '(?<n>a)', '(?P<n>a)|(?P<n>b)', '(?P<1a>x)', 'x{1000}', '(?i)abc', '\\_', '[]a]', 'a{,2}', 'a{', '(?s:.)', '\\pL', '[[:alpha:]]'];

describe("regular expressions as Go's regexp package checks them", () => {
  it.each(refused)('refuses %j', (pattern, message) => {
    expect(goRegexpError(pattern)).toBe(message);
  });
  it.each(accepted)('accepts %j', (pattern) => {
    expect(goRegexpError(pattern)).toBeUndefined();
  });
  it('reports the pattern as the relabel rule compiles it', () => {
    expect(anchoredPattern('(foo', 'relabel')).toBe('^(?s:(foo)$');
    expect(goRegexpError(anchoredPattern('(foo', 'relabel'))).toBe('error parsing regexp: missing closing ): `^(?s:(foo)$`');
    expect(goRegexpError(anchoredPattern('foo)', 'relabel'))).toBe('error parsing regexp: unexpected ): `^(?s:foo))$`');
    expect(goRegexpError(anchoredPattern('a**', 'relabel'))).toBe('error parsing regexp: invalid nested repetition operator: `**`');
    expect(anchoredPattern('(foo', 'none')).toBe('(foo');
  });
});
