import { describe, expect, it } from 'vitest';
import { decodeSource, firstInvalidUtf8Byte, positionAt } from '../src/source.js';

describe('decodeSource', () => {
  it('decodes UTF-8 and keeps a byte-order mark', () => {
    const result = decodeSource(Buffer.from('\uFEFFa = "é"\n', 'utf8'));
    expect(result).toEqual({ ok: true, text: '\uFEFFa = "é"\n' });
  });

  it('refuses a binary file at its first NUL byte', () => {
    const result = decodeSource(Buffer.from('a = 1\nb = \u0000\n', 'utf8'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ code: 'alloy-lint/binary-file', line: 2, column: 5, byteOffset: 10 });
  });

  it('refuses invalid UTF-8 with the position of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('a = 1\nbé = "'), Buffer.from([0xff, 0xfe]), Buffer.from('"\n')]);
    const result = decodeSource(bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ code: 'alloy-lint/invalid-utf8', message: 'illegal UTF-8 encoding', line: 2, column: 7 });
  });
});

describe('firstInvalidUtf8Byte', () => {
  it.each([
    [[0x61, 0x62], 2],
    [[0xc3, 0xa9], 2],
    [[0x61, 0xc3], 1],
    [[0xc0, 0x80], 0], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf0, 0x9f, 0x98, 0x80], 4],
    [[0xf5, 0x80, 0x80, 0x80], 0],
    [[0x61, 0x80], 1],
  ])('%j -> %i', (bytes, expected) => {
    expect(firstInvalidUtf8Byte(Uint8Array.from(bytes))).toBe(expected);
  });
});

describe('positionAt', () => {
  it('counts lines by LF only and columns in UTF-16 units', () => {
    expect(positionAt('ab\ncd\r\nef', 8)).toEqual({ offset: 8, line: 3, column: 2 });
    expect(positionAt('ab', 99)).toEqual({ offset: 2, line: 1, column: 3 });
  });
});
