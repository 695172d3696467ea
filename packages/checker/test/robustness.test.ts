import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFixes, checkText } from '../src/index.js';
import { hasShared, sharedMissingNote, sharedRoot } from './helpers.js';

sharedMissingNote('the corpus mutation tests');

function sampleCorpus(): string[] {
  if (!hasShared) return [];
  const directory = path.join(sharedRoot, 'corpus/real-world/valid');
  return readdirSync(directory)
    .sort()
    .filter((_, index) => index % 7 === 0)
    .map((name) => readFileSync(path.join(directory, name), 'utf8'));
}

function checkInvariants(text: string): void {
  const { diagnostics, model } = checkText(text, { stabilityLevel: 'experimental' });
  for (const diagnostic of diagnostics) {
    expect(diagnostic.range.start.offset).toBeGreaterThanOrEqual(0);
    expect(diagnostic.range.end.offset).toBeLessThanOrEqual(text.length);
    expect(diagnostic.range.start.offset).toBeLessThanOrEqual(diagnostic.range.end.offset);
    expect(diagnostic.message.length).toBeGreaterThan(0);
  }
  for (const reference of model.references) expect(model.referenceAt(reference.range.start.offset)).toBeDefined();
  const fixed = applyFixes(text, diagnostics);
  expect(typeof fixed.text).toBe('string');
}

describe('robustness', () => {
  it('never throws on random text, and keeps diagnostics inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        checkInvariants(text);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random Alloy-like token soup', () => {
    const token = fc.constantFrom('logging', 'declare', 'foreach', 'template', 'argument', 'export', 'import.file', '"x"', '{', '}', '[', ']', '=', ',', '.', 'a.b.c', 'prometheus.scrape', 'targets', '\n', '#', '//c\n', '(', ')', '1', 'true', 'null');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 80 }), (tokens) => {
        checkInvariants(tokens.join(' '));
      }),
      { numRuns: 300 },
    );
  });

  describe.skipIf(!hasShared)('mutated corpus files', () => {
    const files = sampleCorpus();
    it(`survive truncations and insertions (${files.length} files)`, () => {
      expect(files.length).toBeGreaterThan(10);
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: files.length - 1 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.constantFrom('', '{', '}', '"', '#', ',', 'x.y.z', '\n', '= ='),
          (fileIndex, where, insertion) => {
            const text = files[fileIndex]!;
            const at = Math.floor(where * text.length);
            checkInvariants(text.slice(0, at));
            checkInvariants(text.slice(0, at) + insertion + text.slice(at));
          },
        ),
        { numRuns: 150 },
      );
    });
  });
});
