// Throughput of formatAlloy, measured in this run against:
// - parsing alone and going through prettier.format, over every parseable corpus file (per file,
//   summed; goals: <= 3x parse, >= 10 MB/s);
// - upstream Alloy's own parser and printer (alloy-oracle, built from ../shared/oracle: what
//   `alloy fmt` does), on the same bytes: the per-file corpus set, the valid corpus concatenated
//   and the generated 10 MB configuration of packages/syntax/bench (goal of issue #13: formatAlloy
//   >= 1.0x upstream's parse + print). Our runs are timed with gc() before each and, separately,
//   back to back without it, interleaved with `alloy-oracle bench N` runs.
// Needs `pnpm build` (syntax and this package) first. BENCH_SECONDS (default 2): time each mode
// spends on formatAlloy per input; ORACLE_RUNS (default 3): the N of each `alloy-oracle bench N`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// gc() is part of the method of the comparison with upstream: re-run with --expose-gc.
if (typeof globalThis.gc !== 'function') {
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const { parse } = await import('@alloy-toolkit/syntax');
const prettier = await import('prettier');
const { default: plugin, formatAlloy } = await import('../dist/index.js');
const { corpusText, configOfSize } = await import('../../syntax/bench/inputs.mjs');
const { findOracle, goVersion, oracleVerdict, writeInputs } = await import('../../../scripts/alloy-oracle.mjs');
const { compareWithUpstream, rate, rateOf, goal } = await import('../../../scripts/bench-against-upstream.mjs');

const minimumSeconds = Number(process.env.BENCH_SECONDS ?? 2);
const oracleRuns = Number(process.env.ORACLE_RUNS ?? 3);

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(packageDir, '../../../shared/corpus');
if (!existsSync(corpus)) {
  console.log(`format-bench: ${corpus} is absent; the corpus measurements are skipped`);
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

if (files.length > 0) {
  console.log(`format-bench: ${files.length} parseable corpus files, ${(totalBytes / 1e6).toFixed(3)} MB per round`);
  const parseMs = measure('parse (reference)', (text) => parse(text));
  const formatMs = measure('formatAlloy', (text) => formatAlloy(text));
  const prettierMs = await measureAsync('prettier.format', (text) => prettier.format(text, { parser: 'alloy', plugins: [plugin] }));
  const formatMbPerSecond = totalBytes / 1e6 / (formatMs / 1000);
  console.log(`format/parse time ratio: ${(formatMs / parseMs).toFixed(2)}x (goal <= 3x)`);
  console.log(`formatAlloy throughput: ${formatMbPerSecond.toFixed(2)} MB/s (goal >= 10 MB/s)`);
  console.log(`prettier.format / formatAlloy: ${(prettierMs / formatMs).toFixed(2)}x (overhead of going through Prettier)`);
}

// Against upstream's parser and printer.
console.log('');
const oracle = findOracle();
if (oracle.available) {
  console.log(`upstream: alloy-oracle (${oracle.built ? 'built now' : 'built before'}: ${oracle.binary}; ${goVersion() ?? 'Go absent now'})`);
} else {
  console.log(`upstream: NOT MEASURED, ${oracle.reason}; our figures alone follow`);
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** formatAlloy and parse of `texts` (one run = every text once) against upstream on the same bytes. */
function againstUpstream(label, texts) {
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  let upstreamInput = null;
  let note = null;
  let identical = null;
  if (oracle.available) {
    upstreamInput = writeInputs('format-bench', texts);
    const verdict = oracleVerdict(oracle.binary, upstreamInput.files);
    if (verdict.ok) identical = texts.filter((text, index) => sha256(formatAlloy(text)) === verdict.hashes[index]).length;
    else note = verdict.error;
  }
  let result;
  try {
    result = compareWithUpstream({
      works: [
        { name: 'formatAlloy', run: () => texts.forEach((text) => formatAlloy(text)) },
        { name: 'parse', run: () => texts.forEach((text) => parse(text)) },
      ],
      oracle: upstreamInput && note === null ? { binary: oracle.binary, files: upstreamInput.files, bytes: upstreamInput.bytes } : null,
      oracleRuns,
      minimumSeconds,
    });
  } finally {
    upstreamInput?.remove();
  }
  if (upstreamInput && note === null) note = result.upstreamError;
  return { label, texts: texts.length, bytes, identical, note, result };
}

const rows = [];
if (files.length > 0) rows.push(againstUpstream(`(1) ${files.length} parseable corpus files, one by one`, files));
const concatenated = corpusText();
if (concatenated) rows.push(againstUpstream(`(2) ${concatenated.count} valid corpus files, concatenated`, [concatenated.text]));
rows.push(againstUpstream('(3) generated config', [configOfSize(10 * 1024 * 1024)]));

console.log(
  `\nnode ${process.version}; MB = 10^6 bytes (alloy-oracle's unit); best runs; ` +
    (oracle.available
      ? `our runs interleaved with \`alloy-oracle bench ${oracleRuns}\` runs (upstream's best of ${oracleRuns} each), `
      : 'upstream not measured (see above), ') +
    `>= 5 rounds and >= ${minimumSeconds}s of formatAlloy per mode\n`,
);
console.log(
  '| input | size (MB) | gc() before our runs | formatAlloy (MB/s) | upstream parse + print (MB/s) | ours / upstream | >= 1.0x | parse (MB/s) | upstream parse (MB/s) | ours / upstream | >= 1.0x |',
);
console.log('| --- | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |');
for (const row of rows) {
  const { result } = row;
  for (const mode of ['gc', 'noGc']) {
    const [formatSeconds, parseSeconds] = result.best[mode];
    const upstream = result.upstream;
    const versus = (ours, theirs) =>
      theirs ? [rateOf(theirs), `${(ours / theirs).toFixed(2)}x`, goal(ours >= theirs)] : ['not measured', '', ''];
    const cells = mode === 'gc' ? [row.label, (row.bytes / 1e6).toFixed(2), 'yes'] : ['', '', 'no'];
    cells.push(rate(row.bytes, formatSeconds), ...versus(row.bytes / formatSeconds, upstream?.parseAndFormat));
    cells.push(rate(row.bytes, parseSeconds), ...versus(row.bytes / parseSeconds, upstream?.parse));
    console.log(`| ${cells.join(' | ')} |`);
  }
}
console.log('');
for (const row of rows) {
  const { result } = row;
  const range = result.upstreamRange
    ? `upstream parse + print ${rateOf(result.upstreamRange.parseAndFormat[0])}-${rateOf(result.upstreamRange.parseAndFormat[1])} MB/s, ` +
      `parse ${rateOf(result.upstreamRange.parse[0])}-${rateOf(result.upstreamRange.parse[1])} MB/s over ${result.upstreamRounds} oracle runs`
    : 'upstream not measured';
  const same = row.identical === null ? '' : `; formatAlloy's bytes identical to upstream's for ${row.identical} of ${row.texts} inputs`;
  console.log(`${row.label}: ${result.rounds} rounds of ${result.perRound} runs per mode; ${range}${same}${row.note ? `; oracle: ${row.note}` : ''}`);
}
