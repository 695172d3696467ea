/**
 * Fixes offered only where the repair is certain: exactly one text is right and it is what the
 * writer meant. A value that differs from exactly one allowed value only in letter case, and a
 * duration Go refuses only for its spelling (`"15 s"`, `"15sec"`, `"2H"`), get one; a bare number
 * for a duration (`15`, `"15"`), a value close to several others, or two arguments in conflict get
 * none: there the writer has to choose.
 *
 * Only a value written as one string literal is rewritten; a value built by an expression is not.
 */
import type { Expression, Fix, LineIndex } from '@alloy-toolkit/syntax';
import { parseGoDuration } from './go-duration.js';

/** The expression when it is one string literal (quoted or raw), with its text. */
function stringLiteral(expression: Expression | undefined): { expression: Expression; text: string } | undefined {
  if (expression?.type !== 'Literal' || expression.kind !== 'string' || typeof expression.value !== 'string') return undefined;
  return { expression, text: expression.value };
}

/** An Alloy string literal of a text the fixes write: the allowed values and durations need no escapes beyond JSON's. */
function quoted(text: string): string {
  return JSON.stringify(text);
}

function replaceWith(lines: LineIndex, expression: Expression, text: string): Fix {
  return { title: `Change to ${quoted(text)}`, edits: [{ range: lines.rangeOf(expression), newText: quoted(text) }] };
}

/**
 * The one allowed value a text differs from only in letter case and surrounding spaces, or
 * undefined when there is none, or more than one (`"ok"` when `"Ok"` and `"OK"` are both allowed).
 */
export function sameExceptCase(text: string, values: readonly string[]): string | undefined {
  if (values.includes(text)) return undefined;
  const folded = text.trim().toLowerCase();
  if (folded === '') return undefined;
  const matches = values.filter((value) => value.toLowerCase() === folded);
  return matches.length === 1 ? matches[0] : undefined;
}

/** A fix to the one allowed value a string literal differs from only in letter case (see `sameExceptCase`). */
export function enumCaseFix(lines: LineIndex, expression: Expression | undefined, values: readonly string[]): Fix | undefined {
  const literal = stringLiteral(expression);
  if (!literal) return undefined;
  const value = sameExceptCase(literal.text, values);
  return value === undefined ? undefined : replaceWith(lines, literal.expression, value);
}

/** Go's units, by the spellings people write for them (compared lower-cased). */
const unitSpellings = new Map<string, string>();
const spell = (unit: string, ...names: string[]) => names.forEach((name) => unitSpellings.set(name, unit));
spell('ns', 'ns', 'nsec', 'nsecs', 'nanosecond', 'nanoseconds');
spell('us', 'us', 'usec', 'usecs', 'microsecond', 'microseconds');
spell('µs', 'µs');
spell('μs', 'μs');
spell('ms', 'ms', 'msec', 'msecs', 'millisecond', 'milliseconds');
spell('s', 's', 'sec', 'secs', 'second', 'seconds');
spell('m', 'm', 'min', 'mins', 'minute', 'minutes');
spell('h', 'h', 'hr', 'hrs', 'hour', 'hours');
/** Days and weeks, which Go lacks, as Prometheus reads them (24h, 7 × 24h). */
const hoursPerUnit = new Map<string, number>([
  ['d', 24],
  ['day', 24],
  ['days', 24],
  ['w', 168],
  ['week', 168],
  ['weeks', 168],
]);

/**
 * The duration Go accepts that a text Go refuses was meant to be, when its spelling is the only
 * fault: spaces around and inside (`" 1h 30m "`), unit words and abbreviations (`sec`, `mins`,
 * `hours`), capital units (`S`, `H`, `MS`), whole days and weeks (`7d` → `168h`). Undefined for
 * anything else: a number without a unit (`"15"`: seconds or minutes?), `M` (minutes or months?),
 * years, unknown words, or a text Go accepts already.
 */
export function repairGoDuration(text: string): string | undefined {
  if (parseGoDuration(text).ok) return undefined;
  const match = /^\s*([+-]?)\s*((?:(?:\d+(?:\.\d*)?|\.\d+)\s*[a-zA-Zµμ]+\s*)+)$/.exec(text);
  if (!match) return undefined;
  const sign = match[1]!;
  let repaired = sign;
  for (const part of match[2]!.matchAll(/(\d+(?:\.\d*)?|\.\d+)\s*([a-zA-Zµμ]+)\s*/g)) {
    const number = part[1]!;
    const written = part[2]!;
    // `M` is minutes to Go and months to many people.
    if (written === 'M') return undefined;
    const name = written.toLowerCase();
    const unit = unitSpellings.get(name);
    if (unit !== undefined) {
      repaired += number + unit;
      continue;
    }
    const hours = hoursPerUnit.get(name);
    if (hours === undefined || !/^\d+$/.test(number)) return undefined;
    repaired += `${BigInt(number) * BigInt(hours)}h`;
  }
  return repaired !== text && parseGoDuration(repaired).ok ? repaired : undefined;
}

/** A fix to the duration a string literal was meant to be (see `repairGoDuration`). */
export function durationFix(lines: LineIndex, expression: Expression | undefined): Fix | undefined {
  const literal = stringLiteral(expression);
  if (!literal) return undefined;
  const repaired = repairGoDuration(literal.text);
  return repaired === undefined ? undefined : replaceWith(lines, literal.expression, repaired);
}
