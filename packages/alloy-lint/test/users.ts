import { spawnSync } from 'node:child_process';
import { chownSync } from 'node:fs';
import { cliPath, packageRoot, type RunResult } from './helpers.js';

/** The account the hostile-input tests run as when the suite runs as root (created on first use). */
export const TEST_USER_NAME = 'alloy-lint-test';

export interface TestUser {
  name: string;
  uid: number;
  gid: number;
  /** False when the suite itself already runs unprivileged (then commands run as this process). */
  switched: boolean;
}

let cached: TestUser | null | undefined;

function idOf(flag: '-u' | '-g', name: string): number | undefined {
  const result = spawnSync('id', [flag, name], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

/**
 * An unprivileged user to run commands as: as root, `alloy-lint-test` (created with `useradd` when
 * missing); otherwise the current user. Undefined when root cannot create one.
 */
export function unprivilegedUser(): TestUser | undefined {
  if (cached !== undefined) return cached ?? undefined;
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) {
    cached = { name: String(uid), uid, gid: process.getgid?.() ?? uid, switched: false };
    return cached;
  }
  if (idOf('-u', TEST_USER_NAME) === undefined) {
    spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', TEST_USER_NAME], { stdio: 'ignore' });
  }
  const userId = idOf('-u', TEST_USER_NAME);
  const groupId = idOf('-g', TEST_USER_NAME);
  cached = userId === undefined || groupId === undefined ? null : { name: TEST_USER_NAME, uid: userId, gid: groupId, switched: true };
  return cached ?? undefined;
}

/** Gives `user` a path (a test's temporary directory and what is in it). */
export function handOver(user: TestUser, ...paths: string[]): void {
  if (!user.switched) return;
  for (const path of paths) chownSync(path, user.uid, user.gid);
}

/** Runs `command` as `user` (through `setpriv`, which needs no PAM session). */
export function runAs(
  user: TestUser,
  command: string,
  args: readonly string[],
  options: { cwd?: string; input?: string } = {},
): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, HOME: '/tmp' };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const [file, fileArgs] = user.switched
    ? ['setpriv', ['--reuid', String(user.uid), '--regid', String(user.gid), '--clear-groups', command, ...args]]
    : [command, [...args]];
  const result = spawnSync(file, fileArgs, {
    cwd: options.cwd ?? packageRoot,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the built CLI as `user`. */
export function runCliAs(user: TestUser, args: readonly string[], options: { cwd?: string; input?: string } = {}): RunResult {
  return runAs(user, process.execPath, [cliPath, ...args], options);
}
