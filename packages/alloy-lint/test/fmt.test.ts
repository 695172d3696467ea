import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliBuilt, fixturesDir, formatterBuilt, makeTempDir, noteSkip, runCli, syntaxBuilt } from './helpers.js';

const ready = cliBuilt && syntaxBuilt && formatterBuilt;
const formatted = readFileSync(join(fixturesDir, 'project/valid/config.alloy'), 'utf8');
const unformatted = readFileSync(join(fixturesDir, 'project/unformatted/config.alloy'), 'utf8');

describe.skipIf(noteSkip(!ready, 'needs the built CLI, @alloy-toolkit/syntax and prettier-plugin-alloy'))('alloy-lint fmt', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
    writeFileSync(join(temp.path, 'ok.alloy'), formatted);
    writeFileSync(join(temp.path, 'messy.alloy'), unformatted);
  });
  afterEach(() => temp.remove());

  it('prints the formatted text on standard output and leaves the file alone', () => {
    const result = runCli(['fmt', 'messy.alloy'], { cwd: temp.path });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toBe(unformatted);
    expect(result.stdout.endsWith('}\n')).toBe(true);
    expect(readFileSync(join(temp.path, 'messy.alloy'), 'utf8')).toBe(unformatted);
    // Formatting is idempotent: the output is a fixed point.
    expect(runCli(['fmt', '-'], { cwd: temp.path, input: result.stdout }).stdout).toBe(result.stdout);
    expect(runCli(['fmt', 'ok.alloy'], { cwd: temp.path }).stdout).toBe(formatted);
  });

  it('reads standard input without arguments or with -', () => {
    expect(runCli(['fmt'], { cwd: temp.path, input: unformatted }).stdout).toBe(runCli(['fmt', 'messy.alloy'], { cwd: temp.path }).stdout);
    expect(runCli(['fmt', '-'], { cwd: temp.path, input: formatted })).toMatchObject({ status: 0, stdout: formatted });
  });

  it('-t exits 1 naming a file that is not formatted, 0 for a formatted one', () => {
    expect(runCli(['fmt', '-t', 'messy.alloy'], { cwd: temp.path })).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'Error: file messy.alloy is not formatted correctly\n',
    });
    expect(runCli(['fmt', '--test', 'ok.alloy'], { cwd: temp.path })).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(runCli(['fmt', '-t'], { cwd: temp.path, input: unformatted }).stderr).toBe('Error: file <stdin> is not formatted correctly\n');
  });

  it('-w rewrites only files that change, keeping their mode', () => {
    chmodSync(join(temp.path, 'messy.alloy'), 0o600);
    const okBefore = statSync(join(temp.path, 'ok.alloy'));
    const result = runCli(['fmt', '-w', 'messy.alloy', 'ok.alloy'], { cwd: temp.path });
    expect(result).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(runCli(['fmt', '-t', 'messy.alloy'], { cwd: temp.path }).status).toBe(0);
    expect(statSync(join(temp.path, 'messy.alloy')).mode & 0o777).toBe(0o600);
    const okAfter = statSync(join(temp.path, 'ok.alloy'));
    expect([okAfter.ino, okAfter.mtimeMs]).toEqual([okBefore.ino, okBefore.mtimeMs]);
  });

  it('-w on a directory formats every Alloy file below it', () => {
    mkdirSync(join(temp.path, 'nested/deeper'), { recursive: true });
    writeFileSync(join(temp.path, 'nested/deeper/a.river'), unformatted);
    writeFileSync(join(temp.path, 'nested/b.alloy'), unformatted);
    writeFileSync(join(temp.path, 'nested/notes.txt'), 'x   =   1\n');
    expect(runCli(['fmt', '-w', 'nested'], { cwd: temp.path }).status).toBe(0);
    expect(runCli(['fmt', '-t', 'nested'], { cwd: temp.path })).toMatchObject({ status: 0, stderr: '' });
    expect(readFileSync(join(temp.path, 'nested/notes.txt'), 'utf8')).toBe('x   =   1\n');
  });

  it('syntax errors: FILE:LINE:COL: message lines, then the upstream error line', () => {
    writeFileSync(join(temp.path, 'bad.alloy'), 'logging {\n\tlevel = "info"\n# wrong\n}\n');
    const result = runCli(['fmt', 'bad.alloy'], { cwd: temp.path });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe("bad.alloy:3:1: illegal character U+0023 '#'");
    expect(lines.at(-1)).toBe('Error: encountered errors during formatting');
    expect(readFileSync(join(temp.path, 'bad.alloy'), 'utf8')).toContain('# wrong');
    expect(runCli(['fmt', '-'], { cwd: temp.path, input: '# x\n' }).stderr.split('\n')[0]).toBe("<stdin>:1:1: illegal character U+0023 '#'");
  });

  it('columns in syntax errors count bytes, as upstream', () => {
    writeFileSync(join(temp.path, 'utf.alloy'), 'a = "é" # x\n');
    expect(runCli(['fmt', 'utf.alloy'], { cwd: temp.path }).stderr.split('\n')[0]).toBe("utf.alloy:1:10: illegal character U+0023 '#'");
  });

  it('invalid UTF-8 and unreadable paths get one clear message each', () => {
    writeFileSync(join(temp.path, 'latin1.alloy'), Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]));
    expect(runCli(['fmt', 'latin1.alloy'], { cwd: temp.path })).toMatchObject({
      status: 1,
      stderr: 'latin1.alloy:1:6: illegal UTF-8 encoding\nError: encountered errors during formatting\n',
    });
    expect(runCli(['fmt', 'none.alloy', 'ok.alloy'], { cwd: temp.path })).toMatchObject({
      status: 1,
      stdout: formatted,
      stderr: 'Error: stat none.alloy: no such file or directory\n',
    });
  });

  it('a binary file is a syntax error, not a crash', () => {
    writeFileSync(join(temp.path, 'blob.alloy'), Buffer.from([0x00, 0x01, 0x02, 0x0a]));
    const result = runCli(['fmt', 'blob.alloy'], { cwd: temp.path });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^blob\.alloy:1:1: .+\n(.+\n)*Error: encountered errors during formatting\n$/);
  });
});
