import { parse, reparse } from '@alloy-toolkit/syntax';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/index.js';

const text = [
  'prometheus.exporter.unix "node" {',
  '}',
  '',
  'prometheus.scrape "scrape" {',
  '  targets    = prometheus.exporter.unix.node.targets',
  '  forward_to = [prometheus.remote_write.missing.receiver]',
  '  bogus      = 1',
  '}',
  '',
].join('\n');

describe('checkText with a parse the caller has', () => {
  it('uses that parse instead of parsing again and finds the same diagnostics', () => {
    const given = parse(text);
    const withParse = checkText(text, { parse: given });
    expect(withParse.model.parse).toBe(given);
    const fresh = checkText(text);
    expect(fresh.model.parse).not.toBe(given);
    expect(withParse.diagnostics.length).toBeGreaterThan(0);
    expect(withParse.diagnostics).toEqual(fresh.diagnostics);
  });

  it('gives the same diagnostics for an incremental re-parse as for the new text alone', () => {
    const change = { startOffset: text.indexOf('bogus'), endOffset: text.indexOf('bogus') + 5, text: 'job_name' };
    const next = reparse(text, parse(text), change);
    expect(next.incremental).toBe(true);
    const checked = checkText(next.text, { parse: next.result });
    expect(checked.model.parse).toBe(next.result);
    expect(checked.diagnostics).toEqual(checkText(next.text).diagnostics);
    expect(checked.diagnostics.map((diagnostic) => diagnostic.code)).not.toContain('alloy/unknown-argument');
  });
});
