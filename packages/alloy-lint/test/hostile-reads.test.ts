/**
 * Hostile inputs to alloy-lint's reads: fifos, links to /dev/zero, sockets and oversized files as
 * targets, siblings, imported modules, configuration files and `graph` inputs, and directories the
 * user cannot list. Every run is bounded (spawnSync with a timeout), so a read that blocks fails
 * the test instead of hanging the suite.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkerBuilt, cliBuilt, cliPath, makeTempDir, noteSkip, type RunResult } from './helpers.js';
import { handOver, unprivilegedUser, type TestUser } from './users.js';

// Far above a normal run (well under a second or two); a blocked read is killed here and fails.
const RUN_LIMIT_MS = 20_000;

interface BoundedResult extends RunResult {
  timedOut: boolean;
}

/** Runs the built CLI (as `user` when given) with a time limit. */
function runBounded(args: readonly string[], cwd: string, user?: TestUser): BoundedResult {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: '/tmp' };
  delete env['NO_COLOR'];
  delete env['FORCE_COLOR'];
  const [file, fileArgs] =
    user?.switched === true
      ? ['setpriv', ['--reuid', String(user.uid), '--regid', String(user.gid), '--clear-groups', process.execPath, cliPath, ...args]]
      : [process.execPath, [cliPath, ...args]];
  const result = spawnSync(file, fileArgs, { cwd, env, input: '', encoding: 'utf8', timeout: RUN_LIMIT_MS, killSignal: 'SIGKILL' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, timedOut: result.signal === 'SIGKILL' };
}

interface JsonMessage {
  ruleId: string;
  message: string;
  line: number;
  column: number;
}

interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
}

function jsonReport(result: BoundedResult): JsonResult[] {
  expect(result.timedOut, 'alloy-lint did not finish in time').toBe(false);
  return JSON.parse(result.stdout) as JsonResult[];
}

function messagesOf(results: JsonResult[], fileName: string): JsonMessage[] {
  const result = results.find((entry) => entry.filePath.endsWith(`/${fileName}`));
  expect(result, `${fileName} in the report`).toBeDefined();
  return result!.messages;
}

function mkfifo(path: string): void {
  const made = spawnSync('mkfifo', [path]);
  expect(made.status, 'mkfifo').toBe(0);
}

/** A unix socket file left on disk (python3 binds one and exits); false when python3 is missing. */
function makeSocket(path: string): boolean {
  const made = spawnSync('python3', ['-c', 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', path]);
  return made.status === 0;
}

const mkfifoAvailable = spawnSync('mkfifo', ['--version']).status === 0;
const ready = cliBuilt && checkerBuilt && mkfifoAvailable;
const skipReason = 'needs the built CLI and checker (pnpm --filter alloy-lint build) and mkfifo';

const validConfig = 'logging {\n  level = "info"\n}\n';
const usesSiblingComponent =
  'prometheus.scrape "default" {\n  targets    = []\n  forward_to = [prometheus.remote_write.elsewhere.receiver]\n}\n';
const definesSiblingComponent = 'prometheus.remote_write "elsewhere" {\n  endpoint {\n    url = "http://mimir:9009/api/v1/push"\n  }\n}\n';

describe.skipIf(noteSkip(!ready, skipReason))('hostile reads: special files', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let dir: string;
  beforeEach(() => {
    temp = makeTempDir();
    dir = temp.path;
  });
  afterEach(() => temp.remove());

  it('a fifo, a link to /dev/zero and a socket given as targets are unreadable-file at 1:1; the run goes on', () => {
    writeFileSync(join(dir, 'good.alloy'), validConfig);
    writeFileSync(join(dir, 'bad.alloy'), 'logging {\n  level = "loud"\n}\n');
    mkfifo(join(dir, 'pipe.alloy'));
    symlinkSync('/dev/zero', join(dir, 'zero.alloy'));
    const targets = ['pipe.alloy', 'zero.alloy', 'good.alloy', 'bad.alloy'];
    const socket = makeSocket(join(dir, 'socket.alloy'));
    if (socket) targets.push('socket.alloy');
    else console.log('[alloy-lint tests] python3 is missing: the socket case is not run');
    const result = runBounded(['--format', 'json', ...targets], dir);
    const report = jsonReport(result);
    expect(result.status).toBe(1);
    expect(messagesOf(report, 'pipe.alloy')).toEqual([
      expect.objectContaining({ ruleId: 'alloy-lint/unreadable-file', message: 'cannot read file: not a regular file (a fifo)', line: 1, column: 1 }),
    ]);
    expect(messagesOf(report, 'zero.alloy')).toEqual([
      expect.objectContaining({ ruleId: 'alloy-lint/unreadable-file', message: 'cannot read file: not a regular file (a character device)' }),
    ]);
    if (socket) {
      const [problem] = messagesOf(report, 'socket.alloy');
      expect(problem?.ruleId).toBe('alloy-lint/unreadable-file');
      expect(problem?.message).toMatch(/^cannot read file: not a regular file/);
    }
    expect(messagesOf(report, 'good.alloy')).toEqual([]);
    expect(messagesOf(report, 'bad.alloy').map((message) => message.ruleId)).toContain('alloy/invalid-enum');
  });

  it('the stylish report names the kind of special file', () => {
    mkfifo(join(dir, 'pipe.alloy'));
    const result = runBounded(['pipe.alloy'], dir);
    expect(result.timedOut).toBe(false);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('1:1  error  cannot read file: not a regular file (a fifo)  alloy-lint/unreadable-file');
  });

  it('special files found while walking a directory or a glob are not listed; named, they are reported', () => {
    writeFileSync(join(dir, 'main.alloy'), validConfig);
    mkfifo(join(dir, 'pipe.alloy'));
    symlinkSync('/dev/zero', join(dir, 'zero.river'));
    mkdirSync(join(dir, 'sub'));
    mkfifo(join(dir, 'sub', 'deep.alloy'));
    writeFileSync(join(dir, 'sub', 'ok.alloy'), validConfig);
    makeSocket(join(dir, 'sub', 'socket.alloy'));
    for (const target of ['.', '**/*.alloy']) {
      const result = runBounded(['--format', 'json', target], dir);
      const names = jsonReport(result).map((entry) => entry.filePath.slice(dir.length + 1));
      expect(names, target).toEqual(['main.alloy', 'sub/ok.alloy']);
      expect(result.status, target).toBe(0);
    }
    const named = runBounded(['--format', 'json', '.', 'pipe.alloy'], dir);
    expect(messagesOf(jsonReport(named), 'pipe.alloy')[0]?.ruleId).toBe('alloy-lint/unreadable-file');
  });

  it('a directory holding only special files is reported as having no Alloy file', () => {
    mkfifo(join(dir, 'pipe.alloy'));
    const result = runBounded(['.'], dir);
    expect(result.timedOut).toBe(false);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^alloy-lint: no Alloy files \(\.alloy, \.river, Alloy templates, YAML holding Alloy\) found in \./);
  });

  it('fifos and /dev/zero links beside the linted file are never read: siblings are looked up without blocking', () => {
    writeFileSync(join(dir, 'main.alloy'), usesSiblingComponent);
    mkfifo(join(dir, 'pipe.alloy'));
    symlinkSync('/dev/zero', join(dir, 'zero.alloy'));
    const alone = runBounded(['--format', 'json', 'main.alloy'], dir);
    expect(messagesOf(jsonReport(alone), 'main.alloy').map((message) => message.ruleId)).toEqual(['alloy/unresolved-reference']);
    // With the definition in a regular sibling, the reference resolves: the special files did not stop the lookup.
    writeFileSync(join(dir, 'remote.alloy'), definesSiblingComponent);
    const resolved = runBounded(['--format', 'json', 'main.alloy'], dir);
    expect(messagesOf(jsonReport(resolved), 'main.alloy')).toEqual([]);
    const directoryConfig = runBounded(['--format', 'json', '--directory-config', 'main.alloy'], dir);
    expect(messagesOf(jsonReport(directoryConfig), 'main.alloy')).toEqual([]);
  });

  it('import.file of a fifo, a /dev/zero link or a directory holding them reads nothing and does not block', () => {
    mkfifo(join(dir, 'pipe.alloy'));
    symlinkSync('/dev/zero', join(dir, 'zero.alloy'));
    mkdirSync(join(dir, 'modules'));
    mkfifo(join(dir, 'modules', 'module.alloy'));
    writeFileSync(
      join(dir, 'main.alloy'),
      ['pipe', 'zero'].map((name) => `import.file "${name}" {\n  filename = "${name}.alloy"\n}\n`).join('') +
        'import.file "modules" {\n  filename = "modules"\n}\n',
    );
    const result = runBounded(['--format', 'json', 'main.alloy'], dir);
    const messages = messagesOf(jsonReport(result), 'main.alloy');
    const notFound = messages.filter((message) => message.ruleId === 'alloy/import-not-found');
    expect(notFound.map((message) => message.line)).toEqual(expect.arrayContaining([2, 5]));
    expect(notFound.map((message) => message.message).join('\n')).toContain('cannot read "pipe.alloy"');
    expect(result.status).toBe(0);
  });

  it('-c naming a fifo or a /dev/zero link is a configuration error (exit 2), not a hang', () => {
    writeFileSync(join(dir, 'main.alloy'), validConfig);
    mkfifo(join(dir, 'config.json'));
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    const fifo = runBounded(['-c', 'config.json', 'main.alloy'], dir);
    expect(fifo.timedOut).toBe(false);
    expect(fifo.status).toBe(2);
    expect(fifo.stderr).toBe(`alloy-lint: cannot read config file ${join(dir, 'config.json')}: not a regular file (a fifo)\n`);
    const zero = runBounded(['-c', 'zero.json', 'main.alloy'], dir);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toBe(`alloy-lint: cannot read config file ${join(dir, 'zero.json')}: not a regular file (a character device)\n`);
  });

  it('a fifo named .alloy-lint.json or package.json stops the run with a message; a fifo .gitignore is not applied', () => {
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'main.alloy'), validConfig);
    mkfifo(join(dir, 'a', '.alloy-lint.json'));
    const config = runBounded(['a'], dir);
    expect(config.timedOut).toBe(false);
    expect(config.status).toBe(2);
    expect(config.stderr).toBe(`alloy-lint: cannot read config file ${join(dir, 'a', '.alloy-lint.json')}: not a regular file (a fifo)\n`);

    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b', 'main.alloy'), validConfig);
    mkfifo(join(dir, 'b', 'package.json'));
    const packageJson = runBounded(['b'], dir);
    expect(packageJson.status).toBe(2);
    expect(packageJson.stderr).toContain('package.json: not a regular file (a fifo)');

    mkdirSync(join(dir, 'c', '.git'), { recursive: true });
    writeFileSync(join(dir, 'c', 'main.alloy'), validConfig);
    mkfifo(join(dir, 'c', '.gitignore'));
    const gitignore = runBounded(['--format', 'json', 'c'], dir);
    expect(jsonReport(gitignore).map((entry) => entry.filePath)).toEqual([join(dir, 'c', 'main.alloy')]);
  });

  it('--max-file-size applies to siblings and imported modules too', () => {
    writeFileSync(join(dir, 'main.alloy'), usesSiblingComponent);
    const padding = `// ${'x'.repeat(4000)}\n`;
    writeFileSync(join(dir, 'remote.alloy'), padding + definesSiblingComponent);
    const withinLimit = runBounded(['--format', 'json', 'main.alloy'], dir);
    expect(messagesOf(jsonReport(withinLimit), 'main.alloy')).toEqual([]);
    const overLimit = runBounded(['--format', 'json', '--max-file-size', '1000', 'main.alloy'], dir);
    expect(messagesOf(jsonReport(overLimit), 'main.alloy').map((message) => message.ruleId)).toEqual(['alloy/unresolved-reference']);

    mkdirSync(join(dir, 'importer'));
    writeFileSync(join(dir, 'importer', 'module.alloy'), `${padding}declare "thing" {\n}\n`);
    writeFileSync(join(dir, 'importer', 'main.alloy'), 'import.file "lib" {\n  filename = "module.alloy"\n}\n\nlib.thing "x" {\n}\n');
    const imported = runBounded(['--format', 'json', 'importer/main.alloy'], dir);
    expect(messagesOf(jsonReport(imported), 'main.alloy')).toEqual([]);
    const tooLarge = runBounded(['--format', 'json', '--max-file-size', '1000', 'importer/main.alloy'], dir);
    expect(messagesOf(jsonReport(tooLarge), 'main.alloy').map((message) => message.ruleId)).toContain('alloy/import-not-found');
  });

  it('a target larger than --max-file-size is file-too-large, also a /proc file whose size stat does not know', () => {
    writeFileSync(join(dir, 'big.alloy'), `// ${'x'.repeat(5000)}\n`);
    symlinkSync('/proc/self/status', join(dir, 'proc.alloy'));
    const result = runBounded(['--format', 'json', '--max-file-size', '100', 'big.alloy', 'proc.alloy'], dir);
    const report = jsonReport(result);
    expect(messagesOf(report, 'big.alloy')).toEqual([
      expect.objectContaining({ ruleId: 'alloy-lint/file-too-large', message: 'file is too large to check (5004 bytes; the limit is 100, see --max-file-size)' }),
    ]);
    expect(messagesOf(report, 'proc.alloy')).toEqual([
      expect.objectContaining({ ruleId: 'alloy-lint/file-too-large', message: 'file is too large to check (more than 100 bytes; the limit is 100, see --max-file-size)' }),
    ]);
  });

  it('graph of a fifo is refused with a message; graph of a directory leaves its special files out', () => {
    mkfifo(join(dir, 'pipe.alloy'));
    const fifo = runBounded(['graph', 'pipe.alloy'], dir);
    expect(fifo.timedOut).toBe(false);
    expect(fifo.status).toBe(2);
    expect(fifo.stderr).toBe('alloy-lint: cannot read pipe.alloy: not a regular file (a fifo)\n');
    writeFileSync(join(dir, 'main.alloy'), usesSiblingComponent);
    writeFileSync(join(dir, 'remote.alloy'), definesSiblingComponent);
    symlinkSync('/dev/zero', join(dir, 'zero.alloy'));
    const directory = runBounded(['graph', '.'], dir);
    expect(directory.status).toBe(0);
    expect(directory.stdout).toContain('prometheus_scrape_default -->|receiver| prometheus_remote_write_elsewhere');
  });
});

const user = ready ? unprivilegedUser() : undefined;

describe.skipIf(noteSkip(!ready || user === undefined, `${skipReason}, and an unprivileged user (useradd as root)`))(
  'hostile reads: permissions, as an unprivileged user',
  () => {
    let temp: ReturnType<typeof makeTempDir>;
    let dir: string;
    beforeEach(() => {
      temp = makeTempDir();
      dir = temp.path;
    });
    afterEach(() => {
      chmodSync(dir, 0o700);
      temp.remove();
    });

    /** `dir` with `ok/a.alloy` and `locked/b.alloy`, `locked` not listable by the test user. */
    function lockedTree(): void {
      mkdirSync(join(dir, 'ok'));
      mkdirSync(join(dir, 'locked'));
      writeFileSync(join(dir, 'ok', 'a.alloy'), validConfig);
      writeFileSync(join(dir, 'locked', 'b.alloy'), validConfig);
      handOver(user!, dir, join(dir, 'ok'), join(dir, 'ok', 'a.alloy'), join(dir, 'locked'), join(dir, 'locked', 'b.alloy'));
      chmodSync(join(dir, 'locked'), 0o000);
    }

    it('an unreadable subdirectory is reported as alloy-lint/unreadable-directory and the run exits 1', () => {
      lockedTree();
      const result = runBounded(['--format', 'json', '.'], dir, user);
      const report = jsonReport(result);
      expect(report.map((entry) => entry.filePath)).toEqual([join(dir, 'locked'), join(dir, 'ok', 'a.alloy')]);
      expect(report[0]!.messages).toEqual([
        expect.objectContaining({
          ruleId: 'alloy-lint/unreadable-directory',
          message: 'cannot list directory: permission denied; the files in it were not checked',
          line: 1,
          column: 1,
        }),
      ]);
      expect(result.status).toBe(1);
      const stylish = runBounded(['.'], dir, user);
      expect(stylish.stdout).toContain('locked\n  1:1  error  cannot list directory: permission denied');
    });

    it('fmt -w over a tree with an unreadable subdirectory formats the rest, names the directory and exits 1', () => {
      lockedTree();
      writeFileSync(join(dir, 'ok', 'a.alloy'), 'logging {\n  level = "info"\n}\n');
      handOver(user!, join(dir, 'ok', 'a.alloy'));
      const result = runBounded(['fmt', '-w', '.'], dir, user);
      expect(result.stderr).toContain('Error: open ./locked: permission denied');
      expect(result.status).toBe(1);
      expect(readFileSync(join(dir, 'ok', 'a.alloy'), 'utf8')).toBe('logging {\n\tlevel = "info"\n}\n');
    });

    it('an unreadable directory named as the target is reported as such, not as a directory without Alloy files', () => {
      lockedTree();
      const result = runBounded(['locked'], dir, user);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('alloy-lint/unreadable-directory');
    });

    it('the rule setting of alloy-lint/unreadable-directory applies', () => {
      lockedTree();
      const result = runBounded(['--rule', 'alloy-lint/unreadable-directory=warn', '.'], dir, user);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('warning  cannot list directory: permission denied');
    });

    it('an unreadable file is reported with permission denied', () => {
      writeFileSync(join(dir, 'secret.alloy'), validConfig);
      handOver(user!, dir);
      chmodSync(join(dir, 'secret.alloy'), 0o600); // still root's
      const result = runBounded(['--format', 'json', 'secret.alloy'], dir, user);
      if (!user!.switched) {
        console.log('[alloy-lint tests] running unprivileged already: the file is readable to its owner, case not run');
        return;
      }
      expect(messagesOf(jsonReport(result), 'secret.alloy')).toEqual([
        expect.objectContaining({ ruleId: 'alloy-lint/unreadable-file', message: 'cannot read file: permission denied' }),
      ]);
    });
  },
);
