/**
 * The chevrotain lexer: raw tokens of the Alloy lexical grammar.
 *
 * Chevrotain matches the token patterns; `scanner.ts` then applies the parts
 * of upstream's scanner that depend on context: TERMINATOR insertion, escape
 * and number validation, and the error texts.
 */
import { createToken, Lexer, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';

const unicodeIdentifier = /[\p{L}_][\p{L}\p{Nd}_]*/uy;

/** Identifiers containing a non-ASCII letter or digit (pure ASCII ones use the fast regex). */
function matchUnicodeIdentifier(text: string, offset: number): CustomPatternMatcherReturn | null {
  unicodeIdentifier.lastIndex = offset;
  const match = unicodeIdentifier.exec(text);
  return match as CustomPatternMatcherReturn | null;
}

function unicodeIdentifierStartChars(): number[] {
  // Chevrotain indexes char codes below 256 one by one and the rest by blocks of 256.
  // ASCII starts are included for identifiers such as `métrica` that continue with non-ASCII characters.
  const codes: number[] = [95];
  for (let code = 65; code <= 90; code++) codes.push(code, code + 32);
  for (let code = 0x80; code < 0x100; code++) codes.push(code);
  for (let code = 0x100; code <= 0xffff; code += 0x100) codes.push(code);
  return codes;
}

/** One space, the most common gap between tokens: a character comparison instead of a regular expression. */
export const Space = createToken({ name: 'Space', pattern: ' ', group: Lexer.SKIPPED });
export const Whitespace = createToken({ name: 'Whitespace', pattern: /[ \t\r]+/, group: Lexer.SKIPPED });
// A line feed with the blank lines and indentation after it: one match instead of several (only the
// first line feed can be a TERMINATOR, the others follow it with nothing in between).
export const Newline = createToken({ name: 'Newline', pattern: /\n[ \t\r\n]*/, line_breaks: true });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n]*/ });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?(?:\*\/|$(?![\s\S]))/, line_breaks: true });
export const DoubleQuoted = createToken({ name: 'DoubleQuoted', pattern: /"(?:[^"\\\n]|\\[^\n]?)*"?/ });
export const RawString = createToken({ name: 'RawString', pattern: /`[^`]*`?/, line_breaks: true });
export const SingleQuoted = createToken({ name: 'SingleQuoted', pattern: /'[^'\n]*'?/ });
export const NumberLike = createToken({ name: 'NumberLike', pattern: /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]*)?/ });
// Fails when a non-ASCII character follows, leaving the identifier to UnicodeIdentifier.
export const AsciiIdentifier = createToken({
  name: 'AsciiIdentifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_\u0080-\uffff])/,
});
export const UnicodeIdentifier = createToken({
  name: 'UnicodeIdentifier',
  pattern: { exec: matchUnicodeIdentifier },
  start_chars_hint: unicodeIdentifierStartChars(),
  line_breaks: false,
});
/**
 * A two-character operator. A custom matcher returning one preallocated
 * match: no regular expression and no new string per token.
 */
function twoCharacterOperator(operator: string): TokenType {
  const second = operator.charCodeAt(1);
  const match = [operator] as unknown as CustomPatternMatcherReturn;
  return createToken({
    name: operator,
    pattern: { exec: (text: string, offset: number) => (text.charCodeAt(offset + 1) === second ? match : null) },
    start_chars_hint: [operator[0]!],
    line_breaks: false,
  });
}

/**
 * Operators and punctuation, one token type each: a one-character string
 * pattern is matched by chevrotain with a character comparison. The
 * two-character operators come first, so they win over their first character.
 */
export const operatorTokenTypes: readonly TokenType[] = [
  ...['||', '&&', '==', '!=', '<=', '>='].map(twoCharacterOperator),
  ...['|', '&', '!', '=', '<', '>', '+', '-', '*', '/', '%', '^', '{', '}', '(', ')', '[', ']', ',', '.'].map((operator) =>
    createToken({ name: operator, pattern: operator }),
  ),
];

export const rawTokenTypes: TokenType[] = [
  Space,
  Whitespace,
  Newline,
  LineComment,
  BlockComment,
  DoubleQuoted,
  RawString,
  SingleQuoted,
  NumberLike,
  AsciiIdentifier,
  UnicodeIdentifier,
  ...operatorTokenTypes,
];

let lexer: Lexer | undefined;

/** The shared chevrotain lexer (built on first use). */
export function rawLexer(): Lexer {
  lexer ??= new Lexer(rawTokenTypes, {
    positionTracking: 'onlyOffset',
    ensureOptimizations: true,
    skipValidations: true,
  });
  return lexer;
}
