// Throughput of formatAlloy over every parseable corpus file (per file, summed),
// compared with parsing alone and with going through prettier.format, all
// measured in this run. Needs `pnpm build` (syntax and this package) first.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@alloy-toolkit/syntax';
import * as prettier from 'prettier';
import plugin, { formatAlloy } from '../dist/index.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(packageDir, '../../../shared/corpus');
if (!existsSync(corpus)) {
  console.log(`format-bench: ${corpus} is absent; nothing to measure`);
  process.exit(0);
}

const files = [];
for (const directory of ['alloy-repo', 'doc-snippets', 'real-world/valid', 'real-world/river']) {
  const full = path.join(corpus, directory);
  if (!existsSync(full)) continue;
  for (const name of readdirSync(full)) {
    if (!name.endsWith('.alloy') && !name.endsWith('.river')) continue;
    const text = readFileSync(path.join(full, name), 'utf8');
    if (parse(text).diagnostics.some((d) => d.severity === 'error')) continue;
    files.push(text);
  }
}
const totalBytes = files.reduce((sum, text) => sum + Buffer.byteLength(text), 0);

function measure(label, run, minimumMs = 1500) {
  for (let warm = 0; warm < 3; warm++) for (const text of files) run(text);
  let rounds = 0;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < minimumMs) {
    for (const text of files) run(text);
    rounds++;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const msPerRound = elapsedMs / rounds;
  const mbPerSecond = totalBytes / 1e6 / (msPerRound / 1000);
  console.log(`${label.padEnd(22)} ${msPerRound.toFixed(2).padStart(9)} ms/round  ${mbPerSecond.toFixed(2).padStart(8)} MB/s`);
  return msPerRound;
}

async function measureAsync(label, run, minimumMs = 1500) {
  for (const text of files) await run(text);
  let rounds = 0;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < minimumMs) {
    for (const text of files) await run(text);
    rounds++;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const msPerRound = elapsedMs / rounds;
  const mbPerSecond = totalBytes / 1e6 / (msPerRound / 1000);
  console.log(`${label.padEnd(22)} ${msPerRound.toFixed(2).padStart(9)} ms/round  ${mbPerSecond.toFixed(2).padStart(8)} MB/s`);
  return msPerRound;
}

console.log(`format-bench: ${files.length} parseable corpus files, ${(totalBytes / 1e6).toFixed(3)} MB per round`);
const parseMs = measure('parse (reference)', (text) => parse(text));
const formatMs = measure('formatAlloy', (text) => formatAlloy(text));
const prettierMs = await measureAsync('prettier.format', (text) => prettier.format(text, { parser: 'alloy', plugins: [plugin] }));
const formatMbPerSecond = totalBytes / 1e6 / (formatMs / 1000);
console.log(`format/parse time ratio: ${(formatMs / parseMs).toFixed(2)}x (goal <= 3x)`);
console.log(`formatAlloy throughput: ${formatMbPerSecond.toFixed(2)} MB/s (goal >= 10 MB/s)`);
console.log(`prettier.format / formatAlloy: ${(prettierMs / formatMs).toFixed(2)}x (overhead of going through Prettier)`);
