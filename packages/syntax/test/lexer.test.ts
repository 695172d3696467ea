/**
 * The lexical grammar (LANGUAGE.md §1): token kinds, TERMINATOR insertion,
 * every lexer error text with its position, and the extra diagnostics of
 * this toolkit (`#` comments, single-quoted strings).
 */
import { describe, expect, it } from 'vitest';
import { byteColumn, parse, scanDoubleQuoted, tokenize, unquoteString, type Diagnostic } from '../src/index.js';
import { LineIndex } from '../src/positions.js';
import { scan } from '../src/scanner.js';
import { applyFix } from './helpers.js';

/** `kind:text` of every token except EOF. */
function kinds(text: string): string[] {
  return tokenize(text)
    .filter((token) => token.kind !== 'EOF')
    .map((token) => (token.kind === token.text || token.kind === 'TERMINATOR' ? token.kind : `${token.kind}:${token.text}`));
}

function lexerErrors(text: string): Diagnostic[] {
  const result = parse(text);
  return result.diagnostics.filter((diagnostic) => !/^(expected|missing ',')/.test(diagnostic.message));
}

function only(diagnostics: Diagnostic[], message: string): Diagnostic {
  const found = diagnostics.filter((diagnostic) => diagnostic.message === message);
  expect(found, `diagnostics: ${diagnostics.map((d) => d.message).join(' | ')}`).toHaveLength(1);
  return found[0]!;
}

/** Line, UTF-16 column and upstream byte column of a diagnostic's start. */
function where(text: string, diagnostic: Diagnostic): { line: number; column: number; byteColumn: number } {
  const { line, column } = diagnostic.range.start;
  return { line, column, byteColumn: byteColumn(text, diagnostic.range.start) };
}

describe('token kinds', () => {
  it('identifiers, keywords and their terminators', () => {
    expect(kinds('foo _bar baz_9 true false null')).toEqual([
      'IDENT:foo',
      'IDENT:_bar',
      'IDENT:baz_9',
      'BOOL:true',
      'BOOL:false',
      'NULL:null',
      'TERMINATOR',
    ]);
  });

  it('words that look reserved elsewhere are plain identifiers', () => {
    for (const word of ['string', 'if', 'for', 'declare', 'argument', 'export', 'True', 'NULL', 'nil']) {
      expect(kinds(word)).toEqual([`IDENT:${word}`, 'TERMINATOR']);
    }
  });

  it('Unicode letters anywhere and Unicode decimal digits after the first character', () => {
    for (const name of ['métrica_café', 'ŝfoo', 'a۰۱۸', 'foo६४', 'été', 'Ωmega', '名前']) {
      expect(kinds(name)).toEqual([`IDENT:${name}`, 'TERMINATOR']);
      expect(parse(`${name} = 1`).diagnostics).toEqual([]);
    }
  });

  it('a Unicode digit cannot start an identifier and a hyphen is never part of one', () => {
    expect(kinds('۰a')[0]).toBe('ILLEGAL:۰');
    expect(kinds('a-b')).toEqual(['IDENT:a', '-', 'IDENT:b', 'TERMINATOR']);
  });

  it('integers and floats', () => {
    expect(kinds('0 42 007')).toEqual(['NUMBER:0', 'NUMBER:42', 'NUMBER:007', 'TERMINATOR']);
    expect(kinds('1.5 1. .5 1e5 1E+5 2.5e-3 1.e5 .5e1')).toEqual([
      'FLOAT:1.5',
      'FLOAT:1.',
      'FLOAT:.5',
      'FLOAT:1e5',
      'FLOAT:1E+5',
      'FLOAT:2.5e-3',
      'FLOAT:1.e5',
      'FLOAT:.5e1',
      'TERMINATOR',
    ]);
  });

  it('no prefixes, separators, signs or units in numbers', () => {
    expect(kinds('0x10')).toEqual(['NUMBER:0', 'IDENT:x10', 'TERMINATOR']);
    expect(kinds('10s')).toEqual(['NUMBER:10', 'IDENT:s', 'TERMINATOR']);
    expect(kinds('-1')).toEqual(['-', 'NUMBER:1', 'TERMINATOR']);
    expect(kinds('1_000')).toEqual(['NUMBER:1', 'IDENT:_000', 'TERMINATOR']);
  });

  it('a dot starts a number only before a digit; `..` is two dots', () => {
    expect(kinds('a.x')).toEqual(['IDENT:a', '.', 'IDENT:x', 'TERMINATOR']);
    expect(kinds('a..b')).toEqual(['IDENT:a', '.', '.', 'IDENT:b', 'TERMINATOR']);
  });

  it('double-quoted and raw strings keep their delimiters', () => {
    expect(kinds('"a b" "" "x\\"y"')).toEqual(['STRING:"a b"', 'STRING:""', 'STRING:"x\\"y"', 'TERMINATOR']);
    expect(kinds('`raw \\n`')).toEqual(['STRING:`raw \\n`', 'TERMINATOR']);
  });

  it('raw strings span lines', () => {
    const tokens = tokenize('`line 1\nline 2` x');
    expect(tokens[0]).toEqual({ kind: 'STRING', text: '`line 1\nline 2`', start: 0, end: 15 });
    expect(tokens[1]).toMatchObject({ kind: 'IDENT', text: 'x', start: 16 });
  });

  it('every operator and punctuation mark', () => {
    const operators = ['||', '&&', '!', '=', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '^', '{', '}', '(', ')', '[', ']', ',', '.'];
    const tokens = tokenize(operators.join(' ')).filter((token) => token.kind !== 'EOF' && token.kind !== 'TERMINATOR');
    expect(tokens.map((token) => token.kind)).toEqual(operators);
    expect(tokens.map((token) => token.text)).toEqual(operators);
  });

  it('longest match for two-character operators', () => {
    expect(kinds('a==b!=c<=d>=e')).toEqual(['IDENT:a', '==', 'IDENT:b', '!=', 'IDENT:c', '<=', 'IDENT:d', '>=', 'IDENT:e', 'TERMINATOR']);
    expect(kinds('a===b')).toEqual(['IDENT:a', '==', '=', 'IDENT:b', 'TERMINATOR']);
  });

  it('comments are COMMENT tokens with their exact text and offsets', () => {
    const text = 'a /* one */ + // two\n/* three\nlines */';
    const comments = tokenize(text).filter((token) => token.kind === 'COMMENT');
    expect(comments).toEqual([
      { kind: 'COMMENT', text: '/* one */', start: 2, end: 11 },
      { kind: 'COMMENT', text: '// two', start: 14, end: 20 },
      { kind: 'COMMENT', text: '/* three\nlines */', start: 21, end: 38 },
    ]);
  });

  it('block comments do not nest', () => {
    expect(kinds('/* a /* b */ c */')).toEqual(['COMMENT:/* a /* b */', 'IDENT:c', '*', '/']);
  });

  it('illegal characters are ILLEGAL tokens', () => {
    expect(kinds('a ; b')).toEqual(['IDENT:a', 'ILLEGAL:;', 'IDENT:b', 'TERMINATOR']);
  });

  it('the token list always ends with EOF at the end of the text', () => {
    for (const text of ['', 'a', 'a +', '// c']) {
      const tokens = tokenize(text);
      expect(tokens[tokens.length - 1]).toEqual({ kind: 'EOF', text: '', start: text.length, end: text.length });
    }
  });

  it('token offsets slice to the token text', () => {
    const text = 'prometheus.scrape "x" {\n  targets = [{"a" = `b`}, 1.5e3] // c\n}\n';
    for (const token of tokenize(text)) {
      if (token.kind === 'TERMINATOR' || token.kind === 'EOF') continue;
      expect(text.slice(token.start, token.end)).toBe(token.text);
    }
  });
});

describe('TERMINATOR insertion (§1.8)', () => {
  const due = ['x', 'true', 'false', 'null', '1', '1.5', '"s"', '`r`', ')', ']', '}'];
  it.each(due)('a line feed after %s is a TERMINATOR at the line feed', (before) => {
    const tokens = tokenize(`${before}\n`);
    const terminator = tokens.find((token) => token.kind === 'TERMINATOR');
    expect(terminator).toEqual({ kind: 'TERMINATOR', text: '\n', start: before.length, end: before.length + 1 });
  });

  it('an ILLEGAL single-quoted string is followed by a TERMINATOR', () => {
    expect(kinds("'a'\n")).toEqual(["ILLEGAL:'a'", 'TERMINATOR']);
  });

  const notDue = ['||', '&&', '!', '=', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/ 1', '%', '^', '{', '(', '[', ',', '.'];
  it.each(notDue)('a line feed after %s is whitespace', (before) => {
    expect(tokenize(`${before}\n`).some((token) => token.kind === 'TERMINATOR' && token.start < before.length + 1)).toBe(
      before === '/ 1',
    );
  });

  it('an illegal character does not make a line feed significant', () => {
    expect(kinds('@\n')).toEqual(['ILLEGAL:@']);
  });

  it('blank lines give one TERMINATOR', () => {
    expect(kinds('a\n\n\nb')).toEqual(['IDENT:a', 'TERMINATOR', 'IDENT:b', 'TERMINATOR']);
  });

  it('at EOF a zero-width TERMINATOR is emitted when one is due, then EOF', () => {
    expect(tokenize('a = 1').slice(-2)).toEqual([
      { kind: 'TERMINATOR', text: '\n', start: 5, end: 5 },
      { kind: 'EOF', text: '', start: 5, end: 5 },
    ]);
    expect(kinds('a = ')).toEqual(['IDENT:a', '=']);
    expect(kinds('')).toEqual([]);
  });

  it('a line comment after due code gets the TERMINATOR first, at the comment start', () => {
    const tokens = tokenize('a = 1 // note\nb = 2');
    expect(tokens.slice(3, 5)).toEqual([
      { kind: 'TERMINATOR', text: '\n', start: 6, end: 6 },
      { kind: 'COMMENT', text: '// note', start: 6, end: 13 },
    ]);
    // The line feed after the comment is not a second terminator: the comment cleared the due state.
    expect(tokens.filter((token) => token.kind === 'TERMINATOR')).toHaveLength(2);
  });

  it('block comments reaching the end of the line end the statement before them', () => {
    expect(kinds('a /* x */ /* y */\nb')).toEqual(['IDENT:a', 'TERMINATOR', 'COMMENT:/* x */', 'COMMENT:/* y */', 'IDENT:b', 'TERMINATOR']);
    expect(tokenize('a /* x */\n')[1]).toEqual({ kind: 'TERMINATOR', text: '\n', start: 2, end: 2 });
  });

  it('a block comment containing a line feed ends the statement before it', () => {
    expect(kinds('a /* x\n y */ b')).toEqual(['IDENT:a', 'TERMINATOR', 'COMMENT:/* x\n y */', 'IDENT:b', 'TERMINATOR']);
  });

  it('a block comment reaching EOF ends the statement before it', () => {
    expect(kinds('a /* x */')).toEqual(['IDENT:a', 'TERMINATOR', 'COMMENT:/* x */']);
    expect(kinds('a /* unterminated')).toEqual(['IDENT:a', 'TERMINATOR', 'COMMENT:/* unterminated']);
  });

  it('a block comment followed by more tokens on the line does not end the statement', () => {
    expect(kinds('a /* x */ + 1\n')).toEqual(['IDENT:a', 'COMMENT:/* x */', '+', 'NUMBER:1', 'TERMINATOR']);
    expect(parse('a = 1 /* x */ + 2\n').diagnostics).toEqual([]);
  });

  it('after a comment the due state is cleared even when more tokens follow on the line', () => {
    // `b` after the comment is due again; the comment itself cleared the state set by `a`.
    expect(kinds('a /* x */ b\n')).toEqual(['IDENT:a', 'COMMENT:/* x */', 'IDENT:b', 'TERMINATOR']);
  });

  it('no TERMINATOR before a comment when none is due', () => {
    expect(kinds('a = // note\n1')).toEqual(['IDENT:a', '=', 'COMMENT:// note', 'NUMBER:1', 'TERMINATOR']);
  });

  it('CR is whitespace: CRLF behaves like LF and CR alone never ends a line', () => {
    expect(kinds('a = 1\r\nb = 2\r\n')).toEqual(kinds('a = 1\nb = 2\n'));
    const crlf = tokenize('a\r\nb');
    expect(crlf[1]).toEqual({ kind: 'TERMINATOR', text: '\n', start: 2, end: 3 });
    expect(kinds('a\rb')).toEqual(['IDENT:a', 'IDENT:b', 'TERMINATOR']);
    const result = parse('a = 1\r\nb = 2\r\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.lines.positionAt(result.file.body[1]!.start)).toEqual({ offset: 7, line: 2, column: 1 });
    expect(parse('a = 1\rb = 2').diagnostics.map((d) => d.message)).toEqual(['expected TERMINATOR, got IDENT']);
  });
});

describe('byte order mark', () => {
  it('is skipped at offset 0', () => {
    const text = '\ufeffa = 1';
    expect(tokenize(text)[0]).toEqual({ kind: 'IDENT', text: 'a', start: 1, end: 2 });
    const result = parse(text);
    expect(result.diagnostics).toEqual([]);
    const attribute = result.file.body[0]!;
    expect(result.lines.positionAt(attribute.start)).toEqual({ offset: 1, line: 1, column: 2 });
    // Upstream's columns count the three BOM bytes.
    expect(byteColumn(text, attribute.start)).toBe(4);
  });

  it('is an error anywhere else, also inside strings and comments', () => {
    const text = 'a = 1\nb = 2 \ufeff\nc = "\ufeff" // \ufeff';
    const errors = lexerErrors(text).filter((d) => d.message === 'illegal byte order mark');
    expect(errors.map((d) => d.range.start.offset)).toEqual([12, 19, 25]);
    expect(where(text, errors[0]!)).toEqual({ line: 2, column: 7, byteColumn: 7 });
  });
});

describe('lexer errors (§4.1)', () => {
  it('illegal character NUL, anywhere', () => {
    const text = 'a = "x\0" // \0\nb = \0';
    const errors = lexerErrors(text).filter((d) => d.message === 'illegal character NUL');
    expect(errors.map((d) => d.range.start.offset)).toEqual([6, 12, 18]);
    expect(where(text, errors[2]!)).toEqual({ line: 2, column: 5, byteColumn: 5 });
    expect(errors.every((d) => d.code === 'syntax/illegal-character' && d.severity === 'error')).toBe(true);
  });

  it('illegal UTF-8 encoding for lone surrogates and U+FFFD replacement characters', () => {
    const text = 'é = "\ud800" // \udc00\nb = \ufffd';
    const errors = lexerErrors(text).filter((d) => d.message === 'illegal UTF-8 encoding');
    expect(errors.map((d) => d.range.start.offset)).toEqual([5, 11, 17]);
    expect(where(text, errors[0]!)).toEqual({ line: 1, column: 6, byteColumn: 7 });
    expect(errors[0]!.code).toBe('syntax/invalid-utf8');
  });

  it('a surrogate pair is valid', () => {
    expect(parse('a = "😀" // 😀').diagnostics).toEqual([]);
  });

  it.each([
    ['#', "illegal character U+0023 '#'"],
    [';', "illegal character U+003B ';'"],
    [':', "illegal character U+003A ':'"],
    ['?', "illegal character U+003F '?'"],
    ['@', "illegal character U+0040 '@'"],
    ['$', "illegal character U+0024 '$'"],
    ['~', "illegal character U+007E '~'"],
    ['…', "illegal character U+2026 '…'"],
    ['\u0007', 'illegal character U+0007'],
    ['\u007f', 'illegal character U+007F'],
  ])('illegal character %j', (character, message) => {
    const text = `é = [\n  1 ${character}`;
    const error = only(lexerErrors(text), message);
    expect(where(text, error)).toEqual({ line: 2, column: 5, byteColumn: 5 });
    expect(error.range.end.offset - error.range.start.offset).toBe(character.length);
  });

  it('illegal character after multi-byte text has a larger byte column', () => {
    const text = 'ünïcödé = @';
    const error = only(lexerErrors(text), "illegal character U+0040 '@'");
    expect(where(text, error)).toEqual({ line: 1, column: 11, byteColumn: 15 });
  });

  it('illegal single-quoted string; use double quotes, at the opening quote', () => {
    const text = "é = 'abc'";
    const error = only(parse(text).diagnostics, 'illegal single-quoted string; use double quotes');
    expect(error.code).toBe('syntax/single-quoted-string');
    expect(where(text, error)).toEqual({ line: 1, column: 5, byteColumn: 6 });
    expect(error.range.end.offset).toBe(text.length);
  });

  it('missing second | in || and missing second & in &&, where the second character should be', () => {
    const text = 'a = x | y\nb = x & y\nc = x |é';
    const errors = lexerErrors(text);
    expect(where(text, only(errors, 'missing second & in &&'))).toEqual({ line: 2, column: 8, byteColumn: 8 });
    expect(errors.filter((error) => error.message === 'missing second | in ||').map((error) => where(text, error))).toEqual([
      { line: 1, column: 8, byteColumn: 8 },
      { line: 3, column: 8, byteColumn: 8 },
    ]);
    // At the end of the text: the end.
    expect(where('x |', only(lexerErrors('x |'), 'missing second | in ||'))).toEqual({ line: 1, column: 4, byteColumn: 4 });
    // The OR/AND token is still produced, so the expression parses.
    expect(kinds('x | y')).toEqual(['IDENT:x', '||:|', 'IDENT:y', 'TERMINATOR']);
    expect(kinds('x & y')).toEqual(['IDENT:x', '&&:&', 'IDENT:y', 'TERMINATOR']);
    expect(parse('a = x | y\nb = x & y').diagnostics).toHaveLength(2);
  });

  it.each(['1e', '1e+', '10E-', '1.5e'])('exponent has no digits in %s, at the number start', (number) => {
    const text = `é = ${number}`;
    const error = only(parse(text).diagnostics, 'exponent has no digits');
    expect(where(text, error)).toEqual({ line: 1, column: 5, byteColumn: 6 });
    expect(kinds(number)[0]).toBe(`FLOAT:${number}`);
  });

  it('string literal not terminated: line feed inside "…", at the opening quote', () => {
    const text = 'é = "abc\nb = 1';
    const error = only(parse(text).diagnostics, 'string literal not terminated');
    expect(error.code).toBe('syntax/unterminated-string');
    expect(where(text, error)).toEqual({ line: 1, column: 5, byteColumn: 6 });
    // The next line is still read as a statement.
    expect(parse(text).file.body.map((statement) => statement.type === 'Attribute' && statement.name)).toContain('b');
  });

  it('string literal not terminated: EOF inside "…" and inside a raw string', () => {
    for (const text of ['a = "abc', 'a = `abc\ndef']) {
      const error = only(parse(text).diagnostics, 'string literal not terminated');
      expect(where(text, error)).toEqual({ line: 1, column: 5, byteColumn: 5 });
    }
  });

  it.each([
    ['\\d', 8],
    ["\\'", 8],
    ['\\.', 8],
    ['ab\\z', 10],
  ])('unknown escape sequence %s, at the character after the backslash', (escape, byteColumnExpected) => {
    const text = `é = "${escape}"`;
    const error = only(parse(text).diagnostics, 'unknown escape sequence');
    expect(error.code).toBe('syntax/invalid-escape');
    expect(byteColumn(text, error.range.start.offset)).toBe(byteColumnExpected);
    expect(text[error.range.start.offset - 1]).toBe('\\');
  });

  it('escape sequence not terminated: EOF right after the backslash or inside the digits, after the backslash', () => {
    for (const text of ['a = "\\', 'a = "\\x4', 'a = "\\u12']) {
      const error = only(parse(text).diagnostics, 'escape sequence not terminated');
      expect(error.range.start.offset).toBe(text.indexOf('\\') + 1);
      // Then the string itself, at its quote.
      expect(parse(text).diagnostics.map((diagnostic) => diagnostic.message)).toEqual(['escape sequence not terminated', 'string literal not terminated']);
    }
  });

  it.each([
    ['\\x4g', "illegal character U+0067 'g' in escape sequence"],
    ['\\12x', "illegal character U+0078 'x' in escape sequence"],
    ['\\u12z4', "illegal character U+007A 'z' in escape sequence"],
    ['\\U0001F60', "illegal character U+0022 '\"' in escape sequence"],
    ['\\18', "illegal character U+0038 '8' in escape sequence"],
    ['\\x ', "illegal character U+0020 ' ' in escape sequence"],
    ['\\x\u00a0', 'illegal character U+00A0 in escape sequence'],
  ])('illegal character in escape sequence %s, reported (as upstream does) at the character after the backslash', (escape, message) => {
    const text = `é = "${escape}"`;
    const error = only(parse(text).diagnostics, message);
    expect(byteColumn(text, error.range.start.offset)).toBe(8);
  });

  it.each(['\\400', '\\777', '\\U00110000', '\\ud800', '\\uDFFF', '\\U0000D800'])(
    'escape sequence is invalid Unicode code point: %s',
    (escape) => {
      const text = `a = "${escape}"`;
      const error = only(parse(text).diagnostics, 'escape sequence is invalid Unicode code point');
      expect(error.range.start.offset).toBe(6);
    },
  );

  it('every accepted escape is valid and unescapes as Go does', () => {
    const raw = '"\\a\\b\\f\\n\\r\\t\\v\\\\\\"\\101\\x41\\u00e9\\U0001F600"';
    expect(parse(`a = ${raw}`).diagnostics).toEqual([]);
    expect(unquoteString(raw)).toBe('\x07\b\f\n\r\t\v\\"AAé😀');
  });

  it('octal and hex escapes are bytes, decoded as UTF-8', () => {
    expect(unquoteString('"\\303\\251"')).toBe('é');
    expect(unquoteString('"\\xc3\\xa9"')).toBe('é');
  });

  it('scanDoubleQuoted without a value finds the same problems as with one', () => {
    for (const raw of ['"\\a\\x41\\u00e9"', '"\\d \\x4g \\uD800"', '"\\', '"open', '"\\303\\251"']) {
      const full = scanDoubleQuoted(raw);
      const check = scanDoubleQuoted(raw, undefined, false);
      expect(check).toEqual({ value: null, terminated: full.terminated, problems: full.problems });
    }
    expect(scanDoubleQuoted('"\\d"', undefined, false).problems.map((problem) => problem.message)).toEqual(['unknown escape sequence']);
  });

  it('raw strings take no escapes and drop CRs from their value', () => {
    expect(parse('a = `\\d \\q`').diagnostics).toEqual([]);
    expect(unquoteString('`a\\n\r\nb`')).toBe('a\\n\nb');
  });

  it('block comment not terminated, at the comment start', () => {
    const text = 'é = 1\n  /* open';
    const error = only(parse(text).diagnostics, 'block comment not terminated');
    expect(error.code).toBe('syntax/unterminated-comment');
    expect(where(text, error)).toEqual({ line: 2, column: 3, byteColumn: 3 });
  });

  it('lexer errors bypass the one-error-per-line filter', () => {
    expect(parse('a = @ $ ~').diagnostics.filter((d) => d.message.startsWith('illegal character'))).toHaveLength(3);
  });
});

describe('`#` comments', () => {
  it('keep upstream text, with code syntax/hash-comment, a hint and a fix to //', () => {
    const text = 'a = 1\n# a comment\nb = 2';
    const error = only(parse(text).diagnostics, "illegal character U+0023 '#'");
    expect(error.code).toBe('syntax/hash-comment');
    expect(error.severity).toBe('error');
    expect(error.hint).toMatch(/\/\//);
    expect(where(text, error)).toEqual({ line: 2, column: 1, byteColumn: 1 });
    expect(error.fix?.edits).toHaveLength(1);
    expect(error.fix!.edits[0]!.newText).toBe('//');
    expect(error.fix!.edits[0]!.range.start.offset).toBe(6);
    expect(error.fix!.edits[0]!.range.end.offset).toBe(7);
    const fixed = applyFix(text, error.fix!);
    expect(fixed).toBe('a = 1\n// a comment\nb = 2');
    expect(parse(fixed).diagnostics).toEqual([]);
  });

  it('fixes a trailing # comment after whitespace', () => {
    const text = 'a = 1 # note';
    const error = only(parse(text).diagnostics, "illegal character U+0023 '#'");
    expect(parse(applyFix(text, error.fix!)).diagnostics).toEqual([]);
  });

  it('offers no fix for a # glued to other text', () => {
    const error = only(parse('a = b#c').diagnostics, "illegal character U+0023 '#'");
    expect(error.code).toBe('syntax/hash-comment');
    expect(error.fix).toBeUndefined();
  });
});

describe('single-quoted strings', () => {
  it('are fixed to double quotes when the content has no " or \\', () => {
    const text = "a = 'hello world'";
    const error = only(parse(text).diagnostics, 'illegal single-quoted string; use double quotes');
    const fixed = applyFix(text, error.fix!);
    expect(fixed).toBe('a = "hello world"');
    expect(parse(fixed).diagnostics).toEqual([]);
  });

  it.each(["'say \"hi\"'", "'a\\nb'", "'open"])('have no fix for %s', (literal) => {
    const error = only(parse(`a = ${literal}`).diagnostics, 'illegal single-quoted string; use double quotes');
    expect(error.fix).toBeUndefined();
  });

  it('are scanned to their closing quote as one ILLEGAL token', () => {
    expect(kinds("'a b' x")).toEqual(["ILLEGAL:'a b'", 'IDENT:x', 'TERMINATOR']);
  });
});

describe('large inputs', () => {
  /** Tokens of `piece` repeated `count` times, from the tokens of one piece (which must end at a line start). */
  function repeatedTokens(piece: string, count: number) {
    const one = tokenize(piece).filter((token) => token.kind !== 'EOF');
    return Array.from({ length: count }, (_, index) =>
      one.map((token) => ({ ...token, start: token.start + index * piece.length, end: token.end + index * piece.length })),
    ).flat();
  }

  it.each([
    ['multi-line raw strings', 'a = `x\n  y\n` // c\n'],
    ['multi-line block comments', 'b = 1 /* one\n two */ + 2\n/* three\n*/\n'],
    ['strings, escapes and operators', 'c = ["\\n\\u00e9", 1.5e3, x.y[0] || !z] /* c */\n'],
    ['illegal characters', 'd = @ # ; 1\n'],
  ])('%s repeated 300,000 characters long lex as each piece does', (_name, piece) => {
    const count = Math.ceil(300_000 / piece.length);
    const text = piece.repeat(count);
    const tokens = tokenize(text);
    expect(tokens.slice(0, -1)).toEqual(repeatedTokens(piece, count));
    expect(tokens[tokens.length - 1]).toEqual({ kind: 'EOF', text: '', start: text.length, end: text.length });
  });

  it('a raw string of 100,000 lines and a 300,000-character line', () => {
    const raw = `\`${'x\n'.repeat(100_000)}\``;
    const line = `[${'1, '.repeat(100_000)}]`;
    const text = `a = ${raw}\nb = ${line}\n`;
    const result = parse(text);
    expect(result.diagnostics).toEqual([]);
    expect((result.file.body[0] as { value: { raw: string } }).value.raw).toBe(raw);
    expect(tokenize(text).filter((token) => token.kind === 'TERMINATOR')).toHaveLength(2);
  });

  it('an unterminated raw string or block comment runs to the end of a large text', () => {
    const filler = 'a = 1\n'.repeat(20_000);
    for (const opener of ['`', '/*']) {
      const text = `${filler}x = ${opener}${'\n'.repeat(100_000)}y = 2\n`;
      const tokens = tokenize(text).filter((token) => token.kind !== 'TERMINATOR' && token.kind !== 'EOF');
      const last = tokens[tokens.length - 1]!;
      expect(last.start).toBe(filler.length + 4);
      expect(last.end).toBe(text.length);
    }
  });
});

/** Upstream's one-line form of every diagnostic, in order, with byte columns. */
function upstreamStyle(text: string): string[] {
  return parse(text).diagnostics.map((diagnostic) => `${diagnostic.range.start.line}:${byteColumn(text, diagnostic.range.start.offset)}: ${diagnostic.message}`);
}

// Each expectation below is what upstream's parser reports (checked with alloy-oracle, see
// prettier-plugin-alloy/test/oracle-differential.test.ts, which found these cases).
describe("upstream's reporting order: its scanner reports while the parser moves onto a token", () => {
  it('a string escape error comes before the label error of the same token', () => {
    expect(upstreamStyle('blk "a\\qb" {\n}\n')).toEqual([
      '1:8: unknown escape sequence',
      '1:5: expected block label to be a valid identifier, but got "a\\\\qb"',
    ]);
  });

  it('escape errors come before the unterminated string they are in', () => {
    expect(upstreamStyle('a = "\\q\n')).toEqual(['1:7: unknown escape sequence', '1:5: string literal not terminated']);
  });

  it('a single-quoted string is scanned as a string too: its escapes and its end are checked', () => {
    expect(upstreamStyle("a = 'x\\q\n")).toEqual([
      '1:5: illegal single-quoted string; use double quotes',
      '1:8: unknown escape sequence',
      '1:5: string literal not terminated',
      '1:5: expected expression, got ILLEGAL',
    ]);
    // `\'` is no escape: the quote ends the string.
    expect(upstreamStyle("a = 'x\\'\n")).toEqual([
      '1:5: illegal single-quoted string; use double quotes',
      '1:8: unknown escape sequence',
      '1:5: expected expression, got ILLEGAL',
    ]);
  });

  it('a NUL is reported when read (while scanning the token before it) and again as an ILLEGAL token', () => {
    expect(upstreamStyle('a = 1e\0\n')).toEqual([
      '1:7: illegal character NUL',
      '1:5: exponent has no digits',
      '1:7: illegal character U+0000',
      '1:7: expected TERMINATOR, got ILLEGAL',
    ]);
    expect(upstreamStyle('a = "\\x4\0"\n')).toEqual(['1:9: illegal character NUL', '1:7: illegal character U+0000 in escape sequence']);
  });

  it('a NUL or BOM in a block comment after a statement token is read twice (upstream looks for the line end first)', () => {
    expect(upstreamStyle('a = 1 /* x\0\n*/\n')).toEqual(['1:11: illegal character NUL', '1:11: illegal character NUL']);
    expect(upstreamStyle('a "b" /* c\ufeff */ = 1\n')).toEqual([
      '1:11: illegal byte order mark',
      '1:11: illegal byte order mark',
      '1:3: attribute names may not have labels',
    ]);
  });

  it('a parser error at a terminator comes before the unterminated comment after it', () => {
    expect(upstreamStyle('foo /* c')).toEqual(['1:5: expected block label, got TERMINATOR', '1:5: block comment not terminated']);
  });

  it('a character outside the BMP is one ILLEGAL token, also where the lexer splits its run', () => {
    expect(upstreamStyle('a = 😀\n')).toEqual(["1:5: illegal character U+1F600 '😀'", '1:5: expected expression, got ILLEGAL']);
    expect(upstreamStyle('a 😀= 1\n')).toEqual(["1:3: illegal character U+1F600 '😀'", '1:3: expected block label, got ILLEGAL']);
  });

  it('invalid UTF-8 (read as U+FFFD) outside strings is reported when read and again as an ILLEGAL token', () => {
    expect(upstreamStyle('a = 1 \ufffd\nb = "\ufffd"\n')).toEqual([
      '1:7: illegal UTF-8 encoding',
      "1:7: illegal character U+FFFD '\ufffd'",
      '1:7: expected TERMINATOR, got ILLEGAL',
      '2:6: illegal UTF-8 encoding',
    ]);
  });

  it("labels are quoted with Go's %q in messages: characters that do not print are escaped", () => {
    expect(upstreamStyle('blk "a\u00a0b" {\n}\n')).toEqual(['1:5: expected block label to be a valid identifier, but got "a\\u00a0b"']);
  });
});

describe('token stream memory', () => {
  const small = 'a = 1\nb "x" { c = [1, 2] }\n';
  const other = 'prometheus.scrape "default" {\n  targets = []\n}\n';

  it('a released stream hands its buffer to the next stream, whose tokens are its own', () => {
    const first = scan(small, new LineIndex(small)).tokens;
    const buffer = first.kinds.buffer;
    first.release();
    expect(first.length).toBe(0);
    expect(first.kinds.length + first.starts.length + first.ends.length).toBe(0);
    const second = scan(other, new LineIndex(other)).tokens;
    expect(second.kinds.buffer).toBe(buffer);
    expect(second.toArray()).toEqual(tokenize(other));
    second.release();
  });

  it('a stream not released keeps its buffer: the next stream gets a new one', () => {
    const kept = scan(small, new LineIndex(small)).tokens;
    const next = scan(other, new LineIndex(other)).tokens;
    expect(next.kinds.buffer).not.toBe(kept.kinds.buffer);
    expect(kept.toArray()).toEqual(tokenize(small));
    kept.release();
    next.release();
  });

  it('the buffer of a very large stream is not kept after it is released', () => {
    const large = 'a = 1\n'.repeat(200_000);
    const stream = scan(large, new LineIndex(large)).tokens;
    const buffer = stream.kinds.buffer;
    stream.release();
    const next = scan(small, new LineIndex(small)).tokens;
    expect(next.kinds.buffer).not.toBe(buffer);
    next.release();
  });

  it('parsing many files one after another gives each its own result', () => {
    const texts = [small, other, 'x = "unterminated\n', small];
    const results = texts.map((text) => parse(text));
    for (const [index, text] of texts.entries()) expect(results[index]).toEqual(parse(text));
    expect(results[2]!.diagnostics.length).toBeGreaterThan(0);
    expect(results[3]!.file.body.map((statement) => statement.type)).toEqual(['Attribute', 'Block']);
  });
});
