import { describe, expect, it } from 'vitest';
import { parseGoDuration } from '../src/go-duration.js';
import { NameSet } from '../src/util.js';

// Go's time.ParseDuration: an optional sign, then "0" or decimal numbers each followed by a unit.
describe('durations (parseGoDuration)', () => {
  it.each([
    ['15s', 15e9],
    ['1m30s', 90e9],
    ['1.5h', 5400e9],
    ['.5s', 0.5e9],
    ['1.s', 1e9],
    ['-2ms', -2e6],
    ['+3us', 3e3],
    ['4µs', 4e3],
    ['4μs', 4e3],
    ['5ns', 5],
    ['1h2m3s4ms5us6ns', 3600e9 + 120e9 + 3e9 + 4e6 + 5e3 + 6],
    ['0', 0],
    ['-0', 0],
    ['0s', 0],
  ])('accepts %s', (text, nanoseconds) => {
    expect(parseGoDuration(text)).toEqual({ ok: true, nanoseconds: BigInt(nanoseconds) });
  });

  it.each(['', '-', '+', '00', '1', 's', '.s', '1.5.5s', '1d', '1 s', ' 1s', '1s ', '1S', '--1s', '1µ', '1e3s', 'abc'])(
    'rejects %j',
    (text) => {
      expect(parseGoDuration(text).ok).toBe(false);
    },
  );
});

describe('NameSet', () => {
  it('answers like a Set below and above its list size', () => {
    const names = new NameSet();
    const reference = new Set<string>();
    for (let index = 0; index < 40; index++) {
      const name = `name_${index % 25}`;
      expect(names.has(name)).toBe(reference.has(name));
      names.add(name);
      reference.add(name);
      expect(names.has(name)).toBe(true);
      expect(names.has(`other_${index}`)).toBe(false);
    }
  });
});
