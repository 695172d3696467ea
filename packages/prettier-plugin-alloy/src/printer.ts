/**
 * A port of upstream's `syntax/printer`: the walker queues text and
 * whitespace directives, comments are injected by source position, and the
 * resulting cell stream goes through the elastic-tabstop aligner.
 *
 * Positions follow upstream: byte offsets and 1-based source lines. The tree
 * carries UTF-16 offsets; lines come from the parse result's `LineIndex`,
 * asked in (mostly) increasing order of offsets, its fast path.
 */
import {
  LineIndex,
  type ArrayExpr,
  type Attribute,
  type Block,
  type CallExpr,
  type Comment,
  type Expression,
  type File,
  type LiteralExpr,
  type ObjectExpr,
  type ObjectKey,
  type Statement,
} from '@alloy-toolkit/syntax';
import { idleTabWriter, tabWriter } from './tabwriter.js';
import type { TabWriter } from './tabwriter.js';

const enum Ws {
  Ignore,
  Blank,
  VTab,
  Newline,
  Formfeed,
  Indent,
  Unindent,
}

const enum Code {
  Tab = 9,
  Newline = 10,
  VTab = 11,
  Formfeed = 12,
  Space = 32,
}

/** The character each spacing directive writes (0: none). */
const WS_CODE: Record<Ws, number> = {
  [Ws.Ignore]: 0,
  [Ws.Blank]: Code.Space,
  [Ws.VTab]: Code.VTab,
  [Ws.Newline]: Code.Newline,
  [Ws.Formfeed]: Code.Formfeed,
  [Ws.Indent]: 0,
  [Ws.Unindent]: 0,
};

/** What the last write was, for the token-combination guard and the EOF flush. */
const enum Tok {
  Whitespace,
  Ident,
  Number,
  OtherLiteral,
  Div,
  OtherToken,
  Eof,
}

interface SourcePos {
  /** Byte offset (upstream's unit). */
  offset: number;
  line: number;
}

const WHITESPACE_CAPACITY = 16;
const MAX_NEWLINES = 2;

/**
 * Converts UTF-16 offsets of the source to UTF-8 byte offsets. Only the
 * non-ASCII code units are listed, with the bytes they add: offsets are asked
 * in (mostly) increasing order, so a cursor finds them.
 */
class ByteOffsets {
  /** The offsets of the source's non-ASCII code units, in order; null when it has none. */
  private readonly positions: number[] | null = null;
  /** `extra[k]`: the UTF-8 bytes beyond one per code unit of the units at `positions[0, k]`. */
  private readonly extra: number[] | null = null;
  /** How many of `positions` are below the offset asked last. */
  private cursor = 0;

  constructor(text: string) {
    // A regular expression finds the non-ASCII runs several times faster than a loop over every code unit.
    const nonAsciiRuns = /[^\x00-\x7f]+/g;
    let run = nonAsciiRuns.exec(text);
    if (run === null) return;
    const positions: number[] = [];
    const extra: number[] = [];
    let added = 0;
    for (; run !== null; run = nonAsciiRuns.exec(text)) {
      const end = run.index + run[0].length;
      for (let index = run.index; index < end; index++) {
        const code = text.charCodeAt(index);
        if (code < 0x800) added += 1;
        else if (code >= 0xd800 && code <= 0xdbff) added += 3; // 4 bytes
        else if (code >= 0xdc00 && code <= 0xdfff) added -= 1; // 0 bytes
        else added += 2;
        positions.push(index);
        extra.push(added);
      }
    }
    this.positions = positions;
    this.extra = extra;
  }

  at(offset: number): number {
    const positions = this.positions;
    if (positions === null) return offset;
    let below = this.cursor;
    if (below > 0 && positions[below - 1]! >= offset) {
      // Back: the first position at or after `offset`, in [0, below - 1].
      let low = 0;
      let high = below - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (positions[middle]! >= offset) high = middle;
        else low = middle + 1;
      }
      below = low;
    } else {
      while (below < positions.length && positions[below]! < offset) below++;
    }
    this.cursor = below;
    return below === 0 ? offset : offset + this.extra![below - 1]!;
  }

  /** UTF-8 length of text taken from (or derived from) the source. */
  length(text: string): number {
    return this.positions === null ? text.length : byteLength(text);
  }
}

function byteLength(text: string): number {
  let bytes = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x80) {
      if (code < 0x800) bytes += 1;
      else if (code >= 0xd800 && code <= 0xdbff) bytes += 1; // 4 bytes for 2 units
      else if (code >= 0xdc00 && code <= 0xdfff) bytes += 0;
      else bytes += 2;
    }
  }
  return bytes;
}

/** The source lines of every comment, and upstream's comment groups as runs of comment indices. */
interface CommentLines {
  /** 1-based line of each comment's start, by index in the comment list. */
  startLines: Int32Array;
  /** 1-based line of each comment's end, by index in the comment list. */
  endLines: Int32Array;
  /** Index of the first comment of each group, then the comment count: group `g` is `[groupStarts[g], groupStarts[g + 1])`. */
  groupStarts: number[];
}

/**
 * Upstream's comment groups: runs of comment tokens with no other token
 * between them, each starting at most one line after the previous one ended.
 * The lines of every comment are kept, so that the printer does not ask the
 * line index again (out of order) when it injects them.
 */
function groupComments(text: string, comments: readonly Comment[], lines: LineIndex): CommentLines {
  const count = comments.length;
  const startLines = new Int32Array(count);
  const endLines = new Int32Array(count);
  const groupStarts: number[] = [];
  for (let index = 0; index < count; index++) {
    const comment = comments[index]!;
    const startLine = lines.lineOf(comment.start);
    startLines[index] = startLine;
    endLines[index] = lines.lineOf(comment.end);
    if (index === 0) {
      groupStarts.push(0);
    } else {
      const previous = comments[index - 1]!;
      if (startLine > endLines[index - 1]! + 1 || /\S/.test(text.slice(previous.end, comment.start))) groupStarts.push(index);
    }
  }
  groupStarts.push(count);
  return { startLines, endLines, groupStarts };
}

/** Picks a character absent from the source to bracket opaque text for the aligner (its code). */
function pickEscape(text: string): number {
  for (let code = 0xe000; code < 0xf8ff; code++) {
    if (!text.includes(String.fromCharCode(code))) return code;
  }
  /* c8 ignore next */
  return 0xffff;
}

/** Text is written in one of three ways; see `writeString`. */
const enum TextMode {
  Plain,
  Escaped,
  EscapedLines,
}

class Printer {
  private hasOutput = false;
  private indent = 0;
  private lastTok: Tok = Tok.Whitespace;
  /** The queued directives: `whitespace[0, wsCount)`. */
  private readonly whitespace: Ws[] = new Array<Ws>(WHITESPACE_CAPACITY).fill(Ws.Ignore);
  private wsCount = 0;
  private pos: SourcePos = { offset: 0, line: 1 };
  private last: SourcePos = { offset: 0, line: 0 };
  private outColumn = 1;

  private readonly comments: readonly Comment[];
  private readonly commentStartLines: Int32Array;
  private readonly commentEndLines: Int32Array;
  private readonly groupStarts: number[];
  private groupIndex = 0;
  /** The comments of the current group: indices `[groupFirst, groupEnd)`. */
  private groupFirst = 0;
  private groupEnd = 0;
  private commentOffset = -1;
  private hoist: SourcePos | null = null;

  constructor(
    private readonly text: string,
    private readonly bytes: ByteOffsets,
    private readonly lines: LineIndex,
    comments: readonly Comment[],
    /** Where the text goes, to be aligned. */
    private readonly out: TabWriter,
  ) {
    this.comments = comments;
    const commentLines = groupComments(text, comments, lines);
    this.commentStartLines = commentLines.startLines;
    this.commentEndLines = commentLines.endLines;
    this.groupStarts = commentLines.groupStarts;
    this.nextComment();
  }

  /**
   * The comments from `offset` (UTF-16, of the source) on that the next write injects are hoisted
   * out of a block name: the first one is spaced as if it started on `offset`'s line, where the
   * block starts.
   */
  hoistComments(offset: number): void {
    this.hoist = { offset: this.bytes.at(offset), line: this.lines.lineOf(offset) };
  }

  /** Whether a comment starts in `[start, end)` (UTF-16 offsets of the source). */
  hasCommentIn(start: number, end: number): boolean {
    return this.comments.some((comment) => comment.start >= start && comment.start < end);
  }

  // --- Write arguments -------------------------------------------------

  ws(first: Ws, second?: Ws, third?: Ws): void {
    this.queue(first);
    if (second !== undefined) this.queue(second);
    if (third !== undefined) this.queue(third);
  }

  private queue(item: Ws): void {
    if (item === Ws.Ignore) return;
    if (this.wsCount === WHITESPACE_CAPACITY) this.writeWhitespace(WHITESPACE_CAPACITY);
    this.whitespace[this.wsCount++] = item;
    this.lastTok = Tok.Whitespace;
  }

  /** The next write is at `offset` (UTF-16, of the source); `null` leaves the position as it is. */
  at(offset: number | null): void {
    if (offset !== null) {
      this.pos.offset = this.bytes.at(offset);
      this.pos.line = this.lines.lineOf(offset);
    }
  }

  ident(name: string): void {
    this.lastTok = Tok.Ident;
    this.emit(name, TextMode.Plain);
  }

  literal(raw: string, isNumber: boolean, isString: boolean): void {
    this.lastTok = isNumber ? Tok.Number : Tok.OtherLiteral;
    // Escaping only matters for the characters the aligner and trimmer would alter.
    this.emit(raw, isString && /[\t\v\f]| \n/.test(raw) ? TextMode.EscapedLines : TextMode.Plain);
  }

  token(text: string): void {
    if ((this.lastTok === Tok.Number && text[0] === '.') || (this.lastTok === Tok.Div && text[0] === '*')) {
      this.whitespace[0] = Ws.Blank;
      this.wsCount = 1;
    }
    this.lastTok = text === '/' ? Tok.Div : Tok.OtherToken;
    this.emit(text, TextMode.Plain);
  }

  end(): void {
    this.flush(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, Tok.Eof);
  }

  private emit(data: string, mode: TextMode): void {
    const nextOffset = this.pos.offset;
    const nextLine = this.pos.line;
    this.flush(nextOffset, nextLine, this.lastTok);
    this.hoist = null;
    this.writeString(nextOffset, nextLine, data, mode);
  }

  // --- Comments --------------------------------------------------------

  private nextComment(): void {
    const starts = this.groupStarts;
    // Groups are never empty: `groupStarts` ends with the comment count.
    if (this.groupIndex + 1 < starts.length) {
      this.groupFirst = starts[this.groupIndex]!;
      this.groupEnd = starts[this.groupIndex + 1]!;
      this.groupIndex++;
      this.commentOffset = this.bytes.at(this.comments[this.groupFirst]!.start);
      return;
    }
    this.commentOffset = -1;
  }

  private commentBefore(nextOffset: number): boolean {
    return this.commentOffset !== -1 && this.commentOffset <= nextOffset;
  }

  /** Before a write at (`nextOffset`, `nextLine`): the comments before it, or the queued whitespace. */
  private flush(nextOffset: number, nextLine: number, tok: Tok): void {
    if (this.commentBefore(nextOffset)) {
      this.injectComments(nextOffset, nextLine, tok);
    } else if (tok !== Tok.Eof) {
      this.writeWhitespace(this.wsCount);
    }
  }

  private injectComments(nextOffset: number, nextLine: number, tok: Tok): void {
    let lastComment = -1;
    while (this.commentBefore(nextOffset)) {
      for (let index = this.groupFirst; index < this.groupEnd; index++) {
        const comment = this.comments[index]!;
        const commentLine = this.commentStartLines[index]!;
        this.writeCommentPrefix(nextLine, comment, commentLine);
        this.writeString(this.bytes.at(comment.start), commentLine, withoutCarriageReturns(comment.text), TextMode.Escaped);
        lastComment = index;
      }
      this.nextComment();
    }
    if (lastComment !== -1) this.writeCommentSuffix(nextLine, tok, this.comments[lastComment]!, this.commentEndLines[lastComment]!);
  }

  private writeCommentPrefix(nextLine: number, comment: Comment, startLine: number): void {
    let commentLine = startLine;
    if (this.hoist !== null && this.bytes.at(comment.start) >= this.hoist.offset) {
      commentLine = Math.max(this.hoist.line, this.last.line + 1);
      this.hoist = null;
    }
    if (!this.hasOutput) return;
    if (commentLine === this.last.line) {
      this.writeByte(commentLine === nextLine ? Code.Space : Code.Tab, 1);
      return;
    }
    // Apply leading indentation changes, drop the first other directive.
    let count = 0;
    for (let index = 0; index < this.wsCount; index++) {
      const item = this.whitespace[index]!;
      if (item === Ws.Indent || item === Ws.Unindent) continue;
      this.whitespace[index] = Ws.Ignore;
      count = index;
      break;
    }
    this.writeWhitespace(count);
    const newlines = this.last.line > 0 ? commentLine - this.last.line : 0;
    if (newlines > 0) this.writeByte(Code.Formfeed, Math.min(newlines, MAX_NEWLINES));
  }

  private writeCommentSuffix(nextLine: number, tok: Tok, lastComment: Comment, lastCommentEndLine: number): void {
    if (tok === Tok.Eof) return;
    if (lastComment.text[1] === '*' && nextLine === lastCommentEndLine) this.writeByte(Code.Space, 1);
    const newlines = nextLine - this.last.line;
    let droppedFormfeed = false;
    for (let index = 0; index < this.wsCount; index++) {
      const item = this.whitespace[index]!;
      if (item === Ws.Indent || item === Ws.Unindent) continue;
      if (item === Ws.Formfeed) droppedFormfeed = true;
      this.whitespace[index] = Ws.Ignore;
    }
    this.writeWhitespace(this.wsCount);
    if (newlines > 0) this.writeByte(droppedFormfeed ? Code.Formfeed : Code.Newline, Math.min(newlines, MAX_NEWLINES));
  }

  // --- Output ----------------------------------------------------------

  private appendCode(code: number, count: number): void {
    if (count <= 0) return;
    this.out.writeCode(code, count);
    this.hasOutput = true;
  }

  /**
   * Plain text is interpreted by the aligner (as upstream does for every
   * token); Escaped text is opaque (comments); EscapedLines makes each line of
   * a string literal opaque while keeping its line breaks, so that tabs and
   * trailing blanks inside strings survive (a deliberate deviation).
   */
  private writeString(offset: number, line: number, text: string, mode: TextMode): void {
    if (this.outColumn === 1) this.writeIndent();
    const length = text.length;
    const plain = mode === TextMode.Plain;
    if (length > 0 || !plain) this.hasOutput = true;
    // Upstream also counts form feeds as line breaks, which the source does not: after `//\f` its
    // output line runs one ahead of the source, and the line break after the comment is dropped
    // (deliberate deviation: a form feed is text).
    const out = this.out;
    let units: number;
    let lineBreaks: number;
    let lastLineBreak: number;
    if (mode === TextMode.EscapedLines) {
      ({ units, lineBreaks, lastLineBreak } = this.writeEscapedLines(text));
    } else {
      if (!plain) out.toggleEscape();
      units = out.write(text);
      if (!plain) out.toggleEscape();
      lineBreaks = out.lineBreaks;
      lastLineBreak = out.lastLineBreak;
    }
    this.pos.offset = offset + (units < 0x80 ? length : this.bytes.length(text));
    this.pos.line = line + lineBreaks;
    if (lineBreaks > 0) {
      this.outColumn = length - lastLineBreak;
    } else {
      this.outColumn += length;
    }
    this.last.offset = this.pos.offset;
    this.last.line = this.pos.line;
  }

  /** Each line of `text` escaped, the line feeds between them not. */
  private writeEscapedLines(text: string): { units: number; lineBreaks: number; lastLineBreak: number } {
    const out = this.out;
    let units = 0;
    let lineBreaks = 0;
    let lineStart = 0;
    for (let lineEnd = text.indexOf('\n'); lineEnd !== -1; lineEnd = text.indexOf('\n', lineStart)) {
      out.toggleEscape();
      units |= out.write(text, lineStart, lineEnd);
      out.toggleEscape();
      out.writeCode(Code.Newline, 1);
      lineBreaks++;
      lineStart = lineEnd + 1;
    }
    out.toggleEscape();
    units |= out.write(text, lineStart);
    out.toggleEscape();
    return { units: units | (lineBreaks > 0 ? Code.Newline : 0), lineBreaks, lastLineBreak: lineStart - 1 };
  }

  private writeIndent(): void {
    const depth = this.indent;
    if (depth > 0) this.appendCode(Code.Tab, depth);
    this.pos.offset += depth;
    this.outColumn += depth;
  }

  private writeByte(code: number, count: number): void {
    if (this.outColumn === 1) this.writeIndent();
    this.appendCode(code, count);
    this.pos.offset += count;
    if (code === Code.Newline || code === Code.Formfeed) {
      this.pos.line += count;
      this.outColumn = 1;
    } else {
      this.outColumn += count;
    }
  }

  private writeWhitespace(count: number): void {
    for (let index = 0; index < count; index++) {
      const item = this.whitespace[index]!;
      if (item === Ws.Ignore) continue;
      if (item === Ws.Indent) this.indent++;
      else if (item === Ws.Unindent) this.indent = Math.max(0, this.indent - 1);
      else this.writeByte(WS_CODE[item], 1);
    }
    if (count === this.wsCount) {
      this.wsCount = 0;
    } else if (count > 0) {
      const whitespace = this.whitespace;
      for (let index = count; index < this.wsCount; index++) whitespace[index - count] = whitespace[index]!;
      this.wsCount -= count;
    }
  }

  // Used by the walker for key end positions.
  textAt(offset: number): string {
    return this.text[offset] ?? '';
  }
}

/**
 * A comment as upstream's scanner returns it: without its carriage returns (FORMAT.md §1), so a
 * CRLF file comes out with LF endings only. A CR between `*` and `/` is kept, so that it does not
 * close a block comment early.
 */
export function withoutCarriageReturns(comment: string): string {
  if (comment.indexOf('\r') === -1) return comment;
  const isBlock = comment[1] === '*';
  const text = comment.endsWith('\r') ? comment.slice(0, -1) : comment;
  if (text.indexOf('\r') === -1) return text;
  let kept = '';
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (character !== '\r' || (isBlock && kept.length > 2 && kept.endsWith('*') && text[index + 1] === '/')) kept += character;
  }
  return kept;
}

// --- Walker ---------------------------------------------------------------

/**
 * Go's `%q` for the strings the printer re-quotes. Keys and labels that %q
 * would escape are kept as written instead: upstream stores them unescaped,
 * so re-quoting would change them (a deliberate deviation).
 */
function needsVerbatim(content: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\\"\x00-\x1f\x7f\u0080-\u009f\u2028\u2029\ufffd]/.test(content);
}

/**
 * Walks the tree in source order. Lines are asked of the `LineIndex` in increasing order of
 * offsets wherever the output allows it (its fast path): a line needed before the text in between
 * is walked is found from `lineStarts` instead (`onLine`), which leaves the index's cursor alone.
 */
class Walker {
  private readonly lineStarts: Int32Array;

  constructor(
    private readonly p: Printer,
    private readonly lines: LineIndex,
  ) {
    this.lineStarts = lines.lineStarts;
  }

  file(file: File): void {
    this.statements(file.body);
  }

  /** Whether `offset`, at or after a point on `line`, is still on that line. */
  private onLine(line: number, offset: number): boolean {
    return line >= this.lineStarts.length || offset < this.lineStarts[line]!;
  }

  private statements(body: readonly Statement[]): void {
    const lines = this.lines;
    let previousEndLine = 0;
    for (let index = 0; index < body.length; index++) {
      const statement = body[index]!;
      const startLine = lines.lineOf(statement.start);
      let addedSpacing = false;
      if (index > 0 && statement.type === 'Block') {
        this.p.ws(Ws.Formfeed);
        addedSpacing = true;
      }
      if (index > 0 && !addedSpacing) {
        if (startLine - previousEndLine > 1) this.p.ws(Ws.Formfeed);
      }
      if (statement.type === 'Block') this.block(statement, startLine);
      else this.attribute(statement);
      previousEndLine = lines.lineOf(statement.end);
      this.p.ws(previousEndLine - startLine + 1 > 1 ? Ws.Formfeed : Ws.Newline);
    }
  }

  private attribute(attribute: Attribute): void {
    this.p.at(attribute.start);
    this.p.ident(attribute.name);
    this.p.ws(Ws.VTab);
    this.p.token('=');
    this.p.ws(Ws.Blank);
    this.expression(attribute.value);
  }

  private block(block: Block, startLine: number): void {
    // Comments inside a name broken over lines (`a.` / `// c` / `b "l" {`) are printed before the
    // block (deliberate deviation): upstream prints them between the name and the label, `a.b` /
    // `// c` / `"l" {`, which does not parse. Printing the name at its last fragment puts every
    // comment before that fragment in front of the name.
    const last = block.name[block.name.length - 1]!;
    if (!this.onLine(startLine, last.start) && this.p.hasCommentIn(block.start, last.start)) {
      this.p.at(last.start);
      this.p.hoistComments(block.start);
    } else {
      this.p.at(block.start);
    }
    this.p.ident(block.fullName);
    if (block.label !== null && block.label.value !== '') {
      this.p.ws(Ws.Blank);
      this.p.at(block.label.start);
      const label = block.label.value;
      this.p.literal(needsVerbatim(label) ? block.label.raw : `"${label}"`, false, true);
    }
    this.p.ws(Ws.Blank);
    this.p.at(block.lbrace);
    this.p.token('{');
    this.p.ws(Ws.Indent);
    if (block.body.length > 0) {
      this.p.ws(Ws.Formfeed);
      this.statements(block.body);
    } else {
      this.p.ws(Ws.Blank);
    }
    this.p.ws(Ws.Unindent);
    this.p.at(block.rbrace);
    this.p.token('}');
  }

  private expression(expression: Expression): void {
    const p = this.p;
    switch (expression.type) {
      case 'Literal':
        p.at(expression.start);
        this.literal(expression);
        return;
      case 'IdentifierExpr':
        p.at(expression.start);
        p.ident(expression.name);
        return;
      case 'Access':
        this.expression(expression.object);
        p.token('.');
        p.ident(expression.property);
        return;
      case 'Index':
        this.expression(expression.object);
        p.at(expression.lbracket);
        p.token('[');
        this.expression(expression.index);
        p.at(expression.rbracket);
        p.token(']');
        return;
      case 'Call':
        this.call(expression);
        return;
      case 'Unary':
        p.at(expression.start);
        p.token(expression.operator);
        this.expression(expression.operand);
        return;
      case 'Binary':
        this.expression(expression.left);
        p.ws(Ws.Blank);
        p.at(expression.operatorStart);
        p.token(expression.operator);
        p.ws(Ws.Blank);
        this.expression(expression.right);
        return;
      case 'Paren':
        p.token('(');
        this.expression(expression.expression);
        p.token(')');
        return;
      case 'Array':
        this.array(expression);
        return;
      case 'Object':
        this.object(expression);
        return;
      case 'Error':
        // Only reachable for trees with diagnostics; upstream substitutes null.
        p.at(expression.start);
        p.ident('null');
        return;
    }
  }

  private literal(literal: LiteralExpr): void {
    this.p.literal(literal.raw, literal.kind === 'number', literal.kind === 'string');
  }

  private array(array: ArrayExpr): void {
    const p = this.p;
    const lines = this.lines;
    p.at(array.lbracket);
    p.token('[');
    let previousLine = lines.lineOf(array.lbracket);
    const elements = array.elements;
    for (let index = 0; index < elements.length; index++) {
      const element = elements[index]!;
      let broken = false;
      if (previousLine !== lines.lineOf(element.start)) {
        p.ws(Ws.Indent, Ws.Formfeed);
        broken = true;
      } else if (index > 0) {
        p.ws(Ws.Blank);
      }
      this.expression(element);
      previousLine = lines.lineOf(element.end);
      if (index + 1 < elements.length) p.token(',');
      if (broken) p.ws(Ws.Unindent);
    }
    if (elements.length > 0 && previousLine !== lines.lineOf(array.rbracket)) {
      p.token(',');
      p.ws(Ws.Indent, Ws.Formfeed, Ws.Unindent);
    }
    p.at(array.rbracket);
    p.token(']');
  }

  /** Upstream measures the key's end as start + length of its unquoted name - 1 (in bytes). */
  private keyEndLine(key: ObjectKey, startLine: number): number {
    const nameLength = key.name.length;
    if (nameLength === 0) {
      return this.p.textAt(key.start - 1) === '\n' ? startLine - 1 : startLine;
    }
    let line = startLine;
    const end = key.start + nameLength - 1;
    for (let offset = key.start; offset < end; offset++) {
      if (this.p.textAt(offset) === '\n') line++;
    }
    return line;
  }

  private object(object: ObjectExpr): void {
    const p = this.p;
    const lines = this.lines;
    p.at(object.lbrace);
    p.token('{');
    p.ws(Ws.Indent);
    let previousLine = lines.lineOf(object.lbrace);
    /** Whether the value of the previous field is on one line. */
    let previousValueOneLine = false;
    const fields = object.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      const keyLine = lines.lineOf(field.key.start);
      if (previousLine !== keyLine) {
        if (index > 0 && previousValueOneLine) p.ws(Ws.Newline);
        else p.ws(Ws.Formfeed);
      } else if (index > 0) {
        p.ws(Ws.Blank);
      }
      previousLine = this.keyEndLine(field.key, keyLine);
      p.at(field.key.start);
      if (field.key.quoted) {
        const name = field.key.name;
        p.literal(needsVerbatim(name) ? field.key.raw : `"${name}"`, false, true);
      } else {
        p.ident(field.key.name);
      }
      p.ws(Ws.VTab);
      p.token('=');
      p.ws(Ws.Blank);
      const valueStartLine = lines.lineOf(field.value.start);
      this.expression(field.value);
      previousValueOneLine = lines.lineOf(field.value.end) === valueStartLine;
      if (index + 1 < fields.length) p.token(',');
    }
    if (fields.length > 0 && previousLine !== lines.lineOf(object.rbrace)) {
      p.token(',');
      p.ws(Ws.Formfeed);
    }
    p.ws(Ws.Unindent);
    p.at(object.rbrace);
    p.token('}');
  }

  private call(call: CallExpr): void {
    const p = this.p;
    this.expression(call.callee);
    // Multi-line calls are printed like arrays (deliberate deviation): upstream
    // emits `f(,\n)` for `f(\n)` and misplaces comments between arguments.
    const lines = this.lines;
    let previousLine = lines.lineOf(call.lparen);
    const multiLine = !this.onLine(previousLine, call.rparen);
    if (multiLine) p.at(call.lparen);
    p.token('(');
    const args = call.args;
    for (let index = 0; index < args.length; index++) {
      const argument = args[index]!;
      let broken = false;
      if (previousLine !== lines.lineOf(argument.start)) {
        if (multiLine) p.ws(Ws.Indent, Ws.Formfeed);
        else p.ws(Ws.Formfeed, Ws.Indent);
        broken = true;
      }
      this.expression(argument);
      previousLine = lines.lineOf(argument.end);
      if (index + 1 < args.length) {
        p.token(',');
        p.ws(Ws.Blank);
      }
      if (broken) p.ws(Ws.Unindent);
    }
    if (previousLine !== lines.lineOf(call.rparen)) {
      if (args.length > 0) {
        p.token(',');
        p.ws(Ws.Indent, Ws.Formfeed, Ws.Unindent);
      }
    }
    if (multiLine) p.at(call.rparen);
    p.token(')');
  }
}

/**
 * Idle instances of the printer's classes, made once from an empty text and never used. V8 holds
 * the shape (hidden class) of a class's instances weakly, from optimized code too: between two
 * calls no printer object is alive, so a full GC would drop the shapes and discard the optimized
 * code of every method that uses them, and the next call would run unoptimized while it is
 * compiled again (about twice as slow on the corpus when a GC falls between two calls).
 */
export const shapeKeepers: readonly object[] = (() => {
  const lines = new LineIndex('');
  return [new Walker(new Printer('', new ByteOffsets(''), lines, [], idleTabWriter), lines)];
})();

/**
 * Prints a parsed file as `alloy fmt` does, without the final newline
 * (upstream's `printer.Fprint`), followed by `suffix`.
 */
export function printFile(text: string, file: File, comments: readonly Comment[], lines: LineIndex, suffix = ''): string {
  const escape = pickEscape(text);
  // The output is (mostly) the source's characters: a one-byte string is likely when the source is one.
  const out = tabWriter(escape, !/[^\x00-\xff]/.test(text), text.length);
  const printer = new Printer(text, new ByteOffsets(text), lines, comments, out);
  new Walker(printer, lines).file(file);
  printer.end();
  return out.finish(suffix);
}
