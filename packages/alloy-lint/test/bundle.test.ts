import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBuilt, cliPath, fixturesDir, noteSkip, packageRoot, repoRoot } from './helpers.js';

// The one-file build (scripts/bundle.mjs, run by the package build; pre-commit installs the same
// build made from the sources) must behave exactly as dist/cli.js.
const bundlePath = join(packageRoot, 'dist/bundle/bin/alloy-lint.mjs');

function run(entry: string, args: string[]) {
  const result = spawnSync(process.execPath, [entry, ...args], { cwd: packageRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(noteSkip(!cliBuilt || !existsSync(bundlePath), 'dist/cli.js or dist/bundle is not built (pnpm --filter alloy-lint build)'))(
  'the one-file build',
  () => {
    const cases: [string, string[]][] = [
      ['a lint run over every fixture, as JSON', ['--format', 'json', join(fixturesDir, 'project')]],
      ['a lint run with the rule catalogue (SARIF)', ['--format', 'sarif', join(fixturesDir, 'project/errors')]],
      ['fmt', ['fmt', join(fixturesDir, 'project/unformatted/config.alloy')]],
      ['graph', ['graph', join(fixturesDir, 'project/valid/config.alloy')]],
      ['rules', ['rules']],
      // yaml (CommonJS) inside the ES module bundle needs a real require (the bundle's banner).
      ['a lint run over YAML files and a template (yaml inside the bundle)', ['--format', 'json', join(fixturesDir, 'embedded')]],
      ['fmt of a ConfigMap', ['fmt', join(repoRoot, 'examples/kubernetes/configmap.yaml')]],
    ];
    it.each(cases)('gives what dist/cli.js gives: %s', (_name, args) => {
      const expected = run(cliPath, args);
      expect(expected.stdout.length).toBeGreaterThan(0);
      expect(run(bundlePath, args)).toEqual(expected);
    });

    it('starts without the workspace packages (they are inside it)', () => {
      const result = run(bundlePath, ['--version']);
      expect(result).toEqual({ status: 0, stdout: '0.1.0\n', stderr: '' });
    });
  },
);
