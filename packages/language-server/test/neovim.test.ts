import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatAlloy } from 'prettier-plugin-alloy';
import { Fixture, packageRoot, serverBuilt, serverPath } from './helpers/client.js';

const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const nvimAvailable = nvimVersion.status === 0;
if (!nvimAvailable) console.warn('Neovim end-to-end test skipped: nvim is not installed (scripts/install-test-tools.sh installs it)');

interface NeovimResult {
  error?: string;
  steps: string[];
  client_started: boolean;
  diagnostics: { code: string; message: string; lnum: number; col: number }[];
  completion: string[];
  definition: { uri?: string; line?: number };
  after_rename: string;
  after_format: string;
}

describe.skipIf(!nvimAvailable || !serverBuilt)('end to end with Neovim (vim.lsp.start_client)', () => {
  const fixture = new Fixture({
    'main.alloy': 'prometheus.exporter.unix "node" {\n  no_such_argument = true\n}\n\nprometheus.scrape "default" {\n  targets = [\n}\n',
  });
  afterAll(() => fixture.dispose());

  it('receives diagnostics and answers completion, definition, rename and formatting', () => {
    const resultFile = fixture.path('result.json');
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(packageRoot, 'test', 'nvim', 'e2e.lua')}`], {
      env: { ...process.env, ALLOY_TEST_ROOT: fixture.root, ALLOY_SERVER: serverPath, ALLOY_NODE: process.execPath, ALLOY_RESULT: resultFile },
      encoding: 'utf8',
      timeout: 90_000,
    });
    let result: NeovimResult;
    try {
      result = JSON.parse(readFileSync(resultFile, 'utf8')) as NeovimResult;
    } catch {
      throw new Error(`Neovim wrote no result (status ${run.status}): ${run.stderr}${run.stdout}`);
    }
    expect(result.error).toBeUndefined();
    expect(result.client_started).toBe(true);
    const codes = result.diagnostics.map((diagnostic) => diagnostic.code);
    expect(codes).toContain('alloy/unknown-attribute');
    expect(codes.some((code) => code.startsWith('syntax/'))).toBe(true);
    const unknown = result.diagnostics.find((diagnostic) => diagnostic.code === 'alloy/unknown-attribute')!;
    expect([unknown.lnum, unknown.col]).toEqual([1, 2]);
    // After `targets = prometheus.exporter.unix.`: the export that fits `targets` first, then the label.
    expect(result.completion).toEqual(['prometheus.exporter.unix.node.targets', 'node']);
    expect(result.definition.uri).toBe(fixture.uri('main.alloy'));
    expect(result.definition.line).toBe(0);
    const renamed = [
      'prometheus.exporter.unix "host" {',
      '}',
      '',
      'prometheus.scrape "default" {',
      'targets = prometheus.exporter.unix.host.targets',
      '  forward_to = []',
      '}',
      '',
      'prometheus.scrape "other" {',
      '  targets    = prometheus.exporter.unix.host.targets',
      '  forward_to = []',
      '}',
    ].join('\n');
    expect(result.after_rename).toBe(renamed);
    expect(result.after_format).toBe(formatAlloy(`${renamed}\n`).replace(/\n$/, ''));
    expect(result.after_format).not.toBe(renamed);
  });
});

/** The Lua block under the README heading that starts with `heading`. */
function readmeLua(heading: string): string | undefined {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n### ${heading}`);
  if (start === -1) return undefined;
  const block = /```lua\n([\s\S]*?)```/.exec(readme.slice(start));
  return block?.[1];
}

describe.skipIf(!nvimAvailable || !serverBuilt)("the README's Neovim 0.7 setup, pasted as is", () => {
  const fixture = new Fixture({ 'project/main.alloy': 'prometheus.exporter.unix "node" {\n  no_such_argument = true\n}\n' });
  afterAll(() => fixture.dispose());

  it('starts the server for .alloy files and receives its diagnostics', () => {
    const setup = readmeLua('Neovim 0.7');
    expect(setup, 'README.md has a "### Neovim 0.7" section with a lua block').toBeDefined();
    fixture.write('setup.lua', setup!);
    // `alloy-language-server` on the PATH, as an installed package provides it.
    fixture.write('bin/alloy-language-server', `#!/bin/sh\nexec "${process.execPath}" "${serverPath}" "$@"\n`);
    chmodSync(fixture.path('bin/alloy-language-server'), 0o755);
    const resultFile = fixture.path('result.json');
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(packageRoot, 'test', 'nvim', 'readme.lua')}`], {
      env: {
        ...process.env,
        PATH: `${fixture.path('bin')}:${process.env.PATH ?? ''}`,
        ALLOY_SETUP: fixture.path('setup.lua'),
        ALLOY_FILE: fixture.path('project/main.alloy'),
        ALLOY_RESULT: resultFile,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    let result: { error?: string; filetype?: string; clients?: number; diagnostics?: { code: string; lnum: number; col: number }[] };
    try {
      result = JSON.parse(readFileSync(resultFile, 'utf8')) as typeof result;
    } catch {
      throw new Error(`Neovim wrote no result (status ${run.status}): ${run.stderr}${run.stdout}`);
    }
    expect(result.error).toBeUndefined();
    expect(result.filetype).toBe('alloy');
    expect(result.clients).toBe(1);
    expect(result.diagnostics).toEqual([{ code: 'alloy/unknown-attribute', lnum: 1, col: 2 }]);
  });
});

describe.skipIf(!nvimAvailable || !serverBuilt)("the README's Neovim 0.7 setup for YAML and templates, on a Helm values file", () => {
  const values = [
    'alloy:',
    '  configMap:',
    '    create: true',
    '    content: |',
    '      prometheus.exporter.unix "node" {',
    '        no_such_argument = true',
    '      }',
    'controller:',
    '  type: daemonset',
    '',
  ].join('\n');
  const fixture = new Fixture({ 'chart/values.yaml': values });
  afterAll(() => fixture.dispose());

  it('attaches to values.yaml and receives the diagnostic of its Alloy at the values file line', () => {
    const setup = readmeLua('Neovim 0.7: Alloy in YAML');
    expect(setup, 'README.md has a "### Neovim 0.7: Alloy in YAML and templates too" section with a lua block').toBeDefined();
    fixture.write('setup.lua', setup!);
    fixture.write('bin/alloy-language-server', `#!/bin/sh\nexec "${process.execPath}" "${serverPath}" "$@"\n`);
    chmodSync(fixture.path('bin/alloy-language-server'), 0o755);
    const resultFile = fixture.path('result.json');
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(packageRoot, 'test', 'nvim', 'readme.lua')}`], {
      env: {
        ...process.env,
        PATH: `${fixture.path('bin')}:${process.env.PATH ?? ''}`,
        ALLOY_SETUP: fixture.path('setup.lua'),
        ALLOY_FILE: fixture.path('chart/values.yaml'),
        ALLOY_RESULT: resultFile,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    let result: { error?: string; clients?: number; diagnostics?: { code: string; lnum: number; col: number }[] };
    try {
      result = JSON.parse(readFileSync(resultFile, 'utf8')) as typeof result;
    } catch {
      throw new Error(`Neovim wrote no result (status ${run.status}): ${run.stderr}${run.stdout}`);
    }
    expect(result.error).toBeUndefined();
    expect(result.clients).toBe(1);
    // 0-based: line 6 of values.yaml, after the scalar's six spaces and the block's two.
    expect(result.diagnostics).toEqual([{ code: 'alloy/unknown-attribute', lnum: 5, col: 8 }]);
  });
});
