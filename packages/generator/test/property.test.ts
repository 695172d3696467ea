import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, type Attribute, type Block, type Expression, type ObjectExpr } from '@alloy-toolkit/syntax';
import { formatAlloy } from 'prettier-plugin-alloy';
import { config, knownUnixCollectors, nodeExporter, printFile, remoteWrite, renderConfig } from '../src/index.js';

const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,12}$/).filter((name) => !name.startsWith('__') && name !== 'instance' && name !== 'environment');
const labelValue = fc.string({ minLength: 1, maxLength: 20, unit: 'binary' }).filter((value) => !/[\uD800-\uDFFF]/.test(value));

function externalLabels(text: string): Map<string, Expression> {
  const result = parse(text);
  expect(result.diagnostics).toEqual([]);
  const remote = result.file.body.find((statement): statement is Block => statement.type === 'Block' && statement.fullName === 'prometheus.remote_write');
  const attribute = remote?.body.find((statement): statement is Attribute => statement.type === 'Attribute' && statement.name === 'external_labels');
  const object = attribute?.value as ObjectExpr;
  return new Map(object.fields.map((entry) => [entry.key.name, entry.value]));
}

describe('generated configs for arbitrary inputs', () => {
  it('label values of any characters round-trip through the parser, and the output is canonical', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(labelName, labelValue), { selector: ([name]) => name, maxLength: 6 }), (pairs) => {
        const write = remoteWrite({ url: 'https://prometheus.example.com/api/v1/write', externalLabels: Object.fromEntries(pairs) });
        const printed = printFile(config(nodeExporter({ forwardTo: [write.receiver] }), write));
        expect(formatAlloy(printed)).toBe(printed);
        const labels = externalLabels(printed);
        for (const [name, value] of pairs) {
          const expression = labels.get(name);
          expect(expression?.type === 'Literal' ? expression.value : undefined).toBe(value);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('any subset of the schema collectors and any Go duration give a canonical, parseable config', () => {
    const duration = fc
      .tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom('ms', 's', 'm', 'h'))
      .map(([amount, unit]) => `${amount}${unit}`);
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...knownUnixCollectors()), { maxLength: 12 }), duration, (collectors, interval) => {
        const write = remoteWrite({ url: 'http://localhost:9009/api/v1/push' });
        const text = renderConfig(
          config(nodeExporter({ enableCollectors: collectors, scrapeInterval: interval, forwardTo: [write.receiver] }), write),
        );
        expect(parse(text).diagnostics).toEqual([]);
        expect(formatAlloy(text)).toBe(text);
        expect(text).toContain(`scrape_interval = "${interval}"`);
        for (const name of collectors) expect(text).toContain(`\t\t"${name}",\n`);
      }),
      { numRuns: 200 },
    );
  });
});
