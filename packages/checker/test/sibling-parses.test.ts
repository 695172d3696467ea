import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { memoryFileSystem } from './helpers.js';

// Counts the parses of each file, to see which siblings a check reads as syntax trees.
const parses = vi.hoisted(() => new Map<string, number>());
vi.mock('@alloy-toolkit/syntax', async (importOriginal) => {
  const original = await importOriginal<typeof import('@alloy-toolkit/syntax')>();
  return {
    ...original,
    parse: (...args: Parameters<typeof original.parse>) => {
      const fileName = args[1]?.fileName;
      if (fileName !== undefined) parses.set(fileName, (parses.get(fileName) ?? 0) + 1);
      return original.parse(...args);
    },
  };
});

const { checkText } = await import('../src/index.js');

const SIBLINGS = 100;
/** About 2 KB of comment per sibling, so that the siblings' text outweighs the searches' fixed allowance. */
const padding = `${'// a sibling of the checked file, long enough to be worth searching rather than parsing\n'.repeat(24)}`;
const siblingName = (index: number) => `n${String(index).padStart(3, '0')}`;

let directoryCount = 0;

/** A directory of SIBLINGS files, each defining one exporter, and a file that scrapes `referenced` of them. */
function directoryReferencing(referenced: number): { fileSystem: ReturnType<typeof memoryFileSystem>; own: string; text: string; siblingPaths: string[] } {
  directoryCount += 1;
  const directory = path.resolve(`/sibling-parses-${directoryCount}`);
  const files: Record<string, string> = {};
  const siblingPaths: string[] = [];
  for (let index = 0; index < SIBLINGS; index++) {
    const file = path.join(directory, `${siblingName(index)}.alloy`);
    files[file] = `${padding}prometheus.exporter.unix "${siblingName(index)}" {}\n`;
    siblingPaths.push(file);
  }
  const targets = Array.from({ length: referenced }, (_, index) => `prometheus.exporter.unix.${siblingName(index)}.targets`);
  const text = `prometheus.scrape "all" {\n  targets    = array.concat(${targets.join(', ')})\n  forward_to = []\n}\n`;
  const own = path.join(directory, 'main.alloy');
  files[own] = text;
  return { fileSystem: memoryFileSystem(files), own, text, siblingPaths };
}

function siblingParses(siblingPaths: string[]): number[] {
  return siblingPaths.map((file) => parses.get(file) ?? 0);
}

describe('sibling parses of a first check', () => {
  it('parse only the siblings that define the names looked up, for a few lookups (a CLI run on one file)', () => {
    const { fileSystem, own, text, siblingPaths } = directoryReferencing(10);
    parses.clear();
    const result = checkText(text, { fileName: own, fileSystem });
    expect(result.diagnostics).toEqual([]);
    const counts = siblingParses(siblingPaths);
    // The ten siblings that define the exporters, each once; none of the other ninety.
    expect(counts.slice(0, 10)).toEqual(Array(10).fill(1));
    expect(counts.slice(10).every((count) => count === 0)).toBe(true);
  });

  it('index the whole directory once the lookups have searched it many times over (every sibling parsed once)', () => {
    // Sixty lookups search the siblings more than thirty-two times over: the index is built, which
    // parses the forty siblings that no lookup needs as well, and nothing twice.
    const { fileSystem, own, text, siblingPaths } = directoryReferencing(60);
    parses.clear();
    const result = checkText(text, { fileName: own, fileSystem });
    expect(result.diagnostics).toEqual([]);
    expect(siblingParses(siblingPaths)).toEqual(Array(SIBLINGS).fill(1));
    const reference = result.model.references.find((candidate) => candidate.text.startsWith(`prometheus.exporter.unix.${siblingName(59)}`));
    expect(reference?.target.kind).toBe('component');
  });
});
