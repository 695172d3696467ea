import type { EmbeddedConfig } from './types.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The last part of a path or URI (either slash). */
function baseNameOf(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}

/** Offsets of the first character of each line; only `\n` ends a line (as the parser counts). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The 0-based index of the line holding `offset`. */
function lineIndexOf(starts: readonly number[], offset: number): number {
  let first = 0;
  let last = starts.length - 1;
  while (first < last) {
    const middle = (first + last + 1) >>> 1;
    if (starts[middle]! <= offset) first = middle;
    else last = middle - 1;
  }
  return first;
}

/** The offset of a 1-based UTF-8 byte column on the line `[lineStart, lineEnd)` (upstream's columns count bytes). */
function offsetOfByteColumn(text: string, lineStart: number, lineEnd: number, byteColumn: number): number {
  let offset = lineStart;
  let bytes = 1;
  while (offset < lineEnd && bytes < byteColumn) {
    const codePoint = text.codePointAt(offset)!;
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    offset += codePoint > 0xffff ? 2 : 1;
  }
  return offset;
}

/** The UTF-8 length of `text[start, end)`. */
function utf8LengthOf(text: string, start: number, end: number): number {
  let bytes = 0;
  for (let offset = start; offset < end; ) {
    const codePoint = text.codePointAt(offset)!;
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    offset += codePoint > 0xffff ? 2 : 1;
  }
  return bytes;
}

/**
 * A message about a configuration with the places it names in that same configuration moved to
 * the host. The checker names other places as `FILE:LINE:COLUMN` (a 1-based line and a 1-based
 * UTF-8 byte column, as upstream: `block prometheus.exporter.unix.n already declared at
 * values.yaml:6:5`), where FILE is the base name of the file it was given, the host's, and
 * LINE:COLUMN are the configuration's own; this gives `values.yaml:9:7`, the host's line and byte
 * column. Places in other files, and a line the configuration does not have, are left as they are;
 * a name that only ends like the host's (`my-values.yaml:1:1`) is not the host's.
 */
export function relocateMessage(message: string, config: EmbeddedConfig, hostText: string, hostFileName: string): string {
  const name = baseNameOf(hostFileName);
  if (name === '' || !message.includes(`${name}:`)) return message;
  const pattern = new RegExp(`(?<![\\w.-])${escapeRegExp(name)}:(\\d+):(\\d+)`, 'g');
  let embeddedLines: number[] | undefined;
  let hostLines: number[] | undefined;
  return message.replace(pattern, (match, lineText: string, columnText: string) => {
    embeddedLines ??= lineStartsOf(config.text);
    const line = Number(lineText);
    if (!Number.isSafeInteger(line) || line < 1 || line > embeddedLines.length) return match;
    const lineStart = embeddedLines[line - 1]!;
    const newline = config.text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? config.text.length : newline;
    const hostOffset = config.toHostOffset(offsetOfByteColumn(config.text, lineStart, lineEnd, Number(columnText)));
    hostLines ??= lineStartsOf(hostText);
    const hostLine = lineIndexOf(hostLines, hostOffset);
    return `${name}:${hostLine + 1}:${utf8LengthOf(hostText, hostLines[hostLine]!, hostOffset) + 1}`;
  });
}
