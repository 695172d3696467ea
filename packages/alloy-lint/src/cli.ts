#!/usr/bin/env node
import module from 'node:module';

// From Node 22.1 on, compiled code can be kept between runs (a pre-commit hook starts the CLI for
// every commit); older versions have no enableCompileCache. Enabled before the CLI's modules load.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { runAsProcess } = await import('./main.js');

await runAsProcess(process.argv.slice(2));
