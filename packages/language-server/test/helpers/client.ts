import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type {
  Diagnostic,
  InitializeParams,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = resolve(packageRoot, '..', '..');
export const sharedRoot = resolve(repoRoot, '../shared');
export const serverPath = join(packageRoot, 'dist', 'server.js');
export const serverBuilt = existsSync(serverPath);

if (!serverBuilt) console.warn(`language-server tests skipped: ${serverPath} is missing (run pnpm --filter @alloy-toolkit/language-server build)`);

export interface ClientOptions {
  initializationOptions?: Record<string, unknown>;
  /** Answer workspace/configuration with this `alloy` section. */
  configuration?: Record<string, unknown>;
  rootPath?: string;
  /** Start the server as this user (through `setpriv`; the test must run as root). */
  user?: { uid: number; gid: number };
}

/** A minimal LSP client driving the real server over stdio. */
export class TestClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; predicate: (params: PublishDiagnosticsParams) => boolean; resolve: (params: PublishDiagnosticsParams) => void }[] = [];
  private readonly versions = new Map<string, number>();
  /** Every publishDiagnostics notification, in arrival order. */
  readonly publishedLog: PublishDiagnosticsParams[] = [];
  stderr = '';
  configuration: Record<string, unknown> | undefined;
  configurationRequests = 0;

  constructor(options: ClientOptions = {}) {
    this.configuration = options.configuration;
    const [command, args] = options.user
      ? ['setpriv', ['--reuid', String(options.user.uid), '--regid', String(options.user.gid), '--clear-groups', process.execPath, serverPath, '--stdio']]
      : [process.execPath, [serverPath, '--stdio']];
    this.process = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.publishedLog.push(params);
      this.diagnostics.set(params.uri, params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.predicate(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      this.configurationRequests++;
      return params.items.map(() => this.configuration ?? null);
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  /** The server's process id. */
  get pid(): number | undefined {
    return this.process.pid;
  }

  get exited(): boolean {
    return this.process.exitCode !== null || this.process.signalCode !== null;
  }

  async initialize(options: ClientOptions = {}): Promise<InitializeResult> {
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: options.rootPath ? pathToFileURL(options.rootPath).href : null,
      workspaceFolders: options.rootPath ? [{ uri: pathToFileURL(options.rootPath).href, name: 'test' }] : null,
      capabilities: {
        workspace: { configuration: options.configuration !== undefined || this.configuration !== undefined },
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { versionSupport: true },
        },
      },
      initializationOptions: options.initializationOptions ?? null,
    };
    const result = await this.connection.sendRequest<InitializeResult>('initialize', params);
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'alloy'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** The next diagnostics for `uri` matching `predicate` (or the current ones, if they already match). */
  waitForDiagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20_000): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (current && predicate(current)) return Promise.resolve(current.diagnostics);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(this.diagnostics.get(uri))}\nstderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({
        uri,
        predicate,
        resolve: (params) => {
          clearTimeout(timer);
          resolvePromise(params.diagnostics);
        },
      });
    });
  }

  /** Diagnostics published for the current version of the document. */
  diagnosticsForCurrentVersion(uri: string): Promise<Diagnostic[]> {
    const version = this.version(uri);
    return this.waitForDiagnostics(uri, (params) => params.version === version);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((done) => setTimeout(done, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    setTimeout(() => {
      if (!this.exited) this.process.kill();
    }, 1000);
  }
}

/** A temporary directory of files, removed by `dispose`. */
export class Fixture {
  readonly root: string;
  constructor(files: Record<string, string> = {}) {
    this.root = mkdtempSync(join(tmpdir(), 'alloy-ls-'));
    for (const [name, text] of Object.entries(files)) this.write(name, text);
  }
  path(name: string): string {
    return join(this.root, name);
  }
  uri(name: string): string {
    return pathToFileURL(this.path(name)).href;
  }
  write(name: string, text: string): void {
    mkdirSync(dirname(this.path(name)), { recursive: true });
    writeFileSync(this.path(name), text);
  }
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The LSP position of the first occurrence of `needle` (plus `delta` characters) in `text`. */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`'${needle}' not found`);
  const offset = index + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
  const offsetOf = (position: { line: number; character: number }): number => (lineStarts[position.line] ?? text.length) + position.character;
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offsetOf(edit.range.start)) + edit.newText + result.slice(offsetOf(edit.range.end));
  return result;
}

/** A diagnostic's message as text (LSP 3.18 allows markup there). */
export function messageOf(diagnostic: Diagnostic): string {
  const message: unknown = diagnostic.message;
  if (typeof message === 'string') return message;
  return typeof message === 'object' && message !== null && 'value' in message ? String((message as { value: unknown }).value) : '';
}
