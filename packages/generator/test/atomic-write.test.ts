import { chmodSync, chownSync, linkSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicWriteError, writeFileAtomic, writeFilesAtomic } from '../src/atomic-write.js';

const isRoot = process.getuid?.() === 0;

describe('writeFileAtomic and writeFilesAtomic', () => {
  let directory: string;
  let umask: number;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'alloy-gen-write-'));
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(directory, { recursive: true, force: true });
  });

  const temporaryFiles = (): string[] => readdirSync(directory).filter((name) => name.endsWith('.tmp'));

  it('creates a new file with the given mode, less the umask', () => {
    writeFileAtomic(join(directory, 'a.alloy'), 'a\n', 0o664);
    writeFileAtomic(join(directory, 'b.alloy'), 'b\n');
    expect(statSync(join(directory, 'a.alloy')).mode & 0o777).toBe(0o644);
    expect(statSync(join(directory, 'b.alloy')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(directory, 'a.alloy'), 'utf8')).toBe('a\n');
    expect(temporaryFiles()).toEqual([]);
  });

  it('keeps the mode, the symbolic link and the hard links of an existing file', () => {
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o600);
    symlinkSync('config.alloy', join(directory, 'link.alloy'));
    linkSync(file, join(directory, 'hard.alloy'));
    writeFileAtomic(join(directory, 'link.alloy'), 'new\n', 0o644);
    expect(lstatSync(join(directory, 'link.alloy')).isSymbolicLink()).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(directory, 'hard.alloy'), 'utf8')).toBe('new\n');
    expect(statSync(file).nlink).toBe(2);
  });

  it.skipIf(!isRoot)('as root keeps the owner of an existing file', () => {
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'old\n');
    chownSync(file, 4242, 4243);
    writeFilesAtomic([{ path: file, text: 'new\n' }]);
    expect([statSync(file).uid, statSync(file).gid]).toEqual([4242, 4243]);
  });

  it('refuses a read-only file with a clear error; with several files, none is replaced', () => {
    const locked = join(directory, 'locked.alloy');
    const open = join(directory, 'open.alloy');
    writeFileSync(locked, 'old\n');
    chmodSync(locked, 0o444);
    writeFileSync(open, 'old\n');
    expect(() => writeFileAtomic(locked, 'new\n')).toThrow(new AtomicWriteError({ status: 'refused', path: locked, reason: 'read-only', message: 'read-only file (mode 0444); not written' }));
    let thrown: unknown;
    try {
      writeFilesAtomic([
        { path: open, text: 'new\n' },
        { path: join(directory, 'fresh.alloy'), text: 'new\n' },
        { path: locked, text: 'new\n' },
      ]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AtomicWriteError);
    expect((thrown as AtomicWriteError).reason).toBe('read-only');
    expect(readFileSync(open, 'utf8')).toBe('old\n');
    expect(readFileSync(locked, 'utf8')).toBe('old\n');
    expect(readdirSync(directory).sort()).toEqual(['locked.alloy', 'open.alloy']);
  });

  it('reports a missing directory with its errno, as before', () => {
    let thrown: unknown;
    try {
      writeFileAtomic(join(directory, 'no-such-dir/config.alloy'), 'x\n');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'ENOENT', reason: 'missing' });
  });
});
