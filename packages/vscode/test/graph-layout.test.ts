import { describe, expect, it } from 'vitest';
import { layoutPipeline, renderPipelineSvg, signalColours, type PipelineGraph, type PipelineSignal } from '../src/webview/layout.js';

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
