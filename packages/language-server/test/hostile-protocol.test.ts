/**
 * The server against a hostile or broken client, over stdio: malformed params, broken headers,
 * invalid JSON, batches, and requests after shutdown. After each, a normal request must still get
 * a correct answer. Every wait has a timeout, so a server that hangs fails the test.
 */
import { fork } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serverBuilt, serverPath } from './helpers/client.js';
import { exitWithin, frame, RawClient } from './helpers/rawClient.js';

const documentUri = 'untitled:hostile.alloy';
const documentText = 'logging {\n  level = "info"\n}\n\nprometheus.exporter.unix "node" { }\n';

const InvalidRequest = -32600;
const InvalidParams = -32602;
const ParseError = -32700;

/** documentSymbol of the test document: what a healthy server answers. */
async function expectHealthy(client: RawClient): Promise<void> {
  const response = await client.request('textDocument/documentSymbol', { textDocument: { uri: documentUri } });
  expect(response.error).toBeUndefined();
  expect((response.result as { name: string }[]).map((symbol) => symbol.name)).toEqual(['logging', 'prometheus.exporter.unix "node"']);
  expect(client.process.exitCode).toBeNull();
}

describe.skipIf(!serverBuilt)('hostile client: params', () => {
  let client: RawClient;

  beforeAll(async () => {
    client = new RawClient();
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri: documentUri, languageId: 'alloy', version: 1, text: documentText } });
    await expectHealthy(client);
  });
  afterAll(() => client.dispose());

  it('ignores a didOpen whose text is not a string, and stays alive', async () => {
    for (const text of [42, null, { value: 'x' }, ['a'], true]) {
      client.notify('textDocument/didOpen', { textDocument: { uri: 'untitled:bad.alloy', languageId: 'alloy', version: 1, text } });
    }
    client.notify('textDocument/didOpen', null);
    client.notify('textDocument/didOpen', { textDocument: 'file:///x.alloy' });
    await expectHealthy(client);
    await client.waitForStderr('params.textDocument.text must be a string, got number');
    // None of them opened a document.
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: 'untitled:bad.alloy' } });
    expect(symbols.result).toEqual([]);
  });

  it('serves documents whose URIs are odd or name no path', async () => {
    for (const uri of ['file:///tmp/a%00b.alloy', 'file://remote-host/share/x.alloy', 'file:///%2Fetc%2Fpasswd', 'not a uri', '', 'untitled:']) {
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'alloy', version: 1, text: documentText } });
      const response = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      expect((response.result as { name: string }[] | undefined)?.map((symbol) => symbol.name), `documentSymbol of ${JSON.stringify(uri)}`).toEqual(['logging', 'prometheus.exporter.unix "node"']);
      client.notify('textDocument/didClose', { textDocument: { uri } });
    }
    await expectHealthy(client);
  });

  it('ignores a didChange with malformed changes, and keeps the document as it was', async () => {
    const position = { line: 0, character: 0 };
    const bad = [
      { textDocument: { uri: documentUri, version: 2 }, contentChanges: [{ text: 42 }] },
      { textDocument: { uri: documentUri, version: 2 }, contentChanges: [{ range: { start: { line: '0', character: 0 }, end: position }, text: 'x' }] },
      { textDocument: { uri: documentUri, version: 2 }, contentChanges: [{ range: { start: { line: -1, character: 0 }, end: position }, text: 'x' }] },
      { textDocument: { uri: documentUri, version: 2 }, contentChanges: [{ range: { start: { line: 1.5, character: 0 }, end: position }, text: 'x' }] },
      { textDocument: { uri: documentUri, version: 2 }, contentChanges: { text: 'x' } },
      { textDocument: { uri: documentUri, version: 'two' }, contentChanges: [{ text: 'x' }] },
      { textDocument: { uri: documentUri }, contentChanges: [{ text: 'x' }] },
      { contentChanges: [{ text: 'x' }] },
      null,
    ];
    for (const params of bad) client.notify('textDocument/didChange', params);
    await expectHealthy(client);
  });

  const position = { line: 0, character: 2 };
  const textDocument = { uri: documentUri };
  const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
  const methods: [string, Record<string, unknown>][] = [
    ['textDocument/hover', { textDocument, position }],
    ['textDocument/completion', { textDocument, position }],
    ['textDocument/signatureHelp', { textDocument, position }],
    ['textDocument/definition', { textDocument, position }],
    ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
    // On the label of prometheus.exporter.unix "node": a label can be renamed.
    ['textDocument/prepareRename', { textDocument, position: { line: 4, character: 27 } }],
    ['textDocument/rename', { textDocument, position: { line: 4, character: 27 }, newName: 'other' }],
    ['textDocument/documentSymbol', { textDocument }],
    ['textDocument/foldingRange', { textDocument }],
    ['textDocument/selectionRange', { textDocument, positions: [position] }],
    ['textDocument/semanticTokens/full', { textDocument }],
    ['textDocument/documentLink', { textDocument }],
    ['textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/rangeFormatting', { textDocument, range, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
  ];

  it.each(methods)('%s: well-formed params get an answer, malformed ones InvalidParams', async (method, valid) => {
    const good = await client.request(method, valid);
    expect(good.error).toBeUndefined();
    const variants: unknown[] = [null, {}, [valid], 'params', { ...valid, textDocument: undefined }, { ...valid, textDocument: { uri: 7 } }];
    if ('position' in valid) {
      variants.push({ ...valid, position: { line: '0', character: '2' } }, { ...valid, position: { line: 0 } }, { ...valid, position: null });
    }
    if ('range' in valid) variants.push({ ...valid, range: { start: position } });
    for (const params of variants) {
      const response = await client.request(method, params);
      expect(response.error?.code, `${method} with ${JSON.stringify(params)}`).toBe(params === 'params' ? InvalidRequest : InvalidParams);
    }
    await expectHealthy(client);
  });

  it('workspace/symbol: a query that is not a string is InvalidParams', async () => {
    expect((await client.request('workspace/symbol', { query: 'logging' })).error).toBeUndefined();
    expect((await client.request('workspace/symbol', { query: 5 })).error?.code).toBe(InvalidParams);
    expect((await client.request('workspace/symbol', null)).error?.code).toBe(InvalidParams);
  });

  it('ignores malformed workspace notifications', async () => {
    client.notify('workspace/didChangeWatchedFiles', { changes: 'all' });
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: 3, type: 1 }] });
    client.notify('workspace/didChangeConfiguration', null);
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: 1 }], removed: [] } });
    client.notify('$/cancelRequest', null);
    client.notify('$/cancelRequest', { id: { nested: true } });
    client.notify('textDocument/didClose', { textDocument: null });
    client.notify('textDocument/didSave', 12);
    await expectHealthy(client);
  });

  it('survives params nested 200,000 deep', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    client.sendRaw(frame(`{"jsonrpc":"2.0","id":"deep-1","method":"textDocument/hover","params":{"textDocument":{"uri":"${documentUri}"},"position":${deep}}}`));
    client.sendRaw(frame(`{"jsonrpc":"2.0","method":"alloy/unknownNotification","params":${deep}}`));
    client.sendRaw(frame(`{"jsonrpc":"2.0","id":"deep-2","method":"alloy/unknownRequest","params":${deep}}`));
    expect((await client.response('deep-1')).error?.code).toBe(InvalidParams);
    expect((await client.response('deep-2')).error?.code).toBe(-32601);
    await expectHealthy(client);
  });

  it('answers an unknown request with MethodNotFound, and a request whose method is not a string with InvalidRequest', async () => {
    expect((await client.request('alloy/noSuchMethod', {})).error?.code).toBe(-32601);
    client.sendRaw(frame({ jsonrpc: '2.0', id: 'm1', method: 42 }));
    expect((await client.response('m1')).error?.code).toBe(InvalidRequest);
    client.sendRaw(frame({ jsonrpc: '2.0', id: { object: true }, method: 'textDocument/hover' }));
    client.sendRaw(frame({ jsonrpc: '2.0', id: null, method: 'textDocument/hover', params: { textDocument, position } }));
    client.sendRaw(frame({ jsonrpc: '2.0', id: 'm2' }));
    expect((await client.response('m2')).error?.code).toBe(InvalidRequest);
    await expectHealthy(client);
  });
});

describe.skipIf(!serverBuilt)('hostile client: framing', () => {
  let client: RawClient;

  beforeAll(async () => {
    client = new RawClient();
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri: documentUri, languageId: 'alloy', version: 1, text: documentText } });
    await expectHealthy(client);
  });
  afterAll(() => client.dispose());

  const brokenHeaders: [string, string][] = [
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}'],
    ['a negative Content-Length', 'Content-Length: -12\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}'],
    ['a fractional Content-Length', 'Content-Length: 1.5\r\n\r\n{}'],
    ['a huge Content-Length', 'Content-Length: 99999999999999999999999\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}'],
    ['a Content-Length above the limit', `Content-Length: ${2 ** 40}\r\n\r\n{}`],
    ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}'],
    ['a header line without a colon', 'Content-Length 40\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}'],
    ['two different Content-Length headers', 'Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}'],
    ['garbage bytes with a header end', 'hello\x00\xff world\r\n\r\n'],
    ['garbage bytes without a header end', 'x'.repeat(20_000)],
    ['binary junk', Buffer.from(Array.from({ length: 5000 }, (_, index) => (index * 7919) % 256)).toString('latin1')],
    ['garbage right before a header', 'junk'],
  ];

  it.each(brokenHeaders)('skips %s and answers the next message', async (_, bytes) => {
    client.sendRaw(Buffer.from(bytes, 'latin1'));
    await expectHealthy(client);
    // The request never became a shutdown: the server still answers.
    await expectHealthy(client);
  });

  it('skips a Content-Length above the limit at once: the message after its header is read', async () => {
    const next = frame({ jsonrpc: '2.0', id: 'after-huge', method: 'textDocument/documentSymbol', params: { textDocument: { uri: documentUri } } });
    client.sendRaw(Buffer.concat([Buffer.from(`Content-Length: ${2 ** 33}\r\n\r\n`), next]));
    expect((await client.response('after-huge')).error).toBeUndefined();
  });

  it('answers a body that is not JSON with ParseError', async () => {
    const before = client.nullIdErrors().length;
    client.sendRaw(frame('{"jsonrpc": "2.0", "id": 5, "method": '));
    client.sendRaw(frame('\u0000\u0001 not json at all'));
    await expectHealthy(client);
    expect(client.nullIdErrors().slice(before).map((error) => error.code)).toEqual([ParseError, ParseError]);
  });

  it('answers a body that is JSON but not an object with InvalidRequest', async () => {
    const before = client.nullIdErrors().length;
    for (const body of ['42', '"text"', 'null', 'true', '[]']) client.sendRaw(frame(body));
    await expectHealthy(client);
    expect(client.nullIdErrors().slice(before).map((error) => error.code)).toEqual([InvalidRequest, InvalidRequest, InvalidRequest, InvalidRequest, InvalidRequest]);
  });

  it('refuses a batch, answering each request in it with InvalidRequest', async () => {
    client.sendRaw(
      frame([
        { jsonrpc: '2.0', id: 'batch-1', method: 'textDocument/documentSymbol', params: { textDocument: { uri: documentUri } } },
        { jsonrpc: '2.0', method: 'initialized', params: {} },
        { jsonrpc: '2.0', id: 'batch-2', method: 'shutdown' },
      ]),
    );
    expect((await client.response('batch-1')).error?.code).toBe(InvalidRequest);
    expect((await client.response('batch-2')).error?.code).toBe(InvalidRequest);
    // The shutdown inside the batch was not carried out.
    await expectHealthy(client);
  });

  it('reads messages split at every byte boundary and several in one write', async () => {
    const first = frame({ jsonrpc: '2.0', id: 'split-1', method: 'textDocument/documentSymbol', params: { textDocument: { uri: documentUri } } });
    for (let index = 0; index < first.length; index++) client.sendRaw(first.subarray(index, index + 1));
    expect((await client.response('split-1')).error).toBeUndefined();
    const second = frame({ jsonrpc: '2.0', id: 'split-2', method: 'textDocument/documentSymbol', params: { textDocument: { uri: documentUri } } });
    const third = frame({ jsonrpc: '2.0', id: 'split-3', method: 'textDocument/foldingRange', params: { textDocument: { uri: documentUri } } });
    client.sendRaw(Buffer.concat([second, third]));
    expect((await client.response('split-2')).error).toBeUndefined();
    expect((await client.response('split-3')).error).toBeUndefined();
  });

  it('recovers the next message when a Content-Length is too large and the bodies run into each other', async () => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 'too-long', method: 'textDocument/documentSymbol', params: { textDocument: { uri: documentUri } } }));
    const next = frame({ jsonrpc: '2.0', id: 'after-too-long', method: 'textDocument/documentSymbol', params: { textDocument: { uri: documentUri } } });
    client.sendRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length + 30}\r\n\r\n`), body, next]));
    expect((await client.response('after-too-long')).error).toBeUndefined();
  });

  it('recovers when a Content-Length announces more bytes than ever arrive (after the stall timeout)', async () => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 'stalled', method: 'textDocument/documentSymbol', params: { textDocument: { uri: documentUri } } }));
    const next = frame({ jsonrpc: '2.0', id: 'after-stalled', method: 'textDocument/documentSymbol', params: { textDocument: { uri: documentUri } } });
    client.sendRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length + 5000}\r\n\r\n`), body, next]));
    expect((await client.response('after-stalled', 15_000)).error).toBeUndefined();
    await client.waitForStderr('stalled');
  });

  it('does not wait silently on an incomplete header: it is skipped and logged after the stall timeout', async () => {
    client.sendRaw('Content-Type: text/plain\r\n');
    await client.waitForStderr('an incomplete header stalled ("Content-Type: text/plain\\x0d\\x0a")', 15_000);
    await expectHealthy(client);
  });

  // stderr and stdout are separate pipes: a log line may arrive after the answer that followed it, so it is waited for.
  it('logs every skip on stderr', async () => {
    await client.waitForStderr('Content-Length "abc" is not a non-negative integer');
    await client.waitForStderr('header without Content-Length');
    await client.waitForStderr('exceeds the limit');
    await client.waitForStderr('is not valid JSON');
  });
});

describe.skipIf(!serverBuilt)('hostile client: shutdown and exit', () => {
  const clients: RawClient[] = [];
  const started = (): RawClient => {
    const client = new RawClient();
    clients.push(client);
    return client;
  };
  afterEach(() => {
    for (const client of clients.splice(0)) client.dispose();
  });

  it('answers requests after shutdown with InvalidRequest, then exits 0 on exit', async () => {
    const client = started();
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri: documentUri, languageId: 'alloy', version: 1, text: documentText } });
    await expectHealthy(client);
    const shutdown = await client.request('shutdown');
    expect(shutdown.error).toBeUndefined();
    expect(shutdown.result).toBeNull();
    const after = await client.request('textDocument/documentSymbol', { textDocument: { uri: documentUri } });
    expect(after.error?.code).toBe(InvalidRequest);
    expect((await client.request('shutdown')).error?.code).toBe(InvalidRequest);
    client.notify('exit');
    expect(await exitWithin(client, 10_000)).toBe(0);
  });

  it('exits 1 on exit without shutdown', async () => {
    const client = started();
    await client.initialize();
    client.notify('exit');
    expect(await exitWithin(client, 10_000)).toBe(1);
  });

  it('exits when the client closes its end, 0 after shutdown', async () => {
    const withoutShutdown = started();
    await withoutShutdown.initialize();
    withoutShutdown.process.stdin!.end();
    expect(await exitWithin(withoutShutdown, 10_000)).toBe(1);

    const afterShutdown = started();
    await afterShutdown.initialize();
    await afterShutdown.request('shutdown');
    afterShutdown.process.stdin!.end();
    expect(await exitWithin(afterShutdown, 10_000)).toBe(0);
  });

  it('answers the last broken message before it exits on a closed input', async () => {
    const client = started();
    client.sendRaw(frame('{broken'));
    client.process.stdin!.end();
    expect(await exitWithin(client, 10_000)).toBe(1);
    expect(client.nullIdErrors().map((error) => error.code)).toEqual([ParseError]);
  });
});

describe.skipIf(!serverBuilt)('hostile client over --node-ipc', () => {
  it('checks params and survives a non-string didOpen text there too', async () => {
    const child = fork(serverPath, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const received: { id?: unknown; result?: unknown; error?: { code: number } }[] = [];
    child.on('message', (message) => received.push(message as (typeof received)[number]));
    const response = (id: string): Promise<(typeof received)[number]> =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = (): void => {
          const found = received.find((message) => message.id === id);
          if (found) resolve(found);
          else if (Date.now() - started > 10_000 || child.exitCode !== null) reject(new Error(`no response ${id} (exit ${child.exitCode})`));
          else setTimeout(poll, 20);
        };
        poll();
      });
    try {
      child.send({ jsonrpc: '2.0', id: 'init', method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      expect((await response('init')).result).toBeDefined();
      child.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
      child.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: documentUri, languageId: 'alloy', version: 1, text: 42 } } });
      child.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: documentUri, languageId: 'alloy', version: 1, text: documentText } } });
      child.send({ jsonrpc: '2.0', id: 'bad', method: 'textDocument/hover', params: { textDocument: { uri: documentUri }, position: { line: 'x', character: 0 } } });
      expect((await response('bad')).error?.code).toBe(InvalidParams);
      child.send({ jsonrpc: '2.0', id: 'symbols', method: 'textDocument/documentSymbol', params: { textDocument: { uri: documentUri } } });
      expect(((await response('symbols')).result as { name: string }[]).map((symbol) => symbol.name)).toEqual(['logging', 'prometheus.exporter.unix "node"']);
    } finally {
      child.kill();
    }
  });
});
