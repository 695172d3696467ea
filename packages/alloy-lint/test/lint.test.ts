import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkerBuilt,
  cliBuilt,
  fixturesDir,
  formatterBuilt,
  makeTempDir,
  noteSkip,
  runCli,
  syntaxBuilt,
} from './helpers.js';

const require = createRequire(import.meta.url);
type AjvClass = typeof AjvDraft04.default;
const Ajv: AjvClass = (AjvDraft04 as unknown as { default?: AjvClass }).default ?? (AjvDraft04 as unknown as AjvClass);
type AddFormats = typeof ajvFormats.default;
const addFormats: AddFormats = (ajvFormats as unknown as { default?: AddFormats }).default ?? (ajvFormats as unknown as AddFormats);

const projectDir = join(fixturesDir, 'project');
const ready = cliBuilt && syntaxBuilt && checkerBuilt && formatterBuilt;
const skipReason = 'needs the built CLI, @alloy-toolkit/syntax, @alloy-toolkit/checker and prettier-plugin-alloy (dist/index.js)';

interface JsonMessage {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  output?: string;
}

function lintJson(args: string[], cwd = projectDir, input?: string): { status: number; results: JsonResult[]; stderr: string } {
  const result = runCli(['--format', 'json', ...args], { cwd, input });
  let results: JsonResult[] = [];
  try {
    results = JSON.parse(result.stdout) as JsonResult[];
  } catch {
    throw new Error(`not JSON (exit ${result.status}): ${result.stdout}\n${result.stderr}`);
  }
  return { status: result.status, results, stderr: result.stderr };
}

/** Report text with the machine-specific fixture path replaced, for snapshots. */
function portable(text: string): string {
  return text.split(projectDir).join('<project>');
}

describe.skipIf(noteSkip(!ready, skipReason))('alloy-lint on fixture projects', () => {
  it('a valid configuration: exit 0 and no output', () => {
    expect(runCli(['valid'], { cwd: projectDir })).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('errors: exit 1, stylish report with the summary line', () => {
    const result = runCli(['errors'], { cwd: projectDir });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('errors/config.alloy\n');
    expect(result.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('reports the seed mistakes: # comment, missing comma, unknown component', () => {
    const { results } = lintJson(['errors/config.alloy']);
    const messages = results[0]!.messages;
    expect(messages.find((m) => m.line === 1)?.message).toContain("illegal character U+0023 '#'");
    expect(messages.find((m) => m.line === 5)?.message).toContain('prometheus.exporter.unix.hots');
    expect(messages.some((m) => m.line === 15 || m.line === 16)).toBe(true);
    expect(messages.filter((m) => m.severity === 2).length).toBe(results[0]!.errorCount);
  });

  // Byte-exact snapshots of every format live in formatters.test.ts (fixed reports); here each
  // format of a real run must agree with the JSON report on the number of problems.
  it.each([
    ['stylish', (out: string) => Number(/✖ (\d+) problems?/.exec(out)?.[1] ?? 0)],
    ['sarif', (out: string) => (JSON.parse(out) as { runs: Array<{ results: unknown[] }> }).runs[0]!.results.length],
    ['github', (out: string) => out.split('\n').filter((line) => /^::(error|warning|notice) file=/.test(line)).length],
    ['checkstyle', (out: string) => (out.match(/<error line=/g) ?? []).length],
    ['junit', (out: string) => (out.match(/<(error|failure) message=/g) ?? []).length],
  ] as const)('%s output of a real run reports every problem', (format, count) => {
    const expected = lintJson(['errors', 'valid']).results.reduce((sum, result) => sum + result.messages.length, 0);
    expect(expected).toBeGreaterThan(0);
    const result = runCli(['--format', format, 'errors', 'valid'], { cwd: projectDir });
    expect(result.status).toBe(1);
    expect(count(portable(result.stdout))).toBe(expected);
  });

  it('--verbose adds code frames', () => {
    const result = runCli(['--verbose', 'errors'], { cwd: projectDir });
    expect(result.stdout).toContain('> 1 | # Node metrics for the edge hosts');
    expect(result.stdout).toMatch(/\n\s+\| \^\n/);
  });

  it('sarif output of a real run is valid SARIF 2.1.0 with rule help links', () => {
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const log = JSON.parse(runCli(['-f', 'sarif', 'errors', 'valid', 'suppressed'], { cwd: projectDir }).stdout) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } }; results: unknown[] }>;
    };
    expect(ajv.validate(schema, log)).toBe(true);
    expect(log.runs[0]!.results.length).toBeGreaterThan(0);
    for (const rule of log.runs[0]!.tool.driver.rules) expect(rule.helpUri, rule.id).toMatch(/^https:\/\//);
  });

  it('colours: only with FORCE_COLOR or --color when piped, never with NO_COLOR', () => {
    expect(runCli(['errors'], { cwd: projectDir, env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[31m');
    expect(runCli(['--color', 'errors'], { cwd: projectDir }).stdout).toContain('\u001b[31m');
    expect(runCli(['errors'], { cwd: projectDir, env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(runCli(['errors'], { cwd: projectDir, env: { FORCE_COLOR: '0' } }).stdout).not.toContain('\u001b[');
  });

  it('-o writes the report to a file and nothing to standard output', () => {
    const temp = makeTempDir();
    try {
      const target = join(temp.path, 'reports', 'lint.json');
      const result = runCli(['-f', 'json', '-o', target, 'errors'], { cwd: projectDir });
      expect(result).toMatchObject({ status: 1, stdout: '' });
      expect((JSON.parse(readFileSync(target, 'utf8')) as JsonResult[])[0]!.errorCount).toBeGreaterThan(0);
    } finally {
      temp.remove();
    }
  });

  it('suppressions: used directives hide problems, unused ones are warnings', () => {
    const { status, results } = lintJson(['suppressed']);
    const messages = results[0]!.messages;
    expect(messages.some((m) => m.line === 3)).toBe(false);
    expect(messages).toContainEqual(
      expect.objectContaining({
        ruleId: 'alloy-lint/unused-suppression',
        severity: 1,
        line: 7,
        message: "unused alloy-lint-disable-next-line directive (no problems were reported from 'alloy/not-a-rule')",
      }),
    );
    expect(status).toBe(results[0]!.errorCount > 0 ? 1 : 0);
  });

  it('--max-warnings turns too many warnings into exit 1', () => {
    const base = lintJson(['suppressed']);
    expect(base.results[0]!.errorCount).toBe(0);
    expect(base.status).toBe(0);
    const strict = runCli(['--max-warnings', '0', 'suppressed'], { cwd: projectDir });
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('alloy-lint found too many warnings (maximum: 0).');
    expect(runCli(['--max-warnings', '5', 'suppressed'], { cwd: projectDir }).status).toBe(0);
  });

  it('--quiet reports errors only; configuration can switch a rule off', () => {
    expect(runCli(['--quiet', 'suppressed'], { cwd: projectDir }).stdout).toBe('');
    const off = lintJson(['--rule', 'alloy-lint/unused-suppression=off', 'suppressed']);
    expect(off.results[0]!.messages).toEqual([]);
    const temp = makeTempDir();
    try {
      cpSync(join(projectDir, 'suppressed'), temp.path, { recursive: true });
      writeFileSync(join(temp.path, '.alloy-lint.json'), '{"rules": {"alloy-lint/unused-suppression": "error"}}');
      const escalated = lintJson(['config.alloy'], temp.path);
      expect(escalated.status).toBe(1);
      expect(escalated.results[0]!.messages[0]).toMatchObject({ ruleId: 'alloy-lint/unused-suppression', severity: 2 });
      writeFileSync(join(temp.path, '.alloy-lint.json'), '{"ignorePatterns": ["config.alloy"]}');
      expect(runCli(['--no-error-on-unmatched-pattern', '.'], { cwd: temp.path })).toMatchObject({ status: 0, stdout: '' });
    } finally {
      temp.remove();
    }
  });

  it('references resolve across the files of one directory', () => {
    expect(lintJson(['siblings/pipeline.alloy']).results[0]!.errorCount).toBe(0);
    const alone = makeTempDir();
    try {
      cpSync(join(projectDir, 'siblings', 'pipeline.alloy'), join(alone.path, 'pipeline.alloy'));
      const { status, results } = lintJson(['pipeline.alloy'], alone.path);
      expect(status).toBe(1);
      expect(results[0]!.messages.map((m) => m.message).join('\n')).toContain('prometheus.exporter.unix.host');
    } finally {
      alone.remove();
    }
  });

  it('--directory-config checks a directory strictly as one configuration', () => {
    const strict = lintJson(['--directory-config', 'duplicates']);
    expect(strict.status).toBe(1);
    expect(strict.results.map((result) => result.errorCount).reduce((a, b) => a + b)).toBeGreaterThan(0);
    expect(lintJson(['--directory-config', 'siblings']).status).toBe(0);
  });

  it('standard input: "-" and --stdin with --stdin-filename', () => {
    const text = readFileSync(join(projectDir, 'siblings', 'pipeline.alloy'), 'utf8');
    const anonymous = lintJson(['-'], projectDir, text);
    expect(anonymous.results[0]!.filePath).toBe('<stdin>');
    expect(anonymous.status).toBe(1);
    const named = lintJson(['--stdin', '--stdin-filename', 'siblings/other.alloy'], projectDir, text);
    expect(named.results[0]!.filePath).toBe(join(projectDir, 'siblings', 'other.alloy'));
    expect(named.status).toBe(0);
    expect(runCli(['-'], { cwd: projectDir, input: 'logging {\n  level = "info"\n}\n' }).status).toBe(0);
    // Alloy accepts only blocks at the top level of a file.
    expect(runCli(['-'], { cwd: projectDir, input: 'a = 1\n' }).status).toBe(1);
  });

  it('--check-format names each unformatted file', () => {
    const result = runCli(['--check-format', 'unformatted', 'valid'], { cwd: projectDir });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('unformatted/config.alloy');
    expect(result.stdout).toContain('file is not formatted (run: alloy-lint fmt -w unformatted/config.alloy)');
    expect(result.stdout).not.toContain('valid/config.alloy');
    expect(runCli(['--check-format', 'valid'], { cwd: projectDir }).status).toBe(0);
  });
});

describe.skipIf(noteSkip(!ready, skipReason))('alloy-lint --fix', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir();
    cpSync(projectDir, temp.path, { recursive: true });
  });
  afterAll(() => temp.remove());

  it('--fix-dry-run prints a unified diff and writes nothing', () => {
    const before = readFileSync(join(temp.path, 'errors/config.alloy'), 'utf8');
    const result = runCli(['--fix-dry-run', 'errors'], { cwd: temp.path });
    expect(result.stdout).toContain('--- a/errors/config.alloy\n+++ b/errors/config.alloy\n@@ -1,');
    expect(result.stdout).toContain('-# Node metrics for the edge hosts\n+// Node metrics for the edge hosts\n');
    expect(readFileSync(join(temp.path, 'errors/config.alloy'), 'utf8')).toBe(before);
    const json = lintJson(['--fix-dry-run', 'errors'], temp.path);
    expect(json.results[0]!.output).toContain('// Node metrics');
  });

  it('--fix rewrites the file atomically, keeping its mode, only with text that parses', () => {
    const file = join(temp.path, 'errors/config.alloy');
    chmodSync(file, 0o640);
    const result = runCli(['--fix', 'errors'], { cwd: temp.path });
    const fixed = readFileSync(file, 'utf8');
    expect(fixed.startsWith('// Node metrics for the edge hosts\n')).toBe(true);
    expect(fixed).toMatch(/cluster = "edge",\n/);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(temp.path, 'errors'))).toEqual(['config.alloy']);
    // What is left is the unknown component, which has no safe fix.
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('prometheus.exporter.unix.hots');
    expect(result.stdout).not.toContain('U+0023');
  });

  it('--fix never rewrites a file when nothing changes', () => {
    const file = join(temp.path, 'valid/config.alloy');
    const before = statSync(file);
    expect(runCli(['--fix', 'valid'], { cwd: temp.path }).status).toBe(0);
    const after = statSync(file);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it('--fix formats files', () => {
    expect(runCli(['--fix', 'unformatted'], { cwd: temp.path }).status).toBe(0);
    expect(runCli(['--check-format', 'unformatted'], { cwd: temp.path }).status).toBe(0);
  });

  it('--fix leaves a file alone when the result would not parse', () => {
    const file = join(temp.path, 'broken.alloy');
    const text = '# comment\nprometheus.scrape "x" {\n  targets = [\n';
    writeFileSync(file, text);
    const result = runCli(['--fix', 'broken.alloy'], { cwd: temp.path });
    expect(result.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe.skipIf(noteSkip(!ready, skipReason))('bad input', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir();
    writeFileSync(join(temp.path, 'good.alloy'), 'logging {\n\tlevel = "info"\n}\n');
  });
  afterAll(() => temp.remove());

  it('a dangling symbolic link is an unreadable file: exit 1, the other files are still checked', () => {
    const dir = join(temp.path, 'dangling');
    cpSync(join(temp.path, 'good.alloy'), join(dir, 'good.alloy'), { recursive: true });
    symlinkSync(join(dir, 'nowhere.alloy'), join(dir, 'broken.alloy'));
    const { status, results } = lintJson(['dangling'], temp.path);
    expect(status).toBe(1);
    expect(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => m.ruleId)])).toEqual([
      ['broken.alloy', ['alloy-lint/unreadable-file']],
      ['good.alloy', []],
    ]);
    expect(results[0]!.messages[0]!.message).toBe('cannot read file: no such file (dangling symbolic link?)');
  });

  it('a file without read permission is reported (when not running as root)', () => {
    const file = join(temp.path, 'secret.alloy');
    writeFileSync(file, 'logging { }\n');
    chmodSync(file, 0o000);
    const { status, results } = lintJson(['secret.alloy'], temp.path);
    if (process.getuid?.() === 0) {
      console.log('[alloy-lint tests] running as root: chmod 000 does not stop reads; checked the dangling link instead');
      expect(status).toBe(0);
    } else {
      expect(status).toBe(1);
      expect(results[0]!.messages[0]!.message).toBe('cannot read file: permission denied');
    }
    chmodSync(file, 0o644);
  });

  it('a binary file (NUL bytes) gets a clear error at the first NUL', () => {
    writeFileSync(join(temp.path, 'blob.alloy'), Buffer.from([0x61, 0x20, 0x3d, 0x0a, 0x00, 0x01, 0x02]));
    const { status, results } = lintJson(['blob.alloy'], temp.path);
    expect(status).toBe(1);
    expect(results[0]!.messages).toEqual([
      expect.objectContaining({
        ruleId: 'alloy-lint/binary-file',
        line: 2,
        column: 1,
        message: 'binary file (contains a NUL byte); not an Alloy configuration',
      }),
    ]);
  });

  it('invalid UTF-8 is refused with the position of the bad byte', () => {
    writeFileSync(join(temp.path, 'latin1.alloy'), Buffer.concat([Buffer.from('logging {\n\tformat = "'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]));
    const { status, results } = lintJson(['latin1.alloy'], temp.path);
    expect(status).toBe(1);
    expect(results[0]!.messages).toEqual([
      expect.objectContaining({ ruleId: 'alloy-lint/invalid-utf8', message: 'illegal UTF-8 encoding', line: 2, column: 12 }),
    ]);
  });

  it('a 50 MB file is reported as too large, not loaded', () => {
    const file = join(temp.path, 'huge.alloy');
    const line = 'prometheus.exporter.unix "h" { }\n';
    writeFileSync(file, line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
    expect(statSync(file).size).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    const { status, results } = lintJson(['huge.alloy', 'good.alloy'], temp.path);
    expect(status).toBe(1);
    expect(results[0]!.messages[0]).toMatchObject({ ruleId: 'alloy-lint/file-too-large' });
    expect(results[0]!.messages[0]!.message).toMatch(/^file is too large to check \(\d+ bytes; the limit is 33554432, see --max-file-size\)$/);
    expect(results[1]!.messages).toEqual([]);
  });

  it('a file that is not Alloy at all gets syntax errors, not a crash', () => {
    writeFileSync(join(temp.path, 'yaml.alloy'), 'server:\n  http_listen_port: 9080\n- job: [unclosed\n');
    const result = runCli(['yaml.alloy'], { cwd: temp.path });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('yaml.alloy');
  });
});

describe.skipIf(noteSkip(!ready, skipReason))('rules and graph', () => {
  it('rules lists every rule with code, default severity and one line', () => {
    const result = runCli(['rules']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const json = JSON.parse(runCli(['rules', '--format', 'json']).stdout) as Array<{ code: string; defaultSeverity: string }>;
    expect(lines).toHaveLength(json.length);
    expect(json.some((rule) => rule.code === 'alloy-lint/unused-suppression')).toBe(true);
    json.forEach((rule, index) => {
      expect(lines[index]).toMatch(new RegExp(`^${rule.code.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+${rule.defaultSeverity}\\s+\\S`));
    });
  });

  it('graph prints the pipeline as a Mermaid flowchart', () => {
    const result = runCli(['graph', 'valid/config.alloy'], { cwd: projectDir });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('flowchart LR');
    expect(result.stdout).toContain('["prometheus.exporter.unix.host"]');
    expect(result.stdout).toMatch(/prometheus_exporter_unix_host -->\|targets\| prometheus_scrape_host/);
    expect(result.stdout).toMatch(/prometheus_scrape_host -->\|receiver\| prometheus_remote_write_central/);
  });

  it('graph of a directory joins its files; --format dot prints Graphviz', () => {
    const result = runCli(['graph', 'siblings', '--format', 'dot'], { cwd: projectDir });
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith('digraph alloy {\n')).toBe(true);
    expect(result.stdout).toContain('"prometheus.exporter.unix.host" -> "prometheus.scrape.host" [label="targets"];');
  });
});

describe.skipIf(noteSkip(!ready, skipReason))('fixture files are what they claim', () => {
  it('valid and siblings are formatted exactly as alloy fmt formats them', () => {
    for (const file of ['valid/config.alloy', 'siblings/exporter.alloy', 'siblings/pipeline.alloy']) {
      const result = runCli(['fmt', '-t', file], { cwd: projectDir });
      expect(result, file).toMatchObject({ status: 0, stderr: '' });
    }
    expect(existsSync(join(projectDir, 'unformatted/config.alloy'))).toBe(true);
  });
});
