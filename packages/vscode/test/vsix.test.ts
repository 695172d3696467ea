import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { packageDirectory, repositoryRoot } from './paths.js';

const serverDist = join(repositoryRoot, 'packages/language-server/dist/server.js');
const serverOverride = process.env.ALLOY_VSCODE_SERVER_ENTRY;
const hasServer = existsSync(serverOverride ?? serverDist);
const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

if (!hasServer) console.warn(`[alloy-vscode] ${serverDist} is absent (build the language server): .vsix tests skipped`);
if (!hasUnzip) console.warn('[alloy-vscode] unzip is not installed: .vsix tests skipped');

const vsixPath = join(packageDirectory, 'dist', 'alloy-vscode.vsix');

interface PublishDiagnosticsParams {
  uri: string;
  diagnostics: Array<{ message: string; code?: string | number; range: { start: { line: number; character: number } } }>;
}

/** Rejects with `message` if `promise` has not settled after `milliseconds`: a hang guard, not a speed check. */
function withinGuard<T>(promise: Promise<T>, milliseconds: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), milliseconds);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

describe.skipIf(!hasServer || !hasUnzip)('the packaged .vsix', () => {
  let extractedDirectory = '';
  let entries: string[] = [];

  beforeAll(() => {
    rmSync(vsixPath, { force: true });
    // The package script itself, run as `pnpm run` would (its bin directory first on PATH), so that the
    // test needs no pnpm on PATH (the Node 22 run of .ci/run starts vitest with node alone).
    const packageScript = (JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as { scripts: { package: string } })
      .scripts.package;
    const path = `${join(packageDirectory, 'node_modules', '.bin')}${delimiter}${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
    execFileSync('sh', ['-c', packageScript], { cwd: packageDirectory, stdio: 'pipe', env: { ...process.env, PATH: path } });
    entries = execFileSync('unzip', ['-Z1', vsixPath], { encoding: 'utf8' }).split('\n').filter((line) => line !== '');
    extractedDirectory = mkdtempSync(join(tmpdir(), 'alloy-vsix-'));
    execFileSync('unzip', ['-q', vsixPath, '-d', extractedDirectory]);
  });

  afterAll(() => {
    if (extractedDirectory) rmSync(extractedDirectory, { recursive: true, force: true });
  });

  it('contains the manifest, client, bundled server, grammar, language configuration and snippets', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        'extension.vsixmanifest',
        'extension/package.json',
        'extension/dist/extension.cjs',
        'extension/dist/server.cjs',
        'extension/dist/graph-webview.js',
        'extension/syntaxes/alloy.tmLanguage.json',
        'extension/syntaxes/alloy-yaml-injection.tmLanguage.json',
        'extension/syntaxes/alloy-yaml-config-map-injection.tmLanguage.json',
        'extension/language-configuration.json',
        'extension/snippets/alloy.json',
      ]),
    );
    expect(entries.some((entry) => /^extension\/readme\.md$/i.test(entry))).toBe(true);
    expect(entries.some((entry) => /^extension\/license(\.txt)?$/i.test(entry))).toBe(true);
  });

  it('contains the component schema data the bundled server reads next to itself', () => {
    expect(entries.some((entry) => /^extension\/data\/alloy-[\d.]+\.json$/.test(entry))).toBe(true);
  });

  it('ships nothing but the run-time files', () => {
    const unexpected = entries.filter(
      (entry) => /(^|\/)(node_modules|src|test|scripts)\//.test(entry) || /\.(ts|map|vsix)$/.test(entry),
    );
    expect(unexpected).toEqual([]);
  });

  it('ships the manifest of the package and the repository grammar', () => {
    const shippedManifest = JSON.parse(readFileSync(join(extractedDirectory, 'extension/package.json'), 'utf8')) as {
      contributes: unknown;
      main: string;
    };
    const sourceManifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as { contributes: unknown };
    expect(shippedManifest.main).toBe('./dist/extension.cjs');
    expect(shippedManifest.contributes).toEqual(sourceManifest.contributes);
    expect(readFileSync(join(extractedDirectory, 'extension/syntaxes/alloy.tmLanguage.json'), 'utf8')).toBe(
      readFileSync(join(repositoryRoot, 'grammars/alloy.tmLanguage.json'), 'utf8'),
    );
    const vsixManifest = readFileSync(join(extractedDirectory, 'extension.vsixmanifest'), 'utf8');
    expect(vsixManifest).toContain('Alloy (Grafana Alloy config)');
  });

  it('has a client bundle that loads with only the vscode module provided', () => {
    // The extension host provides `vscode`; a stub is enough to check the bundle resolves everything else.
    const stubDirectory = join(extractedDirectory, 'extension/node_modules/vscode');
    mkdirSync(stubDirectory, { recursive: true });
    writeFileSync(join(stubDirectory, 'index.js'), 'module.exports = new Proxy({}, { get: () => function stub() {} });\n');
    const requireFromExtension = createRequire(pathToFileURL(join(extractedDirectory, 'extension/package.json')));
    const extension = requireFromExtension('./dist/extension.cjs') as { activate?: unknown; deactivate?: unknown };
    expect(typeof extension.activate).toBe('function');
    expect(typeof extension.deactivate).toBe('function');
  });

  describe('the bundled server, started from the extracted package', () => {
    let server: ChildProcess;
    let connection: MessageConnection;
    const stderr: string[] = [];
    const logMessages: string[] = [];

    beforeAll(() => {
      server = spawn(process.execPath, [join(extractedDirectory, 'extension/dist/server.cjs'), '--stdio'], {
        cwd: extractedDirectory,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      server.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
      if (!server.stdout || !server.stdin) throw new Error('the server has no stdio');
      connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
      connection.onNotification('window/logMessage', (params: { message: string }) => logMessages.push(params.message));
      connection.listen();
    });

    afterAll(async () => {
      try {
        await withinGuard(connection.sendRequest('shutdown'), 5_000, 'shutdown did not answer');
        await connection.sendNotification('exit');
      } catch {
        // The process is killed below either way.
      }
      connection.dispose();
      server.kill();
    });

    it('answers initialize with its capabilities', async () => {
      const result = await withinGuard(
        connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: {},
          initializationOptions: { stabilityLevel: 'generally-available', rules: {}, lintConfigPath: '' },
          workspaceFolders: null,
        }),
        60_000,
        `initialize got no answer; server stderr: ${stderr.join('')}`,
      );
      expect(result.capabilities).toBeDefined();
      expect(result.capabilities.textDocumentSync).toBeDefined();
      await connection.sendNotification('initialized', {});
    });

    it('publishes diagnostics for a file with a syntax error', async () => {
      const uri = pathToFileURL(join(extractedDirectory, 'broken.alloy')).href;
      const published = new Promise<PublishDiagnosticsParams>((resolve) => {
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
          if (params.uri === uri && params.diagnostics.length > 0) resolve(params);
        });
      });
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri,
          languageId: 'alloy',
          version: 1,
          text: 'prometheus.exporter.unix "node" {\n  # not a comment\n}\n',
        },
      });
      const params = await withinGuard(published, 60_000, `no diagnostics published; server stderr: ${stderr.join('')}`);
      expect(params.diagnostics.some((diagnostic) => diagnostic.range.start.line === 1)).toBe(true);
    });

    it('checks the Alloy inside a YAML file (the embedded package and yaml are bundled)', async () => {
      const uri = pathToFileURL(join(extractedDirectory, 'values.yaml')).href;
      const published = new Promise<PublishDiagnosticsParams>((resolve) => {
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
          if (params.uri === uri && params.diagnostics.length > 0) resolve(params);
        });
      });
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'yaml', version: 1, text: 'data:\n  config.alloy: |\n    logging {\n      # not a comment\n    }\n' },
      });
      const params = await withinGuard(published, 60_000, `no diagnostics published; server stderr: ${stderr.join('')}`);
      expect(params.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.range.start.character])).toContainEqual(['syntax/hash-comment', 3, 6]);
    });

    it('finds every file it needs inside the package', () => {
      const output = [...stderr, ...logMessages].join('\n');
      expect(output).not.toMatch(/ENOENT|Cannot find module/);
    });
  });
});
