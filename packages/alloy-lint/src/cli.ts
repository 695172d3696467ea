#!/usr/bin/env node
import { runCli } from './main.js';

// Set the exit code instead of calling process.exit so that piped output is flushed.
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
