/**
 * Hostile command lines and configurations: report paths that cannot be created, `--debug` before
 * a subcommand, unknown rule codes, `graph` of files that do not parse, and control characters
 * (terminal escapes, bidi overrides) in configuration values, file names and messages.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closestRuleCode } from '../src/config.js';
import type { Diagnostic } from '../src/engine.js';
import { escapeTerminalLines, escapeTerminalText } from '../src/formatters/escape.js';
import { loadReportFormatter, type FormatContext } from '../src/formatters/index.js';
import { renderGraph } from '../src/graph.js';
import type { FileReport } from '../src/lint.js';
import { checkerBuilt, cliBuilt, cliPath, formatterBuilt, makeTempDir, noteSkip, type RunResult } from './helpers.js';

const RUN_LIMIT_MS = 20_000;

interface BoundedResult extends RunResult {
  timedOut: boolean;
}

function runBounded(args: readonly string[], cwd: string): BoundedResult {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NO_COLOR'];
  delete env['FORCE_COLOR'];
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, env, input: '', encoding: 'utf8', timeout: RUN_LIMIT_MS, killSignal: 'SIGKILL' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, timedOut: result.signal === 'SIGKILL' };
}

/** Characters a terminal acts on: C0 (but line feed), DEL, C1, and the bidi controls. */
const terminalControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The same, allowing the colour sequences the stylish report itself writes (`ESC [ n m`). */
function withoutColours(text: string): string {
  return text.replace(/\u001b\[\d+m/g, '');
}

const ESC = '\u001b';
const BEL = '\u0007';
const titleSequence = `${ESC}]0;owned${BEL}`;
const clearScreen = `${ESC}[2J`;

const position = (line: number, column: number, offset: number) => ({ line, column, offset });

function diagnostic(message: string, hint?: string): Diagnostic {
  return { code: 'alloy/invalid-enum', severity: 'error', message, range: { start: position(2, 11, 20), end: position(2, 14, 23) }, hint };
}

const hostileSource = `// ${titleSequence}\nlevel  = "${clearScreen}\u202efo"\n// \u009b31m and \u007f\n`;
const hostileReport: FileReport = {
  filePath: `/repo/con${clearScreen}fig.alloy`,
  displayPath: `con${clearScreen}fig.alloy`,
  source: hostileSource,
  diagnostics: [
    diagnostic(`unknown level ${titleSequence}\u202e\u2066x\u0085; expected one of "info"`, `try "info" ${clearScreen}\u009b`),
  ],
};
const context: FormatContext = { cwd: '/repo', color: false, verbose: true, rules: new Map(), version: '0.0.0' };

describe('terminal escapes in human-readable output', () => {
  it('escapeTerminalText shows C0, DEL, C1 and bidi controls as visible escapes', () => {
    expect(escapeTerminalText(`a${titleSequence}b${clearScreen}\u007f\u0085\u009b\u202a\u202e\u2066\u2069\t\n\r`)).toBe(
      'a\\x1b]0;owned\\x07b\\x1b[2J\\x7f\\x85\\x9b\\u202a\\u202e\\u2066\\u2069\\x09\\x0a\\x0d',
    );
    expect(escapeTerminalLines(`keep\ttab\nand line feed${ESC}\r`)).toBe('keep\ttab\nand line feed\\x1b\\x0d');
    expect(escapeTerminalText('plain text, ünïcödé, emoji \u{1F600}, U+202F\u202f')).toBe('plain text, ünïcödé, emoji \u{1F600}, U+202F\u202f');
  });

  it('stylish (with --verbose frames and hints) prints no control character, in plain and colour mode', async () => {
    const stylish = await loadReportFormatter('stylish');
    const plain = stylish([hostileReport], context);
    expect(plain).not.toMatch(terminalControl);
    expect(plain).toContain('con\\x1b[2Jfig.alloy');
    expect(plain).toContain('unknown level \\x1b]0;owned\\x07\\u202e\\u2066x\\x85; expected one of "info"');
    expect(plain).toContain('hint: try "info" \\x1b[2J\\x9b');
    expect(plain).toContain('// \\x1b]0;owned\\x07');
    expect(plain).toContain('// \\x9b31m and \\x7f');
    const coloured = stylish([hostileReport], { ...context, color: true });
    expect(withoutColours(coloured)).not.toMatch(terminalControl);
    expect(withoutColours(coloured)).toContain('\\x1b]0;owned\\x07');
  });

  it('the caret of a code frame stays under the problem after escaping', async () => {
    const stylish = await loadReportFormatter('stylish');
    const lines = stylish([hostileReport], context).split('\n');
    const sourceLine = lines.find((line) => line.includes('level  = '))!;
    const caretLine = lines[lines.indexOf(sourceLine) + 1]!;
    // Columns 11..13 of `level  = "ESC[2J...` are `ESC[2`: the escaped text `\x1b[2` is six characters wide.
    const escapedStart = sourceLine.indexOf('\\x1b[2J');
    expect(caretLine.indexOf('^')).toBe(escapedStart);
    expect(caretLine.trimEnd().endsWith('^'.repeat('\\x1b[2'.length))).toBe(true);
  });

  it('graph output (mermaid and dot) escapes control characters in names, labels and exports', () => {
    const graph = {
      nodes: [
        { id: `a.b.${clearScreen}`, name: 'a.b', label: clearScreen, fileName: 'x.alloy' },
        { id: 'c.d.e', name: 'c.d', label: `e\u202e`, fileName: 'x.alloy' },
      ],
      edges: [{ from: `a.b.${clearScreen}`, to: 'c.d.e', export: `out${titleSequence}` }],
    };
    for (const format of ['mermaid', 'dot'] as const) {
      const output = renderGraph(graph, format);
      expect(output, format).not.toMatch(terminalControl);
      expect(output, format).toContain('x1b[2J');
      expect(output, format).toContain('u202e');
    }
  });

  it('machine formats keep their own escaping: github escapes %, CR and LF; XML formats carry only XML 1.0 characters', async () => {
    const report: FileReport = {
      filePath: '/repo/a,b:c%.alloy',
      displayPath: 'a,b:c%.alloy',
      diagnostics: [diagnostic(`100% sure\r\n::error::forged ${ESC}\u0000\u000b\ufffe\ud800 lone`)],
    };
    const github = (await loadReportFormatter('github'))([report], context);
    expect(github.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(github).toContain('file=a%2Cb%3Ac%25.alloy,');
    expect(github).toContain('::100%25 sure%0D%0A::error::forged');
    const xmlForbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    for (const format of ['checkstyle', 'junit'] as const) {
      const xml = (await loadReportFormatter(format))([report], context);
      expect(xml, format).not.toMatch(xmlForbidden);
      expect(xml, format).toContain('100% sure');
    }
  });
});

describe('closestRuleCode', () => {
  const known = ['alloy/unknown-component', 'alloy/unknown-attribute', 'alloy-lint/unused-suppression', 'best-practice/literal-secret'];
  it.each([
    ['alloy/unknwn-component', 'alloy/unknown-component'],
    ['alloy/unknown-atribute', 'alloy/unknown-attribute'],
    ['unused-suppression', 'alloy-lint/unused-suppression'],
    ['best-practice/literal-secrets', 'best-practice/literal-secret'],
  ])('%s -> %s', (code, expected) => {
    expect(closestRuleCode(code, known)).toBe(expected);
  });
});

const ready = cliBuilt && checkerBuilt && formatterBuilt;
describe.skipIf(noteSkip(!ready, 'needs the built CLI, checker and formatter (pnpm --filter alloy-lint build)'))('hostile command lines', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let dir: string;
  beforeEach(() => {
    temp = makeTempDir();
    dir = temp.path;
    writeFileSync(join(dir, 'main.alloy'), 'logging {\n  level = "info"\n}\n');
  });
  afterEach(() => temp.remove());

  it('-o under /proc/nope or under a regular file fails at once with exit 2 and a message', () => {
    const proc = runBounded(['-o', '/proc/nope/x', 'main.alloy'], dir);
    expect(proc.timedOut).toBe(false);
    expect(proc.status).toBe(2);
    expect(proc.stderr).toBe('alloy-lint: cannot write the report to /proc/nope/x: cannot create directory /proc/nope: no such file or directory\n');
    writeFileSync(join(dir, 'file.txt'), 'not a directory');
    const underFile = runBounded(['-o', 'file.txt/x', 'main.alloy'], dir);
    expect(underFile.status).toBe(2);
    expect(underFile.stderr).toBe(`alloy-lint: cannot write the report to file.txt/x: ${join(dir, 'file.txt')} is not a directory\n`);
    const deeper = runBounded(['-o', 'file.txt/x/y/report.json', 'main.alloy'], dir);
    expect(deeper.status).toBe(2);
    expect(deeper.stderr).toBe(`alloy-lint: cannot write the report to file.txt/x/y/report.json: ${join(dir, 'file.txt')} is not a directory\n`);
  });

  it('-o still creates the missing directories of a report path', () => {
    const result = runBounded(['-f', 'json', '-o', 'reports/deep/er/report.json', 'main.alloy'], dir);
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'reports/deep/er/report.json'), 'utf8'))).toHaveLength(1);
  });

  it('--debug before a subcommand works as after it', () => {
    writeFileSync(join(dir, 'ugly.alloy'), 'logging {\nlevel = "info"\n}\n');
    const expected = runBounded(['fmt', 'ugly.alloy'], dir);
    expect(expected.status).toBe(0);
    expect(expected.stdout).toBe('logging {\n\tlevel = "info"\n}\n');
    for (const args of [['--debug', 'fmt', 'ugly.alloy'], ['fmt', '--debug', 'ugly.alloy'], ['--debug', 'fmt', '--debug', 'ugly.alloy']]) {
      const result = runBounded(args, dir);
      expect(result, args.join(' ')).toEqual({ ...expected, timedOut: false });
    }
    const written = runBounded(['--debug', 'fmt', '-w', 'ugly.alloy'], dir);
    expect(written.status).toBe(0);
    expect(readFileSync(join(dir, 'ugly.alloy'), 'utf8')).toBe(expected.stdout);
    expect(runBounded(['--debug', 'rules'], dir).status).toBe(0);
    expect(runBounded(['--debug', 'graph', 'main.alloy'], dir).stdout).toBe('flowchart LR\n');
    expect(runBounded(['--debug', 'main.alloy'], dir).status).toBe(0);
  });

  it('an unknown code given with --rule is exit 2 naming the closest known code', () => {
    const result = runBounded(['--rule', 'alloy/unknwn-component=off', 'main.alloy'], dir);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'alloy-lint: --rule: unknown rule "alloy/unknwn-component" (did you mean "alloy/unknown-component"? "alloy-lint rules" lists them all)\n',
    );
    const ownCode = runBounded(['--rule', 'unreadable-directory=off', 'main.alloy'], dir);
    expect(ownCode.stderr).toContain('did you mean "alloy-lint/unreadable-directory"?');
  });

  it('an unknown code in .alloy-lint.json, a package.json or -c FILE is exit 2 naming the file and the closest code', () => {
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'main.alloy'), 'logging {}\n');
    writeFileSync(join(dir, 'a', '.alloy-lint.json'), '{"rules": {"best-practice/literal-secrets": "off"}}');
    const config = runBounded(['a'], dir);
    expect(config.status).toBe(2);
    expect(config.stderr).toBe(
      `alloy-lint: config ${join(dir, 'a', '.alloy-lint.json')}: unknown rule "best-practice/literal-secrets" (did you mean "best-practice/literal-secret"? "alloy-lint rules" lists them all) at line 1, column 12\n`,
    );
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b', 'main.alloy'), 'logging {}\n');
    writeFileSync(join(dir, 'b', 'package.json'), JSON.stringify({ name: 'b', 'alloy-lint': { rules: { 'syntax/hash-coment': 'warn' } } }));
    const packageJson = runBounded(['b'], dir);
    expect(packageJson.status).toBe(2);
    expect(packageJson.stderr).toContain('package.json ("alloy-lint" key): unknown rule "syntax/hash-coment" (did you mean "syntax/hash-comment"?');
    writeFileSync(join(dir, 'explicit.json'), '{"rules": {"nope": "error"}}');
    const explicit = runBounded(['-c', 'explicit.json', 'main.alloy'], dir);
    expect(explicit.status).toBe(2);
    expect(explicit.stderr).toMatch(/^alloy-lint: config .*explicit\.json: unknown rule "nope" \(did you mean "[^"]+"\? /);
  });

  it('known codes of every family are accepted in configurations and --rule', () => {
    const rules = {
      'alloy/unknown-component': 'error',
      'syntax/hash-comment': 'warn',
      'best-practice/literal-secret': 'off',
      'alloy-lint/unused-suppression': 'warn',
      'alloy-lint/unreadable-directory': 'error',
      'alloy-lint/write-failed': 'error',
    };
    writeFileSync(join(dir, '.alloy-lint.json'), JSON.stringify({ rules }));
    const result = runBounded(['--rule', 'alloy/cycle=warn', '--rule', 'alloy-lint/file-too-large=warn', 'main.alloy'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('graph of a file that does not parse prints its syntax errors and exits 1', () => {
    writeFileSync(join(dir, 'broken.alloy'), 'logging {\n  level = \n');
    const result = runBounded(['graph', 'broken.alloy'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^broken\.alloy:\d+:\d+: .+\n/);
    expect(result.stderr.endsWith('alloy-lint: no graph: the configuration has syntax errors\n')).toBe(true);
  });

  it('graph of a directory with one broken file prints that file\'s errors and exits 1', () => {
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', 'good.alloy'), 'prometheus.exporter.unix "node" { }\n');
    writeFileSync(join(dir, 'config', 'bad.alloy'), 'prometheus.scrape "x" {\n  targets = [\n');
    writeFileSync(join(dir, 'config', 'latin1.alloy'), Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0x0a]));
    const result = runBounded(['graph', 'config', '--format', 'dot'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const files = result.stderr.split('\n').filter((line) => /^config\//.test(line)).map((line) => line.split(':')[0]);
    expect(new Set(files)).toEqual(new Set(['config/bad.alloy', 'config/latin1.alloy']));
  });

  it('a configuration value with ESC]0;title BEL or ESC[2J appears escaped in the stylish report', () => {
    writeFileSync(
      join(dir, 'hostile.alloy'),
      'logging {\n  level  = "in\\u001b]0;owned\\u0007fo"\n  format = "\\u001b[2J"\n}\n',
    );
    for (const args of [['hostile.alloy'], ['--verbose', 'hostile.alloy'], ['--color', '--verbose', 'hostile.alloy']]) {
      const result = runBounded(args, dir);
      expect(result.status, args.join(' ')).toBe(1);
      expect(withoutColours(result.stdout), args.join(' ')).not.toMatch(terminalControl);
      expect(result.stdout).toContain('unknown level in\\x1b]0;owned\\x07fo');
      expect(result.stdout).toContain('unknown format \\x1b[2J');
    }
    // json keeps the value, JSON-escaped.
    const json = runBounded(['-f', 'json', 'hostile.alloy'], dir);
    expect(json.stdout).toContain('unknown level in\\u001b]0;owned\\u0007fo');
  });

  it('a file name with control characters is escaped in the report and on stderr', () => {
    const name = `bad${clearScreen}name.alloy`;
    writeFileSync(join(dir, name), 'logging {\n  level = "loud"\n}\n');
    const report = runBounded([name], dir);
    expect(report.status).toBe(1);
    expect(report.stdout).not.toMatch(terminalControl);
    expect(report.stdout).toContain('bad\\x1b[2Jname.alloy');
    const missing = runBounded(['-c', `no${titleSequence}.json`, 'main.alloy'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).not.toMatch(terminalControl);
    expect(missing.stderr).toContain('no\\x1b]0;owned\\x07.json does not exist');
    const graph = runBounded(['graph', `nothing${clearScreen}`], dir);
    expect(graph.stderr).toBe('alloy-lint: no such file or directory: nothing\\x1b[2J\n');
    writeFileSync(join(dir, `broken${titleSequence}.alloy`), 'logging {\n');
    const fmt = runBounded(['fmt', `broken${titleSequence}.alloy`], dir);
    expect(fmt.status).toBe(1);
    expect(fmt.stderr).not.toMatch(terminalControl);
    expect(fmt.stderr).toContain('broken\\x1b]0;owned\\x07.alloy:');
  });

  it('the rules listing has no control characters', () => {
    const result = runBounded(['rules'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(terminalControl);
    expect(result.stdout).toMatch(/^alloy-lint\/unreadable-directory +error/m);
  });
});
