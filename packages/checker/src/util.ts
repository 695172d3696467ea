import type { Block, Position, Range } from '@alloy-toolkit/syntax';

/** Edit distance between two strings; stops early and returns `max + 1` once it must exceed `max`. */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** The closest candidate, if it is close enough to be a likely typo. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.min(4, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = levenshtein(name, candidate, bestDistance);
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

const durationUnit = /^(ns|us|µs|μs|ms|s|m|h)/;

/** Whether Go's `time.ParseDuration` accepts the text. */
export function isValidDuration(text: string): boolean {
  let rest = text;
  if (rest.startsWith('-') || rest.startsWith('+')) rest = rest.slice(1);
  if (rest === '0') return true;
  if (rest === '') return false;
  while (rest !== '') {
    const number = /^(\d+(\.\d*)?|\.\d+)/.exec(rest);
    if (!number) return false;
    rest = rest.slice(number[0].length);
    const unit = durationUnit.exec(rest);
    if (!unit) return false;
    rest = rest.slice(unit[0].length);
  }
  return true;
}

const unitNanoseconds: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Nanoseconds of a valid Go duration, or `undefined`. */
export function durationNanoseconds(text: string): number | undefined {
  if (!isValidDuration(text)) return undefined;
  let sign = 1;
  let rest = text;
  if (rest.startsWith('-')) {
    sign = -1;
    rest = rest.slice(1);
  } else if (rest.startsWith('+')) rest = rest.slice(1);
  if (rest === '0') return 0;
  let total = 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;
  for (const match of rest.matchAll(part)) total += Number(match[1]) * unitNanoseconds[match[2]!]!;
  return sign * total;
}

export function isPrometheusLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}
