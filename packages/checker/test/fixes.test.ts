import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '@alloy-toolkit/syntax';
import { applyFixes, checkText, type CheckerDiagnostic } from '../src/index.js';
import { errorsOf, hasShared, sharedMissingNote, sharedRoot } from './helpers.js';

sharedMissingNote('the seed config tests');

/** Applies every fix, re-checks, and returns the new text and diagnostics. */
function fixAndRecheck(text: string, options = {}) {
  const first = checkText(text, { stabilityLevel: 'experimental', ...options });
  const fixed = applyFixes(text, first.diagnostics);
  const second = checkText(fixed.text, { stabilityLevel: 'experimental', ...options });
  return { first: first.diagnostics, fixed, second: second.diagnostics };
}

function seedConfig(): string {
  const seed = readFileSync(path.join(sharedRoot, 'seed/000_882c270745b5df13.txt'), 'utf8');
  const match = /cat <<'EOF' \| sudo tee \/etc\/alloy\/config\.alloy > \/dev\/null\n([\s\S]*?)\nEOF\n/.exec(seed);
  if (!match) throw new Error('seed config not found');
  return `${match[1]}\n`;
}

describe.skipIf(!hasShared)('the seed config', () => {
  it('has no errors', () => {
    const text = seedConfig();
    expect(text).toContain('external_labels');
    expect(errorsOf(checkText(text).diagnostics)).toEqual([]);
  });

  it("gets an error with a fix and a hint for '#' comments", () => {
    const text = seedConfig().replace('// Replace with your Prometheus server URL', '# Replace with your Prometheus server URL');
    const { first, fixed, second } = fixAndRecheck(text);
    const hash = first.find((diagnostic) => diagnostic.code === 'syntax/hash-comment') as CheckerDiagnostic | undefined;
    expect(hash?.severity).toBe('error');
    expect(hash?.message).toMatch(/^illegal character U\+0023 '#'/);
    expect(hash?.hint).toMatch(/\/\//);
    expect(hash?.fix?.edits[0]?.newText).toBe('//');
    expect(fixed.applied).toBeGreaterThanOrEqual(1);
    expect(fixed.text).toContain('// Replace with your Prometheus server URL');
    expect(errorsOf(second)).toEqual([]);
    expect(parse(fixed.text).diagnostics).toEqual([]);
  });

  it('gets the missing-comma error with a fix inserting the comma in external_labels', () => {
    const text = seedConfig().replace('environment   = "prd",', 'environment   = "prd"');
    const { first, fixed, second } = fixAndRecheck(text);
    const comma = first.find((diagnostic) => /missing ','/.test(diagnostic.message));
    expect(comma?.message).toBe("missing ',' in field list");
    expect(comma?.fix?.edits[0]?.newText).toBe(',');
    expect(fixed.text).toBe(seedConfig());
    expect(errorsOf(second)).toEqual([]);
  });

  it('fixes a missing comma followed by a comment', () => {
    const text = seedConfig().replace('environment   = "prd",', 'environment   = "prd" // where');
    const { fixed, second } = fixAndRecheck(text);
    expect(fixed.text).toContain('environment   = "prd", // where');
    expect(errorsOf(second)).toEqual([]);
  });
});

describe('fixes', () => {
  it('replaces a deprecated stdlib name and the warning is gone', () => {
    const { first, fixed, second } = fixAndRecheck('local.file "x" {\n  filename = env("HOME")\n}\n');
    expect(first.map((diagnostic) => diagnostic.code)).toEqual(['alloy/deprecated']);
    expect(fixed.text).toContain('sys.env("HOME")');
    expect(second).toEqual([]);
    expect(parse(fixed.text).diagnostics).toEqual([]);
  });

  it('removes a label from a block that takes none', () => {
    const { fixed, second } = fixAndRecheck('logging "main" {\n  level = "info"\n}\n');
    expect(fixed.text).toBe('logging {\n  level = "info"\n}\n');
    expect(second).toEqual([]);
  });

  it('applies non-overlapping fixes only, each once', () => {
    const text = 'abcdef';
    const at = (offset: number) => ({ offset, line: 1, column: offset + 1 });
    const edit = (start: number, end: number, newText: string) => ({
      code: 'x',
      severity: 'error' as const,
      message: 'x',
      range: { start: at(start), end: at(end) },
      fix: { title: 't', edits: [{ range: { start: at(start), end: at(end) }, newText }] },
    });
    const result = applyFixes(text, [edit(0, 2, 'X'), edit(1, 3, 'Y'), edit(4, 5, 'Z'), edit(4, 5, 'Z')]);
    expect(result).toEqual({ text: 'XcdZf', applied: 2 });
  });

  it('fixes several # comments in one pass', () => {
    const text = '# one\nlogging {\n  # two\n  level = "info"\n}\n';
    const { fixed, second } = fixAndRecheck(text);
    expect(fixed.text).toBe('// one\nlogging {\n  // two\n  level = "info"\n}\n');
    expect(second).toEqual([]);
  });
});
