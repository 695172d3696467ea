import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/index.js';
import { diagnosticLine, errorsOf, hasShared, memoryFileSystem, parseTxtar, sharedMissingNote, sharedRoot } from './helpers.js';

sharedMissingNote('the runtime module/import/foreach txtar tests');

const runtimeRoot = path.join(sharedRoot, 'alloy-reference/parser-testdata/runtime-txtar');
/** Components that only upstream's Go test harness registers. */
const testComponent = /^cannot find the definition of component name "testcomponents\./;

function archives(): string[] {
  if (!hasShared) return [];
  const found: string[] = [];
  for (const directory of readdirSync(runtimeRoot).sort()) {
    // import_error cases expect errors from import.string contents, which the checker does not fetch.
    if (directory === 'import_error') continue;
    for (const file of readdirSync(path.join(runtimeRoot, directory)).sort()) if (file.endsWith('.txtar')) found.push(`${directory}/${file}`);
  }
  return found;
}

describe.skipIf(!hasShared)('runtime txtar configs (modules, imports, foreach) load without checker errors', () => {
  const all = archives();
  it(`finds the archives (${all.length})`, () => {
    expect(all.length).toBeGreaterThan(50);
  });
  for (const name of all) {
    it(name, () => {
      const archive = parseTxtar(readFileSync(path.join(runtimeRoot, name), 'utf8'));
      const directory = path.resolve('/virtual-runtime', name);
      const files = Object.fromEntries(archive.files.filter((file) => !file.name.includes('/') || file.name.endsWith('.alloy')).map((file) => [path.join(directory, file.name), file.text]));
      const main = archive.files.find((file) => file.name === 'main.alloy');
      if (!main) return;
      const { diagnostics } = checkText(main.text, {
        fileName: path.join(directory, 'main.alloy'),
        fileSystem: memoryFileSystem(files),
        siblings: false,
        stabilityLevel: 'experimental',
      });
      const unexpected = errorsOf(diagnostics)
        .filter((diagnostic) => !testComponent.test(diagnostic.message))
        .map((diagnostic) => diagnosticLine(main.text, diagnostic));
      expect(unexpected).toEqual([]);
    });
  }
});
