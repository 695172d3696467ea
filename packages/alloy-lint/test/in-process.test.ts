import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/io.js';
import { shouldUseColor } from '../src/io.js';
import { lint } from '../src/lint.js';
import { runCli } from '../src/main.js';
import { makeTempDir } from './helpers.js';

// Inputs that never reach the checker (they cannot be decoded), so the whole
// pipeline from arguments to exit code runs in-process.
let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir();
  writeFileSync(join(temp.path, 'blob.alloy'), Buffer.from([0x61, 0x00, 0x62]));
  writeFileSync(join(temp.path, 'latin1.river'), Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22]));
  writeFileSync(join(temp.path, 'a-file'), 'not a directory');
});
afterAll(() => temp.remove());

function memoryIo(options: { tty?: boolean; env?: Record<string, string | undefined>; stdin?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    cwd: temp.path,
    env: options.env ?? {},
    stdout: { write: (text) => void out.push(text), isTTY: options.tty ?? false },
    stderr: { write: (text) => void err.push(text), isTTY: false },
    readStdin: async () => Buffer.from(options.stdin ?? ''),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('lint() without the checker', () => {
  it('reports undecodable files in discovery order with display paths', async () => {
    const reports = await lint({ cwd: temp.path, targets: ['.'] });
    expect(reports.map((report) => [report.displayPath, report.diagnostics.map((d) => d.code)])).toEqual([
      ['blob.alloy', ['alloy-lint/binary-file']],
      ['latin1.river', ['alloy-lint/invalid-utf8']],
    ]);
  });

  it('applies rule settings to its own codes', async () => {
    const reports = await lint({ cwd: temp.path, targets: ['blob.alloy'], rules: { 'alloy-lint/binary-file': 'warn' } });
    expect(reports[0]!.diagnostics[0]!.severity).toBe('warning');
    const silenced = await lint({ cwd: temp.path, targets: ['blob.alloy'], rules: { 'alloy-lint/binary-file': 'off' } });
    expect(silenced[0]!.diagnostics).toEqual([]);
  });

  it('enforces --max-file-size', async () => {
    const reports = await lint({ cwd: temp.path, targets: ['blob.alloy'], maxFileSize: 2 });
    expect(reports[0]!.diagnostics[0]!.message).toBe('file is too large to check (3 bytes; the limit is 2, see --max-file-size)');
  });
});

describe('runCli in-process', () => {
  it('exit 1 for errors, exit 0 when they are demoted to warnings, exit 1 again over --max-warnings', async () => {
    expect(await runCli(['blob.alloy'], memoryIo().io)).toBe(1);
    expect(await runCli(['--rule', 'alloy-lint/binary-file=warn', 'blob.alloy'], memoryIo().io)).toBe(0);
    const strict = memoryIo();
    expect(await runCli(['--rule', 'alloy-lint/binary-file=warn', '--max-warnings', '0', 'blob.alloy'], strict.io)).toBe(1);
    expect(strict.stdout()).toContain('alloy-lint found too many warnings (maximum: 0).');
  });

  it('stylish colours on a terminal unless NO_COLOR; FORCE_COLOR wins', async () => {
    const tty = memoryIo({ tty: true });
    await runCli(['blob.alloy'], tty.io);
    expect(tty.stdout()).toContain('\u001b[31merror\u001b[39m');
    const noColor = memoryIo({ tty: true, env: { NO_COLOR: '1' } });
    await runCli(['blob.alloy'], noColor.io);
    expect(noColor.stdout()).not.toContain('\u001b[');
    const forced = memoryIo({ env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    await runCli(['blob.alloy'], forced.io);
    expect(forced.stdout()).toContain('\u001b[');
    const disabled = memoryIo({ tty: true });
    await runCli(['--no-color', 'blob.alloy'], disabled.io);
    expect(disabled.stdout()).not.toContain('\u001b[');
  });

  it('-o writes the report without colours even on a terminal', async () => {
    const run = memoryIo({ tty: true, env: { FORCE_COLOR: '1' } });
    expect(await runCli(['-o', 'out/report.txt', 'blob.alloy'], run.io)).toBe(1);
    expect(run.stdout()).toBe('');
    expect(readFileSync(join(temp.path, 'out/report.txt'), 'utf8')).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('a report that cannot be written is exit 2 with one line', async () => {
    const run = memoryIo();
    expect(await runCli(['-o', 'a-file/report.json', 'blob.alloy'], run.io)).toBe(2);
    expect(run.stderr()).toBe(`alloy-lint: cannot write the report to a-file/report.json: ${join(temp.path, 'a-file')} is not a directory\n`);
  });

  it('standard input that is not UTF-8 is reported as <stdin>', async () => {
    const run = memoryIo();
    run.io.readStdin = async () => Uint8Array.from([0x61, 0xff]);
    expect(await runCli(['-f', 'json', '-'], run.io)).toBe(1);
    const [result] = JSON.parse(run.stdout()) as Array<{ filePath: string; messages: Array<{ ruleId: string; column: number }> }>;
    expect(result).toMatchObject({ filePath: '<stdin>', messages: [{ ruleId: 'alloy-lint/invalid-utf8', column: 2 }] });
  });

  it('--quiet drops warnings from the report', async () => {
    const run = memoryIo();
    expect(await runCli(['--quiet', '--rule', 'alloy-lint/binary-file=warn', 'blob.alloy'], run.io)).toBe(0);
    expect(run.stdout()).toBe('');
  });
});

describe('shouldUseColor', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
  ])('%j on a terminal: %s -> %s', (env, tty, expected) => {
    expect(shouldUseColor({ write: () => undefined, isTTY: tty }, env)).toBe(expected);
  });
});
