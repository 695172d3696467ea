#!/usr/bin/env node
// Language-server benchmark over stdio: didOpen of a 10,000-line file to its
// diagnostics, a one-character edit to its diagnostics, completion latency,
// and resident memory after opening 500 corpus files. Every time is also given
// as a ratio to the parse time of the same text, measured in the same run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { parse } from '@alloy-toolkit/syntax';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// ALLOY_LSP_BENCH_SERVER=path/to/server.js measures another build instead of this package's.
// ALLOY_LSP_BENCH_BASELINE=path/to/server.js also times one-character edits on that build and on this
// one, interleaved in the same run, and prints their ratio (a before/after that load cannot skew).
const serverPath = process.env.ALLOY_LSP_BENCH_SERVER ? resolve(process.env.ALLOY_LSP_BENCH_SERVER) : join(packageRoot, 'dist', 'server.js');
const sharedRoot = resolve(packageRoot, '..', '..', '..', 'shared');
if (!existsSync(serverPath)) {
  console.error(`lsp-bench: ${serverPath} is missing; build the package first`);
  process.exit(1);
}

// `--cpu-prof DIR`: the servers write V8 CPU profiles into DIR (open them in Chrome DevTools).
const profileFlag = process.argv.indexOf('--cpu-prof');
const profileArguments = profileFlag === -1 ? [] : ['--cpu-prof', `--cpu-prof-dir=${resolve(process.argv[profileFlag + 1] ?? 'lsp-profiles')}`];

/** A valid configuration of exactly `lines` lines: whole blocks, then comment lines up to the count. */
function bigConfig(lines) {
  const parts = ['prometheus.remote_write "out" {', '  endpoint {', '    url = "http://localhost:9009/api/v1/push"', '  }', '}', ''];
  const unit = (index) => [
    `prometheus.exporter.unix "node_${index}" {`,
    '}',
    '',
    `prometheus.scrape "scrape_${index}" {`,
    `  targets         = prometheus.exporter.unix.node_${index}.targets`,
    '  forward_to      = [prometheus.remote_write.out.receiver]',
    '  scrape_interval = "15s"',
    `  job_name        = string.format("job-%d", ${index})`,
    '}',
    '',
  ];
  for (let index = 0; parts.length + unit(index).length <= lines; index++) parts.push(...unit(index));
  while (parts.length < lines) parts.push('// end of the generated configuration');
  return `${parts.join('\n')}\n`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
function timeParse(text, runs = 7) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    parse(text);
    times.push(performance.now() - start);
  }
  return median(times);
}

class Client {
  constructor(initializationOptions, server = serverPath) {
    this.child = spawn(process.execPath, [...profileArguments, server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.waiters = [];
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.version === params.version) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.listen();
    this.initializationOptions = initializationOptions;
  }
  async initialize(root) {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
      initializationOptions: this.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
  }
  diagnostics(uri, version) {
    return new Promise((resolvePromise) => this.waiters.push({ uri, version, resolve: resolvePromise }));
  }
  async open(uri, text) {
    const done = this.diagnostics(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'alloy', version: 1, text } });
    return done;
  }
  rssMegabytes() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : NaN;
  }
  async stop() {
    await this.connection.sendRequest('shutdown').catch(() => undefined);
    await this.connection.sendNotification('exit').catch(() => undefined);
    this.connection.dispose();
    // A profiled server needs time to write its profile after `exit`.
    setTimeout(() => this.child.kill(), profileArguments.length > 0 ? 10_000 : 500).unref();
  }
}

const work = mkdtempSync(join(tmpdir(), 'alloy-ls-bench-'));
const results = [];
function report(name, value, unit, reference, goal) {
  const ratio = reference ? value / reference : undefined;
  results.push({ name, value, unit, ratio, goal });
  const ratioText = ratio === undefined ? '' : ` (${ratio.toFixed(1)}x parse)`;
  const goalText = goal === undefined ? '' : `  goal < ${goal} ${unit}: ${value < goal ? 'met' : 'NOT met'}`;
  console.log(`${name.padEnd(44)} ${value.toFixed(1).padStart(8)} ${unit}${ratioText}${goalText}`);
}

try {
  const text = bigConfig(10_000);
  const lines = text.split('\n').length - 1;
  const problems = parse(text).diagnostics;
  if (problems.length > 0) throw new Error(`lsp-bench: the generated file does not parse: ${problems[0].message}`);
  timeParse(text, 3);
  const parseMs = timeParse(text);
  console.log(`reference: parse of the ${lines}-line file: ${parseMs.toFixed(1)} ms (median of 7, in this process)`);

  for (const [label, options] of [
    ['default debounce (150 ms)', {}],
    ['no debounce', { diagnosticsDelayMs: 0 }],
  ]) {
    const client = new Client(options);
    await client.initialize(work);
    const openTimes = [];
    let uri = '';
    for (let run = 0; run < 3; run++) {
      const directory = join(work, `${label.replace(/\W+/g, '-')}-open-${run}`);
      mkdirSync(directory, { recursive: true });
      uri = pathToFileURL(join(directory, 'big.alloy')).href;
      const start = performance.now();
      const published = await client.open(uri, text);
      openTimes.push(performance.now() - start);
      if (run === 0 && published.diagnostics.length > 0) console.log(`  WARNING: the generated file has ${published.diagnostics.length} diagnostics, first: ${published.diagnostics[0].message}`);
    }
    report(`open 10k lines -> diagnostics [${label}]`, median(openTimes), 'ms', parseMs, 300);

    const editTimes = [];
    let version = 1;
    for (let run = 0; run < 5; run++) {
      version++;
      const done = client.diagnostics(uri, version);
      const start = performance.now();
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        // One more character in the URL: every version is a text the server has not seen.
        contentChanges: [{ range: { start: { line: 2, character: 11 }, end: { line: 2, character: 11 } }, text: String.fromCharCode(97 + run) }],
      });
      await done;
      editTimes.push(performance.now() - start);
    }
    report(`1-char edit -> diagnostics [${label}]`, median(editTimes), 'ms', parseMs, options.diagnosticsDelayMs === 0 ? 50 : undefined);

    if (options.diagnosticsDelayMs === 0) {
      const completionTimes = [];
      for (let run = 0; run < 200; run++) {
        const line = 14 + (run % 900) * 10;
        const start = performance.now();
        await client.connection.sendRequest('textDocument/completion', {
          textDocument: { uri },
          position: { line, character: run % 3 === 0 ? 20 : 45 },
        });
        completionTimes.push(performance.now() - start);
      }
      report('completion p50', percentile(completionTimes, 50), 'ms', parseMs);
      report('completion p95', percentile(completionTimes, 95), 'ms', parseMs, 20);

      // Expected-type completion in `forward_to = [` and after `[prometheus.` (1,001 receivers and
      // exporters in scope: every scrape's forward_to line).
      const expectedTimes = [];
      let offered = 0;
      for (let run = 0; run < 200; run++) {
        const line = 11 + (run % 900) * 10;
        const start = performance.now();
        const result = await client.connection.sendRequest('textDocument/completion', {
          textDocument: { uri },
          position: { line, character: run % 2 === 0 ? '  forward_to      = ['.length : '  forward_to      = [prometheus.'.length },
        });
        expectedTimes.push(performance.now() - start);
        const items = Array.isArray(result) ? result : (result?.items ?? []);
        if (items.some((item) => item.preselect && item.label === 'prometheus.remote_write.out.receiver')) offered++;
      }
      if (offered !== expectedTimes.length) console.log(`  WARNING: the receiver was preselected in ${offered} of ${expectedTimes.length} expected-type completions`);
      report('completion p50, expected type', percentile(expectedTimes, 50), 'ms', parseMs);
      report('completion p95, expected type', percentile(expectedTimes, 95), 'ms', parseMs, 20);
    }
    await client.stop();
  }

  const baselinePath = process.env.ALLOY_LSP_BENCH_BASELINE;
  const OPENS = 20;
  if (baselinePath) {
    const builds = [
      { name: 'baseline', client: new Client({ diagnosticsDelayMs: 0 }, resolve(baselinePath)), times: [] },
      { name: 'this build', client: new Client({ diagnosticsDelayMs: 0 }), times: [] },
    ];
    for (const build of builds) {
      await build.client.initialize(work);
      const directory = join(work, `interleaved-${build.name.replace(/\W+/g, '-')}`);
      mkdirSync(directory, { recursive: true });
      build.uri = pathToFileURL(join(directory, 'big.alloy')).href;
      build.version = 1;
      await build.client.open(build.uri, text);
    }
    for (let run = 0; run < 30; run++) {
      for (const build of run % 2 === 0 ? builds : [...builds].reverse()) {
        build.version++;
        const done = build.client.diagnostics(build.uri, build.version);
        const start = performance.now();
        await build.client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri: build.uri, version: build.version },
          contentChanges: [{ range: { start: { line: 2, character: 11 }, end: { line: 2, character: 11 } }, text: String.fromCharCode(97 + (run % 26)) }],
        });
        await done;
        build.times.push(performance.now() - start);
      }
    }
    const [baseline, current] = builds.map((build) => median(build.times));
    console.log(`1-char edit -> diagnostics, 30 interleaved edits (no debounce): baseline ${baseline.toFixed(1)} ms, this build ${current.toFixed(1)} ms (${(current / baseline).toFixed(2)}x baseline)`);
    // Completion on both builds, interleaved: the component list after a `}` line, and expected-type
    // completion in `forward_to = [` and after `[prometheus.`.
    for (const build of builds) build.completionTimes = { list: [], expected: [] };
    for (let run = 0; run < 200; run++) {
      for (const build of run % 2 === 0 ? builds : [...builds].reverse()) {
        for (const kind of ['list', 'expected']) {
          const position =
            kind === 'list'
              ? { line: 14 + (run % 900) * 10, character: 20 }
              : { line: 11 + (run % 900) * 10, character: run % 2 === 0 ? '  forward_to      = ['.length : '  forward_to      = [prometheus.'.length };
          const start = performance.now();
          await build.client.connection.sendRequest('textDocument/completion', { textDocument: { uri: build.uri }, position });
          build.completionTimes[kind].push(performance.now() - start);
        }
      }
    }
    for (const kind of ['list', 'expected']) {
      const [baselineP95, currentP95] = builds.map((build) => percentile(build.completionTimes[kind], 95));
      const [baselineP50, currentP50] = builds.map((build) => percentile(build.completionTimes[kind], 50));
      console.log(
        `completion (${kind === 'list' ? 'component list' : 'expected type'}), 200 interleaved: p50 baseline ${baselineP50.toFixed(1)} ms, this build ${currentP50.toFixed(1)} ms; p95 baseline ${baselineP95.toFixed(1)} ms, this build ${currentP95.toFixed(1)} ms (${(currentP95 / baselineP95).toFixed(2)}x baseline)`,
      );
    }
    for (const build of builds) build.openTimes = [];
    // 20, not 6: the median of six opens moved by a quarter from run to run on this machine.
    for (let run = 0; run < OPENS; run++) {
      for (const build of run % 2 === 0 ? builds : [...builds].reverse()) {
        const directory = join(work, `interleaved-open-${run}-${build.name.replace(/\W+/g, '-')}`);
        mkdirSync(directory, { recursive: true });
        const start = performance.now();
        await build.client.open(pathToFileURL(join(directory, 'big.alloy')).href, text);
        build.openTimes.push(performance.now() - start);
      }
    }
    const [baselineOpen, currentOpen] = builds.map((build) => median(build.openTimes));
    console.log(`didOpen -> diagnostics, ${OPENS} interleaved opens: baseline ${baselineOpen.toFixed(1)} ms, this build ${currentOpen.toFixed(1)} ms (${(currentOpen / baselineOpen).toFixed(2)}x baseline)`);

    // A small file among 200 unchanged sibling files on disk (one configuration): each edit re-checks it with its siblings.
    const siblingCount = 200;
    for (const build of builds) {
      const directory = join(work, `interleaved-siblings-${build.name.replace(/\W+/g, '-')}`);
      mkdirSync(directory, { recursive: true });
      for (let index = 0; index < siblingCount; index++) writeFileSync(join(directory, `part_${index}.alloy`), bigConfig(50).replace(/(node|scrape)_(\d+)/g, `$1_${index}_$2`).replaceAll('"out"', `"out_${index}"`).replaceAll('.out.', `.out_${index}.`));
      const edited = `prometheus.scrape "edited" {\n  targets    = prometheus.exporter.unix.node_7_0.targets\n  forward_to = [prometheus.remote_write.out_7.receiver]\n  job_name   = "edited"\n}\n`;
      build.siblingUri = pathToFileURL(join(directory, 'edited.alloy')).href;
      writeFileSync(join(directory, 'edited.alloy'), edited);
      build.siblingVersion = 1;
      build.siblingTimes = [];
      const published = await build.client.open(build.siblingUri, edited);
      if (published.diagnostics.length > 0) console.log(`  WARNING: the sibling scenario has diagnostics on ${build.name}: ${published.diagnostics[0].message}`);
    }
    for (let run = 0; run < 30; run++) {
      for (const build of run % 2 === 0 ? builds : [...builds].reverse()) {
        build.siblingVersion++;
        const done = build.client.diagnostics(build.siblingUri, build.siblingVersion);
        const start = performance.now();
        await build.client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri: build.siblingUri, version: build.siblingVersion },
          contentChanges: [{ range: { start: { line: 3, character: 17 }, end: { line: 3, character: 17 } }, text: String.fromCharCode(97 + (run % 26)) }],
        });
        await done;
        build.siblingTimes.push(performance.now() - start);
      }
    }
    const [baselineSiblings, currentSiblings] = builds.map((build) => median(build.siblingTimes));
    console.log(`1-char edit beside ${siblingCount} sibling files, median of 30 interleaved: baseline ${baselineSiblings.toFixed(1)} ms, this build ${currentSiblings.toFixed(1)} ms (${(currentSiblings / baselineSiblings).toFixed(2)}x baseline)`);
    for (const build of builds) await build.client.stop();
  }

  const corpus = [];
  for (const directory of ['corpus/alloy-repo', 'corpus/real-world/valid', 'corpus/real-world/river', 'corpus/doc-snippets']) {
    const full = join(sharedRoot, directory);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full).sort()) if (name.endsWith('.alloy') || name.endsWith('.river')) corpus.push(join(full, name));
  }
  if (corpus.length === 0) {
    console.log(`memory: skipped, ${sharedRoot}/corpus is absent`);
  } else {
    const files = corpus.slice(0, 500);
    const texts = files.map((file) => readFileSync(file, 'utf8'));
    const corpusParseMs = texts.reduce((total, fileText) => total + timeParse(fileText, 1), 0);
    const client = new Client({ diagnosticsDelayMs: 0 });
    await client.initialize(work);
    const baseline = client.rssMegabytes();
    const start = performance.now();
    // Each file in its own directory: siblings are another benchmark's matter.
    await Promise.all(
      texts.map((fileText, index) => {
        const directory = join(work, 'corpus', String(index));
        mkdirSync(directory, { recursive: true });
        const path = join(directory, 'config.alloy');
        writeFileSync(path, fileText);
        return client.open(pathToFileURL(path).href, fileText);
      }),
    );
    const openAll = performance.now() - start;
    report(`open ${files.length} corpus files -> all diagnostics`, openAll, 'ms', corpusParseMs);
    global.gc?.();
    await new Promise((done) => setTimeout(done, 500));
    const rss = client.rssMegabytes();
    report(`resident memory after ${files.length} files`, rss, 'MB', undefined, 300);
    console.log(`  (server RSS right after initialize: ${baseline.toFixed(1)} MB)`);
    await client.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
