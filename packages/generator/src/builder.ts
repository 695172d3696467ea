/**
 * A typed builder for Alloy syntax trees.
 *
 * Every function returns a node of the syntax package's types with synthetic
 * zero positions. Layout is expressed through the tree itself: an array or
 * object built with `multiline: true` carries `trailingComma: true`, which the
 * printer renders one element per line (the canonical `alloy fmt` shape).
 * Comments are not part of the syntax tree, so they are attached through
 * `withComments` and looked up by the printer with `leadingComments`.
 */
import type {
  ArrayExpr,
  Attribute,
  Block,
  BlockLabel,
  CallExpr,
  Expression,
  File,
  Identifier,
  LiteralExpr,
  ObjectExpr,
  ObjectField,
  ObjectKey,
  Statement,
} from '@alloy-toolkit/syntax';

const ZERO = 0;

function zero(): { start: number; end: number } {
  return { start: ZERO, end: ZERO };
}

const IDENTIFIER_PATTERN = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
const KEYWORDS = new Set(['true', 'false', 'null']);

/** True when `name` can be written as a bare Alloy identifier. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER_PATTERN.test(name) && !KEYWORDS.has(name);
}

function assertIdentifier(name: string, what: string): void {
  if (!isIdentifier(name)) throw new TypeError(`${what} ${JSON.stringify(name)} is not a valid Alloy identifier`);
}

export function identifier(name: string): Identifier {
  assertIdentifier(name, 'name');
  return { type: 'Identifier', name, ...zero() };
}

/**
 * Quotes a string the way Alloy's lexer reads it back (Go's escape set minus `\'`).
 * Printable characters, non-ASCII included, are kept as they are; control characters, U+FEFF and
 * U+FFFD are written as `\u` escapes.
 */
export function quoteString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    switch (char) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\x07':
        out += '\\a';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\v':
        out += '\\v';
        break;
      default:
        // A BOM past the first byte and U+FFFD (what a decoder puts for invalid UTF-8) are errors
        // when read raw: written as escapes, they read back as themselves.
        if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0xfeff || code === 0xfffd) {
          out += `\\u${code.toString(16).padStart(4, '0')}`;
        } else if (code >= 0xd800 && code <= 0xdfff) {
          // A lone surrogate cannot be encoded in UTF-8; Alloy rejects it.
          out += '\\ufffd';
        } else {
          out += char;
        }
    }
  }
  return out + '"';
}

/** A double-quoted string literal. */
export function string(value: string): LiteralExpr {
  return { type: 'Literal', kind: 'string', raw: quoteString(value), value, ...zero() };
}

/** A number literal; non-integers become `float` literals. Negative values need `unaryMinus`. */
export function number(value: number): LiteralExpr {
  if (!Number.isFinite(value)) throw new RangeError(`number ${value} cannot be written in Alloy`);
  if (value < 0) throw new RangeError('negative numbers are unary expressions; build them with unaryMinus');
  if (Number.isInteger(value)) {
    // BigInt avoids the exponent notation JavaScript uses from 1e21 on.
    return { type: 'Literal', kind: 'number', raw: BigInt(value).toString(), value, ...zero() };
  }
  return { type: 'Literal', kind: 'float', raw: String(value), value, ...zero() };
}

export function bool(value: boolean): LiteralExpr {
  return { type: 'Literal', kind: 'bool', raw: value ? 'true' : 'false', value, ...zero() };
}

export function nullLiteral(): LiteralExpr {
  return { type: 'Literal', kind: 'null', raw: 'null', value: null, ...zero() };
}

/** `-operand` */
export function unaryMinus(operand: Expression): Expression {
  return { type: 'Unary', operator: '-', operand, ...zero() };
}

/**
 * A reference built from segments: `reference('prometheus', 'exporter', 'unix', 'node', 'targets')`
 * is `prometheus.exporter.unix.node.targets`. A segment that is not an identifier (a block
 * label such as `my-host`) is an error: Alloy cannot reference it either.
 */
export function reference(head: string, ...segments: string[]): Expression {
  assertIdentifier(head, 'reference segment');
  let expression: Expression = { type: 'IdentifierExpr', name: head, ...zero() };
  for (const segment of segments) {
    assertIdentifier(segment, 'reference segment');
    expression = { type: 'Access', object: expression, property: segment, ...zero() };
  }
  return expression;
}

/** A reference from a dotted path: `dotted('constants.hostname')`. */
export function dotted(path: string): Expression {
  const [head, ...rest] = path.split('.');
  return reference(head ?? '', ...rest);
}

/** A call of a standard-library function: `call('sys.env', string('API_KEY'))`. */
export function call(functionPath: string, ...args: Expression[]): CallExpr {
  return {
    type: 'Call',
    callee: dotted(functionPath),
    args,
    lparen: ZERO,
    rparen: ZERO,
    trailingComma: false,
    ...zero(),
  };
}

/** `sys.env("NAME")`: the value of an environment variable when Alloy loads the file. */
export function envVar(name: string): CallExpr {
  return call('sys.env', string(name));
}

/** `constants.hostname` */
export function hostname(): Expression {
  return reference('constants', 'hostname');
}

export interface LayoutOptions {
  /** One element per line with a trailing comma (the canonical multi-line layout). */
  multiline?: boolean;
}

export function array(elements: Expression[], options: LayoutOptions = {}): ArrayExpr {
  return {
    type: 'Array',
    elements,
    lbracket: ZERO,
    rbracket: ZERO,
    trailingComma: Boolean(options.multiline) && elements.length > 0,
    ...zero(),
  };
}

/** A list of string literals. */
export function stringArray(values: readonly string[], options: LayoutOptions = {}): ArrayExpr {
  return array(values.map(string), options);
}

export function objectKey(name: string): ObjectKey {
  const quoted = !isIdentifier(name);
  return { name, quoted, raw: quoted ? quoteString(name) : name, ...zero() };
}

export function field(key: string, value: Expression): ObjectField {
  return { type: 'ObjectField', key: objectKey(key), value, ...zero() };
}

/** An object literal. Objects are multi-line unless `multiline: false` is given. */
export function object(fields: ObjectField[] | Record<string, Expression>, options: LayoutOptions = {}): ObjectExpr {
  const list = Array.isArray(fields) ? fields : Object.entries(fields).map(([key, value]) => field(key, value));
  return {
    type: 'Object',
    fields: list,
    lbrace: ZERO,
    rbrace: ZERO,
    trailingComma: (options.multiline ?? true) && list.length > 0,
    ...zero(),
  };
}

export function attribute(name: string, value: Expression): Attribute {
  assertIdentifier(name, 'name');
  return { type: 'Attribute', name, value, ...zero() };
}

/**
 * A block: `block('prometheus.exporter.unix', 'node', [])` is `prometheus.exporter.unix "node" { }`.
 * Pass `null` as the label for unlabelled blocks such as `endpoint`.
 */
export function block(name: string, label: string | null, body: Statement[] = []): Block {
  const fragments = name.split('.').map(identifier);
  let blockLabel: BlockLabel | null = null;
  if (label !== null) {
    assertIdentifier(label, 'block label');
    blockLabel = { value: label, raw: `"${label}"`, ...zero() };
  }
  return {
    type: 'Block',
    name: fragments,
    fullName: name,
    label: blockLabel,
    body,
    lbrace: ZERO,
    rbrace: ZERO,
    ...zero(),
  };
}

export function file(body: Statement[]): File {
  return { type: 'File', body, ...zero() };
}

type Commentable = Statement | ObjectField;

const commentRegistry = new WeakMap<Commentable, string[]>();

/**
 * Attaches `//` comments that the printer writes on their own lines before `node`.
 * Each entry is the comment text without the `//`. Returns the node.
 */
export function withComments<T extends Commentable>(node: T, ...lines: string[]): T {
  for (const line of lines) {
    if (/[\r\n]/.test(line)) throw new TypeError('a comment line cannot contain a line break');
  }
  commentRegistry.set(node, [...(commentRegistry.get(node) ?? []), ...lines]);
  return node;
}

/** The comments attached to `node` with `withComments`. */
export function leadingComments(node: Commentable): readonly string[] {
  return commentRegistry.get(node) ?? [];
}
