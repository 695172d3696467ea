#!/usr/bin/env node
// Linearity of the checker in the number of unresolved references: 1k, 10k and 100k components each
// forwarding to a missing component, checked with their parse given (the analysis alone) and from text.
// Time per reference at each size, and its ratio to the 1k one measured in the same run: about 1x is linear.
// Times are the process's CPU time (user + system): on a shared machine, wall time also counts the
// time spent waiting for a core.
import { parse } from '@alloy-toolkit/syntax';
import { checkText } from '../dist/index.js';

function unresolvedReferences(count) {
  const parts = [];
  for (let index = 0; index < count; index++) {
    parts.push(`prometheus.scrape "s${index}" {\n  targets    = []\n  forward_to = [prometheus.remote_write.missing${index}.receiver]\n}\n`);
  }
  return parts.join('\n');
}

function median(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median CPU milliseconds of `run` over `runs` runs. */
function measure(run, runs) {
  const times = [];
  for (let index = 0; index < runs; index++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return median(times);
}

const sizes = [
  { count: 1_000, runs: 15 },
  { count: 10_000, runs: 5 },
  { count: 100_000, runs: 3 },
];

// Warm-up: the schema is loaded and the code compiled before anything is measured.
for (let index = 0; index < 20; index++) checkText(unresolvedReferences(1_000));

const rows = [];
for (const { count, runs } of sizes) {
  const text = unresolvedReferences(count);
  const parsed = parse(text);
  let unresolved = 0;
  const analysisMs = measure(() => {
    unresolved = checkText(text, { parse: parsed }).diagnostics.filter((diagnostic) => diagnostic.code === 'alloy/unresolved-reference').length;
  }, runs);
  if (unresolved !== count) throw new Error(`expected ${count} unresolved references, got ${unresolved}`);
  const checkMs = measure(() => checkText(text), runs);
  rows.push({ count, analysisMs, checkMs });
}

const reference = rows[0];
console.log('| unresolved references | analysis (CPU ms) | µs / reference | ratio to 1k | checkText incl. parse (CPU ms) | µs / reference | ratio to 1k | goal |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const row of rows) {
  const analysisPer = (row.analysisMs * 1000) / row.count;
  const checkPer = (row.checkMs * 1000) / row.count;
  const analysisRatio = analysisPer / ((reference.analysisMs * 1000) / reference.count);
  const checkRatio = checkPer / ((reference.checkMs * 1000) / reference.count);
  console.log(
    `| ${row.count} | ${row.analysisMs.toFixed(1)} | ${analysisPer.toFixed(1)} | ${analysisRatio.toFixed(2)}x | ${row.checkMs.toFixed(1)} | ${checkPer.toFixed(1)} | ${checkRatio.toFixed(2)}x | <= 2x (linear) |`,
  );
}
