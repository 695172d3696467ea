import { describe, expect, it } from 'vitest';
import { parse, type Attribute, type LiteralExpr } from '@alloy-toolkit/syntax';
import { formatAlloy } from 'prettier-plugin-alloy';
import {
  array,
  attribute,
  block,
  bool,
  call,
  dotted,
  envVar,
  field,
  file,
  hostname,
  isIdentifier,
  leadingComments,
  nullLiteral,
  number,
  object,
  printFile,
  quoteString,
  reference,
  string,
  stringArray,
  unaryMinus,
  withComments,
} from '../src/index.js';

function firstAttributeValue(text: string): LiteralExpr {
  const result = parse(text);
  expect(result.diagnostics).toEqual([]);
  const statement = result.file.body[0] as Attribute;
  expect(statement.type).toBe('Attribute');
  return statement.value as LiteralExpr;
}

describe('quoteString', () => {
  const samples = [
    'plain',
    'with "quotes"',
    'back\\slash',
    'line\nbreak and\ttab and \r return',
    'bell \x07 backspace \b formfeed \f vtab \v',
    'control \x01 \x1f del \x7f',
    'unicode é 日本 🚀',
    'a byte order mark \ufeff and a replacement character \ufffd inside',
    '\ufeff',
    '${not_interpolated}',
    '',
  ];
  for (const sample of samples) {
    it(`round-trips ${JSON.stringify(sample)} through the Alloy parser`, () => {
      const literal = firstAttributeValue(`a = ${quoteString(sample)}\n`);
      expect(literal.kind).toBe('string');
      expect(literal.value).toBe(sample);
    });
  }

  it('escapes quotes and backslashes, keeps printable non-ASCII', () => {
    expect(quoteString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteString('é')).toBe('"é"');
    expect(quoteString('\n')).toBe('"\\n"');
  });

  it('escapes U+FEFF and U+FFFD, which the parser refuses raw (a misplaced BOM, a sign of invalid UTF-8)', () => {
    expect(quoteString('\ufeff')).toBe('"\\ufeff"');
    expect(quoteString('x\ufffdy')).toBe('"x\\ufffdy"');
    expect(parse(`a = "\ufeff"\n`).diagnostics.map((diagnostic) => diagnostic.message)).toEqual(['illegal byte order mark']);
  });
});

describe('literals and expressions', () => {
  it('builds numbers, floats, bools, null and negative numbers', () => {
    expect(number(42).raw).toBe('42');
    expect(number(42).kind).toBe('number');
    expect(number(1.5).kind).toBe('float');
    expect(number(1e21).raw).toBe('1000000000000000000000');
    expect(() => number(-1)).toThrow(/unaryMinus/);
    expect(() => number(Number.NaN)).toThrow();
    expect(bool(true).raw).toBe('true');
    expect(nullLiteral().raw).toBe('null');
    const text = printFile(file([attribute('a', unaryMinus(number(3))), attribute('b', number(2.25))]));
    expect(text).toBe('a = -3\nb = 2.25\n');
  });

  it('builds references from segments and from dotted paths', () => {
    const text = printFile(
      file([
        attribute('targets', reference('prometheus', 'exporter', 'unix', 'node', 'targets')),
        attribute('host', hostname()),
        attribute('d', dotted('a.b.c')),
      ]),
    );
    expect(text).toBe('targets = prometheus.exporter.unix.node.targets\nhost    = constants.hostname\nd       = a.b.c\n');
  });

  it('rejects reference segments and labels that are not identifiers', () => {
    expect(() => reference('prometheus', 'my-host')).toThrow(/not a valid Alloy identifier/);
    expect(() => block('prometheus.scrape', 'web-1')).toThrow(/not a valid Alloy identifier/);
    expect(() => attribute('true', number(1))).toThrow();
    expect(isIdentifier('métrica_café')).toBe(true);
    expect(isIdentifier('9lives')).toBe(false);
  });

  it('builds stdlib calls', () => {
    const text = printFile(file([attribute('password', envVar('PASS')), attribute('j', call('encoding.from_json', string('{}')))]));
    expect(text).toBe('password = sys.env("PASS")\nj        = encoding.from_json("{}")\n');
  });

  it('quotes object keys that are not identifiers', () => {
    const text = printFile(file([attribute('headers', object([field('X-Scope-OrgID', string('t1')), field('plain', bool(false))]))]));
    expect(text).toBe('headers = {\n\t"X-Scope-OrgID" = "t1",\n\tplain           = false,\n}\n');
    expect(parse(text).diagnostics).toEqual([]);
  });

  it('records comments on statements', () => {
    const statement = withComments(attribute('a', number(1)), ' first', ' second');
    expect(leadingComments(statement)).toEqual([' first', ' second']);
    expect(() => withComments(attribute('b', number(1)), 'a\nb')).toThrow(/line break/);
  });
});

describe('printFile layout', () => {
  const cases: Array<[string, ReturnType<typeof file>]> = [
    ['empty block', file([block('prometheus.exporter.unix', 'node')])],
    [
      'aligned attributes, then a multi-line value ending the run',
      file([
        block('b', null, [
          attribute('short', number(1)),
          attribute('much_longer', stringArray(['x', 'y'], { multiline: true })),
          attribute('after', bool(true)),
          attribute('after_two', nullLiteral()),
        ]),
      ]),
    ],
    [
      'comments break alignment runs',
      file([block('b', null, [attribute('a', number(1)), withComments(attribute('long_name', number(2)), ' note')])]),
    ],
    [
      'nested objects and inline arrays',
      file([
        attribute(
          'some_object',
          object([
            field('key_1', number(5)),
            field('longer_key', object([field('inner_key', bool(true)), field('inner_key_2', bool(false))])),
            field('other_key', array([number(0), number(1), number(2)])),
          ]),
        ),
      ]),
    ],
    [
      'blocks separated by blank lines, attributes after a block stay adjacent',
      file([
        attribute('top', string('x')),
        block('one', 'a', [block('inner', null, [attribute('k', string('v'))]), attribute('after', number(1))]),
        withComments(block('two', 'b', [attribute('k', string('v'))]), ' block comment'),
      ]),
    ],
    ['single-line object and empty list', file([attribute('o', object([field('a', number(1))], { multiline: false })), attribute('l', array([]))])],
  ];

  for (const [name, tree] of cases) {
    it(`${name}: parses cleanly and is already canonical`, () => {
      const text = printFile(tree);
      expect(parse(text).diagnostics).toEqual([]);
      expect(formatAlloy(text)).toBe(text);
    });
  }

  it('prints empty blocks as `{ }`, pads names to the longest in the run', () => {
    expect(printFile(cases[0]![1])).toBe('prometheus.exporter.unix "node" { }\n');
    expect(printFile(cases[1]![1])).toBe(
      'b {\n\tshort       = 1\n\tmuch_longer = [\n\t\t"x",\n\t\t"y",\n\t]\n\tafter     = true\n\tafter_two = null\n}\n',
    );
  });
});
