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
  Operator,
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
  tokens: Token[];
  diagnostics: Diagnostic[];
}

/** Kinds after which a line feed ends the statement. */
const terminatorDue = new Set<TokenKind>(['IDENT', 'BOOL', 'NULL', 'NUMBER', 'FLOAT', 'STRING', ')', ']', '}']);

interface UnmatchedRun {
  offset: number;
  length: number;
}

export function scan(text: string, lines: LineIndex): ScanResult {
  const lexed = rawLexer().tokenize(text);
  const raw = lexed.tokens;
  const unmatched: UnmatchedRun[] = lexed.errors.map((error) => ({ offset: error.offset, length: error.length }));
  const tokens: Token[] = [];
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
    tokens.push({ kind: 'TERMINATOR', text: '\n', start: at, end: at + width });
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
      tokens.push({ kind: 'ILLEGAL', text: character, start: offset, end: next });
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
  let unmatchedIndex = 0;

  for (let index = 0; index < raw.length; index++) {
    const token: IToken = raw[index]!;
    const start = token.startOffset;
    while (unmatchedIndex < unmatched.length && unmatched[unmatchedIndex]!.offset < start) {
      emitIllegalRun(unmatched[unmatchedIndex]!);
      unmatchedIndex++;
    }
    const image = token.image;
    const end = start + image.length;
    const type = token.tokenType;
    if (type === Newline) {
      if (insertTerminator) emitTerminator(start, 1);
      continue;
    }
    if (type === LineComment || type === BlockComment) {
      if (insertTerminator && (type === LineComment || commentsReachLineEnd(start))) emitTerminator(start, 0);
      insertTerminator = false;
      tokens.push({ kind: 'COMMENT', text: image, start, end });
      if (mayHaveBadCharacters) reportBadCharactersIn(start, end);
      if (type === BlockComment && (image.length < 4 || !image.endsWith('*/'))) {
        report(start, end, 'syntax/unterminated-comment', 'block comment not terminated');
      }
      continue;
    }
    if (type === AsciiIdentifier || type === UnicodeIdentifier) {
      const kind: TokenKind = image === 'true' || image === 'false' ? 'BOOL' : image === 'null' ? 'NULL' : 'IDENT';
      tokens.push({ kind, text: image, start, end });
      insertTerminator = true;
      continue;
    }
    if (type === Operator) {
      let kind = image as OperatorKind;
      if (image === '|' || image === '&') {
        kind = image === '|' ? '||' : '&&';
        report(start, end, 'syntax/illegal-character', `missing second ${image} in ${kind}`);
      }
      tokens.push({ kind, text: image, start, end });
      insertTerminator = kind === ')' || kind === ']' || kind === '}';
      continue;
    }
    if (type === NumberLike) {
      const isFloat = /[.eE]/.test(image);
      if (/[eE][+-]?$/.test(image)) report(start, end, 'syntax/invalid-number', 'exponent has no digits');
      tokens.push({ kind: isFloat ? 'FLOAT' : 'NUMBER', text: image, start, end });
      insertTerminator = true;
      continue;
    }
    if (type === DoubleQuoted) {
      const scanned = scanDoubleQuoted(image, text[end]);
      for (const problem of scanned.problems) {
        const at = start + problem.index;
        report(at, Math.min(at + 1, text.length), 'syntax/invalid-escape', problem.message);
      }
      if (!scanned.terminated) report(start, end, 'syntax/unterminated-string', 'string literal not terminated');
      if (mayHaveBadCharacters) reportBadCharactersIn(start, end);
      tokens.push({ kind: 'STRING', text: image, start, end });
      insertTerminator = true;
      continue;
    }
    if (type === RawString) {
      if (image.length < 2 || !image.endsWith('`')) {
        report(start, end, 'syntax/unterminated-string', 'string literal not terminated');
      }
      if (mayHaveBadCharacters) reportBadCharactersIn(start, end);
      tokens.push({ kind: 'STRING', text: image, start, end });
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
      tokens.push({ kind: 'ILLEGAL', text: image, start, end });
      insertTerminator = true;
      continue;
    }
  }
  while (unmatchedIndex < unmatched.length) {
    emitIllegalRun(unmatched[unmatchedIndex]!);
    unmatchedIndex++;
  }
  if (insertTerminator) emitTerminator(text.length, 0);
  tokens.push({ kind: 'EOF', text: '', start: text.length, end: text.length });
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { tokens, diagnostics };
}
