import { chmodSync, cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkerBuilt,
  cliBuilt,
  formatterBuilt,
  makeTempDir,
  noteSkip,
  repoRoot,
  runCli,
  sharedAvailable,
  sharedDir,
  syntaxBuilt,
} from './helpers.js';

const ready = sharedAvailable && cliBuilt && syntaxBuilt && checkerBuilt && formatterBuilt;

function makeWritable(directory: string): void {
  chmodSync(directory, 0o755);
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) makeWritable(path);
    else if (entry.isFile()) chmodSync(path, 0o644);
  }
}

function alloyFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...alloyFiles(path));
    else if (/\.(alloy|river)$/.test(entry.name)) found.push(path);
  }
  return found;
}

describe.skipIf(noteSkip(!ready, `needs ${sharedDir}/corpus and the built packages`))('--fix over the shared corpus', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let originals: Map<string, string>;
  let parse: (text: string) => { diagnostics: Array<{ severity: string }> };

  beforeAll(async () => {
    temp = makeTempDir();
    cpSync(join(sharedDir, 'corpus'), join(temp.path, 'corpus'), { recursive: true });
    // ../shared is read-only (as in CI) and --fix refuses read-only files: give the copies write bits.
    makeWritable(join(temp.path, 'corpus'));
    originals = new Map(alloyFiles(join(temp.path, 'corpus')).map((file) => [file, readFileSync(file, 'utf8')]));
    const syntaxEntry = join(repoRoot, 'packages/syntax/dist/index.js');
    parse = ((await import(syntaxEntry)) as { parse: typeof parse }).parse;
  });
  afterAll(() => temp.remove());

  it('never leaves a changed file that fails to parse', () => {
    expect(originals.size).toBeGreaterThan(1000);
    const result = runCli(['--fix', '--format', 'json', '-o', join(temp.path, 'report.json'), 'corpus'], { cwd: temp.path });
    expect(result.stderr).toBe('');
    expect([0, 1]).toContain(result.status);
    let changed = 0;
    const broken: string[] = [];
    for (const [file, before] of originals) {
      const after = readFileSync(file, 'utf8');
      if (after === before) continue;
      changed += 1;
      if (parse(after).diagnostics.some((d) => d.severity === 'error')) broken.push(relative(temp.path, file));
    }
    console.log(`[alloy-lint tests] --fix changed ${changed} of ${originals.size} corpus files`);
    expect(broken).toEqual([]);
    expect(changed).toBeGreaterThan(0);
    expect(existsSync(join(temp.path, 'report.json'))).toBe(true);
  });
});
