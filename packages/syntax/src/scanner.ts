/**
 * Turns chevrotain's raw tokens into Alloy tokens: classifies literals and
 * keywords, validates them with upstream's error texts, turns unmatched
 * characters into ILLEGAL tokens, and inserts TERMINATOR tokens where
 * upstream's scanner does (LANGUAGE.md §1.8).
 */
import type { IToken } from 'chevrotain';
import type { Diagnostic, Fix } from './ast.js';
import { describeCharacter, scanDoubleQuoted } from './literals.js';
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
  diagnostics: Diagnostic[];
}

/** Every kind, indexed by its code in a TokenStream. */
export const tokenKinds: readonly TokenKind[] = [
  'IDENT', 'BOOL', 'NULL', 'NUMBER', 'FLOAT', 'STRING', 'COMMENT', 'TERMINATOR', 'ILLEGAL', 'EOF',
  '||', '&&', '!', '=', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '^', '{', '}', '(', ')', '[', ']', ',', '.',
];
const kindCode = new Map<TokenKind, number>(tokenKinds.map((kind, code) => [kind, code]));
export const COMMENT_CODE = kindCode.get('COMMENT')!;

/** Kind code of each operator token type, by chevrotain's token type index; `|` and `&` stand for `||` and `&&`. */
const operatorCodeOfType: number[] = [];
for (const tokenType of operatorTokenTypes) {
  const name = tokenType.name === '|' ? '||' : tokenType.name === '&' ? '&&' : (tokenType.name as TokenKind);
  operatorCodeOfType[tokenType.tokenTypeIdx!] = kindCode.get(name)!;
}
const CLOSING_CODES = new Set(['}', ')', ']'].map((kind) => kindCode.get(kind as TokenKind)!));
const TERMINATOR_CODE = kindCode.get('TERMINATOR')!;

/**
 * Tokens as parallel typed arrays: millions of token objects that live for
 * the whole parse would make every young-generation GC copy them.
 */
export class TokenStream {
  kinds = new Uint8Array(1024);
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  length = 0;

  constructor(readonly text: string) {}

  push(kind: TokenKind, start: number, end: number): void {
    this.pushCode(kindCode.get(kind)!, start, end);
  }

  pushCode(code: number, start: number, end: number): void {
    if (this.length === this.kinds.length) {
      const grow = <T extends Uint8Array | Int32Array>(array: T, bigger: T): T => {
        bigger.set(array);
        return bigger;
      };
      const capacity = this.length * 2;
      this.kinds = grow(this.kinds, new Uint8Array(capacity));
      this.starts = grow(this.starts, new Int32Array(capacity));
      this.ends = grow(this.ends, new Int32Array(capacity));
    }
    this.kinds[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
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

/** Characters lexed per chevrotain call: short-lived raw token arrays keep GC cheap. */
const CHUNK_SIZE = 1 << 16;

/** Kinds after which a line feed ends the statement. */
const terminatorDue = new Set<TokenKind>(['IDENT', 'BOOL', 'NULL', 'NUMBER', 'FLOAT', 'STRING', ')', ']', '}']);

interface UnmatchedRun {
  offset: number;
  length: number;
}

export function scan(text: string, lines: LineIndex): ScanResult {
  const tokens = new TokenStream(text);
  const diagnostics: Diagnostic[] = [];
  let insertTerminator = false;

  const report = (start: number, end: number, code: string, message: string, extra?: Partial<Diagnostic>): void => {
    diagnostics.push({
      code,
      severity: 'error',
      message,
      range: { start: lines.positionAt(start), end: lines.positionAt(end) },
      ...extra,
    });
  };
  const emitTerminator = (at: number, width: number): void => {
    tokens.push('TERMINATOR', at, at + width);
    insertTerminator = false;
  };

  const emitIllegalRun = (run: UnmatchedRun): void => {
    let offset = run.offset;
    const end = run.offset + run.length;
    while (offset < end) {
      const codePoint = text.codePointAt(offset) ?? 0;
      const character = String.fromCodePoint(codePoint);
      const next = offset + character.length;
      if (codePoint === 0xfeff && offset === 0) {
        offset = next;
        continue;
      }
      tokens.push('ILLEGAL', offset, next);
      if (codePoint === 0) report(offset, next, 'syntax/illegal-character', 'illegal character NUL');
      else if (codePoint === 0xfeff) report(offset, next, 'syntax/illegal-character', 'illegal byte order mark');
      else if (codePoint === 0xfffd || (codePoint >= 0xd800 && codePoint < 0xe000))
        report(offset, next, 'syntax/invalid-utf8', 'illegal UTF-8 encoding');
      else if (character === '#') reportHash(offset);
      else report(offset, next, 'syntax/illegal-character', `illegal character ${describeCharacter(character)}`);
      offset = next;
    }
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
    report(offset, offset + 1, 'syntax/hash-comment', `illegal character ${describeCharacter('#')}`, {
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
  const mayHaveBadCharacters = /[\0\ud800-\udfff\ufeff\ufffd]/.test(text);
  const reportBadCharactersIn = (start: number, end: number): void => {
    for (let offset = start; offset < end; offset++) {
      const code = text.charCodeAt(offset);
      if (code === 0) report(offset, offset + 1, 'syntax/illegal-character', 'illegal character NUL');
      else if (code === 0xfeff && offset > 0) report(offset, offset + 1, 'syntax/illegal-character', 'illegal byte order mark');
      else if (code === 0xfffd) report(offset, offset + 1, 'syntax/invalid-utf8', 'illegal UTF-8 encoding');
      else if (code >= 0xd800 && code <= 0xdbff && offset + 1 < end) {
        const next = text.charCodeAt(offset + 1);
        if (next >= 0xdc00 && next <= 0xdfff) offset++;
        else report(offset, offset + 1, 'syntax/invalid-utf8', 'illegal UTF-8 encoding');
      } else if (code >= 0xd800 && code <= 0xdfff) report(offset, offset + 1, 'syntax/invalid-utf8', 'illegal UTF-8 encoding');
    }
  };
  /** Turns chevrotain tokens `raw[0..count)` of a chunk starting at `base` into Alloy tokens. */
  const processChunk = (raw: IToken[], count: number, unmatched: UnmatchedRun[], base: number): void => {
  let unmatchedIndex = 0;
  for (let index = 0; index < count; index++) {
    const token: IToken = raw[index]!;
    const start = base + token.startOffset;
    while (unmatchedIndex < unmatched.length && unmatched[unmatchedIndex]!.offset < start) {
      emitIllegalRun(unmatched[unmatchedIndex]!);
      unmatchedIndex++;
    }
    const image = token.image;
    const end = start + image.length;
    const operatorCode = operatorCodeOfType[token.tokenTypeIdx];
    if (operatorCode !== undefined) {
      if (image === '|' || image === '&') {
        report(start, end, 'syntax/illegal-character', `missing second ${image} in ${image}${image}`);
      }
      tokens.pushCode(operatorCode, start, end);
      insertTerminator = CLOSING_CODES.has(operatorCode);
      continue;
    }
    const type = token.tokenType;
    if (type === Newline) {
      if (insertTerminator) emitTerminator(start, 1);
      continue;
    }
    if (type === LineComment || type === BlockComment) {
      if (insertTerminator && (type === LineComment || commentsReachLineEnd(start))) emitTerminator(start, 0);
      insertTerminator = false;
      tokens.push('COMMENT', start, end);
      if (mayHaveBadCharacters) reportBadCharactersIn(start, end);
      if (type === BlockComment && (image.length < 4 || !image.endsWith('*/'))) {
        report(start, end, 'syntax/unterminated-comment', 'block comment not terminated');
      }
      continue;
    }
    if (type === AsciiIdentifier || type === UnicodeIdentifier) {
      const kind: TokenKind = image === 'true' || image === 'false' ? 'BOOL' : image === 'null' ? 'NULL' : 'IDENT';
      tokens.push(kind, start, end);
      insertTerminator = true;
      continue;
    }
    if (type === NumberLike) {
      const isFloat = /[.eE]/.test(image);
      if (/[eE][+-]?$/.test(image)) report(start, end, 'syntax/invalid-number', 'exponent has no digits');
      tokens.push(isFloat ? 'FLOAT' : 'NUMBER', start, end);
      insertTerminator = true;
      continue;
    }
    if (type === DoubleQuoted) {
      // The common case, a closed string without escapes, needs no further check.
      if (image.length < 2 || image.charCodeAt(image.length - 1) !== 34 || image.indexOf('\\') !== -1) {
        const scanned = scanDoubleQuoted(image, text[end]);
        for (const problem of scanned.problems) {
          const at = start + problem.index;
          report(at, Math.min(at + 1, text.length), 'syntax/invalid-escape', problem.message);
        }
        if (!scanned.terminated) report(start, end, 'syntax/unterminated-string', 'string literal not terminated');
      }
      if (mayHaveBadCharacters) reportBadCharactersIn(start, end);
      tokens.push('STRING', start, end);
      insertTerminator = true;
      continue;
    }
    if (type === RawString) {
      if (image.length < 2 || !image.endsWith('`')) {
        report(start, end, 'syntax/unterminated-string', 'string literal not terminated');
      }
      if (mayHaveBadCharacters) reportBadCharactersIn(start, end);
      tokens.push('STRING', start, end);
      insertTerminator = true;
      continue;
    }
    if (type === SingleQuoted) {
      const content = image.slice(1, image.endsWith("'") && image.length > 1 ? -1 : undefined);
      const fixable = image.length > 1 && image.endsWith("'") && !/["\\]/.test(content);
      report(start, end, 'syntax/single-quoted-string', 'illegal single-quoted string; use double quotes', {
        ...(fixable
          ? {
              fix: {
                title: 'Use double quotes',
                edits: [{ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, newText: `"${content}"` }],
              },
            }
          : {}),
      });
      tokens.push('ILLEGAL', start, end);
      insertTerminator = true;
      continue;
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
  tokens.push('EOF', text.length, text.length);
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { tokens, diagnostics };
}
