import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '@alloy-toolkit/syntax';
import { applyFixes, checkText, type CheckerDiagnostic } from '../src/index.js';
import { repairGoDuration, sameExceptCase } from '../src/certain-fixes.js';
import { errorsOf, hasShared, sharedMissingNote, sharedRoot } from './helpers.js';

sharedMissingNote('the seed config tests');

/** Applies every fix, re-checks, and returns the new text and diagnostics. */
function fixAndRecheck(text: string, options = {}) {
  const first = checkText(text, { stabilityLevel: 'experimental', ...options });
  const fixed = applyFixes(text, first.diagnostics);
  const second = checkText(fixed.text, { stabilityLevel: 'experimental', ...options });
  return { first: first.diagnostics, fixed, second: second.diagnostics };
}

function seedConfig(): string {
  const seed = readFileSync(path.join(sharedRoot, 'seed/000_882c270745b5df13.txt'), 'utf8');
  const match = /cat <<'EOF' \| sudo tee \/etc\/alloy\/config\.alloy > \/dev\/null\n([\s\S]*?)\nEOF\n/.exec(seed);
  if (!match) throw new Error('seed config not found');
  return `${match[1]}\n`;
}

describe.skipIf(!hasShared)('the seed config', () => {
  it('has no errors', () => {
    const text = seedConfig();
    expect(text).toContain('external_labels');
    expect(errorsOf(checkText(text).diagnostics)).toEqual([]);
  });

  it("gets an error with a fix and a hint for '#' comments", () => {
    const text = seedConfig().replace('// Replace with your Prometheus server URL', '# Replace with your Prometheus server URL');
    const { first, fixed, second } = fixAndRecheck(text);
    const hash = first.find((diagnostic) => diagnostic.code === 'syntax/hash-comment') as CheckerDiagnostic | undefined;
    expect(hash?.severity).toBe('error');
    expect(hash?.message).toMatch(/^illegal character U\+0023 '#'/);
    expect(hash?.hint).toMatch(/\/\//);
    expect(hash?.fix?.edits[0]?.newText).toBe('//');
    expect(fixed.applied).toBeGreaterThanOrEqual(1);
    expect(fixed.text).toContain('// Replace with your Prometheus server URL');
    expect(errorsOf(second)).toEqual([]);
    expect(parse(fixed.text).diagnostics).toEqual([]);
  });

  it('gets the missing-comma error with a fix inserting the comma in external_labels', () => {
    const text = seedConfig().replace('environment   = "prd",', 'environment   = "prd"');
    const { first, fixed, second } = fixAndRecheck(text);
    const comma = first.find((diagnostic) => /missing ','/.test(diagnostic.message));
    expect(comma?.message).toBe("missing ',' in field list");
    expect(comma?.fix?.edits[0]?.newText).toBe(',');
    expect(fixed.text).toBe(seedConfig());
    expect(errorsOf(second)).toEqual([]);
  });

  it('fixes a missing comma followed by a comment', () => {
    const text = seedConfig().replace('environment   = "prd",', 'environment   = "prd" // where');
    const { fixed, second } = fixAndRecheck(text);
    expect(fixed.text).toContain('environment   = "prd", // where');
    expect(errorsOf(second)).toEqual([]);
  });
});

describe('fixes', () => {
  it('replaces a deprecated stdlib name and the warning is gone', () => {
    const { first, fixed, second } = fixAndRecheck('local.file "x" {\n  filename = env("HOME")\n}\n');
    expect(first.map((diagnostic) => diagnostic.code)).toEqual(['alloy/deprecated']);
    expect(fixed.text).toContain('sys.env("HOME")');
    expect(second).toEqual([]);
    expect(parse(fixed.text).diagnostics).toEqual([]);
  });

  it('removes a label from a block that takes none', () => {
    const { fixed, second } = fixAndRecheck('logging "main" {\n  level = "info"\n}\n');
    expect(fixed.text).toBe('logging {\n  level = "info"\n}\n');
    expect(second).toEqual([]);
  });

  it('applies non-overlapping fixes only, each once', () => {
    const text = 'abcdef';
    const at = (offset: number) => ({ offset, line: 1, column: offset + 1 });
    const edit = (start: number, end: number, newText: string) => ({
      code: 'x',
      severity: 'error' as const,
      message: 'x',
      range: { start: at(start), end: at(end) },
      fix: { title: 't', edits: [{ range: { start: at(start), end: at(end) }, newText }] },
    });
    const result = applyFixes(text, [edit(0, 2, 'X'), edit(1, 3, 'Y'), edit(4, 5, 'Z'), edit(4, 5, 'Z')]);
    expect(result).toEqual({ text: 'XcdZf', applied: 2 });
  });

  it('fixes several # comments in one pass', () => {
    const text = '# one\nlogging {\n  # two\n  level = "info"\n}\n';
    const { fixed, second } = fixAndRecheck(text);
    expect(fixed.text).toBe('// one\nlogging {\n  // two\n  level = "info"\n}\n');
    expect(second).toEqual([]);
  });
});

const scrape = (inner: string) => `prometheus.scrape "s" {\n  targets    = []\n  forward_to = []\n  ${inner}\n}\n`;
const relabelRule = (inner: string) => `discovery.relabel "r" {\n  targets = []\n  rule {\n    ${inner}\n  }\n}\n`;
const remoteWriteTls = (inner: string) =>
  `prometheus.remote_write "w" {\n  endpoint {\n    url = "https://m/api/v1/write"\n    tls_config {\n      ${inner}\n    }\n  }\n}\n`;
const batch = (inner: string) =>
  `otelcol.exporter.otlp "o" {\n  client {\n    endpoint = "collector:4317"\n  }\n  sending_queue {\n    batch {\n      ${inner}\n    }\n  }\n}\n`;

/** The diagnostic of `code`, its fix applied, and the text checked again. */
function fixOf(text: string, code: string) {
  const { first, fixed, second } = fixAndRecheck(text);
  const diagnostic = first.find((candidate) => candidate.code === code);
  return { diagnostic, fixed: fixed.text, applied: fixed.applied, errors: errorsOf(second).map((error) => `${error.code}: ${error.message}`), second };
}

describe('certain fixes: one value differs from exactly one allowed value only in case', () => {
  const cases: [string, string, string, string, string][] = [
    ['a relabel action', relabelRule('source_labels = ["a"]\n    target_label  = "b"\n    action        = "Replace"'), 'alloy/invalid-argument-value', '"Replace"', '"replace"'],
    ['a TLS version (the shared tls_config block)', remoteWriteTls('min_version = "tls12"'), 'alloy/invalid-argument-value', '"tls12"', '"TLS12"'],
    ['an OpenTelemetry queue batch sizer', batch('sizer = "Items"'), 'alloy/invalid-argument-value', '"Items"', '"items"'],
    ['a scrape validation scheme (code rule)', scrape('metric_name_validation_scheme = "UTF8"'), 'alloy/invalid-argument-value', '"UTF8"', '"utf8"'],
    ['an escaping scheme with spaces around it', scrape('metric_name_escaping_scheme = " Underscores "'), 'alloy/invalid-argument-value', '" Underscores "', '"underscores"'],
    ['a raw string', relabelRule('source_labels = ["a"]\n    action        = `KEEP`'), 'alloy/invalid-argument-value', '`KEEP`', '"keep"'],
  ];
  for (const [what, text, code, before, after] of cases) {
    it(`${what}: ${before} -> ${after}, and the result checks clean`, () => {
      const { diagnostic, fixed, errors } = fixOf(text, code);
      expect(diagnostic?.fix?.title).toBe(`Change to ${after}`);
      expect(diagnostic?.fix?.edits).toHaveLength(1);
      expect(fixed).toBe(text.replace(before, after));
      expect(errors).toEqual([]);
    });
  }

  it('a collector name Alloy ignores for its case (alloy/unknown-value warning) -> the known name', () => {
    const text = 'prometheus.exporter.unix "u" {\n  enable_collectors = ["CPU", "meminfo"]\n}\n';
    const { diagnostic, fixed, second } = fixOf(text, 'alloy/unknown-value');
    expect(diagnostic?.fix?.title).toBe('Change to "cpu"');
    expect(fixed).toBe(text.replace('"CPU"', '"cpu"'));
    expect(second).toEqual([]);
  });

  it('no fix for a value close to no allowed value, or to several, or built by an expression', () => {
    expect(fixOf(remoteWriteTls('min_version = "TLS1.2"'), 'alloy/invalid-argument-value').diagnostic?.fix).toBeUndefined();
    expect(fixOf(batch('sizer = "item"'), 'alloy/invalid-argument-value').diagnostic?.fix).toBeUndefined();
    const built = fixOf(relabelRule('source_labels = ["a"]\n    action        = "KE" + "EP"'), 'alloy/invalid-argument-value');
    expect(built.diagnostic?.message).toBe('unrecognized action type "KEEP"');
    expect(built.diagnostic?.fix).toBeUndefined();
    const typo = fixOf('prometheus.exporter.unix "u" {\n  enable_collectors = ["cpux"]\n}\n', 'alloy/unknown-value');
    expect(typo.diagnostic?.message).toContain('did you mean "cpu"');
    expect(typo.diagnostic?.fix).toBeUndefined();
    expect(sameExceptCase('ok', ['Ok', 'OK'])).toBeUndefined();
    expect(sameExceptCase('ok', ['Ok', 'Error'])).toBe('Ok');
    expect(sameExceptCase('', ['', 'a'])).toBeUndefined();
  });
});

describe('certain fixes: a duration Go refuses only for its spelling', () => {
  const cases: [string, string, string?][] = [
    ['15 s', '15s'],
    [' 30s ', '30s'],
    ['1h 30m', '1h30m'],
    ['15sec', '15s'],
    ['10 seconds', '10s'],
    ['5 mins', '5m'],
    ['2H', '2h'],
    ['500MS', '500ms', 'scrape_timeout'],
    ['7d', '168h'],
    ['1 week', '168h'],
  ];
  for (const [written, meant, argument = 'scrape_interval'] of cases) {
    it(`"${written}" -> "${meant}", and the result checks clean`, () => {
      const text = scrape(`${argument} = "${written}"`);
      const { diagnostic, fixed, errors } = fixOf(text, 'alloy/invalid-duration');
      expect(diagnostic?.message).toMatch(/^time: /);
      expect(diagnostic?.fix?.title).toBe(`Change to "${meant}"`);
      expect(fixed).toBe(text.replace(`"${written}"`, `"${meant}"`));
      expect(errors).toEqual([]);
    });
  }

  it('no fix where the unit is not certain, or the value is not one string literal', () => {
    // A number: seconds? minutes? Alloy turns 15 into "15" and Go wants a unit.
    for (const value of ['15', '"15"', '"5M"', '"1h30"', '"1.5d"', '"2y"', '"15x"', '"15" + " s"']) {
      const { diagnostic } = fixOf(scrape(`scrape_interval = ${value}`), 'alloy/invalid-duration');
      expect(diagnostic?.message, value).toMatch(/^time: /);
      expect(diagnostic?.fix, value).toBeUndefined();
    }
    expect(repairGoDuration('15s')).toBeUndefined();
    expect(repairGoDuration('0')).toBeUndefined();
    expect(repairGoDuration('- 5 s')).toBe('-5s');
  });
});

describe('no fix where the repair is a choice', () => {
  const noFix: [string, string, string][] = [
    ['scrape_timeout above scrape_interval', scrape('scrape_interval = "10s"\n  scrape_timeout  = "20s"'), 'alloy/out-of-range'],
    ['at most one of (password and password_file)', 'prometheus.remote_write "w" {\n  endpoint {\n    url = "https://m/api/v1/write"\n    basic_auth {\n      username      = "u"\n      password      = "p"\n      password_file = "/p"\n    }\n  }\n}\n', 'alloy/invalid-argument-combination'],
    ['a relabel replace rule without target_label', relabelRule('source_labels = ["a"]\n    action        = "replace"'), 'alloy/invalid-argument-value'],
    ['authorization type "basic"', 'prometheus.remote_write "w" {\n  endpoint {\n    url = "https://m/api/v1/write"\n    authorization {\n      type        = "Basic"\n      credentials = "c"\n    }\n  }\n}\n', 'alloy/invalid-argument-value'],
    ['a regular expression Go refuses', relabelRule('source_labels = ["a"]\n    regex         = "(foo"\n    action        = "keep"'), 'alloy/invalid-regex'],
    ['a URL Go refuses', 'loki.write "w" {\n  endpoint {\n    url = "http://[::1"\n  }\n}\n', 'alloy/invalid-url'],
  ];
  for (const [what, text, code] of noFix) {
    it(what, () => {
      const { diagnostic } = fixOf(text, code);
      expect(diagnostic, what).toBeDefined();
      expect(diagnostic?.fix).toBeUndefined();
    });
  }
});
