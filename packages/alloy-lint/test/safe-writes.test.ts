import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../src/discovery.js';
import { RunWriter, writeFailedDiagnostic } from '../src/write.js';
import { checkerBuilt, cliBuilt, cliPath, formatterBuilt, makeTempDir, noteSkip, runCli, syntaxBuilt, type RunResult } from './helpers.js';
import { handOver, runCliAs, unprivilegedUser } from './users.js';

const ready = cliBuilt && syntaxBuilt && checkerBuilt && formatterBuilt;
const isRoot = process.getuid?.() === 0;
const user = unprivilegedUser();

// Valid, but not formatted: `fmt -w` and `--fix` both rewrite it.
const UNFORMATTED = 'logging {\nlevel="info"\nformat =   "logfmt"\n}\n';
const FORMATTED = ready ? runCli(['fmt'], { input: UNFORMATTED }).stdout : '';

const commands: Array<[string, string[]]> = [
  ['fmt -w', ['fmt', '-w']],
  ['--fix', ['--fix']],
];

interface Runner {
  label: string;
  /** The CLI as this runner's user, in `cwd`. */
  run(args: readonly string[], cwd: string): RunResult;
  /** Gives this runner's user the paths (root keeps them). */
  own(...paths: string[]): void;
}

const runners: Runner[] = [
  { label: isRoot ? 'as root' : 'as the current user', run: (args, cwd) => runCli(args, { cwd }), own: () => {} },
];
if (user?.switched) {
  runners.push({ label: `as ${user.name}`, run: (args, cwd) => runCliAs(user, args, { cwd }), own: (...paths) => handOver(user, ...paths) });
}

function temporaryFilesIn(directory: string): string[] {
  return readdirSync(directory).filter((name) => name.endsWith('.tmp'));
}

/** A fresh directory the runner's user owns and anyone may enter. */
function workspace(temp: { path: string }, runner: Runner, name: string): string {
  const directory = join(temp.path, name);
  mkdirSync(directory);
  chmodSync(temp.path, 0o755);
  runner.own(directory);
  return directory;
}

function writeOwned(runner: Runner, path: string, text: string, mode = 0o644): void {
  writeFileSync(path, text);
  chmodSync(path, mode);
  runner.own(path);
}

describe.skipIf(noteSkip(!ready, 'needs the built CLI, checker and formatter'))('safe writes of fmt -w and --fix', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir('alloy-lint-safe-writes-');
  });
  afterEach(() => {
    spawnSync('chmod', ['-R', 'u+rwx', temp.path]);
    temp.remove();
  });

  it('the fixture is valid and unformatted', () => {
    expect(FORMATTED).not.toBe('');
    expect(FORMATTED).not.toBe(UNFORMATTED);
  });

  describe.skipIf(noteSkip(!isRoot || !user?.switched, 'keeping another user’s owner needs root and the test user'))('as root', () => {
    it.each(commands)('%s keeps the owner, group and mode 0640 of the test user’s file', (_label, command) => {
      const directory = join(temp.path, 'etc-alloy');
      mkdirSync(directory);
      const file = join(directory, 'config.alloy');
      writeFileSync(file, UNFORMATTED);
      chownSync(file, user!.uid, user!.gid);
      chmodSync(file, 0o640);
      const result = runCli([...command, 'config.alloy'], { cwd: directory });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(FORMATTED);
      const stats = statSync(file);
      expect({ uid: stats.uid, gid: stats.gid, mode: stats.mode & 0o7777 }).toEqual({ uid: user!.uid, gid: user!.gid, mode: 0o640 });
      expect(temporaryFilesIn(directory)).toEqual([]);
    });

    it.each([0o2640, 0o1644, 0o6750].map((mode) => [mode.toString(8), mode] as const))('keeps the set-id and sticky bits of mode 0%s', (_label, mode) => {
      const file = join(temp.path, 'config.alloy');
      writeFileSync(file, UNFORMATTED);
      chownSync(file, user!.uid, user!.gid);
      chmodSync(file, mode);
      expect(runCli(['fmt', '-w', 'config.alloy'], { cwd: temp.path }).status).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(FORMATTED);
      expect(statSync(file).mode & 0o7777).toBe(mode);
      writeFileSync(file, UNFORMATTED); // writeFileSync keeps the inode and its mode
      expect(runCli(['--fix', 'config.alloy'], { cwd: temp.path }).status).toBe(0);
      expect(statSync(file).mode & 0o7777).toBe(mode);
      expect(statSync(file).uid).toBe(user!.uid);
    });
  });

  for (const runner of runners) {
    describe(runner.label, () => {
      it.each(commands)('%s writes through a symbolic link and a chain of links, which stay links', (_label, command) => {
        const directory = workspace(temp, runner, 'links');
        mkdirSync(join(directory, 'real'));
        runner.own(join(directory, 'real'));
        const real = join(directory, 'real/config.alloy');
        writeOwned(runner, real, UNFORMATTED);
        symlinkSync('real/config.alloy', join(directory, 'link.alloy'));
        symlinkSync('link.alloy', join(directory, 'chain.alloy'));
        const first = runner.run([...command, 'link.alloy'], directory);
        expect(first.stderr).toBe('');
        expect(first.status).toBe(0);
        expect(readFileSync(real, 'utf8')).toBe(FORMATTED);
        writeFileSync(real, UNFORMATTED);
        expect(runner.run([...command, 'chain.alloy'], directory).status).toBe(0);
        expect(readFileSync(real, 'utf8')).toBe(FORMATTED);
        expect(lstatSync(join(directory, 'link.alloy')).isSymbolicLink()).toBe(true);
        expect(lstatSync(join(directory, 'chain.alloy')).isSymbolicLink()).toBe(true);
        expect(readlinkSync(join(directory, 'link.alloy'))).toBe('real/config.alloy');
        expect([...temporaryFilesIn(directory), ...temporaryFilesIn(join(directory, 'real'))]).toEqual([]);
      });

      it('fmt -w on a dangling link: a clear error, nothing created, exit 1', () => {
        const directory = workspace(temp, runner, 'dangling');
        symlinkSync('missing.alloy', join(directory, 'dangling.alloy'));
        writeOwned(runner, join(directory, 'other.alloy'), UNFORMATTED);
        const result = runner.run(['fmt', '-w', 'dangling.alloy', 'other.alloy'], directory);
        expect(result.status).toBe(1);
        // Upstream's wording: it stats each file first.
        expect(result.stderr).toBe('Error: stat dangling.alloy: no such file or directory\n');
        expect(existsSync(join(directory, 'missing.alloy'))).toBe(false);
        expect(lstatSync(join(directory, 'dangling.alloy')).isSymbolicLink()).toBe(true);
        expect(readFileSync(join(directory, 'other.alloy'), 'utf8')).toBe(FORMATTED);
      });

      it.each(commands)('%s keeps hard links: both names see the new text, same inode, two links', (_label, command) => {
        const directory = workspace(temp, runner, 'hard');
        const file = join(directory, 'config.alloy');
        writeOwned(runner, file, UNFORMATTED);
        linkSync(file, join(directory, 'second-name.alloy.bak'));
        const before = statSync(file);
        const result = runner.run([...command, 'config.alloy'], directory);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        const after = statSync(file);
        expect([after.ino, after.nlink]).toEqual([before.ino, 2]);
        expect(readFileSync(join(directory, 'second-name.alloy.bak'), 'utf8')).toBe(FORMATTED);
        expect(readFileSync(file, 'utf8')).toBe(FORMATTED);
        expect(temporaryFilesIn(directory)).toEqual([]);
      });

      it('fmt -w refuses a read-only file (0444) with a clear error and exit 1, and formats the others', () => {
        const directory = workspace(temp, runner, 'read-only-file');
        writeOwned(runner, join(directory, 'locked.alloy'), UNFORMATTED, 0o444);
        writeOwned(runner, join(directory, 'open.alloy'), UNFORMATTED);
        const result = runner.run(['fmt', '-w', 'locked.alloy', 'open.alloy'], directory);
        expect(result.status).toBe(1);
        expect(result.stderr).toBe('Error: locked.alloy: read-only file (mode 0444); not written\n');
        expect(readFileSync(join(directory, 'locked.alloy'), 'utf8')).toBe(UNFORMATTED);
        expect(statSync(join(directory, 'locked.alloy')).mode & 0o777).toBe(0o444);
        expect(readFileSync(join(directory, 'open.alloy'), 'utf8')).toBe(FORMATTED);
        expect(temporaryFilesIn(directory)).toEqual([]);
      });

      it('--fix refuses a read-only file (0444): write-failed in its report, exit 1, the others fixed', () => {
        const directory = workspace(temp, runner, 'read-only-fix');
        writeOwned(runner, join(directory, 'locked.alloy'), UNFORMATTED, 0o444);
        writeOwned(runner, join(directory, 'open.alloy'), UNFORMATTED);
        const result = runner.run(['--fix', '--format', 'json', 'locked.alloy', 'open.alloy'], directory);
        expect(result.status).toBe(1);
        const reports = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string; severity: number }> }>;
        const locked = reports.find((report) => report.filePath.endsWith('locked.alloy'))!;
        expect(locked.messages).toEqual([
          expect.objectContaining({ ruleId: 'alloy-lint/write-failed', severity: 2, message: expect.stringContaining('read-only file (mode 0444)') }),
        ]);
        expect(reports.find((report) => report.filePath.endsWith('open.alloy'))!.messages).toEqual([]);
        expect(readFileSync(join(directory, 'locked.alloy'), 'utf8')).toBe(UNFORMATTED);
        expect(readFileSync(join(directory, 'open.alloy'), 'utf8')).toBe(FORMATTED);
      });

      it('fmt -w reports a fifo given as a target and formats the other files, without hanging', () => {
        const directory = workspace(temp, runner, 'fifo');
        spawnSync('mkfifo', [join(directory, 'pipe.alloy')]);
        runner.own(join(directory, 'pipe.alloy'));
        writeOwned(runner, join(directory, 'config.alloy'), UNFORMATTED);
        const result = runner.run(['fmt', '-w', 'pipe.alloy', 'config.alloy'], directory);
        expect(result.status).toBe(1);
        expect(result.stderr).toBe('Error: pipe.alloy: not a regular file (a fifo)\n');
        expect(readFileSync(join(directory, 'config.alloy'), 'utf8')).toBe(FORMATTED);
      });
    });
  }

  describe.skipIf(noteSkip(!user, 'no unprivileged user'))('a read-only directory, as the unprivileged user', () => {
    function setUp(): { locked: string; open: string } {
      const runner = runners[runners.length - 1]!;
      chmodSync(temp.path, 0o755);
      const locked = join(temp.path, 'locked');
      const open = join(temp.path, 'open');
      for (const directory of [locked, open]) {
        mkdirSync(directory);
        writeOwned(runner, join(directory, 'config.alloy'), UNFORMATTED);
        runner.own(directory);
      }
      chmodSync(locked, 0o555);
      return { locked, open };
    }
    const run = (args: readonly string[]): RunResult => runCliAs(user!, args, { cwd: temp.path });

    it('fmt -w: an error for the file in it, the other file formatted, exit 1', () => {
      const { locked, open } = setUp();
      const result = run(['fmt', '-w', 'locked/config.alloy', 'open/config.alloy']);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(`Error: locked/config.alloy: cannot create a temporary file in ${locked} (permission denied); not written\n`);
      expect(readFileSync(join(locked, 'config.alloy'), 'utf8')).toBe(UNFORMATTED);
      expect(readFileSync(join(open, 'config.alloy'), 'utf8')).toBe(FORMATTED);
    });

    it('--fix: a report with write-failed for that file, the other file fixed, exit 1 (not 2)', () => {
      const { locked, open } = setUp();
      const result = run(['--fix', 'locked', 'open']);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('locked/config.alloy');
      expect(result.stdout).toContain(`cannot write the fixed file: cannot create a temporary file in ${locked} (permission denied)`);
      expect(result.stdout).toContain('alloy-lint/write-failed');
      expect(result.stdout).not.toContain('open/config.alloy');
      expect(readFileSync(join(locked, 'config.alloy'), 'utf8')).toBe(UNFORMATTED);
      expect(readFileSync(join(open, 'config.alloy'), 'utf8')).toBe(FORMATTED);
    });
  });
});

describe.skipIf(noteSkip(!ready, 'needs the built CLI, checker and formatter'))('RunWriter', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir('alloy-lint-run-writer-');
  });
  afterEach(() => temp.remove());

  it('refuses a file that changed on disk since it was read, and --fix reports it as write-failed', () => {
    const file = join(temp.path, 'config.alloy');
    writeFileSync(file, 'edited by someone else\n');
    const outcome = new RunWriter().write(file, FORMATTED, UNFORMATTED);
    expect(outcome).toMatchObject({ status: 'refused', reason: 'changed-on-disk' });
    expect(readFileSync(file, 'utf8')).toBe('edited by someone else\n');
    if (outcome.status !== 'refused') return;
    expect(writeFailedDiagnostic(outcome)).toMatchObject({
      code: 'alloy-lint/write-failed',
      severity: 'error',
      message: expect.stringMatching(/^cannot write the fixed file: the file changed on disk since it was read; the file is unchanged/),
    });
  });

  it('removes the temporary files of dead alloy-lint processes beside the files it may write', () => {
    const file = join(temp.path, 'config.alloy');
    writeFileSync(file, FORMATTED);
    const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const stale = join(temp.path, `.config.alloy.alloy-lint-${deadPid}-1f2e3d.tmp`);
    writeFileSync(stale, 'half a file');
    new RunWriter().cleanUpBeside(file);
    expect(existsSync(stale)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(FORMATTED);
  });
});

// A deterministic sequence of delays (mulberry32), so a failure can be replayed.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function largeUnformattedConfig(targetBytes: number): string {
  let text = '';
  for (let index = 0; text.length < targetBytes; index += 1) {
    text += `prometheus.scrape "job_${index}" {\ntargets = [{"__address__"="host-${index}:9100"}]\nforward_to = []\nscrape_interval="15s"\n}\n`;
  }
  return text;
}

describe.skipIf(noteSkip(!ready, 'needs the built CLI, checker and formatter'))('kill -9 during fmt -w of a large directory', () => {
  it('leaves every file either original or fully formatted, and the next run removes the temporary files', async () => {
    const temp = makeTempDir('alloy-lint-kill-');
    try {
      const original = largeUnformattedConfig(100 * 1024);
      const formatted = runCli(['fmt'], { input: original }).stdout;
      expect(formatted.length).toBeGreaterThan(original.length / 2);
      expect(formatted).not.toBe(original);
      const fileCount = 300;
      const names = Array.from({ length: fileCount }, (_, index) => `host-${String(index).padStart(3, '0')}.alloy`);
      for (const name of names) writeFileSync(join(temp.path, name), original);
      const random = seededRandom(18);
      let sawOriginalAfterKill = false;

      for (let attempt = 0; attempt < 3; attempt += 1) {
        const { spawn } = await import('node:child_process');
        const child = spawn(process.execPath, [cliPath, 'fmt', '-w', '.'], { cwd: temp.path, stdio: 'ignore' });
        const ended = new Promise<NodeJS.Signals | null>((resolveEnd) => child.once('exit', (_code, signal) => resolveEnd(signal)));
        // Wait until writing has begun (a temporary file or a newly formatted file), then a seeded delay.
        const startSizes = new Map(names.map((name) => [name, statSync(join(temp.path, name)).size]));
        for (let waited = 0; waited < 30_000; waited += 5) {
          const started =
            temporaryFilesIn(temp.path).length > 0 || names.some((name) => statSync(join(temp.path, name)).size !== startSizes.get(name));
          if (started) break;
          await new Promise((resolveWait) => setTimeout(resolveWait, 5));
        }
        await new Promise((resolveWait) => setTimeout(resolveWait, Math.floor(random() * 400)));
        child.kill('SIGKILL');
        expect(await ended).toBe('SIGKILL');

        for (const name of names) {
          const text = readFileSync(join(temp.path, name), 'utf8');
          if (text !== formatted) expect(text, `${name} after kill ${attempt + 1}`).toBe(original);
          if (text === original) sawOriginalAfterKill = true;
        }
      }
      // The runs were cut short, not allowed to finish.
      expect(sawOriginalAfterKill).toBe(true);

      // A leftover of a dead run, planted so the clean-up is always exercised.
      const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
      writeFileSync(join(temp.path, `.host-000.alloy.alloy-lint-${deadPid}-0badc0de.tmp`), original.slice(0, 1000));
      const leftovers = temporaryFilesIn(temp.path);
      expect(leftovers.length).toBeGreaterThan(0);

      // Discovery never takes a temporary file for an Alloy file.
      const listedPaths = discoverFiles([temp.path], { cwd: temp.path });
      expect(listedPaths).toHaveLength(fileCount);
      expect(listedPaths.filter((path) => path.endsWith('.tmp'))).toEqual([]);

      const next = runCli(['fmt', '-w', '.'], { cwd: temp.path });
      expect(next.stderr).toBe('');
      expect(next.status).toBe(0);
      expect(temporaryFilesIn(temp.path)).toEqual([]);
      for (const name of names) expect(readFileSync(join(temp.path, name), 'utf8'), name).toBe(formatted);
    } finally {
      temp.remove();
    }
  });
});
