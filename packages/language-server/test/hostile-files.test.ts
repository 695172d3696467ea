/**
 * Special files in the workspace: a fifo and a link to /dev/zero named `*.alloy` beside an open
 * document (read as siblings), imported with `import.file`, or standing where the lint
 * configuration is looked for. The server must neither block nor read without end: diagnostics
 * still come (each wait has a timeout, so a hang fails the test).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fixture, messageOf, serverBuilt, TestClient } from './helpers/client.js';

function canMakeFifo(): boolean {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const fifoSupported = process.platform !== 'win32' && canMakeFifo() && existsSync('/dev/zero');
if (!fifoSupported) console.warn('hostile-files test skipped: mkfifo or /dev/zero is not available');

const mainText = 'logging {\n  level = "info"\n}\n\nprometheus.exporter.unix "node" { }\n';

describe.skipIf(!serverBuilt || !fifoSupported)('special files beside and imported by an open document', () => {
  let fixture: Fixture;
  let client: TestClient;

  beforeAll(async () => {
    fixture = new Fixture({ 'main.alloy': mainText, 'sub/main.alloy': mainText });
    execFileSync('mkfifo', [fixture.path('fifo.alloy'), fixture.path('sub/.alloy-lint.json')]);
    symlinkSync('/dev/zero', fixture.path('zero.alloy'));
    // 40 MB of holes: more than the server reads from one file.
    writeFileSync(fixture.path('huge.alloy'), '');
    truncateSync(fixture.path('huge.alloy'), 40 * 1024 * 1024);
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root });
  });

  afterAll(async () => {
    await client.shutdown();
    fixture.dispose();
  });

  it('publishes diagnostics for a document whose siblings are a fifo, a /dev/zero link and a huge file', async () => {
    await client.open(fixture.uri('main.alloy'), mainText);
    const diagnostics = await client.diagnosticsForCurrentVersion(fixture.uri('main.alloy'));
    expect(diagnostics.map(messageOf)).toEqual([]);
    const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: fixture.uri('main.alloy') } });
    expect(symbols.map((symbol) => symbol.name)).toEqual(['logging', 'prometheus.exporter.unix "node"']);
  });

  it('reports an import of a fifo as not a regular file, and one of a /dev/zero link as outside the workspace', async () => {
    const uri = fixture.uri('main.alloy');
    const text = `${mainText}\nimport.file "fifo" {\n  filename = "fifo.alloy"\n}\n\nimport.file "zero" {\n  filename = "zero.alloy"\n}\n`;
    await client.change(uri, [{ text }]);
    const diagnostics = await client.diagnosticsForCurrentVersion(uri);
    const byLine = new Map(diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic]));
    // The fifo is in the workspace: refused as what it is. /dev/zero, links resolved, is outside it.
    expect(byLine.get(7)?.code).toBe('alloy/import-not-found');
    expect(messageOf(byLine.get(7)!)).toContain('not a regular file (a fifo)');
    expect(byLine.get(11)?.code).toBe('alloy/import-outside-root');
    expect(diagnostics).toHaveLength(2);
  });

  it('answers features on a document importing special files', async () => {
    const uri = fixture.uri('main.alloy');
    const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((symbol) => symbol.name)).toContain('import.file "zero"');
    const definition = await client.request<unknown>('textDocument/definition', { textDocument: { uri }, position: { line: 8, character: 16 } });
    expect(definition === null || Array.isArray(definition) || typeof definition === 'object').toBe(true);
    const workspaceSymbols = await client.request<{ name: string }[]>('workspace/symbol', { query: 'logging' });
    expect(workspaceSymbols.length).toBeGreaterThan(0);
  });

  it('reports a lint configuration that is a fifo on the document, and checks it', async () => {
    const uri = fixture.uri('sub/main.alloy');
    await client.open(uri, mainText);
    const diagnostics = await client.diagnosticsForCurrentVersion(uri);
    const config = diagnostics.find((diagnostic) => diagnostic.code === 'alloy-lint/config');
    expect(config && messageOf(config)).toMatch(/\.alloy-lint\.json: not a regular file \(a fifo\)/);
  });
});
