#!/usr/bin/env node
// Rewrites the repository's examples/*.alloy from EXAMPLE_CONFIGS by running the built alloy-gen.
// Build first: pnpm --filter @alloy-toolkit/generator build
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = resolve(packageRoot, '../../examples');
const cli = join(packageRoot, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error(`regenerate-examples: ${cli} is missing; run the package build first`);
  process.exit(1);
}
const { EXAMPLE_CONFIGS } = await import(join(packageRoot, 'dist', 'examples.js'));
let failed = false;
for (const example of EXAMPLE_CONFIGS) {
  const target = join(examplesDir, example.fileName);
  const result = spawnSync(process.execPath, [cli, ...example.args, '-o', target], { encoding: 'utf8' });
  if (result.status !== 0) {
    failed = true;
    console.error(`regenerate-examples: ${example.fileName}: ${result.stderr.trim()}`);
  } else {
    console.log(`wrote examples/${example.fileName}`);
  }
}
process.exit(failed ? 1 : 0);
