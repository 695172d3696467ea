import { describe, expect, it } from 'vitest';
import { indentLike } from '../src/index.js';

describe('indentLike: alloy fmt output indented as the configuration in the host was', () => {
  it("turns leading tabs into the original's unit of spaces", () => {
    const formatted = 'logging {\n\tlevel = "info"\n}\n\nblock "x" {\n\tinner {\n\t\ta = 1\n\t}\n}\n';
    expect(indentLike(formatted, 'logging {\n    level = "info"\n}\n')).toBe(
      'logging {\n    level = "info"\n}\n\nblock "x" {\n    inner {\n        a = 1\n    }\n}\n',
    );
    expect(indentLike(formatted, 'logging {\n  level = "info"\n}\n')).toBe(
      'logging {\n  level = "info"\n}\n\nblock "x" {\n  inner {\n    a = 1\n  }\n}\n',
    );
    // Units from 2 to 8 spaces; every indented line a multiple of the smallest.
    expect(indentLike('a {\n\tb {\n\t\tc = 1\n\t}\n}\n', 'a {\n   b {\n      c = 1\n   }\n}\n')).toBe('a {\n   b {\n      c = 1\n   }\n}\n');
    expect(indentLike('a {\n\tb = 1\n}\n', 'a {\n        b = 1\n}\n')).toBe('a {\n        b = 1\n}\n');
  });

  it('uses two spaces when the original has no clear unit', () => {
    expect(indentLike('a {\n\tb = 1\n}\n', 'a {\n b = 1\n   c = 2\n}\n')).toBe('a {\n  b = 1\n}\n');
    expect(indentLike('a {\n\tb = 1\n}\n', 'a { b = 1 }\n')).toBe('a {\n  b = 1\n}\n');
    expect(indentLike('a {\n\tb = 1\n}\n', 'a {\n          b = 1\n}\n')).toBe('a {\n  b = 1\n}\n');
    expect(indentLike('a {\n\tb = 1\n}\n', 'a {\n    b = 1\n      c = 1\n}\n')).toBe('a {\n  b = 1\n}\n');
  });

  it('keeps the tabs when the original indents with tabs, also mixed with spaces', () => {
    expect(indentLike('a {\n\tb = 1\n}\n', 'a {\n\tb = 1\n}\n')).toBe('a {\n\tb = 1\n}\n');
    // Mixed: one line with spaces, another with a tab; or spaces then a tab on one line.
    expect(indentLike('a {\n\tb = 1\n\tc = 2\n}\n', 'a {\n  b = 1\n\tc = 2\n}\n')).toBe('a {\n\tb = 1\n\tc = 2\n}\n');
    expect(indentLike('a {\n\tb = 1\n}\n', 'a {\n  \tb = 1\n}\n')).toBe('a {\n\tb = 1\n}\n');
  });

  it('leaves the lines that continue a raw string or a block comment alone (their whitespace is content)', () => {
    const formatted = 'a {\n\tb = `x\n\ty`\n\t/* one\n\ttwo */\n\tc = "`" // `\n\td = 1\n}\n';
    expect(indentLike(formatted, 'a {\n  b = 1\n}\n')).toBe('a {\n  b = `x\n\ty`\n  /* one\n\ttwo */\n  c = "`" // `\n  d = 1\n}\n');
    // A tab inside a raw string or a block comment of the original does not count as tab indentation.
    expect(indentLike('a {\n\tb = `x\n\t`\n}\n', 'a {\n  b = `x\n\t`\n}\n')).toBe('a {\n  b = `x\n\t`\n}\n');
    expect(indentLike('a {\n\t/* x\n\t\ty */\n\tb = 1\n}\n', 'a {\n    /* x\n\t\ty */\n    b = 1\n}\n')).toBe('a {\n    /* x\n\t\ty */\n    b = 1\n}\n');
    // Quotes and comment markers inside strings and line comments open nothing.
    expect(indentLike('a {\n\tb = "/*"\n\t// `\n\tc = 1\n}\n', 'a {\n  b = 1\n}\n')).toBe('a {\n  b = "/*"\n  // `\n  c = 1\n}\n');
    expect(indentLike('a {\n\tb = "\\"`"\n\tc = 1\n}\n', 'a {\n  b = 1\n}\n')).toBe('a {\n  b = "\\"`"\n  c = 1\n}\n');
  });

  it('changes only leading tabs: tabs after the indentation, inside strings and before comments stay', () => {
    expect(indentLike('a {\n\tb = "\\t"\t// x\n}\n', 'a {\n  b = 1\n}\n')).toBe('a {\n  b = "\\t"\t// x\n}\n');
    expect(indentLike('', 'a = 1\n')).toBe('');
  });

  it('gives what alloy-lint and the language server gave with their own copies (the four hosts they compared)', () => {
    // Formatter outputs (tabs) and the configurations' original texts, as in the language server's test.
    const cases: Array<[formatted: string, original: string, expected: string]> = [
      ['logging {\n\tlevel  = "info"\n\tformat = "json"\n}\n', 'logging {\nlevel="info"\n    format = "json"\n}\n', 'logging {\n    level  = "info"\n    format = "json"\n}\n'],
      [
        'loki.write "x" {\n\tendpoint {\n\t\turl = "http://l:3100"\n\t}\n}\n\nlogging {\n\tlevel = "info"\n}\n',
        'loki.write "x" {\n  endpoint {\n    url = "http://l:3100"\n  }\n}\nlogging {\nlevel="info"\n}\n',
        'loki.write "x" {\n  endpoint {\n    url = "http://l:3100"\n  }\n}\n\nlogging {\n  level = "info"\n}\n',
      ],
      [
        'local.file "x" {\n\tfilename = `/a\n\t  raw line`\n}\n/* a\n\t  comment */\n',
        'local.file "x" {\n   filename = `/a\n\t  raw line`\n}\n/* a\n\t  comment */\n',
        'local.file "x" {\n   filename = `/a\n\t  raw line`\n}\n/* a\n\t  comment */\n',
      ],
      ['logging {\n\tlevel = "info"\n}\n', 'logging {\n\tlevel = "info"\n}\n', 'logging {\n\tlevel = "info"\n}\n'],
    ];
    for (const [formatted, original, expected] of cases) expect(indentLike(formatted, original)).toBe(expected);
  });
});
