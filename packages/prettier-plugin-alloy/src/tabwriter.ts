/**
 * Elastic-tabstop alignment and trailing-blank trimming, as `alloy fmt` does them
 * (Go's text/tabwriter with minwidth 0, tabwidth 8, padding 1, pad char ' ',
 * flags DiscardEmptyColumns | TabIndent, followed by the printer's trimmer).
 *
 * The printer writes its text into the `TabWriter` as Go's printer writes it
 * into the tabwriter: cells are terminated by `\t` (hard) or `\v` (soft); lines
 * end at `\n` or `\f` (`\f` also ends every alignment column). Text between two
 * escapes (`toggleEscape`, or the `escape` character in the text) is opaque: it
 * belongs to the current cell and its width is its code-point count.
 *
 * The cells are cut as the text is written: the stream holds the text of the
 * cells of the current alignment block alone (without terminators or escapes),
 * and a typed array their ranges. When a block ends, its lines go into an
 * `Output` buffer (one byte per character while they all fit) that is turned
 * into a string at the end, and trimmed while it is written: a run of blanks
 * outside escaped text is dropped when a line end (or the end of the text)
 * follows it. The buffers of a call are kept for the next one while they have
 * their first size.
 */

const TAB_WIDTH = 8;
const PADDING = 1;
const TAB = 9;
const NEWLINE = 10;
const FORMFEED = 12;
const SPACE = 32;

/** Room for this many code units in a new buffer; buffers grow past it only for a larger alignment block. */
const CHUNK = 1 << 16;
/** The numbers kept for each cell, and where. */
const CELL = 5;
const START = 0;
const END = 1;
const WIDTH = 2;
/** 1 when a tab terminates the cell. */
const HTAB = 3;
/** Where the last escape of the cell is in the stream, or -1 (blanks before it are not trimmed); -2 when the cell ends inside escaped text. */
const ESCAPED = 4;
/** The cells and lines of a block that the first buffers hold. */
const CELLS = 256;
const LINES = 64;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** The buffers of the last call, for the next one (only while they are of the smallest size). */
let spare: { stream: Uint16Array; output: Uint8Array | Uint16Array; cells: Int32Array; lineFirst: Int32Array } | null = null;

/**
 * The aligned text: one byte per character while every character is below
 * 0x100 (`widen` switches to code units before a larger one is written).
 */
class Output {
  length = 0;
  /** Where the run of trimmable blanks at the end of the buffer starts, or -1. */
  blankStart = -1;

  constructor(public data: Uint8Array | Uint16Array) {}

  /** Makes room for `extra` more characters at `length`; returns the array to write to. */
  reserve(extra: number): Uint8Array | Uint16Array {
    const needed = this.length + extra;
    if (needed > this.data.length) {
      const size = Math.max(needed, this.data.length * 2);
      const grown = this.data instanceof Uint8Array ? new Uint8Array(size) : new Uint16Array(size);
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    return this.data;
  }

  /** Switches to code units, for a character of 0x100 or above. */
  widen(): void {
    if (!(this.data instanceof Uint8Array)) return;
    const units = new Uint16Array(Math.max(CHUNK, this.data.length));
    units.set(this.data.subarray(0, this.length));
    this.data = units;
  }

  code(code: number, count: number): void {
    const data = this.reserve(count);
    let at = this.length;
    for (let index = 0; index < count; index++) data[at++] = code;
    this.length = at;
  }

  /** Trims the blanks at the end, appends `suffix` and returns the whole text. */
  finish(suffix: string): string {
    if (this.blankStart >= 0) this.length = this.blankStart;
    this.blankStart = -1;
    for (let index = 0; index < suffix.length; index++) {
      const code = suffix.charCodeAt(index);
      if (code > 0xff) this.widen();
      this.code(code, 1);
    }
    const data = this.data;
    const length = this.length;
    if (NodeBuffer !== undefined) {
      if (data instanceof Uint8Array) return NodeBuffer.from(data.buffer, data.byteOffset, length).toString('latin1');
      if (LITTLE_ENDIAN) return NodeBuffer.from(data.buffer, data.byteOffset, length * 2).toString('utf16le');
    }
    const parts: string[] = [];
    for (let index = 0; index < length; index += 8192) {
      parts.push(String.fromCharCode.apply(null, data.subarray(index, Math.min(length, index + 8192)) as unknown as number[]));
    }
    return parts.join('');
  }
}

function growInt32(array: Int32Array, needed: number): Int32Array {
  if (needed <= array.length) return array;
  const grown = new Int32Array(Math.max(needed, array.length * 2));
  grown.set(array);
  return grown;
}

export class TabWriter {
  /** The text of the cells of the current block: `stream[0, length)`. */
  private stream: Uint16Array;
  private length = 0;
  private cellCount = 0;
  private lineCount = 1;
  private readonly widths: number[] = [];

  // The cell being written: where it starts in the stream, its low surrogates (which add no width), its last escape.
  private cellStart = 0;
  private lowSurrogates = 0;
  private lastEscape = -1;
  private inEscape = false;

  /** Line feeds in the text of the last `write`. */
  lineBreaks = 0;
  /** Index of the last line feed in the text of the last `write`, or -1. */
  lastLineBreak = -1;

  constructor(
    stream: Uint16Array,
    private readonly escape: number,
    private readonly output: Output,
    /**
     * The cells of the current block, `CELL` numbers each: cell `c` is the range
     * `[cells[CELL * c + START], cells[CELL * c + END])` of the stream, of width
     * `cells[CELL * c + WIDTH]`; see `HTAB` and `ESCAPED` for the rest.
     */
    public cells: Int32Array,
    /** Line `l` of the current block holds cells `[lineFirst[l], lineFirst[l + 1])`; the last line ends at `cellCount`. */
    public lineFirst: Int32Array,
  ) {
    this.stream = stream;
  }

  /**
   * Writes `text[start, end)`. Returns its code units or-ed together (below
   * 0x80: ASCII). `lineBreaks` and `lastLineBreak` (an index of `text`, or -1)
   * tell where its line feeds were.
   */
  write(text: string, start = 0, end = text.length): number {
    let data = this.stream;
    if (this.length + end - start > data.length) data = this.grow(end - start);
    let at = this.length;
    let units = 0;
    this.lineBreaks = 0;
    this.lastLineBreak = -1;
    for (let index = start; index < end; index++) {
      const code = text.charCodeAt(index);
      units |= code;
      // Everything but control characters, escapes and wide characters is one column of the cell.
      if (code >= 13 && code < 0x100) {
        data[at++] = code;
        continue;
      }
      this.length = at;
      this.writeSpecial(code, index);
      at = this.length;
    }
    this.length = at;
    return units;
  }

  /** Writes `count` times the character `code`. */
  writeCode(code: number, count: number): void {
    if (this.length + count > this.stream.length) this.grow(count);
    for (let index = 0; index < count; index++) {
      if (code >= 13 && code < 0x100) this.stream[this.length++] = code;
      else this.writeSpecial(code, -1);
    }
  }

  /** Starts or ends escaped text. */
  toggleEscape(): void {
    this.inEscape = !this.inEscape;
    this.lastEscape = this.length;
  }

  /** A character of `write` or `writeCode` (at `index` of the text, or -1) that is not simply one column of the cell. */
  private writeSpecial(code: number, index: number): void {
    if (code === this.escape) {
      this.toggleEscape();
      return;
    }
    if (code === NEWLINE && index >= 0) {
      this.lineBreaks++;
      this.lastLineBreak = index;
    }
    if (code >= 9 && code <= 12 && !this.inEscape) {
      this.terminateCell(code === TAB);
      if (code === NEWLINE || code === FORMFEED) {
        const cellCount = this.cellCount - this.lineFirst[this.lineCount - 1]!;
        this.newLine();
        // A single-cell line cannot influence the alignment of later lines.
        if (code === FORMFEED || cellCount === 1) this.flush();
      }
      return;
    }
    if (code >= 0x100) {
      this.output.widen();
      if (code >= 0xdc00 && code <= 0xdfff) this.lowSurrogates++;
    }
    this.stream[this.length++] = code;
  }

  private grow(extra: number): Uint16Array {
    const grown = new Uint16Array(Math.max(this.length + extra, this.stream.length * 2));
    grown.set(this.stream.subarray(0, this.length));
    this.stream = grown;
    return grown;
  }

  /** Aligns the rest of the text and returns the whole text, trimmed, followed by `suffix`. */
  finish(suffix: string): string {
    if (this.cellStart < this.length || this.lastEscape >= 0) this.terminateCell(false);
    this.flush();
    const text = this.output.finish(suffix);
    const output = this.output.data;
    if (this.stream.length === CHUNK && output.length === CHUNK && this.cells.length === CELL * CELLS && this.lineFirst.length === LINES) {
      spare = { stream: this.stream, output, cells: this.cells, lineFirst: this.lineFirst };
    }
    return text;
  }

  private terminateCell(htab: boolean): void {
    const cell = this.cellCount;
    const at = CELL * cell;
    if (at === this.cells.length) this.cells = growInt32(this.cells, at + CELL);
    const cells = this.cells;
    const start = this.cellStart;
    const end = this.length;
    cells[at + START] = start;
    cells[at + END] = end;
    cells[at + WIDTH] = end - start - this.lowSurrogates;
    cells[at + HTAB] = htab ? 1 : 0;
    cells[at + ESCAPED] = this.inEscape ? -2 : this.lastEscape;
    this.cellCount = cell + 1;
    this.cellStart = end;
    this.lowSurrogates = 0;
    this.lastEscape = -1;
  }

  private newLine(): void {
    if (this.lineCount + 1 >= this.lineFirst.length) this.lineFirst = growInt32(this.lineFirst, this.lineCount + 2);
    this.lineFirst[this.lineCount++] = this.cellCount;
  }

  private flush(): void {
    this.lineFirst[this.lineCount] = this.cellCount;
    this.format(0, this.lineCount);
    this.cellCount = 0;
    this.lineCount = 1;
    // Every cell of the stream is written.
    this.length = 0;
    this.cellStart = 0;
    // `widths` is empty again: `format` pops what it pushes.
  }

  private lineLength(line: number): number {
    return this.lineFirst[line + 1]! - this.lineFirst[line]!;
  }

  private format(firstLine: number, endLine: number): void {
    let line0 = firstLine;
    const column = this.widths.length;
    for (let current = firstLine; current < endLine; current++) {
      if (column >= this.lineLength(current) - 1) continue;
      // This line has a cell in `column`: print the lines before it, then
      // measure the block of consecutive lines that share the column.
      this.writeLines(line0, current);
      line0 = current;
      let width = 0;
      let discardable = true;
      for (; current < endLine; current++) {
        if (column >= this.lineLength(current) - 1) break;
        const at = CELL * (this.lineFirst[current]! + column);
        const cellWidth = this.cells[at + WIDTH]!;
        if (cellWidth + PADDING > width) width = cellWidth + PADDING;
        if (cellWidth > 0 || this.cells[at + HTAB] === 1) discardable = false;
      }
      if (discardable) width = 0;
      this.widths.push(width);
      this.format(line0, current);
      this.widths.pop();
      line0 = current;
    }
    this.writeLines(line0, endLine);
  }

  private writeLines(line0: number, line1: number): void {
    const widths = this.widths;
    const columns = widths.length;
    const cells = this.cells;
    for (let index = line0; index < line1; index++) {
      const first = this.lineFirst[index]!;
      const end = this.lineFirst[index + 1]!;
      let useTabs = true;
      for (let cell = first; cell < end; cell++) {
        const column = cell - first;
        const at = CELL * cell;
        const start = cells[at + START]!;
        const stop = cells[at + END]!;
        const escaped = cells[at + ESCAPED]!;
        if (start === stop && escaped === -1) {
          if (column < columns) this.writePadding(cells[at + WIDTH]!, widths[column]!, useTabs);
        } else {
          useTabs = false;
          this.writeText(start, stop, escaped);
          if (column < columns) this.writePadding(cells[at + WIDTH]!, widths[column]!, false);
        }
      }
      if (index + 1 < this.lineCount) this.writeNewline();
    }
  }

  /** Copies a cell's text, noting where its trailing blanks start. */
  private writeText(start: number, stop: number, escaped: number): void {
    const input = this.stream;
    const output = this.output;
    const data = output.reserve(stop - start);
    const first = output.length;
    let at = first;
    for (let index = start; index < stop; index++) data[at++] = input[index]!;
    output.length = at;
    // Only blanks after the last escape (when it closes escaped text) can be trimmed.
    if (escaped === -2) {
      output.blankStart = -1;
      return;
    }
    const low = escaped >= 0 ? first + (escaped - start) : first;
    let blanks = at;
    while (blanks > low && (data[blanks - 1] === SPACE || data[blanks - 1] === TAB)) blanks--;
    if (blanks === at) output.blankStart = -1;
    // A cell of blanks alone continues the run before it.
    else if (blanks > first || escaped >= 0 || output.blankStart < 0) output.blankStart = blanks;
  }

  private writePadding(textWidth: number, cellWidth: number, useTabs: boolean): void {
    let code = SPACE;
    let count = cellWidth - textWidth;
    if (useTabs) {
      const rounded = Math.ceil(cellWidth / TAB_WIDTH) * TAB_WIDTH;
      code = TAB;
      count = Math.ceil((rounded - textWidth) / TAB_WIDTH);
    }
    if (count <= 0) return;
    const output = this.output;
    if (output.blankStart < 0) output.blankStart = output.length;
    output.code(code, count);
  }

  private writeNewline(): void {
    const output = this.output;
    if (output.blankStart >= 0) {
      output.length = output.blankStart;
      output.blankStart = -1;
    }
    output.code(NEWLINE, 1);
  }
}

/**
 * A writer that aligns the text the printer writes and trims it into the
 * final text. `escape` brackets opaque text; `oneByte` hints that the text has
 * no code unit of 0x100 or above (it is checked); `size` is about the length
 * of the text.
 */
export function tabWriter(escape: number, oneByte: boolean, size: number): TabWriter {
  const reused = spare;
  spare = null;
  const capacity = Math.max(CHUNK, size + (size >> 3) + 64);
  let buffer = reused?.output;
  if (buffer === undefined || capacity > CHUNK || buffer instanceof Uint8Array !== oneByte) {
    buffer = oneByte ? new Uint8Array(capacity) : new Uint16Array(capacity);
  }
  return new TabWriter(
    reused?.stream ?? new Uint16Array(CHUNK),
    escape,
    new Output(buffer),
    reused?.cells ?? new Int32Array(CELL * CELLS),
    reused?.lineFirst ?? new Int32Array(LINES),
  );
}

/** A writer with empty buffers that is never used: it keeps the shapes of `TabWriter` and `Output` (see `shapeKeepers` in printer.ts). */
export const idleTabWriter: TabWriter = new TabWriter(new Uint16Array(0), 0, new Output(new Uint8Array(0)), new Int32Array(0), new Int32Array(0));
