import type { Position, Range } from './engine.js';

/** The position of a UTF-16 offset in `text` (1-based line and column; only LF ends a line). */
export function positionAt(text: string, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < clamped; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { offset: clamped, line, column: clamped - lineStart + 1 };
}

export function rangeAt(text: string, startOffset: number, endOffset: number = startOffset): Range {
  return { start: positionAt(text, startOffset), end: positionAt(text, endOffset) };
}

export const startOfFile: Range = {
  start: { offset: 0, line: 1, column: 1 },
  end: { offset: 0, line: 1, column: 1 },
};

/** Why a file's bytes are not Alloy source text, with where the problem starts. */
export interface UndecodableSource {
  code: 'alloy-lint/binary-file' | 'alloy-lint/invalid-utf8';
  message: string;
  /** Line and column of the first offending byte (column counted in characters before it, plus one). */
  line: number;
  column: number;
  byteOffset: number;
}

export type DecodedSource = { ok: true; text: string } | { ok: false; problem: UndecodableSource };

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a file's bytes as UTF-8, keeping a byte-order mark (so that a
 * formatter can see and drop it). NUL bytes mark a binary file; invalid
 * UTF-8 is refused, as upstream's scanner refuses it.
 */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  const nulOffset = bytes.indexOf(0);
  if (nulOffset !== -1) {
    return {
      ok: false,
      problem: {
        code: 'alloy-lint/binary-file',
        message: 'binary file (contains a NUL byte); not an Alloy configuration',
        byteOffset: nulOffset,
        ...lineAndColumnOfByte(bytes, nulOffset),
      },
    };
  }
  try {
    return { ok: true, text: strictDecoder.decode(bytes) };
  } catch {
    const badOffset = firstInvalidUtf8Byte(bytes);
    return {
      ok: false,
      problem: {
        code: 'alloy-lint/invalid-utf8',
        message: 'illegal UTF-8 encoding',
        byteOffset: badOffset,
        ...lineAndColumnOfByte(bytes, badOffset),
      },
    };
  }
}

function lineAndColumnOfByte(bytes: Uint8Array, byteOffset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < byteOffset; index += 1) {
    if (bytes[index] === 0x0a) {
      line += 1;
      lineStart = index + 1;
    }
  }
  const before = Buffer.from(bytes.subarray(lineStart, byteOffset)).toString('utf8');
  return { line, column: before.length + 1 };
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    let length: number;
    let minimum: number;
    if (lead < 0x80) {
      index += 1;
      continue;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      minimum = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      minimum = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      minimum = 0x10000;
    } else {
      return index;
    }
    if (index + length > bytes.length) return index;
    let codePoint = lead & (0xff >> (length + 1));
    for (let continuation = 1; continuation < length; continuation += 1) {
      const byte = bytes[index + continuation]!;
      if ((byte & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (byte & 0x3f);
    }
    if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += length;
  }
  return bytes.length;
}
