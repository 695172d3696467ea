// Inlines chevrotain (and its lodash-es modules) into dist/index.js, so that
// importing the parser costs one file read instead of hundreds: command-line
// tools built on it start within a few milliseconds of a bare Node.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/index.js'],
  outfile: 'dist/index.js',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
});
