import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isTemporaryFileName,
  prepareSafeWrite,
  readWithFingerprint,
  removeStaleTemporaryFiles,
  writeFileSafely,
} from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'alloy-files-write-'));
chmodSync(root, 0o755);
const isRoot = process.getuid?.() === 0;
const distEntry = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/index.js');
const distBuilt = existsSync(distEntry);
// Any uid works for chown as root; these need no account.
const OTHER_UID = 4242;
const OTHER_GID = 4243;
const UNPRIVILEGED_ID = 65534;

let counter = 0;
function freshDirectory(): string {
  counter += 1;
  const directory = join(root, `case-${counter}`);
  mkdirSync(directory);
  chmodSync(directory, 0o777);
  return directory;
}

function temporaryFilesIn(directory: string): string[] {
  return readdirSync(directory).filter((name) => name.endsWith('.tmp'));
}

function note(condition: boolean, reason: string): boolean {
  if (condition) console.log(`[files tests] skipped: ${reason}`);
  return condition;
}

/** Runs writeFileSafely from the built package in a child process, as `uid` when root, and returns its outcome. */
function writeInChild(path: string, text: string, options: Record<string, unknown> = {}, uid?: number): Record<string, unknown> {
  const script = `import { writeFileSafely } from ${JSON.stringify(distEntry)};
process.stdout.write(JSON.stringify(writeFileSafely(process.argv[1], process.argv[2], JSON.parse(process.argv[3]))));`;
  const nodeArgs = ['--input-type=module', '-e', script, path, text, JSON.stringify(options)];
  const [command, args] =
    uid !== undefined && isRoot
      ? ['setpriv', ['--reuid', String(uid), '--regid', String(uid), '--clear-groups', process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`child failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

afterAll(() => {
  spawnSync('rm', ['-rf', root]);
});

describe('writeFileSafely', () => {
  it('replaces the content and keeps the mode, leaving no temporary file', () => {
    const directory = freshDirectory();
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    const inode = statSync(file).ino;
    const outcome = writeFileSafely(file, 'new\n', { expected: 'old\n' });
    expect(outcome).toEqual({ status: 'written', path: file, target: file, inPlace: false });
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o7777).toBe(0o640);
    // Replaced by a rename: a new inode.
    expect(statSync(file).ino).not.toBe(inode);
    expect(temporaryFilesIn(directory)).toEqual([]);
  });

  it.skipIf(note(!isRoot, 'keeping another owner needs root'))('as root keeps another user’s owner, group and mode 0640', () => {
    const directory = freshDirectory();
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'old\n');
    chownSync(file, OTHER_UID, OTHER_GID);
    chmodSync(file, 0o640);
    expect(writeFileSafely(file, 'new\n')).toMatchObject({ status: 'written' });
    const stats = statSync(file);
    expect([stats.uid, stats.gid, stats.mode & 0o7777]).toEqual([OTHER_UID, OTHER_GID, 0o640]);
    expect(readFileSync(file, 'utf8')).toBe('new\n');
  });

  it.skipIf(note(!isRoot, 'set-group-id on another group needs root'))('keeps the setgid and sticky bits (which a chown would clear)', () => {
    const directory = freshDirectory();
    for (const mode of [0o2640, 0o1644, 0o3775]) {
      const file = join(directory, `mode-${mode.toString(8)}.alloy`);
      writeFileSync(file, 'old\n');
      chownSync(file, OTHER_UID, OTHER_GID);
      chmodSync(file, mode);
      expect(writeFileSafely(file, 'new\n')).toMatchObject({ status: 'written' });
      expect(statSync(file).mode & 0o7777).toBe(mode);
      expect(statSync(file).uid).toBe(OTHER_UID);
    }
  });

  it('writes through a symbolic link and a chain of links, which stay links', () => {
    const directory = freshDirectory();
    mkdirSync(join(directory, 'real'));
    const real = join(directory, 'real/config.alloy');
    writeFileSync(real, 'old\n');
    symlinkSync('real/config.alloy', join(directory, 'link.alloy'));
    symlinkSync('link.alloy', join(directory, 'chain.alloy'));
    expect(writeFileSafely(join(directory, 'link.alloy'), 'one\n')).toMatchObject({ status: 'written', target: real });
    expect(lstatSync(join(directory, 'link.alloy')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(directory, 'link.alloy'))).toBe('real/config.alloy');
    expect(readFileSync(real, 'utf8')).toBe('one\n');
    expect(writeFileSafely(join(directory, 'chain.alloy'), 'two\n')).toMatchObject({ status: 'written', target: real });
    expect(lstatSync(join(directory, 'chain.alloy')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(directory, 'link.alloy')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('two\n');
    // The temporary file went beside the target, not beside the link.
    expect(temporaryFilesIn(directory)).toEqual([]);
    expect(temporaryFilesIn(join(directory, 'real'))).toEqual([]);
  });

  it('refuses a dangling link and a link loop, creating nothing', () => {
    const directory = freshDirectory();
    symlinkSync('missing.alloy', join(directory, 'dangling.alloy'));
    expect(writeFileSafely(join(directory, 'dangling.alloy'), 'x\n')).toMatchObject({
      status: 'refused',
      reason: 'dangling-link',
      message: 'symbolic link to a missing file (dangling link); not written',
    });
    expect(existsSync(join(directory, 'missing.alloy'))).toBe(false);
    symlinkSync('loop-b.alloy', join(directory, 'loop-a.alloy'));
    symlinkSync('loop-a.alloy', join(directory, 'loop-b.alloy'));
    expect(writeFileSafely(join(directory, 'loop-a.alloy'), 'x\n')).toMatchObject({ status: 'refused', reason: 'symlink-loop' });
    expect(lstatSync(join(directory, 'dangling.alloy')).isSymbolicLink()).toBe(true);
  });

  it('writes a hard-linked file in place: every name sees the text, the link count is unchanged', () => {
    const directory = freshDirectory();
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'a longer original text\n');
    linkSync(file, join(directory, 'other-name.alloy'));
    const before = statSync(file);
    expect(writeFileSafely(file, 'short\n', { expected: 'a longer original text\n' })).toMatchObject({ status: 'written', inPlace: true });
    const after = statSync(file);
    expect([after.ino, after.nlink]).toEqual([before.ino, 2]);
    expect(readFileSync(join(directory, 'other-name.alloy'), 'utf8')).toBe('short\n');
    expect(readFileSync(file, 'utf8')).toBe('short\n');
    expect(temporaryFilesIn(directory)).toEqual([]);
  });

  it('refuses a hard-linked file when asked to, leaving both names as they were', () => {
    const directory = freshDirectory();
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'old\n');
    linkSync(file, join(directory, 'other-name.alloy'));
    const outcome = writeFileSafely(file, 'new\n', { hardLinks: 'refuse' });
    expect(outcome).toMatchObject({ status: 'refused', reason: 'hard-links' });
    expect(outcome.status === 'refused' && outcome.message).toContain('2 names (hard links)');
    expect(readFileSync(join(directory, 'other-name.alloy'), 'utf8')).toBe('old\n');
    expect(statSync(file).nlink).toBe(2);
  });

  it('refuses a read-only file (0444), also as root', () => {
    const directory = freshDirectory();
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o444);
    expect(writeFileSafely(file, 'new\n')).toEqual({
      status: 'refused',
      path: file,
      reason: 'read-only',
      message: 'read-only file (mode 0444); not written',
    });
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(temporaryFilesIn(directory)).toEqual([]);
  });

  it.skipIf(note(!distBuilt, 'packages/files/dist is not built'))('refuses a read-only file (0444) for an unprivileged user', () => {
    const directory = freshDirectory();
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'old\n');
    if (isRoot) chownSync(file, UNPRIVILEGED_ID, UNPRIVILEGED_ID);
    chmodSync(file, 0o444);
    expect(writeInChild(file, 'new\n', {}, UNPRIVILEGED_ID)).toMatchObject({ status: 'refused', reason: 'read-only' });
    expect(readFileSync(file, 'utf8')).toBe('old\n');
  });

  it.skipIf(note(!distBuilt, 'packages/files/dist is not built'))(
    'refuses a writable file in a read-only directory (no temporary file can be made) with a clear message',
    () => {
      const directory = freshDirectory();
      const file = join(directory, 'config.alloy');
      writeFileSync(file, 'old\n');
      if (isRoot) {
        chownSync(file, UNPRIVILEGED_ID, UNPRIVILEGED_ID);
        chownSync(directory, UNPRIVILEGED_ID, UNPRIVILEGED_ID);
      }
      chmodSync(directory, 0o555);
      try {
        const outcome = writeInChild(file, 'new\n', {}, UNPRIVILEGED_ID);
        expect(outcome).toMatchObject({ status: 'refused', reason: 'directory-not-writable', errno: 'EACCES' });
        expect(outcome.message).toBe(`cannot create a temporary file in ${directory} (permission denied); not written`);
        expect(readFileSync(file, 'utf8')).toBe('old\n');
        expect(temporaryFilesIn(directory)).toEqual([]);
      } finally {
        chmodSync(directory, 0o755);
      }
    },
  );

  it.skipIf(note(!isRoot || !distBuilt, 'needs root (a file of another owner) and packages/files/dist'))(
    'refuses, as an unprivileged user, a writable file it does not own (the owner cannot be kept)',
    () => {
      const directory = freshDirectory();
      const file = join(directory, 'config.alloy');
      writeFileSync(file, 'old\n');
      chownSync(file, OTHER_UID, OTHER_GID);
      chmodSync(file, 0o666);
      const outcome = writeInChild(file, 'new\n', {}, UNPRIVILEGED_ID);
      expect(outcome).toMatchObject({ status: 'refused', reason: 'owner-not-kept' });
      expect(outcome.message).toContain(`belongs to uid ${OTHER_UID}`);
      expect(readFileSync(file, 'utf8')).toBe('old\n');
      expect(statSync(file).uid).toBe(OTHER_UID);
      expect(temporaryFilesIn(directory)).toEqual([]);
    },
  );

  it('refuses when the file changed on disk between the read and the write', () => {
    const directory = freshDirectory();
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'old\n');
    const prepared = prepareSafeWrite(file, 'formatted\n', { expected: 'old\n', tool: 'alloy-lint' });
    expect(prepared.status).toBe('prepared');
    if (prepared.status !== 'prepared') return;
    // The temporary file is ready, named after this process and not as an Alloy file.
    const [temporary] = temporaryFilesIn(directory);
    expect(temporary).toMatch(new RegExp(`^\\.config\\.alloy\\.alloy-lint-${process.pid}-[0-9a-f]+\\.tmp$`));
    expect(isTemporaryFileName(temporary!)).toBe(true);
    writeFileSync(file, 'someone else’s edit\n');
    expect(prepared.write.commit()).toMatchObject({ status: 'refused', reason: 'changed-on-disk' });
    expect(readFileSync(file, 'utf8')).toBe('someone else’s edit\n');
    expect(temporaryFilesIn(directory)).toEqual([]);
  });

  it('refuses when the file differs from what the caller read before anything is prepared', () => {
    const directory = freshDirectory();
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'edited meanwhile\n');
    expect(writeFileSafely(file, 'formatted\n', { expected: Buffer.from('old\n') })).toMatchObject({ status: 'refused', reason: 'changed-on-disk' });
    expect(readFileSync(file, 'utf8')).toBe('edited meanwhile\n');
  });

  it('with a fingerprint, refuses a file rewritten with the same bytes (another inode) or touched', () => {
    const directory = freshDirectory();
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'old\n');
    const read = readWithFingerprint(file);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    utimesSync(file, new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(writeFileSafely(file, 'new\n', { expected: read.fingerprint })).toMatchObject({ status: 'refused', reason: 'changed-on-disk' });
    const again = readWithFingerprint(file);
    if (!again.ok) throw new Error(again.message);
    expect(writeFileSafely(file, 'new\n', { expected: again.fingerprint })).toMatchObject({ status: 'written' });
    expect(readFileSync(file, 'utf8')).toBe('new\n');
  });

  it('leaves an unchanged file alone (same inode, same mtime)', () => {
    const directory = freshDirectory();
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'same\n');
    const before = statSync(file);
    expect(writeFileSafely(file, 'same\n', { expected: 'same\n' })).toMatchObject({ status: 'unchanged' });
    const after = statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('refuses fifos and directories without blocking, and missing files unless asked to create them', () => {
    const directory = freshDirectory();
    const fifo = join(directory, 'fifo.alloy');
    spawnSync('mkfifo', [fifo]);
    expect(writeFileSafely(fifo, 'x\n')).toMatchObject({ status: 'refused', reason: 'not-regular', message: 'not a regular file (a fifo); not written' });
    mkdirSync(join(directory, 'sub.alloy'));
    expect(writeFileSafely(join(directory, 'sub.alloy'), 'x\n')).toMatchObject({ status: 'refused', reason: 'not-regular' });
    expect(writeFileSafely(join(directory, 'new.alloy'), 'x\n')).toMatchObject({ status: 'refused', reason: 'missing' });
    expect(existsSync(join(directory, 'new.alloy'))).toBe(false);
    expect(writeFileSafely(join(directory, 'no-such-dir/new.alloy'), 'x\n', { createMode: 0o644 })).toMatchObject({
      status: 'refused',
      reason: 'missing',
    });
  });

  it('creates a missing file with createMode (less the umask)', () => {
    const directory = freshDirectory();
    const file = join(directory, 'new.alloy');
    const umask = process.umask(0o022);
    try {
      expect(writeFileSafely(file, 'x\n', { createMode: 0o664 })).toMatchObject({ status: 'written' });
    } finally {
      process.umask(umask);
    }
    expect(readFileSync(file, 'utf8')).toBe('x\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });

  it('prepares several files and discards them without touching any', () => {
    const directory = freshDirectory();
    const files = ['a.alloy', 'b.alloy'].map((name) => join(directory, name));
    for (const file of files) writeFileSync(file, 'old\n');
    const prepared = files.map((file) => prepareSafeWrite(file, 'new\n'));
    expect(temporaryFilesIn(directory)).toHaveLength(2);
    for (const outcome of prepared) if (outcome.status === 'prepared') outcome.write.discard();
    expect(temporaryFilesIn(directory)).toEqual([]);
    expect(files.map((file) => readFileSync(file, 'utf8'))).toEqual(['old\n', 'old\n']);
  });
});

describe('removeStaleTemporaryFiles', () => {
  it('removes the temporary files of dead processes of the tool only', () => {
    const directory = freshDirectory();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    const names = {
      deadOurs: `.config.alloy.alloy-lint-${deadPid}-0a1b2c.tmp`,
      // The name alloy-lint used before: pid and Date.now().
      deadOursOld: `.config.alloy.alloy-lint-${deadPid}-1733490000000.tmp`,
      alive: `.config.alloy.alloy-lint-${process.pid}-0a1b2c.tmp`,
      otherTool: `.config.alloy.alloy-gen-${deadPid}-0a1b2c.tmp`,
      notOurs: 'config.alloy',
    };
    for (const name of Object.values(names)) writeFileSync(join(directory, name), 'x');
    const removed = removeStaleTemporaryFiles(directory, 'alloy-lint');
    expect(removed.sort()).toEqual([join(directory, names.deadOurs), join(directory, names.deadOursOld)].sort());
    expect(readdirSync(directory).sort()).toEqual([names.alive, names.otherTool, names.notOurs].sort());
    expect(removeStaleTemporaryFiles(join(directory, 'missing'), 'alloy-lint')).toEqual([]);
  });

  it('recognises its names, which never end in .alloy or .river', () => {
    expect(isTemporaryFileName('.config.alloy.alloy-lint-123-ab12.tmp')).toBe(true);
    expect(isTemporaryFileName('config.alloy')).toBe(false);
    expect(isTemporaryFileName('.config.alloy.alloy-lint-123-ab12.tmp.alloy')).toBe(false);
  });
});

describe.skipIf(note(!distBuilt, 'packages/files/dist is not built'))('a signal during a prepared write', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('removes the temporary file and ends the process on %s', async (signal) => {
    const directory = freshDirectory();
    const file = join(directory, 'config.alloy');
    writeFileSync(file, 'old\n');
    const script = `import { prepareSafeWrite } from ${JSON.stringify(distEntry)};
const prepared = prepareSafeWrite(process.argv[1], 'new\\n', { tool: 'alloy-lint' });
process.stdout.write(prepared.status + '\\n');
setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolveReady) => child.stdout.once('data', () => resolveReady()));
    expect(temporaryFilesIn(directory)).toHaveLength(1);
    const ended = new Promise<NodeJS.Signals | null>((resolveEnd) => child.once('exit', (_code, received) => resolveEnd(received)));
    child.kill(signal);
    expect(await ended).toBe(signal);
    expect(temporaryFilesIn(directory)).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('old\n');
  });
});
