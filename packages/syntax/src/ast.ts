/**
 * The typed syntax tree of an Alloy file.
 *
 * Mirrors upstream's `syntax/ast` package: a file is a body of statements,
 * a statement is an attribute or a block, and expressions keep their
 * parentheses so the printer can re-emit them. Every node carries exact
 * `start` and `end` offsets (end is exclusive): plain numbers, as in the
 * TypeScript compiler's and acorn's trees. Line and column come on demand
 * from the parse result's `lines` (a `LineIndex`): `lines.positionAt(node.start)`.
 * Diagnostics, fixes and related locations keep full positions.
 *
 * This file is the contract between the parser and every other package:
 * change it only together with its consumers.
 */
import type { LineIndex } from './positions.js';

/** A point in the source text. */
export interface Position {
  /** 0-based index into the JavaScript string (UTF-16 code units). */
  offset: number;
  /** 1-based line; only LF ends a line (CR is plain whitespace, as upstream). */
  line: number;
  /** 1-based column in UTF-16 code units. See `byteColumn` for upstream's byte column. */
  column: number;
}

/** A half-open span of text: `start` is the first character, `end` the one after the last. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Replace the text of `range` with `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A safe, mechanical correction for a diagnostic. */
export interface Fix {
  /** Imperative, shown in editors: `Replace '#' with '//'`. */
  title: string;
  edits: TextEdit[];
}

/** A problem found in a file, by the parser or by a later stage. */
export interface Diagnostic {
  /** Stable identifier, e.g. `syntax/unexpected-token`, `alloy/unknown-argument`. */
  code: string;
  severity: Severity;
  /** Upstream's text wherever upstream has one. */
  message: string;
  range: Range;
  fix?: Fix;
  /** Extra advice beyond upstream's message, e.g. that Alloy comments start with `//`. */
  hint?: string;
  /** Other places that explain the problem, e.g. where an unresolved name is defined in another directory. */
  related?: RelatedLocation[];
}

/** A place in another (or the same) file that a diagnostic refers to. */
export interface RelatedLocation {
  message: string;
  fileName: string;
  range: Range;
}

/** Where a node is: offsets into the JavaScript string (UTF-16 code units), `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * A block-name fragment. Attribute names and `.field` names are plain strings on their nodes
 * (`Attribute.name`, `AccessExpr.property`): their spans follow from the node's own
 * (`attributeNameSpan`, `propertySpan`), and a tree without an object for each of them is about a
 * sixth smaller.
 */
export interface Identifier extends Span {
  type: 'Identifier';
  name: string;
}

export interface File extends Span {
  type: 'File';
  body: Statement[];
}

export type Statement = Attribute | Block;

export interface Attribute extends Span {
  type: 'Attribute';
  /** The name, exactly as written: it runs from `start` to `start + name.length` (`attributeNameSpan`). */
  name: string;
  value: Expression;
}

/** A block label: always a double-quoted string whose content is an identifier. */
export interface BlockLabel extends Span {
  /** The content between the quotes (no unescaping, as upstream). */
  value: string;
  /** The token text, quotes included. */
  raw: string;
}

export interface Block extends Span {
  type: 'Block';
  /** The dotted name, one identifier per fragment: `prometheus`, `exporter`, `unix`. */
  name: Identifier[];
  /** The fragments joined with `.`: `prometheus.exporter.unix`. */
  fullName: string;
  /**
   * The label, or `null` when there is no label token. A present-but-empty
   * `""` label is kept (value `''`) so that tools can point at it; upstream
   * treats it exactly like no label.
   */
  label: BlockLabel | null;
  body: Statement[];
  /** Offset of `{`. */
  lbrace: number;
  /** Offset of `}`, or `null` when the block is unfinished (recovery). */
  rbrace: number | null;
}

export type Expression =
  | LiteralExpr
  | IdentifierExpr
  | AccessExpr
  | IndexExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | ArrayExpr
  | ObjectExpr
  | ParenExpr
  | ErrorExpr;

export type LiteralKind = 'string' | 'number' | 'float' | 'bool' | 'null';

export interface LiteralExpr extends Span {
  type: 'Literal';
  kind: LiteralKind;
  /** The token text exactly as written, quotes or backticks included. */
  raw: string;
  /**
   * The evaluated value: unescaped string (raw strings: CRs removed),
   * number (upstream's base auto-detection, so `0644` is 420), boolean, or null.
   * `null` too for a string whose escapes are invalid.
   */
  value: string | number | boolean | null;
}

/** A bare identifier used as a value: the head of a reference such as `prometheus.exporter.unix.node.targets`. */
export interface IdentifierExpr extends Span {
  type: 'IdentifierExpr';
  name: string;
}

/** `object.property` */
export interface AccessExpr extends Span {
  type: 'Access';
  object: Expression;
  /**
   * The token after the dot, exactly as written: it ends the expression, so it runs from
   * `end - property.length` to `end` (`propertySpan`). After a syntax error it is whatever token
   * stood there, or `''` at the end of the file.
   */
  property: string;
}

/** `object[index]` */
export interface IndexExpr extends Span {
  type: 'Index';
  object: Expression;
  index: Expression;
  /** Offset of `[`. */
  lbracket: number;
  /** Offset of `]` (or of the token found in its place). */
  rbracket: number;
}

/** `callee(args...)` */
export interface CallExpr extends Span {
  type: 'Call';
  callee: Expression;
  args: Expression[];
  /** Offset of `(`. */
  lparen: number;
  /** Offset of `)` (or of the token found in its place). */
  rparen: number;
  /** A `,` follows the last argument. */
  trailingComma: boolean;
}

export type UnaryOperator = '!' | '-';

export interface UnaryExpr extends Span {
  type: 'Unary';
  operator: UnaryOperator;
  operand: Expression;
}

export type BinaryOperator =
  | '||'
  | '&&'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^';

export interface BinaryExpr extends Span {
  type: 'Binary';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
  /** Offset of the operator token. */
  operatorStart: number;
}

export interface ArrayExpr extends Span {
  type: 'Array';
  elements: Expression[];
  /** Offset of `[`. */
  lbracket: number;
  /** Offset of `]` (or of the token found in its place). */
  rbracket: number;
  trailingComma: boolean;
}

/** An object key: an identifier, or a string taken verbatim (upstream does not unescape keys). */
export interface ObjectKey extends Span {
  /** The key as upstream stores it: identifier name, or the raw text between the delimiters. */
  name: string;
  /** Written as a string (double-quoted or backtick). */
  quoted: boolean;
  /** The token text exactly as written. */
  raw: string;
}

export interface ObjectField extends Span {
  type: 'ObjectField';
  key: ObjectKey;
  value: Expression;
}

export interface ObjectExpr extends Span {
  type: 'Object';
  fields: ObjectField[];
  /** Offset of `{`. */
  lbrace: number;
  /** Offset of `}` (or of the token found in its place). */
  rbrace: number;
  trailingComma: boolean;
}

export interface ParenExpr extends Span {
  type: 'Paren';
  expression: Expression;
  /** Offset of `(`. */
  lparen: number;
  /** Offset of `)` (or of the token found in its place). */
  rparen: number;
}

/**
 * Stands where an expression was required but could not be parsed
 * (upstream substitutes `null`). A diagnostic always covers it.
 */
export interface ErrorExpr extends Span {
  type: 'Error';
}

export type Node = File | Statement | Expression | ObjectField | Identifier;

export type CommentKind = 'line' | 'block';

/** A `//` or `/* *\/` comment. Comments are trivia: they are not in the tree. */
export interface Comment extends Span {
  kind: CommentKind;
  /** The comment text, delimiters included, exactly as written. */
  text: string;
}

/** Everything `parse` returns. */
export interface ParseResult {
  file: File;
  /** Lines of the parsed text: turns the tree's offsets into positions (`lines.positionAt(node.start)`). */
  lines: LineIndex;
  /** Every comment, in source order. */
  comments: Comment[];
  /** Lexer and parser problems, in source order. Empty means the file is valid Alloy syntax. */
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /** Used in messages only. */
  fileName?: string;
}
