import { describe, expect, it } from 'vitest';
import { parse } from '@alloy-toolkit/syntax';
import { formatAlloy } from '../src/index.js';
import { hasErrors, normalizeTree, sortedCommentTexts } from './helpers.js';

/** Formats, and checks that the output parses and is stable. */
function format(text: string): string {
  const output = formatAlloy(text);
  expect(hasErrors(parse(output))).toBe(false);
  expect(formatAlloy(output)).toBe(output);
  return output;
}

/** Formats, and checks that the output means the same: the same tree (positions aside) and the same comments. */
function formatKeepingMeaning(text: string): string {
  const output = format(text);
  const before = parse(text);
  const after = parse(output);
  expect(normalizeTree(after.file)).toEqual(normalizeTree(before.file));
  expect(sortedCommentTexts(after.comments)).toEqual(sortedCommentTexts(before.comments));
  return output;
}

function literalValues(text: string): unknown[] {
  const values: unknown[] = [];
  for (const statement of parse(text).file.body) {
    if (statement.type === 'Attribute' && statement.value.type === 'Literal') values.push(statement.value.value);
  }
  return values;
}

describe('deliberate deviations from alloy fmt (README table)', () => {
  it('keeps an object key containing \\ or " as written instead of double-escaping it', () => {
    expect(format('a = {"k\\"q" = 1}\n')).toBe('a = {"k\\"q" = 1}\n');
    expect(format('a = {\n  "back\\\\slash" = 1,\n  `raw"quote` = 2,\n}\n')).toBe(
      'a = {\n\t"back\\\\slash" = 1,\n\t`raw"quote`   = 2,\n}\n',
    );
  });

  it('still re-quotes plain quoted and backtick keys as upstream does', () => {
    expect(format('a = { `k` = 1, "l" = 2 }\n')).toBe('a = {"k" = 1, "l" = 2}\n');
  });

  it('keeps a literal TAB inside a string', () => {
    const text = 'x = "a\tb"\nyy = "c\td"\n';
    const output = format(text);
    expect(output).toBe('x  = "a\tb"\nyy = "c\td"\n');
    expect(literalValues(output)).toEqual(literalValues(text));
  });

  it('keeps the continuation lines of a raw string with tabs unchanged', () => {
    expect(format('longername = `x\n\ty`\n')).toBe('longername = `x\n\ty`\n');
  });

  it('keeps trailing spaces inside a multi-line raw string', () => {
    const text = 'x = `line1   \nline2`\n';
    const output = format(text);
    expect(output).toBe(text);
    expect(literalValues(output)).toEqual(['line1   \nline2']);
  });

  it('prints an empty multi-line call as f() instead of f(,\\n)', () => {
    expect(format('x = f(\n)\n')).toBe('x = f()\n');
  });

  it('indents a comment before an argument of a multi-line call', () => {
    expect(format('x = f(\n  // lead\n  1,\n)\n')).toBe('x = f(\n\t// lead\n\t1,\n)\n');
  });

  it('keeps a trailing comment after the last argument inside the call', () => {
    expect(format('x = f(\n  1,\n  2, // two\n)\n')).toBe('x = f(\n\t1,\n\t2, // two\n)\n');
  });

  it('keeps a literal form feed or vertical tab inside a string', () => {
    expect(formatKeepingMeaning('x = "a\fb"\nyy = `c\fd`\n')).toBe('x  = "a\fb"\nyy = `c\fd`\n');
    expect(formatKeepingMeaning('x = "a\vb"\n')).toBe('x = "a\vb"\n');
  });

  it('keeps the line break after a comment that holds a form feed', () => {
    expect(formatKeepingMeaning('x = 1 //\f\ny = 2\n')).toBe('x = 1 //\f\ny = 2\n');
    expect(formatKeepingMeaning('a {\n  b = 1 //\f\n}\nc {}\n')).toBe('a {\n\tb = 1 //\f\n}\n\nc { }\n');
    expect(formatKeepingMeaning('// a\fb\nx = 1\n')).toBe('// a\fb\nx = 1\n');
    expect(formatKeepingMeaning('x = 1 /* a\f */\ny = 2\n')).toBe('x = 1 /* a\f */\ny = 2\n');
    expect(formatKeepingMeaning('a = [1, // x\f\n 2]\n')).toBe('a = [1, // x\f\n\t2]\n');
    // Alignment and blank lines are those of the same file without the form feed.
    expect(formatKeepingMeaning('x = 1 // a\fb\nyy = 2 // c\n')).toBe('x  = 1 // a\fb\nyy = 2 // c\n');
    expect(formatKeepingMeaning('x = 1 //\f\f\n\n\nyy = 2\n')).toBe('x = 1 //\f\f\n\nyy = 2\n');
  });

  it('prints the comments inside a block name broken over lines before the block', () => {
    expect(formatKeepingMeaning('a.\n// c\nb "l" {\n}\n')).toBe('// c\na.b "l" { }\n');
    expect(formatKeepingMeaning('a.\n// c\nb {\n}\n')).toBe('// c\na.b { }\n');
    expect(formatKeepingMeaning('a./* c */\nb "l" {}\n')).toBe('/* c */\na.b "l" { }\n');
    expect(formatKeepingMeaning('a./* c\n*/b "l" {}\n')).toBe('/* c\n*/ a.b "l" { }\n');
    // Spaced as a comment before the block would be; comments before the name and on its line stay.
    expect(formatKeepingMeaning('x = 1\n// lead\na.\n// c\nb "l" {\n  y = 1\n}\n')).toBe('x = 1\n// lead\n// c\na.b "l" {\n\ty = 1\n}\n');
    expect(formatKeepingMeaning('blk {\n  x = 1\n\n  a.\n  // c\n  b /* d */ "l" { // e\n  }\n}\n')).toBe(
      'blk {\n\tx = 1\n\n\t// c\n\ta.b /* d */ "l" { // e\n\t}\n}\n',
    );
  });

  it('keeps upstream\'s layout for a comment inside a block name on one line', () => {
    expect(format('a./* c */b "l" {}\n')).toBe('a.b /* c */ "l" { }\n');
    expect(format('a.\nb "l" {}\n')).toBe('a.b "l" { }\n');
  });

  it('keeps a comment alone inside an empty multi-line call inside it', () => {
    expect(format('x = f(\n  // nothing\n)\n')).toBe('x = f(\n// nothing\n)\n');
  });
});

describe('upstream behaviour reproduced (FORMAT.md rules)', () => {
  it('aligns = over a run of attributes and trailing comments over their lines', () => {
    expect(format('short_name = "short value" // Align me\nreally_long_name = "really long value" // Align me\n')).toBe(
      'short_name       = "short value"       // Align me\nreally_long_name = "really long value" // Align me\n',
    );
  });

  it('a comment line breaks the alignment run', () => {
    expect(format('a = 1\n// c\nbbb = 2\n')).toBe('a = 1\n// c\nbbb = 2\n');
  });

  it('a multi-line statement ends the run after its first line', () => {
    expect(format('a = [\n  1,\n]\nbbbb = 2\ncc = 3\n')).toBe('a = [\n\t1,\n]\nbbbb = 2\ncc   = 3\n');
  });

  it('separates blocks with one blank line, except after a comment line', () => {
    expect(format('a = 1\nb {\n}\nc {}\n')).toBe('a = 1\n\nb { }\n\nc { }\n');
    expect(format('a = 1\n// c\nb {\n}\n')).toBe('a = 1\n// c\nb { }\n');
  });

  it('collapses blank lines and removes them at the start and end of bodies', () => {
    expect(format('\n\na = 1\n\n\n\nb = 2\nblk {\n\n  c = 3\n\n}\n\n\n')).toBe('a = 1\n\nb = 2\n\nblk {\n\tc = 3\n}\n');
  });

  it('prints one-line blocks on several lines and drops an empty label', () => {
    expect(format('b "x" { a = 1 }\nfoo "" {}\n')).toBe('b "x" {\n\ta = 1\n}\n\nfoo { }\n');
  });

  it('spaces operators and removes spaces inside brackets', () => {
    expect(format('a = - 1 + ! x\nb = f( 1 , 2 )[ 0 ] . c\nc = [ 1, 2, ]\nd = { x = 1 }\n')).toBe(
      'a = -1 + !x\nb = f(1, 2)[0].c\nc = [1, 2]\nd = {x = 1}\n',
    );
  });

  it('joins a binary expression broken over lines', () => {
    expect(format('a = 1 +\n  2\n')).toBe('a = 1 + 2\n');
  });

  it('keeps literals verbatim', () => {
    expect(format('a = 0644\nb = 1E5\nc = .5\nd = `raw`\n')).toBe('a = 0644\nb = 1E5\nc = .5\nd = `raw`\n');
  });

  it('breaks arrays, objects and calls where the source did and adds the trailing comma', () => {
    expect(format('a = [1,\n  2,\n  3]\n')).toBe('a = [1,\n\t2,\n\t3]\n');
    expect(format('a = [\n  1, 2,\n]\n')).toBe('a = [\n\t1, 2,\n]\n');
    expect(format('a = f(1,\n  2,\n)\n')).toBe('a = f(1,\n\t2,\n)\n');
  });

  it('aligns object fields, and a multi-line value ends the run', () => {
    const input = 'block {\n\tsome_object = {\n\t\tkey_1 = 5,\n\t\tlong_key = 10,\n\t\tlonger_key = {\n\t\t\tinner_key = true,\n\t\t\tinner_key_2 = false,\n\t\t},\n\t\tother_key = [0, 1, 2],\n\t}\n}\n';
    expect(format(input)).toBe(
      'block {\n\tsome_object = {\n\t\tkey_1      = 5,\n\t\tlong_key   = 10,\n\t\tlonger_key = {\n\t\t\tinner_key   = true,\n\t\t\tinner_key_2 = false,\n\t\t},\n\t\tother_key = [0, 1, 2],\n\t}\n}\n',
    );
  });

  it('reproduces the odd padding of an inline first field', () => {
    expect(format('a = { b = 1,\n  cc = 2,\n}\n')).toBe('a = {b = 1,\n\tcc   = 2,\n}\n');
  });

  it('puts a value after a comment on the = line at the statement indentation', () => {
    expect(format('a = // c\n    1\n')).toBe('a = // c\n1\n');
    expect(format('blk {\n  a = // c\n    1\n}\n')).toBe('blk {\n\ta = // c\n\t1\n}\n');
  });

  it('counts widths in code points', () => {
    expect(format('ü = 1\nabc = 2\n')).toBe('ü   = 1\nabc = 2\n');
  });

  it('formats empty and blank files to a single newline, and drops CRs outside raw strings', () => {
    expect(format('')).toBe('\n');
    expect(format(' \n\n\t\n')).toBe('\n');
    expect(format('a = 1\r\nbb = 2\r\n')).toBe('a  = 1\nbb = 2\n');
  });

  it('drops the CRs inside comments as upstream does, so a CRLF file with comments comes out with LF only', () => {
    expect(format('// one\r\n/* two\r\nthree */\r\nx = 1 // four\r\n')).toBe('// one\n/* two\nthree */\nx = 1 // four\n');
    expect(format('/* d\re */\n')).toBe('/* de */\n');
    // A CR between * and / stays: without it the comment would end early.
    expect(format('/* a *\r/ b */\n')).toBe('/* a *\r/ b */\n');
    expect(format('x = `a\r\nb`\n')).toBe('x = `a\r\nb`\n');
  });

  it('keeps a comment inside an otherwise empty block', () => {
    expect(format('block {\n  // Comments should be kept.\n}\n')).toBe('block {\n\t// Comments should be kept.\n}\n');
  });
});
