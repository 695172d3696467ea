/** Go's text forms of values in error messages: `time.Duration.String()`, `strconv.Quote`, `fmt` verbs. */

/** `time.Duration(nanoseconds).String()`: `1m0s`, `1.5s`, `500ms`, `0s`. */
export function formatGoDuration(nanoseconds: bigint): string {
  if (nanoseconds === 0n) return '0s';
  const negative = nanoseconds < 0n;
  let value = negative ? -nanoseconds : nanoseconds;
  const sign = negative ? '-' : '';
  if (value < 1_000_000_000n) {
    // Below one second Go picks the largest unit that keeps an integer part: ns, µs or ms.
    const [unit, scale] = value < 1_000n ? ['ns', 1n] : value < 1_000_000n ? ['\u00b5s', 1_000n] : ['ms', 1_000_000n];
    return sign + decimal(value, scale) + unit;
  }
  const hours = value / 3_600_000_000_000n;
  value -= hours * 3_600_000_000_000n;
  const minutes = value / 60_000_000_000n;
  value -= minutes * 60_000_000_000n;
  let text = `${decimal(value, 1_000_000_000n)}s`;
  if (hours > 0n || minutes > 0n) text = `${minutes}m${text}`;
  if (hours > 0n) text = `${hours}h${text}`;
  return sign + text;
}

/** `value / scale` with its fraction, trailing zeros removed. */
function decimal(value: bigint, scale: bigint): string {
  const integer = value / scale;
  const fraction = value % scale;
  if (fraction === 0n) return integer.toString();
  const digits = (scale.toString().length - 1);
  return `${integer}.${fraction.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}

// Go's `strconv.Quote` (`%q`) is syntax's: the load-time messages quote values as upstream does.
export { goQuote } from '@alloy-toolkit/syntax';

/** Fills a Go format string's `%s`, `%q`, `%d` and `%v` verbs in order; `%%` is a percent sign. */
export function renderGoMessage(format: string, values: string[]): string {
  let next = 0;
  return format.replace(/%[sqdvw%]/g, (verb) => (verb === '%%' ? '%' : (values[next++] ?? verb)));
}
