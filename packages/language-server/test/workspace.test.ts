import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { outwardSignature } from '../src/workspace/diagnostics.js';
import { DiskCache, parseDocument } from '../src/workspace/workspace.js';
import { Fixture, messageOf, serverBuilt, TestClient } from './helpers/client.js';

describe('disk cache', () => {
  let fixture: Fixture | undefined;
  afterEach(() => fixture?.dispose());

  it('keeps a file read until stat reports a change', () => {
    fixture = new Fixture({ 'a.alloy': 'logging {}\n' });
    const path = fixture.path('a.alloy');
    const fixedTime = 1_700_000_000;
    utimesSync(path, fixedTime, fixedTime);
    const cache = new DiskCache();
    expect(cache.readFile(path)).toBe('logging {}\n');
    // Same size, same modification time: the cached text is served, the file is not read.
    writeFileSync(path, 'tracing {}\n');
    utimesSync(path, fixedTime, fixedTime);
    expect(cache.readFile(path)).toBe('logging {}\n');
    // A new modification time: read again.
    utimesSync(path, fixedTime, fixedTime + 5);
    expect(cache.readFile(path)).toBe('tracing {}\n');
    // An explicit change notification drops the entry.
    writeFileSync(path, 'http {}\n\n');
    utimesSync(path, fixedTime, fixedTime + 5);
    cache.forget(path);
    expect(cache.readFile(path)).toBe('http {}\n\n');
  });

  it('lists a directory again when its modification time changes', () => {
    fixture = new Fixture({ 'dir/a.alloy': '' });
    const directory = fixture.path('dir');
    const cache = new DiskCache();
    expect(cache.readDirectory(directory)).toEqual(['a.alloy']);
    fixture.write('dir/b.alloy', '');
    const { atime, mtime } = statSync(directory);
    utimesSync(directory, atime, new Date(mtime.getTime() + 5000));
    expect(cache.readDirectory(directory)).toEqual(['a.alloy', 'b.alloy']);
    expect(cache.readFile(directory)).toBeUndefined();
    expect(cache.readDirectory(fixture.path('dir/a.alloy'))).toBeUndefined();
    expect(cache.readFile(fixture.path('missing.alloy'))).toBeUndefined();
  });
});

describe('outward signature of a file', () => {
  const signature = (text: string): string => outwardSignature(parseDocument(TextDocument.create('file:///d/a.alloy', 'alloy', 1, text)));
  const base = 'prometheus.scrape "s" {\n  targets    = prometheus.exporter.unix.node.targets\n  forward_to = []\n  job_name   = "a"\n}\n\ndeclare "m" {\n  argument "x" {}\n}\n';

  it('ignores values, attribute names and layout', () => {
    expect(signature(base.replace('"a"', '"b"'))).toBe(signature(base));
    expect(signature(base.replace('job_name   = "a"', 'scrape_interval = "1m"'))).toBe(signature(base));
    expect(signature(base.replace('forward_to = []', '// a comment\n  forward_to = []'))).toBe(signature(base));
  });

  it('changes with labels, references, declare bodies and syntax errors', () => {
    for (const changed of [
      base.replace('"s"', '"t"'),
      base.replace('unix.node', 'unix.host'),
      base.replace('argument "x" {}', 'argument "x" {\n    optional = true\n  }'),
      base.replace('job_name   = "a"', 'job_name   = '),
      `${base}logging {}\n`,
    ]) {
      expect(signature(changed)).not.toBe(signature(base));
    }
  });
});

const main = 'prometheus.scrape "default" {\n  targets    = prometheus.exporter.unix.node.targets\n  forward_to = []\n}\n';

describe.skipIf(!serverBuilt)('files on disk next to an open document', () => {
  let client: TestClient | undefined;
  let fixture: Fixture | undefined;
  afterEach(async () => {
    await client?.shutdown();
    fixture?.dispose();
  });

  it('sees a sibling file changed on disk at the next check, with or without a watched-file notification', async () => {
    fixture = new Fixture({ 'config/main.alloy': main, 'config/exporter.alloy': 'prometheus.exporter.unix "node" {\n}\n' });
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root });
    const uri = fixture.uri('config/main.alloy');
    await client.open(uri, main);
    expect(await client.diagnosticsForCurrentVersion(uri)).toEqual([]);

    // The sibling's component is renamed on disk; the next edit of main sees it without any notification.
    fixture.write('config/exporter.alloy', 'prometheus.exporter.unix "host" {\n}\n');
    const bumped = statSync(fixture.path('config/exporter.alloy'));
    utimesSync(fixture.path('config/exporter.alloy'), bumped.atime, new Date(bumped.mtime.getTime() + 5000));
    await client.change(uri, [{ range: { start: { line: 3, character: 1 }, end: { line: 3, character: 1 } }, text: '\n' }]);
    const unresolved = await client.diagnosticsForCurrentVersion(uri);
    expect(unresolved.map((diagnostic) => diagnostic.code)).toEqual(['alloy/unresolved-reference']);
    expect(messageOf(unresolved[0]!)).toContain('prometheus.exporter.unix.node');

    // Renamed back, announced by workspace/didChangeWatchedFiles: main is checked again without an edit.
    fixture.write('config/exporter.alloy', 'prometheus.exporter.unix "node" {\n}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fixture.uri('config/exporter.alloy'), type: 2 }] });
    expect(await client.waitForDiagnostics(uri, (params) => params.diagnostics.length === 0)).toEqual([]);
  });

  it('prefers the open buffer of an imported module over its file on disk', async () => {
    const importer = 'import.file "lib" {\n  filename = "modules/lib.alloy"\n}\n\nlib.pipeline "one" {\n  input = 1\n}\n';
    const library = 'declare "pipeline" {\n  argument "input" {}\n}\n';
    fixture = new Fixture({ 'app/main.alloy': importer, 'app/modules/lib.alloy': library });
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root });
    const importerUri = fixture.uri('app/main.alloy');
    await client.open(importerUri, importer);
    expect(await client.diagnosticsForCurrentVersion(importerUri)).toEqual([]);

    // The module, edited but not saved, now requires a second argument: the importer is checked again.
    const libraryUri = fixture.uri('app/modules/lib.alloy');
    await client.open(libraryUri, library);
    await client.change(libraryUri, [{ text: 'declare "pipeline" {\n  argument "input" {}\n  argument "output" {}\n}\n' }]);
    const missing = await client.waitForDiagnostics(importerUri, (params) => params.diagnostics.length > 0);
    expect(missing.some((diagnostic) => messageOf(diagnostic).includes('output'))).toBe(true);
  });

  it('re-checks the other open files of a directory only when what they can see of the edited file changes', async () => {
    const exporter = 'prometheus.exporter.unix "node" {\n  set_collectors = ["cpu"]\n}\n';
    fixture = new Fixture({ 'config/main.alloy': main, 'config/exporter.alloy': exporter });
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root, initializationOptions: { diagnosticsDelayMs: 20 } });
    const mainUri = fixture.uri('config/main.alloy');
    const exporterUri = fixture.uri('config/exporter.alloy');
    // The exporter first: opening main.alloy afterwards makes no later check of main.alloy due.
    await client.open(exporterUri, exporter);
    expect(await client.diagnosticsForCurrentVersion(exporterUri)).toEqual([]);
    await client.open(mainUri, main);
    expect(await client.diagnosticsForCurrentVersion(mainUri)).toEqual([]);
    const publishedForMain = (): number => client!.publishedLog.filter((params) => params.uri === mainUri).length;
    const before = publishedForMain();

    // Edits inside a value of exporter.alloy: main.alloy cannot see them.
    for (const collectors of ['"cpu", "disk"', '"cpu", "diskstats"', '"meminfo"']) {
      await client.change(exporterUri, [{ text: exporter.replace('"cpu"', collectors) }]);
      await client.diagnosticsForCurrentVersion(exporterUri);
    }
    // A new label: main.alloy's reference no longer resolves, so it is checked again, once.
    await client.change(exporterUri, [{ text: exporter.replace('"node"', '"host"') }]);
    const unresolved = await client.waitForDiagnostics(mainUri, (params) => params.diagnostics.length > 0);
    expect(unresolved.map((diagnostic) => diagnostic.code)).toEqual(['alloy/unresolved-reference']);
    expect(publishedForMain() - before).toBe(1);

    // Closing the buffer: main.alloy is checked against the file on disk again (label "node").
    await client.close(exporterUri);
    expect(await client.waitForDiagnostics(mainUri, (params) => params.diagnostics.length === 0)).toEqual([]);
  });
});
