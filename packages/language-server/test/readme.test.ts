import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from './helpers/client.js';

// The Neovim 0.7 setup is run in Neovim by neovim.test.ts; these check the editors we cannot start here.
const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');

function section(heading: string): string {
  const start = readme.indexOf(`\n### ${heading}`);
  expect(start, `README.md has a "### ${heading}" section`).toBeGreaterThan(-1);
  const next = readme.indexOf('\n#', start + 1);
  return readme.slice(start, next === -1 ? undefined : next);
}

function fenced(text: string, language: string): string {
  const block = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(text);
  expect(block, `a ${language} block`).not.toBeNull();
  return block![1]!;
}

describe('README editor setup', () => {
  it('installs the VS Code extension from the .vsix', () => {
    expect(section('VS Code')).toMatch(/code --install-extension \S+\.vsix/);
  });

  it('gives Zed settings that are valid JSON and start the server with --stdio', () => {
    const settings = JSON.parse(fenced(section('Zed'), 'json')) as { lsp: Record<string, { binary: { path: string; arguments: string[] }; settings: { alloy: unknown } }> };
    const server = settings.lsp['alloy-language-server'];
    expect(server?.binary).toEqual({ path: 'alloy-language-server', arguments: ['--stdio'] });
    expect(server?.settings.alloy).toBeTypeOf('object');
  });

  it('gives Helix a language server and a language for .alloy files', () => {
    const toml = fenced(section('Helix'), 'toml');
    expect(toml).toContain('[language-server.alloy-language-server]');
    expect(toml).toMatch(/^command = "alloy-language-server"$/m);
    expect(toml).toMatch(/^args = \["--stdio"\]$/m);
    expect(toml).toMatch(/^file-types = \["alloy"\]$/m);
    expect(toml).toMatch(/^language-servers = \["alloy-language-server"\]$/m);
  });
});
