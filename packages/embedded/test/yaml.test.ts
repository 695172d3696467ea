import { describe, expect, it } from 'vitest';
import { keyPathMatches } from '../src/key-patterns.js';
import { DEFAULT_YAML_KEYS, extractFromYaml, type EmbeddedConfig, type Extraction } from '../src/index.js';
import { hostPositionOf, lineColumn } from './helpers.js';

const only = (extraction: Extraction): EmbeddedConfig => {
  expect(extraction.configs).toHaveLength(1);
  return extraction.configs[0]!;
};

describe('key patterns', () => {
  it('match the key itself or a dotted suffix of the key path, on key boundaries', () => {
    expect(keyPathMatches('config.alloy', ['data', 'config.alloy'])).toBe(true);
    expect(keyPathMatches('config.alloy', ['agent', 'config', 'alloy'])).toBe(true);
    expect(keyPathMatches('alloy.configMap.content', ['alloy', 'configMap', 'content'])).toBe(true);
    expect(keyPathMatches('alloy.configMap.content', ['alloy-logs', 'alloy', 'configMap', 'content'])).toBe(true);
    expect(keyPathMatches('alloy.configMap.content', ['configMap', 'content'])).toBe(false);
    expect(keyPathMatches('alloy.configMap.content', ['xalloy', 'configMap', 'content'])).toBe(false);
    expect(keyPathMatches('extraConfig', ['logs', 'extraConfig'])).toBe(true);
    expect(keyPathMatches('extraConfig', ['myextraConfig'])).toBe(false);
  });

  it('let * stand for part of a key, case-sensitively', () => {
    expect(keyPathMatches('*ExtraConfig', ['logsExtraConfig'])).toBe(true);
    expect(keyPathMatches('*ExtraConfig', ['metrics', 'podLogsExtraConfig'])).toBe(true);
    expect(keyPathMatches('*ExtraConfig', ['logsextraconfig'])).toBe(false);
    expect(keyPathMatches('*ExtraConfig', ['ExtraConfigs'])).toBe(false);
    expect(keyPathMatches('*.alloy', ['data', 'helpers.alloy'])).toBe(true);
    expect(keyPathMatches('*.alloy', ['alloy'])).toBe(false);
    expect(keyPathMatches('a*.content', ['alloy', 'content'])).toBe(true);
  });

  it('never let * stand for a whole key of a longer path (umbrella charts name their subcharts alloy-…)', () => {
    expect(keyPathMatches('*.alloy', ['alloy-logs', 'alloy'])).toBe(false);
    expect(keyPathMatches('*.content', ['configMap', 'content'])).toBe(false);
  });

  it('are the documented defaults', () => {
    expect(DEFAULT_YAML_KEYS).toEqual(['config.alloy', '*.alloy', 'alloy.configMap.content', 'extraConfig', '*ExtraConfig']);
  });

  it('can be configured', () => {
    const host = 'agent:\n  pipeline: |\n    logging { }\n  extraConfig: |\n    a = 1\n';
    expect(extractFromYaml(host, { yamlKeys: ['agent.pipeline'] }).configs.map((config) => config.label)).toEqual(['agent.pipeline']);
    expect(extractFromYaml(host, { yamlKeys: [] }).configs).toEqual([]);
  });
});

describe('YAML keys and comments that mark Alloy', () => {
  it('accepts quoted keys', () => {
    const host = 'data:\n  "config.alloy": |\n    a = 1\n  \'other.alloy\': |\n    b = 2\n';
    expect(extractFromYaml(host).configs.map((config) => [config.label, config.text])).toEqual([
      ['data["config.alloy"]', 'a = 1\n'],
      ['data["other.alloy"]', 'b = 2\n'],
    ]);
  });

  it('takes any block after a language comment on the line before, key or sequence item', () => {
    for (const comment of ['# language=alloy', '#language: alloy', '  #   language =  alloy  ']) {
      const host = `pipelines:\n${comment}\n  main: |\n    logging { }\n  items:\n    ${comment.trim()}\n    - |\n      a = 1\n    - |\n      not = "alloy"\n`;
      const extraction = extractFromYaml(host);
      expect(extraction.configs.map((config) => [config.label, config.text])).toEqual([
        ['pipelines.main', 'logging { }\n'],
        ['pipelines.items[0]', 'a = 1\n'],
      ]);
    }
  });

  it('applies a comment before `- key: |` to the key', () => {
    const extraction = extractFromYaml('steps:\n  # language=alloy\n  - run: |\n      logging { }\n    name: x\n');
    expect(extraction.problems).toEqual([]);
    expect(extraction.configs.map((config) => config.label)).toEqual(['steps[0].run']);
  });

  it('wants the comment directly before the key', () => {
    expect(extractFromYaml('# language=alloy\n\nmain: |\n  logging { }\n').configs).toEqual([]);
  });

  it('names keys with dots or other characters in brackets', () => {
    const host = 'extraObjects:\n  - kind: ConfigMap\n    data:\n      config.alloy: |\n        a = 1\n';
    expect(only(extractFromYaml(host)).label).toBe('extraObjects[0].data["config.alloy"]');
  });
});

describe('literal block scalars', () => {
  const cases: Array<[string, string, string]> = [
    ['|', 'config.alloy: |\n  a = 1\n\n  b = 2\n\n\nnext: 1\n', 'a = 1\n\nb = 2\n'],
    ['|-', 'config.alloy: |-\n  a = 1\n', 'a = 1\n'],
    ['|+', 'config.alloy: |+\n  a = 1\n\n\n', 'a = 1\n'],
    ['|2', 'config.alloy: |2\n    a = 1\n  b = 2\n', '  a = 1\nb = 2\n'],
    ['|2-', 'config.alloy: |2-\n    a = 1\n  b = 2\n', '  a = 1\nb = 2\n'],
    ['|-2', 'config.alloy: |-2\n    a = 1\n  b = 2\n', '  a = 1\nb = 2\n'],
    ['&cfg |', 'config.alloy: &cfg |\n  a = 1\n', 'a = 1\n'],
    ['!!str |', 'config.alloy: !!str |\n  a = 1\n', 'a = 1\n'],
    ['| # comment', 'config.alloy: |  # the agent\n  a = 1\n', 'a = 1\n'],
    ['nested, deeper indentation', 'x:\n  y:\n    config.alloy: |\n          a = 1\n          b = 2\n', 'a = 1\nb = 2\n'],
  ];
  for (const [header, host, text] of cases) {
    it(`reads ${header}`, () => {
      const extraction = extractFromYaml(host);
      expect(extraction.problems).toEqual([]);
      const config = only(extraction);
      expect(config.text).toBe(text);
      expect(config.rewritable).toBe(true);
      const token = text.includes('b = 2') ? 'b = 2' : 'a = 1';
      const hostOffset = config.toHostOffset(config.text.indexOf(token));
      expect(host.slice(hostOffset, hostOffset + 5)).toBe(token);
    });
  }

  it('keeps the extra spaces of blank lines, and maps a short blank line to its end', () => {
    const host = 'config.alloy: |\n  a = 1\n      \n\n  b = 2\n';
    const config = only(extractFromYaml(host));
    expect(config.text).toBe('a = 1\n    \n\nb = 2\n');
    const emptyLine = config.text.indexOf('\n\n') + 1;
    expect(config.toHostOffset(emptyLine)).toBe(host.indexOf('\n\n') + 1);
    expect(config.toHostOffset(emptyLine - 1)).toBe(host.indexOf('      \n') + 6);
  });

  it('maps every offset of the indentation to nothing and every offset of the content exactly', () => {
    const host = 'k:\n  config.alloy: |\n    a = 1\n    b = [\n      2,\n    ]\nz: 0\n';
    const config = only(extractFromYaml(host));
    expect(config.text).toBe('a = 1\nb = [\n  2,\n]\n');
    expect(hostPositionOf(host, config, '2,')).toEqual({ line: 5, column: 7 });
    const lineStart = host.indexOf('      2,');
    for (let offset = lineStart; offset < lineStart + 4; offset++) expect(config.toEmbeddedOffset(offset)).toBeUndefined();
    expect(config.toEmbeddedOffset(lineStart + 4)).toBe(config.text.indexOf('  2,'));
    expect(config.toHostOffset(config.text.length)).toBe(host.indexOf('z: 0'));
    expect(config.toEmbeddedOffset(host.indexOf('z: 0'))).toBe(config.text.length);
    expect(config.toEmbeddedOffset(host.indexOf('z: 0') + 1)).toBeUndefined();
    expect(config.toEmbeddedOffset(host.indexOf('config.alloy'))).toBeUndefined();
  });

  it('reads CRLF files: the text uses \\n, the mapping points at the exact host offsets', () => {
    const host = 'data:\r\n  config.alloy: |\r\n    a = 1\r\n    b = "two"\r\n  other: 1\r\n';
    const config = only(extractFromYaml(host));
    expect(config.text).toBe('a = 1\nb = "two"\n');
    expect(hostPositionOf(host, config, '"two"')).toEqual({ line: 4, column: 9 });
    const newline = config.text.indexOf('\n');
    expect(host[config.toHostOffset(newline)]).toBe('\r');
    expect(config.toEmbeddedOffset(config.toHostOffset(newline) + 1)).toBe(newline);
    expect(config.toHostOffset(config.text.length)).toBe(host.indexOf('  other'));
  });

  it('keeps the offsets of a file that starts with a byte order mark', () => {
    const host = '\uFEFFconfig.alloy: |\n  a = "x"\n';
    const config = only(extractFromYaml(host));
    expect(config.text).toBe('a = "x"\n');
    expect(config.toHostOffset(4)).toBe(host.indexOf('"x"'));
  });

  it('does not invent a final newline when the content ends the file without one', () => {
    const host = 'config.alloy: |\n  a = 1';
    const config = only(extractFromYaml(host));
    expect(config.text).toBe('a = 1');
    expect(config.toHostOffset(config.text.length)).toBe(host.length);
    expect(config.toEmbeddedOffset(host.length)).toBe(config.text.length);
  });

  it('masks Helm tpl actions unless told not to', () => {
    const host = 'extraConfig: |\n  a = {{ .Values.a }}\n';
    const masked = only(extractFromYaml(host));
    expect(masked.text).toBe(`a = ${'_'.repeat('{{ .Values.a }}'.length)}\n`);
    expect(masked.placeholders).toEqual([{ start: 4, end: 19 }]);
    expect(masked.overlapsPlaceholder(0, 4)).toBe(true);
    expect(masked.overlapsPlaceholder(0, 3)).toBe(false);
    expect(masked.rewritable).toBe(true);
    const plain = only(extractFromYaml(host, { templatePlaceholders: false }));
    expect(plain.text).toBe('a = {{ .Values.a }}\n');
    expect(plain.placeholders).toEqual([]);
    expect(plain.rewritable).toBe(true);
  });

  it('warns about an unclosed tpl action at its host position', () => {
    const host = 'extraConfig: |\n  a = {{ .Values.a\n';
    const extraction = extractFromYaml(host);
    expect(extraction.problems).toMatchObject([
      { code: 'alloy-lint/unclosed-template-tag', severity: 'warning', range: { start: host.indexOf('{{') } },
    ]);
  });
});

describe('values under an Alloy key that are not literal block scalars', () => {
  const problemsOf = (host: string) => extractFromYaml(host).problems.map(({ code, severity, message }) => ({ code, severity, message }));

  it('refuses folded scalars, saying why and what to write', () => {
    const host = 'data:\n  config.alloy: >\n    a = 1\n';
    const extraction = extractFromYaml(host);
    expect(extraction.configs).toEqual([]);
    expect(extraction.problems).toEqual([
      {
        code: 'alloy-lint/embedded-not-checked',
        severity: 'warning',
        message:
          'folded block scalar (>) under data["config.alloy"] is not checked: folding changes newlines; use a literal block scalar (|)',
        range: { start: host.indexOf('>'), end: host.indexOf('>') + 1 },
      },
    ]);
  });

  it('asks for a literal block scalar instead of a quoted or plain one', () => {
    expect(problemsOf('extraConfig: "logging { }"\nlogsExtraConfig: \'a = 1\'\nmetricsExtraConfig: a = 1\n')).toEqual([
      {
        code: 'alloy-lint/embedded-not-checked',
        severity: 'warning',
        message: 'double-quoted scalar under extraConfig is not checked: write it as a literal block scalar (|) to have it checked',
      },
      {
        code: 'alloy-lint/embedded-not-checked',
        severity: 'warning',
        message: 'single-quoted scalar under logsExtraConfig is not checked: write it as a literal block scalar (|) to have it checked',
      },
      {
        code: 'alloy-lint/embedded-not-checked',
        severity: 'warning',
        message: 'plain scalar under metricsExtraConfig is not checked: write it as a literal block scalar (|) to have it checked',
      },
    ]);
  });

  it('reports a number, a boolean or null as an error at the value', () => {
    const host = 'data:\n  config.alloy: 42\n  a.alloy: true\n  b.alloy: null\n';
    expect(problemsOf(host)).toEqual([
      { code: 'alloy-lint/embedded-not-text', severity: 'error', message: 'data["config.alloy"] holds a number, not Alloy text' },
      { code: 'alloy-lint/embedded-not-text', severity: 'error', message: 'data["a.alloy"] holds a boolean, not Alloy text' },
      { code: 'alloy-lint/embedded-not-text', severity: 'error', message: 'data["b.alloy"] holds null, not Alloy text' },
    ]);
    expect(extractFromYaml(host).problems[0]!.range).toEqual({ start: host.indexOf('42'), end: host.indexOf('42') + 2 });
  });

  it('warns about mappings, sequences and flow collections', () => {
    expect(problemsOf('extraConfig:\n  a: 1\nlogsExtraConfig:\n  - a\nmetricsExtraConfig: [a, b]\n')).toEqual([
      {
        code: 'alloy-lint/embedded-not-checked',
        severity: 'warning',
        message: 'extraConfig holds a mapping, not Alloy text; it is not checked',
      },
      {
        code: 'alloy-lint/embedded-not-checked',
        severity: 'warning',
        message: 'logsExtraConfig holds a sequence, not Alloy text; it is not checked',
      },
      {
        code: 'alloy-lint/embedded-not-checked',
        severity: 'warning',
        message: 'metricsExtraConfig holds a sequence, not Alloy text; it is not checked',
      },
    ]);
  });

  it('says an empty value has nothing to check', () => {
    expect(problemsOf('extraConfig:\nlogsExtraConfig: ""\nmetricsExtraConfig: |\n\nnext: 1\n')).toEqual([
      { code: 'alloy-lint/embedded-empty', severity: 'info', message: 'extraConfig is empty: there is no Alloy to check' },
      { code: 'alloy-lint/embedded-empty', severity: 'info', message: 'logsExtraConfig is empty: there is no Alloy to check' },
      { code: 'alloy-lint/embedded-empty', severity: 'info', message: 'metricsExtraConfig is empty: there is no Alloy to check' },
    ]);
  });

  it('checks an alias where its anchor is defined, once, also when the anchor is under no Alloy key', () => {
    const host = 'shared: &cfg |\n  logging { }\ndata:\n  config.alloy: *cfg\n  copy.alloy: *cfg\n';
    const extraction = extractFromYaml(host);
    expect(extraction.configs.map((config) => [config.label, config.text])).toEqual([['shared', 'logging { }\n']]);
    expect(extraction.problems).toEqual([
      {
        code: 'alloy-lint/embedded-alias',
        severity: 'info',
        message: 'data["config.alloy"] is the alias *cfg: its Alloy is checked where the anchor &cfg is defined',
        range: { start: host.indexOf('*cfg'), end: host.indexOf('*cfg') + 4 },
      },
      {
        code: 'alloy-lint/embedded-alias',
        severity: 'info',
        message: 'data["copy.alloy"] is the alias *cfg: its Alloy is checked where the anchor &cfg is defined',
        range: { start: host.lastIndexOf('*cfg'), end: host.lastIndexOf('*cfg') + 4 },
      },
    ]);
  });

  it('does not extract an anchored block twice when the anchor is under an Alloy key too', () => {
    const host = 'data:\n  config.alloy: &cfg |\n    logging { }\n  copy.alloy: *cfg\n';
    const extraction = extractFromYaml(host);
    expect(extraction.configs.map((config) => config.label)).toEqual(['data["config.alloy"]']);
    expect(extraction.problems.map((problem) => problem.code)).toEqual(['alloy-lint/embedded-alias']);
  });
});

describe('invalid YAML', () => {
  it("is an error at yaml's position, and the host is never valid", () => {
    const host = 'data:\n  config.alloy: |\n    a = 1\n  bad: [1, 2\n';
    const extraction = extractFromYaml(host);
    expect(extraction.hostIsValid).toBe(false);
    expect(extraction.configs).toEqual([]);
    expect(extraction.problems.length).toBeGreaterThan(0);
    for (const problem of extraction.problems) {
      expect(problem.code).toBe('alloy-lint/invalid-yaml');
      expect(problem.severity).toBe('error');
      expect(problem.message.startsWith('invalid YAML: ')).toBe(true);
      expect(lineColumn(host, problem.range.start).line).toBeGreaterThanOrEqual(4);
    }
  });

  it('reports tabs in indentation where the tab is', () => {
    const host = 'data:\n\tconfig.alloy: |\n    a = 1\n';
    const extraction = extractFromYaml(host);
    expect(extraction.hostIsValid).toBe(false);
    expect(extraction.problems[0]).toMatchObject({ code: 'alloy-lint/invalid-yaml', range: { start: host.indexOf('\t') } });
    expect(extraction.problems[0]!.message).toContain('Tabs are not allowed as indentation');
  });

  it('reports duplicate keys', () => {
    const host = 'data:\n  config.alloy: |\n    a = 1\n  config.alloy: |\n    b = 2\n';
    const extraction = extractFromYaml(host);
    expect(extraction.hostIsValid).toBe(false);
    expect(extraction.problems[0]).toMatchObject({ code: 'alloy-lint/invalid-yaml', range: { start: host.lastIndexOf('config.alloy') } });
    expect(extraction.problems[0]!.message).toContain('Map keys must be unique');
  });

  it('refuses an indentation indicator beyond 9 and lines less indented than the indicator says', () => {
    for (const host of ['config.alloy: |12\n            a = 1\n', 'k:\n  config.alloy: |4\n    a = 1\n']) {
      const extraction = extractFromYaml(host);
      expect(extraction.hostIsValid).toBe(false);
      expect(extraction.problems.every((problem) => problem.code === 'alloy-lint/invalid-yaml')).toBe(true);
      expect(extraction.configs).toEqual([]);
    }
  });

  it('refuses more-indented leading blank lines without an indicator, as YAML does', () => {
    const extraction = extractFromYaml('config.alloy: |\n      \n  a = 1\n');
    expect(extraction.hostIsValid).toBe(false);
    expect(extraction.problems[0]!.message).toContain('more-indented leading empty lines');
  });

  it('still extracts the documents without errors', () => {
    const host = 'config.alloy: |\n  a = 1\n---\nbad: : :\n  - x\n---\nextraConfig: |\n  b = 2\n';
    const extraction = extractFromYaml(host);
    expect(extraction.hostIsValid).toBe(false);
    expect(extraction.configs.map((config) => [config.label, config.text])).toEqual([
      ['document 1: config.alloy', 'a = 1\n'],
      ['document 3: extraConfig', 'b = 2\n'],
    ]);
    expect(extraction.configs.every((config) => !config.rewritable)).toBe(true);
    expect(extraction.problems.length).toBeGreaterThan(0);
    expect(
      extraction.problems.every((problem) => problem.range.start >= host.indexOf('bad') && problem.range.start < host.lastIndexOf('---')),
    ).toBe(true);
  });
});

describe('odd input', () => {
  it('reads empty and comment-only files as nothing to check', () => {
    for (const host of ['', '\n', '# just a comment\n', '---\n...\n']) {
      expect(extractFromYaml(host)).toMatchObject({ kind: 'yaml', configs: [], problems: [], hostIsValid: true });
    }
  });

  it('never throws on binary junk, and every problem has a position in the text', () => {
    const junk = '\u0000\u0001\u00ff\uFFFD config.alloy: [ {\n\t\u0007: |\n \u0000';
    const extraction = extractFromYaml(junk);
    expect(extraction.hostIsValid).toBe(false);
    for (const problem of extraction.problems) {
      expect(problem.range.start).toBeGreaterThanOrEqual(0);
      expect(problem.range.end).toBeLessThanOrEqual(junk.length);
      expect(problem.range.start).toBeLessThanOrEqual(problem.range.end);
    }
  });

  it('survives deep nesting', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}\nconfig.alloy: |\n  a = 1\n`;
    const extraction = extractFromYaml(deep);
    expect(extraction.hostIsValid).toBe(false);
  });
});
