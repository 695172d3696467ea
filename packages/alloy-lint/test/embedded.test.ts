// Alloy inside Helm values, Kubernetes manifests, templates and Markdown: found, checked like a
// file of its own, reported at host positions in every format, rewritten only inside the scalar.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkerBuilt, cliBuilt, fixturesDir, formatterBuilt, makeTempDir, noteSkip, repoRoot, runCli, syntaxBuilt } from './helpers.js';

const embeddedBuilt = existsSync(join(repoRoot, 'packages/embedded/dist/index.js'));
const ready = cliBuilt && syntaxBuilt && checkerBuilt && formatterBuilt && embeddedBuilt;
const skipReason = 'needs the built CLI and the built toolkit packages (syntax, checker, prettier-plugin-alloy, embedded)';

interface JsonMessage {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { range: [number, number]; text: string };
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  output?: string;
}

let temp: ReturnType<typeof makeTempDir>;
/** A fresh copy of the fixtures for each test that writes. */
let copies = 0;
function fixtureCopy(): string {
  copies += 1;
  const directory = join(temp.path, `copy-${copies}`);
  cpSync(join(fixturesDir, 'embedded'), directory, { recursive: true });
  return directory;
}

function lintJson(args: string[], cwd: string, input?: string): { status: number; results: JsonResult[]; stderr: string } {
  const result = runCli(['--format', 'json', ...args], { cwd, input });
  try {
    return { status: result.status, results: JSON.parse(result.stdout) as JsonResult[], stderr: result.stderr };
  } catch {
    throw new Error(`not JSON (exit ${result.status}): ${result.stdout}\n${result.stderr}`);
  }
}

/** `code line:column` of each message: what the tests pin. */
function places(result: JsonResult | undefined): string[] {
  return (result?.messages ?? []).map((message) => `${message.ruleId} ${message.line}:${message.column}`);
}

/** The 1-based line and column of the first occurrence of `needle` in `text` (after `after`). */
function locate(text: string, needle: string, after = ''): string {
  const from = after === '' ? 0 : text.indexOf(after);
  const offset = text.indexOf(needle, from);
  if (offset === -1) throw new Error(`${needle} not in the text`);
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

/** The lines of `after` that differ from `before` (same line count expected). */
function changedLines(before: string, after: string): number[] {
  const old = before.split('\n');
  const now = after.split('\n');
  expect(now.length).toBe(old.length);
  return old.flatMap((line, index) => (line === now[index] ? [] : [index + 1]));
}

let fixtures: string;
beforeAll(() => {
  temp = makeTempDir('alloy-lint-embedded-');
  fixtures = fixtureCopy();
});
afterAll(() => temp.remove());

describe.skipIf(noteSkip(!ready, skipReason))('Alloy in Helm values, manifests and templates: positions in the host file', () => {
  it('grafana/alloy chart values: alloy.configMap.content, with Helm {{ }} placeholders masked', () => {
    const { status, results } = lintJson(['helm-alloy/values.yaml'], fixtures);
    expect(status).toBe(1);
    expect(results.map((result) => result.filePath)).toEqual([join(fixtures, 'helm-alloy/values.yaml')]);
    const text = readFileSync(join(fixtures, 'helm-alloy/values.yaml'), 'utf8');
    // The lines and columns in the host file, checked against the text itself as well.
    expect(locate(text, '# keep only')).toBe('16:7');
    expect(locate(text, 'discovery.relabel.annoted')).toBe('28:22');
    expect(locate(text, 'prometheus.exporter.fancy')).toBe('43:7');
    expect(places(results[0])).toEqual([
      'syntax/hash-comment 16:7',
      'syntax/unexpected-token 16:7',
      'alloy/unresolved-reference 28:22',
      'syntax/missing-comma 38:49',
      'alloy/unknown-component 43:7',
    ]);
    const messages = results[0]!.messages;
    expect(messages[2]!.message).toBe(
      'component "discovery.relabel.annoted.output" does not exist or is out of scope; did you mean "discovery.relabel.annotated.output"?',
    );
    expect(messages[2]).toMatchObject({ endLine: 28, endColumn: 22 + 'discovery.relabel.annoted.output'.length });
    // Nothing is reported inside the placeholders ({{ .Values.remoteWrite.url }} is no URL); the fixes
    // that touch no tag are offered (the # comment, the comma after the string holding a tag).
    expect(messages.filter((message) => message.line === 34)).toEqual([]);
    expect(results[0]!.fixableErrorCount).toBe(2);
    expect(messages[3]!.fix).toEqual({ range: [text.indexOf('"\n          env') + 1, text.indexOf('"\n          env') + 1], text: ',' });
  });

  it('k8s-monitoring values: every extraConfig snippet is a configuration of its own', () => {
    const { results } = lintJson(['k8s-monitoring/values.yaml'], fixtures);
    expect(places(results[0])).toEqual([
      'syntax/missing-comma 34:33',
      'syntax/hash-comment 42:5',
      'syntax/unexpected-token 42:5',
      'alloy/unresolved-reference 61:21',
      'alloy/unknown-component 70:5',
    ]);
    // Fixes are offered (no placeholders) and point into the host file: the missing comma goes
    // after "demo-cluster" on line 34, the # comment becomes // at line 42, column 5.
    const text = readFileSync(join(fixtures, 'k8s-monitoring/values.yaml'), 'utf8');
    const comma = results[0]!.messages[0]!.fix!;
    expect(text.slice(0, comma.range[0]).split('\n').length).toBe(34);
    expect(comma.text).toBe(',');
    const comment = results[0]!.messages[1]!.fix!;
    expect(text.slice(comment.range[0], comment.range[1])).toBe('#');
    expect(comment.text).toBe('//');
    expect(results[0]!.fixableErrorCount).toBe(2);
  });

  it('a ConfigMap manifest: data."config.alloy"', () => {
    const { results } = lintJson(['kubernetes/configmap.yaml'], fixtures);
    expect(places(results[0])).toEqual(['syntax/missing-comma 28:25']);
  });

  it('a multi-document manifest: the ConfigMap in document 2 of 3', () => {
    const { results } = lintJson(['kubernetes/manifest.yaml'], fixtures);
    expect(places(results[0])).toEqual([
      'alloy/unresolved-reference 30:20',
      'syntax/hash-comment 40:5',
      'syntax/unexpected-token 40:5',
      'alloy/unknown-component 41:5',
    ]);
  });

  it('an Ansible template: Jinja tags masked, the Alloy around them checked', () => {
    const { results } = lintJson(['ansible/templates/config.alloy.j2'], fixtures);
    expect(places(results[0])).toEqual([
      'alloy/unknown-export 16:46',
      'syntax/missing-comma 25:38',
      'syntax/hash-comment 30:1',
      'syntax/unexpected-token 30:1',
      'alloy/unknown-component 31:1',
    ]);
  });

  it('stylish shows host positions and, with --verbose, the host line in the code frame', () => {
    const result = runCli(['--verbose', 'kubernetes/configmap.yaml'], { cwd: fixtures });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("kubernetes/configmap.yaml\n  28:25  error  missing ',' in field list  syntax/missing-comma\n");
    expect(result.stdout).toContain('  > 28 |         cluster = "demo"\n');
    expect(result.stdout).toMatch(/\n\s+\| {25}\^\n/);
    const helm = runCli(['helm-alloy/values.yaml'], { cwd: fixtures }).stdout;
    expect(helm).toContain('  43:7   error  cannot find the definition of component name "prometheus.exporter.fancy"');
  });

  it('every report format carries the host positions', () => {
    const sarif = JSON.parse(runCli(['-f', 'sarif', 'kubernetes/configmap.yaml'], { cwd: fixtures }).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: object } }[] }[] }[];
    };
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'kubernetes/configmap.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 28, startColumn: 25, endLine: 29, endColumn: 5 },
    });
    expect(runCli(['-f', 'github', 'kubernetes/configmap.yaml'], { cwd: fixtures }).stdout).toBe(
      "::error file=kubernetes/configmap.yaml,line=28,col=25,endLine=29,endColumn=5,title=syntax/missing-comma::missing ',' in field list\n",
    );
    expect(runCli(['-f', 'checkstyle', 'kubernetes/configmap.yaml'], { cwd: fixtures }).stdout).toContain('<error line="28" column="25" severity="error"');
    expect(runCli(['-f', 'junit', 'kubernetes/configmap.yaml'], { cwd: fixtures }).stdout).toContain('line 28, col 25, Error - missing');
  });

  it('suppressions inside an embedded configuration apply to it', () => {
    const directory = fixtureCopy();
    const path = join(directory, 'kubernetes/configmap.yaml');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('        cluster = "demo"\n', '        // alloy-lint-disable-next-line syntax/missing-comma\n        cluster = "demo"\n'));
    expect(lintJson(['kubernetes/configmap.yaml'], directory).results[0]!.messages).toEqual([]);
    writeFileSync(path, text.replace('    logging {\n', '    // alloy-lint-disable-next-line alloy/unknown-component\n    logging {\n'));
    expect(places(lintJson(['kubernetes/configmap.yaml'], directory).results[0])).toEqual([
      'alloy-lint/unused-suppression 10:5',
      'syntax/missing-comma 29:25',
    ]);
  });

  it('the .alloy files beside a values file are not merged into its configuration', () => {
    const directory = join(temp.path, 'siblings');
    mkdirSync(directory);
    writeFileSync(join(directory, 'writer.alloy'), 'prometheus.remote_write "default" {\n  endpoint {\n    url = "http://mimir:9009/api/v1/push"\n  }\n}\n');
    writeFileSync(
      join(directory, 'values.yaml'),
      'alloy:\n  configMap:\n    content: |\n      prometheus.exporter.unix "node" { }\n\n      prometheus.scrape "node" {\n        targets    = prometheus.exporter.unix.node.targets\n        forward_to = [prometheus.remote_write.default.receiver]\n      }\n',
    );
    const { results } = lintJson(['.'], directory);
    expect(results.map((result) => [result.filePath.slice(directory.length + 1), places(result)])).toEqual([
      ['values.yaml', ['alloy/unresolved-reference 8:23']],
      ['writer.alloy', []],
    ]);
  });

  it('a place named in a message (a duplicate block\'s first declaration) is the host file\'s line and column', () => {
    const directory = join(temp.path, 'duplicates');
    mkdirSync(directory);
    writeFileSync(join(directory, 'values.yaml'), 'a:\n  x: 1\ndata:\n  config.alloy: |\n    logging {}\n    prometheus.exporter.unix "n" { }\n    prometheus.exporter.unix "n" { }\n');
    const { results } = lintJson(['values.yaml'], directory);
    expect(results[0]!.messages.map((message) => [message.line, message.column, message.message])).toEqual([
      [7, 5, 'block prometheus.exporter.unix.n already declared at values.yaml:6:5'],
    ]);
  });

  it('--directory-config checks a host file on its own, beside the directory\'s configuration', () => {
    const directory = join(temp.path, 'directory-config');
    mkdirSync(directory);
    cpSync(join(fixtures, 'kubernetes/configmap.yaml'), join(directory, 'configmap.yaml'));
    writeFileSync(join(directory, 'main.alloy'), 'logging {}\n');
    const { results } = lintJson(['--directory-config', '.'], directory);
    expect(results.map((result) => [result.filePath.slice(directory.length + 1), places(result)])).toEqual([
      ['configmap.yaml', ['syntax/missing-comma 28:25']],
      ['main.alloy', []],
    ]);
  });

  it('--check-format reports each unformatted configuration at its first line', () => {
    const directory = join(temp.path, 'format');
    mkdirSync(directory);
    writeFileSync(join(directory, 'values.yaml'), 'alloy-logs:\n  extraConfig: |\n    logging {\n    level = "info"\n    }\nalloy-metrics:\n  extraConfig: |\n    logging {\n      level = "info"\n    }\n');
    const { results } = lintJson(['--check-format', 'values.yaml'], directory);
    expect(results[0]!.messages).toEqual([
      expect.objectContaining({
        ruleId: 'alloy-lint/format',
        line: 3,
        column: 5,
        message: 'the configuration in alloy-logs.extraConfig is not formatted (run: alloy-lint fmt -w values.yaml)',
      }),
    ]);
  });
});

describe.skipIf(noteSkip(!ready, skipReason))('which files are checked', () => {
  let directory: string;
  beforeAll(() => {
    directory = join(temp.path, 'discovery');
    mkdirSync(join(directory, 'chart/templates'), { recursive: true });
    mkdirSync(join(directory, 'docs'));
    writeFileSync(join(directory, 'main.alloy'), 'logging {}\n');
    writeFileSync(join(directory, 'chart/values.yaml'), 'alloy:\n  configMap:\n    content: |\n      logging {}\n');
    writeFileSync(join(directory, 'chart/Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 1.0.0\n');
    writeFileSync(join(directory, 'chart/templates/config.alloy.tmpl'), 'logging {\n  level = "{{ .Values.level }}"\n}\n');
    writeFileSync(join(directory, 'pipeline.yml'), '# language=alloy\npipeline: |\n  logging {}\n');
    writeFileSync(join(directory, 'docs/README.md'), '# Example\n\n```alloy\nlogging {}\n```\n');
    // A Helm chart's template: a Go template rendering YAML, not YAML itself.
    writeFileSync(
      join(directory, 'chart/templates/configmap.yaml'),
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  config.alloy: |\n    {{- .Values.alloy.config | nindent 4 }}\n{{- if .Values.extra }}\n  extra: yes\n{{- end }}\n',
    );
  });

  const listed = (args: string[]): string[] =>
    lintJson(['--verbose', ...args], directory).results.map((result) => result.filePath.slice(directory.length + 1));

  it('a directory search takes .alloy files, templates and the YAML files holding Alloy; Markdown only when named', () => {
    expect(listed(['.'])).toEqual(['chart/templates/config.alloy.tmpl', 'chart/values.yaml', 'main.alloy', 'pipeline.yml']);
    expect(listed(['docs/README.md'])).toEqual(['docs/README.md']);
  });

  it('the templates of a Helm chart are Go templates, not YAML: left out, also when named', () => {
    expect(listed(['chart'])).toEqual(['chart/templates/config.alloy.tmpl', 'chart/values.yaml']);
    expect(runCli(['chart/templates/configmap.yaml'], { cwd: directory })).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(runCli(['fmt', '-t', 'chart/templates/configmap.yaml'], { cwd: directory })).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('a YAML file without Alloy is left out quietly, also when named (pre-commit passes every YAML file)', () => {
    const result = runCli(['chart/Chart.yaml', 'main.alloy'], { cwd: directory });
    expect(result).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(listed(['chart/Chart.yaml', 'main.alloy'])).toEqual(['main.alloy']);
    expect(runCli(['chart/Chart.yaml'], { cwd: directory })).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('--no-embedded and the configuration\'s "embedded" choose the kinds', () => {
    expect(listed(['--no-embedded', '.'])).toEqual(['main.alloy']);
    expect(listed(['--no-embedded', 'chart/values.yaml', 'main.alloy'])).toEqual(['main.alloy']);
    writeFileSync(join(directory, '.alloy-lint.json'), '{"embedded": {"templates": false}}');
    try {
      expect(listed(['.'])).toEqual(['chart/values.yaml', 'main.alloy', 'pipeline.yml']);
    } finally {
      writeFileSync(join(directory, '.alloy-lint.json'), '{}');
    }
  });

  it('"yamlKeys" replaces the default keys, --yaml-key adds one; --print-config shows both settings', () => {
    writeFileSync(join(directory, 'custom.yaml'), 'agent:\n  pipeline: |\n    logging {}\n');
    try {
      expect(listed(['custom.yaml'])).toEqual([]);
      expect(listed(['--yaml-key', 'agent.pipeline', 'custom.yaml'])).toEqual(['custom.yaml']);
      writeFileSync(join(directory, '.alloy-lint.json'), '{"yamlKeys": ["pipeline"]}');
      expect(listed(['custom.yaml', 'chart/values.yaml'])).toEqual(['custom.yaml']);
      const printed = JSON.parse(runCli(['--print-config', 'custom.yaml', '--yaml-key', 'extraConfig'], { cwd: directory }).stdout) as Record<string, unknown>;
      expect(printed).toMatchObject({
        yamlKeys: ['pipeline', 'extraConfig'],
        embedded: { yaml: true, templates: true, markdown: true },
      });
    } finally {
      writeFileSync(join(directory, '.alloy-lint.json'), '{}');
    }
    const defaults = JSON.parse(runCli(['--print-config', 'main.alloy', '--no-embedded'], { cwd: directory }).stdout) as Record<string, unknown>;
    expect(defaults).toMatchObject({
      yamlKeys: ['config.alloy', '*.alloy', 'alloy.configMap.content', 'extraConfig', '*ExtraConfig'],
      embedded: { yaml: false, templates: false, markdown: false },
    });
  });

  it('a bad "yamlKeys" or "embedded" stops the run with the file, line and column', () => {
    writeFileSync(join(directory, '.alloy-lint.json'), '{\n  "embedded": {"helm": true}\n}\n');
    try {
      expect(runCli(['main.alloy'], { cwd: directory })).toMatchObject({
        status: 2,
        stderr: `alloy-lint: config ${join(directory, '.alloy-lint.json')}: unknown kind "helm" in "embedded" (expected "yaml", "templates", "markdown") at line 2, column 16\n`,
      });
    } finally {
      writeFileSync(join(directory, '.alloy-lint.json'), '{}');
    }
  });

  it('a directory with YAML files but no Alloy is "no Alloy files found"', () => {
    const empty = join(temp.path, 'no-alloy');
    mkdirSync(empty);
    writeFileSync(join(empty, 'Chart.yaml'), 'apiVersion: v2\n');
    expect(runCli(['.'], { cwd: empty })).toMatchObject({
      status: 2,
      stderr: 'alloy-lint: no Alloy files (.alloy, .river, Alloy templates, YAML holding Alloy) found in . (ignored files and node_modules are skipped)\n',
    });
  });

  it('standard input named values.yaml is checked as YAML', () => {
    const { results } = lintJson(['--stdin-filename', 'values.yaml', '-'], directory, 'alloy:\n  configMap:\n    content: |\n      logging {\n        level = "loud"\n      }\n');
    expect(places(results[0])).toEqual([expect.stringMatching(/ 5:17$/)]);
  });
});

describe.skipIf(noteSkip(!ready, skipReason))('rewriting: --fix and fmt change only the configurations', () => {
  it('--fix of a values file fixes and formats inside the scalars, every other line untouched', () => {
    const directory = fixtureCopy();
    const path = join(directory, 'k8s-monitoring/values.yaml');
    const before = readFileSync(path, 'utf8');
    const result = lintJson(['--fix', 'k8s-monitoring/values.yaml'], directory);
    const after = readFileSync(path, 'utf8');
    expect(changedLines(before, after)).toEqual([34, 42]);
    expect(after.split('\n')[33]).toBe('        cluster = "demo-cluster",');
    expect(after.split('\n')[41]).toBe('    // drop the noisy health checks');
    expect(places(result.results[0])).toEqual(['alloy/unresolved-reference 61:21', 'alloy/unknown-component 70:5']);
  });

  it('fmt -w of a values file changes only the lines inside the scalars, indented with spaces as they were', () => {
    const directory = join(temp.path, 'fmt-values');
    mkdirSync(directory);
    const before = [
      '# settings',
      'alloy-metrics:',
      '  enabled: true',
      '  extraConfig: |',
      '    prometheus.exporter.unix "node" {  }',
      '',
      '    prometheus.scrape "node" {',
      '        targets = prometheus.exporter.unix.node.targets',
      '      forward_to = []',
      '    }',
      '  resources: {}   # keep this comment',
      'alloy-logs:',
      '  extraConfig: |-',
      '      logging {',
      '       level = "info"',
      '      }',
      '',
      '',
      'other: value',
      '',
    ].join('\n');
    writeFileSync(join(directory, 'values.yaml'), before);
    const printed = runCli(['fmt', 'values.yaml'], { cwd: directory });
    expect(printed).toMatchObject({ status: 0, stderr: '' });
    expect(changedLines(before, printed.stdout)).toEqual([5, 8, 15]);
    expect(printed.stdout.split('\n').slice(4, 10)).toEqual([
      '    prometheus.exporter.unix "node" { }',
      '',
      '    prometheus.scrape "node" {',
      '      targets    = prometheus.exporter.unix.node.targets',
      '      forward_to = []',
      '    }',
    ]);
    expect(printed.stdout.split('\n').slice(13, 16)).toEqual(['      logging {', '        level = "info"', '      }']);
    expect(runCli(['fmt', '-t', 'values.yaml'], { cwd: directory })).toMatchObject({ status: 1, stderr: 'Error: file values.yaml is not formatted correctly\n' });
    expect(runCli(['fmt', '-w', 'values.yaml'], { cwd: directory })).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(directory, 'values.yaml'), 'utf8')).toBe(printed.stdout);
    expect(runCli(['fmt', '-t', 'values.yaml'], { cwd: directory })).toMatchObject({ status: 0, stderr: '' });
    expect(lintJson(['--check-format', 'values.yaml'], directory).results[0]!.messages).toEqual([]);
    // Standard input, named: the whole host comes back.
    expect(runCli(['fmt', '--stdin-filename', 'values.yaml'], { cwd: directory, input: before })).toMatchObject({ status: 0, stdout: printed.stdout });
  });

  it('fmt of a file whose Alloy does not parse, or whose tags cannot be put back: Error with host positions, exit 1, no write', () => {
    const directory = fixtureCopy();
    const helm = join(directory, 'helm-alloy/values.yaml');
    const helmBefore = readFileSync(helm, 'utf8');
    const result = runCli(['fmt', '-w', 'helm-alloy/values.yaml'], { cwd: directory });
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe("helm-alloy/values.yaml:16:7: illegal character U+0023 '#'");
    expect(result.stderr.endsWith('Error: encountered errors during formatting\n')).toBe(true);
    expect(readFileSync(helm, 'utf8')).toBe(helmBefore);

    const configmap = join(directory, 'kubernetes/configmap.yaml');
    const configmapBefore = readFileSync(configmap, 'utf8');
    for (const args of [['fmt', '-w'], ['fmt'], ['fmt', '-t']]) {
      const syntaxError = runCli([...args, 'kubernetes/configmap.yaml'], { cwd: directory });
      expect(syntaxError).toMatchObject({
        status: 1,
        stdout: '',
        stderr: "kubernetes/configmap.yaml:28:25: missing ',' in field list\nError: encountered errors during formatting\n",
      });
    }
    expect(readFileSync(configmap, 'utf8')).toBe(configmapBefore);

    // A tag spanning lines in the middle of a value: the formatter would split its mask.
    const split = join(directory, 'split.yaml');
    const splitBefore = 'extraConfig: |\n  logging {\n  level = {{ .Values.level\n    | quote }}\n  }\n';
    writeFileSync(split, splitBefore);
    for (const args of [['fmt', '-w'], ['fmt'], ['fmt', '-t']]) {
      expect(runCli([...args, 'split.yaml'], { cwd: directory })).toMatchObject({
        status: 1,
        stdout: '',
        stderr:
          'split.yaml:3:11: not formatted: the template tag {{ .Values.level… (spanning lines) (line 2 of extraConfig) would be split or moved by formatting (a tag spanning lines in the middle of a value?); write it on one line, or on lines of its own\nError: encountered errors during formatting\n',
      });
    }
    expect(readFileSync(split, 'utf8')).toBe(splitBefore);
    // --check-format says so too, and --fix leaves the file alone.
    expect(lintJson(['--check-format', 'split.yaml'], directory).results[0]!.messages.map((message) => message.message)).toEqual([
      expect.stringMatching(/^the configuration in extraConfig is not formatted \(alloy-lint cannot format it: the template tag \{\{ \.Values\.level… \(spanning lines\)/),
    ]);
    expect(lintJson(['--fix', 'split.yaml'], directory).status).toBe(0);
    expect(readFileSync(split, 'utf8')).toBe(splitBefore);
  });

  it('--fix of a values file with placeholders fixes and formats around the tags, keeping each tag', () => {
    const directory = fixtureCopy();
    const path = join(directory, 'helm-alloy/values.yaml');
    const before = readFileSync(path, 'utf8');
    const result = lintJson(['--fix', 'helm-alloy/values.yaml'], directory);
    const after = readFileSync(path, 'utf8');
    expect(changedLines(before, after)).toEqual([16, 38]);
    expect(after.split('\n')[15]).toBe('      // keep only the pods that ask to be scraped');
    expect(after.split('\n')[37]).toBe('          cluster = "{{ .Values.cluster.name }}",');
    expect(places(result.results[0])).toEqual(['alloy/unresolved-reference 28:22', 'alloy/unknown-component 43:7']);
    expect(runCli(['fmt', '-t', 'helm-alloy/values.yaml'], { cwd: directory })).toMatchObject({ status: 0, stderr: '' });
  });
});

describe.skipIf(noteSkip(!ready, skipReason))('formatting that keeps template placeholders: only the Alloy around the tags changes', () => {
  const helmValues = [
    '# values of the grafana/alloy chart',
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
    '      discovery.kubernetes "pods" {',
    '      role = "pod"',
    '      }',
    '      prometheus.remote_write "default" {',
    '        endpoint {',
    '          url = "{{ .Values.remoteWriteUrl }}"',
    '        }',
    '      }',
    '  clustering:',
    '    enabled: false   # keep',
    '',
  ].join('\n');
  const jinja = [
    '{# Managed by Ansible: edit the role, not this file #}',
    '{% for job in alloy_scrape_jobs %}',
    'prometheus.scrape "{{ job.name }}" {',
    'targets = [{"__address__" = "{{ job.address }}"}]',
    '  forward_to = [prometheus.remote_write.default.receiver]',
    '}',
    '{% endfor %}',
    'prometheus.remote_write "default" {',
    '   endpoint {',
    '      url = {{ alloy_remote_write_url | to_json }}',
    '   }',
    '}',
    '',
  ].join('\n');
  const terraform = '%{ for name, url in endpoints ~}\nloki.write "${name}" {\nendpoint {\nurl = "${url}"\n}\n}\n%{ endfor ~}\nlogging {\nlevel = ${level}\n}\n';
  const cases = [
    { name: 'values.yaml', text: helmValues, tags: /\{\{[\s\S]*?\}\}/g },
    { name: 'config.alloy.j2', text: jinja, tags: /\{[{%#][\s\S]*?[}%#]\}/g },
    { name: 'config.alloy.tftpl', text: terraform, tags: /[$%]\{[^}]*\}/g },
  ];

  it.each(cases)('$name: fmt, fmt -w, fmt -t, --check-format and a second format', ({ name, text, tags }) => {
    const directory = makeTempDir('alloy-lint-placeholders-');
    try {
      const path = join(directory.path, name);
      writeFileSync(path, text);
      expect(runCli(['fmt', '-t', name], { cwd: directory.path })).toMatchObject({ status: 1, stderr: `Error: file ${name} is not formatted correctly\n` });
      expect(lintJson(['--check-format', name], directory.path).results[0]!.messages.map((message) => message.ruleId)).toContain('alloy-lint/format');
      const printed = runCli(['fmt', name], { cwd: directory.path });
      expect(printed).toMatchObject({ status: 0, stderr: '' });
      expect(printed.stdout).not.toBe(text);
      // Every tag byte for byte, in the same order.
      expect(printed.stdout.match(tags)).toEqual(text.match(tags));
      expect(runCli(['fmt', '-w', name], { cwd: directory.path })).toMatchObject({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(path, 'utf8')).toBe(printed.stdout);
      // Formatted: a no-op, exit 0, in every case.
      expect(runCli(['fmt', '-t', name], { cwd: directory.path })).toMatchObject({ status: 0, stderr: '' });
      expect(runCli(['fmt', name], { cwd: directory.path })).toMatchObject({ status: 0, stdout: printed.stdout });
      expect(runCli(['fmt', '--stdin-filename', name], { cwd: directory.path, input: printed.stdout })).toMatchObject({ status: 0, stdout: printed.stdout });
      expect(lintJson(['--check-format', name], directory.path).results[0]!.messages.filter((message) => message.ruleId === 'alloy-lint/format')).toEqual([]);
      expect(lintJson(['--fix', name], directory.path).results[0]!.output).toBeUndefined();
      expect(readFileSync(path, 'utf8')).toBe(printed.stdout);
    } finally {
      directory.remove();
    }
  });

  it('the README\'s before and after hold', () => {
    const readme = readFileSync(join(repoRoot, 'packages/alloy-lint/README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('**Template placeholders are kept.**'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)![1]!.split('\n').filter((line) => line !== '');
    const split = block[0]!.indexOf('# after');
    const column = (from: number, to?: number): string => `${block.slice(1).map((line) => line.slice(from, to).trimEnd()).join('\n')}\n`;
    const printed = runCli(['fmt', '--stdin-filename', 'values.yaml'], { cwd: temp.path, input: column(0, split) });
    expect(printed).toMatchObject({ status: 0, stdout: column(split) });
  });

  it('values.yaml: only the lines of the Alloy around the tags change, indented with the scalar\'s spaces', () => {
    const printed = runCli(['fmt', '--stdin-filename', 'values.yaml'], { cwd: temp.path, input: helmValues });
    expect(printed).toMatchObject({ status: 0, stderr: '' });
    const lines = helmValues.split('\n');
    lines[5] = '        targets    = discovery.kubernetes.pods.targets';
    lines[6] = '        job_name   = {{ .Values.jobName | quote }}';
    lines[9] = '        scrape_interval = "{{ .Values.interval }}"';
    lines[15] = '        role = "pod"';
    // alloy fmt puts a blank line between two blocks.
    lines.splice(17, 0, '');
    expect(printed.stdout).toBe(lines.join('\n'));
  });
});

/** Bad host files: a clear problem at its position, no crash, and never a rewrite. */
const badInputs: { name: string; text: string; expected: string[]; status: number }[] = [
  {
    name: 'invalid YAML',
    text: 'data:\n  config.alloy: |\n    # a comment alloy-lint would fix\n    logging {}\n  other: [unclosed\n',
    expected: ['alloy-lint/invalid-yaml 6:1'],
    status: 1,
  },
  {
    // The valid document's Alloy is still checked (its fixable # comment reported), but the file is
    // never rewritten, and so no fix is offered.
    name: 'invalid YAML in another document',
    text: 'data:\n  config.alloy: |\n    # fixable, in a valid document\n    logging {}\n---\nother: [unclosed\n',
    expected: ['syntax/hash-comment 3:5', 'syntax/unexpected-token 3:5', 'alloy-lint/invalid-yaml 7:1'],
    status: 1,
  },
  {
    name: 'tabs in indentation',
    text: 'data:\n\tconfig.alloy: |\n\t  # fixable\n\t  logging {}\n',
    expected: ['alloy-lint/invalid-yaml 2:1', 'alloy-lint/invalid-yaml 3:1', 'alloy-lint/invalid-yaml 4:1', 'alloy-lint/invalid-yaml 4:4'],
    status: 1,
  },
  {
    name: 'anchors and aliases',
    text: 'alloy-metrics:\n  extraConfig: &shared |\n    prometheus.exporter.unix "node" { }\nalloy-logs:\n  extraConfig: *shared\n',
    expected: ['alloy-lint/embedded-alias 5:16'],
    status: 0,
  },
  {
    name: 'flow scalars',
    text: 'data:\n  config.alloy: "logging {\\n  level = 1\\n}\\n"\n  other.alloy: \'# x\'\n',
    expected: ['alloy-lint/embedded-not-checked 2:17', 'alloy-lint/embedded-not-checked 3:16'],
    status: 0,
  },
  {
    name: 'a key holding a number',
    text: 'data:\n  config.alloy: 42\n',
    expected: ['alloy-lint/embedded-not-text 2:17'],
    status: 1,
  },
  {
    name: 'a folded scalar',
    text: 'data:\n  config.alloy: >\n    # fixable\n    logging {}\n',
    expected: ['alloy-lint/embedded-not-checked 2:17'],
    status: 0,
  },
];

describe.skipIf(noteSkip(!ready, skipReason))('bad host files', () => {
  it.each(badInputs)('$name: a clear problem at its position, no crash, no rewrite', ({ text, expected, status }) => {
    const directory = makeTempDir('alloy-lint-bad-yaml-');
    try {
      const path = join(directory.path, 'values.yaml');
      writeFileSync(path, text);
      const result = lintJson(['values.yaml'], directory.path);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(status);
      expect(places(result.results[0])).toEqual(expected);
      for (const message of result.results[0]!.messages) expect(message.message.length).toBeGreaterThan(20);
      expect(result.results[0]!.fixableErrorCount).toBe(0);

      expect(lintJson(['--fix', 'values.yaml'], directory.path).status).toBe(status);
      expect(readFileSync(path, 'utf8')).toBe(text);
      const fmt = runCli(['fmt', '-w', 'values.yaml'], { cwd: directory.path });
      expect(fmt.stderr).not.toContain('internal error');
      expect(readFileSync(path, 'utf8')).toBe(text);
    } finally {
      directory.remove();
    }
  });
});
