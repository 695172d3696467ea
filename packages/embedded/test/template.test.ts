import { describe, expect, it } from 'vitest';
import { extractFromTemplate, maskTemplatePlaceholders, type TemplateFlavor } from '../src/index.js';
import { syntaxProblems } from './helpers.js';

/** Masks `text` and checks the invariants every masking keeps: same length, line breaks only where they were. */
function mask(text: string, flavor: TemplateFlavor): { text: string; tags: string[] } {
  const masked = maskTemplatePlaceholders(text, flavor);
  expect(masked.text).toHaveLength(text.length);
  for (let offset = 0; offset < text.length; offset++) {
    if (masked.text[offset] === '\n') expect(text[offset]).toBe('\n');
  }
  // Outside the placeholders nothing changes.
  let previousEnd = 0;
  for (const placeholder of masked.placeholders) {
    expect(masked.text.slice(previousEnd, placeholder.start)).toBe(text.slice(previousEnd, placeholder.start));
    previousEnd = placeholder.end;
  }
  expect(masked.text.slice(previousEnd)).toBe(text.slice(previousEnd));
  return { text: masked.text, tags: masked.placeholders.map((range) => text.slice(range.start, range.end)) };
}

describe('placeholders that parse (@alloy-toolkit/syntax)', () => {
  const parsing: Array<[string, TemplateFlavor, string, string[]]> = [
    [
      'a value',
      'go',
      'prometheus.remote_write "default" {\n  endpoint {\n    url = {{ .Values.url | quote }}\n  }\n}\n',
      ['{{ .Values.url | quote }}'],
    ],
    ['a string label', 'go', 'prometheus.scrape "{{ .name }}" {\n  targets = []\n  forward_to = []\n}\n', ['{{ .name }}']],
    [
      'a reference part',
      'go',
      'prometheus.scrape "x" {\n  targets    = []\n  forward_to = [prometheus.remote_write.{{ .name }}.receiver]\n}\n',
      ['{{ .name }}'],
    ],
    ['a block name part', 'go', 'prometheus.exporter.{{ .kind }} "default" { }\n', ['{{ .kind }}']],
    [
      'part of an identifier',
      'jinja',
      'local.file "cfg_{{ env }}" {\n  filename = "/etc/{{ env }}.txt"\n}\nx = prefix_{{ env }}\n',
      ['{{ env }}', '{{ env }}', '{{ env }}'],
    ],
    [
      'a whole-line block',
      'go',
      'prometheus.remote_write "default" {\n  {{ include "endpoints" . | nindent 2 }}\n  external_labels = {}\n}\n',
      ['{{ include "endpoints" . | nindent 2 }}'],
    ],
    [
      'a Jinja loop around a block',
      'jinja',
      '{% for job in jobs %}\nprometheus.scrape "{{ job.name }}" {\n  targets    = {{ job.targets | to_json }}\n  forward_to = []\n}\n{% endfor %}\n',
      ['{% for job in jobs %}', '{{ job.name }}', '{{ job.targets | to_json }}', '{% endfor %}'],
    ],
    [
      'Jinja whitespace control, conditions and comments',
      'jinja',
      '{%- if tls -%}\n{#- the certificate -#}\ntls_config { ca_file = "{{ ca }}" }\n{%- else %}\ninsecure = true\n{%- endif %}\n',
      ['{%- if tls -%}', '{#- the certificate -#}', '{{ ca }}', '{%- else %}', '{%- endif %}'],
    ],
    [
      'a Terraform loop',
      'terraform',
      '%{ for name, url in endpoints ~}\nprometheus.remote_write "${name}" {\n  endpoint { url = "${url}" }\n}\n%{ endfor ~}\n',
      ['%{ for name, url in endpoints ~}', '${name}', '${url}', '%{ endfor ~}'],
    ],
    ['a Terraform value', 'terraform', 'x = ${jsonencode(var.x)}\ny = ${ {a = 1}["a"] }\n', ['${jsonencode(var.x)}', '${ {a = 1}["a"] }']],
    [
      'tags in comments',
      'go',
      '// rendered for {{ .Release.Name }}\n/* {{ if .x }} */\nlogging { }\n',
      ['{{ .Release.Name }}', '{{ if .x }}'],
    ],
    ['a tag in a raw string', 'go', 'x = `line one\n{{ .two }}\nline three`\n', ['{{ .two }}']],
    [
      'quotes inside a tag do not open Alloy strings',
      'go',
      'a = {{ "x\\"y" }}\nb = "{{ printf "%s" "}}" }}"\n',
      ['{{ "x\\"y" }}', '{{ printf "%s" "}}" }}'],
    ],
    ['a comment action holding anything', 'go', '{{/* a "quote and }} braces */}}\nlogging { }\n', ['{{/* a "quote and }} braces */}}']],
    [
      'a multi-line action standing for a value',
      'go',
      'x = {{ toJson\n      .Values.targets }}\ny = 1\n',
      ['{{ toJson\n      .Values.targets }}'],
    ],
    [
      'a multi-line action alone on its lines',
      'go',
      '{{- range $name, $job :=\n    .Values.jobs }}\nlogging { }\n{{- end }}\n',
      ['{{- range $name, $job :=\n    .Values.jobs }}', '{{- end }}'],
    ],
    [
      'several tags on one line',
      'jinja',
      'logging {\n  {% if debug %}{# on #}{% endif %}\n}\n',
      ['{% if debug %}', '{# on #}', '{% endif %}'],
    ],
    ['Jinja braces inside an expression', 'jinja', 'x = {{ {"a": {"b": 1}}["a"] | to_json }}\n', ['{{ {"a": {"b": 1}}["a"] | to_json }}']],
  ];
  for (const [what, flavor, text, tags] of parsing) {
    it(`${what} (${flavor})`, () => {
      const masked = mask(text, flavor);
      expect(masked.tags).toEqual(tags);
      expect(syntaxProblems(masked.text)).toEqual([]);
    });
  }
});

describe('masking', () => {
  it('writes x inside strings and comments, newlines included', () => {
    expect(mask('a = "{{ .x }}"\n', 'go').text).toBe('a = "xxxxxxxx"\n');
    expect(mask('// {{ a\nb }}\n', 'go').text).toBe('// xxxxxxxxx\n');
  });

  it('writes a block comment for a tag alone on its line, keeping its line breaks', () => {
    expect(mask('  {% if x %}  \n', 'jinja').text).toBe('  /*xxxxxx*/  \n');
    expect(mask('{{- range\n .x }}\n', 'go').text).toBe('/*xxxxxxx\nxxxx*/\n');
  });

  it('writes an identifier elsewhere, and a comment after it for a tag spanning lines', () => {
    expect(mask('a = {{ .x }}\n', 'go').text).toBe('a = ________\n');
    expect(mask('a = {{ .x\n }}\n', 'go').text).toBe('a = _/*xx\nx*/\n');
    expect(mask('a = {{\n.x }}\n', 'go').text).toBe('a = /*\nxx*/_\n');
  });

  it('leaves Terraform escapes and Jinja raw blocks as text', () => {
    expect(mask('a = "$${x} %%{y}"\n', 'terraform')).toEqual({ text: 'a = "$${x} %%{y}"\n', tags: [] });
    expect(mask('{% raw %}a = "{{ x }}"{% endraw %}\n', 'jinja').tags).toEqual(['{% raw %}', '{% endraw %}']);
  });

  it('finds only the tags of the flavor', () => {
    expect(mask('a = "${x} {% y %}"\n', 'go').tags).toEqual([]);
    expect(mask('a = "{{ x }}"\n', 'terraform').tags).toEqual([]);
    expect(mask('a = "${x}"\n', 'jinja').tags).toEqual([]);
  });

  it('gives exact placeholder ranges', () => {
    expect(maskTemplatePlaceholders('a = {{ x }}\nb = "{{ y }}"\n', 'go').placeholders).toEqual([
      { start: 4, end: 11 },
      { start: 17, end: 24 },
    ]);
  });
});

describe('template files', () => {
  it('report a tag that is never closed, leave it as text and are then not rewritable', () => {
    const text = 'logging { }\nx = {{ .Values.x\n';
    const extraction = extractFromTemplate(text, 'go');
    expect(extraction.problems).toEqual([
      {
        code: 'alloy-lint/unclosed-template-tag',
        severity: 'error',
        message: 'template tag opened here is never closed; the text after it is checked as Alloy',
        range: { start: text.indexOf('{{'), end: text.indexOf('{{') + 2 },
      },
    ]);
    expect(extraction.configs[0]!.text).toBe(text);
    expect(extraction.configs[0]!.rewritable).toBe(false);
  });

  it('are rewritable with or without placeholders, unless a tag is never closed', () => {
    expect(extractFromTemplate('logging { }\n', 'jinja').configs[0]!.rewritable).toBe(true);
    expect(extractFromTemplate('x = {{ y }}\n', 'jinja').configs[0]!.rewritable).toBe(true);
    expect(extractFromTemplate('x = {{ y\n', 'jinja').configs[0]!.rewritable).toBe(false);
  });

  it('map offsets unchanged, and placeholders touch what touches them', () => {
    const [config] = extractFromTemplate('x = ${y}\n', 'terraform').configs;
    expect(config!.toHostOffset(5)).toBe(5);
    expect(config!.toEmbeddedOffset(9)).toBe(9);
    expect(config!.toEmbeddedOffset(10)).toBeUndefined();
    expect(config!.overlapsPlaceholder(0, 4)).toBe(true);
    expect(config!.overlapsPlaceholder(8, 9)).toBe(true);
    expect(config!.overlapsPlaceholder(9, 9)).toBe(false);
    expect(config!.overlapsPlaceholder(0, 3)).toBe(false);
  });
});
