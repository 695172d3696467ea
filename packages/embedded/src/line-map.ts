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

/** A configuration whose embedded lines are host lines with their indentation removed. */
export function lineMappedConfig(parts: ConfigParts): EmbeddedConfig {
  const { lines, text } = parts;
  const embeddedStarts: number[] = [];
  let embedded = 0;
  for (const line of lines) {
    embeddedStarts.push(embedded);
    embedded += line.contentEnd - line.contentStart + (line.breakEnd > line.contentEnd ? 1 : 0);
  }
  const lastLine = lines[lines.length - 1];
  const hostEnd = lastLine === undefined ? 0 : lastLine.breakEnd;
  const endsWithBreak = lastLine !== undefined && lastLine.breakEnd > lastLine.contentEnd;
  const placeholders = parts.placeholders.map((range) => ({ start: range.start, end: range.end }));

  const lineOfEmbedded = (offset: number): number => {
    let first = 0;
    let last = embeddedStarts.length - 1;
    while (first < last) {
      const middle = (first + last + 1) >>> 1;
      if (embeddedStarts[middle]! <= offset) first = middle;
      else last = middle - 1;
    }
    return first;
  };
  const lineOfHost = (offset: number): number => {
    let first = 0;
    let last = lines.length - 1;
    while (first < last) {
      const middle = (first + last + 1) >>> 1;
      if (lines[middle]!.lineStart <= offset) first = middle;
      else last = middle - 1;
    }
    return first;
  };

  return {
    text,
    label: parts.label,
    hostRange: { start: lines[0]?.lineStart ?? 0, end: hostEnd },
    placeholders,
    rewritable: parts.rewritable,
    toHostOffset(embeddedOffset: number): number {
      if (lastLine === undefined) return 0;
      const offset = clampOffset(embeddedOffset, text.length);
      if (endsWithBreak && offset === text.length) return hostEnd;
      const index = lineOfEmbedded(offset);
      const line = lines[index]!;
      // The offset of the newline after a line maps to the host line's end (before `\r\n`).
      return line.contentStart + Math.min(offset - embeddedStarts[index]!, line.contentEnd - line.contentStart);
    },
    toEmbeddedOffset(hostOffset: number): number | undefined {
      if (lastLine === undefined || !Number.isInteger(hostOffset)) return undefined;
      if (hostOffset < lines[0]!.lineStart || hostOffset > hostEnd) return undefined;
      if (endsWithBreak && hostOffset === hostEnd) return text.length;
      const index = lineOfHost(hostOffset);
      const line = lines[index]!;
      if (hostOffset < line.contentStart) return undefined;
      const start = embeddedStarts[index]!;
      if (hostOffset <= line.contentEnd) return start + hostOffset - line.contentStart;
      // Inside a `\r\n` line break: the embedded newline.
      if (hostOffset < line.breakEnd) return start + line.contentEnd - line.contentStart;
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
