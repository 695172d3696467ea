import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRegularFile, readRegularTextFile } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'alloy-files-read-'));
const distEntry = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/index.js');

describe('readRegularFile', () => {
  it('reads a regular file and a symbolic link to one', () => {
    const file = join(directory, 'plain.alloy');
    writeFileSync(file, 'logging { }\n');
    symlinkSync(file, join(directory, 'link.alloy'));
    expect(readRegularTextFile(file)).toEqual({ ok: true, text: 'logging { }\n' });
    expect(readRegularTextFile(join(directory, 'link.alloy'))).toEqual({ ok: true, text: 'logging { }\n' });
  });

  it('refuses a fifo at once instead of waiting for a writer', () => {
    const fifo = join(directory, 'fifo.alloy');
    execFileSync('mkfifo', [fifo]);
    const outcome = readRegularFile(fifo);
    expect(outcome).toMatchObject({ ok: false, reason: 'not-regular' });
  });

  it('refuses character devices, also behind a link', () => {
    symlinkSync('/dev/zero', join(directory, 'zero.alloy'));
    expect(readRegularFile('/dev/zero')).toMatchObject({ ok: false, reason: 'not-regular', message: 'not a regular file (a character device)' });
    expect(readRegularFile(join(directory, 'zero.alloy'))).toMatchObject({ ok: false, reason: 'not-regular' });
  });

  it('caps files whose size stat does not know (procfs)', () => {
    const outcome = readRegularFile('/proc/self/status', { maxBytes: 16 });
    expect(outcome).toMatchObject({ ok: false, reason: 'too-large' });
    const whole = readRegularTextFile('/proc/self/status');
    expect(whole.ok && whole.text.includes('Name:')).toBe(true);
  });

  it('refuses a file larger than the limit, and reads one exactly at it', () => {
    const file = join(directory, 'sized.alloy');
    writeFileSync(file, 'x'.repeat(100));
    expect(readRegularFile(file, { maxBytes: 99 })).toMatchObject({ ok: false, reason: 'too-large', message: 'file is too large (100 bytes; the limit is 99)' });
    const exact = readRegularFile(file, { maxBytes: 100 });
    expect(exact.ok && exact.bytes.length).toBe(100);
  });

  it('names missing files, directories and link loops', () => {
    expect(readRegularFile(join(directory, 'nope.alloy'))).toMatchObject({ ok: false, reason: 'missing' });
    mkdirSync(join(directory, 'sub.alloy'));
    expect(readRegularFile(join(directory, 'sub.alloy'))).toMatchObject({ ok: false, reason: 'directory' });
    symlinkSync(join(directory, 'loop-b'), join(directory, 'loop-a'));
    symlinkSync(join(directory, 'loop-a'), join(directory, 'loop-b'));
    expect(readRegularFile(join(directory, 'loop-a'))).toMatchObject({ ok: false, reason: 'symlink-loop' });
  });

  it('reports an unreadable file as permission denied (as an unprivileged user when the suite runs as root)', () => {
    const file = join(directory, 'secret.alloy');
    writeFileSync(file, 'x');
    chmodSync(file, 0o000);
    if (process.getuid?.() !== 0) {
      expect(readRegularFile(file)).toMatchObject({ ok: false, reason: 'permission' });
      return;
    }
    // Root reads a 0000 file: read it from the built package as nobody (65534), as a service account would.
    expect(existsSync(distEntry), 'packages/files/dist is built').toBe(true);
    chmodSync(directory, 0o755);
    const script = `import { readRegularFile } from ${JSON.stringify(distEntry)};
const outcome = readRegularFile(process.argv[1]);
process.stdout.write(JSON.stringify(outcome.ok ? { ok: true } : outcome));`;
    const child = spawnSync(
      'setpriv',
      ['--reuid', '65534', '--regid', '65534', '--clear-groups', process.execPath, '--input-type=module', '-e', script, file],
      { encoding: 'utf8' },
    );
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout)).toMatchObject({ ok: false, reason: 'permission', message: 'permission denied' });
  });
});
