#!/usr/bin/env node
// Builds every package, type-checks every package with its tests (the build
// compiles sources only), installs the external tools the end-to-end tests use,
// runs the whole vitest suite and ends with `tests: N passed, M failed`,
// counted from vitest's own JSON report (a failed type check counts as one).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const skipBuild = process.argv.includes('--skip-build');
const extraArgs = process.argv.slice(2).filter((arg) => arg !== '--skip-build');

function firstLine(text) {
  const line = String(text ?? '').split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

/** A root package.json script, through the pnpm that started this run (or the pinned one). */
function runScript(name) {
  const pnpmBin = process.env.npm_execpath;
  return pnpmBin ? run(process.execPath, [pnpmBin, 'run', name]) : run('npx', ['--yes', 'pnpm@10.34.8', 'run', name]);
}

const buildStatus = skipBuild ? 0 : runScript('build');
if (buildStatus !== 0) {
  console.log('build failed');
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

// The type check does not depend on the Node version: the run with --skip-build (Node 22) leaves it out.
const typecheckStatus = skipBuild ? 0 : runScript('typecheck');
if (typecheckStatus !== 0) console.log('type check failed');

run('bash', [join(root, 'scripts', 'install-test-tools.sh')]);

const reportDir = join(root, 'test-results');
mkdirSync(reportDir, { recursive: true });
const reportFile = join(reportDir, `vitest-node${process.versions.node.split('.')[0]}.json`);
const vitestEntry = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const vitestStatus = run(process.execPath, [
  vitestEntry,
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportFile}`,
  ...extraArgs,
]);

if (!existsSync(reportFile)) {
  console.log('vitest wrote no report');
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
const passed = report.numPassedTests ?? 0;
// A test file that fails before running any test (import error, syntax error) counts as one failure.
const brokenFiles = (report.testResults ?? []).filter(
  (file) => file.status === 'failed' && (file.assertionResults ?? []).every((test) => test.status !== 'failed'),
).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles + (typecheckStatus === 0 ? 0 : 1);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// CI keeps only the end of the log: name each failure again just above the count.
for (const file of report.testResults ?? []) {
  const relativeName = file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name;
  const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
  if (file.status === 'failed' && failedTests.length === 0) {
    console.log(`FAILED ${relativeName}: ${firstLine(file.message)}`);
  }
  for (const test of failedTests) {
    console.log(`FAILED ${relativeName} > ${test.fullName}: ${firstLine((test.failureMessages ?? []).join(' '))}`);
  }
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(vitestStatus !== 0 || failed > 0 || passed === 0 ? 1 : 0);
