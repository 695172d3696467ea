import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGraph, syntaxGraph } from '../src/graph.js';
import { fixturesDir, noteSkip, syntaxBuilt } from './helpers.js';

describe('renderGraph', () => {
  const graph = {
    nodes: [
      { id: 'prometheus.exporter.unix.host', name: 'prometheus.exporter.unix', label: 'host' },
      { id: 'prometheus.scrape.host', name: 'prometheus.scrape', label: 'host' },
    ],
    edges: [{ from: 'prometheus.exporter.unix.host', to: 'prometheus.scrape.host', export: 'targets' }],
  };

  it('renders Mermaid', () => {
    expect(renderGraph(graph, 'mermaid')).toBe(
      [
        'flowchart LR',
        '    prometheus_exporter_unix_host["prometheus.exporter.unix.host"]',
        '    prometheus_scrape_host["prometheus.scrape.host"]',
        '    prometheus_exporter_unix_host -->|targets| prometheus_scrape_host',
        '',
      ].join('\n'),
    );
  });

  it('renders Graphviz dot', () => {
    expect(renderGraph(graph, 'dot')).toBe(
      [
        'digraph alloy {',
        '  rankdir=LR;',
        '  node [shape=box];',
        '  "prometheus.exporter.unix.host" [label="prometheus.exporter.unix.host"];',
        '  "prometheus.scrape.host" [label="prometheus.scrape.host"];',
        '  "prometheus.exporter.unix.host" -> "prometheus.scrape.host" [label="targets"];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('keeps Mermaid ids distinct when names differ only in punctuation', () => {
    const output = renderGraph(
      {
        nodes: [
          { id: 'a.b_c.x', name: 'a.b_c', label: 'x' },
          { id: 'a_b.c.x', name: 'a_b.c', label: 'x' },
        ],
        edges: [],
      },
      'mermaid',
    );
    expect(output).toContain('    a_b_c_x["a.b_c.x"]\n    a_b_c_x_["a_b.c.x"]\n');
  });
});

describe.skipIf(noteSkip(!syntaxBuilt, '@alloy-toolkit/syntax is not built'))('syntaxGraph (without the checker)', () => {
  it('finds components and the references between them, in data-flow direction', async () => {
    const text = readFileSync(join(fixturesDir, 'project/valid/config.alloy'), 'utf8');
    const graph = await syntaxGraph([{ fileName: 'config.alloy', text }]);
    expect(graph.nodes.map((node) => node.id)).toEqual([
      'prometheus.exporter.unix.host',
      'prometheus.scrape.host',
      'prometheus.remote_write.central',
    ]);
    expect(graph.edges).toEqual([
      { from: 'prometheus.exporter.unix.host', to: 'prometheus.scrape.host', export: 'targets' },
      { from: 'prometheus.scrape.host', to: 'prometheus.remote_write.central', export: 'receiver' },
    ]);
  });
});
