/**
 * The framer and the gate in-process: the cases the stdio tests cannot observe from outside
 * (nothing allocated for an announced length, every split of the input read the same).
 */
import { describe, expect, it } from 'vitest';
import { indexOfContentLength, MessageFramer, type FrameEvent } from '../src/protocol/framing.js';
import { MessageGate } from '../src/protocol/gate.js';
import { paramsProblem } from '../src/protocol/params.js';

function framed(body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`), bytes]);
}

function values(events: FrameEvent[]): unknown[] {
  return events.filter((event) => event.kind === 'message').map((event) => (event as { value: unknown }).value);
}

describe('MessageFramer', () => {
  const messages = [{ id: 1, method: 'a' }, { method: 'b', params: { text: 'é😀\r\n\r\nContent-Length: 3' } }, { id: 'x', result: null }];
  const stream = Buffer.concat(messages.map((message) => framed(JSON.stringify(message))));

  it('reads the same messages whatever the chunks', () => {
    for (let first = 0; first <= stream.length; first += 7) {
      for (const second of [first, Math.min(stream.length, first + 1), Math.min(stream.length, first + 50)]) {
        const framer = new MessageFramer();
        const events = [...framer.push(stream.subarray(0, first)), ...framer.push(stream.subarray(first, second)), ...framer.push(stream.subarray(second))];
        expect(values(events)).toEqual(messages);
        expect(events.filter((event) => event.kind !== 'message')).toEqual([]);
      }
    }
  });

  it('allocates nothing for an announced length: only the bytes that arrived are held', () => {
    const framer = new MessageFramer();
    expect(framer.push(Buffer.from('Content-Length: 200000000\r\n\r\n0123456789'))).toEqual([]);
    expect(framer.readingBody).toBe(true);
    expect(framer.pendingBytes).toBe(10);
  });

  it('skips a length above the limit without waiting for its body', () => {
    const framer = new MessageFramer({ maxContentLength: 1000, maxHeaderBytes: 8192 });
    const events = framer.push(Buffer.concat([Buffer.from('Content-Length: 1001\r\n\r\n'), framed('{"id":2}')]));
    expect(events[0]).toMatchObject({ kind: 'skipped', reason: expect.stringContaining('exceeds the limit of 1000 bytes') });
    expect(values(events)).toEqual([{ id: 2 }]);
    expect(framer.readingBody).toBe(false);
  });

  it('keeps at most a possible start of a header while skipping garbage', () => {
    const framer = new MessageFramer({ maxContentLength: 1000, maxHeaderBytes: 100 });
    const events = framer.push(Buffer.from(`${'z'.repeat(500)}Content-Len`));
    expect(events).toHaveLength(1);
    expect(framer.pendingBytes).toBe('Content-Len'.length);
    expect(values(framer.push(Buffer.from('gth: 2\r\n\r\n{}')))).toEqual([{}]);
  });

  it('resynchronises a stalled body only when it holds another header', () => {
    const framer = new MessageFramer();
    framer.push(Buffer.from('Content-Length: 5000\r\n\r\n{"partial":'));
    expect(framer.resynchroniseStalled()).toEqual([]);
    expect(framer.readingBody).toBe(true);
    framer.push(framed('{"id":3}'));
    const events = framer.resynchroniseStalled();
    expect(events[0]?.kind).toBe('skipped');
    expect(values(events)).toEqual([{ id: 3 }]);
    expect(framer.readingBody).toBe(false);
  });

  it('skips a stalled incomplete header, keeping nothing a new header could not start with', () => {
    const framer = new MessageFramer();
    expect(framer.push(Buffer.from('hello'))).toEqual([]);
    expect(framer.waiting).toBe(true);
    expect(framer.resynchroniseStalled()[0]).toMatchObject({ kind: 'skipped', reason: expect.stringContaining('an incomplete header stalled ("hello")') });
    expect(framer.waiting).toBe(false);
    expect(values(framer.push(framed('{"id":5}')))).toEqual([{ id: 5 }]);
  });

  it('reports invalid JSON with an excerpt and goes on', () => {
    const framer = new MessageFramer();
    const events = framer.push(Buffer.concat([framed('{oops\u0007'), framed('{"id":4}')]));
    expect(events[0]).toMatchObject({ kind: 'invalid-json', reason: expect.stringContaining('"{oops\\x07"') });
    expect(values(events)).toEqual([{ id: 4 }]);
  });

  it('finds Content-Length in any case, not a look-alike', () => {
    expect(indexOfContentLength(Buffer.from('xxcOnTeNt-LeNgTh: 1'), 0)).toBe(2);
    expect(indexOfContentLength(Buffer.from('content\rlength: 1'), 0)).toBe(-1);
    expect(indexOfContentLength(Buffer.from('content-length 1'), 0)).toBe(-1);
  });
});

describe('MessageGate', () => {
  it('lets only exit through after shutdown', () => {
    const gate = new MessageGate();
    expect(gate.inspect({ jsonrpc: '2.0', id: 1, method: 'shutdown' }).deliver).toBeDefined();
    expect(gate.shutdownReceived).toBe(true);
    expect(gate.inspect({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: {} }).replies[0]?.error?.code).toBe(-32600);
    const notification = gate.inspect({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: {} });
    expect(notification.deliver).toBeUndefined();
    expect(notification.replies).toEqual([]);
    expect(gate.inspect({ jsonrpc: '2.0', method: 'exit' }).deliver).toBeDefined();
    // A client's responses still reach the connection.
    expect(gate.inspect({ jsonrpc: '2.0', id: 3, result: [] }).deliver).toBeDefined();
  });

  it('does not count a refused shutdown', () => {
    const gate = new MessageGate();
    gate.inspect([{ jsonrpc: '2.0', id: 1, method: 'shutdown' }]);
    gate.inspect({ jsonrpc: '2.0', method: 'shutdown' });
    expect(gate.shutdownReceived).toBe(false);
  });
});

describe('params checks', () => {
  it('names the first field that does not fit', () => {
    expect(paramsProblem('textDocument/didOpen', { textDocument: { uri: 'u', languageId: 'alloy', version: 1, text: 5 } })).toBe('params.textDocument.text must be a string, got number');
    expect(paramsProblem('textDocument/hover', { textDocument: { uri: 'u' }, position: { line: 2 ** 31, character: 0 } })).toBe(
      'params.position.line must be a non-negative integer, got 2147483648',
    );
    expect(paramsProblem('textDocument/didChange', { textDocument: { uri: 'u', version: 2 }, contentChanges: [{ text: 'a' }, { range: null, text: 'b' }] })).toBe(
      'params.contentChanges[1].range must be an object, got null',
    );
  });

  it('accepts what conforming clients send', () => {
    expect(paramsProblem('textDocument/didChange', { textDocument: { uri: 'u', version: 2 }, contentChanges: [{ text: 'a' }, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, rangeLength: 1, text: '' }] })).toBeUndefined();
    expect(paramsProblem('initialize', { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null })).toBeUndefined();
    expect(paramsProblem('initialized', undefined)).toBeUndefined();
    expect(paramsProblem('alloy/unknown', 42)).toBeUndefined();
  });
});
