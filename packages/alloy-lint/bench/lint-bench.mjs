#!/usr/bin/env node
// Wall time of the alloy-lint CLI, as ratios to a bare `node -e ''` start
// measured in the same run: one file (goal < 3x) and the whole shared corpus
// (goal < 3 s). Run after `pnpm --filter alloy-lint build`. The single-file
// figures are taken for a file in a directory of ~360 files and for two in one
// of ~900 (siblings are looked up, as Alloy loads a directory): one whose names
// all resolve, and one with an unresolved reference, whose "did you mean" needs
// the names of every sibling, so every sibling is parsed. Each with dist/cli.js
// and with the one-file bundle (dist/bundle, which pre-commit installs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageRoot, '../..');
const shared = resolve(repoRoot, '../shared');
const cli = join(packageRoot, 'dist/cli.js');
const bundle = join(packageRoot, 'dist/bundle/bin/alloy-lint.mjs');
const corpusRoot = join(shared, 'corpus');

if (!existsSync(cli)) {
  console.log('lint-bench: dist/cli.js is missing; build first (pnpm --filter alloy-lint build)');
  process.exit(0);
}
if (!existsSync(corpusRoot)) {
  console.log(`lint-bench: skipped, ${corpusRoot} is absent`);
  process.exit(0);
}

function countFiles(directory) {
  let count = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) count += countFiles(path);
    else if (/\.(alloy|river)$/.test(entry.name)) count += 1;
  }
  return count;
}

function timeRun(args, runs) {
  const times = [];
  let last;
  for (let run = 0; run < runs; run += 1) {
    const start = process.hrtime.bigint();
    last = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((left, right) => left - right);
  return { median: times[Math.floor(times.length / 2)], status: last.status, stderr: last.stderr };
}

const output = mkdtempSync(join(tmpdir(), 'alloy-lint-bench-'));
try {
  const singleFile = join(corpusRoot, 'alloy-repo', 'example-config.alloy');
  const crowdedDirectory = join(corpusRoot, 'doc-snippets');
  const corpusFiles = countFiles(corpusRoot);
  const bare = timeRun(['-e', ''], 15);
  const single = timeRun([cli, singleFile], 15);
  if (single.status === 2) {
    const reason = single.stderr.trim();
    console.log(`lint-bench: alloy-lint failed: ${reason}`);
    if (reason.includes('cannot load')) {
      const version = timeRun([cli, '--version'], 15);
      console.log(`lint-bench: skipped the lint figures (a dependency is not built); start-up of alloy-lint --version ${version.median.toFixed(1)} ms = ${(version.median / bare.median).toFixed(2)}x bare node (${bare.median.toFixed(1)} ms)`);
      process.exit(0);
    }
    process.exit(1);
  }
  const corpus = timeRun([cli, '--format', 'json', '-o', join(output, 'report.json'), corpusRoot], 3);
  const reportSize = statSync(join(output, 'report.json')).size;
  // From the corpus report: the first file of the crowded directory without problems, and the
  // first with an unresolved reference.
  const crowdedReports = JSON.parse(readFileSync(join(output, 'report.json'), 'utf8'))
    .filter((report) => dirname(report.filePath) === crowdedDirectory && report.filePath.endsWith('.alloy'))
    .sort((left, right) => (left.filePath < right.filePath ? -1 : 1));
  const crowdedClean = crowdedReports.find((report) => report.messages.length === 0).filePath;
  const crowdedUnresolved = crowdedReports.find((report) => report.messages.some((message) => message.ruleId === 'alloy/unresolved-reference')).filePath;
  const crowded = timeRun([cli, crowdedClean], 15);
  const crowdedWithSuggestions = timeRun([cli, crowdedUnresolved], 15);
  const fmt = timeRun([cli, 'fmt', singleFile], 15);
  const ratio = (run) => `${run.median.toFixed(1)} ms  = ${(run.median / bare.median).toFixed(2)}x bare node`;
  console.log(`bare node -e ''            ${bare.median.toFixed(1)} ms`);
  console.log(`alloy-lint, one file        ${ratio(single)} (goal < 3x; ${countFiles(dirname(singleFile))} files in its directory)`);
  const crowdedCount = countFiles(crowdedDirectory);
  console.log(`alloy-lint, one file        ${ratio(crowded)} (goal < 3x; ${crowdedCount} files in its directory)`);
  console.log(`alloy-lint, one file        ${ratio(crowdedWithSuggestions)} (${crowdedCount} files in its directory, an unresolved reference)`);
  if (existsSync(bundle)) {
    console.log(`bundle, one file            ${ratio(timeRun([bundle, singleFile], 15))} (one-file build)`);
    console.log(`bundle, one file            ${ratio(timeRun([bundle, crowdedClean], 15))} (one-file build, ${crowdedCount} files in its directory)`);
    console.log(`bundle, one file            ${ratio(timeRun([bundle, crowdedUnresolved], 15))} (one-file build, the unresolved reference)`);
  }
  console.log(`alloy-lint fmt, one file    ${ratio(fmt)}`);
  console.log(
    `alloy-lint, whole corpus    ${corpus.median.toFixed(1)} ms  = ${(corpus.median / bare.median).toFixed(2)}x bare node, ` +
      `${corpusFiles} files, ${(corpus.median / 1000).toFixed(2)} s (goal < 3 s); exit ${corpus.status}, report ${reportSize} bytes`,
  );
} finally {
  rmSync(output, { recursive: true, force: true });
}
