import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from '../src/diff.js';
import { makeTempDir } from './helpers.js';

const gitAvailable = spawnSync('git', ['--version']).status === 0;
const temp = makeTempDir();
afterAll(() => temp.remove());

/** Applies a diff with git's own patch machinery and returns the result. */
function applyWithGit(before: string, diff: string): string {
  const file = join(temp.path, 'file.alloy');
  writeFileSync(file, before);
  writeFileSync(join(temp.path, 'change.diff'), diff);
  const result = spawnSync('git', ['apply', '--unsafe-paths', '-p1', '--directory', '', 'change.diff'], { cwd: temp.path, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git apply failed: ${result.stderr}\n${diff}`);
  return readFileSync(file, 'utf8');
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\n', 'a\n', 'x')).toBe('');
  });

  it('prints hunks with context in the usual shape', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const after = before.replace('e\n', 'E\n');
    expect(unifiedDiff(before, after, 'a/x.alloy', 'b/x.alloy')).toBe(
      '--- a/x.alloy\n+++ b/x.alloy\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n',
    );
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('a = 1', 'a = 1\n', 'x')).toBe(
      '--- x\n+++ x\n@@ -1,1 +1,1 @@\n-a = 1\n\\ No newline at end of file\n+a = 1\n',
    );
  });

  it.skipIf(!gitAvailable)('produces diffs that git apply turns into the new text', () => {
    const lines = fc.array(fc.constantFrom('a = 1', 'b = 2', '', '}', 'block {', '// c', 'x = "y"'), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, fc.boolean(), (left, right, finalNewline) => {
        const before = left.join('\n') + '\n';
        const after = right.join('\n') + (finalNewline ? '\n' : '');
        const diff = unifiedDiff(before, after, 'a/file.alloy', 'b/file.alloy');
        if (before === after) return;
        expect(applyWithGit(before, diff)).toBe(after);
      }),
      { numRuns: 60 },
    );
  });
});
