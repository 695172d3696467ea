import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkText, snapshotFileSystem, type CheckerFileSystem } from '../src/index.js';
import { boundedDistance, closestCandidate, NameIndex, SuggestionBudget, suggestionStatistics } from '../src/suggestions.js';
import { closestName } from '../src/util.js';
import { memoryFileSystem } from './helpers.js';

/** Plain Levenshtein distance, the reference for the banded one. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

const shortName = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.', '_'), maxLength: 14 });

function unresolvedReferences(count: number): string {
  const parts: string[] = [];
  for (let index = 0; index < count; index++) {
    parts.push(`prometheus.scrape "s${index}" {\n  targets    = []\n  forward_to = [prometheus.remote_write.missing${index}.receiver]\n}\n`);
  }
  return parts.join('\n');
}

function distanceComputationsOf(run: () => void): number {
  const before = suggestionStatistics.distanceComputations;
  run();
  return suggestionStatistics.distanceComputations - before;
}

describe('boundedDistance', () => {
  it('is the Levenshtein distance when at most max, else max + 1', () => {
    fc.assert(
      fc.property(shortName, shortName, fc.integer({ min: 0, max: 5 }), (a, b, max) => {
        const distance = levenshtein(a, b);
        expect(boundedDistance(a, b, max)).toBe(distance <= max ? distance : max + 1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('closestCandidate', () => {
  it('gives what closestName gives over the union of the indexes, for the names of one segment count', () => {
    fc.assert(
      fc.property(shortName, fc.array(shortName, { maxLength: 30 }), fc.array(shortName, { maxLength: 30 }), (name, first, second) => {
        const segmentCount = name.split('.').length;
        const indexes = [first, second].map((names) => {
          const index = new NameIndex();
          for (const candidate of names) index.add(candidate);
          return { index, segmentCounts: index.segmentCounts };
        });
        const sameCount = [...first, ...second].filter((candidate) => candidate.split('.').length === segmentCount);
        expect(closestCandidate(name, segmentCount, indexes, new SuggestionBudget(Infinity))).toEqual({ found: closestName(name, sameCount) });
      }),
      { numRuns: 2000 },
    );
  });

  it('skips names the source does not accept', () => {
    const index = new NameIndex();
    for (const name of ['prometheus.scrape.a', 'prometheus.scrape.b']) index.add(name);
    const source = { index, segmentCounts: index.segmentCounts, accepts: (name: string) => name !== 'prometheus.scrape.a' };
    expect(closestCandidate('prometheus.scrape.c', 3, [source], new SuggestionBudget(Infinity))).toEqual({ found: 'prometheus.scrape.b' });
  });

  it('answers nothing once its budget is spent', () => {
    const index = new NameIndex();
    index.add('prometheus.scrape.a');
    expect(closestCandidate('prometheus.scrape.b', 3, [{ index, segmentCounts: index.segmentCounts }], new SuggestionBudget(10))).toEqual({ exhausted: true });
  });
});

describe('closestName', () => {
  it('does not depend on the order of the candidates', () => {
    fc.assert(
      fc.property(shortName, fc.array(shortName, { maxLength: 20 }), (name, candidates) => {
        expect(closestName(name, [...candidates].reverse())).toBe(closestName(name, candidates));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('did-you-mean work', () => {
  it('compares an unresolved path only with ids whose length can be close enough: no distance computed when none can', () => {
    for (const count of [1000, 4000]) {
      const text = unresolvedReferences(count);
      let unresolved = 0;
      const computations = distanceComputationsOf(() => {
        unresolved = checkText(text).diagnostics.filter((diagnostic) => diagnostic.code === 'alloy/unresolved-reference').length;
      });
      expect(unresolved).toBe(count);
      expect(computations).toBe(0);
    }
  });

  it('computes the suggestion of a name once per check, however often the name is used', () => {
    const components = Array.from({ length: 200 }, (_, index) => `prometheus.remote_write "w${index}" {}\n`).join('');
    const uses = (count: number) =>
      components + Array.from({ length: count }, (_, index) => `prometheus.scrape "s${index}" {\n  targets    = []\n  forward_to = [prometheus.remote_write.w1x.receiver]\n}\n`).join('');
    const once = distanceComputationsOf(() => checkText(uses(1)));
    const often = distanceComputationsOf(() => checkText(uses(500)));
    expect(once).toBeGreaterThan(0);
    expect(often).toBe(once);
    expect(checkText(uses(2)).diagnostics[0]?.message).toContain('did you mean "prometheus.remote_write.w1.receiver"?');
  });

  it('is bounded by a constant times the text when every path is close to many ids', () => {
    // Each unresolved `prometheus.scrape.tI` is within a few edits of hundreds of `prometheus.scrape.sJ`.
    const count = 3000;
    const parts: string[] = [];
    for (let index = 0; index < count; index++) parts.push(`prometheus.scrape "s${index}" {\n  targets    = prometheus.scrape.t${index}.targets\n  forward_to = []\n}\n`);
    const text = parts.join('');
    let messages: string[] = [];
    const computations = distanceComputationsOf(() => {
      messages = checkText(text).diagnostics.filter((diagnostic) => diagnostic.code === 'alloy/unresolved-reference').map((diagnostic) => diagnostic.message);
    });
    expect(messages).toHaveLength(count);
    // The budget pays name length + candidate length (at least 2 × 20 characters here) per computation.
    const budgetUnits = 1_000_000 + 64 * text.length;
    expect(computations).toBeLessThanOrEqual(budgetUnits / 40);
    expect(computations).toBeLessThan(count * count);
    // The first ones are answered exactly, before the budget runs out.
    expect(messages[0]).toBe('component "prometheus.scrape.t0.targets" does not exist or is out of scope; did you mean "prometheus.scrape.s0.targets"?');
  });

  it('looks a directory up through its index once lookups have searched the siblings many times over', () => {
    const directory = path.resolve('/linear-suggestions-siblings');
    const sibling = Array.from({ length: 300 }, (_, index) => `prometheus.remote_write "w${index}" {}\n`).join('');
    const own = Array.from({ length: 300 }, (_, index) => `prometheus.scrape "s${index}" {\n  targets    = []\n  forward_to = [prometheus.remote_write.w${index}.receiver, prometheus.remote_write.x${index}.receiver]\n}\n`).join('');
    const fileSystem = memoryFileSystem({ [path.join(directory, 'a.alloy')]: sibling, [path.join(directory, 'b.alloy')]: own });
    const summary = () =>
      checkText(own, { fileName: path.join(directory, 'b.alloy'), fileSystem }).diagnostics.map((diagnostic) => `${diagnostic.range.start.line} ${diagnostic.message}`);
    const first = summary();
    expect(first).toHaveLength(300);
    expect(first[0]).toBe('3 component "prometheus.remote_write.x0.receiver" does not exist or is out of scope; did you mean "prometheus.remote_write.w0.receiver"?');
    expect(summary()).toEqual(first);
  });

  it('reads each file of a directory once when checking all of them through a snapshot file system', () => {
    const directory = path.resolve('/linear-suggestions-snapshot');
    const files: Record<string, string> = {};
    for (let index = 0; index < 40; index++) {
      files[path.join(directory, `f${index}.alloy`)] =
        `prometheus.remote_write "w${index}" {}\nprometheus.scrape "s${index}" {\n  targets    = []\n  forward_to = [prometheus.remote_write.w${(index + 1) % 40}.receiver, prometheus.remote_write.v${index}.receiver]\n}\n`;
    }
    const base = memoryFileSystem(files);
    const reads = new Map<string, number>();
    const counting: CheckerFileSystem = {
      readFile: (filePath) => (reads.set(filePath, (reads.get(filePath) ?? 0) + 1), base.readFile(filePath)),
      readDirectory: (directoryPath) => base.readDirectory(directoryPath),
    };
    const fileSystem = snapshotFileSystem(counting);
    const messages: string[] = [];
    for (const [fileName, text] of Object.entries(files)) {
      const { diagnostics } = checkText(text, { fileName, fileSystem });
      messages.push(...diagnostics.map((diagnostic) => diagnostic.message));
    }
    expect(messages).toHaveLength(40);
    expect(messages[0]).toBe('component "prometheus.remote_write.v0.receiver" does not exist or is out of scope; did you mean "prometheus.remote_write.w0.receiver"?');
    expect(Math.max(...reads.values())).toBe(1);
    expect(reads.size).toBe(40);
  });
});
