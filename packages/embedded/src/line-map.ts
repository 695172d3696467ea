import type { EmbeddedConfig, OffsetRange } from './types.js';

/** One host line that becomes one line of the embedded text. */
export interface ContentLine {
  /** Host offset where the line starts, before its indentation. */
  readonly lineStart: number;
  /** Host offset where the embedded line starts: after the removed indentation, or at the line end for a blank line shorter than it. */
  readonly contentStart: number;
  /** Host offset where the line's content ends: before its `\n` or `\r\n`, or at the end of the host text. */
  readonly contentEnd: number;
  /** Host offset after the line break (the next line's start), or `contentEnd` when the host text ends without one. */
  readonly breakEnd: number;
}

export interface ConfigParts {
  readonly label: string;
  /** The embedded text before masking; must be what `linesText` gives for `lines`. */
  readonly lines: readonly ContentLine[];
  /** The text given to the parser (`linesText(…)`, possibly masked with the same length). */
  readonly text: string;
  readonly placeholders: readonly OffsetRange[];
  readonly rewritable: boolean;
}

/**
 * The embedded text of host lines: each line's content joined by `\n`, ending with `\n` when the
 * last line has a line break in the host (a content line that ends the host text without one
 * keeps the mapping one-to-one by not inventing a newline).
 */
export function linesText(hostText: string, lines: readonly ContentLine[]): string {
  let text = '';
  for (const line of lines) {
    text += hostText.slice(line.contentStart, line.contentEnd);
    if (line.breakEnd > line.contentEnd) text += '\n';
  }
  return text;
}

/** Reads the host line starting at `lineStart`, removing up to `indentation` leading spaces. */
export function contentLineAt(hostText: string, lineStart: number, indentation: number): ContentLine {
  let lineEnd = hostText.indexOf('\n', lineStart);
  const breakEnd = lineEnd === -1 ? hostText.length : lineEnd + 1;
  if (lineEnd === -1) lineEnd = hostText.length;
  else if (lineEnd > lineStart && hostText.charCodeAt(lineEnd - 1) === 13) lineEnd -= 1;
  let contentStart = lineStart;
  while (contentStart < lineEnd && contentStart - lineStart < indentation && hostText.charCodeAt(contentStart) === 32) contentStart++;
  return { lineStart, contentStart, contentEnd: lineEnd, breakEnd };
}

/** Whether a line holds something besides spaces and tabs. */
export function isBlank(hostText: string, line: ContentLine): boolean {
  for (let at = line.lineStart; at < line.contentEnd; at++) {
    const code = hostText.charCodeAt(at);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

function clampOffset(offset: number, length: number): number {
  if (!Number.isFinite(offset)) return offset > 0 ? length : 0;
  return Math.min(Math.max(Math.trunc(offset), 0), length);
}

/** Placeholder ranges are sorted and disjoint, so one binary search answers. */
export function overlapsAny(ranges: readonly OffsetRange[], start: number, end: number): boolean {
  const low = Math.min(start, end);
  const high = Math.max(start, end);
  let first = 0;
  let last = ranges.length;
  while (first < last) {
    const middle = (first + last) >>> 1;
    if (ranges[middle]!.end < low) first = middle + 1;
    else last = middle;
  }
  return first < ranges.length && ranges[first]!.start <= high;
}

/**
 * Host lines in columns of offsets: line `i`'s `ContentLine` fields at index `i` of each array
 * (no object per line; `count` may be less than the arrays' length).
 */
export interface LineTable {
  readonly count: number;
  readonly lineStart: Int32Array;
  readonly contentStart: Int32Array;
  readonly contentEnd: Int32Array;
  readonly breakEnd: Int32Array;
}

/** A `LineTable` filled line by line, its arrays grown as needed. */
export class LineTableBuilder implements LineTable {
  count = 0;
  lineStart: Int32Array;
  contentStart: Int32Array;
  contentEnd: Int32Array;
  breakEnd: Int32Array;

  constructor(capacity = 64) {
    const size = Math.max(1, capacity);
    this.lineStart = new Int32Array(size);
    this.contentStart = new Int32Array(size);
    this.contentEnd = new Int32Array(size);
    this.breakEnd = new Int32Array(size);
  }

  push(lineStart: number, contentStart: number, contentEnd: number, breakEnd: number): void {
    if (this.count === this.lineStart.length) this.grow();
    const index = this.count++;
    this.lineStart[index] = lineStart;
    this.contentStart[index] = contentStart;
    this.contentEnd[index] = contentEnd;
    this.breakEnd[index] = breakEnd;
  }

  private grow(): void {
    const bigger = (array: Int32Array): Int32Array => {
      const grown = new Int32Array(array.length * 2);
      grown.set(array);
      return grown;
    };
    this.lineStart = bigger(this.lineStart);
    this.contentStart = bigger(this.contentStart);
    this.contentEnd = bigger(this.contentEnd);
    this.breakEnd = bigger(this.breakEnd);
  }
}

export function lineTableOf(lines: readonly ContentLine[]): LineTable {
  const table = new LineTableBuilder(lines.length);
  for (const line of lines) table.push(line.lineStart, line.contentStart, line.contentEnd, line.breakEnd);
  return table;
}

/** The table's lines as `ContentLine` objects. */
export function contentLinesOf(table: LineTable): ContentLine[] {
  const lines: ContentLine[] = [];
  for (let index = 0; index < table.count; index++) {
    lines.push({
      lineStart: table.lineStart[index]!,
      contentStart: table.contentStart[index]!,
      contentEnd: table.contentEnd[index]!,
      breakEnd: table.breakEnd[index]!,
    });
  }
  return lines;
}

/** The last index in `starts[0, count)` whose value is at most `offset` (0 when none is). */
function lastAtMost(starts: Int32Array, count: number, offset: number): number {
  let first = 0;
  let last = count - 1;
  while (first < last) {
    const middle = (first + last + 1) >>> 1;
    if (starts[middle]! <= offset) first = middle;
    else last = middle - 1;
  }
  return first;
}

/** A configuration whose embedded lines are host lines with their indentation removed. */
export function lineMappedConfig(parts: ConfigParts): EmbeddedConfig {
  const { lines, ...rest } = parts;
  const table = lineTableOf(lines);
  const last = lines[lines.length - 1];
  const hostRange = { start: lines[0]?.lineStart ?? 0, end: last === undefined ? 0 : last.breakEnd };
  return tableMappedConfig({ ...rest, hostRange, table: () => table });
}

/**
 * `lineMappedConfig` with the lines in a table, made when an offset is first mapped (most
 * configurations never are); the text must be what `linesText` gives for its lines (or masked),
 * and `hostRange` from the first line's start to the last line's `breakEnd`.
 */
export function tableMappedConfig(
  parts: Omit<ConfigParts, 'lines'> & { readonly hostRange: OffsetRange; readonly table: () => LineTable },
): EmbeddedConfig {
  const { text } = parts;
  const hostRange = { start: parts.hostRange.start, end: parts.hostRange.end };
  const placeholders = parts.placeholders.map((range) => ({ start: range.start, end: range.end }));
  let mapping: { table: LineTable; embeddedStarts: Int32Array; endsWithBreak: boolean } | undefined;
  const mapped = (): { table: LineTable; embeddedStarts: Int32Array; endsWithBreak: boolean } => {
    if (mapping !== undefined) return mapping;
    const table = parts.table();
    const { count, contentStart, contentEnd, breakEnd } = table;
    const embeddedStarts = new Int32Array(Math.max(1, count));
    let embedded = 0;
    for (let index = 0; index < count; index++) {
      embeddedStarts[index] = embedded;
      embedded += contentEnd[index]! - contentStart[index]! + (breakEnd[index]! > contentEnd[index]! ? 1 : 0);
    }
    const endsWithBreak = count > 0 && breakEnd[count - 1]! > contentEnd[count - 1]!;
    return (mapping = { table, embeddedStarts, endsWithBreak });
  };

  return {
    text,
    label: parts.label,
    hostRange,
    placeholders,
    rewritable: parts.rewritable,
    toHostOffset(embeddedOffset: number): number {
      const { table, embeddedStarts, endsWithBreak } = mapped();
      const { count, contentStart, contentEnd } = table;
      if (count === 0) return 0;
      const offset = clampOffset(embeddedOffset, text.length);
      if (endsWithBreak && offset === text.length) return hostRange.end;
      const index = lastAtMost(embeddedStarts, count, offset);
      const start = contentStart[index]!;
      // The offset of the newline after a line maps to the host line's end (before `\r\n`).
      return start + Math.min(offset - embeddedStarts[index]!, contentEnd[index]! - start);
    },
    toEmbeddedOffset(hostOffset: number): number | undefined {
      const { table, embeddedStarts, endsWithBreak } = mapped();
      const { count, lineStart, contentStart, contentEnd, breakEnd } = table;
      if (count === 0 || !Number.isInteger(hostOffset)) return undefined;
      if (hostOffset < hostRange.start || hostOffset > hostRange.end) return undefined;
      if (endsWithBreak && hostOffset === hostRange.end) return text.length;
      const index = lastAtMost(lineStart, count, hostOffset);
      const start = contentStart[index]!;
      if (hostOffset < start) return undefined;
      const embeddedStart = embeddedStarts[index]!;
      if (hostOffset <= contentEnd[index]!) return embeddedStart + hostOffset - start;
      // Inside a `\r\n` line break: the embedded newline.
      if (hostOffset < breakEnd[index]!) return embeddedStart + contentEnd[index]! - start;
      return undefined;
    },
    overlapsPlaceholder(embeddedStart: number, embeddedEnd: number): boolean {
      return overlapsAny(placeholders, embeddedStart, embeddedEnd);
    },
  };
}

/** A configuration that is the whole host text, offsets unchanged (an `.alloy` file, a template). */
export function identityConfig(parts: Omit<ConfigParts, 'lines'>): EmbeddedConfig {
  const { text } = parts;
  const placeholders = parts.placeholders.map((range) => ({ start: range.start, end: range.end }));
  return {
    text,
    label: parts.label,
    hostRange: { start: 0, end: text.length },
    placeholders,
    rewritable: parts.rewritable,
    toHostOffset: (embeddedOffset: number) => clampOffset(embeddedOffset, text.length),
    toEmbeddedOffset: (hostOffset: number) =>
      Number.isInteger(hostOffset) && hostOffset >= 0 && hostOffset <= text.length ? hostOffset : undefined,
    overlapsPlaceholder: (embeddedStart: number, embeddedEnd: number) => overlapsAny(placeholders, embeddedStart, embeddedEnd),
  };
}
