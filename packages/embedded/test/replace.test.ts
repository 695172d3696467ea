import { describe, expect, it } from 'vitest';
import { extractEmbedded, replaceEmbedded, restorePlaceholders, type EmbeddedConfig } from '../src/index.js';
import { fixture } from './helpers.js';

function configOf(host: string, fileName: string, label?: string): EmbeddedConfig {
  const configs = extractEmbedded(fileName, host).configs;
  const config = label === undefined ? configs[0] : configs.find((candidate) => candidate.label === label);
  if (config === undefined) throw new Error(`no configuration ${label ?? ''}`);
  return config;
}

function replaced(host: string, fileName: string, config: EmbeddedConfig, newText: string): string {
  const outcome = replaceEmbedded(host, fileName, [{ config, newText }]);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.text;
}

/** The configuration's text with its tags: its masked text, unchanged, with the tags put back. */
function sourceOfConfig(config: EmbeddedConfig): string {
  const restored = restorePlaceholders(config, config.text);
  if (!restored.ok) throw new Error(restored.reason);
  return restored.text;
}

function refusal(host: string, fileName: string, config: EmbeddedConfig, newText: string): string {
  const outcome = replaceEmbedded(host, fileName, [{ config, newText }]);
  expect(outcome.ok).toBe(false);
  return outcome.ok ? '' : outcome.reason;
}

describe('replaceEmbedded: round trips', () => {
  for (const [name, fileName] of [
    ['configmap.yaml', 'configmap.yaml'],
    ['k8s-monitoring-values.yaml', 'values.yaml'],
    ['multi-document.yaml', 'manifest.yaml'],
    ['README.md', 'README.md'],
  ] as const) {
    it(`gives back ${name} unchanged when every configuration keeps its text`, () => {
      const host = fixture(name);
      const configs = extractEmbedded(fileName, host).configs;
      expect(configs.length).toBeGreaterThan(0);
      expect(
        replaceEmbedded(
          host,
          fileName,
          configs.map((config) => ({ config, newText: config.text })),
        ),
      ).toEqual({ ok: true, text: host });
    });
  }
});

describe('replaceEmbedded: new texts', () => {
  it('re-indents changed lines, leaves blank lines blank and changes no other byte', () => {
    const host = fixture('configmap.yaml');
    const config = configOf(host, 'configmap.yaml');
    const newText = config.text
      .replace('    url "http', '    url = "http')
      .replace('}\n\nloki.source.file', '}\n\n// Tail the files.\nloki.source.file');
    const result = replaced(host, 'configmap.yaml', config, newText);
    expect(result).toBe(
      host
        .replace('        url "http', '        url = "http')
        .replace('    }\n\n    loki.source.file', '    }\n\n    // Tail the files.\n    loki.source.file'),
    );
    expect(configOf(result, 'configmap.yaml').text).toBe(newText);
  });

  it('replaces several configurations at once, leaving the others and the rest of the file alone', () => {
    const host = fixture('k8s-monitoring-values.yaml');
    const configs = extractEmbedded('values.yaml', host).configs;
    const first = configs[0]!;
    const third = configs[2]!;
    const result = replaceEmbedded(host, 'values.yaml', [
      { config: third, newText: 'loki.process "drop_debug" {\n\tforward_to = [loki.write.default.receiver]\n}\n' },
      { config: first, newText: 'prometheus.scrape "custom_app" {\n\ttargets    = []\n\tforward_to = []\n}\n' },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const after = extractEmbedded('values.yaml', result.text).configs;
    expect(after.map((config) => config.label)).toEqual(configs.map((config) => config.label));
    expect(after[0]!.text).toBe('prometheus.scrape "custom_app" {\n\ttargets    = []\n\tforward_to = []\n}\n');
    expect(after[1]!.text).toBe(configs[1]!.text);
    expect(after[2]!.text).toBe('loki.process "drop_debug" {\n\tforward_to = [loki.write.default.receiver]\n}\n');
    expect(after[3]!.text).toBe(configs[3]!.text);
    expect(result.text.slice(0, first.hostRange.start)).toBe(host.slice(0, first.hostRange.start));
    expect(result.text.endsWith(host.slice(third.hostRange.end))).toBe(true);
    expect(result.text).toContain('\n  extraConfig: |\n    prometheus.scrape "custom_app" {\n    \ttargets    = []\n');
  });

  it('keeps a |- header and the chomped lines after the content', () => {
    const host = 'extraConfig: |-\n  x = 1\n\n\nb: 1\n';
    expect(replaced(host, 'v.yaml', configOf(host, 'v.yaml'), 'x = 2\ny = 3\n')).toBe('extraConfig: |-\n  x = 2\n  y = 3\n\n\nb: 1\n');
  });

  it('keeps the trailing blank lines of |+', () => {
    const host = 'config.alloy: |+\n  x = 1\n\n\nnext: 1\n';
    expect(replaced(host, 'v.yaml', configOf(host, 'v.yaml'), 'x = 2\n')).toBe('config.alloy: |+\n  x = 2\n\n\nnext: 1\n');
  });

  it('lets a first line start with spaces under an indentation indicator', () => {
    const host = 'k:\n  config.alloy: |2\n      // indented\n    x = 1\n';
    const config = configOf(host, 'v.yaml');
    expect(config.text).toBe('  // indented\nx = 1\n');
    expect(replaced(host, 'v.yaml', config, '  // still indented\nx = 2\n')).toBe(
      'k:\n  config.alloy: |2\n      // still indented\n    x = 2\n',
    );
  });

  it('writes CRLF line breaks into a CRLF file', () => {
    const host = 'config.alloy: |\r\n  x = 1\r\nnext: 1\r\n';
    expect(replaced(host, 'v.yaml', configOf(host, 'v.yaml'), 'x = 1\n\ny = 2\n')).toBe(
      'config.alloy: |\r\n  x = 1\r\n\r\n  y = 2\r\nnext: 1\r\n',
    );
  });

  it('keeps a file that ends without a line break that way', () => {
    const host = 'config.alloy: |\n  x = 1';
    expect(replaced(host, 'v.yaml', configOf(host, 'v.yaml'), 'x = 2\n')).toBe('config.alloy: |\n  x = 2');
  });

  it('re-indents Markdown content by the fence indentation', () => {
    const host = 'Steps:\n\n   ```alloy\n   a=1\n   ```\n';
    expect(replaced(host, 'doc.md', configOf(host, 'doc.md'), 'a = 1\n\n// done\n')).toBe(
      'Steps:\n\n   ```alloy\n   a = 1\n\n   // done\n   ```\n',
    );
  });

  it('returns the new text for an Alloy file and for a template without placeholders', () => {
    expect(replaceEmbedded('a=1\n', 'config.alloy', [{ config: configOf('a=1\n', 'config.alloy'), newText: 'a = 1\n' }])).toEqual({
      ok: true,
      text: 'a = 1\n',
    });
    expect(replaced('a=1\n', 'config.alloy.j2', configOf('a=1\n', 'config.alloy.j2'), 'a = 1\n')).toBe('a = 1\n');
  });

  it('with no replacements gives the host back', () => {
    expect(replaceEmbedded('x: 1\n', 'v.yaml', [])).toEqual({ ok: true, text: 'x: 1\n' });
  });
});

describe('replaceEmbedded: refusals', () => {
  it('never rewrites invalid YAML', () => {
    const host = 'config.alloy: |\n  x = 1\n---\nbad: [\n';
    const reason = refusal(host, 'v.yaml', configOf(host, 'v.yaml'), 'x = 2\n');
    expect(reason).toMatch(/^the host file is not valid \(invalid YAML: .*\); it is never rewritten$/);
  });

  it('never writes a configuration with template placeholders without its tags as they were', () => {
    const host = fixture('alloy-chart-values.yaml');
    const config = configOf(host, 'values.yaml');
    const keep = 'the new text of alloy.configMap.content does not keep its template tags as they were (the same tags, byte for byte, in the same order): put them back with restorePlaceholders';
    // No tags, the masked text itself, a tag changed.
    expect(refusal(host, 'values.yaml', config, 'logging { }\n')).toBe(keep);
    expect(refusal(host, 'values.yaml', config, config.text)).toBe(keep);
    expect(refusal(host, 'values.yaml', config, sourceOfConfig(config).replace('{{ .Values.remoteWriteUrl }}', '{{ .Values.url }}'))).toBe(keep);
    const template = 'x = {{ .y }}\ny = {{ .z }}\n';
    const templateConfig = configOf(template, 'c.alloy.tmpl');
    expect(refusal(template, 'c.alloy.tmpl', templateConfig, 'x = 1\n')).toBe(
      'the new text of template does not keep its template tags as they were (the same tags, byte for byte, in the same order): put them back with restorePlaceholders',
    );
    // The same tags in another order.
    expect(refusal(template, 'c.alloy.tmpl', templateConfig, 'x = {{ .z }}\ny = {{ .y }}\n')).toContain('does not keep its template tags');
    // A tag never closed: not rewritable at all.
    const unclosed = 'x = {{ .y\n';
    expect(refusal(unclosed, 'c.alloy.tmpl', configOf(unclosed, 'c.alloy.tmpl'), 'x = {{ .y\n')).toBe(
      'template cannot be rewritten safely (a template tag in it is never closed)',
    );
  });

  it('writes a configuration with placeholders whose new text keeps the tags', () => {
    const host = 'extraConfig: |\n  a = {{ .Values.a }}\n  b = "{{ .b }}"\n';
    const config = configOf(host, 'values.yaml');
    expect(replaceEmbedded(host, 'values.yaml', [{ config, newText: 'a   = {{ .Values.a }}\nbb  = "{{ .b }}"\n' }])).toEqual({
      ok: true,
      text: 'extraConfig: |\n  a   = {{ .Values.a }}\n  bb  = "{{ .b }}"\n',
    });
    const template = '{% if x %}\na=1\n{% endif %}\n';
    expect(replaceEmbedded(template, 'c.alloy.j2', [{ config: configOf(template, 'c.alloy.j2'), newText: '{% if x %}\na = 1\n{% endif %}\n' }])).toEqual({
      ok: true,
      text: '{% if x %}\na = 1\n{% endif %}\n',
    });
  });

  it('refuses a configuration taken from another version of the host', () => {
    const host = 'config.alloy: |\n  x = 1\n';
    const config = configOf(host, 'v.yaml');
    expect(refusal('config.alloy: |\n  x = 3\n', 'v.yaml', config, 'x = 2\n')).toBe(
      'config.alloy is not in this host text any more; extract it again',
    );
  });

  it('refuses a first line starting with a space when YAML detects the indentation', () => {
    const host = 'config.alloy: |\n  x = 1\n';
    expect(refusal(host, 'v.yaml', configOf(host, 'v.yaml'), '  x = 1\n')).toContain(
      "would change the block scalar's detected indentation",
    );
  });

  it('refuses texts that are empty or end with blank lines', () => {
    const host = 'config.alloy: |\n  x = 1\n';
    const config = configOf(host, 'v.yaml');
    expect(refusal(host, 'v.yaml', config, '\n\n')).toContain('is empty');
    expect(refusal(host, 'v.yaml', config, 'x = 1\n\n')).toContain('ends with blank lines');
  });

  it('refuses a text that would close a Markdown fence early', () => {
    const host = '```alloy\na = 1\n```\n';
    expect(refusal(host, 'r.md', configOf(host, 'r.md'), 'a = 1\n```\nb = 2\n')).toMatch(
      /^the (result would not hold the same configurations|new text of fence at line 1 would not read back)/,
    );
  });

  it('refuses replacing the same configuration twice', () => {
    const host = 'config.alloy: |\n  x = 1\n';
    const config = configOf(host, 'v.yaml');
    const outcome = replaceEmbedded(host, 'v.yaml', [
      { config, newText: 'x = 2\n' },
      { config, newText: 'x = 3\n' },
    ]);
    expect(outcome).toEqual({ ok: false, reason: 'config.alloy is replaced twice' });
  });
});
