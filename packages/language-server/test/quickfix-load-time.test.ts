import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, Fixture, serverBuilt, TestClient } from './helpers/client.js';

// The checker's fixes for load-time problems are offered only where the repair is certain (#14):
// a quick fix for each, none where the writer has to choose.

const text = `prometheus.scrape "s" {
  targets         = []
  forward_to      = []
  scrape_interval = "15 s"
}

prometheus.scrape "n" {
  targets         = []
  forward_to      = []
  scrape_interval = 15
}

prometheus.scrape "t" {
  targets         = []
  forward_to      = []
  scrape_interval = "10s"
  scrape_timeout  = "20s"
}

discovery.relabel "r" {
  targets = []

  rule {
    source_labels = ["a"]
    target_label  = "b"
    action        = "Replace"
  }
}

prometheus.remote_write "w" {
  endpoint {
    url          = "https://m/api/v1/write"
    bearer_token = "t"

    basic_auth {
      username = "u"
    }

    tls_config {
      min_version = "tls12"
    }
  }
}
`;

describe.skipIf(!serverBuilt)('quick fixes for load-time problems, only where the repair is certain', () => {
  let fixture: Fixture;
  let client: TestClient;
  let diagnostics: Diagnostic[];
  const uri = (): string => fixture.uri('config/main.alloy');

  async function actionsFor(diagnostic: Diagnostic): Promise<CodeAction[]> {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri() }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
    // The quick fixes of this diagnostic (a range may touch another one's).
    return actions.filter((action) => action.diagnostics?.some((candidate) => candidate.message === diagnostic.message));
  }

  function find(message: string | RegExp): Diagnostic {
    const found = diagnostics.find((diagnostic) => (typeof message === 'string' ? diagnostic.message === message : message.test(String(diagnostic.message))));
    expect(found, `${String(message)} among ${JSON.stringify(diagnostics.map((diagnostic) => diagnostic.message))}`).toBeDefined();
    return found!;
  }

  beforeAll(async () => {
    fixture = new Fixture({ 'config/main.alloy': text });
    client = new TestClient({ configuration: {} });
    await client.initialize({ rootPath: fixture.root });
    await client.open(uri(), text);
    diagnostics = await client.diagnosticsForCurrentVersion(uri());
  });

  afterAll(async () => {
    await client?.shutdown();
    fixture?.dispose();
  });

  it.each([
    ['time: unknown unit " s" in duration "15 s"', 'Change to "15s"', '"15 s"', '"15s"'],
    ['unrecognized action type "Replace"', 'Change to "replace"', '"Replace"', '"replace"'],
    ['unknown TLS version: tls12', 'Change to "TLS12"', '"tls12"', '"TLS12"'],
  ])('%s: "%s"', async (message, title, before, after) => {
    const actions = await actionsFor(find(message));
    expect(actions.map((action) => action.title)).toEqual([title]);
    expect(actions[0]!.kind).toBe('quickfix');
    expect(applyEdits(text, actions[0]!.edit!.changes![uri()]!)).toBe(text.replace(before, after));
  });

  it.each([
    ['a number for a duration', 'time: missing unit in duration "15"'],
    ['scrape_timeout above scrape_interval', /^scrape_timeout \(20s\) greater than scrape_interval \(10s\)/],
    ['at most one of', 'at most one of basic_auth, authorization, oauth2, bearer_token & bearer_token_file must be configured'],
  ])('no quick fix for %s', async (_what, message) => {
    expect(await actionsFor(find(message))).toEqual([]);
  });

  it('fix all applies the three and leaves the rest', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri() },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    expect(actions).toHaveLength(1);
    expect(applyEdits(text, actions[0]!.edit!.changes![uri()]!)).toBe(text.replace('"15 s"', '"15s"').replace('"Replace"', '"replace"').replace('"tls12"', '"TLS12"'));
  });
});
