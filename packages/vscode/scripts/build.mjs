// Builds the extension: copies the grammars, bundles the client, the language server and the pipeline graph
// webview's script (with dagre) with esbuild.
//   node scripts/build.mjs                 everything
//   node scripts/build.mjs --grammar-only  only copy the grammars (used by tests that need no bundle)
// ALLOY_VSCODE_SERVER_ENTRY=path/to/server.js bundles that file instead of the language server package's dist/server.js.
import { copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The grammars made by grammars/build-grammar.mjs: Alloy, and the injections for Alloy inside YAML. */
const grammarNames = ['alloy.tmLanguage.json', 'alloy-yaml-injection.tmLanguage.json', 'alloy-yaml-config-map-injection.tmLanguage.json'];
const grammarsDirectory = resolve(packageDirectory, '../../grammars');
const syntaxesDirectory = join(packageDirectory, 'syntaxes');
const outputDirectory = join(packageDirectory, 'dist');

function fail(message) {
  console.error(`alloy-vscode build: ${message}`);
  process.exit(1);
}

function copyGrammars() {
  mkdirSync(syntaxesDirectory, { recursive: true });
  for (const name of grammarNames) {
    const source = join(grammarsDirectory, name);
    if (!existsSync(source)) fail(`the grammar ${source} is missing`);
    // Copy then rename, so that a concurrent reader (tests run in parallel) never sees a half-written file.
    const target = join(syntaxesDirectory, name);
    const temporary = `${target}.${process.pid}.tmp`;
    copyFileSync(source, temporary);
    renameSync(temporary, target);
  }
}

function languageServerEntry() {
  // Lets a test or a developer bundle another build of the server.
  const override = process.env.ALLOY_VSCODE_SERVER_ENTRY;
  if (override) {
    if (!existsSync(override)) fail(`ALLOY_VSCODE_SERVER_ENTRY=${override} does not exist`);
    return resolve(override);
  }
  const packageLink = join(packageDirectory, 'node_modules', '@alloy-toolkit', 'language-server');
  if (!existsSync(packageLink)) fail('@alloy-toolkit/language-server is not installed (run pnpm install)');
  const entry = join(realpathSync(packageLink), 'dist', 'server.js');
  if (!existsSync(entry)) {
    fail(`${relative(process.cwd(), entry)} does not exist: build the language server first (pnpm --filter @alloy-toolkit/language-server build)`);
  }
  return entry;
}

/**
 * @alloy-toolkit/schema reads `../data/alloy-<version>.json` relative to its module URL. In the bundle that URL
 * is dist/server.cjs (see the shim below), so the data files go to <package>/data/.
 */
function copySchemaData() {
  const serverLink = join(packageDirectory, 'node_modules', '@alloy-toolkit', 'language-server');
  if (!existsSync(serverLink)) return;
  const schemaLink = join(realpathSync(serverLink), 'node_modules', '@alloy-toolkit', 'schema');
  if (!existsSync(schemaLink)) return;
  const dataDirectory = join(realpathSync(schemaLink), 'data');
  if (!existsSync(dataDirectory)) fail(`${dataDirectory} is missing: the bundled server could not load the component schema`);
  const targetDirectory = join(packageDirectory, 'data');
  mkdirSync(targetDirectory, { recursive: true });
  const names = readdirSync(dataDirectory).filter((file) => file.endsWith('.json'));
  // Replaced file by file, never emptied: a concurrent packer must find every data file.
  for (const name of names) {
    const temporary = join(targetDirectory, `${name}.${process.pid}.tmp`);
    copyFileSync(join(dataDirectory, name), temporary);
    renameSync(temporary, join(targetDirectory, name));
  }
  for (const name of readdirSync(targetDirectory)) {
    if (name.endsWith('.json') && !names.includes(name)) rmSync(join(targetDirectory, name), { force: true });
  }
}

// ESM sources bundled to CommonJS lose `import.meta.url`; give it the bundle's own URL back.
const importMetaUrlShim = {
  banner: { js: 'const __alloy_import_meta_url = require("url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__alloy_import_meta_url' },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  minify: false,
  legalComments: 'inline',
  logLevel: 'warning',
};

/**
 * Bundles with esbuild, then writes each output to a temporary file and renames it: tests that pack the
 * extension run in parallel, and a packer must never read a half-written bundle.
 */
async function bundle(options) {
  const result = await build({ ...options, write: false });
  for (const output of result.outputFiles) {
    const temporary = `${output.path}.${process.pid}.tmp`;
    writeFileSync(temporary, output.contents);
    renameSync(temporary, output.path);
  }
}

copyGrammars();
if (!process.argv.includes('--grammar-only')) {
  mkdirSync(outputDirectory, { recursive: true });
  await bundle({
    ...common,
    entryPoints: [join(packageDirectory, 'src', 'extension.ts')],
    outfile: join(outputDirectory, 'extension.cjs'),
    external: ['vscode'],
  });
  await bundle({
    ...common,
    ...importMetaUrlShim,
    entryPoints: [languageServerEntry()],
    outfile: join(outputDirectory, 'server.cjs'),
  });
  await bundle({
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: [join(packageDirectory, 'src', 'webview', 'graph.ts')],
    outfile: join(outputDirectory, 'graph-webview.js'),
  });
  copySchemaData();
  console.log('alloy-vscode: built dist/extension.cjs, dist/server.cjs, dist/graph-webview.js, data/ and syntaxes/ (the Alloy grammar and the YAML injections)');
}
