// Tokenizes the shared corpus with the Alloy grammar and, as a reference measured in the same run,
// with a minimal grammar that knows only comments and strings. Prints both times and the ratio.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadAlloyGrammar, tokenizeText } from '../scripts/grammar-tokens.mjs';

const corpusDirectory = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../../../shared/corpus');
let files;
try {
  const list = (directory) =>
    readdirSync(directory).flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? list(path) : /\.(alloy|river)$/.test(name) ? [path] : [];
    });
  files = list(corpusDirectory).map((path) => readFileSync(path, 'utf8'));
} catch {
  console.log(`grammar bench skipped: ${corpusDirectory} is absent`);
  process.exit(0);
}

const referenceGrammar = {
  scopeName: 'source.alloy',
  patterns: [
    { name: 'comment.line', match: '//.*' },
    { name: 'comment.block', begin: '/\\*', end: '\\*/' },
    { name: 'string.quoted.double', begin: '"', end: '"|$', patterns: [{ match: '\\\\.' }] },
    { name: 'string.quoted.raw', begin: '`', end: '`' },
  ],
};
const temporary = mkdtempSync(join(tmpdir(), 'alloy-grammar-bench-'));
const referencePath = join(temporary, 'reference.tmLanguage.json');
writeFileSync(referencePath, JSON.stringify(referenceGrammar));

const alloy = await loadAlloyGrammar();
const reference = await loadAlloyGrammar(referencePath);

function measure(grammar) {
  const rounds = 3;
  let best = Infinity;
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint();
    for (const text of files) tokenizeText(grammar, text);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

measure(alloy); // warm-up
const referenceMs = measure(reference);
const alloyMs = measure(alloy);
rmSync(temporary, { recursive: true, force: true });
const lines = files.reduce((total, text) => total + text.split('\n').length, 0);
console.log(`corpus: ${files.length} files, ${lines} lines`);
console.log(`reference grammar (comments and strings only): ${referenceMs.toFixed(1)} ms`);
console.log(`alloy grammar: ${alloyMs.toFixed(1)} ms (${(alloyMs / referenceMs).toFixed(2)}x the reference)`);
