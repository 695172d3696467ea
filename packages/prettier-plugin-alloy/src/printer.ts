/**
 * A port of upstream's `syntax/printer`: the walker queues text and
 * whitespace directives, comments are injected by source position, and the
 * resulting cell stream goes through the elastic-tabstop aligner.
 *
 * Positions follow upstream: byte offsets and 1-based source lines.
 */
import type {
  ArrayExpr,
  Attribute,
  Block,
  CallExpr,
  Comment,
  Expression,
  File,
  LiteralExpr,
  ObjectExpr,
  ObjectKey,
  Position,
  Statement,
} from '@alloy-toolkit/syntax';
import { alignAndTrim } from './tabwriter.js';

const enum Ws {
  Ignore,
  Blank,
  VTab,
  Newline,
  Formfeed,
  Indent,
  Unindent,
}

const WS_CHAR: Record<Ws, string> = {
  [Ws.Ignore]: '',
  [Ws.Blank]: ' ',
  [Ws.VTab]: '\v',
  [Ws.Newline]: '\n',
  [Ws.Formfeed]: '\f',
  [Ws.Indent]: '',
  [Ws.Unindent]: '',
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
const TABS = Array.from({ length: 16 }, (_, depth) => '\t'.repeat(depth));
const MAX_NEWLINES = 2;

/** Converts UTF-16 offsets of the source to UTF-8 byte offsets. */
class ByteOffsets {
  private readonly table: Uint32Array | null;

  constructor(text: string) {
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(text)) {
      this.table = null;
      return;
    }
    const table = new Uint32Array(text.length + 1);
    let bytes = 0;
    for (let index = 0; index < text.length; index++) {
      table[index] = bytes;
      const code = text.charCodeAt(index);
      if (code < 0x80) bytes += 1;
      else if (code < 0x800) bytes += 2;
      else if (code >= 0xd800 && code <= 0xdbff) bytes += 4;
      else if (code >= 0xdc00 && code <= 0xdfff) bytes += 0;
      else bytes += 3;
    }
    table[text.length] = bytes;
    this.table = table;
  }

  at(offset: number): number {
    return this.table === null ? offset : this.table[offset]!;
  }

  /** UTF-8 length of text taken from (or derived from) the source. */
  length(text: string): number {
    return this.table === null ? text.length : byteLength(text);
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

/**
 * Line feeds in a comment or string literal. Upstream also counts form feeds, which the source
 * does not count as line breaks: after `//\f` its output line runs one ahead of the source, and
 * the line break after the comment is dropped (deliberate deviation: a form feed is text).
 */
function countLineBreaks(text: string): { count: number; lastIndex: number } {
  let count = 0;
  let lastIndex = -1;
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      count++;
      lastIndex = index;
    }
  }
  return { count, lastIndex };
}

/**
 * Upstream's comment groups: runs of comment tokens with no other token
 * between them, each starting at most one line after the previous one ended.
 */
function groupComments(text: string, comments: readonly Comment[]): Comment[][] {
  const groups: Comment[][] = [];
  let current: Comment[] = [];
  let previous: Comment | null = null;
  for (const comment of comments) {
    if (
      previous !== null &&
      (comment.start.line > previous.end.line + 1 || /\S/.test(text.slice(previous.end.offset, comment.start.offset)))
    ) {
      groups.push(current);
      current = [];
    }
    current.push(comment);
    previous = comment;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Picks a character absent from the source to bracket opaque text for the aligner. */
function pickEscape(text: string): string {
  for (let code = 0xe000; code < 0xf8ff; code++) {
    const candidate = String.fromCharCode(code);
    if (!text.includes(candidate)) return candidate;
  }
  /* c8 ignore next */
  return '\uffff';
}

/** Text is written in one of three ways; see `writeString`. */
const enum TextMode {
  Plain,
  Escaped,
  EscapedLines,
}

class Printer {
  private readonly chunks: string[] = [];
  private hasOutput = false;
  private indent = 0;
  private lastTok: Tok = Tok.Whitespace;
  private whitespace: Ws[] = [];
  private pos: SourcePos = { offset: 0, line: 1 };
  private last: SourcePos = { offset: 0, line: 0 };
  private outColumn = 1;

  private readonly comments: readonly Comment[];
  private readonly groups: Comment[][];
  private groupIndex = 0;
  private currentGroup: Comment[] = [];
  private commentOffset = -1;
  private hoist: SourcePos | null = null;

  constructor(
    private readonly text: string,
    private readonly bytes: ByteOffsets,
    comments: readonly Comment[],
    private readonly escape: string,
  ) {
    this.comments = comments;
    this.groups = groupComments(text, comments);
    this.nextComment();
  }

  result(): string {
    return this.chunks.join('');
  }

  source(position: Position): SourcePos {
    return { offset: this.bytes.at(position.offset), line: position.line };
  }

  /**
   * The comments from `position` on that the next write injects are hoisted out of a block name:
   * the first one is spaced as if it started on `position`'s line, where the block starts.
   */
  hoistComments(position: Position): void {
    this.hoist = this.source(position);
  }

  /** Whether a comment starts in `[start, end)` (UTF-16 offsets of the source). */
  hasCommentIn(start: number, end: number): boolean {
    return this.comments.some((comment) => comment.start.offset >= start && comment.start.offset < end);
  }

  // --- Write arguments -------------------------------------------------

  ws(...items: Ws[]): void {
    for (const item of items) {
      if (item === Ws.Ignore) continue;
      if (this.whitespace.length === WHITESPACE_CAPACITY) this.writeWhitespace(WHITESPACE_CAPACITY);
      this.whitespace.push(item);
      this.lastTok = Tok.Whitespace;
    }
  }

  at(position: Position | null): void {
    if (position !== null) {
      this.pos.offset = this.bytes.at(position.offset);
      this.pos.line = position.line;
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
      this.whitespace = [Ws.Blank];
    }
    this.lastTok = text === '/' ? Tok.Div : Tok.OtherToken;
    this.emit(text, TextMode.Plain);
  }

  end(): void {
    this.flush({ offset: Number.MAX_SAFE_INTEGER, line: Number.MAX_SAFE_INTEGER }, Tok.Eof);
  }

  private emit(data: string, mode: TextMode): void {
    const next = { offset: this.pos.offset, line: this.pos.line };
    this.flush(next, this.lastTok);
    this.hoist = null;
    this.writeString(next, data, mode);
  }

  // --- Comments --------------------------------------------------------

  private nextComment(): void {
    while (this.groupIndex < this.groups.length) {
      const group = this.groups[this.groupIndex++]!;
      if (group.length > 0) {
        this.currentGroup = group;
        this.commentOffset = this.bytes.at(group[0]!.start.offset);
        return;
      }
    }
    this.commentOffset = -1;
  }

  private commentBefore(next: SourcePos): boolean {
    return this.commentOffset !== -1 && this.commentOffset <= next.offset;
  }

  private flush(next: SourcePos, tok: Tok): void {
    if (this.commentBefore(next)) {
      this.injectComments(next, tok);
    } else if (tok !== Tok.Eof) {
      this.writeWhitespace(this.whitespace.length);
    }
  }

  private injectComments(next: SourcePos, tok: Tok): void {
    let lastComment: Comment | null = null;
    while (this.commentBefore(next)) {
      for (const comment of this.currentGroup) {
        this.writeCommentPrefix(next, comment);
        this.writeString(this.source(comment.start), withoutCarriageReturns(comment.text), TextMode.Escaped);
        lastComment = comment;
      }
      this.nextComment();
    }
    if (lastComment !== null) this.writeCommentSuffix(next, tok, lastComment);
  }

  private writeCommentPrefix(next: SourcePos, comment: Comment): void {
    let commentLine = comment.start.line;
    if (this.hoist !== null && this.bytes.at(comment.start.offset) >= this.hoist.offset) {
      commentLine = Math.max(this.hoist.line, this.last.line + 1);
      this.hoist = null;
    }
    if (!this.hasOutput) return;
    if (commentLine === this.last.line) {
      this.writeByte(commentLine === next.line ? ' ' : '\t', 1);
      return;
    }
    // Apply leading indentation changes, drop the first other directive.
    let count = 0;
    for (let index = 0; index < this.whitespace.length; index++) {
      const item = this.whitespace[index]!;
      if (item === Ws.Indent || item === Ws.Unindent) continue;
      this.whitespace[index] = Ws.Ignore;
      count = index;
      break;
    }
    this.writeWhitespace(count);
    const newlines = this.last.line > 0 ? commentLine - this.last.line : 0;
    if (newlines > 0) this.writeByte('\f', Math.min(newlines, MAX_NEWLINES));
  }

  private writeCommentSuffix(next: SourcePos, tok: Tok, lastComment: Comment): void {
    if (tok === Tok.Eof) return;
    if (lastComment.text[1] === '*' && next.line === lastComment.end.line) this.writeByte(' ', 1);
    const newlines = next.line - this.last.line;
    let droppedFormfeed = false;
    for (let index = 0; index < this.whitespace.length; index++) {
      const item = this.whitespace[index]!;
      if (item === Ws.Indent || item === Ws.Unindent) continue;
      if (item === Ws.Formfeed) droppedFormfeed = true;
      this.whitespace[index] = Ws.Ignore;
    }
    this.writeWhitespace(this.whitespace.length);
    if (newlines > 0) this.writeByte(droppedFormfeed ? '\f' : '\n', Math.min(newlines, MAX_NEWLINES));
  }

  // --- Output ----------------------------------------------------------

  private append(text: string): void {
    if (text.length === 0) return;
    this.chunks.push(text);
    this.hasOutput = true;
  }

  /**
   * Plain text is interpreted by the aligner (as upstream does for every
   * token); Escaped text is opaque (comments); EscapedLines makes each line of
   * a string literal opaque while keeping its line breaks, so that tabs and
   * trailing blanks inside strings survive (a deliberate deviation).
   */
  private writeString(position: SourcePos, text: string, mode: TextMode): void {
    if (this.outColumn === 1) this.writeIndent();
    this.pos.offset = position.offset;
    this.pos.line = position.line;
    if (mode === TextMode.Escaped) {
      this.append(this.escape + text + this.escape);
    } else if (mode === TextMode.EscapedLines) {
      const escape = this.escape;
      this.append(escape + text.split('\n').join(escape + '\n' + escape) + escape);
    } else {
      this.append(text);
    }
    const { count, lastIndex } = countLineBreaks(text);
    this.pos.offset += this.bytes.length(text);
    if (count > 0) {
      this.pos.line += count;
      this.outColumn = text.length - lastIndex;
    } else {
      this.outColumn += text.length;
    }
    this.last.offset = this.pos.offset;
    this.last.line = this.pos.line;
  }

  private writeIndent(): void {
    const depth = this.indent;
    if (depth > 0) this.append(depth < TABS.length ? TABS[depth]! : '\t'.repeat(depth));
    this.pos.offset += depth;
    this.outColumn += depth;
  }

  private writeByte(ch: string, count: number): void {
    if (this.outColumn === 1) this.writeIndent();
    this.append(ch.repeat(count));
    this.pos.offset += count;
    if (ch === '\n' || ch === '\f') {
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
      else this.writeByte(WS_CHAR[item], 1);
    }
    if (count === this.whitespace.length) this.whitespace.length = 0;
    else if (count > 0) this.whitespace.splice(0, count);
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

function nodeLines(node: { start: Position; end: Position }): number {
  return node.end.line - node.start.line + 1;
}

/**
 * Go's `%q` for the strings the printer re-quotes. Keys and labels that %q
 * would escape are kept as written instead: upstream stores them unescaped,
 * so re-quoting would change them (a deliberate deviation).
 */
function needsVerbatim(content: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\\"\x00-\x1f\x7f\u0080-\u009f\u2028\u2029\ufffd]/.test(content);
}

class Walker {
  constructor(private readonly p: Printer) {}

  file(file: File): void {
    this.statements(file.body);
  }

  private statements(body: readonly Statement[]): void {
    for (let index = 0; index < body.length; index++) {
      const statement = body[index]!;
      let addedSpacing = false;
      if (index > 0 && statement.type === 'Block') {
        this.p.ws(Ws.Formfeed);
        addedSpacing = true;
      }
      if (index > 0 && !addedSpacing) {
        const previous = body[index - 1]!;
        if (statement.start.line - previous.end.line > 1) this.p.ws(Ws.Formfeed);
      }
      if (statement.type === 'Block') this.block(statement);
      else this.attribute(statement);
      this.p.ws(nodeLines(statement) > 1 ? Ws.Formfeed : Ws.Newline);
    }
  }

  private attribute(attribute: Attribute): void {
    this.p.at(attribute.name.start);
    this.p.ident(attribute.name.name);
    this.p.ws(Ws.VTab);
    this.p.token('=');
    this.p.ws(Ws.Blank);
    this.expression(attribute.value);
  }

  private block(block: Block): void {
    // Comments inside a name broken over lines (`a.` / `// c` / `b "l" {`) are printed before the
    // block (deliberate deviation): upstream prints them between the name and the label, `a.b` /
    // `// c` / `"l" {`, which does not parse. Printing the name at its last fragment puts every
    // comment before that fragment in front of the name.
    const last = block.name[block.name.length - 1]!;
    if (last.start.line !== block.start.line && this.p.hasCommentIn(block.start.offset, last.start.offset)) {
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
        p.ident(expression.property.name);
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
    p.at(array.lbracket);
    p.token('[');
    let previousLine = array.lbracket.line;
    const elements = array.elements;
    for (let index = 0; index < elements.length; index++) {
      const element = elements[index]!;
      let broken = false;
      if (previousLine !== element.start.line) {
        p.ws(Ws.Indent, Ws.Formfeed);
        broken = true;
      } else if (index > 0) {
        p.ws(Ws.Blank);
      }
      previousLine = element.end.line;
      this.expression(element);
      if (index + 1 < elements.length) p.token(',');
      if (broken) p.ws(Ws.Unindent);
    }
    if (elements.length > 0 && previousLine !== array.rbracket.line) {
      p.token(',');
      p.ws(Ws.Indent, Ws.Formfeed, Ws.Unindent);
    }
    p.at(array.rbracket);
    p.token(']');
  }

  /** Upstream measures the key's end as start + length of its unquoted name - 1 (in bytes). */
  private keyEndLine(key: ObjectKey): number {
    const nameLength = key.name.length;
    if (nameLength === 0) {
      return this.p.textAt(key.start.offset - 1) === '\n' ? key.start.line - 1 : key.start.line;
    }
    let line = key.start.line;
    const end = key.start.offset + nameLength - 1;
    for (let offset = key.start.offset; offset < end; offset++) {
      if (this.p.textAt(offset) === '\n') line++;
    }
    return line;
  }

  private object(object: ObjectExpr): void {
    const p = this.p;
    p.at(object.lbrace);
    p.token('{');
    p.ws(Ws.Indent);
    let previousLine = object.lbrace.line;
    const fields = object.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (previousLine !== field.key.start.line) {
        if (index > 0 && nodeLines(fields[index - 1]!.value) === 1) p.ws(Ws.Newline);
        else p.ws(Ws.Formfeed);
      } else if (index > 0) {
        p.ws(Ws.Blank);
      }
      previousLine = this.keyEndLine(field.key);
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
      this.expression(field.value);
      if (index + 1 < fields.length) p.token(',');
    }
    if (fields.length > 0 && previousLine !== object.rbrace.line) {
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
    const multiLine = call.lparen.line !== call.rparen.line;
    if (multiLine) p.at(call.lparen);
    p.token('(');
    let previousLine = call.lparen.line;
    const args = call.args;
    for (let index = 0; index < args.length; index++) {
      const argument = args[index]!;
      let broken = false;
      if (previousLine !== argument.start.line) {
        if (multiLine) p.ws(Ws.Indent, Ws.Formfeed);
        else p.ws(Ws.Formfeed, Ws.Indent);
        broken = true;
      }
      this.expression(argument);
      previousLine = argument.end.line;
      if (index + 1 < args.length) {
        p.token(',');
        p.ws(Ws.Blank);
      }
      if (broken) p.ws(Ws.Unindent);
    }
    if (previousLine !== call.rparen.line) {
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
 * Prints a parsed file as `alloy fmt` does, without the final newline
 * (upstream's `printer.Fprint`).
 */
export function printFile(text: string, file: File, comments: readonly Comment[]): string {
  const escape = pickEscape(text);
  const printer = new Printer(text, new ByteOffsets(text), comments, escape);
  new Walker(printer).file(file);
  printer.end();
  return alignAndTrim(printer.result(), escape);
}
