import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEED_ARGS as seedArgs } from '../src/examples.js';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(packageRoot, '../..');
export const sharedRoot = resolve(repoRoot, '../shared');
export const cliPath = join(packageRoot, 'dist', 'cli.js');
export const seedPath = join(sharedRoot, 'seed', '000_882c270745b5df13.txt');

export const seedAvailable = existsSync(seedPath);
export const cliBuilt = existsSync(cliPath);

if (!seedAvailable) console.warn(`generator tests: ${seedPath} is absent; seed comparisons are skipped`);
if (!cliBuilt) console.warn(`generator tests: ${cliPath} is not built (run pnpm --filter @alloy-toolkit/generator build); CLI process tests are skipped`);

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `alloy-gen` as a child process. */
export function runCli(args: string[], options: { cwd?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', cwd: options.cwd ?? packageRoot });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The seed guide's first config: the heredoc written to /etc/alloy/config.alloy in the "Configure" section. */
export function seedFirstConfig(): string {
  const text = readFileSync(seedPath, 'utf8');
  const start = text.indexOf("cat <<'EOF' | sudo tee /etc/alloy/config.alloy > /dev/null\n");
  if (start < 0) throw new Error('seed: config heredoc not found');
  const bodyStart = text.indexOf('\n', start) + 1;
  const bodyEnd = text.indexOf('\nEOF\n', bodyStart);
  return text.slice(bodyStart, bodyEnd + 1);
}

/** The seed guide's second config: the fenced block of its "Custom Collectors" section. */
export function seedCustomCollectorsConfig(): string {
  const text = readFileSync(seedPath, 'utf8');
  const section = text.indexOf('## Custom Collectors');
  const fenceStart = text.indexOf('```hcl\n', section);
  if (section < 0 || fenceStart < 0) throw new Error('seed: custom collectors block not found');
  const bodyStart = fenceStart + '```hcl\n'.length;
  return text.slice(bodyStart, text.indexOf('```', bodyStart));
}

/** The seed guide's first config as `alloy-gen` arguments (a copy the tests may extend). */
export const SEED_ARGS: string[] = [...seedArgs];

import { parse } from '@alloy-toolkit/syntax';
import { checkText } from '@alloy-toolkit/checker';
import { formatAlloy } from 'prettier-plugin-alloy';

/** The problems that make a generated config unusable: syntax errors, non-canonical layout, checker errors. */
export function configProblems(text: string): string[] {
  const problems: string[] = [];
  for (const diagnostic of parse(text).diagnostics) problems.push(`syntax: ${diagnostic.message}`);
  if (problems.length > 0) return problems;
  const formatted = formatAlloy(text);
  if (formatted !== text) problems.push(`not canonical; formatAlloy gives:\n${formatted}`);
  for (const diagnostic of checkText(text, { siblings: false }).diagnostics) {
    if (diagnostic.severity === 'error') problems.push(`checker ${diagnostic.code}: ${diagnostic.message}`);
  }
  return problems;
}
