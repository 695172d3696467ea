/**
 * The recursive-descent parser. It follows upstream's LL(1) grammar and its
 * recovery strategy exactly, so that the same input yields the same errors
 * (LANGUAGE.md §4): one parser error per line, statement-level resync to the
 * next terminator, expression-level resync to the next `)`/`]`/`}`/`,`/newline.
 * Unlike upstream it always returns the partial tree.
 */
import type {
  ArrayExpr,
  Attribute,
  BinaryOperator,
  Block,
  BlockLabel,
  Comment,
  Diagnostic,
  Expression,
  File,
  Identifier,
  LiteralExpr,
  ObjectExpr,
  ObjectField,
  ObjectKey,
  ParseResult,
  Position,
  Statement,
} from './ast.js';
import { numberValue, unquoteString } from './literals.js';
import { LineIndex } from './positions.js';
import { COMMENT_CODE, scan, tokenKinds, TokenStream, type Token, type TokenKind } from './scanner.js';

/** Codes below this are names and literals, whose text the parser needs. */
const FIRST_OPERATOR_CODE = tokenKinds.indexOf('||');

/**
 * Nesting deeper than this (brackets, parentheses, braces, unary operators,
 * `^` operands, blocks: one level each) is reported instead of risking the
 * call stack; at this depth a parse from a cold start uses about a third of
 * Node's default stack.
 */
export const MAX_NESTING_DEPTH = 250;

/** Longest run of binary operators at one precedence level: deeper left-nested trees would strain recursive consumers. */
export const MAX_OPERATOR_CHAIN = 2 * MAX_NESTING_DEPTH;

const binaryPrecedence: Partial<Record<TokenKind, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
};

const expressionEnd = new Set<TokenKind>(['TERMINATOR', ')', '}', ']', ',']);
const identifierPattern = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

const asciiIdentifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isValidIdentifier(name: string): boolean {
  return (
    (asciiIdentifierPattern.test(name) || identifierPattern.test(name)) && name !== 'true' && name !== 'false' && name !== 'null'
  );
}

interface BlockName {
  fragments: Identifier[];
  label: BlockLabel | null;
  start: number;
}

class NestingTooDeep extends Error {}

class Parser {
  /** Index of the current token in the stream (comments are skipped). */
  private index = 0;
  private token: Token;
  private previousTokenEnd = 0;
  private lastErrorLine = -1;
  private depth = 0;
  private nestingReported = false;
  readonly diagnostics: Diagnostic[] = [];
  readonly comments: Comment[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly stream: TokenStream,
  ) {
    for (let index = 0; index < stream.length; index++) {
      if (stream.kinds[index] !== COMMENT_CODE) continue;
      const start = stream.starts[index]!;
      const end = stream.ends[index]!;
      const commentText = text.slice(start, end);
      this.comments.push({
        kind: commentText.startsWith('//') ? 'line' : 'block',
        text: commentText,
        start: lines.positionAt(start),
        end: lines.positionAt(end),
      });
    }
    while (this.index < stream.length - 1 && stream.kinds[this.index] === COMMENT_CODE) this.index++;
    this.token = this.read(this.index);
  }

  /** The token at `index` as an object; operators get their kind as text (the parser never reads it). */
  private read(index: number): Token {
    const code = this.stream.kinds[index]!;
    const start = this.stream.starts[index]!;
    const end = this.stream.ends[index]!;
    const kind = tokenKinds[code]!;
    return { kind, text: code < FIRST_OPERATOR_CODE ? this.text.slice(start, end) : kind, start, end };
  }

  /** The current token's kind (a method, so TypeScript does not narrow it across `next()`). */
  private peek(): TokenKind {
    return this.token.kind;
  }

  /** `positionAt` without clamping: the parser only asks for offsets inside the text. */
  private pos(offset: number): Position {
    const lines = this.lines;
    const line = lines.lineOf(offset);
    return { offset, line, column: offset - lines.lineStarts[line - 1]! + 1 };
  }

  private next(): void {
    const stream = this.stream;
    if (this.index >= stream.length - 1) return;
    this.previousTokenEnd = this.token.end;
    do this.index++;
    while (this.index < stream.length - 1 && stream.kinds[this.index] === COMMENT_CODE);
    this.token = this.read(this.index);
  }

  /** The end offset of the (non-comment) token before the current one. */
  private previousEnd(): number {
    return this.previousTokenEnd;
  }

  private describe(token: Token): string {
    return token.kind;
  }

  private addError(code: string, message: string, token: Token = this.token): void {
    const line = this.lines.lineOf(token.start);
    if (line === this.lastErrorLine) return;
    this.lastErrorLine = line;
    this.addDirect(code, message, token.start, Math.max(token.end, token.start));
  }

  private addDirect(code: string, message: string, start: number, end: number, extra?: Partial<Diagnostic>): void {
    this.diagnostics.push({
      code,
      severity: 'error',
      message,
      range: { start: this.pos(start), end: this.pos(Math.min(end, this.text.length)) },
      ...extra,
    });
  }

  private expect(kind: TokenKind): Token {
    const token = this.token;
    if (token.kind !== kind) {
      this.addError('syntax/unexpected-token', `expected ${kind}, got ${this.describe(token)}`);
    }
    this.next();
    return token;
  }

  private advance(to: TokenKind): void {
    while (this.peek() !== 'EOF' && this.peek() !== to) this.next();
  }

  private advanceAny(to: Set<TokenKind>): void {
    while (this.peek() !== 'EOF' && !to.has(this.peek())) this.next();
  }

  private consumeStatement(): void {
    let curly = 0;
    let bracket = 0;
    let paren = 0;
    while (this.peek() !== 'EOF') {
      switch (this.peek()) {
        case '{': curly++; break;
        case '}': curly--; break;
        case '[': bracket++; break;
        case ']': bracket--; break;
        case '(': paren++; break;
        case ')': paren--; break;
        default: break;
      }
      if (this.peek() === 'TERMINATOR' && curly <= 0 && bracket <= 0 && paren <= 0) return;
      this.next();
    }
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING_DEPTH) throw new NestingTooDeep();
  }

  private leave(): void {
    this.depth--;
  }

  parseFile(): File {
    const body = this.parseBodyGuarded('EOF');
    return { type: 'File', body, start: this.pos(0), end: this.pos(this.text.length) };
  }

  /** Top-level body with the nesting guard: a too-deep statement is dropped and parsing resumes after it. */
  private parseBodyGuarded(until: TokenKind): Statement[] {
    const body: Statement[] = [];
    while (this.peek() !== until && this.peek() !== 'EOF') {
      const startIndex = this.index;
      const startToken = this.token;
      const startPreviousEnd = this.previousTokenEnd;
      try {
        const statement = this.parseStatement();
        if (statement) body.push(statement);
      } catch (error) {
        if (!(error instanceof NestingTooDeep)) throw error;
        this.depth = 0;
        this.reportNesting();
        this.index = startIndex;
        this.token = startToken;
        this.previousTokenEnd = startPreviousEnd;
        this.skipDeepStatement();
      }
      if (this.peek() === until) break;
      if (this.peek() !== 'TERMINATOR') {
        this.addError('syntax/unexpected-token', `expected TERMINATOR, got ${this.describe(this.token)}`);
        this.consumeStatement();
      }
      this.next();
    }
    return body;
  }

  private reportNesting(): void {
    if (this.nestingReported) return;
    this.nestingReported = true;
    const token = this.token;
    this.addDirect(
      'syntax/nesting-too-deep',
      `expressions and blocks may be nested at most ${MAX_NESTING_DEPTH} levels deep`,
      token.start,
      token.end,
    );
  }

  /** Skips a statement whose nesting is too deep: to its terminating newline at bracket depth zero. */
  private skipDeepStatement(): void {
    let depth = 0;
    while (this.peek() !== 'EOF') {
      const kind = this.peek();
      if (kind === '{' || kind === '[' || kind === '(') depth++;
      else if (kind === '}' || kind === ']' || kind === ')') depth--;
      else if (kind === 'TERMINATOR' && depth <= 0) return;
      this.next();
    }
  }

  private parseBody(until: TokenKind): Statement[] {
    const body: Statement[] = [];
    while (this.peek() !== until && this.peek() !== 'EOF') {
      const statement = this.parseStatement();
      if (statement) body.push(statement);
      if (this.peek() === until) break;
      if (this.peek() !== 'TERMINATOR') {
        this.addError('syntax/unexpected-token', `expected TERMINATOR, got ${this.describe(this.token)}`);
        this.consumeStatement();
      }
      this.next();
    }
    return body;
  }

  private parseStatement(): Statement | null {
    const name = this.parseBlockName();
    if (!name) {
      this.advance('IDENT');
      return null;
    }
    const first = name.fragments[0]!;
    switch (this.peek()) {
      case '=': {
        this.next();
        if (name.fragments.length !== 1) {
          const last = name.fragments[name.fragments.length - 1]!;
          this.addDirect(
            'syntax/invalid-attribute-name',
            'attribute names may only consist of a single identifier with no "."',
            name.start,
            last.end.offset,
          );
        } else if (name.label) {
          this.addDirect('syntax/invalid-attribute-name', 'attribute names may not have labels', name.label.start.offset, name.label.end.offset);
        }
        const value = this.parseExpression();
        const attribute: Attribute = { type: 'Attribute', name: first, value, start: first.start, end: value.end };
        return attribute;
      }
      case '{': {
        this.enter();
        try {
          const lbrace = this.expect('{');
          const body = this.parseBody('}');
          const closing = this.token;
          this.expect('}');
          const closed = closing.kind === '}';
          const block: Block = {
            type: 'Block',
            name: name.fragments,
            fullName: name.fragments.map((fragment) => fragment.name).join('.'),
            label: name.label,
            body,
            lbrace: this.pos(lbrace.start),
            rbrace: closed ? this.pos(closing.start) : null,
            start: first.start,
            // An unclosed block runs to EOF: it covers everything typed after it.
            end: this.pos(closed ? closing.end : this.text.length),
          };
          return block;
        } finally {
          this.leave();
        }
      }
      default: {
        const validAttribute = name.fragments.length === 1 && (name.label === null || name.label.value === '');
        this.addError(
          'syntax/unexpected-token',
          validAttribute
            ? `expected attribute assignment or block body, got ${this.describe(this.token)}`
            : `expected block body, got ${this.describe(this.token)}`,
        );
        this.advance('IDENT');
        return null;
      }
    }
  }

  private readonly names = new Map<string, string>();

  /** One string per distinct name: configurations repeat the same few names many times. */
  private intern(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    this.names.set(name, name);
    return name;
  }

  private identifier(token: Token): Identifier {
    return { type: 'Identifier', name: this.intern(token.text), start: this.pos(token.start), end: this.pos(token.end) };
  }

  private parseBlockName(): BlockName | null {
    if (this.peek() !== 'IDENT') {
      this.addError('syntax/unexpected-token', `expected identifier, got ${this.describe(this.token)}`);
      return null;
    }
    const fragments = [this.identifier(this.token)];
    const start = this.token.start;
    this.next();
    while (this.peek() === '.') {
      this.next();
      if (this.peek() !== 'IDENT') {
        this.addError('syntax/unexpected-token', `expected identifier, got ${this.describe(this.token)}`);
      }
      fragments.push(this.identifier(this.token));
      this.next();
    }
    let label: BlockLabel | null = null;
    if (this.peek() !== '=' && this.peek() !== '{') {
      const token = this.token;
      if (token.kind === 'STRING') {
        if (!token.text.startsWith('"')) {
          this.addError(
            'syntax/invalid-label',
            `expected block label to be a double quoted string, but got ${goQuote(token.text)}`,
          );
        }
        const value = token.text.length > 2 ? token.text.slice(1, -1) : '';
        if (token.text.length > 2 && !isValidIdentifier(value)) {
          this.addError('syntax/invalid-label', `expected block label to be a valid identifier, but got ${goQuote(value)}`);
        }
        label = { value, raw: token.text, start: this.pos(token.start), end: this.pos(token.end) };
      } else {
        this.addError('syntax/unexpected-token', `expected block label, got ${this.describe(token)}`);
      }
      this.next();
    }
    return { fragments, label, start };
  }

  parseExpression(): Expression {
    return this.parseBinary(1);
  }

  private parseBinary(minimum: number): Expression {
    let left = this.parsePower();
    let chain = 0;
    for (;;) {
      const operator = this.token;
      const precedence = binaryPrecedence[operator.kind] ?? 0;
      if (precedence < minimum || precedence === 0) return left;
      if (++chain > MAX_OPERATOR_CHAIN) throw new NestingTooDeep();
      this.next();
      const right = this.parseBinary(precedence + 1);
      left = {
        type: 'Binary',
        operator: operator.kind as BinaryOperator,
        left,
        right,
        operatorStart: this.pos(operator.start),
        start: left.start,
        end: right.end,
      };
    }
  }

  private parsePower(): Expression {
    const left = this.parseUnary();
    if (this.peek() !== '^') return left;
    const operator = this.token;
    this.next();
    // Only the right-recursion counts: every bracket level already counts once in `nested`.
    const right = this.nested(() => this.parsePower());
    return { type: 'Binary', operator: '^', left, right, operatorStart: this.pos(operator.start), start: left.start, end: right.end };
  }

  private parseUnary(): Expression {
    const token = this.token;
    if (token.kind === '!' || token.kind === '-') {
      this.next();
      this.enter();
      try {
        const operand = this.parseUnary();
        return { type: 'Unary', operator: token.kind, operand, start: this.pos(token.start), end: operand.end };
      } finally {
        this.leave();
      }
    }
    let primary = this.parsePrimary();
    for (;;) {
      switch (this.peek()) {
        case '.': {
          this.next();
          const nameToken = this.expect('IDENT');
          const property = this.identifier(nameToken);
          primary = { type: 'Access', object: primary, property, start: primary.start, end: property.end };
          break;
        }
        case '[': {
          const open = this.expect('[');
          const index = this.nested(() => this.parseExpression());
          const close = this.token;
          this.expect(']');
          primary = {
            type: 'Index',
            object: primary,
            index,
            lbracket: this.pos(open.start),
            rbracket: this.pos(close.start),
            start: primary.start,
            end: this.pos(Math.max(this.previousEnd(), open.end)),
          };
          break;
        }
        case '(': {
          const open = this.expect('(');
          const list = this.peek() !== ')' ? this.nested(() => this.parseExpressionList(')')) : { items: [], trailingComma: false };
          const close = this.token;
          this.expect(')');
          primary = {
            type: 'Call',
            callee: primary,
            args: list.items,
            lparen: this.pos(open.start),
            rparen: this.pos(close.start),
            trailingComma: list.trailingComma,
            start: primary.start,
            end: this.pos(Math.max(this.previousEnd(), open.end)),
          };
          break;
        }
        case 'STRING':
        case '{': {
          if (this.peek() === 'STRING') this.next();
          const open = this.token;
          this.expect('{');
          if (open.kind !== '{') {
            this.consumeStatement();
            return primary;
          }
          this.nested(() => this.parseBody('}'));
          const close = this.token;
          this.expect('}');
          if (close.kind !== '}') {
            this.consumeStatement();
            return primary;
          }
          this.addDirect('syntax/block-as-expression', 'cannot use a block as an expression', primary.start.offset, close.end);
          break;
        }
        default:
          return primary;
      }
    }
  }

  private nested<T>(parse: () => T): T {
    this.enter();
    try {
      return parse();
    } finally {
      this.leave();
    }
  }

  private literal(token: Token): LiteralExpr {
    const start = this.pos(token.start);
    const end = this.pos(token.end);
    const raw = this.intern(token.text);
    switch (token.kind) {
      case 'STRING': {
        const value = unquoteString(raw);
        return { type: 'Literal', kind: 'string', raw, value: value === null ? null : this.intern(value), start, end };
      }
      case 'NUMBER':
        return { type: 'Literal', kind: 'number', raw, value: numberValue(raw), start, end };
      case 'FLOAT':
        return { type: 'Literal', kind: 'float', raw, value: Number(raw), start, end };
      case 'BOOL':
        return { type: 'Literal', kind: 'bool', raw, value: raw === 'true', start, end };
      default:
        return { type: 'Literal', kind: 'null', raw, value: null, start, end };
    }
  }

  private parsePrimary(): Expression {
    const token = this.token;
    switch (token.kind) {
      case 'IDENT':
        this.next();
        return { type: 'IdentifierExpr', name: this.intern(token.text), start: this.pos(token.start), end: this.pos(token.end) };
      case 'STRING':
      case 'NUMBER':
      case 'FLOAT':
      case 'BOOL':
      case 'NULL':
        this.next();
        return this.literal(token);
      case '(': {
        const open = this.pos(token.start);
        this.next();
        const expression = this.nested(() => this.parseExpression());
        const close = this.token;
        this.expect(')');
        return {
          type: 'Paren',
          expression,
          lparen: open,
          rparen: this.pos(close.start),
          start: open,
          end: this.pos(Math.max(this.previousEnd(), token.end)),
        };
      }
      case '[': {
        const open = this.pos(token.start);
        this.next();
        const list = this.peek() !== ']' ? this.nested(() => this.parseExpressionList(']')) : { items: [], trailingComma: false };
        const close = this.token;
        this.expect(']');
        const array: ArrayExpr = {
          type: 'Array',
          elements: list.items,
          lbracket: open,
          rbracket: this.pos(close.start),
          trailingComma: list.trailingComma,
          start: open,
          end: this.pos(Math.max(this.previousEnd(), token.end)),
        };
        return array;
      }
      case '{': {
        const open = this.pos(token.start);
        this.next();
        const list = this.nested(() => this.parseFieldList('}'));
        const close = this.token;
        this.expect('}');
        const object: ObjectExpr = {
          type: 'Object',
          fields: list.items,
          lbrace: open,
          rbrace: this.pos(close.start),
          trailingComma: list.trailingComma,
          start: open,
          end: this.pos(Math.max(this.previousEnd(), token.end)),
        };
        return object;
      }
      default: {
        this.addError('syntax/expected-expression', `expected expression, got ${this.describe(token)}`);
        const before = this.index;
        this.advanceAny(expressionEnd);
        // Nothing skipped: the expression is missing, so the node sits right after the previous token,
        // inside whatever encloses it (enclosing nodes end at the previous token's end).
        const start = this.index === before ? this.previousEnd() : token.start;
        return { type: 'Error', start: this.pos(start), end: this.pos(this.previousEnd()) };
      }
    }
  }

  private parseExpressionList(until: TokenKind): { items: Expression[]; trailingComma: boolean } {
    const items: Expression[] = [];
    let trailingComma = false;
    while (this.peek() !== until && this.peek() !== 'EOF') {
      items.push(this.parseExpression());
      trailingComma = false;
      if (this.peek() === until) break;
      if (this.peek() !== ',') this.missingComma('expression list', items[items.length - 1]!);
      else trailingComma = true;
      this.next();
    }
    return { items, trailingComma };
  }

  private parseFieldList(until: TokenKind): { items: ObjectField[]; trailingComma: boolean } {
    const items: ObjectField[] = [];
    let trailingComma = false;
    while (this.peek() !== until && this.peek() !== 'EOF') {
      items.push(this.parseField());
      trailingComma = false;
      if (this.peek() === until) break;
      if (this.peek() !== ',') this.missingComma('field list', items[items.length - 1]!);
      else trailingComma = true;
      this.next();
    }
    return { items, trailingComma };
  }

  /** `missing ',' in …`, with a fix inserting the comma right after the previous element. */
  private missingComma(list: string, previous: { end: Position }): void {
    const before = this.diagnostics.length;
    this.addError('syntax/missing-comma', `missing ',' in ${list}`);
    if (this.diagnostics.length === before) return;
    const diagnostic = this.diagnostics[this.diagnostics.length - 1]!;
    diagnostic.fix = {
      title: "Insert ','",
      edits: [{ range: { start: previous.end, end: previous.end }, newText: ',' }],
    };
  }

  private parseField(): ObjectField {
    const token = this.token;
    let key: ObjectKey;
    if (token.kind === 'STRING' || token.kind === 'IDENT') {
      const quoted = token.kind === 'STRING' && token.text.length > 2;
      key = {
        name: this.intern(quoted ? token.text.slice(1, -1) : token.text),
        quoted,
        raw: this.intern(token.text),
        start: this.pos(token.start),
        end: this.pos(token.end),
      };
      this.next();
    } else {
      this.addError('syntax/invalid-object-key', `expected field name (string or identifier), got ${this.describe(token)}`);
      this.advance('=');
      // The key is missing: an empty key right after the skipped tokens keeps them out of the field, whose
      // text then re-parses to the same field (the skipped tokens may include a TERMINATOR or identifiers).
      const at = this.pos(this.previousEnd());
      key = { name: '', quoted: false, raw: '', start: at, end: at };
    }
    this.expect('=');
    const value = this.parseExpression();
    return { type: 'ObjectField', key, value, start: key.start, end: value.end };
  }
}

/** Go's `%q` for the texts upstream quotes in its messages. */
function goQuote(text: string): string {
  let quoted = '"';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (character === '"' || character === '\\') quoted += `\\${character}`;
    else if (character === '\n') quoted += '\\n';
    else if (character === '\t') quoted += '\\t';
    else if (character === '\r') quoted += '\\r';
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    else quoted += character;
  }
  return `${quoted}"`;
}

export interface ParseDetails extends ParseResult {
  /** Every token (comments and TERMINATORs included), ending with EOF. */
  tokens: Token[];
  lines: LineIndex;
}

/** Parses and also returns the tokens (as objects, which `parse` does not build). */
export function parseWithTokens(text: string): ParseDetails {
  const { stream, ...rest } = parseToStream(text);
  return { ...rest, tokens: stream.toArray() };
}

export function parseToStream(text: string): ParseResult & { stream: TokenStream; lines: LineIndex } {
  const lines = new LineIndex(text);
  const scanned = scan(text, lines);
  const parser = new Parser(text, lines, scanned.tokens);
  const file = parser.parseFile();
  const diagnostics =
    parser.diagnostics.length === 0
      ? scanned.diagnostics
      : [...scanned.diagnostics, ...parser.diagnostics].sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { file, comments: parser.comments, diagnostics, stream: scanned.tokens, lines };
}
