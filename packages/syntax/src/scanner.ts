/**
 * Turns chevrotain's raw tokens into Alloy tokens: classifies literals and
 * keywords, validates them with upstream's error texts, turns unmatched
 * characters into ILLEGAL tokens, and inserts TERMINATOR tokens where
 * upstream's scanner does (LANGUAGE.md §1.8).
 */
import type { IToken } from 'chevrotain';
import type { Diagnostic, Fix } from './ast.js';
import { describeCharacter, scanDoubleQuoted, scanSingleQuotedProblems, type StringScan } from './literals.js';
import {
  AsciiIdentifier,
  BlockComment,
  DoubleQuoted,
  LineComment,
  Newline,
  NumberLike,
  operatorTokenTypes,
  RawString,
  SingleQuoted,
  UnicodeIdentifier,
  rawLexer,
  rawTokenTypes,
} from './lexer.js';
import type { LineIndex } from './positions.js';

export type OperatorKind =
  | '||' | '&&' | '!' | '=' | '==' | '!=' | '<' | '<=' | '>' | '>='
  | '+' | '-' | '*' | '/' | '%' | '^' | '{' | '}' | '(' | ')' | '[' | ']' | ',' | '.';

export type TokenKind =
  | 'IDENT' | 'BOOL' | 'NULL' | 'NUMBER' | 'FLOAT' | 'STRING'
  | 'COMMENT' | 'TERMINATOR' | 'ILLEGAL' | 'EOF'
  | OperatorKind;

/** A token of the Alloy lexical grammar. `start`/`end` are offsets (end exclusive). */
export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

export interface ScanResult {
  /** Every token, comments and TERMINATORs included, ending with EOF. */
  tokens: TokenStream;
  /** In the order upstream's scanner reports them (the order it reads the characters in). */
  diagnostics: Diagnostic[];
  /**
   * For each diagnostic, the index of the token whose scan reports it in upstream's scanner,
   * which scans a token only when its parser moves onto it: a parser error raised while the
   * parser looks at token `i` comes after the scanner errors of tokens up to `i`.
   */
  diagnosticTokens: Int32Array;
}

/** Every kind, indexed by its code in a TokenStream. */
export const tokenKinds: readonly TokenKind[] = [
  'IDENT', 'BOOL', 'NULL', 'NUMBER', 'FLOAT', 'STRING', 'COMMENT', 'TERMINATOR', 'ILLEGAL', 'EOF',
  '||', '&&', '!', '=', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '^', '{', '}', '(', ')', '[', ']', ',', '.',
];
/** The code of a kind in a TokenStream. */
export function codeOf(kind: TokenKind): number {
  return tokenKinds.indexOf(kind);
}
export const COMMENT_CODE = codeOf('COMMENT');
const EOF_CODE = codeOf('EOF');

const IDENT_CODE = codeOf('IDENT');
const BOOL_CODE = codeOf('BOOL');
const NULL_CODE = codeOf('NULL');
const NUMBER_CODE = codeOf('NUMBER');
const FLOAT_CODE = codeOf('FLOAT');
const STRING_CODE = codeOf('STRING');
const ILLEGAL_CODE = codeOf('ILLEGAL');
const TERMINATOR_CODE = codeOf('TERMINATOR');
const OR_CODE = codeOf('||');
const AND_CODE = codeOf('&&');
const isClosingCode = new Uint8Array(tokenKinds.length);
for (const kind of ['}', ')', ']'] as const) isClosingCode[codeOf(kind)] = 1;

// What the scanner does with each raw token type, by chevrotain's token type index: one of the
// actions below, or OPERATOR_BASE plus the operator's kind code (`|` and `&` stand for `||` and `&&`).
const NEWLINE = 1;
const IDENTIFIER = 2;
const DOUBLE_QUOTED = 3;
const LINE_COMMENT = 4;
const BLOCK_COMMENT = 5;
const NUMBER_LIKE = 6;
const RAW_STRING = 7;
const SINGLE_QUOTED = 8;
const OPERATOR_BASE = 16;
const actionOfType = new Uint8Array(Math.max(...rawTokenTypes.map((tokenType) => tokenType.tokenTypeIdx!)) + 1);
for (const [tokenType, action] of [
  [Newline, NEWLINE],
  [AsciiIdentifier, IDENTIFIER],
  [UnicodeIdentifier, IDENTIFIER],
  [DoubleQuoted, DOUBLE_QUOTED],
  [LineComment, LINE_COMMENT],
  [BlockComment, BLOCK_COMMENT],
  [NumberLike, NUMBER_LIKE],
  [RawString, RAW_STRING],
  [SingleQuoted, SINGLE_QUOTED],
] as const) {
  actionOfType[tokenType.tokenTypeIdx!] = action;
}
for (const tokenType of operatorTokenTypes) {
  const name = tokenType.name === '|' ? '||' : tokenType.name === '&' ? '&&' : (tokenType.name as TokenKind);
  actionOfType[tokenType.tokenTypeIdx!] = OPERATOR_BASE + codeOf(name);
}

/**
 * Tokens as parallel typed arrays: millions of token objects that live for
 * the whole parse would make every young-generation GC copy them.
 */
export class TokenStream {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(readonly text: string) {
    // About one token per eight characters in real configurations: most streams grow once at most.
    const capacity = Math.max(1024, text.length >> 3);
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  pushCode(code: number, start: number, end: number): void {
    if (this.length === this.kinds.length) this.grow();
    this.kinds[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  private grow(): void {
    const capacity = this.length * 2;
    const kinds = new Uint8Array(capacity);
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    kinds.set(this.kinds);
    starts.set(this.starts);
    ends.set(this.ends);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
  }

  kind(index: number): TokenKind {
    return tokenKinds[this.kinds[index]!]!;
  }

  /** The token at `index` as an object. */
  token(index: number): Token {
    const code = this.kinds[index]!;
    const start = this.starts[index]!;
    const end = this.ends[index]!;
    return { kind: tokenKinds[code]!, text: code === TERMINATOR_CODE ? '\n' : this.text.slice(start, end), start, end };
  }

  toArray(): Token[] {
    const tokens: Token[] = [];
    for (let index = 0; index < this.length; index++) tokens.push(this.token(index));
    return tokens;
  }
}

/**
 * Characters lexed per chevrotain call. Small chunks keep each call's token
 * objects a small share of the young generation: when a scavenge found most
 * of them alive, V8 began allocating chevrotain's tokens in the old
 * generation, and every later scavenge copied their images (scans took up to
 * 1.6x as long, varying from process to process).
 */
const CHUNK_SIZE = 1 << 12;

/** Lone surrogates are what upstream's invalid UTF-8 becomes in a JavaScript string. */
function hasLoneSurrogates(text: string): boolean {
  // `isWellFormed` is in every supported Node (20 and later), but not in the ES2022 library typings.
  return !(text as string & { isWellFormed(): boolean }).isWellFormed();
}

interface UnmatchedRun {
  offset: number;
  length: number;
}

export function scan(text: string, lines: LineIndex): ScanResult {
  const tokens = new TokenStream(text);
  const diagnostics: Diagnostic[] = [];
  // When upstream's scanner reports each diagnostic: twice the offset of the character it had just
  // read (it reads one character ahead of the token it returns), plus one for a problem found after
  // reading it (a character's own encoding problems are found while reading it).
  const readKeys: number[] = [];
  // The token whose scan reports a diagnostic, where it is not the one found from its read key (-1).
  const reportingTokens: number[] = [];
  let reportingToken = -1;
  let insertTerminator = false;

  const report = (start: number, end: number, code: string, message: string, readKey: number, extra?: Partial<Diagnostic>): void => {
    diagnostics.push({
      code,
      severity: 'error',
      message,
      range: { start: lines.positionAt(start), end: lines.positionAt(end) },
      ...extra,
    });
    readKeys.push(readKey);
    reportingTokens.push(reportingToken);
  };
  /** A problem of the character at `offset` itself, found while reading it. */
  const reportRead = (offset: number, width: number, code: string, message: string): void =>
    report(offset, Math.min(offset + width, text.length), code, message, 2 * offset);
  /** A problem found once the character at `readOffset` was read (`readOffset` may be the end of the text). */
  const reportAfter = (start: number, end: number, readOffset: number, code: string, message: string, extra?: Partial<Diagnostic>): void =>
    report(start, end, code, message, 2 * readOffset + 1, extra);
  /** Escape problems and a missing closing quote, where and when upstream's scanner reports them. */
  const reportStringProblems = (scanned: StringScan, start: number, end: number): void => {
    for (const problem of scanned.problems) {
      const at = start + problem.index;
      reportAfter(at, Math.min(at + 1, text.length), start + problem.readIndex, 'syntax/invalid-escape', problem.message);
    }
    if (!scanned.terminated) reportAfter(start, end, end, 'syntax/unterminated-string', 'string literal not terminated');
  };
  const emitTerminator = (at: number, width: number): void => {
    tokens.pushCode(TERMINATOR_CODE, at, at + width);
    insertTerminator = false;
  };

  let illegalEnd = 0;
  const emitIllegalRun = (run: UnmatchedRun): void => {
    // A run may start inside the surrogate pair that ended the previous one.
    let offset = Math.max(run.offset, illegalEnd);
    const end = run.offset + run.length;
    while (offset < end) {
      const codePoint = text.codePointAt(offset) ?? 0;
      const character = String.fromCodePoint(codePoint);
      const next = offset + character.length;
      if (codePoint === 0xfeff && offset === 0) {
        offset = next;
        continue;
      }
      tokens.pushCode(ILLEGAL_CODE, offset, next);
      // Upstream reports NUL, a BOM and invalid UTF-8 while reading the character, and then (but for
      // a BOM) the ILLEGAL token it makes of it, once it has read the character after it.
      if (codePoint === 0) reportRead(offset, 1, 'syntax/illegal-character', 'illegal character NUL');
      else if (codePoint === 0xfeff) reportRead(offset, 1, 'syntax/illegal-character', 'illegal byte order mark');
      else if (codePoint === 0xfffd || (codePoint >= 0xd800 && codePoint < 0xe000)) {
        reportRead(offset, 1, 'syntax/invalid-utf8', 'illegal UTF-8 encoding');
        reportAfter(offset, next, next, 'syntax/invalid-utf8', `illegal character ${describeCharacter('\ufffd')}`);
      }
      if (character === '#') reportHash(offset);
      else if (codePoint !== 0xfeff && codePoint !== 0xfffd && !(codePoint >= 0xd800 && codePoint < 0xe000))
        reportAfter(offset, next, next, 'syntax/illegal-character', `illegal character ${describeCharacter(character)}`);
      offset = next;
    }
    illegalEnd = offset;
  };

  const reportHash = (offset: number): void => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.slice(lineStart, offset);
    const startsComment = before.trim() === '' || /[ \t]$/.test(before);
    const fix: Fix | undefined = startsComment
      ? {
          title: "Replace '#' with '//'",
          edits: [{ range: { start: lines.positionAt(offset), end: lines.positionAt(offset + 1) }, newText: '//' }],
        }
      : undefined;
    reportAfter(offset, offset + 1, offset + 1, 'syntax/hash-comment', `illegal character ${describeCharacter('#')}`, {
      hint: 'Alloy comments start with // (or /* */), not #',
      ...(fix ? { fix } : {}),
    });
  };

  /** Upstream's findLineEnd: do only comments and blanks stand between `offset` and the end of the line? */
  const commentsReachLineEnd = (offset: number): boolean => {
    let at = offset;
    for (;;) {
      while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\r')) at++;
      if (at >= text.length || text[at] === '\n') return true;
      if (text.startsWith('//', at)) return true;
      if (!text.startsWith('/*', at)) return false;
      const close = text.indexOf('*/', at + 2);
      if (close === -1) return true;
      if (text.slice(at, close).includes('\n')) return true;
      at = close + 2;
    }
  };
  // Upstream reports NUL, invalid UTF-8 and a misplaced BOM anywhere, also inside strings and comments.
  // Four searches instead of one regular expression (10 ms on 10 MB): each is a memchr-like scan, and
  // on a text of one-byte characters, as most configurations are, the last three return at once.
  const mayHaveBadCharacters =
    text.indexOf('\0') !== -1 || text.indexOf('\ufeff') !== -1 || text.indexOf('\ufffd') !== -1 || hasLoneSurrogates(text);
  /**
   * Upstream's findLineEnd, called at a block comment after a token that may end a statement, reads
   * on to see whether only comments stand before the line end, and so reports a NUL (or a BOM,
   * invalid UTF-8) in what it reads a first time, in the scan of the token before the comment. The
   * end of what it reads: the comments, the blanks after them and the character after those.
   */
  const findLineEndReadEnd = (commentStart: number): number => {
    let at = commentStart + 2;
    for (;;) {
      while (at < text.length) {
        const character = text[at];
        if (character === '\n') return at + 1;
        at++;
        if (character === '*' && text[at] === '/') {
          at++;
          break;
        }
      }
      while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\r')) at++;
      if (at >= text.length || text[at] !== '/') return Math.min(at + 1, text.length);
      at++;
      if (text[at] !== '*') return Math.min(at + 1, text.length);
      at++;
    }
  };
  const reportBadCharactersIn = (start: number, end: number): void => {
    for (let offset = start; offset < end; offset++) {
      const code = text.charCodeAt(offset);
      if (code === 0) reportRead(offset, 1, 'syntax/illegal-character', 'illegal character NUL');
      else if (code === 0xfeff && offset > 0) reportRead(offset, 1, 'syntax/illegal-character', 'illegal byte order mark');
      else if (code === 0xfffd) reportRead(offset, 1, 'syntax/invalid-utf8', 'illegal UTF-8 encoding');
      else if (code >= 0xd800 && code <= 0xdbff && offset + 1 < end) {
        const next = text.charCodeAt(offset + 1);
        if (next >= 0xdc00 && next <= 0xdfff) offset++;
        else reportRead(offset, 1, 'syntax/invalid-utf8', 'illegal UTF-8 encoding');
      } else if (code >= 0xd800 && code <= 0xdfff) reportRead(offset, 1, 'syntax/invalid-utf8', 'illegal UTF-8 encoding');
    }
  };
  /** Turns chevrotain tokens `raw[0..count)` of a chunk starting at `base` into Alloy tokens. */
  const processChunk = (raw: IToken[], count: number, unmatched: UnmatchedRun[], base: number): void => {
    let unmatchedIndex = 0;
    let nextUnmatched = unmatched.length > 0 ? unmatched[0]!.offset : Infinity;
    for (let index = 0; index < count; index++) {
      const token: IToken = raw[index]!;
      const start = base + token.startOffset;
      while (nextUnmatched < start) {
        emitIllegalRun(unmatched[unmatchedIndex]!);
        unmatchedIndex++;
        nextUnmatched = unmatchedIndex < unmatched.length ? unmatched[unmatchedIndex]!.offset : Infinity;
      }
      const image = token.image;
      const end = start + image.length;
      const action = actionOfType[token.tokenTypeIdx]!;
      switch (action) {
        case NEWLINE:
          if (insertTerminator) emitTerminator(start, 1);
          break;
        case IDENTIFIER: {
          let code = IDENT_CODE;
          const length = image.length;
          if (length === 4) {
            if (image === 'true') code = BOOL_CODE;
            else if (image === 'null') code = NULL_CODE;
          } else if (length === 5 && image === 'false') code = BOOL_CODE;
          tokens.pushCode(code, start, end);
          insertTerminator = true;
          break;
        }
        case DOUBLE_QUOTED:
          // The common case, a closed string without escapes, needs no further check.
          if (image.length < 2 || image.charCodeAt(image.length - 1) !== 34 || image.indexOf('\\') !== -1) {
            reportStringProblems(scanDoubleQuoted(image, text[end], false), start, end);
          }
          if (mayHaveBadCharacters) reportBadCharactersIn(start, end);
          tokens.pushCode(STRING_CODE, start, end);
          insertTerminator = true;
          break;
        case LINE_COMMENT:
        case BLOCK_COMMENT:
          if (insertTerminator && action === BLOCK_COMMENT) {
            const reachesLineEnd = commentsReachLineEnd(start);
            if (mayHaveBadCharacters) {
              // Reported by the scan of the terminator it then inserts, or else of the comment.
              reportingToken = tokens.length;
              reportBadCharactersIn(start + 2, findLineEndReadEnd(start));
              reportingToken = -1;
            }
            if (reachesLineEnd) emitTerminator(start, 0);
          } else if (insertTerminator && action === LINE_COMMENT) emitTerminator(start, 0);
          insertTerminator = false;
          tokens.pushCode(COMMENT_CODE, start, end);
          if (mayHaveBadCharacters) reportBadCharactersIn(start, end);
          if (action === BLOCK_COMMENT && (image.length < 4 || !image.endsWith('*/'))) {
            reportAfter(start, end, end, 'syntax/unterminated-comment', 'block comment not terminated');
          }
          break;
        case NUMBER_LIKE: {
          let isFloat = false;
          for (let at = 0; at < image.length; at++) {
            const code = image.charCodeAt(at);
            if (code === 46 || code === 101 || code === 69) isFloat = true;
          }
          if (/[eE][+-]?$/.test(image)) reportAfter(start, end, end, 'syntax/invalid-number', 'exponent has no digits');
          tokens.pushCode(isFloat ? FLOAT_CODE : NUMBER_CODE, start, end);
          insertTerminator = true;
          break;
        }
        case RAW_STRING:
          if (image.length < 2 || !image.endsWith('`')) {
            reportAfter(start, end, end, 'syntax/unterminated-string', 'string literal not terminated');
          }
          if (mayHaveBadCharacters) reportBadCharactersIn(start, end);
          tokens.pushCode(STRING_CODE, start, end);
          insertTerminator = true;
          break;
        case SINGLE_QUOTED: {
          const content = image.slice(1, image.endsWith("'") && image.length > 1 ? -1 : undefined);
          const fixable = image.length > 1 && image.endsWith("'") && !/["\\]/.test(content);
          // Upstream reports the quote once it has read the character after it, then scans the rest as a string.
          reportAfter(start, end, start + 1, 'syntax/single-quoted-string', 'illegal single-quoted string; use double quotes', {
            ...(fixable
              ? {
                  fix: {
                    title: 'Use double quotes',
                    edits: [{ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, newText: `"${content}"` }],
                  },
                }
              : {}),
          });
          reportStringProblems(scanSingleQuotedProblems(image, text[end]), start, end);
          if (mayHaveBadCharacters) reportBadCharactersIn(start, end);
          tokens.pushCode(ILLEGAL_CODE, start, end);
          insertTerminator = true;
          break;
        }
        default: {
          // Skipped whitespace never reaches here; anything else below OPERATOR_BASE is no token of ours.
          if (action < OPERATOR_BASE) break;
          const operatorCode = action - OPERATOR_BASE;
          if (end - start === 1 && (operatorCode === OR_CODE || operatorCode === AND_CODE)) {
            // Upstream reports it where the second character should be.
            const second = Math.min(end, text.length);
            reportAfter(second, Math.min(second + 1, text.length), end, 'syntax/illegal-character', `missing second ${image} in ${image}${image}`);
          }
          tokens.pushCode(operatorCode, start, end);
          insertTerminator = isClosingCode[operatorCode] === 1;
        }
      }
    }
    while (unmatchedIndex < unmatched.length) {
      emitIllegalRun(unmatched[unmatchedIndex]!);
      unmatchedIndex++;
    }
  };

  // Chevrotain's lexer has no modes, so lexing from any token boundary gives the tokens of the whole
  // text. A chunk is cut after its last line feed token: tokens before it cannot reach past the chunk.
  const lexer = rawLexer();
  let base = 0;
  let size = CHUNK_SIZE;
  while (base < text.length) {
    const end = Math.min(text.length, base + size);
    const lexed = lexer.tokenize(end === text.length && base === 0 ? text : text.slice(base, end));
    const raw = lexed.tokens;
    let count = raw.length;
    let next = end;
    if (end < text.length) {
      count = -1;
      for (let index = raw.length - 1; index >= 0; index--) {
        if (raw[index]!.tokenType === Newline) {
          count = index + 1;
          next = base + raw[index]!.startOffset + 1;
          break;
        }
      }
      if (count < 0) {
        size *= 2;
        continue;
      }
    }
    const unmatched: UnmatchedRun[] = [];
    for (const error of lexed.errors) {
      if (base + error.offset < next) unmatched.push({ offset: base + error.offset, length: error.length });
    }
    processChunk(raw, count, unmatched, base);
    base = next;
    size = CHUNK_SIZE;
  }
  if (insertTerminator) emitTerminator(text.length, 0);
  tokens.pushCode(EOF_CODE, text.length, text.length);
  return { tokens, ...inReportingOrder(diagnostics, readKeys, reportingTokens, tokens) };
}

/**
 * Sorts the diagnostics by when upstream's scanner reports them and finds the token whose scan
 * reports each: the first token whose scan reads up to the character (upstream's scanner reads
 * the character after a token while scanning it, so a token's scan reads up to its end).
 */
function inReportingOrder(
  diagnostics: Diagnostic[],
  readKeys: readonly number[],
  reportingTokens: readonly number[],
  tokens: TokenStream,
): { diagnostics: Diagnostic[]; diagnosticTokens: Int32Array } {
  const count = diagnostics.length;
  if (count === 0) return { diagnostics, diagnosticTokens: new Int32Array(0) };
  const ends = tokens.ends;
  const tokenOf = reportingTokens.map((token, index) => {
    if (token >= 0) return token;
    const readOffset = readKeys[index]! >> 1;
    let low = 0;
    let high = tokens.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (ends[middle]! >= readOffset) high = middle;
      else low = middle + 1;
    }
    return low;
  });
  const order = Array.from({ length: count }, (_, index) => index).sort(
    (a, b) => tokenOf[a]! - tokenOf[b]! || readKeys[a]! - readKeys[b]! || a - b,
  );
  return { diagnostics: order.map((index) => diagnostics[index]!), diagnosticTokens: Int32Array.from(order, (index) => tokenOf[index]!) };
}
