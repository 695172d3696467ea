#!/usr/bin/env node
import module from 'node:module';

// From Node 22.1 on, compiled code can be kept between runs (a pre-commit hook starts the CLI for
// every commit); older versions have no enableCompileCache. Enabled before the CLI's modules load.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { runCli } = await import('./main.js');

// Set the exit code instead of calling process.exit so that piped output is flushed.
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
