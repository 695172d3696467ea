#!/usr/bin/env node
// The README's first command: build everything, then run alloy-lint over examples/.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const pnpmBin = process.env.npm_execpath;
const buildStatus = pnpmBin
  ? run(process.execPath, [pnpmBin, 'run', 'build'])
  : run('npx', ['--yes', 'pnpm@10.34.8', 'run', 'build']);
if (buildStatus !== 0) process.exit(buildStatus);

const lintArgs = process.argv.slice(2);
process.exit(run(process.execPath, [join(root, 'packages', 'alloy-lint', 'dist', 'cli.js'), ...(lintArgs.length ? lintArgs : ['--verbose', 'examples/'])]));
