import fc from 'fast-check';
import { Parser, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { restoreBlockScalars, shortenBlockScalars } from '../src/block-scalar.js';
import { rewriteInfoOf } from '../src/rewrite-info.js';
import type { Extraction, ExtractOptions } from '../src/index.js';
import { readYaml } from '../src/yaml.js';
import { fixture } from './helpers.js';

// readYaml composes documents from block scalars shortened to their first content line (yaml's
// value of a large scalar is most of the work) and reads their lines itself. These tests hold it
// to composing in full, yaml's own reading: the same extraction, offsets, problems and validity.

/** Everything an extraction tells, the mappings at every offset included. */
function snapshot(extraction: Extraction): unknown {
  return {
    kind: extraction.kind,
    hostIsValid: extraction.hostIsValid,
    problems: extraction.problems,
    configs: extraction.configs.map((config) => {
      const toHost: number[] = [];
      for (let offset = -1; offset <= config.text.length + 1; offset++) toHost.push(config.toHostOffset(offset));
      const toEmbedded: Array<number | undefined> = [];
      for (let offset = config.hostRange.start - 2; offset <= config.hostRange.end + 2; offset++) toEmbedded.push(config.toEmbeddedOffset(offset));
      const info = rewriteInfoOf(config);
      return {
        text: config.text,
        label: config.label,
        hostRange: config.hostRange,
        placeholders: config.placeholders,
        rewritable: config.rewritable,
        toHost,
        toEmbedded,
        info: info && { lines: info.lines.map((line) => ({ ...line })), indentation: info.indentation, explicit: info.explicitIndentation },
      };
    }),
  };
}

function expectSameAsFull(host: string, options: ExtractOptions = {}): Extraction {
  const extraction = readYaml(host, options);
  expect(snapshot(extraction)).toEqual(snapshot(readYaml(host, options, { compose: 'full' })));
  return extraction;
}

const yamlValid = (host: string): boolean => {
  const documents = parseAllDocuments(host);
  return Array.from(documents).every((document) => document.errors.length === 0) && !('empty' in documents && documents.errors.length > 0);
};

/** Values files: block scalars of every header under configured keys, with odd lines. */
const blockScalar = fc
  .record({
    key: fc.constantFrom('K.alloy', 'KExtraConfig', 'K:\n  - x.alloy', '# language=alloy\nK', 'K:\n  config.alloy', 'K:\n  -', '? K', 'K'),
    props: fc.constantFrom('', '', '', '&a ', '!!str ', '!!binary ', '!x '),
    header: fc.constantFrom('|', '|', '|', '|-', '|+', '|2', '|3-', '|1', '>', '|0', '|+-', '| # c'),
    lines: fc.array(
      fc.tuple(fc.constantFrom('a = 1', 'b = "x"', '  c', '\tt', '{{ x }}', '{{', '', '', '  ', '\t', ' \t', 'x\r', '\r', 'é', '- d', 'k: v'), fc.nat({ max: 3 })),
      { maxLength: 10 },
    ),
    lead: fc.nat({ max: 2 }),
    fewer: fc.nat({ max: 6 }),
  })
  .map(({ key, props, header, lines, lead, fewer }) => (index: number) => {
    const depth = key.includes('- x') ? 6 : key.includes('-') ? 4 : key.includes('\n  ') ? 4 : 2;
    const keyText = key.replace('K', `k${index}`);
    const separator = keyText.endsWith('-') ? ' ' : ': ';
    const content = lines.map(([piece, more], line) => {
      if (piece === '') return ' '.repeat(more * 3);
      // Now and then a line less indented than the first.
      const spaces = depth + lead + (line === 0 ? 0 : line === fewer ? -1 - (more % 3) : more);
      return ' '.repeat(Math.max(0, spaces)) + piece;
    });
    return [`${keyText}${separator}${props}${header}`, ...content].join('\n');
  });
const others = fc.constantFrom<(index: number) => string>(
  () => 'k: v',
  () => '# c',
  () => '---',
  () => '...',
  (index) => `l${index}:\n  - 1`,
  () => '\tbad: 1',
  () => 'a: *a',
  () => 'k: v: w',
  () => '!!omap\n- a: |\n    x\n    y\n- a: |\n    x\n    z',
  () => '!!set\n? |\n  x\n  y\n? |\n  x\n  z',
  () => '- |\n  y\n  z\n- |\n  y\n  w',
  () => '--- |\n  r\n  s\n',
  () => '--- !!str |\n  r\n  s\n',
  () => 'a: 1\na: 2',
  () => ' x: 1',
);
const valuesText = fc
  .tuple(
    fc.array(fc.oneof({ weight: 5, arbitrary: blockScalar }, others), { minLength: 1, maxLength: 6 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([blocks, lineBreak, finalBreak]) => blocks.map((block, index) => block(index)).join('\n').replace(/\n/g, lineBreak) + (finalBreak ? lineBreak : ''));

describe('YAML composed from shortened block scalars', { timeout: 60_000 }, () => {
  it('gives what composing in full gives, and the host is valid when yaml finds no error', () => {
    fc.assert(
      fc.property(valuesText, fc.boolean(), (host, templatePlaceholders) => {
        const extraction = expectSameAsFull(host, { templatePlaceholders, yamlKeys: ['*.alloy', '*ExtraConfig', 'config.alloy', 'x.alloy'] });
        expect(extraction.hostIsValid).toBe(yamlValid(host));
      }),
      { numRuns: 1500 },
    );
  });

  it('gives what composing in full gives on the fixtures, with CRLF too', () => {
    for (const name of ['alloy-chart-values.yaml', 'k8s-monitoring-values.yaml', 'configmap.yaml', 'multi-document.yaml']) {
      const text = fixture(name);
      expect(expectSameAsFull(text).configs.length).toBeGreaterThan(0);
      expectSameAsFull(text.replace(/\n/g, '\r\n'));
    }
  });

  it('shortens values, not keys or tagged nodes, and restores the tokens', () => {
    const host = [
      'a.alloy: |',
      '  x = 1',
      '  y = 2',
      'list:',
      '  - |',
      '    z = 3',
      '    w = 4',
      '? |',
      '  key',
      '  lines',
      ': v',
      'tagged: !!str |',
      '  t = 1',
      '  u = 2',
      'set: !!set',
      '  ? a',
      'one.alloy: |',
      '  single line',
      '',
    ].join('\n');
    const tokens = Array.from(new Parser().parse(host));
    const before = JSON.stringify(tokens);
    const shortened = shortenBlockScalars(tokens);
    const byOffset = [...shortened].sort(([a], [b]) => a.offset - b.offset);
    expect(byOffset.map(([, { source }]) => source)).toEqual(['  x = 1\n  y = 2\n', '    z = 3\n    w = 4\n', '  single line\n']);
    expect(byOffset.map(([token]) => token.source)).toEqual(['  x = 1', '    z = 3', '  single line']);
    expect(byOffset.map(([, { removed }]) => removed)).toEqual([9, 11, 1]);
    restoreBlockScalars(shortened);
    expect(JSON.stringify(tokens)).toBe(before);
    expectSameAsFull(host);
  });

  it('reports the errors after a shortened scalar where yaml does', () => {
    const host = 'config.alloy: |\n  a = 1\n  b = 2\n  c = 3\nbad: [\nnext: 1\n  more: 2\n';
    const extraction = expectSameAsFull(host);
    expect(extraction.hostIsValid).toBe(false);
    const errors = parseAllDocuments(host, { prettyErrors: false }).flatMap((document) => ('errors' in document ? document.errors : []));
    expect(extraction.problems.map((problem) => [problem.range.start, problem.message])).toEqual(
      errors.map((error) => [error.pos[0], `invalid YAML: ${error.message}`]),
    );
  });

  it('reads the value yaml reads: tab lines before the first line, explicit indentation, CRLF, keep chomping', () => {
    for (const host of [
      'config.alloy: |\n  \t\n  a = 1\n  b = 2\n',
      'config.alloy: |\n \t\n  a = 1\n  b = 2\n',
      'config.alloy: |\n      \t\n  a = 1\n  b = 2\n',
      'config.alloy: |\n\n\n    a = 1\n    b = 2\n\n',
      'config.alloy: |4\n      a = 1\n    b = 2\n     c = 3\n',
      'config.alloy: |1\n   a = 1\n b = 2\n',
      'config.alloy: |+\r\n  a = 1\r\n  b = 2\r\n\r\n  \r\n',
      'config.alloy: |-\n  a = 1\n  b = 2\r',
      'config.alloy: |\n  a = 1\n  b = 2 # not a comment\n  \t\n',
      'k:\n  config.alloy: |\n    a = 1\n      b = 2\n    c\n',
    ]) {
      expectSameAsFull(host);
    }
  });
});
