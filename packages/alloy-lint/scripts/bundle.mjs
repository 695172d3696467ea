#!/usr/bin/env node
// Builds alloy-lint as one file, with the toolkit packages and `ignore` inside, so that Node reads
// one module at start-up instead of dozens (pre-commit starts the CLI for every commit).
//
//   node scripts/bundle.mjs                 bundles the built packages (their dist/, as the
//                                           workspace links them); run after their builds
//   node scripts/bundle.mjs --from-sources  bundles every package from its TypeScript sources,
//                                           for a clone where nothing is built
//   ... --only-under-npm                    does nothing unless npm runs it in a clone: the
//                                           repository root's `postinstall`, for pre-commit
//                                           (see below; the packed root package holds this
//                                           script without the sources, and skips it)
//
// pre-commit installs a `language: node` hook repository with `npm install` in its root, then
// `npm pack` (whose standard output it takes as the tarball's name, so the root package may not
// have a `prepare` or `prepack` script: npm prints their banner there) and `npm install -g` of the
// tarball, whose `bin` is this bundle. `pnpm install` of the workspace runs the root `postinstall`
// too; there the bundle is not needed, so it is skipped.
//
// Output: dist/bundle/lib/alloy-lint.mjs, the bundle; dist/bundle/bin/alloy-lint.mjs, which enables
// Node's compile cache (Node 22.1+, see src/cli.ts) before it loads the bundle, so that the bundle is
// cached too; and dist/bundle/data/ with the schema data, which the schema package reads relative
// to its module (../data/ from lib/).
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packagesRoot = resolve(packageRoot, '..');
const outputRoot = join(packageRoot, 'dist/bundle');
const fromSources = process.argv.includes('--from-sources');
if (process.argv.includes('--only-under-npm')) {
  const underNpm = /^npm\//.test(process.env.npm_config_user_agent ?? '');
  if (!underNpm || !existsSync(join(packageRoot, 'src/main.ts'))) process.exit(0);
}

// The packages engine.ts loads by name, each behind a literal import() that esbuild can follow.
const entry = `
import ignore from 'ignore';
import { useBundledPackages } from './src/engine.ts';
import { useBundledIgnore } from './src/ignore-matcher.ts';
import { runAsProcess } from './src/main.ts';

useBundledIgnore(ignore);
useBundledPackages({
  '@alloy-toolkit/syntax': () => import('@alloy-toolkit/syntax'),
  '@alloy-toolkit/checker': () => import('@alloy-toolkit/checker'),
  'prettier-plugin-alloy': () => import('prettier-plugin-alloy'),
  '@alloy-toolkit/embedded': () => import('@alloy-toolkit/embedded'),
});
await runAsProcess(process.argv.slice(2));
`;

const sourceAliases = {
  '@alloy-toolkit/syntax': join(packagesRoot, 'syntax/src/index.ts'),
  '@alloy-toolkit/schema': join(packagesRoot, 'schema/src/index.ts'),
  '@alloy-toolkit/checker': join(packagesRoot, 'checker/src/index.ts'),
  '@alloy-toolkit/files': join(packagesRoot, 'files/src/index.ts'),
  '@alloy-toolkit/config': join(packagesRoot, 'config/src/index.ts'),
  'prettier-plugin-alloy': join(packagesRoot, 'prettier-plugin-alloy/src/index.ts'),
  '@alloy-toolkit/embedded': join(packagesRoot, 'embedded/src/index.ts'),
};

const { build } = await import('esbuild');
rmSync(outputRoot, { recursive: true, force: true });
const outfile = join(outputRoot, 'lib/alloy-lint.mjs');
await build({
  stdin: { contents: entry, resolveDir: packageRoot, sourcefile: 'alloy-lint-bundle-entry.ts', loader: 'ts' },
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  alias: fromSources ? sourceAliases : {},
  sourcemap: false,
  legalComments: 'none',
  // `yaml` (inside @alloy-toolkit/embedded) is CommonJS for Node: its require() calls of Node's
  // modules need a real require in an ES module bundle, or they fail with "Dynamic require of
  // "process" is not supported".
  banner: { js: "import { createRequire as __alloyLintCreateRequire } from 'node:module';\nconst require = __alloyLintCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
const launcher = join(outputRoot, 'bin/alloy-lint.mjs');
mkdirSync(dirname(launcher), { recursive: true });
writeFileSync(
  launcher,
  `#!/usr/bin/env node
import module from 'node:module';

module.enableCompileCache?.();
await import('../lib/alloy-lint.mjs');
`,
);
chmodSync(launcher, 0o755);

const dataSource = join(packagesRoot, 'schema/data');
mkdirSync(join(outputRoot, 'data'), { recursive: true });
for (const name of readdirSync(dataSource)) {
  if (/^alloy-([\d.]+|history)\.json$/.test(name)) copyFileSync(join(dataSource, name), join(outputRoot, 'data', name));
}
