/**
 * LSP's base protocol: `Content-Length: N\r\n` (and other headers) `\r\n`, then N bytes of JSON.
 * This framer never trusts the header: a header it cannot use is reported and skipped up to the
 * next `Content-Length:`, so one broken message costs that message, never the connection.
 */

/** What the framer found in the bytes it was given. */
export type FrameEvent =
  /** A body that is valid JSON (of any shape: checking it is the next step's job). */
  | { kind: 'message'; value: unknown }
  /** A complete body that is not JSON: worth a ParseError response. */
  | { kind: 'invalid-json'; reason: string }
  /** Bytes that were skipped, and why: a sentence for the server's log. */
  | { kind: 'skipped'; reason: string };

export interface FramerLimits {
  /** The largest Content-Length accepted; a larger one is skipped (nothing is allocated for it). */
  maxContentLength: number;
  /** The most bytes a header block may take before it is treated as garbage. */
  maxHeaderBytes: number;
}

export const defaultFramerLimits: FramerLimits = {
  // 256 MiB: far above any document an editor sends, below V8's longest string.
  maxContentLength: 256 * 1024 * 1024,
  maxHeaderBytes: 8 * 1024,
};

const headerEnd = Buffer.from('\r\n\r\n', 'latin1');
const contentLengthName = 'content-length:';
/** RFC 7230 token characters: what a header name may be made of. */
const headerLine = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

/** Whether `byte` is `expected` (a character of `content-length:`), letters in either case. */
function sameCharacter(byte: number, expected: number): boolean {
  return byte === expected || (expected >= 0x61 && expected <= 0x7a && byte === expected - 0x20);
}

/** Index of the next `Content-Length:` (any case) in `bytes` at or after `from`, or -1. */
export function indexOfContentLength(bytes: Buffer, from: number): number {
  const last = bytes.length - contentLengthName.length;
  for (let index = from; index <= last; index++) {
    let matched = true;
    for (let offset = 0; offset < contentLengthName.length; offset++) {
      if (!sameCharacter(bytes[index + offset]!, contentLengthName.charCodeAt(offset))) {
        matched = false;
        break;
      }
    }
    if (matched) return index;
  }
  return -1;
}

/** The length of the longest end of `bytes` that begins a `Content-Length:` (any case). */
function partialContentLengthAtEnd(bytes: Buffer): number {
  for (let length = Math.min(bytes.length, contentLengthName.length - 1); length > 0; length--) {
    let matched = true;
    for (let offset = 0; offset < length; offset++) {
      if (!sameCharacter(bytes[bytes.length - length + offset]!, contentLengthName.charCodeAt(offset))) {
        matched = false;
        break;
      }
    }
    if (matched) return length;
  }
  return 0;
}

/** A few bytes of `bytes`, printable, for a log line. */
export function excerpt(bytes: Buffer, limit = 40): string {
  const text = bytes.subarray(0, limit).toString('latin1').replace(/[^\x20-\x7e]/g, (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return bytes.length > limit ? `${text}…` : text;
}

type HeaderParse = { ok: true; contentLength: number } | { ok: false; reason: string; wholeBlock?: boolean };

function parseHeaderBlock(block: string, limits: FramerLimits): HeaderParse {
  let contentLength: number | undefined;
  for (const line of block.split('\r\n')) {
    const match = headerLine.exec(line);
    if (!match) return { ok: false, reason: `malformed header line "${excerpt(Buffer.from(line, 'latin1'))}"` };
    if (match[1]!.toLowerCase() !== 'content-length') continue;
    const value = match[2]!;
    if (!/^\d+$/.test(value)) return { ok: false, reason: `Content-Length "${excerpt(Buffer.from(value, 'latin1'))}" is not a non-negative integer` };
    const length = value.length > 15 ? Number.POSITIVE_INFINITY : Number(value);
    if (length > limits.maxContentLength) return { ok: false, reason: `Content-Length ${value.length > 15 ? `${value.slice(0, 15)}…` : value} exceeds the limit of ${limits.maxContentLength} bytes` };
    if (contentLength !== undefined && contentLength !== length) return { ok: false, reason: 'two different Content-Length headers', wholeBlock: true };
    contentLength = length;
  }
  if (contentLength === undefined) return { ok: false, reason: 'header without Content-Length' };
  return { ok: true, contentLength };
}

/**
 * Splits a byte stream into message bodies. Feed it chunks with `push`; it returns the bodies
 * that became complete and what it had to skip. Bytes of a body are gathered only as they arrive,
 * so a huge Content-Length allocates nothing up front.
 */
export class MessageFramer {
  /** Bytes not yet understood, while looking for a header. */
  private head: Buffer = Buffer.alloc(0);
  /** While reading a body: its length and the chunks gathered so far. */
  private bodyLength = -1;
  private bodyChunks: Buffer[] = [];
  private bodyBytes = 0;

  constructor(private readonly limits: FramerLimits = defaultFramerLimits) {}

  /** Whether the framer is in the middle of a body. */
  get readingBody(): boolean {
    return this.bodyLength >= 0;
  }

  /** How many bytes the framer holds: a half-read header or body. */
  get pendingBytes(): number {
    return this.head.length + this.bodyBytes;
  }

  push(chunk: Buffer): FrameEvent[] {
    const events: FrameEvent[] = [];
    if (this.readingBody) this.addToBody(chunk, events);
    else this.head = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
    this.drainHead(events);
    return events;
  }

  /** Whether the framer holds bytes it is waiting to complete: a header or a body. */
  get waiting(): boolean {
    return this.readingBody || this.head.length > 0;
  }

  /**
   * The input has stalled (the caller decides after how long) in the middle of a header or a body.
   * An incomplete header is skipped, so that the client learns from the log why it gets no answer.
   * If a body's bytes contain a `Content-Length:`, the header announced more bytes than the client
   * sent: the partial body is dropped and reading starts again at that header. Otherwise a body is
   * waited for.
   */
  resynchroniseStalled(): FrameEvent[] {
    if (!this.readingBody) {
      if (this.head.length === 0) return [];
      const events: FrameEvent[] = [];
      this.skip(`an incomplete header stalled ("${excerpt(this.head)}")`, events);
      this.drainHead(events);
      return events;
    }
    const gathered = Buffer.concat(this.bodyChunks);
    const next = indexOfContentLength(gathered, 0);
    if (next === -1) return [];
    const events: FrameEvent[] = [
      { kind: 'skipped', reason: `a body announced as ${this.bodyLength} bytes stalled after ${this.bodyBytes} bytes and holds another header; skipped ${next} bytes` },
    ];
    this.resetBody();
    this.head = gathered.subarray(next);
    this.drainHead(events);
    return events;
  }

  private resetBody(): void {
    this.bodyLength = -1;
    this.bodyChunks = [];
    this.bodyBytes = 0;
  }

  private addToBody(chunk: Buffer, events: FrameEvent[]): void {
    const missing = this.bodyLength - this.bodyBytes;
    if (chunk.length < missing) {
      this.bodyChunks.push(chunk);
      this.bodyBytes += chunk.length;
      return;
    }
    this.bodyChunks.push(chunk.subarray(0, missing));
    const body = this.bodyChunks.length === 1 ? this.bodyChunks[0]! : Buffer.concat(this.bodyChunks, this.bodyLength);
    const rest = chunk.subarray(missing);
    this.resetBody();
    // While a body is read, `head` is empty: what follows the body is `rest`.
    this.head = rest;
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch (error) {
      // A header starting inside the body: the body's Content-Length was wrong and took in (part of) the next message.
      const following = Buffer.concat([body, rest]);
      const next = indexOfContentLength(following, 1);
      if (next !== -1 && next < body.length) {
        events.push({ kind: 'skipped', reason: `a body of ${body.length} bytes is not JSON and runs into another header (a wrong Content-Length?); skipped ${next} bytes` });
        this.head = following.subarray(next);
      } else {
        events.push({ kind: 'invalid-json', reason: `a body of ${body.length} bytes is not valid JSON (${error instanceof Error ? error.message : String(error)}): "${excerpt(body)}"` });
      }
      return;
    }
    events.push({ kind: 'message', value });
  }

  /** Reads headers (and the bodies after them) from `head` for as long as it can. */
  private drainHead(events: FrameEvent[]): void {
    while (!this.readingBody && this.head.length > 0) {
      const end = this.head.indexOf(headerEnd);
      if (end === -1 || end > this.limits.maxHeaderBytes) {
        if (end === -1 && this.head.length <= this.limits.maxHeaderBytes) return;
        this.skip(`no end of header within ${this.limits.maxHeaderBytes} bytes ("${excerpt(this.head)}")`, events);
        continue;
      }
      const header = parseHeaderBlock(this.head.subarray(0, end).toString('latin1'), this.limits);
      if (!header.ok) {
        // A block that names its length twice is a header, not garbage: skip all of it, not to its second Content-Length.
        this.skip(header.reason, events, header.wholeBlock ? end + headerEnd.length : 1);
        continue;
      }
      const rest = this.head.subarray(end + headerEnd.length);
      this.head = Buffer.alloc(0);
      this.bodyLength = header.contentLength;
      this.addToBody(rest, events);
    }
  }

  /** Drops `head` up to the next `Content-Length:` at or after `from` (or all but a possible start of one). */
  private skip(reason: string, events: FrameEvent[], from = 1): void {
    const next = indexOfContentLength(this.head, from);
    if (next !== -1) {
      events.push({ kind: 'skipped', reason: `${reason}; skipped ${next} bytes to the next Content-Length header` });
      this.head = this.head.subarray(next);
      return;
    }
    // Keep a tail that may be the start of a header split across chunks (never all of it: the skip must progress).
    const kept = partialContentLengthAtEnd(this.head.subarray(from));
    events.push({ kind: 'skipped', reason: `${reason}; skipped ${this.head.length - kept} bytes, waiting for a Content-Length header` });
    this.head = Buffer.from(this.head.subarray(this.head.length - kept));
  }
}
