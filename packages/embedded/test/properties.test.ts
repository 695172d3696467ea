import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  extractEmbedded,
  maskTemplatePlaceholders,
  replaceEmbedded,
  type EmbeddedConfig,
  type Extraction,
  type TemplateFlavor,
} from '../src/index.js';

const fileNames = ['values.yaml', 'README.md', 'config.alloy.j2', 'config.alloy.tmpl', 'config.alloy.tftpl', 'config.alloy'];

/** The invariants every extraction keeps, whatever the input. */
function checkExtraction(host: string, extraction: Extraction): void {
  for (const problem of extraction.problems) {
    expect(problem.range.start).toBeGreaterThanOrEqual(0);
    expect(problem.range.start).toBeLessThanOrEqual(problem.range.end);
    expect(problem.range.end).toBeLessThanOrEqual(host.length);
  }
  for (const config of extraction.configs) checkMapping(host, config);
}

function checkMapping(host: string, config: EmbeddedConfig): void {
  let previous = -1;
  for (let offset = 0; offset <= config.text.length; offset++) {
    const hostOffset = config.toHostOffset(offset);
    expect(hostOffset).toBeGreaterThan(previous);
    expect(hostOffset).toBeLessThanOrEqual(host.length);
    expect(config.toEmbeddedOffset(hostOffset)).toBe(offset);
    const character = config.text[offset];
    // Outside placeholders, the text is the host's text (line breaks stand for `\n` or `\r\n`).
    if (character !== undefined && character !== '\n' && !config.overlapsPlaceholder(offset, offset)) {
      expect(host[hostOffset]).toBe(character);
    }
    previous = hostOffset;
  }
  expect(config.hostRange.start).toBeLessThanOrEqual(config.toHostOffset(0));
  expect(config.hostRange.end).toBe(config.toHostOffset(config.text.length));
  for (let hostOffset = config.hostRange.start; hostOffset <= config.hostRange.end; hostOffset++) {
    const embedded = config.toEmbeddedOffset(hostOffset);
    if (embedded !== undefined) expect(config.toHostOffset(embedded) === hostOffset || host[hostOffset - 1] === '\r').toBe(true);
  }
}

/** Text made of pieces that YAML, Markdown and templates care about, so that the shapes arise often. */
const pieces = fc.constantFrom(
  'config.alloy: |',
  'extraConfig: |-',
  '  logsExtraConfig: |+',
  'data:',
  '  config.alloy: |2',
  '  content: &cfg |',
  '  x.alloy: *cfg',
  '# language=alloy',
  '- |',
  '  - |',
  '  a = 1',
  '    b = "{{ .x }}"',
  '      c = [',
  '  ',
  '    ',
  '',
  '\t',
  ' \t x',
  '---',
  '```alloy',
  '   ~~~river',
  '```',
  '{% if x %}',
  '%{ for a in b }',
  '${x}',
  'k: >',
  'k: "q"',
  'alloy:',
  '  configMap:',
  '    content: |',
  '\uFEFF',
  '\u0000',
  'é',
);
const structuredText = fc
  .tuple(fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 14 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, lineBreak, finalBreak]) => lines.join(lineBreak) + (finalBreak ? lineBreak : ''));

/** YAML shaped like values files: keys with block scalars of every header, content, blank lines, noise. */
const blockScalar = fc
  .record({
    parentIndent: fc.constantFrom(0, 2),
    key: fc.constantFrom('config.alloy', 'extraConfig', '"x.alloy"', 'other', '- ', '# language=alloy\n- '),
    props: fc.constantFrom('', '', '&a ', '!!str '),
    header: fc.constantFrom('|', '|', '|-', '|+', '|2', '|-1', '|3+', '>'),
    comment: fc.constantFrom('', '', ' # note'),
    extra: fc.nat({ max: 3 }),
    lines: fc.array(
      fc.record({
        piece: fc.constantFrom('a = 1', 'b = "x"', '  c', '\tt', '{{ x }}', '# not a comment', '- item', 'key: v', '', '', 'é'),
        more: fc.nat({ max: 3 }),
        fewer: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
    trailing: fc.array(fc.constantFrom('', '  ', '      '), { maxLength: 2 }),
  })
  .map(({ parentIndent, key, props, header, comment, extra, lines, trailing }) => {
    const lead = ' '.repeat(parentIndent);
    const keyText = key.endsWith(' ') ? key.replace(/^/gm, lead) : `${lead}${key}: `;
    const parent = parentIndent > 0 ? 'parent:\n' : '';
    const content = lines.map(({ piece, more, fewer }) =>
      piece === '' ? ' '.repeat(more) : ' '.repeat(Math.max(0, parentIndent + 2 + extra + (fewer ? -1 : more % 2))) + piece,
    );
    return [`${parent}${keyText}${props}${header}${comment}`, ...content, ...trailing].join('\n');
  });
const yamlText = fc
  .tuple(
    fc.array(
      fc.oneof({ weight: 4, arbitrary: blockScalar }, fc.constantFrom('k: v', '# comment', '---', 'list:\n  - 1', 'a: *a', '\tbad: 1')),
      { minLength: 1, maxLength: 5 },
    ),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([blocks, lineBreak, finalBreak]) => blocks.join('\n').replace(/\n/g, lineBreak) + (finalBreak ? lineBreak : ''));

describe('properties', { timeout: 60_000 }, () => {
  it('any text, any kind: no throw, problems inside the text, mappings monotonic and round-tripping', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 120 }), structuredText, yamlText),
        fc.constantFrom(...fileNames),
        (host, fileName) => {
          checkExtraction(host, extractEmbedded(fileName, host));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('YAML: the host is valid exactly when yaml itself finds no error (duplicate keys included)', () => {
    const duplicates = fc
      .array(
        fc.constantFrom(
          'a: 1',
          'b: 2',
          'a: 3',
          '- a: 1\n  a: 2',
          '{a: 1, a: 2}',
          '{1: x, "1": y}',
          '[{b: 1}, {b: 2}]',
          '? [a]\n: 1',
          'c:\n  a: 1\n  a: 1',
        ),
        { maxLength: 5 },
      )
      .map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(fc.oneof(yamlText, structuredText, duplicates), (host) => {
        const documents = parseAllDocuments(host);
        const yamlValid =
          Array.from(documents).every((document) => document.errors.length === 0) && !('empty' in documents && documents.errors.length > 0);
        expect(extractEmbedded('values.yaml', host).hostIsValid).toBe(yamlValid);
      }),
      { numRuns: 1500 },
    );
  });

  it('YAML: replacing every rewritable configuration by its own text gives the host back', () => {
    fc.assert(
      fc.property(fc.oneof(yamlText, structuredText), (host) => {
        for (const fileName of ['values.yaml', 'README.md']) {
          const extraction = extractEmbedded(fileName, host, { templatePlaceholders: false });
          if (!extraction.hostIsValid) continue;
          const replacements = extraction.configs.filter((config) => config.rewritable).map((config) => ({ config, newText: config.text }));
          if (replacements.length === 0) continue;
          expect(replaceEmbedded(host, fileName, replacements, { templatePlaceholders: false })).toEqual({ ok: true, text: host });
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('YAML: a new text is either refused or reads back exactly, with the bytes around it unchanged', () => {
    const newLine = fc.constantFrom('a = 1', '', '  b = [', '\tc = "d"', ' ', '```', '#x', '{{ x }}', '- |', 'é');
    const newText = fc.array(newLine, { minLength: 1, maxLength: 6 }).map((lines) => `${lines.join('\n')}\n`);
    fc.assert(
      fc.property(fc.oneof(yamlText, structuredText), newText, (host, text) => {
        for (const fileName of ['values.yaml', 'README.md']) {
          const extraction = extractEmbedded(fileName, host, { templatePlaceholders: false });
          const config = extraction.configs.find((candidate) => candidate.rewritable);
          if (!extraction.hostIsValid || config === undefined) continue;
          const outcome = replaceEmbedded(host, fileName, [{ config, newText: text }], { templatePlaceholders: false });
          if (!outcome.ok) continue;
          const index = extraction.configs.indexOf(config);
          const after = extractEmbedded(fileName, outcome.text, { templatePlaceholders: false }).configs[index]!;
          const endsWithBreak = config.text.endsWith('\n');
          expect(after.text).toBe(endsWithBreak ? text : text.slice(0, -1));
          expect(outcome.text.slice(0, config.hostRange.start)).toBe(host.slice(0, config.hostRange.start));
          const tail = host.slice(config.toHostOffset(config.text.length - (endsWithBreak ? 1 : 0)));
          expect(outcome.text.endsWith(tail)).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('masking keeps the length and every character outside the placeholders', () => {
    const templateText = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            '{{ x }}',
            '{{- "}}" -}}',
            '{% if %}',
            '{# c #}',
            '${a}',
            '%{ b }',
            '$${',
            '"',
            '`',
            '//',
            '/*',
            '*/',
            '\n',
            '{{',
            '}}',
            '{',
            '}',
          ),
          fc.string({ maxLength: 4 }),
        ),
        { maxLength: 20 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(templateText, fc.constantFrom<TemplateFlavor>('go', 'jinja', 'terraform'), (text, flavor) => {
        const masked = maskTemplatePlaceholders(text, flavor);
        expect(masked.text).toHaveLength(text.length);
        let previousEnd = 0;
        for (const placeholder of masked.placeholders) {
          expect(placeholder.start).toBeGreaterThanOrEqual(previousEnd);
          expect(placeholder.end).toBeGreaterThan(placeholder.start);
          expect(masked.text.slice(previousEnd, placeholder.start)).toBe(text.slice(previousEnd, placeholder.start));
          previousEnd = placeholder.end;
        }
        expect(masked.text.slice(previousEnd)).toBe(text.slice(previousEnd));
      }),
      { numRuns: 1500 },
    );
  });
});
