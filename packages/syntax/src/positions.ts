import type { Position, Range, Span } from './ast.js';

/**
 * Maps offsets to line/column positions. Only LF ends a line, as upstream;
 * CR is ordinary whitespace.
 */
export class LineIndex {
  /** Offset of the first character of each line (a typed array: half the time of a growing array on large texts). */
  readonly lineStarts: Int32Array;

  constructor(readonly text: string) {
    // Configurations average 25 to 35 characters a line: room for one per 16 rarely needs to grow.
    let starts = new Int32Array(16 + (text.length >> 4));
    let count = 1;
    let index = text.indexOf('\n');
    while (index !== -1) {
      if (count === starts.length) {
        const grown = new Int32Array(count * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = index + 1;
      index = text.indexOf('\n', index + 1);
    }
    this.lineStarts = starts.subarray(0, count);
  }

  /** Index of the line found last: offsets mostly arrive in increasing order, so it is usually the answer. */
  private cursor = 0;

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    const starts = this.lineStarts;
    const cursor = this.cursor;
    if (starts[cursor]! <= offset) {
      if (cursor + 1 >= starts.length || offset < starts[cursor + 1]!) return cursor + 1;
      if (cursor + 2 >= starts.length || offset < starts[cursor + 2]!) {
        this.cursor = cursor + 1;
        return cursor + 2;
      }
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    this.cursor = low;
    return low + 1;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { offset: clamped, line, column: clamped - this.lineStarts[line - 1]! + 1 };
  }

  /** The range of a node, comment or any other span of offsets. */
  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** The range from offset `start` to offset `end`. */
  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** 1-based UTF-16 column of an offset (clamped to the text). */
  columnOf(offset: number): number {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    return clamped - this.lineStarts[this.lineOf(clamped) - 1]! + 1;
  }

  /** Offset of a 1-based line and UTF-16 column (clamped to the text). */
  offsetAt(line: number, column: number): number {
    const lineIndex = Math.max(1, Math.min(line, this.lineStarts.length)) - 1;
    return Math.min(this.text.length, this.lineStarts[lineIndex]! + Math.max(0, column - 1));
  }
}

/** The position of `offset` in `text` (offset clamped to the text). */
export function positionAt(text: string, offset: number): Position {
  return new LineIndex(text).positionAt(offset);
}

/** Number of UTF-8 bytes needed for `text`. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Upstream's column: 1-based, counted in UTF-8 bytes from the start of the line,
 * of a position or of an offset.
 */
export function byteColumn(text: string, at: Position | number): number {
  const offset = typeof at === 'number' ? Math.max(0, Math.min(at, text.length)) : at.offset;
  const lineStart = typeof at === 'number' ? (offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1) : at.offset - (at.column - 1);
  return utf8Length(text.slice(lineStart, offset)) + 1;
}
