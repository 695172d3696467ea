/**
 * Elastic-tabstop alignment and trailing-blank trimming, as `alloy fmt` does them
 * (Go's text/tabwriter with minwidth 0, tabwidth 8, padding 1, pad char ' ',
 * flags DiscardEmptyColumns | TabIndent, followed by the printer's trimmer).
 *
 * Input cells are terminated by `\t` (hard) or `\v` (soft); lines end at `\n`
 * or `\f` (`\f` also ends every alignment column). Text between two `escape`
 * characters is opaque: it belongs to the current cell and its width is its
 * code-point count.
 *
 * The printer writes its cell stream as UTF-16 code units into a `CodeBuffer`.
 * Whenever that buffer is full, the aligner reads what is new, and drops what
 * precedes the block it is still measuring: the stream never needs much more
 * room than its largest alignment block. Cells are ranges of the stream, kept
 * in one typed array. The aligned text goes into an `Output` buffer (one byte
 * per character while they all fit) that is turned into a string at the end,
 * and trimmed while it is written: a run of blanks outside escaped text is
 * dropped when a line end (or the end of the text) follows it. The buffers of
 * a call are kept for the next one while they have their first size.
 */

const TAB_WIDTH = 8;
const PADDING = 1;
const TAB = 9;
const NEWLINE = 10;
const SPACE = 32;

/** Room for this many code units in a new buffer; buffers grow past it only for a larger alignment block. */
const CHUNK = 1 << 16;
/** The numbers kept for each cell, and where. */
const CELL = 4;
const START = 0;
const END = 1;
const WIDTH = 2;
const HTAB = 3;
/** The cells and lines of a block that the first buffers hold. */
const CELLS = 256;
const LINES = 64;

/** A growable array of UTF-16 code units. */
export class CodeBuffer {
  length = 0;
  /** Called when the buffer is full, before it grows: may consume the data and lower `length`. */
  onFull: (() => void) | null = null;

  constructor(public data: Uint16Array) {}

  /** Makes room for `extra` more code units at `length` (read it afterwards); returns the array to write to. */
  reserve(extra: number): Uint16Array {
    if (this.length + extra > this.data.length) {
      if (this.onFull !== null) this.onFull();
      const needed = this.length + extra;
      if (needed > this.data.length) {
        const grown = new Uint16Array(Math.max(needed, this.data.length * 2));
        grown.set(this.data.subarray(0, this.length));
        this.data = grown;
      }
    }
    return this.data;
  }

  code(code: number, count: number): void {
    const data = this.reserve(count);
    let at = this.length;
    for (let index = 0; index < count; index++) data[at++] = code;
    this.length = at;
  }
}

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

class TabWriter {
  private cellCount = 0;
  private lineCount = 1;
  private readonly widths: number[] = [];

  // Where the reading of the stream is: what is read, where the cell being read starts, its width.
  private scanned = 0;
  private pendingStart = 0;
  private pendingWidth = 0;
  private inEscape = false;
  /** Whether a character of 0x100 or above was read. */
  private wide = false;

  constructor(
    private readonly stream: CodeBuffer,
    private readonly escape: number,
    private readonly output: Output,
    /**
     * The cells of the current block, `CELL` numbers each: cell `c` is the range
     * `[cells[CELL * c + START], cells[CELL * c + END])` of the stream, of width
     * `cells[CELL * c + WIDTH]`, terminated by a tab when `cells[CELL * c + HTAB]` is 1.
     */
    public cells: Int32Array,
    /** Line `l` of the current block holds cells `[lineFirst[l], lineFirst[l + 1])`; the last line ends at `cellCount`. */
    public lineFirst: Int32Array,
  ) {}

  /** Reads what is new in the stream, then drops the stream's text that no cell needs any more. */
  read(): void {
    const input = this.stream.data;
    const escape = this.escape;
    const length = this.stream.length;
    let cellStart = this.pendingStart;
    let width = this.pendingWidth;
    let inEscape = this.inEscape;
    for (let index = this.scanned; index < length; index++) {
      const code = input[index]!;
      if (code > 12) {
        if (code === escape) {
          inEscape = !inEscape;
        } else if (code < 0x100) {
          width++;
        } else {
          // Read before its cell is written.
          if (!this.wide) {
            this.output.widen();
            this.wide = true;
          }
          // A low surrogate continues the code point its high surrogate started.
          if (code < 0xdc00 || code > 0xdfff) width++;
        }
        continue;
      }
      if (inEscape || code < 9) {
        width++;
        continue;
      }
      // 9 = \t, 10 = \n, 11 = \v, 12 = \f
      const cellCount = this.terminateCell(cellStart, index, width, code === 9);
      cellStart = index + 1;
      width = 0;
      if (code === 10 || code === 12) {
        this.newLine();
        // A single-cell line cannot influence the alignment of later lines.
        if (code === 12 || cellCount === 1) this.flush();
      }
    }
    this.scanned = length;
    this.pendingWidth = width;
    this.inEscape = inEscape;
    const cells = this.cells;
    const keep = this.cellCount > 0 ? cells[START]! : cellStart;
    if (keep > 0) {
      input.copyWithin(0, keep, length);
      this.stream.length = length - keep;
      this.scanned = length - keep;
      for (let at = 0; at < CELL * this.cellCount; at += CELL) {
        cells[at + START] -= keep;
        cells[at + END] -= keep;
      }
      cellStart -= keep;
    }
    this.pendingStart = cellStart;
  }

  /** Reads the rest of the stream and returns the aligned, trimmed text followed by `suffix`. */
  finish(suffix: string): string {
    this.read();
    if (this.pendingStart < this.stream.length) this.terminateCell(this.pendingStart, this.stream.length, this.pendingWidth, false);
    this.flush();
    return this.output.finish(suffix);
  }

  private terminateCell(start: number, end: number, width: number, htab: boolean): number {
    const cell = this.cellCount;
    const at = CELL * cell;
    if (at === this.cells.length) this.cells = growInt32(this.cells, at + CELL);
    const cells = this.cells;
    cells[at + START] = start;
    cells[at + END] = end;
    cells[at + WIDTH] = width;
    cells[at + HTAB] = htab ? 1 : 0;
    this.cellCount = cell + 1;
    return cell + 1 - this.lineFirst[this.lineCount - 1]!;
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
        if (start === stop) {
          if (column < columns) this.writePadding(cells[at + WIDTH]!, widths[column]!, useTabs);
        } else {
          useTabs = false;
          this.writeText(start, stop);
          if (column < columns) this.writePadding(cells[at + WIDTH]!, widths[column]!, false);
        }
      }
      if (index + 1 < this.lineCount) this.writeNewline();
    }
  }

  /** Copies a cell's text without its escape characters, noting where its trailing blanks start. */
  private writeText(start: number, stop: number): void {
    const input = this.stream.data;
    const escape = this.escape;
    const output = this.output;
    const data = output.reserve(stop - start);
    const first = output.length;
    let at = first;
    /** Where the output was at the last escape character, or -1. */
    let escaped = -1;
    let inEscape = false;
    for (let index = start; index < stop; index++) {
      const code = input[index]!;
      if (code === escape) {
        inEscape = !inEscape;
        escaped = at;
        continue;
      }
      data[at++] = code;
    }
    output.length = at;
    // Only blanks after the last escape character (when it closes escaped text) can be trimmed.
    if (inEscape) {
      output.blankStart = -1;
      return;
    }
    const low = escaped >= 0 ? escaped : first;
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

/** The aligner's input, and its end. */
export interface Aligner {
  /** Where the printer writes its cell stream. */
  readonly stream: CodeBuffer;
  /** Aligns and trims the rest of the stream; returns the whole text followed by `suffix`. */
  finish(suffix: string): string;
}

/**
 * Aligns the cell stream that the printer writes into `stream` and trims it
 * into the final text. `escape` brackets opaque text; `oneByte` hints that the
 * text has no code unit of 0x100 or above (it is checked); `size` is about the
 * length of the text.
 */
export function aligner(escape: number, oneByte: boolean, size: number): Aligner {
  const reused = spare;
  spare = null;
  const stream = new CodeBuffer(reused?.stream ?? new Uint16Array(CHUNK));
  const capacity = Math.max(CHUNK, size + (size >> 3) + 64);
  let buffer = reused?.output;
  if (buffer === undefined || capacity > CHUNK || buffer instanceof Uint8Array !== oneByte) {
    buffer = oneByte ? new Uint8Array(capacity) : new Uint16Array(capacity);
  }
  const output = new Output(buffer);
  const writer = new TabWriter(
    stream,
    escape,
    output,
    reused?.cells ?? new Int32Array(CELL * CELLS),
    reused?.lineFirst ?? new Int32Array(LINES),
  );
  stream.onFull = () => writer.read();
  return {
    stream,
    finish(suffix: string): string {
      const text = writer.finish(suffix);
      if (stream.data.length === CHUNK && output.data.length === CHUNK && writer.cells.length === CELL * CELLS && writer.lineFirst.length === LINES) {
        spare = { stream: stream.data, output: output.data, cells: writer.cells, lineFirst: writer.lineFirst };
      }
      return text;
    },
  };
}
