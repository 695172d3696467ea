// Lays out and draws (as SVG markup) the pipeline graph of a 500-component configuration, as the graph
// webview does on each update, and, as a reference measured in the same run, serializes the same graph
// to JSON (what the extension posts to the webview). Prints both times, the ratio, and the budget of the
// issue: a 500-component graph renders in under 1 s. The browser's parse and paint of the SVG come on top.
//   node bench/graph-bench.mjs [components]   (default 500)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const packageDirectory = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const componentCount = Number(process.argv[2] ?? 500);
const temporary = mkdtempSync(join(tmpdir(), 'alloy-graph-bench-'));
const bundle = join(temporary, 'layout.mjs');
await build({ entryPoints: [join(packageDirectory, 'src/webview/layout.ts')], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'warning' });
const { layoutPipeline, renderPipelineSvg } = await import(pathToFileURL(bundle).href);

/** Pipelines of five: discovery -> relabel -> scrape -> relabel -> remote_write, every scrape also into one shared writer. */
function syntheticGraph(count) {
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const nodes = [];
  const edges = [];
  const add = (name, label, signal) => {
    const id = `${name}.${label}`;
    nodes.push({ id, name, label, signal, uri: 'file:///bench/config.alloy', range: zero, selectionRange: zero });
    return id;
  };
  const shared = add('prometheus.remote_write', 'shared', 'metrics');
  for (let chain = 0; nodes.length + 5 <= count; chain++) {
    const discovery = add('discovery.kubernetes', `pods_${chain}`, 'targets');
    const relabel = add('discovery.relabel', `pods_${chain}`, 'targets');
    const scrape = add('prometheus.scrape', `pods_${chain}`, 'metrics');
    const metricsRelabel = add('prometheus.relabel', `pods_${chain}`, 'metrics');
    const writer = add('prometheus.remote_write', `tenant_${chain}`, 'metrics');
    edges.push({ from: discovery, to: relabel, export: 'targets', signal: 'targets' });
    edges.push({ from: relabel, to: scrape, export: 'output', signal: 'targets' });
    edges.push({ from: scrape, to: metricsRelabel, export: 'receiver', signal: 'metrics' });
    edges.push({ from: metricsRelabel, to: writer, export: 'receiver', signal: 'metrics' });
    edges.push({ from: scrape, to: shared, export: 'receiver', signal: 'metrics' });
  }
  return { nodes, edges };
}

function best(rounds, work) {
  let fastest = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    work();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return fastest;
}

const graph = syntheticGraph(componentCount);
let svgLength = 0;
const drawn = best(5, () => {
  svgLength = renderPipelineSvg(layoutPipeline(graph)).length;
});
const reference = best(5, () => JSON.parse(JSON.stringify(graph)));
rmSync(temporary, { recursive: true, force: true });
console.log(`graph of ${graph.nodes.length} components, ${graph.edges.length} edges: layout + SVG ${drawn.toFixed(1)} ms (${svgLength} characters)`);
console.log(`reference (JSON round trip of the graph): ${reference.toFixed(2)} ms; ratio ${(drawn / reference).toFixed(1)}x`);
console.log(`budget: 1000 ms for layout and drawing in the webview: ${drawn < 1000 ? 'within' : 'OVER'}`);
