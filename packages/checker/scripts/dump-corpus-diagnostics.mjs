#!/usr/bin/env node
// Dumps what the checker reports over every `.alloy`/`.river` file of ../shared/corpus (valid and
// invalid), as JSON on stdout, so that two builds can be compared byte for byte after a change
// meant to keep behaviour (a speed-up): diagnostics (code, severity, message, range, fix, related)
// of `checkText` without a file name (as `bench/check-bench.mjs` checks) and with the file's path
// (imports, siblings and the file system in play), and a summary of the model (components, config
// blocks, declares, imports, references with their targets).
// Usage: `node scripts/dump-corpus-diagnostics.mjs [dist directory] > before.json`
// (default `../dist`; pass a copy of an older build's dist to compare builds).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = resolve(here, '../../../../shared/corpus');
const dist = resolve(process.argv[2] ?? join(here, '..', 'dist'));
const { checkText } = await import(pathToFileURL(join(dist, 'index.js')).href);

function files(directory) {
  const found = [];
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...files(path));
    else if (entry.name.endsWith('.alloy') || entry.name.endsWith('.river')) found.push(path);
  }
  return found;
}

const where = (range) => (range ? `${range.start.offset}-${range.end.offset}` : undefined);

function target(reference) {
  const t = reference.target;
  switch (t.kind) {
    case 'component':
      return `component ${t.component.id}${t.export ? '.' + t.export : ''}${t.exportType ? ' : ' + JSON.stringify(t.exportType) : ''}`;
    case 'config-block':
      return `config-block ${t.configBlock.id}${t.export ? '.' + t.export : ''}`;
    case 'import-namespace':
      return `import ${t.import.namespace}`;
    case 'argument':
    case 'foreach-variable':
    case 'function':
    case 'constant':
    case 'stdlib':
      return `${t.kind} ${t.name}`;
    default:
      return t.kind;
  }
}

function modelSummary(model) {
  return {
    components: model.components.map((c) => `${c.id} ${c.kind} ${c.scope.path} ${(c.exports ?? []).join(',')}`),
    configBlocks: model.configBlocks.map((c) => `${c.id} ${c.scope.path}`),
    declares: model.declares.map((d) => `${d.name} ${d.arguments.map((a) => a.name + (a.optional ? '?' : '')).join(',')} ${d.exports.map((e) => e.name).join(',')}`),
    imports: model.imports.map((i) => `${i.namespace} ${i.kind} ${i.fetched} ${i.declares.map((d) => d.name).join(',')}`),
    references: model.references.map((r) => `${where(r.range)} ${r.text} ${r.scope.path} -> ${target(r)}`),
  };
}

if (!existsSync(corpus)) {
  console.error(`${corpus} is absent`);
  process.exit(1);
}
const out = {};
for (const path of files(corpus)) {
  const text = readFileSync(path, 'utf8');
  const plain = checkText(text, { siblings: false });
  const withFile = checkText(text, { fileName: path });
  out[relative(corpus, path)] = { plain: plain.diagnostics, model: modelSummary(plain.model), withFile: withFile.diagnostics };
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
