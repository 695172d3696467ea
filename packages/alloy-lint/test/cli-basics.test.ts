import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuilt, makeTempDir, noteSkip, packageRoot, runCli } from './helpers.js';

// Everything here runs before the checker and the formatter are needed.
describe.skipIf(noteSkip(!cliBuilt, 'dist/cli.js is not built (run pnpm --filter alloy-lint build)'))('command line basics', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir();
    writeFileSync(join(temp.path, 'main.alloy'), 'logging {\n\tlevel = "info"\n}\n');
    mkdirSync(join(temp.path, 'empty'));
    writeFileSync(join(temp.path, 'empty', 'README.md'), '# nothing here\n');
    mkdirSync(join(temp.path, 'badconfig'));
    writeFileSync(join(temp.path, 'badconfig', '.alloy-lint.json'), '{\n  "rules": {\n    "alloy/x": "off",\n  }\n}\n');
    writeFileSync(join(temp.path, 'badconfig', 'a.alloy'), 'logging { }\n');
  });
  afterAll(() => temp.remove());

  it('--help prints usage and exits 0', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: alloy-lint [options]');
    expect(result.stdout).toContain('--format NAME');
  });

  it('--version prints the package version', () => {
    const version = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
    expect(runCli(['--version'])).toMatchObject({ status: 0, stdout: `${version}\n` });
  });

  it.each([
    [['--bogus'], 'alloy-lint: unknown option: --bogus\n'],
    [['--format', 'xml', 'x.alloy'], 'alloy-lint: unknown format "xml" (expected stylish, json, sarif, github, checkstyle, junit)\n'],
    [['--max-warnings', 'many', 'x.alloy'], 'alloy-lint: --max-warnings needs a non-negative integer, got "many"\n'],
    [['--fix', '--fix-dry-run', 'x.alloy'], 'alloy-lint: use either --fix or --fix-dry-run, not both\n'],
    [['--fix', '-'], 'alloy-lint: --fix cannot write to standard input; use --fix-dry-run\n'],
    [['--stdin-filename', 'a.alloy'], 'alloy-lint: --stdin-filename needs --stdin (or "-")\n'],
    [[], 'alloy-lint: no files given (try "alloy-lint ." or "alloy-lint --help")\n'],
    [['--rule', 'x'], 'alloy-lint: --rule needs CODE=off|warn|error|info, got "x"\n'],
    [['--stability-level', 'beta', 'x'], 'alloy-lint: unknown stability level "beta" (expected generally-available, public-preview, experimental)\n'],
  ])('usage error %j exits 2 with one line', (args, message) => {
    const result = runCli(args);
    expect(result).toMatchObject({ status: 2, stdout: '', stderr: message });
  });

  it('a path that does not exist exits 2', () => {
    expect(runCli(['missing.alloy'], { cwd: temp.path })).toMatchObject({
      status: 2,
      stderr: 'alloy-lint: no such file or directory: missing.alloy\n',
    });
  });

  it('a directory without Alloy files exits 2 unless --no-error-on-unmatched-pattern', () => {
    expect(runCli(['empty'], { cwd: temp.path })).toMatchObject({
      status: 2,
      stderr: 'alloy-lint: no Alloy files (.alloy, .river, Alloy templates, YAML holding Alloy) found in empty (ignored files and node_modules are skipped)\n',
    });
    expect(runCli(['--no-error-on-unmatched-pattern', 'empty'], { cwd: temp.path })).toMatchObject({ status: 0, stdout: '' });
  });

  it('a glob that matches nothing exits 2', () => {
    expect(runCli(['conf/**/*.alloy'], { cwd: temp.path }).stderr).toBe('alloy-lint: no files match the pattern "conf/**/*.alloy"\n');
    expect(runCli(['**/*.river'], { cwd: temp.path }).stderr).toBe('alloy-lint: no files match the pattern "**/*.river"\n');
  });

  it('a configuration file that is not JSON exits 2 naming the file and position', () => {
    const result = runCli(['badconfig'], { cwd: temp.path });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `alloy-lint: invalid JSON in ${join(temp.path, 'badconfig', '.alloy-lint.json')}:4:3: expected a property name in double quotes, found character "}"\n`,
    );
    expect(result.stderr).not.toContain('    at ');
  });

  it('--config with a missing or invalid file exits 2', () => {
    expect(runCli(['--config', 'nope.json', 'main.alloy'], { cwd: temp.path })).toMatchObject({
      status: 2,
      stderr: `alloy-lint: config file ${join(temp.path, 'nope.json')} does not exist\n`,
    });
    writeFileSync(join(temp.path, 'wrong.json'), '{"rules": {"a": "loud"}}');
    expect(runCli(['-c', 'wrong.json', 'main.alloy'], { cwd: temp.path }).stderr).toBe(
      `alloy-lint: config ${join(temp.path, 'wrong.json')}: rule "a" has setting "loud"; expected "off", "warn", "error" or "info" at line 1, column 17\n`,
    );
  });

  it('graph and rules refuse bad arguments with exit 2', () => {
    expect(runCli(['graph'], { cwd: temp.path })).toMatchObject({ status: 2, stderr: 'alloy-lint: graph needs exactly one FILE or DIRECTORY\n' });
    expect(runCli(['graph', 'main.alloy', '--format', 'png'], { cwd: temp.path }).stderr).toBe(
      'alloy-lint: unknown graph format "png" (expected mermaid or dot)\n',
    );
    expect(runCli(['graph', 'nope'], { cwd: temp.path }).stderr).toBe('alloy-lint: no such file or directory: nope\n');
    expect(runCli(['rules', '--format', 'yaml']).status).toBe(2);
  });
});

describe.skipIf(noteSkip(!cliBuilt, 'dist/cli.js is not built'))('fmt argument handling (as upstream alloy fmt)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir();
    mkdirSync(join(temp.path, 'dir'));
  });
  afterAll(() => temp.remove());

  it('refuses -w with -t', () => {
    expect(runCli(['fmt', '-w', '-t', 'x.alloy'], { cwd: temp.path })).toMatchObject({
      status: 1,
      stderr: 'Error: cannot use -w/--write and -t/--test at the same time\n',
    });
  });

  it('refuses -w with standard input', () => {
    expect(runCli(['fmt', '-w', '-'], { cwd: temp.path })).toMatchObject({ status: 1, stderr: 'Error: cannot use -w with standard input\n' });
  });

  it('refuses a directory without -w', () => {
    expect(runCli(['fmt', 'dir'], { cwd: temp.path })).toMatchObject({ status: 1, stderr: 'Error: cannot format a directory\n' });
  });

  it('a directory without Alloy files is an upstream-style error', () => {
    expect(runCli(['fmt', '-w', 'dir'], { cwd: temp.path })).toMatchObject({
      status: 1,
      stderr: 'Error: no Alloy files (.alloy, .river, YAML holding Alloy) found in dir (ignored files and node_modules are skipped)\n',
    });
  });

  it('reports a missing file as Go does', () => {
    expect(runCli(['fmt', 'missing.alloy'], { cwd: temp.path })).toMatchObject({
      status: 1,
      stderr: 'Error: stat missing.alloy: no such file or directory\n',
    });
  });

  it('prints its help', () => {
    const result = runCli(['fmt', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: alloy-lint fmt [flags]');
  });
});
