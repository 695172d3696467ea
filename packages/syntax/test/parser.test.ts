/**
 * The syntactic grammar (LANGUAGE.md §2), node positions, every parser error
 * text of §4.2 with its position, recovery, nesting limits, and the helpers
 * around the tree (formatDiagnostic, walk, childrenOf, nodeAt, comments).
 */
import { describe, expect, it } from 'vitest';
import {
  attachComments,
  attributeNameSpan,
  byteColumn,
  childrenOf,
  commentGroups,
  formatDiagnostic,
  goQuote,
  isValidIdentifier,
  MAX_NESTING_DEPTH,
  MAX_OPERATOR_CHAIN,
  MAX_TREE_HEIGHT,
  nodeAt,
  numberValue,
  parse,
  positionAt,
  propertySpan,
  walk,
  type AccessExpr,
  type ArrayExpr,
  type Attribute,
  type Block,
  type Diagnostic,
  type Expression,
  type Node,
  type Position,
  type Statement,
} from '../src/index.js';
import { createValidatedParser } from '../src/parser.js';
import { applyFix } from './helpers.js';

/** Fully parenthesised rendering of an expression, to check the tree shape. */
function show(expression: Expression): string {
  switch (expression.type) {
    case 'Literal':
      return expression.raw;
    case 'IdentifierExpr':
      return expression.name;
    case 'Access':
      return `${show(expression.object)}.${expression.property}`;
    case 'Index':
      return `${show(expression.object)}[${show(expression.index)}]`;
    case 'Call':
      return `${show(expression.callee)}(${expression.args.map(show).join(', ')})`;
    case 'Unary':
      return `(${expression.operator}${show(expression.operand)})`;
    case 'Binary':
      return `(${show(expression.left)} ${expression.operator} ${show(expression.right)})`;
    case 'Array':
      return `[${expression.elements.map(show).join(', ')}]`;
    case 'Object':
      return `{${expression.fields.map((field) => `${field.key.raw} = ${show(field.value)}`).join(', ')}}`;
    case 'Paren':
      return `<${show(expression.expression)}>`;
    case 'Error':
      return '?';
  }
}

function valueOf(source: string): Expression {
  const result = parse(`x = ${source}`);
  expect(result.diagnostics, result.diagnostics.map((d) => d.message).join('; ')).toEqual([]);
  const attribute = result.file.body[0] as Attribute;
  expect(attribute.type).toBe('Attribute');
  return attribute.value;
}

function shape(source: string): string {
  return show(valueOf(source));
}

/** An independent position oracle: split the text at LF. */
function position(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { offset, line: before.length, column: before[before.length - 1]!.length + 1 };
}

function messages(text: string): string[] {
  return parse(text).diagnostics.map((diagnostic) => diagnostic.message);
}

/** The only diagnostic of `text`, checked to have `message`. */
function single(text: string, message: string): Diagnostic {
  const diagnostics = parse(text).diagnostics;
  expect(diagnostics.map((d) => d.message)).toEqual([message]);
  return diagnostics[0]!;
}

function startOf(diagnostic: Diagnostic): [number, number] {
  return [diagnostic.range.start.line, diagnostic.range.start.column];
}

describe('statements', () => {
  it('an attribute is a name and a value', () => {
    const result = parse('log_level = "debug"');
    expect(result.diagnostics).toEqual([]);
    const attribute = result.file.body[0] as Attribute;
    expect(attribute.type).toBe('Attribute');
    expect(attribute.name).toBe('log_level');
    expect(attributeNameSpan(attribute)).toEqual({ start: 0, end: 9 });
    expect(attribute.value).toMatchObject({ type: 'Literal', kind: 'string', raw: '"debug"', value: 'debug' });
  });

  it('a block with a dotted name, a label and a body', () => {
    const text = 'prometheus.exporter.unix "node" {\n  set_collectors = ["cpu"]\n}';
    const block = parse(text).file.body[0] as Block;
    expect(block.type).toBe('Block');
    expect(block.name.map((fragment) => fragment.name)).toEqual(['prometheus', 'exporter', 'unix']);
    expect(block.fullName).toBe('prometheus.exporter.unix');
    expect(block.label).toEqual({ value: 'node', raw: '"node"', start: 25, end: 31 });
    expect(block.body.map((statement) => statement.type)).toEqual(['Attribute']);
    expect(block.lbrace).toBe(text.indexOf('{'));
    expect(block.rbrace).toBe(text.lastIndexOf('}'));
  });

  it('a block without a label has label null', () => {
    const block = parse('logging {\n}').file.body[0] as Block;
    expect(block.label).toBeNull();
    expect(block.body).toEqual([]);
  });

  it('the empty label "" is kept with an empty value and no diagnostic', () => {
    const result = parse('foo "" {}');
    expect(result.diagnostics).toEqual([]);
    expect((result.file.body[0] as Block).label).toMatchObject({ value: '', raw: '""' });
  });

  it('Unicode labels are valid identifiers', () => {
    expect(parse('foo "métrique_1" {}').diagnostics).toEqual([]);
  });

  it('spaces around dots and a line break after a dot are allowed in block names', () => {
    for (const text of ['a . b . c {}', 'a.\nb.\nc {}']) {
      const result = parse(text);
      expect(result.diagnostics).toEqual([]);
      expect((result.file.body[0] as Block).fullName).toBe('a.b.c');
    }
  });

  it('nested blocks and attributes in any order; the last statement of a block needs no terminator', () => {
    const result = parse('a {\n  x = 1\n  b "l" {\n    c { y = 2 }\n  }\n  z = 3\n}\nw = 4\n');
    expect(result.diagnostics).toEqual([]);
    const [a, w] = result.file.body as [Block, Attribute];
    expect(a.body.map((statement) => statement.type)).toEqual(['Attribute', 'Block', 'Attribute']);
    const b = a.body[1] as Block;
    const c = b.body[0] as Block;
    expect(c.body.map((statement) => (statement as Attribute).name)).toEqual(['y']);
    expect(w.name).toBe('w');
  });

  it('blank lines and comments between statements', () => {
    const result = parse('\n\n// c\na = 1\n\n\n/* d */\nb = 2\n\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.file.body).toHaveLength(2);
  });

  it('top-level attributes parse (only the runtime rejects them)', () => {
    expect(parse('a = 1\nb = 2').diagnostics).toEqual([]);
  });

  it('an empty file is an empty body', () => {
    const result = parse('');
    expect(result.file).toEqual({ type: 'File', body: [], start: 0, end: 0 });
    expect(result.diagnostics).toEqual([]);
  });
});

describe('expressions', () => {
  it('literals of every kind with their values', () => {
    expect(valueOf('"a\\tb"')).toMatchObject({ type: 'Literal', kind: 'string', raw: '"a\\tb"', value: 'a\tb' });
    expect(valueOf('`a\\tb`')).toMatchObject({ kind: 'string', raw: '`a\\tb`', value: 'a\\tb' });
    expect(valueOf('42')).toMatchObject({ kind: 'number', raw: '42', value: 42 });
    expect(valueOf('0644')).toMatchObject({ kind: 'number', value: 420 });
    expect(valueOf('09')).toMatchObject({ kind: 'number', value: 9 });
    expect(valueOf('1.5e3')).toMatchObject({ kind: 'float', raw: '1.5e3', value: 1500 });
    expect(valueOf('.5')).toMatchObject({ kind: 'float', value: 0.5 });
    expect(valueOf('true')).toMatchObject({ kind: 'bool', value: true });
    expect(valueOf('false')).toMatchObject({ kind: 'bool', value: false });
    expect(valueOf('null')).toMatchObject({ kind: 'null', raw: 'null', value: null });
  });

  it('numberValue follows Go base auto-detection', () => {
    expect(numberValue('0')).toBe(0);
    expect(numberValue('0644')).toBe(420);
    expect(numberValue('08')).toBe(8);
    expect(numberValue('123')).toBe(123);
  });

  it('an invalid string literal has value null', () => {
    const attribute = parse('x = "\\d"').file.body[0] as Attribute;
    expect(attribute.value).toMatchObject({ type: 'Literal', kind: 'string', value: null });
  });

  it('identifiers, access, index and call', () => {
    expect(valueOf('foo')).toMatchObject({ type: 'IdentifierExpr', name: 'foo' });
    const access = valueOf('a.b');
    expect(access).toMatchObject({ type: 'Access', object: { type: 'IdentifierExpr', name: 'a' }, property: 'b', start: 4, end: 7 });
    expect(propertySpan(access as AccessExpr)).toEqual({ start: 6, end: 7 });
    const spaced = valueOf('a .\n  b') as AccessExpr;
    expect(spaced.property).toBe('b');
    expect(propertySpan(spaced)).toEqual({ start: 10, end: 11 });
    expect(valueOf('a[0]')).toMatchObject({ type: 'Index', object: { name: 'a' }, index: { raw: '0' } });
    expect(valueOf('f(1, 2)')).toMatchObject({ type: 'Call', callee: { name: 'f' }, args: [{ raw: '1' }, { raw: '2' }], trailingComma: false });
    expect(valueOf('f()')).toMatchObject({ type: 'Call', args: [], trailingComma: false });
  });

  it('unary, binary and parentheses', () => {
    expect(valueOf('!a')).toMatchObject({ type: 'Unary', operator: '!', operand: { name: 'a' } });
    expect(valueOf('-1')).toMatchObject({ type: 'Unary', operator: '-', operand: { raw: '1' } });
    expect(valueOf('(1)')).toMatchObject({ type: 'Paren', expression: { raw: '1' } });
    for (const operator of ['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '^']) {
      expect(valueOf(`a ${operator} b`)).toMatchObject({ type: 'Binary', operator, left: { name: 'a' }, right: { name: 'b' } });
    }
  });

  it('repeated unary operators', () => {
    expect(shape('--1')).toBe('(-(-1))');
    expect(shape('!!x')).toBe('(!(!x))');
    expect(shape('!-x')).toBe('(!(-x))');
  });

  it('arrays and objects, empty and with trailing commas', () => {
    expect(valueOf('[]')).toMatchObject({ type: 'Array', elements: [], trailingComma: false });
    expect(valueOf('[1, 2]')).toMatchObject({ elements: [{ raw: '1' }, { raw: '2' }], trailingComma: false });
    expect(valueOf('[1, 2,]')).toMatchObject({ elements: [{ raw: '1' }, { raw: '2' }], trailingComma: true });
    expect(valueOf('{}')).toMatchObject({ type: 'Object', fields: [], trailingComma: false });
    expect(valueOf('{a = 1,}')).toMatchObject({ fields: [{ type: 'ObjectField', key: { name: 'a' } }], trailingComma: true });
    expect(valueOf('f(1,)')).toMatchObject({ type: 'Call', trailingComma: true });
  });

  it('lists of every length keep their elements in order, also with lists nested in them', () => {
    // Arrays, calls, objects and block bodies of 0 to 12 elements, each holding lists of its own.
    for (let length = 0; length <= 12; length++) {
      const numbers = Array.from({ length }, (_, index) => String(index));
      expect(shape(`[${numbers.join(', ')}]`)).toBe(`[${numbers.join(', ')}]`);
      expect(shape(`f(${numbers.map((number) => `[${number}, g(${number})]`).join(', ')})`)).toBe(
        `f(${numbers.map((number) => `[${number}, g(${number})]`).join(', ')})`,
      );
      expect(shape(`{${numbers.map((number) => `k${number} = [${number}]`).join(', ')}}`)).toBe(
        `{${numbers.map((number) => `k${number} = [${number}]`).join(', ')}}`,
      );
      const block = parse(`b {\n${numbers.map((number) => `a${number} = ${number}\n c${number} { d = [${number}] }`).join('\n')}\n}\n`);
      expect(block.diagnostics).toEqual([]);
      const body = (block.file.body[0] as Block).body;
      expect(body.map((statement) => (statement.type === 'Attribute' ? statement.name : statement.fullName))).toEqual(
        numbers.flatMap((number) => [`a${number}`, `c${number}`]),
      );
    }
  });

  it('multi-line arrays, objects and calls with a comma after the last element', () => {
    expect(shape('[\n  1,\n  2,\n]')).toBe('[1, 2]');
    expect(shape('{\n  a = 1,\n  b = 2,\n}')).toBe('{a = 1, b = 2}');
    expect(shape('f(\n  1,\n  2,\n)')).toBe('f(1, 2)');
    expect(shape('[\n\n  1, 2,\n\n]')).toBe('[1, 2]');
  });

  it('object keys: identifier, string (verbatim), raw string and the empty string', () => {
    const object = valueOf('{a = 1, "b.c" = 2, "x\\"y" = 3, `r\\n` = 4, "" = 5}');
    expect(object.type).toBe('Object');
    if (object.type !== 'Object') return;
    expect(object.fields.map((field) => field.key)).toMatchObject([
      { name: 'a', quoted: false, raw: 'a' },
      { name: 'b.c', quoted: true, raw: '"b.c"' },
      { name: 'x\\"y', quoted: true, raw: '"x\\"y"' },
      { name: 'r\\n', quoted: true, raw: '`r\\n`' },
      { name: '""', quoted: false, raw: '""' },
    ]);
  });

  it('duplicate object keys are not an error', () => {
    expect(shape('{a = 1, a = 2}')).toBe('{a = 1, a = 2}');
  });

  it('precedence from || (lowest) to postfix (highest)', () => {
    expect(shape('a || b && c == d + e * f ^ g')).toBe('(a || (b && (c == (d + (e * (f ^ g))))))');
    expect(shape('a ^ b * c + d == e && f || g')).toBe('((((((a ^ b) * c) + d) == e) && f) || g)');
    expect(shape('a + b * c')).toBe('(a + (b * c))');
    expect(shape('a % b - c / d')).toBe('((a % b) - (c / d))');
    expect(shape('a < b != c >= d')).toBe('(((a < b) != c) >= d)');
  });

  it('left associativity of binary operators', () => {
    expect(shape('a - b - c')).toBe('((a - b) - c)');
    expect(shape('a / b / c')).toBe('((a / b) / c)');
    expect(shape('a < b < c')).toBe('((a < b) < c)');
    expect(shape('a || b || c')).toBe('((a || b) || c)');
  });

  it('^ is right-associative: 2^3^2 is 2^(3^2)', () => {
    expect(shape('2^3^2')).toBe('(2 ^ (3 ^ 2))');
  });

  it('unary minus binds tighter than ^: -2 ^ 2 is (-2)^2', () => {
    expect(shape('-2 ^ 2')).toBe('((-2) ^ 2)');
    expect(shape('2 ^ -2')).toBe('(2 ^ (-2))');
  });

  it('postfix binds tighter than unary', () => {
    expect(shape('!a.b')).toBe('(!a.b)');
    expect(shape('-f(x)')).toBe('(-f(x))');
    expect(shape('-a[0]')).toBe('(-a[0])');
  });

  it('postfix chains apply left to right, on any expression', () => {
    expect(shape('(a.b.c)(1, 3)[0].field')).toBe('<a.b.c>(1, 3)[0].field');
    expect(shape('string["format"]("%d", 1)')).toBe('string["format"]("%d", 1)');
    expect(shape('f(1)(2)[3][4].x.y')).toBe('f(1)(2)[3][4].x.y');
    expect(shape('[1, 2][0]')).toBe('[1, 2][0]');
    expect(shape('{a = 1}.a')).toBe('{a = 1}.a');
    expect(shape('"s".x')).toBe('"s".x');
  });

  it('a component reference is a chain of accesses', () => {
    expect(shape('prometheus.exporter.unix.node.targets')).toBe('prometheus.exporter.unix.node.targets');
    const value = valueOf('prometheus.remote_write.default.receiver');
    expect(value.type).toBe('Access');
  });

  it('operators may end a line; the expression continues', () => {
    expect(shape('1 +\n 2')).toBe('(1 + 2)');
    expect(shape('a.\nb')).toBe('a.b');
    expect(shape('a ||\n b')).toBe('(a || b)');
  });

  it('parentheses are preserved', () => {
    expect(shape('(a + b) * c')).toBe('(<(a + b)> * c)');
    expect(shape('((1))')).toBe('<<1>>');
  });
});

describe('exact positions', () => {
  it('every node of a sample maps to its text', () => {
    const text =
      'prometheus.scrape "default" {\n' +
      '  targets    = [{"__address__" = "localhost:9090"}]\n' +
      '  forward_to = [prometheus.remote_write.default.receiver]\n' +
      '  scrape_interval = (1 + 2) * -x[0]\n' +
      '}\n';
    const result = parse(text);
    expect(result.diagnostics).toEqual([]);
    const block = result.file.body[0] as Block;
    expect(block.start).toBe(0);
    expect(block.end).toBe(text.lastIndexOf('}') + 1);
    expect(block.name[1]!.start).toBe(11);
    expect(block.name[1]!.end).toBe(17);
    const [targets, forward, interval] = block.body as Attribute[];
    expect(parse(text).lines.positionAt(targets!.start)).toEqual({ offset: 32, line: 2, column: 3 });
    const array = targets!.value;
    const arrayStart = text.indexOf('[{');
    expect(array.start).toBe(arrayStart);
    expect(array.end).toBe(text.indexOf('}]') + 2);
    expect(targets!.end).toEqual(array.end);
    const access = forward!.value.type === 'Array' ? forward!.value.elements[0]! : forward!.value;
    expect(text.slice(access.start, access.end)).toBe('prometheus.remote_write.default.receiver');
    const product = interval!.value;
    expect(product.type).toBe('Binary');
    if (product.type !== 'Binary') return;
    expect(text.slice(product.start, product.end)).toBe('(1 + 2) * -x[0]');
    expect(product.operatorStart).toBe(text.indexOf('*'));
    expect(product.left).toMatchObject({ type: 'Paren', lparen: text.indexOf('(1'), rparen: text.indexOf(') *') });
    const index = product.right.type === 'Unary' ? product.right.operand : product.right;
    expect(index).toMatchObject({ type: 'Index', lbracket: text.indexOf('[0'), rbracket: text.indexOf('0]') + 1 });
    expect(index.end).toBe(text.indexOf('0]') + 2);
  });

  it('attribute and .property names slice out of the text at their derived spans, after errors too', () => {
    const texts = [
      'x = a.b.c["k"].d(1).e',
      'x = a . \n  b',
      'x = a.',
      'x = a.\n',
      'x = a.}',
      'b { y = a."s" }',
      'log_level = "debug"\nblock "l" { inner = sys.env("HOME") }',
    ];
    let checked = 0;
    for (const text of texts) {
      walk(parse(text).file, {
        enter(node) {
          if (node.type === 'Attribute') {
            const span = attributeNameSpan(node);
            expect(text.slice(span.start, span.end)).toBe(node.name);
            checked++;
          } else if (node.type === 'Access') {
            const span = propertySpan(node);
            expect(text.slice(span.start, span.end)).toBe(node.property);
            checked++;
          }
        },
      });
    }
    expect(checked).toBe(18);
  });

  it('every node range slices to the text of the node (sample walk)', () => {
    const text = 'a {\n  b = f(1, [2, 3,], {k = "v"})\n  c = !x.y || (z)\n}\n';
    const result = parse(text);
    const slices: string[] = [];
    walk(result.file, {
      enter(node) {
        if (node.type !== 'File') slices.push(text.slice(node.start, node.end));
      },
    });
    expect(slices).toEqual([
      text.slice(0, text.length - 1),
      'a',
      'b = f(1, [2, 3,], {k = "v"})',
      'f(1, [2, 3,], {k = "v"})',
      'f',
      '1',
      '[2, 3,]',
      '2',
      '3',
      '{k = "v"}',
      'k = "v"',
      '"v"',
      'c = !x.y || (z)',
      '!x.y || (z)',
      '!x.y',
      'x.y',
      'x',
      '(z)',
      'z',
    ]);
  });

  it('bracket, operator and skipped-token positions after operands of many tokens', () => {
    // The parser reuses a small ring of token objects: every offset must be read before the parse moves on.
    const long = 'a.b.c.d.e.f.g.h.i.j';
    const list = '1, 2, 3, 4, 5, 6, 7, 8, 9';
    const text = `x = -(${long} + [${list}][f(${list})]) || {k = [${list}]}\nb {\n  y = ${long}\n  z = = = = = = = = = = = 1\n}\n`;
    const result = parse(text);
    expect(result.diagnostics.map((d) => d.message)).toEqual(['expected expression, got =']);
    const at = (fragment: string, from = 0): number => text.indexOf(fragment, from);
    const x = (result.file.body[0] as Attribute).value;
    if (x.type !== 'Binary') throw new Error(x.type);
    expect(x.operatorStart).toBe(at('||'));
    const unary = x.left;
    if (unary.type !== 'Unary' || unary.operand.type !== 'Paren') throw new Error(unary.type);
    expect(unary.start).toBe(at('-('));
    const paren = unary.operand;
    expect([paren.lparen, paren.rparen, paren.end]).toEqual([at('('), at(') ||'), at(') ||') + 1]);
    const sum = paren.expression;
    if (sum.type !== 'Binary' || sum.right.type !== 'Index') throw new Error(sum.type);
    expect(sum.operatorStart).toBe(at(' + ') + 1);
    const index = sum.right;
    expect([index.lbracket, index.rbracket]).toEqual([at('][') + 1, at(')])') + 1]);
    const call = index.index;
    if (call.type !== 'Call') throw new Error(call.type);
    expect([call.lparen, call.rparen]).toEqual([at('f(') + 1, at(')])')]);
    const object = x.right;
    if (object.type !== 'Object') throw new Error(object.type);
    expect([object.lbrace, object.rbrace, object.end]).toEqual([at('{k'), at(']}') + 1, at(']}') + 2]);
    const block = result.file.body[1] as Block;
    expect([block.lbrace, block.rbrace]).toEqual([at('b {') + 2, text.lastIndexOf('}')]);
    const broken = (block.body[1] as Attribute).value;
    expect(broken.type).toBe('Error');
    expect([broken.start, broken.end]).toEqual([at('= = =') + 2, at(' 1\n}') + 2]);
  });

  it('offsets and columns count UTF-16 code units; byteColumn counts UTF-8 bytes', () => {
    const text = 'a = "😀é" + b\nc = "ü" + d';
    const result = parse(text);
    expect(result.diagnostics).toEqual([]);
    const first = (result.file.body[0] as Attribute).value;
    if (first.type !== 'Binary') throw new Error('expected a binary expression');
    expect(result.lines.positionAt(first.left.end)).toEqual({ offset: 9, line: 1, column: 10 });
    expect(result.lines.positionAt(first.right.start)).toEqual({ offset: 12, line: 1, column: 13 });
    expect(byteColumn(text, first.right.start)).toBe(16);
    const second = (result.file.body[1] as Attribute).value;
    if (second.type !== 'Binary') throw new Error('expected a binary expression');
    expect(result.lines.positionAt(second.right.start)).toEqual({ offset: 24, line: 2, column: 11 });
    expect(byteColumn(text, second.right.start)).toBe(12);
  });

  it('positionAt agrees with the oracle, including CR, non-ASCII and out-of-range offsets', () => {
    const text = 'ab\r\né😀\n\nx';
    for (let offset = 0; offset <= text.length; offset++) expect(positionAt(text, offset)).toEqual(position(text, offset));
    expect(positionAt(text, -5)).toEqual(position(text, 0));
    expect(positionAt(text, 999)).toEqual(position(text, text.length));
  });

  it('the file spans the whole text', () => {
    const text = '\n a = 1 \n\n';
    const result = parse(text);
    expect(result.file.start).toBe(0);
    expect(result.file.end).toBe(text.length);
  });
});

describe('parser errors (§4.2)', () => {
  it('expected identifier, got %s: a statement that does not start with an identifier', () => {
    expect(startOf(single('}', 'expected identifier, got }'))).toEqual([1, 1]);
    expect(startOf(single('a = 1\n1 = 2', 'expected identifier, got NUMBER'))).toEqual([2, 1]);
    // Upstream skips to the next identifier, so the closing brace goes too.
    expect(parse('x {\n  "s" = 1\n}').diagnostics.map((d) => [startOf(d), d.message])).toEqual([
      [[2, 3], 'expected identifier, got STRING'],
      [[3, 2], 'expected TERMINATOR, got EOF'],
    ]);
  });

  it('expected identifier, got %s: a dot in a block name not followed by an identifier', () => {
    expect(startOf(single('a.{}', 'expected identifier, got {'))).toEqual([1, 3]);
    expect(startOf(single('a.true {}', 'expected identifier, got BOOL'))).toEqual([1, 3]);
  });

  it('expected TERMINATOR, got %s: two statements on one line, 0x10, 10s', () => {
    expect(startOf(single('a = 1 b = 2', 'expected TERMINATOR, got IDENT'))).toEqual([1, 7]);
    expect(startOf(single('a = 0x10', 'expected TERMINATOR, got IDENT'))).toEqual([1, 6]);
    expect(startOf(single('timeout = 10s', 'expected TERMINATOR, got IDENT'))).toEqual([1, 13]);
    expect(startOf(single('b {} c {}', 'expected TERMINATOR, got IDENT'))).toEqual([1, 6]);
  });

  it('attribute names may only consist of a single identifier with no "." (D), spanning the name', () => {
    const diagnostic = single('x {\n  a.b.c = 1\n}', 'attribute names may only consist of a single identifier with no "."');
    expect(diagnostic.range.start).toEqual({ offset: 6, line: 2, column: 3 });
    expect(diagnostic.range.end).toEqual({ offset: 11, line: 2, column: 8 });
    expect(diagnostic.code).toBe('syntax/invalid-attribute-name');
  });

  it('attribute names may not have labels (D), spanning the label', () => {
    const diagnostic = single('a "x" = 1', 'attribute names may not have labels');
    expect(diagnostic.range.start.column).toBe(3);
    expect(diagnostic.range.end.column).toBe(6);
  });

  it('direct errors bypass the one-error-per-line filter', () => {
    expect(messages('a.b = +')).toEqual([
      'attribute names may only consist of a single identifier with no "."',
      'expected expression, got +',
    ]);
    expect(messages('a = x {} + +')).toEqual(['cannot use a block as an expression', 'expected expression, got +']);
  });

  it('expected block label, got %s: an identifier or a line break before {', () => {
    expect(startOf(single('block bad_label {\n}', 'expected block label, got IDENT'))).toEqual([1, 7]);
    const newline = single('foo\n{\n}', 'expected block label, got TERMINATOR');
    expect(startOf(newline)).toEqual([1, 4]);
    expect(startOf(single('foo 1 {}', 'expected block label, got NUMBER'))).toEqual([1, 5]);
  });

  it('expected block body, got %s: after a dotted or labelled name', () => {
    expect(startOf(single('foo "x"\n{\n}', 'expected block body, got TERMINATOR'))).toEqual([1, 8]);
    // The newline is consumed as the (bad) label; the next token is then not `{`.
    expect(parse('a.b\n\nc = 1').diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([
      [1, 'expected block label, got TERMINATOR'],
      [3, 'expected block body, got IDENT'],
    ]);
    expect(startOf(single('a.b "l" 1 {}', 'expected block body, got NUMBER'))).toEqual([1, 9]);
  });

  it('expected attribute assignment or block body, got %s: a single name with an empty label', () => {
    expect(startOf(single('foo "" x', 'expected attribute assignment or block body, got IDENT'))).toEqual([1, 8]);
    // The bad-label error of line 1 does not hide the error of line 2. Upstream's
    // ValidAttribute() only looks at the label text, so this is the message here.
    const diagnostics = parse('a\n.b {}').diagnostics;
    expect(diagnostics.map((d) => [d.message, d.range.start.line])).toEqual([
      ['expected block label, got TERMINATOR', 1],
      ['expected attribute assignment or block body, got .', 2],
    ]);
  });

  it('expected block label to be a double quoted string, but got %q', () => {
    const diagnostic = single('a `x` {}', 'expected block label to be a double quoted string, but got "`x`"');
    expect(startOf(diagnostic)).toEqual([1, 3]);
    expect(diagnostic.code).toBe('syntax/invalid-label');
  });

  it.each([
    ['"with space"', '"with space"'],
    ['"1abc"', '"1abc"'],
    ['"a-b"', '"a-b"'],
    ['"true"', '"true"'],
    ['"null"', '"null"'],
    ['"a\\"b"', '"a\\\\\\"b"'],
  ])('expected block label to be a valid identifier, but got %s', (label, quoted) => {
    const diagnostic = single(`x {\n  a ${label} {}\n}`, `expected block label to be a valid identifier, but got ${quoted}`);
    expect(startOf(diagnostic)).toEqual([2, 5]);
  });

  it.each([
    ['a = 1 + + 2', 'expected expression, got +', 9],
    ['a = f(())', 'expected expression, got )', 8],
    ['a = }', 'expected expression, got }', 5],
    ['a = +1', 'expected expression, got +', 5],
    ['a = ,', 'expected expression, got ,', 5],
    ['a = ', 'expected expression, got EOF', 5],
    ['a = [1, =]', 'expected expression, got =', 9],
  ])('%s: %s', (text, message, column) => {
    const diagnostic = single(text, message);
    expect(startOf(diagnostic)).toEqual([1, column]);
    expect(diagnostic.code).toBe('syntax/expected-expression');
  });

  it('an expression error leaves an Error node covering the skipped tokens', () => {
    const result = parse('a = + 1 2\nb = 3');
    const attribute = result.file.body[0] as Attribute;
    expect(attribute.value.type).toBe('Error');
    expect(result.lines.columnOf(attribute.value.start)).toBe(5);
    expect(result.lines.columnOf(attribute.value.end)).toBe(10);
  });

  it('a missing expression is a zero-width Error node right after the previous token', () => {
    const text = 'a = \n';
    const attribute = parse(text).file.body[0] as Attribute;
    expect(attribute.value).toEqual({ type: 'Error', start: 3, end: 3 });
    expect(attribute.end).toBe(3);
    const call = (parse('b = f(,)').file.body[0] as Attribute).value;
    expect(call.type === 'Call' && call.args[0]).toEqual({ type: 'Error', start: 6, end: 6 });
  });

  it('an invalid object key becomes an empty key right before the =, outside the skipped tokens', () => {
    const text = 'a = {1 = 2}';
    const object = (parse(text).file.body[0] as Attribute).value;
    if (object.type !== 'Object') throw new Error('expected an object');
    const field = object.fields[0]!;
    expect(field.key).toEqual({ name: '', quoted: false, raw: '', start: 6, end: 6 });
    expect(field.value).toMatchObject({ type: 'Literal', raw: '2' });
    expect(text.slice(field.start, field.end)).toBe(' = 2');
  });

  it.each([
    ['a = [1,', 'expected ], got EOF', [1, 8]],
    ['a = (1', 'expected ), got TERMINATOR', [1, 7]],
    ['a = f(1,', 'expected ), got EOF', [1, 9]],
    ['a = x[1', 'expected ], got TERMINATOR', [1, 8]],
    ['b {\n  x = 1', 'expected }, got EOF', [2, 8]],
    ['a = {x 1}', 'expected =, got NUMBER', [1, 8]],
    ['a = {\n  x,\n}', 'expected =, got ,', [2, 4]],
    ['a = x.true', 'expected IDENT, got BOOL', [1, 7]],
    ['a = x.null', 'expected IDENT, got NULL', [1, 7]],
    ['a = x.1', 'expected TERMINATOR, got FLOAT', [1, 6]],
    ['a = x "y" 1', 'expected {, got NUMBER', [1, 11]],
  ])('%j: %s', (text, message, at) => {
    const diagnostic = parse(text).diagnostics[0]!;
    expect(diagnostic.message).toBe(message);
    expect(startOf(diagnostic)).toEqual(at);
  });

  it("missing ',' in expression list: reported at the TERMINATOR after the last element, with a fix", () => {
    for (const text of ['a = [\n  1\n]', 'a = f(\n  1\n)', 'a = [\n  1,\n  [2, 3]\n]']) {
      const diagnostic = single(text, "missing ',' in expression list");
      expect(diagnostic.code).toBe('syntax/missing-comma');
      const lines = text.split('\n');
      expect(startOf(diagnostic)).toEqual([lines.length - 1, lines[lines.length - 2]!.length + 1]);
      const fixed = applyFix(text, diagnostic.fix!);
      expect(parse(fixed).diagnostics).toEqual([]);
    }
  });

  it("missing ',' in expression list between elements on one line", () => {
    const text = 'a = [1 2]';
    const diagnostic = single(text, "missing ',' in expression list");
    expect(startOf(diagnostic)).toEqual([1, 8]);
    expect(applyFix(text, diagnostic.fix!)).toBe('a = [1, 2]');
    expect(parse(applyFix(text, diagnostic.fix!)).diagnostics).toEqual([]);
  });

  it("missing ',' in field list, with a fix", () => {
    const text = 'external_labels = {\n  cluster = "a",\n  env = "prod"\n}';
    const diagnostic = single(text, "missing ',' in field list");
    expect(startOf(diagnostic)).toEqual([3, 15]);
    const fixed = applyFix(text, diagnostic.fix!);
    expect(fixed).toBe('external_labels = {\n  cluster = "a",\n  env = "prod",\n}');
    expect(parse(fixed).diagnostics).toEqual([]);
  });

  it("missing ',' fixes on several lines can all be applied", () => {
    const text = 'a = {\n  x = 1\n  y = 2\n}\nb = [\n  1\n]\n';
    const diagnostics = parse(text).diagnostics;
    expect(diagnostics.every((d) => d.fix !== undefined)).toBe(true);
    expect(diagnostics.length).toBeGreaterThan(0);
    let fixed = text;
    for (let round = 0; round < 5; round++) {
      const next = parse(fixed).diagnostics.find((d) => d.fix);
      if (!next) break;
      fixed = applyFix(fixed, next.fix!);
    }
    expect(parse(fixed).diagnostics).toEqual([]);
  });

  it.each([
    ['a = {1 = 2}', 'NUMBER'],
    ['a = {true = 2}', 'BOOL'],
    ['a = {null = 2}', 'NULL'],
    ['a = {1.5 = 2}', 'FLOAT'],
  ])('%s: expected field name (string or identifier), got %s', (text, kind) => {
    const diagnostic = single(text, `expected field name (string or identifier), got ${kind}`);
    expect(startOf(diagnostic)).toEqual([1, 6]);
    expect(diagnostic.code).toBe('syntax/invalid-object-key');
  });

  it('cannot use a block as an expression (D): from the expression start to the closing brace', () => {
    for (const text of ['rw = prometheus.remote_write "x" {\n  url = "u"\n}', 'rw = foo {\n}']) {
      const diagnostic = single(text, 'cannot use a block as an expression');
      expect(diagnostic.code).toBe('syntax/block-as-expression');
      expect(diagnostic.range.start).toEqual(position(text, 5));
      expect(diagnostic.range.end).toEqual(position(text, text.length));
    }
  });

  it('only the first parser error on a line is reported', () => {
    expect(messages('a = [1 2 3]')).toEqual(["missing ',' in expression list"]);
    expect(messages('a = + + +')).toEqual(['expected expression, got +']);
    expect(messages('a = 1 b = 2 c = 3')).toEqual(['expected TERMINATOR, got IDENT']);
  });

  it('errors on different lines are all reported', () => {
    const text = 'a = }\nb = [1 2]\nc = {1 = 2}\nd = x.true\ne = 1 f = 2';
    expect(parse(text).diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([
      [1, 'expected expression, got }'],
      [2, "missing ',' in expression list"],
      [3, 'expected field name (string or identifier), got NUMBER'],
      [4, 'expected IDENT, got BOOL'],
      [5, 'expected TERMINATOR, got IDENT'],
    ]);
  });

  it('lexer and parser diagnostics come in source order', () => {
    const offsets = parse('a = @\nb = + 1\nc = "\\q"\nd = [1 2]').diagnostics.map((d) => d.range.start.offset);
    expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
    expect(offsets.length).toBeGreaterThanOrEqual(4);
  });

  it('every diagnostic is an error with a code', () => {
    for (const diagnostic of parse('a = +\nb.c = 1\nd = x {}\ne "1" {}').diagnostics) {
      expect(diagnostic.severity).toBe('error');
      expect(diagnostic.code).toMatch(/^syntax\/[a-z-]+$/);
    }
  });
});

describe('recovery', () => {
  it('keeps every well-formed block around errors', () => {
    const text = [
      'logging {',
      '  level = "info"',
      '}',
      'bad = = 1',
      'prometheus.scrape "x" {',
      '  targets = [1 2]',
      '  job_name = "j"',
      '}',
      'z = 1 2',
      'discovery.relabel "y" {',
      '  rule {',
      '    action = "keep"',
      '  }',
      '}',
    ].join('\n');
    const result = parse(text);
    expect(result.diagnostics.map((d) => d.range.start.line)).toEqual([4, 6, 9]);
    const names = result.file.body.map((statement) => (statement.type === 'Block' ? statement.fullName : statement.name));
    expect(names).toEqual(['logging', 'bad', 'prometheus.scrape', 'z', 'discovery.relabel']);
    const scrape = result.file.body[2] as Block;
    expect(scrape.body.map((statement) => (statement as Attribute).name)).toEqual(['targets', 'job_name']);
    expect(scrape.rbrace).not.toBeNull();
    const relabel = result.file.body[4] as Block;
    expect((relabel.body[0] as Block).fullName).toBe('rule');
  });

  it('an unfinished last block while typing has rbrace null and ends at the end of the text', () => {
    const text = 'logging {\n  level = "info"\n}\n\nprometheus.scrape "x" {\n  targets = [\n';
    const result = parse(text);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    const [logging, scrape] = result.file.body as [Block, Block];
    expect(logging.rbrace).toBe(27);
    expect(scrape.fullName).toBe('prometheus.scrape');
    expect(scrape.rbrace).toBeNull();
    expect(scrape.end).toBe(text.length);
    expect(scrape.body.map((statement) => (statement as Attribute).name)).toEqual(['targets']);
  });

  it('an unfinished nested block keeps the statements typed so far', () => {
    const text = 'a {\n  x = 1\n  b {\n    y = 2\n';
    const result = parse(text);
    expect(messages(text)).toEqual(['expected }, got EOF']);
    const a = result.file.body[0] as Block;
    expect(a.rbrace).toBeNull();
    const b = a.body[1] as Block;
    expect(b.rbrace).toBeNull();
    expect((b.body[0] as Attribute).name).toBe('y');
  });

  it('a statement error skips to the next line', () => {
    const result = parse('a b c d\ne = 1');
    expect(result.file.body.map((statement) => (statement as Attribute).name)).toEqual(['e']);
  });

  it('an expression error inside a list keeps the other elements', () => {
    const result = parse('a = [1, +, 3]');
    const value = (result.file.body[0] as Attribute).value;
    expect(value.type === 'Array' && value.elements.map((element) => element.type)).toEqual(['Literal', 'Error', 'Literal']);
  });

  it('a block used as an expression is skipped and the attribute kept', () => {
    const result = parse('a = b "c" {\n  d = 1\n}\ne = 2');
    expect(result.file.body.map((statement) => (statement as Attribute).name)).toEqual(['a', 'e']);
    expect((result.file.body[0] as Attribute).value).toMatchObject({ type: 'IdentifierExpr', name: 'b' });
  });
});

describe('chevrotain grammar', () => {
  it("passes chevrotain's grammar validations (production parses skip them)", () => {
    expect(() => createValidatedParser()).not.toThrow();
  });
});

describe('nesting limit', () => {
  const deep = 100_000;
  it.each([
    ['[', `a = ${'['.repeat(deep)}`],
    ['(', `a = ${'('.repeat(deep)}`],
    ['{', `a = ${'{a = '.repeat(deep)}`],
    ['-', `a = ${'-'.repeat(deep)}1`],
    ['!', `a = ${'!'.repeat(deep)}x`],
    ['f(', `a = ${'f('.repeat(deep)}`],
    ['x[', `a = ${'x['.repeat(deep)}`],
    ['^', `a = ${'2 ^ '.repeat(deep)}2`],
    ['block', 'a {\n'.repeat(deep)],
    ['block on one line', 'a {'.repeat(deep)],
  ])('100,000 nested %s give syntax/nesting-too-deep, without throwing', (_name, text) => {
    const result = parse(text);
    const nesting = result.diagnostics.filter((d) => d.code === 'syntax/nesting-too-deep');
    expect(nesting).toHaveLength(1);
    expect(nesting[0]!.message).toContain(String(MAX_NESTING_DEPTH));
    expect(nesting[0]!.severity).toBe('error');
  });

  it('nesting below the limit parses', () => {
    const depth = Math.floor(MAX_NESTING_DEPTH / 2);
    expect(parse(`a = ${'['.repeat(depth)}1${']'.repeat(depth)}`).diagnostics).toEqual([]);
    const limit = MAX_NESTING_DEPTH - 1;
    for (const [open, close] of [['[', ']'], ['(', ')'], ['{a = ', '}'], ['f(', ')'], ['x[', ']'], ['-', ''], ['2 ^ ', '']]) {
      expect(parse(`a = ${open!.repeat(limit)}1${close!.repeat(limit)}`).diagnostics).toEqual([]);
    }
    expect(parse(`${'a {\n'.repeat(limit)}${'}\n'.repeat(limit)}`).diagnostics).toEqual([]);
    expect(parse(`${'a {\n'.repeat(depth)}${'}\n'.repeat(depth)}`).diagnostics).toEqual([]);
  });

  it('a block used as an expression counts two levels, the expression and the block', () => {
    const atLimit = MAX_NESTING_DEPTH / 2;
    const within = parse(`a = ${'b { c = '.repeat(atLimit)}1${'\n}'.repeat(atLimit)}`).diagnostics;
    expect(within.map((d) => d.code)).toEqual(Array(atLimit).fill('syntax/block-as-expression'));
    const beyond = parse(`a = ${'b { c = '.repeat(atLimit + 1)}1${'\n}'.repeat(atLimit + 1)}`).diagnostics;
    expect(beyond.map((d) => d.code)).toEqual(['syntax/nesting-too-deep']);
    expect(parse(`a = ${'b { c = '.repeat(deep)}`).diagnostics.map((d) => d.code)).toContain('syntax/nesting-too-deep');
  });

  it('the statements after a closed too-deep statement are kept', () => {
    const depth = MAX_NESTING_DEPTH * 2;
    const text = `a = 1\nb = ${'['.repeat(depth)}${']'.repeat(depth)}\nc = 2`;
    const result = parse(text);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['syntax/nesting-too-deep']);
    expect(result.file.body.map((statement) => (statement as Attribute).name)).toEqual(['a', 'c']);
  });

  it('a too-deep statement leaves none of its lists\' elements behind in the statements after it', () => {
    // Every level has gathered elements (statements, fields, list items) before the limit is hit.
    const depth = MAX_NESTING_DEPTH * 2;
    const text = `a = 1\nb { x = 1\n y = [1, 2, { k = 1, m = f(1, ${'[1, '.repeat(depth)}${']'.repeat(depth)}) }]\n}\nc { d = [3] }\ne = 2`;
    const result = parse(text);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['syntax/nesting-too-deep']);
    expect(result.file.body.map((statement) => statement.type)).toEqual(['Attribute', 'Block', 'Attribute']);
    const block = result.file.body[1] as Block;
    expect(block.body.map((statement) => (statement as Attribute).name)).toEqual(['d']);
    expect(((block.body[0] as Attribute).value as ArrayExpr).elements).toHaveLength(1);
  });
});

describe('long inputs', () => {
  it('a long binary chain within the limit is left-associative', () => {
    const operands = Array.from({ length: MAX_OPERATOR_CHAIN + 1 }, (_, index) => `x${index}`);
    const value = valueOf(operands.join(' + '));
    let depth = 0;
    let node: Expression = value;
    while (node.type === 'Binary') {
      expect((node.right as { name?: string }).name).toBe(`x${operands.length - 1 - depth}`);
      node = node.left;
      depth++;
    }
    expect(depth).toBe(operands.length - 1);
  });

  it('a chain one operator too long is reported', () => {
    const operands = Array.from({ length: MAX_OPERATOR_CHAIN + 2 }, (_, index) => `x${index}`);
    expect(parse(`a = ${operands.join(' * ')}`).diagnostics.map((d) => d.code)).toEqual(['syntax/nesting-too-deep']);
  });

  it('a 100,000-operand chain does not throw and is reported', () => {
    const text = `a = ${Array.from({ length: 100_000 }, (_, index) => `x${index}`).join(' + ')}\nb = 1`;
    const result = parse(text);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['syntax/nesting-too-deep']);
    expect(result.file.body.map((statement) => (statement as Attribute).name)).toEqual(['b']);
  });

  /** The height of a tree, counted independently of the parser (recursive: the inputs below stay within the limit). */
  function height(node: Node): number {
    return 1 + Math.max(0, ...childrenOf(node).map(height));
  }

  it.each([
    ['a 100,000-long field access chain', `a = x${'.y'.repeat(100_000)}`],
    ['a 100,000-long call chain', `a = f${'()'.repeat(100_000)}`],
    ['a 100,000-long index chain', `a = x${'[0]'.repeat(100_000)}`],
    ['operator chains in nested parentheses', `a = ${Array.from({ length: 240 }).reduce<string>((inner) => `(${inner}${'+x'.repeat(490)})`, 'x')}`],
    ['access chains in nested blocks', `${'b {\n'.repeat(200)}a = x${'.y'.repeat(900)}\n${'}\n'.repeat(200)}`],
  ])('%s, deeper than MAX_TREE_HEIGHT in all, is reported at the statement and dropped', (_name, statement) => {
    const text = `before = 1\n${statement}\nafter = 2\n`;
    const result = parse(text);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['syntax/nesting-too-deep']);
    const [diagnostic] = result.diagnostics;
    expect(diagnostic!.range.start).toEqual({ offset: text.indexOf(statement), line: 2, column: 1 });
    expect(diagnostic!.message).toContain(`more than ${MAX_TREE_HEIGHT} levels deep`);
    expect(result.file.body.map((node) => (node as Attribute).name ?? '')).toEqual(['before', 'after']);
  });

  it.each([
    ['a field access chain', `a = x${'.y'.repeat(MAX_TREE_HEIGHT - 3)}`],
    ['operator chains in two parentheses', `a = ((x${'+x'.repeat(490)})${'+x'.repeat(490)})`],
    ['access chains in nested blocks', `${'b {\n'.repeat(200)}a = x${'.y'.repeat(MAX_TREE_HEIGHT - 205)}\n${'}\n'.repeat(200)}`],
  ])('%s just within MAX_TREE_HEIGHT is kept', (_name, text) => {
    const result = parse(text);
    expect(result.diagnostics).toEqual([]);
    const statement = result.file.body[0]!;
    expect(height(statement)).toBeLessThanOrEqual(MAX_TREE_HEIGHT);
    expect(height(statement)).toBeGreaterThan(MAX_TREE_HEIGHT - 20);
  });

  it('a 100,000-element array is flat and valid', () => {
    const value = valueOf(`[${'1,'.repeat(100_000)}]`);
    expect(value.type === 'Array' && value.elements.length).toBe(100_000);
  });

  it('100,000 statements parse', () => {
    const result = parse('a = 1\n'.repeat(100_000));
    expect(result.diagnostics).toEqual([]);
    expect(result.file.body).toHaveLength(100_000);
  });
});

describe('isValidIdentifier', () => {
  it('accepts identifiers and rejects keywords and other text', () => {
    for (const name of ['a', '_', 'a_1', 'métrica', 'a۰']) expect(isValidIdentifier(name)).toBe(true);
    for (const name of ['', '1a', 'a-b', 'a b', 'true', 'false', 'null', '۰a']) expect(isValidIdentifier(name)).toBe(false);
  });
});

describe('formatDiagnostic', () => {
  it('prints FILE:LINE:COL: message with upstream byte column when given the text', () => {
    const text = 'é = [1 2]';
    const diagnostic = single(text, "missing ',' in expression list");
    expect(formatDiagnostic(diagnostic, 'config.alloy', text)).toBe("config.alloy:1:9: missing ',' in expression list");
  });

  it('uses the UTF-16 column without the text', () => {
    const diagnostic = single('é = [1 2]', "missing ',' in expression list");
    expect(formatDiagnostic(diagnostic, 'f.alloy')).toBe("f.alloy:1:8: missing ',' in expression list");
  });

  it('uses the start line of multi-line ranges', () => {
    const text = 'a = 1\nb = x {\n}';
    const diagnostic = single(text, 'cannot use a block as an expression');
    expect(formatDiagnostic(diagnostic, 'f', text)).toBe('f:2:5: cannot use a block as an expression');
  });
});

describe('walk, childrenOf, nodeAt', () => {
  const text = 'a "l" {\n  b = f(1, x.y)\n  c { d = [2] }\n}\ne = {k = -3}';
  const result = parse(text);

  it('childrenOf lists the direct children in source order', () => {
    const a = result.file.body[0] as Block;
    expect(childrenOf(result.file)).toEqual(result.file.body);
    expect(childrenOf(a).map((node) => node.type)).toEqual(['Identifier', 'Attribute', 'Block']);
    const b = a.body[0] as Attribute;
    expect(childrenOf(b)).toEqual([b.value]);
    expect(childrenOf(b.value).map((node) => node.type)).toEqual(['IdentifierExpr', 'Literal', 'Access']);
    const e = result.file.body[1] as Attribute;
    const object = e.value;
    expect(childrenOf(object).map((node) => node.type)).toEqual(['ObjectField']);
    expect(childrenOf(childrenOf(object)[0]!).map((node) => node.type)).toEqual(['Unary']);
    expect(childrenOf(a.name[0]!)).toEqual([]);
  });

  it('walk visits depth-first in source order, enter before and leave after the children, with parents', () => {
    const events: string[] = [];
    const parents = new Map<Node, Node | null>();
    walk(result.file, {
      enter(node, parent) {
        events.push(`+${node.type}`);
        parents.set(node, parent);
      },
      leave(node) {
        events.push(`-${node.type}`);
      },
    });
    expect(events.slice(0, 6)).toEqual(['+File', '+Block', '+Identifier', '-Identifier', '+Attribute', '+Call']);
    expect(events[events.length - 1]).toBe('-File');
    expect(events.filter((event) => event.startsWith('+'))).toHaveLength(events.length / 2);
    expect(parents.get(result.file)).toBeNull();
    expect(parents.get(result.file.body[0]!)).toBe(result.file);
    for (const [node, parent] of parents) {
      if (parent) expect(childrenOf(parent)).toContain(node);
    }
  });

  it('enter returning false skips the children but still leaves the node', () => {
    const entered: Node[] = [];
    const left: Node[] = [];
    walk(result.file, {
      enter(node) {
        entered.push(node);
        return node.type !== 'Block';
      },
      leave(node) {
        left.push(node);
      },
    });
    const block = result.file.body[0]!;
    const inside = entered.filter((node) => node !== block && node.start >= block.start && node.end <= block.end);
    expect(inside).toEqual([]);
    expect(entered).toContain(block);
    expect(left).toContain(block);
    expect(entered).toContain(result.file.body[1]);
  });

  it('walk handles trees near the nesting limit', () => {
    const depth = MAX_NESTING_DEPTH - 10;
    const deep = parse(`a = ${'['.repeat(depth)}${']'.repeat(depth)}`);
    let count = 0;
    walk(deep.file, { enter: () => void count++ });
    expect(count).toBe(depth + 2);
  });

  it('nodeAt finds the innermost node and its ancestors', () => {
    const offset = text.indexOf('y)');
    const found = nodeAt(result.file, offset);
    expect(found.node).toMatchObject({ type: 'Access', property: 'y' });
    expect(found.ancestors.map((node) => node.type)).toEqual(['File', 'Block', 'Attribute', 'Call']);
  });

  it('nodeAt includes the end offset of a node (cursor right after a word)', () => {
    const found = nodeAt(result.file, text.indexOf('(1') );
    expect(found.node).toMatchObject({ type: 'IdentifierExpr', name: 'f' });
  });

  it('nodeAt outside every statement returns the file', () => {
    const found = nodeAt(parse('\n\na = 1\n\n').file, 0);
    expect(found.node.type).toBe('File');
    expect(found.ancestors).toEqual([]);
  });

  it('nodeAt inside a block body but between statements returns the block', () => {
    const source = 'a {\n  b = 1\n\n  c = 2\n}';
    const found = nodeAt(parse(source).file, source.indexOf('\n\n') + 1);
    expect(found.node.type).toBe('Block');
  });
});

describe('comments', () => {
  const text = [
    '// head', // 1
    '// more', // 2
    '', // 3
    '// lead', // 4
    'a = 1 // trail', // 5
    'b {', // 6
    '  // inner only', // 7
    '}', // 8
    'c = [', // 9
    '  1, // after one', // 10
    '  /* before close */', // 11
    ']', // 12
    '/* x */ /* y */', // 13
    '', // 14
    '// last', // 15
  ].join('\n');
  const result = parse(text);

  it('are returned in source order with kind, text and positions, outside the tree', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.comments.map((comment) => comment.text)).toEqual([
      '// head',
      '// more',
      '// lead',
      '// trail',
      '// inner only',
      '// after one',
      '/* before close */',
      '/* x */',
      '/* y */',
      '// last',
    ]);
    for (const comment of result.comments) {
      expect(text.slice(comment.start, comment.end)).toBe(comment.text);
      expect(result.lines.positionAt(comment.start)).toEqual(position(text, comment.start));
      expect(comment.kind).toBe(comment.text.startsWith('//') ? 'line' : 'block');
    }
  });

  it('attachComments: leading, trailing and inner', () => {
    const attachment = attachComments(result);
    const [a, b, c] = result.file.body as [Attribute, Block, Attribute];
    const texts = (node: Node) => {
      const entry = attachment.get(node);
      return entry && {
        leading: entry.leading.map((comment) => comment.text),
        trailing: entry.trailing.map((comment) => comment.text),
        inner: entry.inner.map((comment) => comment.text),
      };
    };
    expect(texts(a)).toEqual({ leading: ['// head', '// more', '// lead'], trailing: ['// trail'], inner: [] });
    expect(texts(b)).toEqual({ leading: [], trailing: [], inner: ['// inner only'] });
    const array = c.value;
    if (array.type !== 'Array') throw new Error('expected an array');
    expect(texts(array.elements[0]!)).toEqual({ leading: [], trailing: ['// after one'], inner: [] });
    expect(texts(array)).toEqual({ leading: [], trailing: [], inner: ['/* before close */'] });
    expect(texts(result.file)?.inner).toEqual(['/* x */', '/* y */', '// last']);
  });

  it('attachComments: a comment before a nested statement leads it', () => {
    const source = 'a {\n  x = 1\n\n  // about y\n  y = 2 /* t */\n}';
    const parsed = parse(source);
    const attachment = attachComments(parsed);
    const y = (parsed.file.body[0] as Block).body[1]!;
    expect(attachment.get(y)?.leading.map((comment) => comment.text)).toEqual(['// about y']);
    expect(attachment.get(y)?.trailing.map((comment) => comment.text)).toEqual(['/* t */']);
  });

  it('every comment is attached exactly once', () => {
    const attachment = attachComments(result);
    const all = [...attachment.values()].flatMap((entry) => [...entry.leading, ...entry.trailing, ...entry.inner]);
    expect(all).toHaveLength(result.comments.length);
    expect(new Set(all).size).toBe(result.comments.length);
  });

  it('commentGroups: adjacent lines group, a blank line or code splits', () => {
    const groups = commentGroups(result.comments, text).map((group) => group.map((comment) => comment.text));
    expect(groups).toEqual([
      ['// head', '// more'],
      ['// lead'],
      ['// trail'],
      ['// inner only'],
      ['// after one', '/* before close */'],
      ['/* x */', '/* y */'],
      ['// last'],
    ]);
  });

  it('commentGroups: a multi-line block comment ends on its last line', () => {
    const source = '/* a\n\nb */\n// c\n\n// d';
    const groups = commentGroups(parse(source).comments, source).map((group) => group.length);
    expect(groups).toEqual([2, 1]);
  });
});

describe('never throws', () => {
  it.each([
    '',
    '{',
    '}',
    '"',
    '`',
    '/*',
    '\\',
    'a = ',
    'a.',
    'a "',
    'a = [[[',
    'a = {{{',
    '= = =',
    ')))',
    'a = x "y" {',
    'a = x {',
    '\u0000\ufeff\ud800',
    'a { b { c { d = [1, {e = f(g[h], )}] } } }',
  ])('%j', (text) => {
    const result = parse(text);
    expect(result.file.type).toBe('File');
    for (const statement of result.file.body as Statement[]) expect(['Attribute', 'Block']).toContain(statement.type);
  });
});

describe('upstream quirks found by the differential test against alloy-oracle', () => {
  it('an object that starts with ] reports the missing }, not a field name (upstream compares with the wrong bracket)', () => {
    const text = 'a = { ] }\n';
    expect(parse(text).diagnostics.map((diagnostic) => `${diagnostic.range.start.column}: ${diagnostic.message}`)).toEqual(['7: expected }, got ]']);
    expect(parse('a = { ] = 1 }\n').diagnostics.map((diagnostic) => diagnostic.message)).toEqual(['expected }, got ]']);
  });

  it('an unterminated label ending with a non-ASCII character keeps part of its bytes upstream, so it is never an identifier', () => {
    const messages = (text: string): string[] => parse(text).diagnostics.map((diagnostic) => diagnostic.message);
    expect(messages('blk "ab\u00a0\n}\n')).toEqual(['string literal not terminated', 'expected block label to be a valid identifier, but got "ab\\xc2"']);
    expect(messages('blk "é\n}\n')).toEqual(['string literal not terminated', 'expected block label to be a valid identifier, but got "\\xc3"']);
    expect(messages('blk "ab😀\n}\n')).toEqual(['string literal not terminated', 'expected block label to be a valid identifier, but got "ab\\xf0\\x9f\\x98"']);
    // Ending with an ASCII character, the label is the text between the first and the last character.
    expect(messages('blk "a\n}\n')).toEqual(['string literal not terminated', 'expected attribute assignment or block body, got TERMINATOR']);
  });

  it("goQuote is Go's %q", () => {
    expect(goQuote('plain é 😀')).toBe('"plain é 😀"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\x07\b\f\n\r\t\v')).toBe('"\\a\\b\\f\\n\\r\\t\\v"');
    expect(goQuote('\x00\x1b\x7f')).toBe('"\\x00\\x1b\\x7f"');
    expect(goQuote('\u00a0\u2028\u200b')).toBe('"\\u00a0\\u2028\\u200b"');
    expect(goQuote('\u{e0001}')).toBe('"\\U000e0001"');
  });
});
