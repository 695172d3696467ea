#!/usr/bin/env node
// Checking time vs parse time, measured in the same run: (a) the valid corpus, (b) a generated 10,000-line config.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@alloy-toolkit/syntax';
import { checkText } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(here, '../../..', '../shared');

function corpusFiles() {
  const corpus = join(shared, 'corpus');
  if (!existsSync(corpus)) return [];
  const files = [];
  for (const directory of ['alloy-repo', 'real-world/valid']) {
    for (const name of readdirSync(join(corpus, directory)).sort()) {
      if (name.endsWith('.alloy') || name.endsWith('.river')) files.push(readFileSync(join(corpus, directory, name), 'utf8'));
    }
  }
  return files;
}

function generatedConfig(lines) {
  const parts = [];
  let count = 0;
  let index = 0;
  while (count < lines) {
    parts.push(`prometheus.exporter.unix "node_${index}" {
  enable_collectors = ["cpu", "meminfo"]
}

prometheus.scrape "scrape_${index}" {
  targets         = prometheus.exporter.unix.node_${index}.targets
  forward_to      = [prometheus.relabel.relabel_${index}.receiver]
  scrape_interval = "15s"
}

prometheus.relabel "relabel_${index}" {
  forward_to = [prometheus.remote_write.default.receiver]

  rule {
    source_labels = ["__name__"]
    regex         = "node_(.+)"
    action        = "keep"
  }
}
`);
    count += 19;
    index++;
  }
  parts.push(`prometheus.remote_write "default" {
  endpoint {
    url = "https://prometheus.example.com/api/v1/write"
  }
  external_labels = {
    environment = "prd",
    instance    = constants.hostname,
  }
}
`);
  return parts.join('\n');
}

/**
 * Median milliseconds of `a` and of `b` over `runs` rounds, the two interleaved so that
 * JIT warm-up and garbage-collection phases weigh on both alike.
 */
function measurePair(a, b, runs, warmup = 5) {
  for (let index = 0; index < warmup; index++) {
    a();
    b();
  }
  const timesA = [];
  const timesB = [];
  const time = (run) => {
    const start = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (let index = 0; index < runs; index++) {
    timesA.push(time(a));
    timesB.push(time(b));
  }
  const median = (times) => times.sort((x, y) => x - y)[Math.floor(times.length / 2)];
  return [median(timesA), median(timesB)];
}

const rows = [];
const corpus = corpusFiles();
if (corpus.length > 0) {
  const [parseMs, checkMs] = measurePair(
    () => corpus.forEach((text) => parse(text)),
    () => corpus.forEach((text) => checkText(text, { siblings: false })),
    15,
  );
  rows.push(['corpus (' + corpus.length + ' files)', parseMs, checkMs]);
} else {
  console.log('../shared is absent: skipping the corpus measurement');
}
const generated = generatedConfig(10000);
const generatedLines = generated.split('\n').length;
const [parseMs, checkMs] = measurePair(() => parse(generated), () => checkText(generated), 31);
rows.push([`generated (${generatedLines} lines)`, parseMs, checkMs]);

// The analysis is what checkText adds to the parse (siblings, model and diagnostics included).
console.log('| input | parse (ms) | checkText incl. parse (ms) | analysis = check - parse (ms) | check / parse | analysis / parse | goal |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
for (const [name, parseTime, checkTime] of rows) {
  const analysisTime = checkTime - parseTime;
  console.log(
    `| ${name} | ${parseTime.toFixed(1)} | ${checkTime.toFixed(1)} | ${analysisTime.toFixed(1)} | ${(checkTime / parseTime).toFixed(2)}x | ${(analysisTime / parseTime).toFixed(2)}x | <= 2x |`,
  );
}
