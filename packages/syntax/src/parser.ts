/**
 * The parser: a chevrotain `EmbeddedActionsParser` whose rules build the
 * typed AST directly (no CST), over the tokens of `scanner.ts`.
 *
 * It follows upstream's LL(1) grammar and its recovery strategy exactly, so
 * that the same input yields the same errors (LANGUAGE.md §4): one parser
 * error per line, statement-level resync to the next terminator,
 * expression-level resync to the next `)`/`]`/`}`/`,`/newline. Chevrotain's
 * own recovery is disabled (its messages and resync points are not
 * upstream's): every place where upstream reports an error is a manual LA(1)
 * check in front of the chevrotain choice, so chevrotain never raises a
 * recognition exception. Unlike upstream the parser always returns the
 * partial tree.
 */
import { createToken, EmbeddedActionsParser, EOF, Lexer, type IOrAlt, type IToken, type TokenType } from 'chevrotain';
import type {
  ArrayExpr,
  Attribute,
  BinaryOperator,
  Block,
  BlockLabel,
  CallExpr,
  Comment,
  Diagnostic,
  Expression,
  File,
  Identifier,
  IndexExpr,
  LiteralExpr,
  Node,
  ObjectExpr,
  ObjectField,
  ObjectKey,
  ParseResult,
  Statement,
} from './ast.js';
import { goQuote, goQuoteLabelBytes, numberValue, unquoteString } from './literals.js';
import { LineIndex } from './positions.js';
import { childrenOf } from './walk.js';
import { codeOf, COMMENT_CODE, scan, tokenKinds, TokenStream, type Token, type TokenKind } from './scanner.js';

const EOF_CODE = codeOf('EOF');

/**
 * Nesting deeper than this (brackets, parentheses, braces, unary operators,
 * `^` operands, blocks: one level each) is reported instead of risking the
 * call stack.
 */
export const MAX_NESTING_DEPTH = 250;

/** Longest run of binary operators at one precedence level: deeper left-nested trees would strain recursive consumers. */
export const MAX_OPERATOR_CHAIN = 2 * MAX_NESTING_DEPTH;

/**
 * Deepest tree a statement may have, counting every node on the way down (blocks, attributes, operators,
 * field accesses, indexes, calls, brackets). The two limits above bound each level, not their sum: a
 * long chain of operators or `.field` accesses inside each of many nested parentheses would make a tree
 * deep enough to exhaust the stack of every recursive consumer. Such a statement is reported and dropped.
 */
export const MAX_TREE_HEIGHT = 4 * MAX_NESTING_DEPTH;

const identifierPattern = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
const asciiIdentifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isValidIdentifier(name: string): boolean {
  return (
    (asciiIdentifierPattern.test(name) || identifierPattern.test(name)) && name !== 'true' && name !== 'false' && name !== 'null'
  );
}

// ---------------------------------------------------------------------------
// The parser's vocabulary: one chevrotain token type per Alloy token kind.

/** Literal kinds share a category, so a rule can consume "a literal" in one step. */
const Literal = createToken({ name: 'Literal', pattern: Lexer.NA });
const literalKinds = new Set<TokenKind>(['STRING', 'NUMBER', 'FLOAT', 'BOOL', 'NULL']);
/** Likewise the binary operators (their precedence is the parser's business). */
const BinaryOperatorToken = createToken({ name: 'binary operator', pattern: Lexer.NA });
const binaryKinds = new Set<TokenKind>(['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%']);

function categoriesOf(kind: TokenKind): TokenType[] {
  if (literalKinds.has(kind)) return [Literal];
  if (binaryKinds.has(kind)) return [BinaryOperatorToken];
  return [];
}

/** Token type of each kind, indexed like `tokenKinds`; the scanner's EOF is chevrotain's. */
const typeOfCode: TokenType[] = tokenKinds.map((kind) =>
  kind === 'EOF' ? EOF : createToken({ name: kind, pattern: Lexer.NA, categories: categoriesOf(kind) }),
);
const vocabulary: TokenType[] = [Literal, BinaryOperatorToken, ...typeOfCode];
const type = (kind: TokenKind): TokenType => typeOfCode[tokenKinds.indexOf(kind)]!;

const IDENT = type('IDENT');
const STRING = type('STRING');
const TERMINATOR = type('TERMINATOR');
const Assign = type('=');
const Dot = type('.');
const Comma = type(',');
const Caret = type('^');
const Bang = type('!');
const Minus = type('-');
const LCurly = type('{');
const RCurly = type('}');
const LParen = type('(');
const RParen = type(')');
const LSquare = type('[');
const RSquare = type(']');

const typeIndexOfCode = Int32Array.from(typeOfCode, (tokenType) => tokenType.tokenTypeIdx!);
const typeOfTypeIndex: TokenType[] = [];
tokenKinds.forEach((_kind, code) => {
  typeOfTypeIndex[typeIndexOfCode[code]!] = typeOfCode[code]!;
});
const IDENT_CODE = codeOf('IDENT');
const STRING_CODE = codeOf('STRING');
const TERMINATOR_CODE = codeOf('TERMINATOR');
const ASSIGN_CODE = codeOf('=');
const DOT_CODE = codeOf('.');
const COMMA_CODE = codeOf(',');
const CARET_CODE = codeOf('^');
const BANG_CODE = codeOf('!');
const MINUS_CODE = codeOf('-');
const LCURLY_CODE = codeOf('{');
const RCURLY_CODE = codeOf('}');
const RPAREN_CODE = codeOf(')');
const RSQUARE_CODE = codeOf(']');
const NUMBER_CODE = codeOf('NUMBER');
const FLOAT_CODE = codeOf('FLOAT');
const BOOL_CODE = codeOf('BOOL');
/** A table over kind codes: 1 for the listed kinds. */
function codeSet(kinds: readonly TokenKind[]): Uint8Array {
  const table = new Uint8Array(tokenKinds.length);
  for (const kind of kinds) table[codeOf(kind)] = 1;
  return table;
}

/**
 * A token as chevrotain sees it: the kind code, chevrotain's type index and
 * the offsets; the rest is derived. The parser reads names and literals from
 * the text by offset, so `image` is the kind.
 *
 * The parser reuses a small ring of these objects instead of creating one per
 * token, so a token must be read right after it is current or consumed: the
 * rules copy the offsets they need before parsing anything further.
 */
class ParserToken implements IToken {
  code = EOF_CODE;
  tokenTypeIdx = 0;
  startOffset = 0;
  endOffset = 0;

  get tokenType(): TokenType {
    return typeOfTypeIndex[this.tokenTypeIdx]!;
  }

  get kind(): TokenKind {
    return tokenKinds[this.code]!;
  }

  get image(): string {
    return this.kind;
  }
}

/** What `take` answers while chevrotain records the grammar: offsets 0, small integers. */
const recordingToken = new ParserToken();

/** Ring size: enough for a token read, one more read, and its use. */
const TOKEN_RING_SIZE = 8;

/** Binary operator precedence by kind code; 0 for every other kind. */
const precedenceOfCode = new Uint8Array(tokenKinds.length);
for (const [kind, precedence] of [
  ['||', 1],
  ['&&', 2],
  ['==', 3],
  ['!=', 3],
  ['<', 3],
  ['<=', 3],
  ['>', 3],
  ['>=', 3],
  ['+', 4],
  ['-', 4],
  ['*', 5],
  ['/', 5],
  ['%', 5],
] as const) {
  precedenceOfCode[codeOf(kind)] = precedence;
}

const isExpressionEnd = codeSet(['TERMINATOR', ')', '}', ']', ',']);
const isPrimaryStart = codeSet(['IDENT', 'STRING', 'NUMBER', 'FLOAT', 'BOOL', 'NULL', '(', '[', '{']);
const isPostfixStart = codeSet(['.', '[', '(', 'STRING', '{']);

/**
 * A statement's name before `=` or `{` decides what it is. The fragments
 * after the first are kept apart (null for a one-fragment name) so that an
 * attribute, the common case, allocates no array. The parser fills one
 * BlockName for every statement: read it before parsing a block's body.
 */
interface BlockName {
  /** The first fragment, kept as its text and offsets: an attribute needs no Identifier for it. */
  firstName: string;
  firstStart: number;
  firstEnd: number;
  rest: Identifier[] | null;
  label: BlockLabel | null;
}

interface ListOf<T> {
  items: T[];
  trailingComma: boolean;
}

/** The list inside an empty `()` or `[]`. Shared, so its items are never handed out: callers make a fresh array. */
const emptyList: ListOf<Expression> = { items: [], trailingComma: false };

class NestingTooDeep extends Error {}

/** Where a node's first line ends (or the node, if sooner). */
function endOfFirstLine(text: string, node: Node): number {
  const lineEnd = text.indexOf('\n', node.start);
  return lineEnd === -1 ? node.end : Math.min(node.end, lineEnd);
}

/**
 * Whether a statement's tree is more than `limit` nodes deep (a leaf is 1), without recursion.
 * Each step down a path leaves at least one character out (an operator, a bracket, a name), but for
 * a zero-width Error leaf, so a node is at most its length plus one deep: subtrees too short to
 * reach the limit are not visited, and ordinary long statements (big arrays, big blocks) cost little.
 */
function isTreeDeeperThan(root: Statement, limit: number): boolean {
  const nodes: Node[] = [root];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    if (depth + (node.end - node.start) + 1 <= limit) continue;
    for (const child of childrenOf(node)) {
      nodes.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
}

/** The items of `pending` from `base` on, as an array of their own; `pending` is cut back to `base`. */
function takeFrom<T>(pending: T[], base: number): T[] {
  if (pending.length === base) return [];
  const items = pending.slice(base);
  pending.length = base;
  return items;
}

/**
 * Interns ranges of one text: an open-addressing table keyed by an FNV-1a
 * hash of the characters, so that looking up a name seen before allocates
 * nothing (a `Map` would need the slice first).
 */
class RangeInterner {
  private keys: (string | undefined)[];
  /**
   * Each key's hash, so that growing needs no hashing again; kept only from LARGE_INTERNER_TABLE
   * slots on (a small file's table is cheaper to hash again than a typed array is to allocate).
   */
  private hashes: Int32Array | null = null;
  private count = 0;

  constructor(private readonly text: string) {
    // Distinct names and literal texts: a few per hundred characters; the table grows when half full.
    let size = 64;
    while (size < 1024 && size * 16 < text.length) size *= 2;
    this.keys = new Array<string | undefined>(size).fill(undefined);
  }

  get(start: number, end: number): string {
    const text = this.text;
    const hash = hashOf(text, start, end);
    const keys = this.keys;
    const mask = keys.length - 1;
    const length = end - start;
    let slot = hash & mask;
    for (;;) {
      const key = keys[slot];
      if (key === undefined) break;
      if (key.length === length && text.startsWith(key, start)) return key;
      slot = (slot + 1) & mask;
    }
    const value = text.slice(start, end);
    keys[slot] = value;
    if (this.hashes !== null) this.hashes[slot] = hash;
    if (++this.count * 2 > keys.length) this.grow();
    return value;
  }

  private grow(): void {
    const { keys, hashes } = this;
    const size = keys.length * 2;
    const mask = size - 1;
    const grownKeys = new Array<string | undefined>(size).fill(undefined);
    const grownHashes = size >= LARGE_INTERNER_TABLE ? new Int32Array(size) : null;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      if (key === undefined) continue;
      const hash = hashes !== null ? hashes[index]! : hashOf(key, 0, key.length);
      let slot = hash & mask;
      while (grownKeys[slot] !== undefined) slot = (slot + 1) & mask;
      grownKeys[slot] = key;
      if (grownHashes !== null) grownHashes[slot] = hash;
    }
    this.keys = grownKeys;
    this.hashes = grownHashes;
  }
}

const LARGE_INTERNER_TABLE = 2048;

/** FNV-1a over the UTF-16 code units of `text` from `start` to `end`. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let index = start; index < end; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  return hash;
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

const emptyLines = new LineIndex('');
/** What the parser holds between parses: never pushed to. */
const emptyStream = new TokenStream('');
/**
 * Placeholders read while chevrotain records the grammar (performSelfAnalysis runs every rule once
 * without input; its recording token's offsets are -1). Offsets stay small integers even then: one
 * NaN or undefined stored in a node would make V8 box that field in every node of its kind.
 */
const recordingExpression: Expression = { type: 'Error', start: 0, end: 0 };

class AlloyParser extends EmbeddedActionsParser {
  // --- input -------------------------------------------------------------
  private text = '';
  private lines: LineIndex = emptyLines;
  private stream: TokenStream = emptyStream;
  /** Stream index of the current token, LA(1) (comments are skipped). */
  private index = 0;
  private readonly tokenRing: ParserToken[] = Array.from({ length: TOKEN_RING_SIZE }, () => new ParserToken());
  private ringIndex = 0;
  private current: ParserToken = this.tokenRing[0]!;
  private previousTokenEnd = 0;

  // --- state of one parse --------------------------------------------------
  private lastErrorLine = -1;
  private depth = 0;
  private nestingReported = false;
  private diagnostics: Diagnostic[] = [];
  /** For each diagnostic, the stream index of the token the parser was at when it reported it. */
  private diagnosticTokens: number[] = [];
  private names = new Map<string, string>();
  private interned = new RangeInterner('');
  /** Value of each string literal text seen (literal texts repeat as much as names do). */
  private stringValues = new Map<string, string | null>();
  /**
   * The items of the lists being parsed, innermost last: a finished list is sliced off into an
   * array of exactly its length (arrays grown by push keep room for 16 more items).
   */
  private pendingStatements: Statement[] = [];
  private pendingExpressions: Expression[] = [];
  private pendingFields: ObjectField[] = [];
  /** The name of the statement being parsed, for the alternatives of `statement` (refilled by every `blockName`). */
  private readonly pendingName: BlockName = { firstName: '', firstStart: 0, firstEnd: 0, rest: null, label: null };
  /** The operand of the postfix operator being parsed, for `postfixAlternatives`. */
  private postfixSubject: Expression = recordingExpression;

  constructor(validate: boolean) {
    super(vocabulary, { recoveryEnabled: false, maxLookahead: 1, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  // --- token source: chevrotain's lexer adapter over the TokenStream -------

  private read(index: number): ParserToken {
    const stream = this.stream;
    const token = this.tokenRing[(this.ringIndex = (this.ringIndex + 1) & (TOKEN_RING_SIZE - 1))]!;
    const code = stream.kinds[index]!;
    token.code = code;
    token.tokenTypeIdx = typeIndexOfCode[code]!;
    token.startOffset = stream.starts[index]!;
    token.endOffset = stream.ends[index]!;
    return token;
  }

  load(text: string, lines: LineIndex, stream: TokenStream): void {
    this.input = [];
    this.text = text;
    this.lines = lines;
    this.stream = stream;
    this.index = 0;
    while (this.index < stream.length - 1 && stream.kinds[this.index] === COMMENT_CODE) this.index++;
    this.current = this.read(this.index);
    this.previousTokenEnd = 0;
    this.lastErrorLine = -1;
    this.depth = 0;
    this.nestingReported = false;
    this.diagnostics = [];
    this.diagnosticTokens = [];
    this.names = new Map();
    this.stringValues = new Map();
    this.interned = new RangeInterner(text);
    this.pendingName.firstName = '';
    this.pendingName.firstStart = 0;
    this.pendingName.firstEnd = 0;
    this.pendingName.rest = null;
    this.pendingName.label = null;
    this.postfixSubject = recordingExpression;
    this.clearPending();
  }

  private clearPending(): void {
    this.pendingStatements.length = 0;
    this.pendingExpressions.length = 0;
    this.pendingFields.length = 0;
  }

  /** Releases the input so that a finished parse does not keep the text alive. */
  unload(): { diagnostics: Diagnostic[]; diagnosticTokens: number[] } {
    const { diagnostics, diagnosticTokens } = this;
    this.load('', emptyLines, emptyStream);
    return { diagnostics, diagnosticTokens };
  }

  override LA(howMuch: number): IToken {
    if (howMuch === 1) return this.current;
    let index = this.index;
    const stream = this.stream;
    for (let step = 1; step < howMuch && index < stream.length - 1; step++) {
      do index++;
      while (index < stream.length - 1 && stream.kinds[index] === COMMENT_CODE);
    }
    return this.read(index);
  }

  override LA_FAST(howMuch: number): IToken {
    return howMuch === 1 ? this.current : this.LA(howMuch);
  }

  /** Chevrotain's step to the next token (CONSUME calls it); at EOF it stays, as upstream's `next`. */
  consumeToken(): void {
    const stream = this.stream;
    if (this.index >= stream.length - 1) return;
    this.previousTokenEnd = this.current.endOffset;
    do this.index++;
    while (this.index < stream.length - 1 && stream.kinds[this.index] === COMMENT_CODE);
    this.current = this.read(this.index);
  }

  exportLexerState(): number {
    return this.index;
  }

  getLexerPosition(): number {
    return this.index;
  }

  onBeforeParse(): void {}

  onAfterParse(): void {}

  // --- helpers ---------------------------------------------------------------

  /** Skips the current token whatever it is (upstream's `next`). */
  private skip(): void {
    this.consumeToken();
  }

  /** Upstream's `addErrorf` at `token`, which is at stream index `tokenIndex` (by default the current token). */
  private addError(code: string, message: string, token: ParserToken = this.current, tokenIndex = this.index): void {
    const line = this.lines.lineOf(token.startOffset);
    if (line === this.lastErrorLine) return;
    this.lastErrorLine = line;
    this.addDirect(code, message, token.startOffset, Math.max(token.endOffset, token.startOffset), tokenIndex);
  }

  private addDirect(code: string, message: string, start: number, end: number, tokenIndex = this.index): Diagnostic {
    const diagnostic: Diagnostic = {
      code,
      severity: 'error',
      message,
      range: this.lines.range(start, Math.min(end, this.text.length)),
    };
    this.diagnostics.push(diagnostic);
    this.diagnosticTokens.push(tokenIndex);
    return diagnostic;
  }

  /**
   * Upstream's `expect`: the current token is consumed whatever it is, and
   * reported when it is not of `tokenType`. `occurrence` tells chevrotain
   * apart the CONSUMEs of one token type within one rule.
   */
  private expect(occurrence: number, tokenType: TokenType): ParserToken {
    const token = this.current;
    if (this.RECORDING_PHASE || token.tokenTypeIdx === tokenType.tokenTypeIdx) return this.take(occurrence, tokenType);
    this.addError('syntax/unexpected-token', `expected ${tokenType.name}, got ${token.kind}`);
    this.skip();
    return token;
  }

  /**
   * CONSUME, answering our own placeholder token while chevrotain records the grammar. Its own
   * recording token holds its -1 offsets as heap numbers (its shape is shared with EOF's NaN), and
   * one heap number stored in a node would make V8 box that offset field in every node built at the
   * same place: about 16 more bytes per offset of the tree.
   */
  private take(occurrence: number, tokenType: TokenType): ParserToken {
    const token = this.consume(occurrence, tokenType) as ParserToken;
    return this.RECORDING_PHASE ? recordingToken : token;
  }

  /** The `expression` rule; while recording, a placeholder instead of chevrotain's (which has no offsets at all). */
  private expressionAt(occurrence: number): Expression {
    const value = this.subrule(occurrence, this.expression);
    return this.RECORDING_PHASE ? recordingExpression : value;
  }

  private advance(to: TokenKind): void {
    while (this.current.kind !== 'EOF' && this.current.kind !== to) this.skip();
  }

  private consumeStatement(): void {
    let curly = 0;
    let bracket = 0;
    let paren = 0;
    for (;;) {
      const kind = this.current.kind;
      if (kind === 'EOF') return;
      switch (kind) {
        case '{': curly++; break;
        case '}': curly--; break;
        case '[': bracket++; break;
        case ']': bracket--; break;
        case '(': paren++; break;
        case ')': paren--; break;
        default: break;
      }
      if (kind === 'TERMINATOR' && curly <= 0 && bracket <= 0 && paren <= 0) return;
      this.skip();
    }
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING_DEPTH) throw new NestingTooDeep();
  }

  private leave(): void {
    this.depth--;
  }

  private reportNesting(): void {
    if (this.nestingReported) return;
    this.nestingReported = true;
    const token = this.current;
    this.addDirect(
      'syntax/nesting-too-deep',
      `expressions and blocks may be nested at most ${MAX_NESTING_DEPTH} levels deep`,
      token.startOffset,
      token.endOffset,
    );
  }

  /** Skips a statement whose nesting is too deep: to its terminating newline at bracket depth zero. */
  private skipDeepStatement(): void {
    let depth = 0;
    for (;;) {
      const kind = this.current.kind;
      if (kind === 'EOF') return;
      if (kind === '{' || kind === '[' || kind === '(') depth++;
      else if (kind === '}' || kind === ']' || kind === ')') depth--;
      else if (kind === 'TERMINATOR' && depth <= 0) return;
      this.skip();
    }
  }

  /** The text of `start..end`, interned: a name seen before costs a hash of its characters, no new string. */
  private internRange(start: number, end: number): string {
    return this.interned.get(start, end);
  }

  /** One string per distinct value (of a string literal): configurations repeat the same few many times. */
  private intern(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    this.names.set(name, name);
    return name;
  }

  private identifier(token: ParserToken): Identifier {
    return { type: 'Identifier', name: this.internRange(token.startOffset, token.endOffset), start: token.startOffset, end: token.endOffset };
  }

  /** After a statement: its terminator, or upstream's error and a resync to the next one. */
  private endStatement(): void {
    if (this.current.code === TERMINATOR_CODE) {
      this.CONSUME(TERMINATOR);
      return;
    }
    this.addError('syntax/unexpected-token', `expected TERMINATOR, got ${this.current.kind}`);
    this.consumeStatement();
    this.skip();
  }

  // --- rules -------------------------------------------------------------------
  //
  // Four chevrotain rules carry the grammar: file, blockBody, statement and expression. A statement's
  // name, operands, operators, postfix chains, lists and object fields are helpers, loops and
  // recursion inside `statement` and `expression`, not rules of their own: every rule invocation
  // costs four stack frames and chevrotain's bookkeeping, and MAX_NESTING_DEPTH levels of the
  // deepest construct must fit in the stack of a cold start. A helper's CONSUMEs, SUBRULEs and ORs
  // are recorded in the rule that calls it, so their occurrence numbers are unique per rule.

  /** file = { statement TERMINATOR } EOF. A statement nested too deeply is dropped and parsing resumes after it. */
  readonly file = this.RULE('file', (): File => {
    const body: Statement[] = [];
    while (this.RECORDING_PHASE || this.current.code !== EOF_CODE) {
      const startIndex = this.index;
      const startPreviousEnd = this.previousTokenEnd;
      try {
        const statement = this.SUBRULE(this.statement);
        // A tree is never deeper than its statement has tokens: only long statements need measuring.
        if (statement && !this.RECORDING_PHASE && this.index - startIndex > MAX_TREE_HEIGHT && isTreeDeeperThan(statement, MAX_TREE_HEIGHT)) {
          this.addDirect(
            'syntax/nesting-too-deep',
            `this statement's tree is more than ${MAX_TREE_HEIGHT} levels deep (each operator, field access, index, call and bracket is a level)`,
            statement.start,
            endOfFirstLine(this.text, statement),
            startIndex,
          );
        } else if (statement) body.push(statement);
      } catch (error) {
        // A stack overflow is a last resort: the nesting limit is meant to come first.
        if (!(error instanceof NestingTooDeep) && !isStackOverflow(error)) throw error;
        this.depth = 0;
        this.clearPending();
        this.reportNesting();
        this.index = startIndex;
        this.current = this.read(startIndex);
        this.previousTokenEnd = startPreviousEnd;
        this.skipDeepStatement();
      }
      if (this.RECORDING_PHASE) break;
      if (this.current.code === EOF_CODE) break;
      this.endStatement();
    }
    return { type: 'File', body, start: 0, end: this.text.length };
  });

  /** blockBody = { statement TERMINATOR }, up to (not including) the `}`. */
  private readonly blockBody = this.RULE('blockBody', (): Statement[] => {
    const pending = this.pendingStatements;
    const base = pending.length;
    while (this.RECORDING_PHASE || (this.current.code !== RCURLY_CODE && this.current.code !== EOF_CODE)) {
      const statement = this.SUBRULE(this.statement);
      if (statement) pending.push(statement);
      if (this.RECORDING_PHASE) break;
      if (this.current.code === RCURLY_CODE) break;
      this.endStatement();
    }
    return takeFrom(pending, base);
  });

  /** statement = blockName ( "=" expression | "{" blockBody "}" ). */
  private readonly statement = this.RULE('statement', (): Statement | null => {
    const name = this.blockName();
    if (!this.RECORDING_PHASE) {
      if (name === null) {
        this.advance('IDENT');
        return null;
      }
      const code = this.current.code;
      if (code !== ASSIGN_CODE && code !== LCURLY_CODE) {
        const kind = this.current.kind;
        const validAttribute = name.rest === null && (name.label === null || name.label.value === '');
        this.addError(
          'syntax/unexpected-token',
          validAttribute ? `expected attribute assignment or block body, got ${kind}` : `expected block body, got ${kind}`,
        );
        this.advance('IDENT');
        return null;
      }
    }
    return this.OR(this.statementAlternatives);
  });

  private readonly statementAlternatives: IOrAlt<Statement>[] = [{ ALT: () => this.attributeRest() }, { ALT: () => this.blockRest() }];

  private attributeRest(): Attribute {
    const name = this.pendingName;
    this.CONSUME(Assign);
    // Read before the value: a block inside it (reported) refills pendingName.
    const firstName = name.firstName;
    const start = name.firstStart;
    if (this.RECORDING_PHASE) {
      // nothing to check
    } else if (name.rest !== null) {
      const last = name.rest[name.rest.length - 1]!;
      this.addDirect(
        'syntax/invalid-attribute-name',
        'attribute names may only consist of a single identifier with no "."',
        start,
        last.end,
      );
    } else if (name.label) {
      this.addDirect('syntax/invalid-attribute-name', 'attribute names may not have labels', name.label.start, name.label.end);
    }
    const value = this.expressionAt(0);
    return { type: 'Attribute', name: firstName, value, start, end: value.end };
  }

  private blockRest(): Block {
    const { firstName, firstStart, firstEnd, rest, label } = this.pendingName;
    const first: Identifier = { type: 'Identifier', name: firstName, start: firstStart, end: firstEnd };
    this.enter();
    try {
      const lbraceOffset = this.take(0, LCurly).startOffset;
      const body = this.SUBRULE(this.blockBody);
      const closed = this.current.code === RCURLY_CODE;
      const closingStart = this.current.startOffset;
      const closingEnd = this.current.endOffset;
      this.expect(1, RCurly);
      return {
        type: 'Block',
        // concat, not a spread: a spread array keeps room for 16 more fragments.
        name: rest === null ? [first] : [first].concat(rest),
        fullName: rest === null ? first.name : this.fullName(first, rest),
        label,
        body,
        lbrace: lbraceOffset,
        rbrace: closed ? closingStart : null,
        start: first.start,
        // An unclosed block runs to EOF: it covers everything typed after it.
        end: closed ? closingEnd : this.text.length,
      };
    } finally {
      this.leave();
    }
  }

  /** The fragments joined with `.`: the text itself, interned, when nothing stands between them. */
  private fullName(first: Identifier, rest: Identifier[]): string {
    let length = first.name.length;
    for (const fragment of rest) length += 1 + fragment.name.length;
    const start = first.start;
    const end = rest[rest.length - 1]!.end;
    if (end - start === length && !this.RECORDING_PHASE) return this.internRange(start, end);
    return [first].concat(rest).map((fragment) => fragment.name).join('.');
  }

  /**
   * blockName = IDENT { "." IDENT } [ STRING ]; null (after reporting) when it does not start with an identifier.
   * A helper of `statement` rather than a rule: one rule invocation less per statement.
   */
  private blockName(): BlockName | null {
    if (!this.RECORDING_PHASE && this.current.code !== IDENT_CODE) {
      this.addError('syntax/unexpected-token', `expected identifier, got ${this.current.kind}`);
      return null;
    }
    const firstToken = this.take(0, IDENT);
    const firstStart = firstToken.startOffset;
    const firstEnd = firstToken.endOffset;
    let rest: Identifier[] | null = null;
    while (this.RECORDING_PHASE || this.current.code === DOT_CODE) {
      this.CONSUME(Dot);
      const token = this.current;
      if (this.RECORDING_PHASE || token.code === IDENT_CODE) this.CONSUME2(IDENT);
      else {
        this.addError('syntax/unexpected-token', `expected identifier, got ${token.kind}`);
        this.skip();
      }
      (rest ??= []).push(this.identifier(token));
      if (this.RECORDING_PHASE) break;
    }
    let label: BlockLabel | null = null;
    const labelCode = this.current.code;
    if (this.RECORDING_PHASE || (labelCode !== ASSIGN_CODE && labelCode !== LCURLY_CODE)) {
      const token = this.current;
      const tokenIndex = this.index;
      if (this.RECORDING_PHASE || labelCode === STRING_CODE) {
        this.CONSUME(STRING);
        const text = this.internRange(token.startOffset, token.endOffset);
        if (!text.startsWith('"')) {
          this.addError('syntax/invalid-label', `expected block label to be a double quoted string, but got ${goQuote(text)}`, token, tokenIndex);
        }
        const value = text.length > 2 ? this.internRange(token.startOffset + 1, token.endOffset - 1) : '';
        // An unterminated label that ends with a non-ASCII character keeps part of it upstream: never an identifier.
        const partial = goQuoteLabelBytes(text);
        if (partial !== null || (text.length > 2 && !isValidIdentifier(value))) {
          this.addError('syntax/invalid-label', `expected block label to be a valid identifier, but got ${partial ?? goQuote(value)}`, token, tokenIndex);
        }
        label = { value, raw: text, start: token.startOffset, end: token.endOffset };
      } else {
        this.addError('syntax/unexpected-token', `expected block label, got ${this.current.kind}`);
        this.skip();
      }
    }
    const name = this.pendingName;
    name.firstName = this.internRange(firstStart, firstEnd);
    name.firstStart = firstStart;
    name.firstEnd = firstEnd;
    name.rest = rest;
    name.label = label;
    return name;
  }

  /**
   * expression = operand { binaryOperator operand }, by precedence climbing
   * (1: `||` … 5: `*`, left-associative);
   * operand = unary [ "^" operand ] (right-associative);
   * unary = ( "!" | "-" ) unary | primary { postfix }.
   */
  private readonly expression = this.RULE('expression', this.binary);

  /** The `expression` rule itself (called without argument) and its right operands (with the precedence they need). */
  private binary(minimum = 1): Expression {
    let left = this.power();
    let chain = 0;
    for (;;) {
      const precedence = precedenceOfCode[this.current.code]!;
      if (!this.RECORDING_PHASE) {
        if (precedence < minimum || precedence === 0) return left;
        if (++chain > MAX_OPERATOR_CHAIN) throw new NestingTooDeep();
      }
      const operator = this.current.kind as BinaryOperator;
      const operatorOffset = this.current.startOffset;
      this.CONSUME(BinaryOperatorToken);
      // While recording, the right operand is the same grammar again: recording it once is enough.
      if (this.RECORDING_PHASE) return left;
      const right = this.binary(precedence + 1);
      left = {
        type: 'Binary',
        operator,
        left,
        right,
        operatorStart: operatorOffset,
        start: left.start,
        end: right.end,
      };
    }
  }

  /** operand = { "!" | "-" } primary { postfix } [ "^" operand ]; unary operators bind tighter than `^`. */
  private power(): Expression {
    /** Offset and kind of each unary operator, in order. */
    let operators: { offset: number; operator: '!' | '-' }[] | null = null;
    if (this.RECORDING_PHASE) this.OR(this.unaryOperatorAlternatives);
    else {
      while (this.current.code === BANG_CODE || this.current.code === MINUS_CODE) {
        (operators ??= []).push({ offset: this.current.startOffset, operator: this.current.kind as '!' | '-' });
        this.OR(this.unaryOperatorAlternatives);
        this.enter();
      }
    }
    let operand: Expression;
    try {
      operand = this.primary();
      if (this.RECORDING_PHASE) operand = recordingExpression;
      while (this.RECORDING_PHASE || isPostfixStart[this.current.code] === 1) {
        this.postfixSubject = operand;
        const next = this.OR2(this.postfixAlternatives);
        if (next === null || this.RECORDING_PHASE) break;
        operand = next;
      }
      if (operators !== null) {
        for (let index = operators.length - 1; index >= 0; index--) {
          const { offset, operator } = operators[index]!;
          operand = { type: 'Unary', operator, operand, start: offset, end: operand.end };
        }
      }
    } finally {
      if (operators !== null) this.depth -= operators.length;
    }
    if (!this.RECORDING_PHASE && this.current.code !== CARET_CODE) return operand;
    const operatorOffset = this.take(0, Caret).startOffset;
    if (this.RECORDING_PHASE) return operand;
    // Only the right-recursion counts: every bracket level already counts once.
    this.enter();
    try {
      const right = this.power();
      return { type: 'Binary', operator: '^', left: operand, right, operatorStart: operatorOffset, start: operand.start, end: right.end };
    } finally {
      this.leave();
    }
  }

  private readonly unaryOperatorAlternatives: IOrAlt<IToken>[] = [{ ALT: () => this.CONSUME(Bang) }, { ALT: () => this.CONSUME(Minus) }];

  /** postfix = "." IDENT | "[" expression "]" | "(" [ expressionList ] ")" | [ STRING ] "{" blockBody "}" (reported). Null ends the chain. */
  private readonly postfixAlternatives: IOrAlt<Expression | null>[] = [
    {
      ALT: () => {
        const object = this.postfixSubject;
        this.CONSUME(Dot);
        const token = this.expect(1, IDENT);
        const end = token.endOffset;
        return { type: 'Access', object, property: this.internRange(token.startOffset, end), start: object.start, end };
      },
    },
    {
      ALT: () => {
        const object = this.postfixSubject;
        const open = this.take(0, LSquare);
        const openStart = open.startOffset;
        const openEnd = open.endOffset!;
        const index = this.nestedExpression(0);
        const closeStart = this.current.startOffset;
        this.expect(1, RSquare);
        const node: IndexExpr = {
          type: 'Index',
          object,
          index,
          lbracket: openStart,
          rbracket: closeStart,
          start: object.start,
          end: Math.max(this.previousTokenEnd, openEnd),
        };
        return node;
      },
    },
    {
      ALT: () => {
        const callee = this.postfixSubject;
        const open = this.take(0, LParen);
        const openStart = open.startOffset;
        const openEnd = open.endOffset!;
        const list = this.RECORDING_PHASE || this.current.code !== RPAREN_CODE ? this.expressionList(RPAREN_CODE, 2) : emptyList;
        const closeStart = this.current.startOffset;
        this.expect(1, RParen);
        const node: CallExpr = {
          type: 'Call',
          callee,
          args: list === emptyList ? [] : list.items,
          lparen: openStart,
          rparen: closeStart,
          trailingComma: list.trailingComma,
          start: callee.start,
          end: Math.max(this.previousTokenEnd, openEnd),
        };
        return node;
      },
    },
    // A block used as a value (`x = foo { … }` or `x = foo "label" { … }`): parsed, then reported.
    { ALT: () => this.blockAsExpression(true, 2) },
    { ALT: () => this.blockAsExpression(false, 3) },
  ];

  private blockAsExpression(labelled: boolean, occurrence: number): Expression | null {
    const subject = this.postfixSubject;
    if (labelled) this.CONSUME(STRING);
    const opened = this.current.code === LCURLY_CODE;
    this.expect(occurrence, LCurly);
    if (!this.RECORDING_PHASE && !opened) {
      this.consumeStatement();
      return null;
    }
    // Two levels, the expression and the block: this is the longest recursion path per level.
    this.enter();
    this.enter();
    try {
      this.subrule(occurrence, this.blockBody);
    } finally {
      this.leave();
      this.leave();
    }
    const closed = this.current.code === RCURLY_CODE;
    const closeEnd = this.current.endOffset;
    this.expect(occurrence, RCurly);
    if (this.RECORDING_PHASE) return subject;
    if (!closed) {
      this.consumeStatement();
      return null;
    }
    this.addDirect('syntax/block-as-expression', 'cannot use a block as an expression', subject.start, closeEnd);
    return subject;
  }

  /** The expression inside `[…]` or `(…)`: one nesting level. */
  private nestedExpression(occurrence: number): Expression {
    this.enter();
    try {
      return this.expressionAt(occurrence);
    } finally {
      this.leave();
    }
  }

  /** expressionList = expression { "," expression } [ "," ], up to `until`; one nesting level. */
  private expressionList(until: number, occurrence: number): ListOf<Expression> {
    this.enter();
    try {
      const pending = this.pendingExpressions;
      const base = pending.length;
      let trailingComma = false;
      while (this.RECORDING_PHASE || (this.current.code !== until && this.current.code !== EOF_CODE)) {
        pending.push(this.expressionAt(occurrence));
        trailingComma = false;
        if (!this.RECORDING_PHASE && this.current.code === until) break;
        if (this.RECORDING_PHASE || this.current.code === COMMA_CODE) {
          this.consume(occurrence, Comma);
          trailingComma = true;
        } else {
          this.missingComma('expression list', pending[pending.length - 1]!);
          this.skip();
        }
        if (this.RECORDING_PHASE) break;
      }
      return { items: takeFrom(pending, base), trailingComma };
    } finally {
      this.leave();
    }
  }

  private literal(token: ParserToken): LiteralExpr {
    const start = token.startOffset;
    const end = token.endOffset;
    const raw = this.internRange(token.startOffset, token.endOffset);
    switch (token.code) {
      case STRING_CODE: {
        let value = this.stringValues.get(raw);
        if (value === undefined) {
          const unquoted = unquoteString(raw);
          value = unquoted === null ? null : this.intern(unquoted);
          this.stringValues.set(raw, value);
        }
        return { type: 'Literal', kind: 'string', raw, value, start, end };
      }
      case NUMBER_CODE:
        return { type: 'Literal', kind: 'number', raw, value: numberValue(raw), start, end };
      case FLOAT_CODE:
        return { type: 'Literal', kind: 'float', raw, value: Number(raw), start, end };
      case BOOL_CODE:
        return { type: 'Literal', kind: 'bool', raw, value: raw === 'true', start, end };
      default:
        return { type: 'Literal', kind: 'null', raw, value: null, start, end };
    }
  }

  /** primary = IDENT | literal | "(" expression ")" | "[" [ expressionList ] "]" | "{" [ fieldList ] "}". */
  private primary(): Expression {
    if (!this.RECORDING_PHASE && isPrimaryStart[this.current.code] !== 1) return this.missingExpression();
    return this.OR3(this.primaryAlternatives);
  }

  private readonly primaryAlternatives: IOrAlt<Expression>[] = [
    {
      ALT: () => {
        const token = this.take(0, IDENT);
        return {
          type: 'IdentifierExpr',
          name: this.internRange(token.startOffset, token.endOffset),
          start: token.startOffset,
          end: token.endOffset,
        };
      },
    },
    { ALT: () => this.literal(this.take(0, Literal)) },
    {
      ALT: () => {
        const token = this.take(3, LParen);
        const open = token.startOffset;
        const openEnd = token.endOffset!;
        const expression = this.nestedExpression(5);
        const closeStart = this.current.startOffset;
        this.expect(3, RParen);
        return {
          type: 'Paren',
          expression,
          lparen: open,
          rparen: closeStart,
          start: open,
          end: Math.max(this.previousTokenEnd, openEnd),
        };
      },
    },
    {
      ALT: () => {
        const token = this.take(3, LSquare);
        const open = token.startOffset;
        const openEnd = token.endOffset!;
        const list = this.RECORDING_PHASE || this.current.code !== RSQUARE_CODE ? this.expressionList(RSQUARE_CODE, 3) : emptyList;
        const closeStart = this.current.startOffset;
        this.expect(3, RSquare);
        const array: ArrayExpr = {
          type: 'Array',
          elements: list === emptyList ? [] : list.items,
          lbracket: open,
          rbracket: closeStart,
          trailingComma: list.trailingComma,
          start: open,
          end: Math.max(this.previousTokenEnd, openEnd),
        };
        return array;
      },
    },
    {
      ALT: () => {
        // fieldList = field { "," field } [ "," ], up to `}`; one nesting level.
        const token = this.take(0, LCurly);
        const open = token.startOffset;
        const openEnd = token.endOffset!;
        const pending = this.pendingFields;
        const base = pending.length;
        let trailingComma = false;
        // Upstream skips the field list when the object starts with `]` (it compares with the wrong
        // bracket), so `{ ]` reports the missing `}`, not a field name.
        const skipsFields = !this.RECORDING_PHASE && this.current.code === RSQUARE_CODE;
        this.enter();
        try {
          while (this.RECORDING_PHASE || (!skipsFields && this.current.code !== RCURLY_CODE && this.current.code !== EOF_CODE)) {
            pending.push(this.field());
            trailingComma = false;
            if (!this.RECORDING_PHASE && this.current.code === RCURLY_CODE) break;
            if (this.RECORDING_PHASE || this.current.code === COMMA_CODE) {
              this.CONSUME(Comma);
              trailingComma = true;
            } else {
              this.missingComma('field list', pending[pending.length - 1]!);
              this.skip();
            }
            if (this.RECORDING_PHASE) break;
          }
        } finally {
          this.leave();
        }
        const fields = takeFrom(pending, base);
        const closeStart = this.current.startOffset;
        this.expect(1, RCurly);
        const object: ObjectExpr = {
          type: 'Object',
          fields,
          lbrace: open,
          rbrace: closeStart,
          trailingComma,
          start: open,
          end: Math.max(this.previousTokenEnd, openEnd),
        };
        return object;
      },
    },
  ];

  /** Upstream's "expected expression": an Error node, and a skip to the end of the expression. */
  private missingExpression(): Expression {
    const tokenStart = this.current.startOffset;
    this.addError('syntax/expected-expression', `expected expression, got ${this.current.kind}`);
    const before = this.index;
    while (this.current.code !== EOF_CODE && isExpressionEnd[this.current.code] !== 1) this.skip();
    // Nothing skipped: the expression is missing, so the node sits right after the previous token,
    // inside whatever encloses it (enclosing nodes end at the previous token's end).
    const start = this.index === before ? this.previousTokenEnd : tokenStart;
    return { type: 'Error', start: start, end: this.previousTokenEnd };
  }

  /** `missing ',' in …`, with a fix inserting the comma right after the previous element. */
  private missingComma(list: string, previous: { end: number }): void {
    const before = this.diagnostics.length;
    this.addError('syntax/missing-comma', `missing ',' in ${list}`);
    if (this.diagnostics.length === before) return;
    const diagnostic = this.diagnostics[this.diagnostics.length - 1]!;
    diagnostic.fix = {
      title: "Insert ','",
      edits: [{ range: this.lines.range(previous.end, previous.end), newText: ',' }],
    };
  }

  /** field = ( IDENT | STRING ) "=" expression. A helper of `primary` rather than a rule: one rule less per object level. */
  private field(): ObjectField {
    let key: ObjectKey;
    const keyCode = this.current.code;
    if (this.RECORDING_PHASE || keyCode === STRING_CODE || keyCode === IDENT_CODE) {
      const token = this.OR4(this.fieldKeyAlternatives) as ParserToken;
      const start = this.RECORDING_PHASE ? 0 : token.startOffset;
      const end = this.RECORDING_PHASE ? 0 : token.endOffset;
      const quoted = keyCode === STRING_CODE && end - start > 2;
      key = {
        name: quoted ? this.internRange(start + 1, end - 1) : this.internRange(start, end),
        quoted,
        raw: this.internRange(start, end),
        start: start,
        end: end,
      };
    } else {
      this.addError('syntax/invalid-object-key', `expected field name (string or identifier), got ${this.current.kind}`);
      this.advance('=');
      // The key is missing: an empty key right after the skipped tokens keeps them out of the field, whose
      // text then re-parses to the same field (the skipped tokens may include a TERMINATOR or identifiers).
      const at = this.previousTokenEnd;
      key = { name: '', quoted: false, raw: '', start: at, end: at };
    }
    this.expect(2, Assign);
    const value = this.expressionAt(4);
    return { type: 'ObjectField', key, value, start: key.start, end: value.end };
  }

  private readonly fieldKeyAlternatives: IOrAlt<IToken>[] = [{ ALT: () => this.CONSUME2(IDENT) }, { ALT: () => this.CONSUME2(STRING) }];

  /**
   * Runs the `file` rule over the loaded input. Every decision is checked
   * before chevrotain makes it, so chevrotain never records an error; if it
   * ever did, the tree would be incomplete, and that is reported.
   */
  parseFile(): File {
    const file = this.file();
    const [error] = this.errors;
    if (error !== undefined) {
      this.addDirect('syntax/internal-error', `internal parser error: ${error.message}`, error.token.startOffset || 0, error.token.endOffset || 0);
    }
    return file ?? { type: 'File', body: [], start: 0, end: this.text.length };
  }
}

let sharedParser: AlloyParser | undefined;

/**
 * Builds the parser and runs chevrotain's grammar validations (left
 * recursion, ambiguous alternatives, …). Production parses skip them; the
 * tests call this once.
 */
export function createValidatedParser(): void {
  new AlloyParser(true);
}

export interface ParseDetails extends ParseResult {
  /** Every token (comments and TERMINATORs included), ending with EOF. */
  tokens: Token[];
  lines: LineIndex;
}

/** Parses and also returns the tokens (as objects, which `parse` does not build). */
export function parseWithTokens(text: string): ParseDetails {
  const { stream, ...rest } = parseToStream(text);
  const tokens = stream.toArray();
  stream.release();
  return { ...rest, tokens };
}

function collectComments(text: string, lines: LineIndex, stream: TokenStream): Comment[] {
  const comments: Comment[] = [];
  for (let index = 0; index < stream.length; index++) {
    if (stream.kinds[index] !== COMMENT_CODE) continue;
    const start = stream.starts[index]!;
    const end = stream.ends[index]!;
    const commentText = text.slice(start, end);
    comments.push({
      kind: commentText.startsWith('//') ? 'line' : 'block',
      text: commentText,
      start,
      end,
    });
  }
  return comments;
}

export function parseToStream(text: string): ParseResult & { stream: TokenStream; lines: LineIndex } {
  const lines = new LineIndex(text);
  const scanned = scan(text, lines);
  const comments = collectComments(text, lines, scanned.tokens);
  const parser = (sharedParser ??= new AlloyParser(false));
  parser.load(text, lines, scanned.tokens);
  let file: File;
  let parsed: { diagnostics: Diagnostic[]; diagnosticTokens: number[] };
  try {
    file = parser.parseFile();
  } finally {
    parsed = parser.unload();
  }
  const diagnostics =
    parsed.diagnostics.length === 0
      ? scanned.diagnostics
      : inReportingOrder(scanned.diagnostics, scanned.diagnosticTokens, parsed.diagnostics, parsed.diagnosticTokens);
  return { file, comments, diagnostics, stream: scanned.tokens, lines };
}

/**
 * Upstream's order: its parser scans a token when it moves onto it, so the scanner's errors of
 * tokens up to the one the parser is at come before the parser's errors there.
 */
function inReportingOrder(
  scannerDiagnostics: readonly Diagnostic[],
  scannerTokens: Int32Array,
  parserDiagnostics: readonly Diagnostic[],
  parserTokens: readonly number[],
): Diagnostic[] {
  const merged: Diagnostic[] = [];
  let scanned = 0;
  for (let index = 0; index < parserDiagnostics.length; index++) {
    const token = parserTokens[index]!;
    while (scanned < scannerDiagnostics.length && scannerTokens[scanned]! <= token) merged.push(scannerDiagnostics[scanned++]!);
    merged.push(parserDiagnostics[index]!);
  }
  while (scanned < scannerDiagnostics.length) merged.push(scannerDiagnostics[scanned++]!);
  return merged;
}
