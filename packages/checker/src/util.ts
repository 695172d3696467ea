import type { Block, LineIndex, Range, Statement } from '@alloy-toolkit/syntax';
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

/** The block's name fragments: `prometheus.scrape`. */
export function blockNameRange(lines: LineIndex, block: Block): Range {
  const first = block.name[0];
  const last = block.name[block.name.length - 1];
  if (first === undefined || last === undefined) {
    const start = lines.positionAt(block.start);
    return { start, end: start };
  }
  return lines.range(first.start, last.end);
}

/** Name and label: `prometheus.scrape "default"` (upstream's span for duplicates). */
export function blockHeaderRange(lines: LineIndex, block: Block): Range {
  const first = block.name[0];
  const last = block.name[block.name.length - 1];
  if (first === undefined || last === undefined) {
    const start = lines.positionAt(block.start);
    return { start, end: block.label ? lines.positionAt(block.label.end) : start };
  }
  return lines.range(first.start, block.label ? block.label.end : last.end);
}

/** From the name to the `{` included (upstream's span for cycles). */
export function blockOpeningRange(lines: LineIndex, block: Block): Range {
  return lines.range(block.start, block.lbrace + 1);
}

export function isPrometheusLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}

/**
 * Bodies with at most this many statements are searched for what they write instead of collecting
 * the names in sets as the walk goes (nearly all bodies are that small).
 */
export const searchedBodySize = 16;

/** Whether `statements` write attribute `name` before position `end`. */
export function writesAttribute(statements: readonly Statement[], name: string, end = statements.length): boolean {
  for (let index = 0; index < end; index++) {
    const statement = statements[index]!;
    if (statement.type === 'Attribute' && statement.name === name) return true;
  }
  return false;
}

/** How many blocks named `name` `statements` hold before position `end`. */
export function countBlocks(statements: readonly Statement[], name: string, end = statements.length): number {
  let count = 0;
  for (let index = 0; index < end; index++) {
    const statement = statements[index]!;
    if (statement.type === 'Block' && statement.fullName === name) count++;
  }
  return count;
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
