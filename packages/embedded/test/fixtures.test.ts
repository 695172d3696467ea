import { parse } from '@alloy-toolkit/syntax';
import { describe, expect, it } from 'vitest';
import { extractEmbedded } from '../src/index.js';
import { fixture, hostPositionOf, lineColumn, placeholderTexts, syntaxProblems } from './helpers.js';

describe('grafana/alloy chart values', () => {
  const host = fixture('alloy-chart-values.yaml');
  const extraction = extractEmbedded('values.yaml', host);
  const [config] = extraction.configs;

  it('finds alloy.configMap.content and nothing else', () => {
    expect(extraction).toMatchObject({ kind: 'yaml', hostIsValid: true, problems: [] });
    expect(extraction.configs.map((found) => found.label)).toEqual(['alloy.configMap.content']);
  });

  it('de-indents the content and masks the Helm tpl actions', () => {
    expect(config!.text.startsWith('logging {\n  level  = "info"\n  format = "logfmt"\n}\n\ndiscovery.kubernetes "pods" {\n')).toBe(true);
    expect(config!.text.endsWith('    url = "xxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n  }\n}\n')).toBe(true);
    expect(placeholderTexts(host, config!)).toEqual(['{{ .Release.Namespace | quote }}', '{{ .Values.remoteWriteUrl }}']);
    // Rewritable: a new text keeping the tags (restorePlaceholders) can go back into the host.
    expect(config!.rewritable).toBe(true);
    expect(syntaxProblems(config!.text)).toEqual([]);
  });

  it('maps tokens to their host lines and columns, both ways', () => {
    expect(hostPositionOf(host, config!, '"info"')).toEqual({ line: 8, column: 18 });
    expect(hostPositionOf(host, config!, 'discovery.kubernetes.pods.targets')).toEqual({ line: 20, column: 22 });
    expect(hostPositionOf(host, config!, '"default"')).toEqual({ line: 24, column: 31 });
    expect(lineColumn(host, config!.toHostOffset(config!.placeholders[0]!.start))).toEqual({ line: 15, column: 20 });
  });

  it('covers the content lines only', () => {
    expect(lineColumn(host, config!.hostRange.start)).toEqual({ line: 7, column: 1 });
    expect(lineColumn(host, config!.hostRange.end)).toEqual({ line: 29, column: 1 });
    expect(host.slice(config!.hostRange.end).startsWith('  clustering:')).toBe(true);
    // The indentation is not part of the configuration.
    expect(config!.toEmbeddedOffset(host.indexOf('      logging'))).toBeUndefined();
  });
});

describe('k8s-monitoring values', () => {
  const host = fixture('k8s-monitoring-values.yaml');
  const extraction = extractEmbedded('values.yaml', host);
  const byLabel = new Map(extraction.configs.map((config) => [config.label, config]));

  it('finds extraConfig and *ExtraConfig snippets at every depth, also under an umbrella chart', () => {
    expect(extraction.configs.map((config) => config.label)).toEqual([
      'metrics.extraConfig',
      'extraConfig',
      'logsExtraConfig',
      'alloy-logs.alloy.configMap.content',
    ]);
    expect(extraction.hostIsValid).toBe(true);
    for (const config of extraction.configs) expect(syntaxProblems(config.text)).toEqual([]);
  });

  it('says that an empty snippet has nothing to check', () => {
    expect(extraction.problems).toEqual([
      {
        code: 'alloy-lint/embedded-empty',
        severity: 'info',
        message: 'logs.extraConfig is empty: there is no Alloy to check',
        range: { start: host.indexOf('""'), end: host.indexOf('""') + 2 },
      },
    ]);
  });

  it('keeps the snippets exact, blank lines included', () => {
    expect(byLabel.get('extraConfig')!.text).toBe(
      'prometheus.exporter.unix "node" { }\n\nprometheus.scrape "node" {\n  targets    = prometheus.exporter.unix.node.targets\n  forward_to = [prometheus.relabel.metrics_service.receiver]\n}\n',
    );
    expect(byLabel.get('logsExtraConfig')!.text.split('\n')[2]).toBe('');
  });

  it('maps positions of every snippet', () => {
    expect(hostPositionOf(host, byLabel.get('metrics.extraConfig')!, '"custom_app"')).toEqual({ line: 13, column: 23 });
    expect(hostPositionOf(host, byLabel.get('extraConfig')!, 'prometheus.exporter.unix.node.targets')).toEqual({ line: 30, column: 18 });
    expect(hostPositionOf(host, byLabel.get('logsExtraConfig')!, '".*level=debug.*"')).toEqual({ line: 39, column: 20 });
  });

  it('honours an indentation indicator: the first line keeps its extra indentation', () => {
    const config = byLabel.get('alloy-logs.alloy.configMap.content')!;
    expect(config.text.startsWith('  // The first line is indented further')).toBe(true);
    expect(hostPositionOf(host, config, '// The first')).toEqual({ line: 47, column: 13 });
    expect(hostPositionOf(host, config, '"archive"')).toEqual({ line: 48, column: 22 });
  });
});

describe('ConfigMap manifest', () => {
  const host = fixture('configmap.yaml');
  const extraction = extractEmbedded('alloy-configmap.yaml', host);
  const [config] = extraction.configs;

  it('finds data["config.alloy"]', () => {
    expect(extraction.configs.map((found) => found.label)).toEqual(['data["config.alloy"]']);
    expect(config!.rewritable).toBe(true);
    expect(config!.text.split('\n')[0]).toBe('local.file_match "logs" {');
  });

  it("puts the parser's error on the host line of the mistake", () => {
    const [first] = parse(config!.text).diagnostics;
    expect(first!.message).toBe(
      'expected block label to be a valid identifier, but got "http://loki.monitoring.svc:3100/loki/api/v1/push"',
    );
    expect(lineColumn(host, config!.toHostOffset(first!.range.start.offset))).toEqual({ line: 19, column: 13 });
  });
});

describe('multi-document manifest', () => {
  const host = fixture('multi-document.yaml');
  const extraction = extractEmbedded('alloy.yml', host);

  it('finds the configuration keys of the ConfigMap, the language comment, and names the document', () => {
    expect(extraction).toMatchObject({ hostIsValid: true, problems: [] });
    expect(extraction.configs.map((config) => config.label)).toEqual([
      'document 2: data["config.alloy"]',
      'document 2: data["helpers.alloy"]',
      'document 2: data.extra-rules',
    ]);
    // The Deployment's argument /etc/alloy/config.alloy is a value, not a key.
    expect(
      extraction.configs.every((config) => !config.text.includes('/etc/alloy/config.alloy') || config.label.includes('config.alloy')),
    ).toBe(true);
  });

  it('maps positions inside the second document', () => {
    const [config, helpers, rules] = extraction.configs;
    expect(hostPositionOf(host, config!, '"/etc/alloy/helpers.alloy"')).toEqual({ line: 26, column: 18 });
    expect(hostPositionOf(host, helpers!, 'prometheus.exporter.self')).toEqual({ line: 32, column: 7 });
    expect(hostPositionOf(host, rules!, 'forward_to')).toEqual({ line: 37, column: 7 });
    for (const found of extraction.configs) expect(syntaxProblems(found.text)).toEqual([]);
  });
});

describe('Ansible template config.alloy.j2', () => {
  const host = fixture('config.alloy.j2');
  const extraction = extractEmbedded('roles/alloy/templates/config.alloy.j2', host);
  const [config] = extraction.configs;

  it('is one template configuration of the same length, every tag a placeholder', () => {
    expect(extraction).toMatchObject({ kind: 'template', hostIsValid: true, problems: [] });
    expect(config!.label).toBe('template');
    expect(config!.text).toHaveLength(host.length);
    expect(placeholderTexts(host, config!)).toEqual([
      '{{ ansible_managed }}',
      '{{ alloy_log_level }}',
      '{% for target in alloy_scrape_targets %}',
      '{{ target.name }}',
      '{{ target.address }}',
      '{% endfor %}',
      '{{ alloy_remote_write_url | to_json }}',
      '{% if alloy_remote_write_user is defined %}',
      '{{ alloy_remote_write_user }}',
      '{% endif %}',
      "{# Managed by the alloy role: edit the role's defaults, not this file. #}",
    ]);
    expect(config!.rewritable).toBe(true);
  });

  it('parses: the loop and the condition become comments, the values identifiers or string text', () => {
    expect(syntaxProblems(config!.text)).toEqual([]);
    const forLoop = '{% for target in alloy_scrape_targets %}';
    expect(config!.text).toContain(
      `\n/*${'x'.repeat(forLoop.length - 4)}*/\nprometheus.scrape "${'x'.repeat('{{ target.name }}'.length)}" {`,
    );
    expect(config!.text).toContain(`url = ${'_'.repeat('{{ alloy_remote_write_url | to_json }}'.length)}\n`);
  });

  it('maps offsets unchanged', () => {
    expect(hostPositionOf(host, config!, 'sys.env')).toEqual({ line: 19, column: 18 });
    expect(
      config!.overlapsPlaceholder(config!.toEmbeddedOffset(host.indexOf('alloy_log_level'))!, host.indexOf('alloy_log_level') + 3),
    ).toBe(true);
    expect(config!.overlapsPlaceholder(host.indexOf('sys.env'), host.indexOf('sys.env') + 7)).toBe(false);
  });
});

describe('Go template config.alloy.tmpl', () => {
  const host = fixture('config.alloy.tmpl');
  const extraction = extractEmbedded('config.alloy.tmpl', host);
  const [config] = extraction.configs;

  it('masks comments, name parts, values and whole-line actions, quotes inside actions included', () => {
    expect(placeholderTexts(host, config!)).toEqual([
      '{{- /* Rendered by the deploy tool; see deploy/README.md. */ -}}',
      '{{ .Exporter }}',
      '{{ .Name }}',
      '{{ .Exporter }}',
      '{{ .Interval | printf "%q" }}',
      '{{- range .ExtraBlocks }}',
      '{{ include "block" (dict "name" . "close" "}}") }}',
      '{{- end }}',
      '{{ .RemoteWriteURL }}',
    ]);
    expect(config!.text.split('\n').slice(1, 2)).toEqual(['prometheus.exporter._______________ "default" { }']);
    expect(syntaxProblems(config!.text)).toEqual([]);
  });

  it('maps the tokens around the placeholders', () => {
    expect(hostPositionOf(host, config!, '"default"')).toEqual({ line: 2, column: 37 });
    expect(hostPositionOf(host, config!, 'scrape_interval')).toEqual({ line: 7, column: 3 });
  });
});

describe('Terraform template config.alloy.tftpl', () => {
  const host = fixture('config.alloy.tftpl');
  const extraction = extractEmbedded('modules/agent/config.alloy.tftpl', host);
  const [config] = extraction.configs;

  it('masks interpolations and directives, leaves $${ escapes as text', () => {
    expect(placeholderTexts(host, config!)).toEqual([
      '${log_level}',
      '%{ for target in targets ~}',
      '${target.name}',
      '${target.address}',
      '%{ endfor ~}',
      '${jsonencode(remote_write_url)}',
    ]);
    expect(config!.text).toContain('"X-Scope-OrgID" = "$${tenant}",');
    expect(syntaxProblems(config!.text)).toEqual([]);
  });
});

describe('Markdown', () => {
  const host = fixture('README.md');
  const extraction = extractEmbedded('docs/README.md', host);

  it('finds the alloy and river fences, not a fence inside another fence or other languages', () => {
    expect(extraction.configs.map((config) => config.label)).toEqual(['fence at line 5', 'fence at line 24', 'fence at line 34']);
    for (const config of extraction.configs) expect(syntaxProblems(config.text)).toEqual([]);
  });

  it('removes the fence indentation from the content lines, as CommonMark does', () => {
    const river = extraction.configs[1]!;
    expect(river.text).toBe('logging {\n  level = "debug"\n}\n');
    expect(hostPositionOf(host, river, '"debug"')).toEqual({ line: 26, column: 14 });
    expect(river.toEmbeddedOffset(host.indexOf('   logging'))).toBeUndefined();
  });

  it('reads an unclosed fence to the end of the file, with a warning', () => {
    expect(extraction.problems).toEqual([
      {
        code: 'alloy-lint/unclosed-fence',
        severity: 'warning',
        message: 'the Alloy fence opened at line 34 is never closed; its content runs to the end of the file',
        range: { start: host.lastIndexOf('```alloy'), end: host.lastIndexOf('```alloy') + 8 },
      },
    ]);
    expect(hostPositionOf(host, extraction.configs[2]!, 'endpoint')).toEqual({ line: 36, column: 3 });
  });
});

describe('the README example', () => {
  it('holds', () => {
    const values = `alloy:
  configMap:
    content: |
      prometheus.scrape "pods" {
        targets    = discovery.kubernetes.pods.targets
        forward_to = [prometheus.remote_write.{{ .Values.sink }}.receiver]
        scrape_interval "30s"
      }
`;
    const { configs, problems, hostIsValid } = extractEmbedded('values.yaml', values);
    expect(problems).toEqual([]);
    expect(hostIsValid).toBe(true);
    const [config] = configs;
    expect(config!.label).toBe('alloy.configMap.content');
    expect(config!.text).toContain('  forward_to = [prometheus.remote_write.__________________.receiver]\n');
    expect(config!.placeholders).toEqual([{ start: 116, end: 134 }]);
    expect(config!.rewritable).toBe(true);
    const [diagnostic] = parse(config!.text).diagnostics;
    expect(diagnostic!.message).toBe('expected block label to be a valid identifier, but got "30s"');
    expect(lineColumn(values, config!.toHostOffset(diagnostic!.range.start.offset))).toEqual({ line: 7, column: 25 });
  });
});
