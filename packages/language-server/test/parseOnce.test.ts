import { describe, expect, it, vi } from 'vitest';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver/node';

// Counts the parses made by the server (full or incremental) and the checks made without the server's parse.
const counts = vi.hoisted(() => ({ parses: 0, incremental: 0, checksParsingAgain: 0 }));
vi.mock('../src/toolkit.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/toolkit.js')>();
  return {
    ...original,
    parse: (...args: Parameters<typeof original.parse>) => {
      counts.parses++;
      return original.parse(...args);
    },
    reparse: (...args: Parameters<typeof original.reparse>) => {
      counts.parses++;
      const result = original.reparse(...args);
      if (result.incremental) counts.incremental++;
      return result;
    },
    checkText: (...args: Parameters<typeof original.checkText>) => {
      if (!args[1]?.parse) counts.checksParsingAgain++;
      return original.checkText(...args);
    },
  };
});

const { DiagnosticsService } = await import('../src/workspace/diagnostics.js');
const { AlloyWorkspace } = await import('../src/workspace/workspace.js');

type Handler = (params: unknown) => void;

/** Just enough of a connection for TextDocuments and the diagnostics service. */
function fakeConnection(published: PublishDiagnosticsParams[]): { connection: Connection; notify(method: string, params: unknown): void } {
  const handlers = new Map<string, Handler>();
  const register = (method: string) => (handler: Handler) => {
    handlers.set(method, handler);
    return { dispose: () => handlers.delete(method) };
  };
  const connection = {
    onDidOpenTextDocument: register('open'),
    onDidChangeTextDocument: register('change'),
    onDidCloseTextDocument: register('close'),
    onWillSaveTextDocument: register('willSave'),
    onWillSaveTextDocumentWaitUntil: register('willSaveWaitUntil'),
    onDidSaveTextDocument: register('save'),
    sendDiagnostics: async (params: PublishDiagnosticsParams) => {
      published.push(params);
    },
    console: { error: () => undefined },
  } as unknown as Connection;
  return { connection, notify: (method, params) => handlers.get(method)!(params) };
}

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt++) await new Promise((done) => setTimeout(done, 5));
  expect(condition()).toBe(true);
}

describe('the diagnostics path parses each version once', () => {
  it('hands its parse to the checker and to the features, re-parsing edits incrementally', async () => {
    const published: PublishDiagnosticsParams[] = [];
    const { connection, notify } = fakeConnection(published);
    const workspace = new AlloyWorkspace();
    workspace.documents.listen(connection);
    const documents = workspace.documents;
    const diagnostics = new DiagnosticsService(connection, workspace, async () => ({ rules: {}, ignored: false }), { changeDelayMs: 0 });
    documents.onDidOpen((event) => diagnostics.documentChanged(event.document.uri, true));

    const uri = 'file:///nowhere/config/main.alloy';
    const other = 'file:///nowhere/config/other.alloy';
    notify('open', { textDocument: { uri: other, languageId: 'alloy', version: 1, text: 'prometheus.exporter.unix "node" {}\n' } });
    await until(() => published.some((params) => params.uri === other));
    notify('open', { textDocument: { uri, languageId: 'alloy', version: 1, text: 'prometheus.scrape "s" {\n  targets    = prometheus.exporter.unix.node.targets\n  forward_to = []\n}\n' } });
    await until(() => published.some((params) => params.uri === uri));
    notify('change', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 3, character: 1 }, end: { line: 3, character: 1 } }, text: '\n' }] });
    diagnostics.documentChanged(uri, false);
    await until(() => published.some((params) => params.uri === uri && params.version === 2));

    expect(published.filter((params) => params.uri === uri).map((params) => params.diagnostics)).toEqual([[], []]);
    // Two files opened, one edited: three parses, none of them by the checker.
    expect(counts.parses).toBe(3);
    expect(counts.checksParsingAgain).toBe(0);
    // The features find the same parse of the current version.
    expect(workspace.parsed(uri)?.version).toBe(2);
    expect(workspace.parsed(uri)?.parse.file.body).toHaveLength(1);
    expect(counts.parses).toBe(3);

    // A comment added to the other file: main.alloy's re-check is skipped, and deciding so parses nothing.
    notify('change', { textDocument: { uri: other, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '// note\n' }] });
    diagnostics.documentChanged(other, false);
    await until(() => published.some((params) => params.uri === other && params.version === 2));
    await new Promise((done) => setTimeout(done, 50));
    expect(published.filter((params) => params.uri === uri)).toHaveLength(2);
    // The comment after the last statement re-parses only the end of the file.
    expect(counts.parses).toBe(4);
    expect(counts.incremental).toBe(1);
    expect(counts.checksParsingAgain).toBe(0);
    expect(workspace.parsed(other)?.parse.comments.map((comment) => comment.text)).toEqual(['// note']);
    diagnostics.dispose();
  });
});
