import { spawn, type ChildProcess } from 'node:child_process';
import { serverPath } from './client.js';

/** A JSON-RPC message the server wrote. */
export interface ServerMessage {
  jsonrpc: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** The bytes of one framed message. */
export function frame(body: string | object): Buffer {
  const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'latin1'), bytes]);
}

/**
 * Drives the server over stdio with raw bytes, for tests of what a well-behaved client never
 * sends. The server's own output is framed properly, so it is read with a plain parser.
 */
export class RawClient {
  readonly process: ChildProcess;
  readonly received: ServerMessage[] = [];
  stderr = '';
  private output = Buffer.alloc(0);
  private nextId = 1000;
  private readonly listeners: (() => void)[] = [];
  readonly exit: Promise<number | null>;

  constructor() {
    this.process = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.process.stdout!.on('data', (chunk: Buffer) => this.onOutput(chunk));
    // A write after the server has gone fails with EPIPE: the test sees the exit instead.
    this.process.stdin!.on('error', () => undefined);
    this.exit = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
  }

  private onOutput(chunk: Buffer): void {
    this.output = Buffer.concat([this.output, chunk]);
    for (;;) {
      const end = this.output.indexOf('\r\n\r\n');
      if (end === -1) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.output.subarray(0, end).toString('latin1'))?.[1]);
      if (this.output.length < end + 4 + length) return;
      this.received.push(JSON.parse(this.output.subarray(end + 4, end + 4 + length).toString('utf8')) as ServerMessage);
      this.output = this.output.subarray(end + 4 + length);
      for (const listener of [...this.listeners]) listener();
    }
  }

  sendRaw(bytes: Buffer | string): void {
    this.process.stdin!.write(bytes);
  }

  notify(method: string, params?: unknown): void {
    this.sendRaw(frame({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) }));
  }

  /** Sends a request; the id is returned. */
  send(method: string, params?: unknown): number {
    const id = this.nextId++;
    this.sendRaw(frame({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }));
    return id;
  }

  /** The first message matching `predicate`, received already or within `timeoutMs`. */
  waitFor(predicate: (message: ServerMessage) => boolean, what: string, timeoutMs = 10_000): Promise<ServerMessage> {
    const found = this.received.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (): void => {
        const match = this.received.find(predicate);
        if (!match) return;
        clearTimeout(timer);
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(match);
      };
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        reject(new Error(`no ${what} within ${timeoutMs} ms (server exited: ${this.process.exitCode}); stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.listeners.push(listener);
    });
  }

  /** Resolves once the server's stderr contains `text`; rejects after `timeoutMs`. */
  waitForStderr(text: string, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = (): void => {
        if (this.stderr.includes(text)) resolve();
        else if (Date.now() - started > timeoutMs) reject(new Error(`stderr has no ${JSON.stringify(text)} within ${timeoutMs} ms:\n${this.stderr}`));
        else setTimeout(poll, 50);
      };
      poll();
    });
  }

  response(id: number | string, timeoutMs?: number): Promise<ServerMessage> {
    return this.waitFor((message) => message.id === id && message.method === undefined, `response to request ${id}`, timeoutMs);
  }

  async request(method: string, params?: unknown): Promise<ServerMessage> {
    return this.response(this.send(method, params));
  }

  /** The error responses with a null id (the answer to a message whose id could not be read), in order. */
  nullIdErrors(): { code: number; message: string }[] {
    return this.received.filter((message) => message.id === null && message.error).map((message) => message.error!);
  }

  async initialize(rootUri: string | null = null): Promise<void> {
    const response = await this.request('initialize', { processId: null, rootUri, capabilities: {} });
    if (!response.result) throw new Error(`initialize failed: ${JSON.stringify(response)}`);
    this.notify('initialized', {});
  }

  /** Ends the process if it still runs. */
  dispose(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
  }
}

/** Resolves to the exit code, or rejects when the process has not exited within `timeoutMs`. */
export function exitWithin(client: RawClient, timeoutMs: number): Promise<number | null> {
  return Promise.race([
    client.exit,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the server did not exit within ${timeoutMs} ms; stderr:\n${client.stderr}`)), timeoutMs)),
  ]);
}
