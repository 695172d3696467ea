// import.file confinement from the command line: by default an import may not leave the git
// repository of the checked file; --import-root and --allow-imports-anywhere change that.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkerBuilt, cliBuilt, makeTempDir, noteSkip, runCli } from './helpers.js';

const ready = cliBuilt && checkerBuilt;

interface JsonMessage {
  ruleId: string;
  message: string;
  line: number;
  column: number;
}

function messagesOf(stdout: string): JsonMessage[] {
  return (JSON.parse(stdout) as { messages: JsonMessage[] }[]).flatMap((result) => result.messages);
}

describe.skipIf(noteSkip(!ready, 'needs the built CLI and checker'))('import.file confinement', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
    mkdirSync(join(temp.path, 'repo', '.git'), { recursive: true });
    mkdirSync(join(temp.path, 'outside'));
    writeFileSync(join(temp.path, 'outside', 'mod.alloy'), 'declare "m" {\n}\n');
    writeFileSync(join(temp.path, 'repo', 'inside.alloy'), 'declare "n" {\n}\n');
  });
  afterEach(() => temp.remove());

  function writeConfig(directory: string, filename: string): string {
    const path = join(temp.path, directory, 'config.alloy');
    writeFileSync(path, `import.file "x" {\n  filename = ${JSON.stringify(filename)}\n}\n`);
    return path;
  }

  it('an import leaving the repository of the checked file is not read, and says so', () => {
    writeConfig('repo', join(temp.path, 'outside', 'mod.alloy'));
    const result = runCli(['--format', 'json', 'repo/config.alloy'], { cwd: temp.path });
    expect(messagesOf(result.stdout)).toEqual([
      expect.objectContaining({ ruleId: 'alloy/import-outside-root', line: 2, column: 14 }),
    ]);
  });

  it('/proc/self/environ is outside every repository: no environment variable name appears in the report', () => {
    writeConfig('repo', '/proc/self/environ');
    const result = runCli(['repo/config.alloy'], { cwd: temp.path, env: { ALLOY_LINT_TEST_SECRET: 'x' } });
    expect(result.stdout).toContain('alloy/import-outside-root');
    expect(result.stdout).not.toContain('ALLOY_LINT_TEST_SECRET');
    expect(result.stdout).not.toMatch(/\bPATH\b/);
  });

  it('an import inside the repository is read', () => {
    writeConfig('repo', join(temp.path, 'repo', 'inside.alloy'));
    const result = runCli(['--format', 'json', 'repo/config.alloy'], { cwd: temp.path });
    expect(messagesOf(result.stdout)).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('--import-root widens the limit and --allow-imports-anywhere lifts it', () => {
    writeConfig('repo', join(temp.path, 'outside', 'mod.alloy'));
    const widened = runCli(['--format', 'json', '--import-root', '.', 'repo/config.alloy'], { cwd: temp.path });
    expect(messagesOf(widened.stdout)).toEqual([]);
    const anywhere = runCli(['--format', 'json', '--allow-imports-anywhere', 'repo/config.alloy'], { cwd: temp.path });
    expect(messagesOf(anywhere.stdout)).toEqual([]);
    const narrowed = runCli(['--format', 'json', '--import-root', 'repo', 'repo/config.alloy'], { cwd: temp.path });
    expect(messagesOf(narrowed.stdout).map((message) => message.ruleId)).toEqual(['alloy/import-outside-root']);
    const both = runCli(['--import-root', '.', '--allow-imports-anywhere', 'repo/config.alloy'], { cwd: temp.path });
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('use either --import-root or --allow-imports-anywhere');
  });

  it('outside any repository an import may read anywhere (a server\'s /etc/alloy)', () => {
    mkdirSync(join(temp.path, 'etc'));
    writeConfig('etc', join(temp.path, 'outside', 'mod.alloy'));
    const result = runCli(['--format', 'json', 'etc/config.alloy'], { cwd: temp.path });
    expect(messagesOf(result.stdout)).toEqual([]);
  });
});
