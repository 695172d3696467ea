import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { Fixture, serverBuilt, sharedRoot, TestClient } from './helpers/client.js';

const corpusDirectory = join(sharedRoot, 'corpus', 'real-world', 'valid');
const corpusAvailable = existsSync(corpusDirectory);
if (!corpusAvailable) console.warn(`robustness test: ${corpusDirectory} is absent, corpus pastes are skipped`);
const corpusTexts = corpusAvailable
  ? readdirSync(corpusDirectory)
      .filter((name) => name.endsWith('.alloy'))
      .sort()
      .slice(0, 40)
      .map((name) => readFileSync(join(corpusDirectory, name), 'utf8'))
  : [];

const fragments = [
  'prometheus.scrape "x" {\n',
  '}',
  '{',
  '"',
  '`',
  '/*',
  '*/',
  '// comment\n',
  '# hash\n',
  'targets = [prometheus.exporter.unix.node.targets]\n',
  'forward_to = [',
  ']',
  '(',
  ')',
  'string.format("%s", ',
  '= ',
  '.',
  ',',
  '\n',
  '\r\n',
  '😀',
  'é',
  'declare "m" {\n argument "a" {}\n}\n',
  'import.file "lib" { filename = "lib.alloy" }\n',
  '0x1f',
  '1e5',
  '\\',
];

/** `send`: the edit ends a `didChange` notification; edits before it without `send` travel in the same one. */
type Edit =
  | { kind: 'insert'; at: number; text: string; send: boolean }
  | { kind: 'delete'; at: number; length: number; send: boolean };

const textArbitrary = fc.oneof(
  fc.constantFrom(...fragments),
  fc.string({ maxLength: 12 }),
  ...(corpusTexts.length > 0 ? [fc.constantFrom(...corpusTexts)] : []),
);
const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: textArbitrary, send: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }), send: fc.boolean() }),
);

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Diagnostics as comparable strings. */
function summary(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${diagnostic.range.start.line}:${diagnostic.range.start.character}-${diagnostic.range.end.line}:${diagnostic.range.end.character} ${String(diagnostic.code)} ${diagnostic.message}`).sort();
}

describe.skipIf(!serverBuilt)('robustness under random edits', () => {
  let client: TestClient;
  let fixture: Fixture;
  let run = 0;

  beforeAll(async () => {
    fixture = new Fixture();
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root });
  });
  afterAll(async () => {
    await client.shutdown();
    fixture.dispose();
  });

  it('never crashes and ends with the diagnostics of a fresh open of the final text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('', 'logging {\n  level = "info"\n}\n', corpusTexts[0] ?? 'prometheus.exporter.unix "node" {}\n'), fc.array(editArbitrary, { minLength: 1, maxLength: 25 }), async (initial, edits) => {
        run++;
        const editedUri = fixture.uri(`edited-${run}/config.alloy`);
        const freshUri = fixture.uri(`fresh-${run}/config.alloy`);
        let text = initial;
        await client.open(editedUri, text);
        // Several changes in one notification apply one after the other, each to the text the previous one left.
        let unsent: TextDocumentContentChangeEvent[] = [];
        for (const [index, edit] of edits.entries()) {
          if (edit.kind === 'insert') {
            const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
            const position = positionAt(text, at);
            unsent.push({ range: { start: position, end: position }, text: edit.text });
            text = text.slice(0, at) + edit.text + text.slice(at);
          } else if (text.length > 0) {
            const at = edit.at % text.length;
            const end = Math.min(text.length, at + edit.length);
            unsent.push({ range: { start: positionAt(text, at), end: positionAt(text, end) }, text: '' });
            text = text.slice(0, at) + text.slice(end);
          }
          if (unsent.length === 0 || (!edit.send && index < edits.length - 1)) continue;
          await client.change(editedUri, unsent);
          unsent = [];
          if (index % 5 === 0) {
            const probe = positionAt(text, Math.floor(text.length / 2));
            await client.request('textDocument/completion', { textDocument: { uri: editedUri }, position: probe });
            await client.request('textDocument/hover', { textDocument: { uri: editedUri }, position: probe });
            await client.request('textDocument/semanticTokens/full', { textDocument: { uri: editedUri } });
          }
        }
        const edited = await client.diagnosticsForCurrentVersion(editedUri);
        await client.open(freshUri, text);
        const fresh = await client.diagnosticsForCurrentVersion(freshUri);
        await client.close(editedUri);
        await client.close(freshUri);
        expect(client.exited).toBe(false);
        expect(summary(edited)).toEqual(summary(fresh));
      }),
      { numRuns: 25, seed: 20261124 },
    );
    expect(client.stderr).toBe('');
  });
});
