// Rewrites test/fixtures/grammar/*.alloy.scopes.txt from the current grammar.
// Review the diff before committing: the snapshot is the expected highlighting.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixturesDirectory, formatTokenSnapshot, loadAlloyGrammar, tokenizeText } from './grammar-tokens.mjs';

const grammar = await loadAlloyGrammar();
const fixtures = (await readdir(fixturesDirectory)).filter((name) => name.endsWith('.alloy')).sort();
for (const fixture of fixtures) {
  const text = await readFile(join(fixturesDirectory, fixture), 'utf8');
  const snapshot = formatTokenSnapshot(tokenizeText(grammar, text).tokens);
  const snapshotPath = join(fixturesDirectory, `${fixture}.scopes.txt`);
  const previous = await readFile(snapshotPath, 'utf8').catch(() => null);
  if (previous === snapshot) continue;
  await writeFile(snapshotPath, snapshot);
  console.log(`${previous === null ? 'created' : 'updated'} ${snapshotPath}`);
}
console.log(`${fixtures.length} grammar fixtures checked`);
