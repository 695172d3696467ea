/**
 * "Did you mean" lookups in time linear in the checked text: candidate names are grouped by
 * segment count and length, so a name is only compared with candidates whose length can be close
 * enough, and every comparison is paid from a budget proportional to the text checked.
 */

/** The most edits a suggestion may be away from the name: a third of its length, between 1 and 4. */
export function suggestionLimit(name: string): number {
  return Math.max(1, Math.min(4, Math.floor(name.length / 3)));
}

let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/**
 * Levenshtein distance between `a` and `b` when it is at most `max`, otherwise `max + 1`. Only the
 * diagonal band of width `2 * max + 1` is computed, so the cost is O(length × max).
 */
export function boundedDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const outside = max + 1;
  if (Math.abs(a.length - b.length) > max) return outside;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const width = b.length + 1;
  if (previousRow.length < width + 1) {
    previousRow = new Int32Array(width * 2);
    currentRow = new Int32Array(width * 2);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j <= max ? j : outside;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    const first = from === 1 ? (i <= max ? i : outside) : outside;
    current[from - 1] = first;
    let rowMinimum = first;
    const code = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      let value = previous[j - 1]! + (code === b.charCodeAt(j - 1) ? 0 : 1);
      const up = previous[j]! + 1;
      if (up < value) value = up;
      const left = current[j - 1]! + 1;
      if (left < value) value = left;
      if (value > outside) value = outside;
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    // The cell right of the band is read as `previous[j]` by the next row.
    if (to < b.length) current[to + 1] = outside;
    if (rowMinimum > max) return outside;
    const swap = previous;
    previous = current;
    current = swap;
  }
  const distance = previous[b.length]!;
  return distance > max ? outside : distance;
}

/** Counts of the work done by suggestion lookups, for tests that bound it. */
export const suggestionStatistics = { distanceComputations: 0 };

/** The number of dot-separated segments of `name`. */
export function segmentCountOf(name: string): number {
  let count = 1;
  for (let index = name.indexOf('.'); index !== -1; index = name.indexOf('.', index + 1)) count += 1;
  return count;
}

/** Names grouped (by default by their number of dot-separated segments), then by length. */
export class NameIndex {
  /** Groups in the order their first name was added. */
  readonly segmentCounts: number[] = [];
  private readonly groups = new Map<number, Map<number, string[]>>();
  private readonly members = new Set<string>();

  get size(): number {
    return this.members.size;
  }

  /** Adds `name` (once) to `group`: its segment count unless given. */
  add(name: string, group = segmentCountOf(name)): void {
    if (this.members.has(name)) return;
    this.members.add(name);
    const segmentCount = group;
    let byLength = this.groups.get(segmentCount);
    if (!byLength) {
      byLength = new Map();
      this.groups.set(segmentCount, byLength);
      this.segmentCounts.push(segmentCount);
    }
    const list = byLength.get(name.length);
    if (list) list.push(name);
    else byLength.set(name.length, [name]);
  }

  has(name: string): boolean {
    return this.members.has(name);
  }

  /** The names of group `segmentCount` with `length` characters. */
  namesOf(segmentCount: number, length: number): readonly string[] {
    return this.groups.get(segmentCount)?.get(length) ?? noNames;
  }
}

const noNames: readonly string[] = [];

/** A name index with an optional filter of the names that count as candidates. */
export interface CandidateSource {
  index: NameIndex;
  /** The groups holding accepted names, in the order of their first accepted name. */
  segmentCounts: readonly number[];
  accepts?: (name: string) => boolean;
}

/**
 * The work suggestion lookups may still do, in characters compared. A lookup that would exceed it
 * gives no suggestion, so a check's suggestions cost at most a constant times the text checked.
 */
export class SuggestionBudget {
  constructor(private remaining: number) {}

  /** The budget of one check: a fixed allowance, plus `perCharacter` for each character of the checked text. */
  static forText(textLength: number): SuggestionBudget {
    return new SuggestionBudget(baseAllowance + perCharacter * textLength);
  }

  spend(units: number): boolean {
    if (units > this.remaining) {
      this.remaining = 0;
      return false;
    }
    this.remaining -= units;
    return true;
  }
}

const baseAllowance = 1_000_000;
const perCharacter = 64;

/** What `closestCandidate` found: a name, none close enough, or no answer because the budget ran out. */
export type ClosestOutcome = { found: string | undefined } | { exhausted: true };

/**
 * The candidate with `segmentCount` segments closest to `name` (other than `name` itself), when at
 * most `suggestionLimit(name)` edits away; ties go to the alphabetically first. The same answer as
 * `closestName` over the union of the sources' names with that segment count.
 */
export function closestCandidate(name: string, segmentCount: number, sources: readonly CandidateSource[], budget: SuggestionBudget): ClosestOutcome {
  const limit = suggestionLimit(name);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (let lengthDifference = 0; lengthDifference <= limit && lengthDifference <= bestDistance; lengthDifference++) {
    for (const length of lengthDifference === 0 ? [name.length] : [name.length - lengthDifference, name.length + lengthDifference]) {
      if (length < 0) continue;
      for (const { index, accepts } of sources) {
        for (const candidate of index.namesOf(segmentCount, length)) {
          if (candidate === name || (accepts && !accepts(candidate))) continue;
          if (!budget.spend(name.length + candidate.length)) return { exhausted: true };
          suggestionStatistics.distanceComputations += 1;
          const distance = boundedDistance(name, candidate, bestDistance);
          if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
            best = candidate;
            bestDistance = distance;
          }
        }
      }
    }
  }
  return { found: bestDistance <= limit ? best : undefined };
}
