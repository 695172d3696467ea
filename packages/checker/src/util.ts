import type { Block, Position, Range } from '@alloy-toolkit/syntax';
import { boundedDistance, suggestionLimit } from './suggestions.js';

/**
 * The closest candidate, if it is close enough to be a likely typo (`suggestionLimit` edits);
 * ties go to the alphabetically first, whatever the order of the candidates.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = suggestionLimit(name);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (Math.abs(candidate.length - name.length) > bestDistance) continue;
    const distance = boundedDistance(name, candidate, bestDistance);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(message: string, suggestion: string | undefined): string {
  return suggestion === undefined ? message : `${message}; did you mean "${suggestion}"?`;
}

export function rangeOf(node: { start: Position; end: Position }): Range {
  return { start: node.start, end: node.end };
}

/** The position one character after `position` on the same line. */
export function after(position: Position, characters = 1): Position {
  return { offset: position.offset + characters, line: position.line, column: position.column + characters };
}

/** The block's name fragments: `prometheus.scrape`. */
export function blockNameRange(block: Block): Range {
  const first = block.name[0];
  const last = block.name[block.name.length - 1];
  if (first === undefined || last === undefined) return { start: block.start, end: block.start };
  return { start: first.start, end: last.end };
}

/** Name and label: `prometheus.scrape "default"` (upstream's span for duplicates). */
export function blockHeaderRange(block: Block): Range {
  const nameRange = blockNameRange(block);
  return { start: nameRange.start, end: block.label ? block.label.end : nameRange.end };
}

/** From the name to the `{` included (upstream's span for cycles). */
export function blockOpeningRange(block: Block): Range {
  return { start: block.start, end: after(block.lbrace) };
}

/** Whether Go's `time.ParseDuration` accepts the text. */
export function isValidDuration(text: string): boolean {
  return durationNanoseconds(text) !== undefined;
}

const MICRO_SIGN = 0xb5;
const GREEK_MU = 0x3bc;

/** The unit at `index` (`ns us µs μs ms s m h`; `ms` before `m`): nanoseconds per unit and length. */
function unitAt(text: string, index: number): { nanoseconds: number; length: number } | undefined {
  const first = text.charCodeAt(index);
  const second = text.charCodeAt(index + 1);
  if (second === 0x73 /* s */) {
    if (first === 0x6e /* n */) return units.ns;
    if (first === 0x75 /* u */ || first === MICRO_SIGN || first === GREEK_MU) return units.us;
    if (first === 0x6d /* m */) return units.ms;
  }
  if (first === 0x73 /* s */) return units.s;
  if (first === 0x6d /* m */) return units.m;
  if (first === 0x68 /* h */) return units.h;
  return undefined;
}

const units = {
  ns: { nanoseconds: 1, length: 2 },
  us: { nanoseconds: 1e3, length: 2 },
  ms: { nanoseconds: 1e6, length: 2 },
  s: { nanoseconds: 1e9, length: 1 },
  m: { nanoseconds: 60e9, length: 1 },
  h: { nanoseconds: 3600e9, length: 1 },
} as const;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Nanoseconds of a valid Go duration (what `time.ParseDuration` accepts: an optional sign, then
 * `0` or a sequence of decimal numbers each with a unit), or `undefined`.
 */
export function durationNanoseconds(text: string): number | undefined {
  let index = 0;
  let sign = 1;
  const first = text.charCodeAt(0);
  if (first === 0x2d /* - */) {
    sign = -1;
    index = 1;
  } else if (first === 0x2b /* + */) index = 1;
  const end = text.length;
  if (end - index === 1 && text.charCodeAt(index) === 0x30 /* 0 */) return 0;
  if (index === end) return undefined;
  let total = 0;
  while (index < end) {
    const numberStart = index;
    while (index < end && isDigit(text.charCodeAt(index))) index++;
    const integerDigits = index - numberStart;
    if (index < end && text.charCodeAt(index) === 0x2e /* . */) {
      index++;
      const fractionStart = index;
      while (index < end && isDigit(text.charCodeAt(index))) index++;
      if (integerDigits === 0 && index === fractionStart) return undefined;
    } else if (integerDigits === 0) return undefined;
    const unit = unitAt(text, index);
    if (unit === undefined) return undefined;
    total += Number(text.slice(numberStart, index)) * unit.nanoseconds;
    index += unit.length;
  }
  return sign * total;
}

export function isPrometheusLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}

/** A set of names that stays a plain list while small (block bodies usually are), a `Set` beyond. */
export class NameSet {
  private list: string[] | undefined = [];
  private set: Set<string> | undefined;

  has(name: string): boolean {
    return this.list ? this.list.includes(name) : this.set!.has(name);
  }

  add(name: string): void {
    if (!this.list) {
      this.set!.add(name);
      return;
    }
    this.list.push(name);
    if (this.list.length > 16) {
      this.set = new Set(this.list);
      this.list = undefined;
    }
  }
}
