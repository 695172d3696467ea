import {
  AbstractMessageReader,
  Disposable,
  ErrorCodes,
  type DataCallback,
  type Message,
  type MessageReader,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { defaultFramerLimits, MessageFramer, type FrameEvent, type FramerLimits } from './framing.js';
import { errorResponse, type MessageGate } from './gate.js';

export interface GuardedReaderOptions {
  gate: MessageGate;
  /** Sends an error response that the gate or the framer decided on (the connection never sees the message). */
  reply(response: ResponseMessage): void;
  /** One line for the server's log. */
  log(line: string): void;
}

export interface StreamReaderOptions extends GuardedReaderOptions {
  limits?: FramerLimits;
  /**
   * Input that stops for this long in the middle of a header is skipped; a body that stops and
   * holds another `Content-Length:` header was announced too long: reading starts again at that
   * header. Default 2000 ms.
   */
  stallTimeoutMs?: number;
}

/** Hands a verdict's replies to `reply` and its message to `callback`, whose failures are logged. */
function carryOut(value: unknown, callback: DataCallback, options: GuardedReaderOptions): void {
  const verdict = options.gate.inspect(value);
  if (verdict.log) options.log(verdict.log);
  for (const response of verdict.replies) options.reply(response);
  if (!verdict.deliver) return;
  try {
    callback(verdict.deliver);
  } catch (error) {
    options.log(`a message could not be dispatched: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The server's reader of LSP over a byte stream (stdin). Unlike vscode-jsonrpc's
 * `StreamMessageReader`, which stops at a header it cannot use (a missing or non-numeric
 * Content-Length), waits forever for a negative or huge one and hands every JSON value to the
 * connection, it skips what it cannot read up to the next `Content-Length:` header, answers
 * invalid JSON with a ParseError, and passes messages through a `MessageGate`.
 */
export class GuardedStreamReader extends AbstractMessageReader implements MessageReader {
  private readonly framer: MessageFramer;
  private stallTimer: NodeJS.Timeout | undefined;
  private callback: DataCallback | undefined;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly options: StreamReaderOptions,
  ) {
    super();
    this.framer = new MessageFramer(options.limits ?? defaultFramerLimits);
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string): void => this.onData(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => {
      this.clearStallTimer();
      this.fireClose();
    };
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onClose);
    this.input.on('close', onClose);
    return Disposable.create(() => {
      this.clearStallTimer();
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('end', onClose);
      this.input.off('close', onClose);
    });
  }

  private onData(chunk: Buffer): void {
    this.handle(this.framer.push(chunk));
    this.clearStallTimer();
    if (this.framer.waiting) {
      this.stallTimer = setTimeout(() => {
        this.stallTimer = undefined;
        this.handle(this.framer.resynchroniseStalled());
      }, this.options.stallTimeoutMs ?? 2000);
      this.stallTimer.unref();
    }
  }

  private clearStallTimer(): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }

  private handle(events: FrameEvent[]): void {
    for (const event of events) {
      if (event.kind === 'skipped') {
        this.options.log(`unreadable input: ${event.reason}`);
      } else if (event.kind === 'invalid-json') {
        this.options.log(`unreadable message: ${event.reason}`);
        this.options.reply(errorResponse(null, ErrorCodes.ParseError, 'the message body is not valid JSON'));
      } else if (this.callback) {
        carryOut(event.value, this.callback, this.options);
      }
    }
  }
}

/** Passes the messages of another reader (IPC, sockets) through a `MessageGate`. */
export class GuardedMessageReader extends AbstractMessageReader implements MessageReader {
  constructor(
    private readonly inner: MessageReader,
    private readonly options: GuardedReaderOptions,
  ) {
    super();
    inner.onError((error) => this.fireError(error));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((info) => this.firePartialMessage(info));
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message: Message) => carryOut(message, callback, this.options));
  }

  override dispose(): void {
    this.inner.dispose();
    super.dispose();
  }
}
