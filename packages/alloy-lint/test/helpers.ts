import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(packageRoot, '../..');
export const sharedDir = resolve(repoRoot, '../shared');
export const fixturesDir = join(packageRoot, 'test/fixtures');
export const cliPath = join(packageRoot, 'dist/cli.js');

export const sharedAvailable = existsSync(join(sharedDir, 'corpus'));
export const cliBuilt = existsSync(cliPath);
export const syntaxBuilt = existsSync(join(repoRoot, 'packages/syntax/dist/index.js'));
export const checkerBuilt = existsSync(join(repoRoot, 'packages/checker/dist/index.js'));
export const formatterBuilt = existsSync(join(repoRoot, 'packages/prettier-plugin-alloy/dist/index.js'));

/** Prints why a block of tests is skipped (vitest shows only the skip itself). */
export function noteSkip(condition: boolean, reason: string): boolean {
  if (condition) console.log(`[alloy-lint tests] skipped: ${reason}`);
  return condition;
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a child process. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; input?: string | Buffer; env?: Record<string, string | undefined> } = {},
): RunResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? packageRoot,
    input: options.input ?? '',
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function makeTempDir(prefix = 'alloy-lint-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
