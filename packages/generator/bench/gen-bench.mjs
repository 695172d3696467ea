#!/usr/bin/env node
// Benchmarks of alloy-gen, each as a ratio to a reference measured in the same run:
//  1. start-up: one `alloy-gen node-exporter` run vs a bare `node -e ''`;
//  2. fleet: configs per second for a 5,000-host inventory through the CLI, vs writing
//     the same 5,000 files with plain fs.writeFileSync (the I/O floor).
// Build first: pnpm --filter @alloy-toolkit/generator build
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(packageRoot, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error(`gen-bench: ${cli} is missing; run the package build first`);
  process.exit(1);
}

const STARTUP_RUNS = Number(process.env.BENCH_RUNS ?? 15);
const FLEET_HOSTS = Number(process.env.BENCH_HOSTS ?? 5000);
const FLEET_RUNS = Number(process.env.BENCH_FLEET_RUNS ?? 3);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timeProcess(args) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

const { SEED_ARGS } = await import(join(packageRoot, 'dist', 'index.js'));
const seedArgs = [cli, ...SEED_ARGS];

// Warm the file system cache once for each command.
timeProcess(['-e', '']);
timeProcess(seedArgs);
const bare = [];
const generator = [];
for (let run = 0; run < STARTUP_RUNS; run++) {
  bare.push(timeProcess(['-e', '']));
  generator.push(timeProcess(seedArgs));
}
const bareMedian = median(bare);
const generatorMedian = median(generator);
console.log(`start-up: node -e '' ${bareMedian.toFixed(1)} ms, alloy-gen node-exporter ${generatorMedian.toFixed(1)} ms (median of ${STARTUP_RUNS})`);
console.log(`start-up ratio: ${(generatorMedian / bareMedian).toFixed(2)}x a bare node start`);

const workDir = mkdtempSync(join(tmpdir(), 'alloy-gen-bench-'));
try {
  const rows = ['name,env,collectors,label.app,label.rack'];
  for (let index = 0; index < FLEET_HOSTS; index++) {
    rows.push(`host-${index},${index % 2 ? 'stg' : 'prd'},${index % 10 === 0 ? 'cpu;meminfo;filesystem' : ''},app-${index % 7},r${index % 40}`);
  }
  const inventory = join(workDir, 'hosts.csv');
  writeFileSync(inventory, `${rows.join('\n')}\n`);

  const fleetTimes = [];
  const floorTimes = [];
  for (let run = 0; run < FLEET_RUNS; run++) {
    const out = join(workDir, `out-${run}`);
    fleetTimes.push(timeProcess([cli, 'fleet', inventory, '--out-dir', out, '--remote-write-url', 'https://prometheus.example.com/api/v1/write']));
    const files = readdirSync(out);
    if (files.length !== FLEET_HOSTS) throw new Error(`fleet wrote ${files.length} files, expected ${FLEET_HOSTS}`);
    const contents = files.map((name) => readFileSync(join(out, name), 'utf8'));
    const floorDir = join(workDir, `floor-${run}`);
    mkdirSync(floorDir);
    const start = performance.now();
    contents.forEach((text, index) => writeFileSync(join(floorDir, `f-${index}.alloy`), text));
    floorTimes.push(performance.now() - start);
  }
  const fleetMedian = median(fleetTimes);
  const floorMedian = median(floorTimes);
  console.log(
    `fleet: ${FLEET_HOSTS} hosts in ${fleetMedian.toFixed(0)} ms through the CLI = ${Math.round((FLEET_HOSTS / fleetMedian) * 1000)} configs/s (median of ${FLEET_RUNS})`,
  );
  console.log(
    `fleet ratio: ${(fleetMedian / floorMedian).toFixed(2)}x the time of writing the same ${FLEET_HOSTS} files with fs.writeFileSync (${floorMedian.toFixed(0)} ms)`,
  );
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
