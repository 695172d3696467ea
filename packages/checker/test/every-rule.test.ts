import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText, rules, type CheckOptions } from '../src/index.js';
import { memoryFileSystem } from './helpers.js';

const directory = path.resolve('/every-rule');
const moduleFiles = memoryFileSystem({
  [path.join(directory, 'math.alloy')]: 'declare "add" {\n  argument "a" {}\n  export "sum" {\n    value = argument.a.value\n  }\n}\n',
  [path.join(directory, 'bad-module.alloy')]: 'logging {}\n',
});
const inDirectory: CheckOptions = { fileName: path.join(directory, 'main.alloy'), fileSystem: moduleFiles };

const scrape = (extra: string) => `prometheus.scrape "s" {\n  targets    = []\n  forward_to = []\n${extra}}\n`;
const writeTo = (url: string, extra = '') =>
  `prometheus.remote_write "w" {\n  endpoint {\n    url = "${url}"\n${extra}  }\n}\n`;

/** For every checker rule: a text that triggers it and a corrected text that does not. */
const cases: Record<string, { bad: string; good: string; options?: CheckOptions }> = {
  'alloy/unresolved-reference': {
    bad: 'local.file "a" {\n  filename = local.file.b.content\n}\n',
    good: 'local.file "b" {\n  filename = "/b"\n}\nlocal.file "a" {\n  filename = local.file.b.content\n}\n',
  },
  'alloy/unknown-export': {
    bad: 'local.file "b" {\n  filename = "/b"\n}\nlocal.file "a" {\n  filename = local.file.b.contents\n}\n',
    good: 'local.file "b" {\n  filename = "/b"\n}\nlocal.file "a" {\n  filename = local.file.b.content\n}\n',
  },
  'alloy/unknown-stdlib-name': {
    bad: 'local.file "a" {\n  filename = string.to_lowr("A")\n}\n',
    good: 'local.file "a" {\n  filename = string.to_lower("A")\n}\n',
  },
  'alloy/stdlib-shadowing': {
    bad: 'declare "sys" {\n  export "e" {\n    value = "x"\n  }\n}\nsys "s" {}\nlocal.file "a" {\n  filename = sys.s.e\n}\n',
    good: 'declare "system" {\n  export "e" {\n    value = "x"\n  }\n}\nsystem "s" {}\nlocal.file "a" {\n  filename = system.s.e\n}\n',
  },
  'alloy/cycle': {
    bad: 'prometheus.relabel "a" {\n  forward_to = [prometheus.relabel.b.receiver]\n}\nprometheus.relabel "b" {\n  forward_to = [prometheus.relabel.a.receiver]\n}\n',
    good: 'prometheus.relabel "a" {\n  forward_to = [prometheus.relabel.b.receiver]\n}\nprometheus.relabel "b" {\n  forward_to = []\n}\n',
  },
  'alloy/self-reference': {
    bad: 'prometheus.relabel "a" {\n  forward_to = [prometheus.relabel.a.receiver]\n}\n',
    good: 'prometheus.relabel "a" {\n  forward_to = []\n}\n',
  },
  'alloy/top-level-attribute': { bad: 'level = "info"\n', good: 'logging {\n  level = "info"\n}\n' },
  'alloy/unknown-component': { bad: 'local.fiel "a" {\n  filename = "/a"\n}\n', good: 'local.file "a" {\n  filename = "/a"\n}\n' },
  'alloy/community-component': {
    bad: 'otelcol.exporter.datadog "d" {}\n',
    good: 'otelcol.exporter.debug "d" {}\n',
  },
  'alloy/missing-label': { bad: 'local.file {\n  filename = "/a"\n}\n', good: 'local.file "a" {\n  filename = "/a"\n}\n' },
  'alloy/unexpected-label': { bad: 'logging "x" {}\n', good: 'logging {}\n' },
  'alloy/duplicate-block': { bad: 'logging {}\nlogging {}\n', good: 'logging {}\n' },
  'alloy/unknown-attribute': { bad: scrape('  scrape_intervall = "1m"\n'), good: scrape('  scrape_interval = "1m"\n') },
  'alloy/unknown-block': { bad: scrape('  basic_auths {}\n'), good: scrape('  basic_auth {}\n') },
  'alloy/missing-attribute': { bad: 'local.file "a" {}\n', good: 'local.file "a" {\n  filename = "/a"\n}\n' },
  'alloy/missing-block': {
    bad: 'foreach "f" {\n  collection = []\n  var = "x"\n}\n',
    good: 'foreach "f" {\n  collection = []\n  var = "x"\n  template {}\n}\n',
  },
  'alloy/block-as-attribute': { bad: scrape('  basic_auth = {}\n'), good: scrape('  basic_auth {}\n') },
  'alloy/attribute-as-block': { bad: scrape('  scrape_interval {}\n'), good: scrape('  scrape_interval = "1m"\n') },
  'alloy/duplicate-attribute': { bad: scrape('  job_name = "a"\n  job_name = "b"\n'), good: scrape('  job_name = "a"\n') },
  'alloy/repeated-block': { bad: scrape('  basic_auth {}\n  basic_auth {}\n'), good: scrape('  basic_auth {}\n') },
  'alloy/service-not-configurable': { bad: 'cluster {}\n', good: 'livedebugging {}\n' },
  'alloy/type-mismatch': { bad: scrape('  honor_labels = "yes"\n'), good: scrape('  honor_labels = true\n') },
  'alloy/invalid-duration': { bad: scrape('  scrape_interval = "1 minute"\n'), good: scrape('  scrape_interval = "1m"\n') },
  'alloy/invalid-enum': { bad: 'logging {\n  format = "yaml"\n}\n', good: 'logging {\n  format = "json"\n}\n' },
  'alloy/unknown-value': {
    // The second name differs from a known one only in case: that one carries the fix.
    bad: 'prometheus.exporter.unix "node" {\n  enable_collectors = ["proceses", "CPU"]\n}\n',
    good: 'prometheus.exporter.unix "node" {\n  enable_collectors = ["processes", "cpu"]\n}\n',
  },
  'alloy/module-only-block': { bad: 'argument "a" {}\n', good: 'declare "m" {\n  argument "a" {}\n}\n' },
  'alloy/not-allowed-in-module': { bad: 'declare "m" {\n  logging {}\n}\n', good: 'logging {}\ndeclare "m" {}\n' },
  'alloy/invalid-declare-label': { bad: 'declare "declare" {}\n', good: 'declare "pipeline" {}\n' },
  'alloy/import-not-fetched': {
    bad: 'import.http "m" {\n  url = "https://example.com/m.alloy"\n}\n',
    good: 'import.file "m" {\n  filename = "math.alloy"\n}\n',
    options: inDirectory,
  },
  'alloy/import-not-found': {
    bad: 'import.file "m" {\n  filename = "maths.alloy"\n}\n',
    good: 'import.file "m" {\n  filename = "math.alloy"\n}\n',
    options: inDirectory,
  },
  'alloy/import-outside-root': {
    bad: 'import.file "m" {\n  filename = "/elsewhere/math.alloy"\n}\n',
    good: 'import.file "m" {\n  filename = "math.alloy"\n}\n',
    options: { ...inDirectory, importRoots: [directory] },
  },
  'alloy/invalid-module-content': {
    bad: 'import.file "m" {\n  filename = "bad-module.alloy"\n}\n',
    good: 'import.file "m" {\n  filename = "math.alloy"\n}\n',
    options: inDirectory,
  },
  'alloy/unknown-custom-component': {
    bad: 'import.file "m" {\n  filename = "math.alloy"\n}\nm.ad "x" {\n  a = 1\n}\n',
    good: 'import.file "m" {\n  filename = "math.alloy"\n}\nm.add "x" {\n  a = 1\n}\n',
    options: inDirectory,
  },
  'alloy/stability': {
    bad: scrape('  job_name = array.combine_maps([], [], [])[0]\n'),
    good: scrape('  job_name = array.concat([], [])[0]\n'),
    options: { stabilityLevel: 'generally-available' },
  },
  'alloy/deprecated': {
    bad: 'local.file "a" {\n  filename = env("A")\n}\n',
    good: 'local.file "a" {\n  filename = sys.env("A")\n}\n',
  },
  'best-practice/literal-secret': {
    bad: writeTo('https://p/api/v1/write', '    bearer_token = "abc"\n'),
    good: writeTo('https://p/api/v1/write', '    bearer_token = sys.env("TOKEN")\n'),
    options: { rules: { 'best-practice/literal-secret': 'warn' } },
  },
  'best-practice/unused-component': {
    bad: 'prometheus.exporter.unix "n" {}\n',
    good: 'prometheus.exporter.unix "n" {}\nprometheus.scrape "s" {\n  targets    = prometheus.exporter.unix.n.targets\n  forward_to = []\n}\n',
    options: { rules: { 'best-practice/unused-component': 'warn' } },
  },
  'alloy/invalid-argument-combination': {
    bad: writeTo('https://p/api/v1/write', '    bearer_token = "abc"\n    basic_auth {\n      username = "u"\n      password = sys.env("P")\n    }\n'),
    good: writeTo('https://p/api/v1/write', '    basic_auth {\n      username = "u"\n      password = sys.env("P")\n    }\n'),
  },
  'alloy/out-of-range': {
    bad: scrape('  scrape_timeout = "2m"\n'),
    good: scrape('  scrape_timeout = "30s"\n'),
  },
  'alloy/invalid-regex': {
    bad: 'discovery.relabel "r" {\n  targets = []\n  rule {\n    action = "keep"\n    regex  = "(foo"\n  }\n}\n',
    good: 'discovery.relabel "r" {\n  targets = []\n  rule {\n    action = "keep"\n    regex  = "(foo)"\n  }\n}\n',
  },
  'alloy/invalid-argument-value': {
    // The second rule's action differs from "keep" only in case: that one carries the fix.
    bad: 'discovery.relabel "r" {\n  targets = []\n  rule {\n    action = "replace"\n  }\n  rule {\n    action = "Keep"\n  }\n}\n',
    good: 'discovery.relabel "r" {\n  targets = []\n  rule {\n    action       = "replace"\n    target_label = "x"\n  }\n  rule {\n    action = "keep"\n  }\n}\n',
  },
  'alloy/invalid-url': {
    bad: 'loki.write "l" {\n  endpoint {\n    url = "http://${LOKI_HOST}:3100/loki/api/v1/push"\n  }\n}\n',
    good: 'loki.write "l" {\n  endpoint {\n    url = "http://loki:3100/loki/api/v1/push"\n  }\n}\n',
  },
  'best-practice/remote-write-url': {
    bad: writeTo('ftp://p/api/v1/write'),
    good: writeTo('https://p/api/v1/write'),
    options: { rules: { 'best-practice/remote-write-url': 'warn' } },
  },
  'best-practice/label-name': {
    bad: 'prometheus.remote_write "w" {\n  external_labels = {\n    "0env" = "prd",\n  }\n}\n',
    good: 'prometheus.remote_write "w" {\n  external_labels = {\n    env = "prd",\n  }\n}\n',
  },
};

/** Codes kept so that configurations naming them stay valid, but no longer emitted: the example that triggered them and the code that reports it now. */
const superseded: Record<string, { example: string; reportedAs: string }> = {
  'best-practice/scrape-timeout': { example: scrape('  scrape_timeout = "2m"\n'), reportedAs: 'alloy/out-of-range' },
};

describe('every checker rule has a triggering and a clean example', () => {
  it('covers every non-syntax rule', () => {
    const uncovered = rules
      .filter((rule) => rule.category !== 'syntax')
      .map((rule) => rule.code)
      .filter((code) => !(code in cases) && !(code in superseded));
    expect(uncovered).toEqual([]);
  });
  for (const [code, { example, reportedAs }] of Object.entries(superseded)) {
    it(`${code} is superseded by ${reportedAs}`, () => {
      const found = checkText(example, { stabilityLevel: 'experimental' }).diagnostics.map((diagnostic) => diagnostic.code);
      expect(found).toContain(reportedAs);
      expect(found).not.toContain(code);
    });
  }
  for (const [code, testCase] of Object.entries(cases)) {
    it(code, () => {
      const options: CheckOptions = { stabilityLevel: 'experimental', ...testCase.options };
      const bad = checkText(testCase.bad, options).diagnostics;
      expect(bad.map((diagnostic) => diagnostic.code), 'the bad example triggers the rule').toContain(code);
      const good = checkText(testCase.good, options).diagnostics;
      expect(good.map((diagnostic) => diagnostic.code), 'the good example is clean').not.toContain(code);
      const info = rules.find((rule) => rule.code === code)!;
      if (info.fixable) {
        const fixable = bad.find((diagnostic) => diagnostic.code === code && diagnostic.fix);
        expect(fixable, 'a fixable rule carries a fix').toBeDefined();
      }
    });
  }
});
