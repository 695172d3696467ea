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
  TEMPLATE_FILES: string;
  DOCUMENT_SELECTOR: Array<{ scheme: string; language?: string; pattern?: string }>;
  TraceChannel: new (host: FakeHost, name: string, setting: 'off' | 'messages' | 'verbose') => TraceChannelLike;
}

// Stand-ins for the parts of `vscode` the trace channel uses; LogLevel.Off is 0 and Trace is 1 in VS Code.
const LOG_LEVEL = { Off: 0, Trace: 1 };

interface FakeHost {
  createOutputChannel(name: string): { name: string; appendLine(line: string): void };
  newEventEmitter(): { event: (listener: (level: number) => void) => void; fire(level: number): void; dispose(): void };
  logLevel: typeof LOG_LEVEL;
}

interface TraceChannelLike {
  name: string;
  logLevel: number;
  onDidChangeLogLevel: (listener: (level: number) => void) => void;
  updateSetting(setting: 'off' | 'messages' | 'verbose'): void;
  trace(message: string): void;
}

function fakeHost(lines: string[]): FakeHost {
  return {
    createOutputChannel: (name) => ({ name, appendLine: (line) => lines.push(line) }),
    newEventEmitter: () => {
      const listeners: Array<(level: number) => void> = [];
      return { event: (listener) => listeners.push(listener), fire: (level) => listeners.forEach((listener) => listener(level)), dispose: () => undefined };
    },
    logLevel: LOG_LEVEL,
  };
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

  it('traces to a channel of its own exactly when alloy.trace.server asks, whatever the Output view\'s log level', () => {
    const lines: string[] = [];
    const channel = new client.TraceChannel(fakeHost(lines), 'Alloy Language Server Trace', 'off');
    const levels: number[] = [];
    channel.onDidChangeLogLevel((level) => levels.push(level));
    // The language client traces only when its trace channel reports the Trace level.
    expect(channel.logLevel).toBe(LOG_LEVEL.Off);
    channel.trace('dropped');
    channel.updateSetting('messages');
    expect(channel.logLevel).toBe(LOG_LEVEL.Trace);
    expect(levels).toEqual([LOG_LEVEL.Trace]);
    channel.trace("[Trace - 10:00:00] Sending request 'initialize - (0)'.");
    channel.updateSetting('verbose');
    channel.updateSetting('verbose');
    channel.updateSetting('off');
    // Each change of the setting is announced once (the client then sends the new verbosity).
    expect(levels).toEqual([LOG_LEVEL.Trace, LOG_LEVEL.Trace, LOG_LEVEL.Off]);
    expect(lines).toEqual(["[Trace - 10:00:00] Sending request 'initialize - (0)'."]);
    expect(channel.name).toBe('Alloy Language Server Trace');
  });

  it('tells the server about changes on disk to Alloy files and lint configurations', () => {
    const alternatives = /^\*\*\/\{(.*)\}$/.exec(client.WATCHED_FILES)?.[1]?.split(',');
    expect(alternatives).toEqual(expect.arrayContaining(['*.alloy', '.alloy-lint.json', 'package.json']));
    // The files the server reads the targeted Alloy release from.
    expect(alternatives).toEqual(expect.arrayContaining(['*.yaml', '*.yml', 'Dockerfile', '*.tf', '*.tfvars']));
  });

  it('hands the server Alloy files, YAML files (Helm values, manifests) and templates of Alloy files', () => {
    expect(client.DOCUMENT_SELECTOR).toEqual(
      expect.arrayContaining([
        { scheme: 'file', language: 'alloy' },
        { scheme: 'untitled', language: 'alloy' },
        { scheme: 'file', language: 'yaml' },
        { scheme: 'file', language: 'helm' },
        { scheme: 'file', pattern: client.TEMPLATE_FILES },
      ]),
    );
    const extensions = /^\*\*\/\*\.alloy\.\{(.*)\}$/.exec(client.TEMPLATE_FILES)?.[1]?.split(',');
    expect(extensions?.sort()).toEqual(['gotmpl', 'j2', 'jinja', 'jinja2', 'tftpl', 'tmpl']);
  });
});
