#!/usr/bin/env node
/**
 * Parsing throughput and AST memory of @alloy-toolkit/syntax, against upstream Alloy's own Go
 * parser (alloy-oracle, built from ../shared/oracle) and JSON.parse on a JSON document of the same
 * size, both measured in the same run; and the cold start of a fresh process.
 *
 *   pnpm --filter @alloy-toolkit/syntax bench      (build first: it imports ../dist)
 *
 * Inputs: (a) every valid corpus file of ../shared concatenated (skipped when ../shared is
 * absent) and (b) a generated 10 MB configuration; upstream reads the same bytes from temporary
 * files. Our runs are timed with gc() before each and, separately, back to back without it.
 * Goals (issue #13): parse >= 1.0x upstream's MB/s; parse <= 3x JSON.parse's time on the same
 * bytes; heap retained by the 10 MB file's tree <= 60 MiB; cold start (import, then the first
 * parse of a 1 KB file, in a fresh process) <= 25 ms over a bare `node -e ''`.
 * Also printed: the tree alone (a structural copy of the parsed tree, timed: what building its
 * objects costs with no parsing), where a cold start goes, and where one parse of (b) spends its
 * time (CPU in this process, in the kernel, GC pauses, fresh pages faulted in), which explains how
 * far this machine's figures drift from run to run.
 * BENCH_SECONDS (default 2): time each mode spends on parse per input; ORACLE_RUNS (default 3):
 * the N of each `alloy-oracle bench N`; COLD_STARTS (default 21): processes of each kind.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PerformanceObserver, performance } from 'node:perf_hooks';

// gc() is part of the method (and of the heap figure): re-run with --expose-gc.
if (typeof globalThis.gc !== 'function') {
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const here = dirname(fileURLToPath(import.meta.url));
const { parse } = await import(join(here, '../dist/index.js'));
const { shared, corpusText, configOfSize, jsonOfSize, oneKilobyteConfig } = await import('./inputs.mjs');
const { findOracle, goVersion, oracleVerdict, writeInputs } = await import('../../../scripts/alloy-oracle.mjs');
const { compareWithUpstream, rate, rateOf, goal } = await import('../../../scripts/bench-against-upstream.mjs');

const MiB = 1024 * 1024;
const minimumSeconds = Number(process.env.BENCH_SECONDS ?? 2);
const oracleRuns = Number(process.env.ORACLE_RUNS ?? 3);
const coldStarts = Number(process.env.COLD_STARTS ?? 21);

const oracle = findOracle();
if (oracle.available) {
  console.log(`upstream: alloy-oracle (${oracle.built ? 'built now' : 'built before'}: ${oracle.binary}; ${goVersion() ?? 'Go absent now'})`);
} else {
  console.log(`upstream: NOT MEASURED, ${oracle.reason}; our figures alone follow`);
}

function throughput(label, text) {
  const bytes = Buffer.byteLength(text);
  // The tree of this first parse only feeds the counts: it is released before the timed runs, whose
  // collections would otherwise mark it again and again.
  let check = parse(text);
  const diagnostics = check.diagnostics.length;
  const nodes = countNodes(check.file);
  check = null;
  const json = jsonOfSize(bytes);
  const jsonBytes = Buffer.byteLength(json);
  let upstreamInput = null;
  let upstreamNote = null;
  if (oracle.available) {
    upstreamInput = writeInputs('parse-bench', [text]);
    const verdict = oracleVerdict(oracle.binary, upstreamInput.files);
    if (!verdict.ok) upstreamNote = verdict.error;
  }
  let result;
  try {
    result = compareWithUpstream({
      works: [
        { name: 'parse', run: () => parse(text) },
        { name: 'JSON.parse', run: () => JSON.parse(json) },
      ],
      oracle: upstreamInput && upstreamNote === null ? { binary: oracle.binary, files: upstreamInput.files, bytes: upstreamInput.bytes } : null,
      oracleRuns,
      minimumSeconds,
    });
  } finally {
    upstreamInput?.remove();
  }
  if (upstreamInput && upstreamNote === null) upstreamNote = result.upstreamError;
  const treeCopy = treeCopyRate(text);
  return { label, bytes, jsonBytes, diagnostics, nodes, result, upstreamNote, treeCopy };
}

function heapOfAst(text) {
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const result = parse(text);
  globalThis.gc();
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  const nodes = countNodes(result.file);
  return { megabytes: (after - before) / MiB, nodes, keep: result };
}

/**
 * Five parses of `text`, each after gc() with its tree dropped (as the timed runs above): the median
 * parse's wall time beside this process's user and kernel CPU, GC pauses (on the main thread) and
 * minor page faults (pages the kernel maps in for the first time) during it.
 */
async function timeBreakdown(text) {
  const pauses = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, duration: entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const samples = [];
  for (let run = 0; run < 5; run++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
    const faultsBefore = process.resourceUsage().minorPageFault;
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    parse(text);
    const end = performance.now();
    const cpu = process.cpuUsage(cpuBefore);
    const faults = process.resourceUsage().minorPageFault - faultsBefore;
    // GC entries reach observers on a later turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const gcMs = pauses.filter((pause) => pause.start >= start && pause.start < end).reduce((sum, pause) => sum + pause.duration, 0);
    samples.push({ wall: end - start, user: cpu.user / 1000, system: cpu.system / 1000, gcMs, faults });
  }
  observer.disconnect();
  return samples.sort((a, b) => a.wall - b.wall)[samples.length >> 1];
}

/**
 * A structural copy of a parsed tree: the same objects, with the same fields in the same order,
 * built by object literals as the parser builds them; names and literal texts are shared, not copied.
 * Timing it measures what building the tree's objects costs in V8 (their allocation, and the
 * collections it triggers) with no parsing at all: what any parser returning this tree pays. A small
 * tree fits in an empty young generation and needs no collection at all.
 */
function copyTree(node) {
  switch (node.type) {
    case 'File':
      return { type: 'File', body: node.body.map(copyTree), start: node.start, end: node.end };
    case 'Attribute':
      return { type: 'Attribute', name: node.name, value: copyTree(node.value), start: node.start, end: node.end };
    case 'Block':
      return {
        type: 'Block',
        name: node.name.map(copyTree),
        fullName: node.fullName,
        label: node.label && { value: node.label.value, raw: node.label.raw, start: node.label.start, end: node.label.end },
        body: node.body.map(copyTree),
        lbrace: node.lbrace,
        rbrace: node.rbrace,
        start: node.start,
        end: node.end,
      };
    case 'Identifier':
      return { type: 'Identifier', name: node.name, start: node.start, end: node.end };
    case 'Literal':
      return { type: 'Literal', kind: node.kind, raw: node.raw, value: node.value, start: node.start, end: node.end };
    case 'IdentifierExpr':
      return { type: 'IdentifierExpr', name: node.name, start: node.start, end: node.end };
    case 'Access':
      return { type: 'Access', object: copyTree(node.object), property: node.property, start: node.start, end: node.end };
    case 'Index':
      return { type: 'Index', object: copyTree(node.object), index: copyTree(node.index), lbracket: node.lbracket, rbracket: node.rbracket, start: node.start, end: node.end };
    case 'Call':
      return { type: 'Call', callee: copyTree(node.callee), args: node.args.map(copyTree), lparen: node.lparen, rparen: node.rparen, trailingComma: node.trailingComma, start: node.start, end: node.end };
    case 'Unary':
      return { type: 'Unary', operator: node.operator, operand: copyTree(node.operand), start: node.start, end: node.end };
    case 'Binary':
      return { type: 'Binary', operator: node.operator, left: copyTree(node.left), right: copyTree(node.right), operatorStart: node.operatorStart, start: node.start, end: node.end };
    case 'Array':
      return { type: 'Array', elements: node.elements.map(copyTree), lbracket: node.lbracket, rbracket: node.rbracket, trailingComma: node.trailingComma, start: node.start, end: node.end };
    case 'Object':
      return { type: 'Object', fields: node.fields.map(copyTree), lbrace: node.lbrace, rbrace: node.rbrace, trailingComma: node.trailingComma, start: node.start, end: node.end };
    case 'ObjectField':
      return {
        type: 'ObjectField',
        key: { name: node.key.name, quoted: node.key.quoted, raw: node.key.raw, start: node.key.start, end: node.key.end },
        value: copyTree(node.value),
        start: node.start,
        end: node.end,
      };
    case 'Paren':
      return { type: 'Paren', expression: copyTree(node.expression), lparen: node.lparen, rparen: node.rparen, start: node.start, end: node.end };
    case 'Error':
      return { type: 'Error', start: node.start, end: node.end };
    default:
      throw new Error(`copyTree: unknown node type ${node.type}`);
  }
}

/**
 * The best of `rounds` copies of `text`'s tree, each after gc() with the copy before it dropped,
 * in MB of source per second; the original tree stays alive (in the old generation) meanwhile.
 */
function treeCopyRate(text, rounds = 7) {
  const tree = parse(text).file;
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    globalThis.gc();
    const start = performance.now();
    copyTree(tree);
    best = Math.min(best, performance.now() - start);
  }
  return Buffer.byteLength(text) / (best / 1000);
}

function countNodes(file) {
  let count = 0;
  const stack = [file];
  while (stack.length > 0) {
    const node = stack.pop();
    count++;
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const item of value) if (item && typeof item === 'object' && 'type' in item) stack.push(item);
      if (value && typeof value === 'object' && !Array.isArray(value) && 'type' in value) stack.push(value);
    }
  }
  return count;
}


const oneKilobyteBytes = Buffer.byteLength(oneKilobyteConfig);

/** Chevrotain and lodash-es bundled alone, as scripts/bundle.mjs bundles them; null (with the reason) without esbuild. */
async function chevrotainAloneBundle() {
  let build;
  try {
    ({ build } = await import('esbuild'));
  } catch (error) {
    console.log(`note: chevrotain's own import is not measured: esbuild is not installed (${error.message})`);
    return null;
  }
  const directory = mkdtempSync(join(tmpdir(), 'alloy-cold-'));
  const entry = join(directory, 'entry.mjs');
  const outfile = join(directory, 'chevrotain-alone.mjs');
  const chevrotain = createRequire(join(here, '../package.json')).resolve('chevrotain');
  writeFileSync(entry, `export { createToken, EmbeddedActionsParser, EOF, Lexer } from ${JSON.stringify(chevrotain)};\n`);
  // The options of scripts/bundle.mjs: the same minification, so the same bytes to compile.
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', minifyWhitespace: true, minifySyntax: true, logLevel: 'warning' });
  return { file: outfile, bytes: statSync(outfile).size, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

/**
 * A fresh `node` that imports @alloy-toolkit/syntax (resolved as a package, from its own
 * directory) and parses a 1 KB file, against a bare `node -e ''`, alternated; wall time from spawn
 * to exit, median of each; and, inside the process, the time from before the import to the parse's
 * result. Two untimed processes of each kind first (file cache). Also alternated, as references
 * for where the time goes: a bare ES module (`--input-type=module -e ''`: the ES module loader the
 * import needs, with nothing to load), and a process that times its phases apart: the import,
 * building the parser (the first parse, of an empty text: chevrotain's performSelfAnalysis), and
 * then the 1 KB parse.
 */
function coldStart(chevrotainAlone) {
  const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  const source = JSON.stringify(oneKilobyteConfig);
  const code = [
    'const start = performance.now();',
    "const { parse } = await import('@alloy-toolkit/syntax');",
    `const result = parse(${source});`,
    'const end = performance.now();',
    'process.stdout.write(JSON.stringify({ ms: end - start, diagnostics: result.diagnostics.length }));',
  ].join('\n');
  const phasesCode = [
    'const start = performance.now();',
    "const { parse } = await import('@alloy-toolkit/syntax');",
    'const imported = performance.now();',
    "parse('');",
    'const built = performance.now();',
    `parse(${source});`,
    'const end = performance.now();',
    'process.stdout.write(JSON.stringify({ importMs: imported - start, buildMs: built - imported, parseMs: end - built }));',
  ].join('\n');
  const chevrotainCode = chevrotainAlone
    ? [
        'const start = performance.now();',
        `await import(${JSON.stringify(pathToFileURL(chevrotainAlone.file).href)});`,
        'process.stdout.write(JSON.stringify({ chevrotainMs: performance.now() - start }));',
      ].join('\n')
    : "process.stdout.write(JSON.stringify({ chevrotainMs: -1 }));";
  const wall = (args, options) => {
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, args, { encoding: 'utf8', ...options });
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, child };
  };
  const bare = [];
  const bareModule = [];
  const ours = [];
  const inside = [];
  const phases = { importMs: [], buildMs: [], parseMs: [], chevrotainMs: [] };
  let diagnostics = 0;
  for (let index = -2; index < coldStarts; index++) {
    const reference = wall(['-e', '']);
    const run = wall(['--input-type=module', '-e', code], { cwd: join(here, '..') });
    const moduleReference = wall(['--input-type=module', '-e', '']);
    const phased = wall(['--input-type=module', '-e', phasesCode], { cwd: join(here, '..') });
    const chevrotainOnly = wall(['--input-type=module', '-e', chevrotainCode]);
    const failed = [run, reference, moduleReference, phased, chevrotainOnly].find((spawned) => spawned.child.status !== 0);
    if (failed) return { error: `cold start: a child process failed: ${(failed.child.stderr || '').trim().slice(0, 300)}` };
    if (index < 0) continue;
    const answer = JSON.parse(run.child.stdout);
    bare.push(reference.ms);
    bareModule.push(moduleReference.ms);
    ours.push(run.ms);
    inside.push(answer.ms);
    diagnostics = answer.diagnostics;
    const phaseTimes = { ...JSON.parse(phased.child.stdout), ...JSON.parse(chevrotainOnly.child.stdout) };
    for (const key of Object.keys(phases)) phases[key].push(phaseTimes[key]);
  }
  return {
    bare: median(bare),
    bareModule: median(bareModule),
    ours: median(ours),
    inProcess: median(inside),
    diagnostics,
    importMs: median(phases.importMs),
    buildMs: median(phases.buildMs),
    parseMs: median(phases.parseMs),
    chevrotainMs: median(phases.chevrotainMs),
  };
}

const rows = [];
const corpus = corpusText();
if (corpus) rows.push(throughput(`(a) ${corpus.count} valid corpus files, concatenated`, corpus.text));
else console.log(`note: ${shared} is absent; the corpus measurement (a) is skipped`);
const generated = configOfSize(10 * MiB);
rows.push(throughput('(b) generated config', generated));
const heap = heapOfAst(generated);
const breakdown = await timeBreakdown(generated);
const chevrotainAlone = await chevrotainAloneBundle();
let cold;
try {
  cold = coldStart(chevrotainAlone);
} finally {
  chevrotainAlone?.remove();
}

console.log(
  `\nnode ${process.version}; MB = 10^6 bytes (alloy-oracle's unit); best runs; ` +
    (oracle.available
      ? `our runs interleaved with \`alloy-oracle bench ${oracleRuns}\` runs (upstream's best of ${oracleRuns} each), `
      : 'upstream not measured (see above), ') +
    `>= 5 rounds and >= ${minimumSeconds}s of parse per mode\n`,
);
console.log(
  '| input | size (MB) | bytes per node | diagnostics | gc() before our runs | parse (MB/s) | upstream parse (MB/s) | ours / upstream | >= 1.0x | JSON.parse (MB/s) | parse / JSON.parse time | <= 3x |',
);
console.log('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | --- |');
for (const row of rows) {
  const { result } = row;
  for (const mode of ['gc', 'noGc']) {
    const [parseSeconds, jsonSeconds] = result.best[mode];
    const ours = row.bytes / parseSeconds;
    const jsonRatio = parseSeconds / row.bytes / (jsonSeconds / row.jsonBytes);
    const upstream = result.upstream ? result.upstream.parse : null;
    const cells =
      mode === 'gc'
        ? [row.label, (row.bytes / 1e6).toFixed(2), (row.bytes / row.nodes).toFixed(1), row.diagnostics, 'yes']
        : ['', '', '', '', 'no'];
    cells.push(
      rate(row.bytes, parseSeconds),
      upstream ? rateOf(upstream) : 'not measured',
      upstream ? `${(ours / upstream).toFixed(2)}x` : '',
      upstream ? goal(ours >= upstream) : '',
      rate(row.jsonBytes, jsonSeconds),
      `${jsonRatio.toFixed(2)}x`,
      goal(jsonRatio <= 3),
    );
    console.log(`| ${cells.join(' | ')} |`);
  }
}
console.log('');
for (const row of rows) {
  const { result } = row;
  const range = result.upstreamRange
    ? `upstream parse ${rateOf(result.upstreamRange.parse[0])}-${rateOf(result.upstreamRange.parse[1])} MB/s over ${result.upstreamRounds} oracle runs`
    : 'upstream not measured';
  console.log(`${row.label}: ${result.rounds} rounds of ${result.perRound} runs per mode; ${range}${row.upstreamNote ? `; oracle: ${row.upstreamNote}` : ''}`);
}
console.log('');
console.log(
  '| input | the tree alone: a structural copy of it, no parsing (MB of source/s, best of 7 after gc()) | parse, gc() before (MB/s) | upstream parse (MB/s) | the copy / upstream |',
);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const upstream = row.result.upstream ? row.result.upstream.parse : null;
  console.log(
    `| ${row.label} | ${rateOf(row.treeCopy)} | ${rate(row.bytes, row.result.best.gc[0])} | ${upstream ? rateOf(upstream) : 'not measured'} | ${upstream ? `${(row.treeCopy / upstream).toFixed(2)}x` : ''} |`,
  );
}
console.log(
  "(a parser that returns this tree cannot beat the copy: below 1.0x, building the objects alone is slower than upstream's whole parse; a tree that fits in an empty young generation is copied without any collection)",
);
console.log('');
console.log('| AST heap of the generated config | nodes | heap retained (MiB) | heap / source size | <= 60 MiB |');
console.log('| --- | ---: | ---: | ---: | --- |');
console.log(
  `| ${(Buffer.byteLength(generated) / MiB).toFixed(2)} MiB | ${heap.nodes} | ${heap.megabytes.toFixed(1)} | ${(heap.megabytes / (Buffer.byteLength(generated) / MiB)).toFixed(1)}x | ${goal(heap.megabytes <= 60)} |`,
);
console.log('');
console.log('| one parse of (b), gc() before (median of 5) | wall (ms) | user CPU (ms) | kernel CPU (ms) | GC pauses (ms) | minor page faults |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
console.log(
  `| ${(Buffer.byteLength(generated) / 1e6).toFixed(2)} MB | ${breakdown.wall.toFixed(0)} | ${breakdown.user.toFixed(0)} | ${breakdown.system.toFixed(0)} | ${breakdown.gcMs.toFixed(0)} | ${breakdown.faults} |`,
);
console.log('(user CPU counts the GC helper threads too; kernel CPU is mostly the page faults of a growing heap)');
console.log('');
console.log(
  `| cold start (median of ${coldStarts} fresh processes of each kind, alternated) | bare \`node -e ''\` | import @alloy-toolkit/syntax + parse of 1 KB, to the result | difference | import + parse inside the process | <= 25 ms over bare |`,
);
console.log('| --- | ---: | ---: | ---: | ---: | --- |');
if (cold.error) console.log(`| ${cold.error} | | | | | |`);
else {
  console.log(
    `| ${oneKilobyteBytes} bytes, ${cold.diagnostics} diagnostics | ${cold.bare.toFixed(1)} ms | ${cold.ours.toFixed(1)} ms | ${(cold.ours - cold.bare).toFixed(1)} ms | ${cold.inProcess.toFixed(1)} ms | ${goal(cold.ours - cold.bare <= 25)} |`,
  );
  console.log('');
  console.log(
    '| where a cold start goes (medians of the same alternated processes) | bare ES module over bare `node -e \'\'` | import of the package | chevrotain and lodash-es alone (their bundle, imported by itself) | building the parser (first parse, of an empty text) | then the 1 KB parse |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  console.log(
    `| ms | ${(cold.bareModule - cold.bare).toFixed(1)} | ${cold.importMs.toFixed(1)} | ${chevrotainAlone ? `${cold.chevrotainMs.toFixed(1)} (${(chevrotainAlone.bytes / 1024).toFixed(0)} KiB)` : 'not measured'} | ${cold.buildMs.toFixed(1)} | ${cold.parseMs.toFixed(1)} |`,
  );
  console.log('(chevrotain\'s import and its performSelfAnalysis, in building the parser, are paid by any parser built on it)');
}
if (heap.keep.file.body.length === 0) process.exitCode = 1;
