import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageDirectory } from './paths.js';

interface ServerModuleOptions {
  module?: string;
  command?: string;
  args?: string[];
  transport?: number;
  options?: { execArgv?: string[] };
}

interface ClientModule {
  activate: unknown;
  deactivate: unknown;
  serverOptionsFor(bundledServer: string, configuredPath: string): { run: ServerModuleOptions; debug: ServerModuleOptions };
  WATCHED_FILES: string;
}

// TransportKind.stdio in vscode-languageclient.
const STDIO = 0;

describe('the client bundle', () => {
  let directory = '';
  let client: ClientModule;

  beforeAll(async () => {
    // Bundled into a directory of its own so that it never races with the package build of another test.
    directory = mkdtempSync(join(tmpdir(), 'alloy-client-'));
    await build({
      entryPoints: [join(packageDirectory, 'src/extension.ts')],
      outfile: join(directory, 'extension.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
      logLevel: 'silent',
    });
    // VS Code provides the `vscode` module at run time; loading the bundle needs only a stand-in.
    mkdirSync(join(directory, 'node_modules/vscode'), { recursive: true });
    writeFileSync(join(directory, 'node_modules/vscode/index.js'), 'module.exports = new Proxy({}, { get: () => function stub() {} });\n');
    client = createRequire(join(directory, 'package.json'))('./extension.cjs') as ClientModule;
  });

  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('exports activate and deactivate', () => {
    expect(typeof client.activate).toBe('function');
    expect(typeof client.deactivate).toBe('function');
  });

  it('starts the bundled server with Node over stdio when alloy.server.path is empty', () => {
    const options = client.serverOptionsFor('/ext/dist/server.cjs', '  ');
    expect(options.run).toEqual({ module: '/ext/dist/server.cjs', transport: STDIO });
    expect(options.debug.module).toBe('/ext/dist/server.cjs');
    expect(options.debug.options?.execArgv).toContain('--nolazy');
  });

  it('starts a configured JavaScript server with Node', () => {
    expect(client.serverOptionsFor('/ext/dist/server.cjs', '/work/server.mjs').run).toEqual({
      module: '/work/server.mjs',
      transport: STDIO,
    });
  });

  it('starts a configured executable directly, over stdio', () => {
    const options = client.serverOptionsFor('/ext/dist/server.cjs', 'alloy-language-server');
    expect(options.run).toEqual({ command: 'alloy-language-server', transport: STDIO });
    expect(options.run.module).toBeUndefined();
  });

  it('tells the server about changes on disk to Alloy files and lint configurations', () => {
    const alternatives = /^\*\*\/\{(.*)\}$/.exec(client.WATCHED_FILES)?.[1]?.split(',');
    expect(alternatives).toEqual(expect.arrayContaining(['*.alloy', '.alloy-lint.json', 'package.json']));
  });
});
