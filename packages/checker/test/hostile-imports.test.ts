import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfig, checkText, nodeFileSystem, type CheckerFileSystem, type CheckOptions } from '../src/index.js';
import { packageRoot } from './helpers.js';

// Configurations from repositories and other people name files the checker must not show or hang
// on: messages about imported files give positions, never their text, and only regular files are
// read, with a size limit.

let workspace: string;
let outside: string;

const validModule = 'declare "add" {\n  argument "a" {}\n  export "sum" {\n    value = argument.a.value\n  }\n}\n';

beforeAll(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'checker-hostile-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'checker-outside-'));
  mkdirSync(path.join(workspace, 'modules'));
  writeFileSync(path.join(workspace, 'modules/math.alloy'), validModule);
  writeFileSync(path.join(workspace, 'secret.txt'), 'AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMIK7MDENG"\n');
  writeFileSync(path.join(workspace, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n');
  writeFileSync(path.join(workspace, 'broken.alloy'), 'declare "add" {\n  argument "a" {}\n');
  writeFileSync(path.join(outside, 'module.alloy'), validModule);
  writeFileSync(path.join(outside, 'pipeline.alloy'), 'prometheus.remote_write "w" {\n  endpoint {\n    url = "http://x/api/v1/write"\n  }\n}\n');
  symlinkSync(path.join(outside, 'module.alloy'), path.join(workspace, 'modules/linked.alloy'));
  mkdirSync(path.join(workspace, 'inside-modules'));
  writeFileSync(path.join(workspace, 'inside-modules/math.alloy'), validModule);
  symlinkSync(path.join(outside, 'module.alloy'), path.join(workspace, 'inside-modules/leak.alloy'));
  mkdirSync(path.join(workspace, 'sibling-link'));
  symlinkSync(path.join(outside, 'pipeline.alloy'), path.join(workspace, 'sibling-link/pipeline.alloy'));
});

afterAll(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const importOf = (filename: string, namespace = 'm') => `import.file "${namespace}" {\n  filename = ${JSON.stringify(filename)}\n}\n`;

function check(text: string, options: CheckOptions = {}, directory = workspace) {
  const fileName = path.join(directory, 'main.alloy');
  writeFileSync(fileName, text);
  return checkText(text, { fileName, ...options }).diagnostics;
}

/** A file system that records the paths it is asked to read. */
function recording(base: CheckerFileSystem): { fileSystem: CheckerFileSystem; paths: string[] } {
  const paths: string[] = [];
  const fileSystem: CheckerFileSystem = {
    readFile: (filePath) => (paths.push(path.resolve(filePath)), base.readFile(filePath)),
    readDirectory: (directoryPath) => (paths.push(path.resolve(directoryPath)), base.readDirectory(directoryPath)),
    unreadableReason: (filePath) => base.unreadableReason?.(filePath),
    realPath: (filePath) => base.realPath?.(filePath) ?? path.resolve(filePath),
  };
  return { fileSystem, paths };
}

describe('messages about imported files', () => {
  it('give the position of a statement that is not a declare or import block, not its text', () => {
    const diagnostics = check(importOf('secret.txt'));
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ['alloy/invalid-module-content', 'only declare and import blocks are allowed in a module: "secret.txt" has another statement at line 1, column 1'],
    ]);
  });

  it('report a file that does not parse at the import, with the position of its first syntax error', () => {
    const diagnostics = check(importOf('passwd'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('alloy/invalid-module-content');
    expect(diagnostics[0]!.message).toMatch(/^import\.file "m": the module file "passwd" does not parse \(syntax error at line 1, column \d+\)$/);
    expect(diagnostics[0]!.range.start.line).toBe(1);
  });

  it('do not check components against a module that does not parse', () => {
    const diagnostics = check(`${importOf('broken.alloy')}m.add "x" {\n  a = 1\n}\nm.sub "y" {}\n`);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/invalid-module-content']);
    expect(diagnostics[0]!.message).toMatch(/^import\.file "m": the module file "broken\.alloy" does not parse \(syntax error at line \d+, column \d+\)$/);
  });

  it('never quote /proc/self/environ', () => {
    if (!existsSync('/proc/self/environ')) {
      console.warn('[checker] /proc/self/environ is absent: skipping the environ import test');
      return;
    }
    const environment = readFileSync('/proc/self/environ', 'latin1');
    const diagnostics = check(importOf('/proc/self/environ', 'env'));
    expect(diagnostics).toHaveLength(1);
    const message = diagnostics[0]!.message;
    expect(message).toMatch(
      /^(import\.file "env": the module file "\/proc\/self\/environ" does not parse \(syntax error at line \d+, column \d+\)|only declare and import blocks are allowed in a module: "\/proc\/self\/environ" has another statement at line \d+, column \d+)$/,
    );
    for (const variable of environment.split('\0')) {
      const name = variable.split('=')[0]!;
      if (name.length >= 4) expect(message).not.toContain(name);
    }
  });

  it('say why a file cannot be read: a directory of modules is read, a file over the size limit is not', () => {
    writeFileSync(path.join(workspace, 'large.alloy'), `${validModule}// ${'x'.repeat(5000)}\n`);
    const large = check(importOf('large.alloy'), { maxFileSize: 4096 });
    expect(large.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ['alloy/import-not-found', `import.file "m": cannot read "large.alloy": file is too large (${validModule.length + 5004} bytes; the limit is 4096)`],
    ]);
    expect(check(importOf('large.alloy'))).toEqual([]);
    expect(check(`${importOf('modules')}m.add "x" {\n  a = 1\n}\n`)).toEqual([]);
  });
});

describe('importRoots', () => {
  it('refuses an import outside the roots without reading it', () => {
    const { fileSystem, paths } = recording(nodeFileSystem);
    const target = path.join(outside, 'module.alloy');
    const diagnostics = check(importOf(target), { fileSystem, importRoots: [workspace] });
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.message])).toEqual([
      ['alloy/import-outside-root', 'warning', `import.file "m": "${target}" is outside the directories imports may be read from; it was not read`],
    ]);
    expect(diagnostics[0]!.range.start.line).toBe(2);
    expect(paths.filter((read) => read.startsWith(outside))).toEqual([]);
  });

  it('follows symbolic links before deciding', () => {
    const diagnostics = check(importOf('modules/linked.alloy'), { importRoots: [workspace] });
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/import-outside-root']);
    // Without roots the same import is read.
    expect(check(`${importOf('modules/linked.alloy')}m.add "x" {\n  a = 1\n}\n`)).toEqual([]);
  });

  it('reads the files of an imported directory that lie inside, and names the one that does not', () => {
    const diagnostics = check(`${importOf('inside-modules')}m.add "x" {\n  a = 1\n}\n`, { importRoots: [workspace] });
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ['alloy/import-outside-root', 'import.file "m": "inside-modules/leak.alloy" (a file of "inside-modules") is outside the directories imports may be read from; it was not read'],
    ]);
  });

  it('accepts imports inside the roots, and applies to checkConfig', () => {
    expect(check(`${importOf('modules/math.alloy')}m.add "x" {\n  a = 1\n}\n`, { importRoots: [workspace] })).toEqual([]);
    const fileName = path.join(workspace, 'main.alloy');
    const result = checkConfig([{ fileName, text: importOf('/proc/self/environ') }], { importRoots: [workspace] });
    expect(result.files[0]!.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/import-outside-root']);
  });

  it('ignores sibling files that lead outside the roots', () => {
    const directory = path.join(workspace, 'sibling-link');
    const text = 'prometheus.scrape "s" {\n  targets    = []\n  forward_to = [prometheus.remote_write.w.receiver]\n}\n';
    expect(check(text, {}, directory)).toEqual([]);
    const confined = check(text, { importRoots: [workspace] }, directory);
    expect(confined.map((diagnostic) => diagnostic.code)).toEqual(['alloy/unresolved-reference']);
  });
});

// Special files would block a read or grow it without end: these run in a child process with a
// timeout, so that a regression fails instead of hanging the test run. The child checks the
// current sources, bundled for it.
let bundle: string | undefined;

function checkInChild(fileName: string, user?: { uid: number; gid: number }): { diagnostics: [string, string][]; failure?: string } {
  if (!bundle) {
    const bundleDirectory = path.join(packageRoot, 'node_modules/.cache/checker-hostile-test');
    mkdirSync(bundleDirectory, { recursive: true });
    bundle = path.join(bundleDirectory, `checker-${process.pid}.mjs`);
    buildSync({ entryPoints: [path.join(packageRoot, 'src/index.ts')], bundle: true, packages: 'external', platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
  }
  const script = `
    import { readFileSync } from 'node:fs';
    const { checkText } = await import(${JSON.stringify(bundle)});
    const fileName = ${JSON.stringify(fileName)};
    const { diagnostics } = checkText(readFileSync(fileName, 'utf8'), { fileName });
    console.log(JSON.stringify(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])));
  `;
  const [command, args] = user
    ? ['setpriv', ['--reuid', String(user.uid), '--regid', String(user.gid), '--clear-groups', process.execPath]]
    : [process.execPath, []];
  const child = spawnSync(command, [...args, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 20 });
  if (child.signal !== null) return { diagnostics: [], failure: `the check did not end (${child.signal}): ${child.stderr}` };
  if (child.status !== 0) return { diagnostics: [], failure: `exit ${child.status}: ${child.stderr}` };
  return { diagnostics: JSON.parse(child.stdout) as [string, string][] };
}

afterAll(() => {
  if (bundle) rmSync(bundle, { force: true });
});

describe('special files', () => {
  it('are refused at once as imports and as siblings: a fifo, links to /dev/zero and /dev/urandom, a directory named .alloy', () => {
    const directory = path.join(workspace, 'special');
    mkdirSync(directory);
    execFileSync('mkfifo', [path.join(directory, 'fifo.alloy')]);
    symlinkSync('/dev/zero', path.join(directory, 'zero.alloy'));
    symlinkSync('/dev/urandom', path.join(directory, 'random.alloy'));
    mkdirSync(path.join(directory, 'folder.alloy'));
    mkdirSync(path.join(directory, 'mods'));
    execFileSync('mkfifo', [path.join(directory, 'mods/fifo.alloy')]);
    const main = [
      importOf('fifo.alloy', 'a'),
      importOf('zero.alloy', 'b'),
      importOf('random.alloy', 'c'),
      importOf('mods', 'd'),
      'prometheus.scrape "s" {\n  targets    = []\n  forward_to = [prometheus.remote_write.missing.receiver]\n}\n',
    ].join('');
    writeFileSync(path.join(directory, 'main.alloy'), main);
    const result = checkInChild(path.join(directory, 'main.alloy'));
    expect(result.failure).toBeUndefined();
    expect(result.diagnostics).toEqual([
      ['alloy/import-not-found', 'import.file "a": cannot read "fifo.alloy": not a regular file (a fifo)'],
      ['alloy/import-not-found', 'import.file "b": cannot read "zero.alloy": not a regular file (a character device)'],
      ['alloy/import-not-found', 'import.file "c": cannot read "random.alloy": not a regular file (a character device)'],
      ['alloy/import-not-found', 'import.file "d": cannot read "mods/fifo.alloy": not a regular file (a fifo)'],
      ['alloy/unresolved-reference', 'component "prometheus.remote_write.missing.receiver" does not exist or is out of scope'],
    ]);
  });
});

describe('as an unprivileged user', () => {
  const uid = process.getuid?.();
  const nobody = uid === 0 ? spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }) : undefined;
  const user = uid === 0 && nobody?.status === 0 ? { uid: Number(nobody.stdout.trim()), gid: Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim()) } : undefined;
  if (uid !== 0) console.warn('[checker] not running as root: the unprivileged checks run as the current user');
  else if (!user) console.warn('[checker] no "nobody" account: skipping the unprivileged checks');

  it.skipIf(uid === 0 && !user)('reports unreadable modules and directories with the reason, and ignores unreadable siblings', () => {
    const directory = path.join(workspace, 'locked');
    mkdirSync(directory);
    writeFileSync(path.join(directory, 'secret.alloy'), validModule);
    writeFileSync(path.join(directory, 'unreadable.alloy'), 'prometheus.remote_write "w" {}\n');
    mkdirSync(path.join(directory, 'private'));
    writeFileSync(path.join(directory, 'private/math.alloy'), validModule);
    const main = `${importOf('secret.alloy', 's')}${importOf('private', 'p')}prometheus.scrape "s" {\n  targets    = []\n  forward_to = [prometheus.remote_write.w.receiver]\n}\n`;
    writeFileSync(path.join(directory, 'main.alloy'), main);
    chmodSync(directory, 0o755);
    chmodSync(workspace, 0o755);
    chmodSync(path.join(directory, 'secret.alloy'), 0o000);
    chmodSync(path.join(directory, 'unreadable.alloy'), 0o000);
    chmodSync(path.join(directory, 'private'), 0o000);
    const result = checkInChild(path.join(directory, 'main.alloy'), user);
    expect(result.failure).toBeUndefined();
    expect(result.diagnostics).toEqual([
      ['alloy/import-not-found', 'import.file "s": cannot read "secret.alloy": permission denied'],
      ['alloy/import-not-found', 'import.file "p": cannot read "private": permission denied'],
      ['alloy/unresolved-reference', 'component "prometheus.remote_write.w.receiver" does not exist or is out of scope'],
    ]);
  });
});
