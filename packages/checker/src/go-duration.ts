/**
 * Go's `time.ParseDuration`, exactly: the same accepted set (including its int64 overflow
 * limits and its float rounding of fractions) and the same error texts, so a tool can refuse a
 * duration with the message `alloy run` would print.
 */

/** A duration Go accepts (`nanoseconds` is exact), or Go's error text. */
export type GoDurationResult = { ok: true; nanoseconds: bigint } | { ok: false; error: string };

const MAX_MAGNITUDE = 1n << 63n; // |math.MinInt64|; positive durations stop one below

const NANOSECONDS_PER_UNIT = new Map<string, bigint>([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n], // U+00B5 MICRO SIGN
  ['\u03bcs', 1_000n], // U+03BC GREEK SMALL LETTER MU
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

const LOWER_HEX = '0123456789abcdef';

/**
 * Go's `time` package quoting of a value in an error: `"` and `\` escaped, every byte of a
 * non-ASCII or control character written as `\xNN` (UTF-8 bytes).
 */
export function goTimeQuote(text: string): string {
  let quoted = '"';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of new TextEncoder().encode(character)) quoted += `\\x${LOWER_HEX[byte >> 4]}${LOWER_HEX[byte & 0xf]}`;
    } else {
      if (character === '"' || character === '\\') quoted += '\\';
      quoted += character;
    }
  }
  return `${quoted}"`;
}

/** Parses `text` as Go's `time.ParseDuration` does. */
export function parseGoDuration(text: string): GoDurationResult {
  const invalid = (): GoDurationResult => ({ ok: false, error: `time: invalid duration ${goTimeQuote(text)}` });
  let index = 0;
  const end = text.length;
  let negative = false;
  if (end > 0 && (text[0] === '-' || text[0] === '+')) {
    negative = text[0] === '-';
    index = 1;
  }
  if (end - index === 1 && text[index] === '0') return { ok: true, nanoseconds: 0n };
  if (index === end) return invalid();
  let total = 0n;
  while (index < end) {
    const next = text.charCodeAt(index);
    if (!(next === 0x2e /* . */ || isDigit(next))) return invalid();

    // Integer part: Go refuses it as soon as it passes 2^63.
    const integerStart = index;
    let integer = 0n;
    while (index < end && isDigit(text.charCodeAt(index))) {
      integer = integer * 10n + BigInt(text.charCodeAt(index) - 0x30);
      if (integer > MAX_MAGNITUDE) return invalid();
      index++;
    }
    const hasInteger = index > integerStart;

    // Fraction: digits beyond what fits in 63 bits are read but ignored, as Go does.
    let fraction = 0n;
    let scale = 1;
    let hasFraction = false;
    if (index < end && text.charCodeAt(index) === 0x2e) {
      index++;
      const fractionStart = index;
      let overflowed = false;
      while (index < end && isDigit(text.charCodeAt(index))) {
        if (!overflowed) {
          const extended = fraction * 10n + BigInt(text.charCodeAt(index) - 0x30);
          if (fraction > (MAX_MAGNITUDE - 1n) / 10n || extended > MAX_MAGNITUDE) overflowed = true;
          else {
            fraction = extended;
            scale *= 10;
          }
        }
        index++;
      }
      hasFraction = index > fractionStart;
    }
    if (!hasInteger && !hasFraction) return invalid();

    // Unit: everything up to the next digit or '.'.
    const unitStart = index;
    while (index < end) {
      const code = text.charCodeAt(index);
      if (code === 0x2e || isDigit(code)) break;
      index++;
    }
    if (index === unitStart) return { ok: false, error: `time: missing unit in duration ${goTimeQuote(text)}` };
    const unitText = text.slice(unitStart, index);
    const unit = NANOSECONDS_PER_UNIT.get(unitText);
    if (unit === undefined) {
      return { ok: false, error: `time: unknown unit ${goTimeQuote(unitText)} in duration ${goTimeQuote(text)}` };
    }
    if (integer > MAX_MAGNITUDE / unit) return invalid();
    let value = integer * unit;
    if (fraction > 0n) {
      // Go computes this part in float64 and truncates; the same here gives the same nanoseconds.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > MAX_MAGNITUDE) return invalid();
    }
    total += value;
    if (total > MAX_MAGNITUDE) return invalid();
  }
  if (negative) return { ok: true, nanoseconds: -total };
  if (total > MAX_MAGNITUDE - 1n) return invalid();
  return { ok: true, nanoseconds: total };
}

/** `parseGoDuration`'s results by text, shared and frozen: configurations repeat the same few durations. */
const parsedDurations = new Map<string, GoDurationResult>();
const maximumCachedDurations = 4096;

/** `parseGoDuration(text)`, parsed once per text; the result is frozen (read only). */
export function cachedGoDuration(text: string): GoDurationResult {
  let parsed = parsedDurations.get(text);
  if (parsed === undefined) {
    parsed = Object.freeze(parseGoDuration(text));
    if (parsedDurations.size >= maximumCachedDurations) parsedDurations.clear();
    parsedDurations.set(text, parsed);
  }
  return parsed;
}
