#!/usr/bin/env node
/**
 * The `alloy-language-server` executable: speaks LSP over stdio
 * (`--stdio`, the default), or over the transport named on the command line
 * (`--node-ipc`, `--socket=N`, `--pipe=NAME`).
 *
 * Whatever the client sends, the process stays up: messages go through a guarded reader
 * (`protocol/reader.ts`) before the connection sees them, and an error that escapes a handler
 * is logged on stderr instead of ending the process.
 */
import { format } from 'node:util';
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { createAlloyLanguageServer, serverName, serverVersion } from './languageServer.js';
import { MessageGate } from './protocol/gate.js';
import { GuardedMessageReader, GuardedStreamReader } from './protocol/reader.js';

function log(line: string): void {
  process.stderr.write(`${serverName}: ${line}\n`);
}

/** The value after `--name=` or `--name` on the command line. */
function argumentValue(argv: readonly string[], name: string): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === name) return argv[index + 1];
    if (argument.startsWith(`${name}=`)) return argument.slice(name.length + 1);
  }
  return undefined;
}

function transport(argv: readonly string[], gate: MessageGate): { reader: MessageReader; writer: MessageWriter; stdio: boolean } {
  const guard = (reader: MessageReader, writer: MessageWriter): MessageReader =>
    new GuardedMessageReader(reader, { gate, log, reply: (response) => void writer.write(response).catch(() => undefined) });
  if (argv.includes('--node-ipc')) {
    const writer = new IPCMessageWriter(process);
    return { reader: guard(new IPCMessageReader(process), writer), writer, stdio: false };
  }
  const port = Number.parseInt(argumentValue(argv, '--socket') ?? '', 10);
  if (Number.isInteger(port) && port > 0) {
    const [reader, writer] = createServerSocketTransport(port);
    return { reader: guard(reader, writer), writer, stdio: false };
  }
  const pipe = argumentValue(argv, '--pipe');
  if (pipe) {
    const [reader, writer] = createServerPipeTransport(pipe);
    return { reader: guard(reader, writer), writer, stdio: false };
  }
  const writer = new StreamMessageWriter(process.stdout);
  const reply = (response: ResponseMessage): void => void writer.write(response).catch(() => undefined);
  return { reader: new GuardedStreamReader(process.stdin, { gate, log, reply }), writer, stdio: true };
}

/** Errors after which the process cannot go on talking to its client. */
function isFatal(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END';
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function start(argv: readonly string[]): void {
  const gate = new MessageGate();
  const exitCode = (): number => (gate.shutdownReceived ? 0 : 1);
  const { reader, writer, stdio } = transport(argv, gate);
  if (stdio) {
    // stdout carries the protocol: anything a dependency prints goes to stderr instead.
    const toStderr = (...values: unknown[]): void => void process.stderr.write(`${format(...values)}\n`);
    console.log = console.info = console.debug = console.warn = console.error = console.trace = toStderr;
    process.stdout.on('error', (error) => {
      log(`cannot write to the client (${error.message}); exiting`);
      process.exit(exitCode());
    });
  }
  // The last net: an error no handler caught is logged, and the server goes on.
  process.on('uncaughtException', (error) => {
    if (isFatal(error)) {
      log(`lost the connection to the client (${describeError(error)}); exiting`);
      process.exit(exitCode());
    }
    log(`internal error, the server goes on: ${describeError(error)}`);
  });
  process.on('unhandledRejection', (reason) => {
    log(`internal error in asynchronous work, the server goes on: ${describeError(reason)}`);
  });
  // The client is gone: as LSP's exit, 0 after shutdown and 1 otherwise, once the answers already
  // decided (an error response to the last message) are written.
  reader.onClose(() => {
    if (!stdio) process.exit(exitCode());
    setTimeout(() => process.exit(exitCode()), 1000).unref();
    setImmediate(() => process.stdout.write('', () => process.exit(exitCode())));
  });
  createAlloyLanguageServer(createConnection(ProposedFeatures.all, reader, writer));
}

const argv = process.argv.slice(2);
if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(`${serverName} ${serverVersion}\n`);
} else if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(`Usage: ${serverName} --stdio\n\nThe Grafana Alloy language server. Editors start it and talk LSP over stdin/stdout.\n`);
} else {
  start(argv);
}
