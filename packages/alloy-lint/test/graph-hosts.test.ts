/**
 * `alloy-lint graph` of the Alloy inside other files: Helm values with several configurations, a
 * ConfigMap, a template, Markdown fences; their errors at the host's positions; `--yaml-key` and
 * `.alloy-lint.json`'s `yamlKeys`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderGraphs } from '../src/graph.js';
import { checkerBuilt, cliBuilt, makeTempDir, noteSkip, runCli } from './helpers.js';

describe('renderGraphs', () => {
  const exporter = { id: 'prometheus.exporter.unix.node', name: 'prometheus.exporter.unix', label: 'node' };
  const scrape = { id: 'prometheus.scrape.node', name: 'prometheus.scrape', label: 'node' };
  const pipeline = { nodes: [exporter, scrape], edges: [{ from: exporter.id, to: scrape.id, export: 'targets' }] };
  const lone = { nodes: [exporter], edges: [] };

  it('draws each configuration as a Mermaid subgraph titled by its place, with ids that never merge', () => {
    const output = renderGraphs(
      [
        { title: 'alloy.configMap.content', graph: pipeline },
        { title: 'data["config.alloy"]', graph: lone },
      ],
      'mermaid',
    );
    expect(output).toBe(
      [
        'flowchart LR',
        '    subgraph config_1["alloy.configMap.content"]',
        '        c1_prometheus_exporter_unix_node["prometheus.exporter.unix.node"]',
        '        c1_prometheus_scrape_node["prometheus.scrape.node"]',
        '        c1_prometheus_exporter_unix_node -->|targets| c1_prometheus_scrape_node',
        '    end',
        '    subgraph config_2["data[#quot;config.alloy#quot;]"]',
        '        c2_prometheus_exporter_unix_node["prometheus.exporter.unix.node"]',
        '    end',
        '',
      ].join('\n'),
    );
  });

  it('draws each configuration as a Graphviz cluster, node ids numbered by configuration', () => {
    const output = renderGraphs(
      [
        { title: 'fence at line 3', graph: pipeline },
        { title: 'fence at line 20', graph: lone },
      ],
      'dot',
    );
    expect(output).toBe(
      [
        'digraph alloy {',
        '  rankdir=LR;',
        '  node [shape=box];',
        '  subgraph cluster_1 {',
        '    label="fence at line 3";',
        '    "1:prometheus.exporter.unix.node" [label="prometheus.exporter.unix.node"];',
        '    "1:prometheus.scrape.node" [label="prometheus.scrape.node"];',
        '    "1:prometheus.exporter.unix.node" -> "1:prometheus.scrape.node" [label="targets"];',
        '  }',
        '  subgraph cluster_2 {',
        '    label="fence at line 20";',
        '    "2:prometheus.exporter.unix.node" [label="prometheus.exporter.unix.node"];',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('draws a single configuration as a plain graph, without a section', () => {
    expect(renderGraphs([{ title: 'template', graph: pipeline }], 'mermaid')).toBe(
      [
        'flowchart LR',
        '    prometheus_exporter_unix_node["prometheus.exporter.unix.node"]',
        '    prometheus_scrape_node["prometheus.scrape.node"]',
        '    prometheus_exporter_unix_node -->|targets| prometheus_scrape_node',
        '',
      ].join('\n'),
    );
  });
});

const VALUES = `alloy:
  configMap:
    content: |
      prometheus.exporter.unix "node" { }

      prometheus.scrape "node" {
        targets    = prometheus.exporter.unix.node.targets
        forward_to = [prometheus.remote_write.central.receiver]
      }

      prometheus.remote_write "central" {
        endpoint {
          url = "http://prometheus:9090/api/v1/write"
        }
      }
extraConfig: |
  loki.source.journal "system" {
    forward_to = [loki.write.default.receiver]
  }

  loki.write "default" {
    endpoint {
      url = "http://loki:3100/loki/api/v1/push"
    }
  }
`;

describe.skipIf(noteSkip(!cliBuilt || !checkerBuilt, 'alloy-lint or the checker is not built'))('alloy-lint graph of YAML, templates and Markdown', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('draws every configuration of Helm values, each in its own section, in data-flow direction', () => {
    writeFileSync(join(temp.path, 'values.yaml'), VALUES);
    const result = runCli(['graph', 'values.yaml'], { cwd: temp.path });
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toBe(
      [
        'flowchart LR',
        '    subgraph config_1["alloy.configMap.content"]',
        '        c1_prometheus_exporter_unix_node["prometheus.exporter.unix.node"]',
        '        c1_prometheus_scrape_node["prometheus.scrape.node"]',
        '        c1_prometheus_remote_write_central["prometheus.remote_write.central"]',
        '        c1_prometheus_exporter_unix_node -->|targets| c1_prometheus_scrape_node',
        '        c1_prometheus_scrape_node -->|receiver| c1_prometheus_remote_write_central',
        '    end',
        '    subgraph config_2["extraConfig"]',
        '        c2_loki_source_journal_system["loki.source.journal.system"]',
        '        c2_loki_write_default["loki.write.default"]',
        '        c2_loki_source_journal_system -->|receiver| c2_loki_write_default',
        '    end',
        '',
      ].join('\n'),
    );
    const dot = runCli(['graph', 'values.yaml', '--format', 'dot'], { cwd: temp.path });
    expect(dot.status).toBe(0);
    expect(dot.stdout).toContain('  subgraph cluster_2 {\n    label="extraConfig";\n');
    expect(dot.stdout).toContain('    "2:loki.source.journal.system" -> "2:loki.write.default" [label="receiver"];\n');
  });

  it('draws a ConfigMap\'s single configuration, and a template\'s, as a plain graph', () => {
    const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: alloy
data:
  config.alloy: |
    prometheus.exporter.unix "node" { }
    prometheus.scrape "node" {
      targets    = prometheus.exporter.unix.node.targets
      forward_to = []
    }
`;
    writeFileSync(join(temp.path, 'configmap.yaml'), configMap);
    const fromYaml = runCli(['graph', 'configmap.yaml'], { cwd: temp.path });
    expect(fromYaml).toMatchObject({ status: 0, stderr: '' });
    expect(fromYaml.stdout).toBe(
      [
        'flowchart LR',
        '    prometheus_exporter_unix_node["prometheus.exporter.unix.node"]',
        '    prometheus_scrape_node["prometheus.scrape.node"]',
        '    prometheus_exporter_unix_node -->|targets| prometheus_scrape_node',
        '',
      ].join('\n'),
    );
    // A template tag is masked: the component it names is not drawn, the rest of the graph is.
    writeFileSync(
      join(temp.path, 'config.alloy.tmpl'),
      'prometheus.exporter.unix "node" { }\nprometheus.scrape "node" {\n  targets    = prometheus.exporter.unix.node.targets\n  forward_to = [prometheus.remote_write.{{ .Sink }}.receiver]\n}\n',
    );
    const fromTemplate = runCli(['graph', 'config.alloy.tmpl'], { cwd: temp.path });
    expect(fromTemplate).toMatchObject({ status: 0, stderr: '' });
    expect(fromTemplate.stdout).toBe(fromYaml.stdout);
  });

  it('draws each alloy fence of a Markdown file in its own section', () => {
    writeFileSync(
      join(temp.path, 'README.md'),
      '# Setup\n\n```alloy\nprometheus.exporter.unix "node" { }\n```\n\nThen:\n\n```alloy\nloki.write "default" {\n  endpoint {\n    url = "http://loki:3100/loki/api/v1/push"\n  }\n}\n```\n',
    );
    const result = runCli(['graph', 'README.md'], { cwd: temp.path });
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toContain('    subgraph config_1["fence at line 3"]\n        c1_prometheus_exporter_unix_node["prometheus.exporter.unix.node"]\n    end\n');
    expect(result.stdout).toContain('    subgraph config_2["fence at line 9"]\n        c2_loki_write_default["loki.write.default"]\n    end\n');
  });

  it('prints the syntax errors of a configuration at the YAML file\'s line and column, and no graph', () => {
    writeFileSync(join(temp.path, 'values.yaml'), 'alloy:\n  configMap:\n    content: |\n      logging {\n        level = \n      }\n');
    const result = runCli(['graph', 'values.yaml'], { cwd: temp.path });
    expect(result).toMatchObject({ status: 1, stdout: '' });
    expect(result.stderr).toBe('values.yaml:6:7: expected expression, got }\nalloy-lint: no graph: the configuration has syntax errors\n');
  });

  it('prints what is wrong with invalid YAML, and says when a file holds no configuration', () => {
    writeFileSync(join(temp.path, 'broken.yaml'), 'alloy: [\n');
    const broken = runCli(['graph', 'broken.yaml'], { cwd: temp.path });
    expect(broken).toMatchObject({ status: 1, stdout: '' });
    expect(broken.stderr).toMatch(/^broken\.yaml:2:1: invalid YAML: .+\nalloy-lint: no graph: broken\.yaml is not valid\n$/);

    writeFileSync(join(temp.path, 'plain.yaml'), 'replicas: 2\n');
    const plain = runCli(['graph', 'plain.yaml'], { cwd: temp.path });
    expect(plain).toMatchObject({ status: 1, stdout: '' });
    expect(plain.stderr).toBe(
      'alloy-lint: no graph: plain.yaml holds no Alloy configuration (keys searched: config.alloy, *.alloy, alloy.configMap.content, extraConfig, *ExtraConfig; --yaml-key adds one)\n',
    );
  });

  it('reads the keys --yaml-key names, and those of .alloy-lint.json', () => {
    writeFileSync(join(temp.path, 'values.yaml'), 'agent:\n  pipeline: |\n    prometheus.exporter.unix "node" { }\n');
    expect(runCli(['graph', 'values.yaml'], { cwd: temp.path }).status).toBe(1);
    const withFlag = runCli(['graph', 'values.yaml', '--yaml-key', 'agent.pipeline'], { cwd: temp.path });
    expect(withFlag).toMatchObject({ status: 0, stderr: '', stdout: 'flowchart LR\n    prometheus_exporter_unix_node["prometheus.exporter.unix.node"]\n' });
    writeFileSync(join(temp.path, '.alloy-lint.json'), JSON.stringify({ yamlKeys: ['agent.pipeline'] }));
    expect(runCli(['graph', 'values.yaml'], { cwd: temp.path })).toMatchObject({ status: 0, stdout: withFlag.stdout });
    expect(runCli(['graph', 'values.yaml', '--yaml-key', ' '], { cwd: temp.path })).toMatchObject({
      status: 2,
      stderr: 'alloy-lint: --yaml-key needs a key pattern, such as config.alloy or "*ExtraConfig"\n',
    });
  });
});
