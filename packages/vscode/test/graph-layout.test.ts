import { describe, expect, it } from 'vitest';
import { layoutPipeline, orderSweepLimit, PipelineLayoutCache, renderPipelineSvg, signalColours, type PipelineGraph, type PipelineSignal } from '../src/webview/layout.js';

const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function node(id: string, signal: PipelineSignal): PipelineGraph['nodes'][number] {
  const parts = id.split('.');
  return { id, name: parts.slice(0, -1).join('.'), label: parts[parts.length - 1]!, signal, uri: 'file:///c/config.alloy', range: zero, selectionRange: zero };
}

const metrics: PipelineGraph = {
  nodes: [node('prometheus.remote_write.cloud', 'metrics'), node('prometheus.scrape.default', 'metrics'), node('prometheus.exporter.unix.node', 'metrics')],
  edges: [
    { from: 'prometheus.exporter.unix.node', to: 'prometheus.scrape.default', export: 'targets', signal: 'targets' },
    { from: 'prometheus.scrape.default', to: 'prometheus.remote_write.cloud', export: 'receiver', signal: 'metrics' },
  ],
};

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;
}

describe('the pipeline graph layout (dagre)', () => {
  it('places components left to right in the direction of the data, without overlaps', () => {
    const placed = layoutPipeline(metrics);
    const x = Object.fromEntries(placed.nodes.map((placedNode) => [placedNode.id, placedNode.x]));
    expect(x['prometheus.exporter.unix.node']!).toBeLessThan(x['prometheus.scrape.default']!);
    expect(x['prometheus.scrape.default']!).toBeLessThan(x['prometheus.remote_write.cloud']!);
    for (const a of placed.nodes) for (const b of placed.nodes) if (a !== b) expect(overlaps(a, b), `${a.id} / ${b.id}`).toBe(false);
    for (const placedNode of placed.nodes) {
      expect(placedNode.x + placedNode.width / 2).toBeLessThanOrEqual(placed.width);
      expect(placedNode.y + placedNode.height / 2).toBeLessThanOrEqual(placed.height);
    }
  });

  it('routes each edge from the right side of its source to the left side of its target', () => {
    const placed = layoutPipeline(metrics);
    const byId = new Map(placed.nodes.map((placedNode) => [placedNode.id, placedNode]));
    expect(placed.edges).toHaveLength(2);
    for (const edge of placed.edges) {
      const from = byId.get(edge.from)!;
      const to = byId.get(edge.to)!;
      expect(edge.points.length).toBeGreaterThanOrEqual(2);
      expect(edge.points[0]!.x).toBeCloseTo(from.x + from.width / 2, 0);
      expect(edge.points[edge.points.length - 1]!.x).toBeCloseTo(to.x - to.width / 2, 0);
    }
  });

  it('lays out cycles, and leaves out edges to unknown components and to the component itself', () => {
    const graph: PipelineGraph = {
      nodes: [node('otelcol.processor.batch.a', 'traces'), node('otelcol.processor.batch.b', 'traces')],
      edges: [
        { from: 'otelcol.processor.batch.a', to: 'otelcol.processor.batch.b', export: 'input', signal: 'traces' },
        { from: 'otelcol.processor.batch.b', to: 'otelcol.processor.batch.a', export: 'input', signal: 'traces' },
        { from: 'otelcol.processor.batch.a', to: 'otelcol.processor.batch.a', export: 'input', signal: 'traces' },
        { from: 'otelcol.processor.batch.a', to: 'missing.component.x', export: 'input', signal: 'traces' },
      ],
    };
    const placed = layoutPipeline(graph);
    expect(placed.nodes).toHaveLength(2);
    expect(placed.edges.map((edge) => `${edge.from}>${edge.to}`)).toEqual(['otelcol.processor.batch.a>otelcol.processor.batch.b', 'otelcol.processor.batch.b>otelcol.processor.batch.a']);
  });
});

/** Chains of discovery -> scrape -> remote_write, every scrape also into one shared writer. */
function chains(count: number): PipelineGraph {
  const graph: PipelineGraph = { nodes: [node('prometheus.remote_write.shared', 'metrics')], edges: [] };
  for (let chain = 0; graph.nodes.length + 3 <= count; chain++) {
    const ids = [`discovery.kubernetes.d${chain}`, `prometheus.scrape.s${chain}`, `prometheus.remote_write.w${chain}`];
    graph.nodes.push(node(ids[0]!, 'targets'), node(ids[1]!, 'metrics'), node(ids[2]!, 'metrics'));
    graph.edges.push(
      { from: ids[0]!, to: ids[1]!, export: 'targets', signal: 'targets' },
      { from: ids[1]!, to: ids[2]!, export: 'receiver', signal: 'metrics' },
      { from: ids[1]!, to: 'prometheus.remote_write.shared', export: 'receiver', signal: 'metrics' },
    );
  }
  return graph;
}

describe('large graphs and updates', () => {
  it(`lays out a graph of ${orderSweepLimit} components or more (no ordering sweeps) left to right, without overlaps`, () => {
    const graph = chains(orderSweepLimit + 10);
    expect(graph.nodes.length).toBeGreaterThanOrEqual(orderSweepLimit);
    const placed = layoutPipeline(graph);
    const byId = new Map(placed.nodes.map((placedNode) => [placedNode.id, placedNode]));
    for (const edge of graph.edges) expect(byId.get(edge.from)!.x, `${edge.from} -> ${edge.to}`).toBeLessThan(byId.get(edge.to)!.x);
    const sorted = [...placed.nodes].sort((a, b) => a.x - b.x || a.y - b.y);
    for (let index = 1; index < sorted.length; index++) {
      const previous = sorted[index - 1]!;
      const current = sorted[index]!;
      if (previous.x === current.x) expect(overlaps(previous, current), `${previous.id} / ${current.id}`).toBe(false);
    }
  });

  it('reuses the layout while the components and connections stay the same, taking the new signals', () => {
    const cache = new PipelineLayoutCache();
    const first = cache.layout(metrics);
    expect(first.reused).toBe(false);
    const recoloured: PipelineGraph = {
      nodes: metrics.nodes.map((entry) => ({ ...entry, signal: 'mixed' as const })),
      edges: metrics.edges.map((edge) => ({ ...edge, export: 'other', signal: 'logs' as const })),
    };
    const again = cache.layout(recoloured);
    expect(again.reused).toBe(true);
    expect(again.placed.nodes.map((entry) => [entry.id, entry.x, entry.y, entry.signal])).toEqual(first.placed.nodes.map((entry) => [entry.id, entry.x, entry.y, 'mixed']));
    expect(again.placed.edges.map((edge) => [edge.points, edge.export, edge.signal])).toEqual(first.placed.edges.map((edge) => [edge.points, 'other', 'logs']));

    // A new component, a relabelled one, or another connection: laid out again.
    const added = cache.layout({ ...metrics, nodes: [...metrics.nodes, node('loki.write.default', 'logs')] });
    expect(added.reused).toBe(false);
    expect(added.placed.nodes).toHaveLength(4);
    const relabelled = cache.layout({ ...metrics, nodes: metrics.nodes.map((entry, index) => (index === 0 ? { ...entry, label: 'a_much_longer_label_than_before' } : entry)) });
    expect(relabelled.reused).toBe(false);
    const rewired = cache.layout({ ...metrics, edges: metrics.edges.slice(0, 1) });
    expect(rewired.reused).toBe(false);
    expect(rewired.placed.edges).toHaveLength(1);
  });
});

describe('the pipeline graph SVG', () => {
  it('draws a box per component with its name and label, coloured by signal', () => {
    const graph: PipelineGraph = { nodes: [node('loki.write.default', 'logs'), node('otelcol.exporter.otlp.out', 'mixed')], edges: [] };
    const svg = renderPipelineSvg(layoutPipeline(graph));
    expect(svg).toContain('<g class="node signal-logs" data-id="loki.write.default"');
    expect(svg).toContain('>loki.write</text>');
    expect(svg).toContain('>&#34;default&#34;</text>');
    expect(svg).toContain(`stroke="${signalColours.logs}"`);
    expect(svg).toContain(`stroke="${signalColours.mixed}"`);
  });

  it('colours edges by signal and escapes what the configuration wrote', () => {
    const graph: PipelineGraph = {
      nodes: [node('prometheus.scrape.<b>', 'metrics'), node('prometheus.remote_write.x', 'metrics')],
      edges: [{ from: 'prometheus.scrape.<b>', to: 'prometheus.remote_write.x', export: 'receiver', signal: 'metrics' }],
    };
    const svg = renderPipelineSvg(layoutPipeline(graph));
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('data-id="prometheus.scrape.&#60;b&#62;"');
    expect(svg).toMatch(new RegExp(`<path class="edge signal-metrics" d="M[^"]+" stroke="${signalColours.metrics}"[^>]*marker-end="url\\(#arrow-metrics\\)"`));
  });
});
