import fc from 'fast-check';
import { parse } from '@alloy-toolkit/syntax';
import { formatAlloy } from 'prettier-plugin-alloy';
import { describe, expect, it } from 'vitest';
import {
  extractEmbedded,
  indentLike,
  maskTemplatePlaceholders,
  replaceEmbedded,
  restorePlaceholders,
  type EmbeddedConfig,
  type TemplateFlavor,
} from '../src/index.js';

/** What a caller does: format the masked text (YAML: with the configuration's spaces), put the tags back, write. */
function formatHost(host: string, fileName: string): { ok: true; text: string } | { ok: false; reason: string } {
  const extraction = extractEmbedded(fileName, host);
  const replacements: { config: EmbeddedConfig; newText: string }[] = [];
  for (const config of extraction.configs) {
    let formatted = formatAlloy(config.text);
    if (extraction.kind === 'yaml') formatted = indentLike(formatted, config.text);
    if (formatted === config.text) continue;
    const restored = restorePlaceholders(config, formatted);
    if (!restored.ok) return restored;
    replacements.push({ config, newText: restored.text });
  }
  return replaceEmbedded(host, fileName, replacements);
}

function formatted(host: string, fileName: string): string {
  const outcome = formatHost(host, fileName);
  if (!outcome.ok) throw new Error(outcome.reason);
  // A second format is a no-op.
  expect(formatHost(outcome.text, fileName)).toEqual({ ok: true, text: outcome.text });
  return outcome.text;
}

/** The template tags of a text, in order. */
function tagsOf(text: string, flavor: TemplateFlavor): string[] {
  return maskTemplatePlaceholders(text, flavor).placeholders.map((range) => text.slice(range.start, range.end));
}

describe('restorePlaceholders: formatting that keeps the template tags', () => {
  it('Helm values: a tag as a value, inside a string label, whole-line if/end and a multi-line include; only the Alloy around them changes', () => {
    const host = [
      'alloy:',
      '  configMap:',
      '    content: |-',
      '      prometheus.scrape "{{ .Release.Name }}_pods" {',
      '          targets = discovery.kubernetes.pods.targets',
      '        job_name = {{ .Values.jobName | quote }}',
      '        forward_to = [prometheus.remote_write.default.receiver]',
      '        {{- if .Values.interval }}',
      '        scrape_interval="{{ .Values.interval }}"',
      '        {{- end }}',
      '      }',
      '      {{- include "alloy.extraBlocks"',
      '            (dict "ctx" .) | nindent 0 }}',
      '      logging {',
      '      level = "info"',
      '      }',
      '  clustering:',
      '    enabled: false',
      '',
    ].join('\n');
    const after = formatted(host, 'values.yaml');
    expect(after).toBe(
      [
        'alloy:',
        '  configMap:',
        '    content: |-',
        '      prometheus.scrape "{{ .Release.Name }}_pods" {',
        '        targets    = discovery.kubernetes.pods.targets',
        '        job_name   = {{ .Values.jobName | quote }}',
        '        forward_to = [prometheus.remote_write.default.receiver]',
        '        {{- if .Values.interval }}',
        '        scrape_interval = "{{ .Values.interval }}"',
        '        {{- end }}',
        '      }',
        '      {{- include "alloy.extraBlocks"',
        '            (dict "ctx" .) | nindent 0 }}',
        '      logging {',
        '        level = "info"',
        '      }',
        '  clustering:',
        '    enabled: false',
        '',
      ].join('\n'),
    );
    expect(tagsOf(after, 'go')).toEqual(tagsOf(host, 'go'));
  });

  it('a Jinja template with {% for %}, {# #} and {{ }}: the whole file, every tag byte for byte', () => {
    const host = [
      '{# Managed by Ansible: edit the role, not this file #}',
      '{% for job in scrape_jobs %}',
      'prometheus.scrape "{{ job.name }}" {',
      'targets = [{"__address__" = "{{ job.address }}"}]',
      '  forward_to = [prometheus.remote_write.default.receiver]',
      '}',
      '{% endfor %}',
      'prometheus.remote_write "default" {',
      '   endpoint {',
      '      url = {{ remote_write_url | to_json }}',
      '   }',
      '}',
      '',
    ].join('\n');
    const after = formatted(host, 'config.alloy.j2');
    expect(after).toBe(
      [
        '{# Managed by Ansible: edit the role, not this file #}',
        '{% for job in scrape_jobs %}',
        'prometheus.scrape "{{ job.name }}" {',
        '\ttargets    = [{"__address__" = "{{ job.address }}"}]',
        '\tforward_to = [prometheus.remote_write.default.receiver]',
        '}',
        '{% endfor %}',
        'prometheus.remote_write "default" {',
        '\tendpoint {',
        '\t\turl = {{ remote_write_url | to_json }}',
        '\t}',
        '}',
        '',
      ].join('\n'),
    );
    expect(tagsOf(after, 'jinja')).toEqual(tagsOf(host, 'jinja'));
  });

  it('a Terraform template with %{ for } and ${ }', () => {
    const host = '%{ for name, url in endpoints ~}\nloki.write "${name}" {\nendpoint {\nurl = "${url}"\n}\n}\n%{ endfor ~}\nlogging {\nlevel = ${level}\n}\n';
    expect(formatted(host, 'config.alloy.tftpl')).toBe(
      '%{ for name, url in endpoints ~}\nloki.write "${name}" {\n\tendpoint {\n\t\turl = "${url}"\n\t}\n}\n%{ endfor ~}\nlogging {\n\tlevel = ${level}\n}\n',
    );
  });

  it('finds each mask among look-alikes, across commas the formatter drops and keys it re-quotes', () => {
    // "xxxxxxxxxxxx" and ____________ look like the masks of "{{ .x | q }}" and {{ .y | q }}: each tag goes back to its own place.
    const host = 'a {\n  b = ["xxxxxxxxxxxx", "{{ .x | q }}", ____________, {{ .y | q }},]\n  c = {\n    `k` = "{{ .z }}",\n    v = 1,\n  }\n}\n';
    expect(formatted(host, 'c.alloy.tmpl')).toBe(
      'a {\n\tb = ["xxxxxxxxxxxx", "{{ .x | q }}", ____________, {{ .y | q }}]\n\tc = {\n\t\t"k" = "{{ .z }}",\n\t\tv   = 1,\n\t}\n}\n',
    );
  });

  it('puts the tags back into a text changed elsewhere too (a fix applied before formatting)', () => {
    const [config] = extractEmbedded('c.alloy.tmpl', 'a {\n  # note\n  b = {{ .b }}\n}\n').configs;
    const fixed = config!.text.replace('# note', '// note');
    const restored = restorePlaceholders(config!, formatAlloy(fixed));
    expect(restored).toEqual({ ok: true, text: 'a {\n\t// note\n\tb = {{ .b }}\n}\n', placeholders: [{ start: 18, end: 26 }] });
  });

  it('gives a text without placeholders back as it is', () => {
    const [config] = extractEmbedded('values.yaml', 'extraConfig: |\n  a = 1\n').configs;
    expect(restorePlaceholders(config!, 'a = 2\n')).toEqual({ ok: true, text: 'a = 2\n', placeholders: [] });
  });

  it('refuses a tag spanning lines in the middle of a value: the formatter splits its mask', () => {
    const host = 'logging {\n  level = {{ .Values.level\n    | quote }}\n}\n';
    const outcome = formatHost(host, 'config.alloy.tmpl');
    expect(outcome).toEqual({
      ok: false,
      reason:
        'the template tag {{ .Values.level… (spanning lines) (line 2 of template) would be split or moved by formatting (a tag spanning lines in the middle of a value?); write it on one line, or on lines of its own',
      placeholder: { start: 20, end: 51 },
    });
  });

  it('verifies: a tag that would stand somewhere else after formatting is refused', () => {
    const [config] = extractEmbedded('c.alloy.tmpl', 'a = 1\n{{ .x }}\nb = 2\n').configs;
    // As if the formatter had moved the comment standing for the whole-line tag to the end of a line of code.
    const outcome = restorePlaceholders(config!, 'a = 1 /*xxxx*/\nb = 2\n');
    expect(outcome).toEqual({
      ok: false,
      reason:
        'the template tag {{ .x }} (line 2 of template) would stand somewhere else after formatting (alone on its line, or inside a string or comment, where it was not): its meaning would change',
      placeholder: { start: 6, end: 14 },
    });
    // A mask whose text changed, or that is gone.
    expect(restorePlaceholders(config!, 'a = 1\n/*xxxxxx*/\nb = 2\n')).toMatchObject({ ok: false, reason: expect.stringContaining('would be changed by formatting') });
    expect(restorePlaceholders(config!, 'a = 1\nb = 2\n')).toMatchObject({ ok: false, reason: expect.stringContaining('would be changed by formatting') });
  });

  it('refuses a tag never closed, and a configuration it does not know the tags of', () => {
    const [unclosed] = extractEmbedded('c.alloy.tmpl', 'a = {{ .x }}\nb = {{ .y\n').configs;
    expect(restorePlaceholders(unclosed!, unclosed!.text)).toMatchObject({ ok: false, reason: 'a template tag of template (line 2) is never closed: its text cannot be told from the Alloy' });
    const [config] = extractEmbedded('c.alloy.tmpl', 'a = {{ .x }}\n').configs;
    expect(restorePlaceholders({ ...config! }, config!.text)).toMatchObject({ ok: false, reason: expect.stringContaining('are not known here') });
  });
});

// Random valid Alloy, with random template tags inserted at token boundaries.
const names = fc.constantFrom('a', 'b', 'foo', 'bar_baz', 'x1');
const spaces = fc.constantFrom('', ' ', '  ', '\t');
const scalar = fc.oneof(
  fc.integer({ min: 0, max: 999 }).map(String),
  fc.constantFrom('"text"', '"xx"', '`raw`', 'true', 'null', 'env("HOME")', 'a.b.c'),
);
const { value } = fc.letrec<{ value: string; list: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('object')),
  list: fc.tuple(fc.array(tie('value'), { maxLength: 3 }), fc.boolean(), fc.boolean()).map(([items, multiline, trailing]) =>
    multiline ? `[\n${items.map((item) => `${item},`).join('\n')}\n]` : `[${items.join(', ')}${trailing && items.length > 0 ? ',' : ''}]`,
  ),
  object: fc.tuple(fc.array(fc.tuple(fc.constantFrom('k', '"q"', 'k2'), tie('value')), { maxLength: 3 }), fc.boolean()).map(([entries, multiline]) => {
    const unique = entries.filter(([key], index) => entries.findIndex(([other]) => other === key) === index);
    return multiline ? `{\n${unique.map(([key, item]) => `${key} = ${item},`).join('\n')}\n}` : `{${unique.map(([key, item]) => `${key} = ${item}`).join(', ')}}`;
  }),
}));
const attribute = fc.tuple(names, spaces, spaces, value).map(([name, before, after, item]) => `${before}${name}${after}= ${item}`);
const block = fc
  .tuple(fc.constantFrom('logging', 'prometheus.scrape', 'loki.write'), fc.constantFrom('', ' "one"', ' "two"'), fc.uniqueArray(attribute, { maxLength: 4, selector: (line) => line.trim().split(/\s/)[0] }))
  .map(([name, label, attributes]) => `${name}${label} {\n${attributes.join('\n')}\n}`);
const alloyFile = fc.array(block, { minLength: 1, maxLength: 3 }).map((blocks) => `${blocks.join('\n\n')}\n`);

const tagsByFlavor: Record<TemplateFlavor, string[]> = {
  go: ['{{ .Values.x }}', '{{- if .Values.y }}', '{{- end }}', '{{ include "z" . | nindent 2 }}', '{{ .a\n  | quote }}', '{{/* note */}}'],
  jinja: ['{{ x }}', '{% if y %}', '{% endif %}', '{# c #}', '{{ a\n | b }}'],
  terraform: ['${x}', '%{ if y }', '%{ endif }', '${ join(",",\n  z) }'],
};
const hostNames: Record<TemplateFlavor, string> = { go: 'config.alloy.tmpl', jinja: 'config.alloy.j2', terraform: 'config.alloy.tftpl' };

type Mode = 'boundary' | 'line' | 'value' | 'string';

/** Tags to insert: `[place index, tag, how]`. */
const insertions = (flavor: TemplateFlavor) =>
  fc.array(fc.tuple(fc.nat(), fc.constantFrom(...tagsByFlavor[flavor]), fc.constantFrom<Mode>('boundary', 'line', 'value', 'string')), {
    minLength: 1,
    maxLength: 4,
  });

/**
 * The text with the tags inserted: at a token boundary (`boundary`, spaces around), at the start of a
 * line (`line`, alone on a line), instead of a value (`value`) or at the start of a string's text (`string`).
 */
function withTags(text: string, places: ReadonlyArray<readonly [number, string, Mode]>): string {
  const boundaries = [...new Set([0, ...[...text.matchAll(/\S+/g)].flatMap((match) => [match.index, match.index + match[0].length])])].sort((x, y) => x - y);
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((match) => match.index + 1)];
  const values = [...text.matchAll(/(?<== )(?:\d+|true|null|"text"|"xx")/g)].map((match) => ({ at: match.index, length: match[0].length }));
  const strings = [...text.matchAll(/"[^"\n]*"/g)].map((match) => match.index + 1);
  const edits: { at: number; length: number; insert: string }[] = [];
  for (const [index, tag, mode] of places) {
    if (mode === 'value' && values.length > 0) {
      const { at, length } = values[index % values.length]!;
      edits.push({ at, length, insert: tag });
    } else if (mode === 'string' && strings.length > 0) edits.push({ at: strings[index % strings.length]!, length: 0, insert: tag });
    else if (mode === 'line') edits.push({ at: lineStarts[index % lineStarts.length]!, length: 0, insert: `${tag}\n` });
    else edits.push({ at: boundaries[index % boundaries.length]!, length: 0, insert: ` ${tag} ` });
  }
  edits.sort((x, y) => x.at - y.at);
  let result = '';
  let copied = 0;
  for (const { at, length, insert } of edits) {
    if (at < copied) continue; // two edits of one value
    result += text.slice(copied, at) + insert;
    copied = at + length;
  }
  return result + text.slice(copied);
}

describe('restorePlaceholders: property', () => {
  it.each(['go', 'jinja', 'terraform'] as const)(
    '%s: format-then-restore refuses, or gives a text whose masked form parses, whose tags are the originals, and that reads back as the formatted text',
    (flavor) => {
      let restoredCount = 0;
      fc.assert(
        fc.property(alloyFile, insertions(flavor), (file, places) => {
          const template = withTags(file, places);
          const [config] = extractEmbedded(hostNames[flavor], template).configs;
          if (config === undefined || !config.rewritable) return;
          let formattedText: string;
          try {
            formattedText = formatAlloy(config.text);
          } catch {
            return; // the masked text does not parse: nothing to format
          }
          const outcome = restorePlaceholders(config, formattedText);
          if (!outcome.ok) {
            expect(outcome.reason.length).toBeGreaterThan(20);
            return;
          }
          restoredCount++;
          const masked = maskTemplatePlaceholders(outcome.text, flavor);
          expect(masked.text).toBe(formattedText);
          expect(parse(masked.text).diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
          expect(tagsOf(outcome.text, flavor)).toEqual(tagsOf(template, flavor));
          // Extracted again, it is the formatted text; formatted again (when the formatter is idempotent on it), the same.
          const [again] = extractEmbedded(hostNames[flavor], outcome.text).configs;
          expect(again!.text).toBe(formattedText);
          if (formatAlloy(formattedText) === formattedText) expect(restorePlaceholders(again!, formattedText)).toEqual(outcome);
          expect(replaceEmbedded(template, hostNames[flavor], [{ config, newText: outcome.text }])).toEqual({ ok: true, text: outcome.text });
        }),
        { numRuns: 250, seed: 16 },
      );
      // The property is not vacuous.
      expect(restoredCount).toBeGreaterThan(60);
    },
  );

  it('YAML: a restored text goes back into the block scalar and reads back as the formatted masked text', () => {
    fc.assert(
      fc.property(alloyFile, insertions('go'), (file, places) => {
        const alloy = withTags(file, places);
        const host = `alloy:\n  configMap:\n    content: |\n${alloy
          .split('\n')
          .map((line) => (line === '' ? '' : `      ${line}`))
          .join('\n')}`;
        const extraction = extractEmbedded('values.yaml', host);
        const config = extraction.configs[0];
        if (!extraction.hostIsValid || config === undefined || !config.rewritable) return;
        let formattedText: string;
        try {
          formattedText = indentLike(formatAlloy(config.text), config.text);
        } catch {
          return;
        }
        const outcome = restorePlaceholders(config, formattedText);
        if (!outcome.ok) return;
        const replaced = replaceEmbedded(host, 'values.yaml', [{ config, newText: outcome.text }]);
        if (!replaced.ok) {
          // Only the YAML's own limits (a first line starting with a space) may refuse.
          expect(replaced.reason).not.toContain('template tags');
          return;
        }
        expect(extractEmbedded('values.yaml', replaced.text).configs[0]!.text).toBe(formattedText);
      }),
      { numRuns: 150, seed: 16 },
    );
  });
});

describe('the README example of formatting with placeholders', () => {
  it('holds', () => {
    const host = 'extraConfig: |\n  logging {\n  level = {{ .Values.level | quote }}\n  }\n';
    const [config] = extractEmbedded('values.yaml', host).configs;
    const formattedText = indentLike(formatAlloy(config!.text), config!.text);
    expect(formattedText).toBe(`logging {\n  level = ${'_'.repeat(27)}\n}\n`);
    const restored = restorePlaceholders(config!, formattedText);
    expect(restored).toEqual({ ok: true, text: 'logging {\n  level = {{ .Values.level | quote }}\n}\n', placeholders: [{ start: 20, end: 47 }] });
    expect(replaceEmbedded(host, 'values.yaml', [{ config: config!, newText: restored.ok ? restored.text : '' }])).toEqual({
      ok: true,
      text: 'extraConfig: |\n  logging {\n    level = {{ .Values.level | quote }}\n  }\n',
    });
  });
});
