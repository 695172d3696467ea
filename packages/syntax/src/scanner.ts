/**
 * The scanner: a hand-written loop over character codes, as upstream's
 * `scanner.go`. It classifies literals and keywords, validates them with
 * upstream's error texts, turns characters that start no token into ILLEGAL
 * tokens, and inserts TERMINATOR tokens where upstream's scanner does
 * (LANGUAGE.md §1.8). Its output is a TokenStream: parallel typed arrays, no
 * object per token.
 */
import type { Diagnostic, Fix } from './ast.js';
import { describeCharacter, scanDoubleQuoted, scanSingleQuotedProblems, type StringScan } from './literals.js';
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
const isClosingCode = new Uint8Array(tokenKinds.length);
for (const kind of ['}', ')', ']'] as const) isClosingCode[codeOf(kind)] = 1;

const isIdentifierStart = new Uint8Array(128);
const isIdentifierPart = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const isLetter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  isIdentifierStart[code] = isLetter ? 1 : 0;
  isIdentifierPart[code] = isLetter || (code >= 48 && code <= 57) ? 1 : 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The kind code plus one of each one-character operator (0: none); `|` and `&` stand for `||` and `&&`. */
const operatorOfCharacter = new Uint8Array(128);
for (const operator of ['|', '&', '!', '=', '<', '>', '+', '-', '*', '/', '%', '^', '{', '}', '(', ')', '[', ']', ',', '.'] as const) {
  const kind: OperatorKind = operator === '|' ? '||' : operator === '&' ? '&&' : operator;
  operatorOfCharacter[operator.charCodeAt(0)] = codeOf(kind) + 1;
}
/** The kind code of `==`, `!=`, `<=` and `>=`, by their first character. */
const twoCharacterKind = new Uint8Array(128);
for (const operator of ['==', '!=', '<=', '>='] as const) twoCharacterKind[operator.charCodeAt(0)] = codeOf(operator);

const unicodeIdentifier = /[\p{L}_][\p{L}\p{Nd}_]*/uy;

/** The end of the identifier at `start` that holds non-ASCII letters or digits, or `start` when none starts there. */
function unicodeIdentifierEnd(text: string, start: number): number {
  unicodeIdentifier.lastIndex = start;
  const match = unicodeIdentifier.exec(text);
  return match === null ? start : start + match[0].length;
}

const emptyBuffer = new ArrayBuffer(0);
/** Shared by every scan without diagnostics: never written. */
const noDiagnosticTokens = new Int32Array(0);

/** Bytes per token: a start and an end (Int32) and a kind (Uint8), in one buffer. */
const BYTES_PER_TOKEN = 9;
/** Streams of up to this many tokens hand their buffer on when released; larger ones are not kept. */
const SPARE_TOKENS = 1 << 16;
/**
 * The buffer of the last stream released, for the next one. A typed array's memory lives outside
 * V8's heap and costs more to allocate and collect than to fill: parsing many small files one
 * after another (a formatter's or a linter's run) spent a sixth of its time allocating streams.
 */
let spareBuffer: ArrayBuffer | null = null;

/**
 * Tokens as parallel typed arrays: millions of token objects that live for
 * the whole parse would make every young-generation GC copy them.
 */
export class TokenStream {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;
  private buffer: ArrayBuffer;

  constructor(readonly text: string) {
    // About one token per eight characters in real configurations: most streams grow once at most.
    const capacity = Math.max(1024, text.length >> 3);
    let buffer = spareBuffer;
    if (buffer !== null && buffer.byteLength >= capacity * BYTES_PER_TOKEN) spareBuffer = null;
    else buffer = new ArrayBuffer(capacity * BYTES_PER_TOKEN);
    this.buffer = buffer;
    const tokens = buffer.byteLength / BYTES_PER_TOKEN;
    this.starts = new Int32Array(buffer, 0, tokens);
    this.ends = new Int32Array(buffer, tokens * 4, tokens);
    this.kinds = new Uint8Array(buffer, tokens * 8, tokens);
  }

  pushCode(code: number, start: number, end: number): void {
    if (this.length === this.kinds.length) this.grow();
    this.kinds[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  /**
   * Gives the stream's memory to the next stream: the caller is done with this one (its arrays
   * are empty afterwards). The parse functions release the streams they do not return.
   */
  release(): void {
    const buffer = this.buffer;
    this.length = 0;
    this.buffer = emptyBuffer;
    this.starts = this.ends = new Int32Array(emptyBuffer);
    this.kinds = new Uint8Array(emptyBuffer);
    if (buffer.byteLength <= SPARE_TOKENS * BYTES_PER_TOKEN && buffer !== emptyBuffer) spareBuffer = buffer;
  }

  private grow(): void {
    const capacity = this.length * 2;
    const buffer = new ArrayBuffer(capacity * BYTES_PER_TOKEN);
    const starts = new Int32Array(buffer, 0, capacity);
    const ends = new Int32Array(buffer, capacity * 4, capacity);
    const kinds = new Uint8Array(buffer, capacity * 8, capacity);
    starts.set(this.starts);
    ends.set(this.ends);
    kinds.set(this.kinds);
    this.buffer = buffer;
    this.starts = starts;
    this.ends = ends;
    this.kinds = kinds;
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

/** Lone surrogates are what upstream's invalid UTF-8 becomes in a JavaScript string. */
function hasLoneSurrogates(text: string): boolean {
  // `isWellFormed` is in every supported Node (20 and later), but not in the ES2022 library typings.
  return !(text as string & { isWellFormed(): boolean }).isWellFormed();
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
  /** A string (or single-quoted) token, after its own checks: characters upstream rejects anywhere, then the token. */
  const emitStringLike = (code: number, start: number, end: number): void => {
    if (mayHaveBadCharacters) reportBadCharactersIn(start, end);
    tokens.pushCode(code, start, end);
    insertTerminator = true;
  };
  const emitTerminator = (at: number, width: number): void => {
    tokens.pushCode(TERMINATOR_CODE, at, at + width);
    insertTerminator = false;
  };

  /** The ILLEGAL token of the character at `offset` (a surrogate pair is one), with its problems; returns the offset after it. */
  const emitIllegalCharacter = (offset: number): number => {
    const codePoint = text.codePointAt(offset) ?? 0;
    const character = String.fromCodePoint(codePoint);
    const next = offset + character.length;
    if (codePoint === 0xfeff && offset === 0) return next;
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
    return next;
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
  const length = text.length;
  let offset = 0;
  while (offset < length) {
    const start = offset;
    const code = text.charCodeAt(offset);
    if (code === 32 || code === 9 || code === 13) {
      offset++;
      continue;
    }
    if (code === 10) {
      if (insertTerminator) emitTerminator(start, 1);
      offset++;
      continue;
    }
    if (code < 128 ? isIdentifierStart[code] === 1 : false) {
      let end = start + 1;
      let next = 0;
      while (end < length && (next = text.charCodeAt(end)) < 128 && isIdentifierPart[next] === 1) end++;
      if (end < length && next >= 128) end = unicodeIdentifierEnd(text, start);
      let kind = IDENT_CODE;
      const size = end - start;
      if (size === 4) {
        if (text.startsWith('true', start)) kind = BOOL_CODE;
        else if (text.startsWith('null', start)) kind = NULL_CODE;
      } else if (size === 5 && text.startsWith('false', start)) kind = BOOL_CODE;
      tokens.pushCode(kind, start, end);
      insertTerminator = true;
      offset = end;
      continue;
    }
    if ((code >= 48 && code <= 57) || (code === 46 && isDigit(text.charCodeAt(start + 1)))) {
      let end = start;
      let isFloat = false;
      if (code === 46) {
        isFloat = true;
        end++;
      } else {
        while (isDigit(text.charCodeAt(end))) end++;
        if (text.charCodeAt(end) === 46) {
          isFloat = true;
          end++;
        }
      }
      while (isDigit(text.charCodeAt(end))) end++;
      const exponent = text.charCodeAt(end);
      let exponentWithoutDigits = false;
      if (exponent === 101 || exponent === 69) {
        isFloat = true;
        end++;
        const sign = text.charCodeAt(end);
        if (sign === 43 || sign === 45) end++;
        const digits = end;
        while (isDigit(text.charCodeAt(end))) end++;
        exponentWithoutDigits = end === digits;
      }
      if (exponentWithoutDigits) reportAfter(start, end, end, 'syntax/invalid-number', 'exponent has no digits');
      tokens.pushCode(isFloat ? FLOAT_CODE : NUMBER_CODE, start, end);
      insertTerminator = true;
      offset = end;
      continue;
    }
    switch (code) {
      case 34: {
        // "…": up to the closing quote or the line end; a backslash takes the character after it along.
        let end = start + 1;
        let closed = false;
        let hasBackslash = false;
        while (end < length) {
          const character = text.charCodeAt(end);
          if (character === 34) {
            end++;
            closed = true;
            break;
          }
          if (character === 10) break;
          end++;
          if (character === 92) {
            hasBackslash = true;
            if (end < length && text.charCodeAt(end) !== 10) end++;
          }
        }
        // The common case, a closed string without escapes, needs no further check.
        if (!closed || hasBackslash) reportStringProblems(scanDoubleQuoted(text.slice(start, end), text[end], false), start, end);
        emitStringLike(STRING_CODE, start, end);
        offset = end;
        continue;
      }
      case 96: {
        const close = text.indexOf('`', start + 1);
        const end = close === -1 ? length : close + 1;
        if (close === -1) reportAfter(start, end, end, 'syntax/unterminated-string', 'string literal not terminated');
        emitStringLike(STRING_CODE, start, end);
        offset = end;
        continue;
      }
      case 39: {
        let end = start + 1;
        while (end < length && text.charCodeAt(end) !== 39 && text.charCodeAt(end) !== 10) end++;
        const closed = end < length && text.charCodeAt(end) === 39;
        if (closed) end++;
        const image = text.slice(start, end);
        const content = image.slice(1, closed ? -1 : undefined);
        const fixable = closed && !/["\\]/.test(content);
        // Upstream reports the quote once it has read the character after it, then scans the rest as a string.
        reportAfter(start, end, start + 1, 'syntax/single-quoted-string', 'illegal single-quoted string; use double quotes', {
          ...(fixable ? { fix: { title: 'Use double quotes', edits: [{ range: lines.range(start, end), newText: `"${content}"` }] } } : {}),
        });
        reportStringProblems(scanSingleQuotedProblems(image, text[end]), start, end);
        emitStringLike(ILLEGAL_CODE, start, end);
        offset = end;
        continue;
      }
      case 47: {
        const second = text.charCodeAt(start + 1);
        if (second !== 47 && second !== 42) break;
        const isBlock = second === 42;
        let end: number;
        let terminated = true;
        if (isBlock) {
          const close = text.indexOf('*/', start + 2);
          terminated = close !== -1;
          end = terminated ? close + 2 : length;
        } else {
          const lineEnd = text.indexOf('\n', start + 2);
          end = lineEnd === -1 ? length : lineEnd;
        }
        if (insertTerminator && isBlock) {
          const reachesLineEnd = commentsReachLineEnd(start);
          if (mayHaveBadCharacters) {
            // Reported by the scan of the terminator it then inserts, or else of the comment.
            reportingToken = tokens.length;
            reportBadCharactersIn(start + 2, findLineEndReadEnd(start));
            reportingToken = -1;
          }
          if (reachesLineEnd) emitTerminator(start, 0);
        } else if (insertTerminator) emitTerminator(start, 0);
        insertTerminator = false;
        tokens.pushCode(COMMENT_CODE, start, end);
        if (mayHaveBadCharacters) reportBadCharactersIn(start, end);
        if (!terminated) reportAfter(start, end, end, 'syntax/unterminated-comment', 'block comment not terminated');
        offset = end;
        continue;
      }
      default:
        break;
    }
    const operator = code < 128 ? operatorOfCharacter[code]! : 0;
    if (operator !== 0) {
      let kind = operator - 1;
      let end = start + 1;
      const second = text.charCodeAt(end);
      if (second === 61 && (code === 61 || code === 33 || code === 60 || code === 62)) {
        kind = twoCharacterKind[code]!;
        end++;
      } else if (code === 124 || code === 38) {
        if (second === code) end++;
        else {
          // Upstream reports it where the second character should be.
          const at = Math.min(end, length);
          const single = code === 124 ? '|' : '&';
          reportAfter(at, Math.min(at + 1, length), end, 'syntax/illegal-character', `missing second ${single} in ${single}${single}`);
        }
      }
      tokens.pushCode(kind, start, end);
      insertTerminator = isClosingCode[kind] === 1;
      offset = end;
      continue;
    }
    if (code >= 128) {
      const end = unicodeIdentifierEnd(text, start);
      if (end > start) {
        tokens.pushCode(IDENT_CODE, start, end);
        insertTerminator = true;
        offset = end;
        continue;
      }
    }
    // No token starts here.
    offset = emitIllegalCharacter(start);
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
  if (count === 0) return { diagnostics, diagnosticTokens: noDiagnosticTokens };
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
