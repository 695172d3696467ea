/**
 * `import.file` is confined to the workspace by default: a configuration cannot make the server
 * read a file outside it (directly, through a symbolic link, or /proc) and show its content in a
 * diagnostic. The `alloy.imports.allowOutsideWorkspace` setting lifts the confinement.
 */
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { importRootsFor } from '../src/workspace/confinement.js';
import { sanitizeSettings } from '../src/workspace/settings.js';
import { Fixture, messageOf, serverBuilt, TestClient } from './helpers/client.js';

const secret = 'SECRET_TOKEN_9f4e2';
const moduleText = 'declare "greeting" {\n  argument "name" { }\n}\n';

function importing(imports: Record<string, string>, uses = ''): string {
  const blocks = Object.entries(imports).map(([label, filename]) => `import.file "${label}" {\n  filename = ${JSON.stringify(filename)}\n}\n`);
  return `${blocks.join('\n')}\n${uses}`;
}

/** Completion labels at the start of the last line of `text`, where a block may begin. */
async function completionLabels(client: TestClient, uri: string, text: string): Promise<string[]> {
  const line = text.split('\n').length - 1;
  const result = await client.request<{ items: { label: string }[] } | { label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line, character: 0 } });
  return (Array.isArray(result) ? result : result.items).map((item) => item.label);
}

function messages(diagnostics: Diagnostic[]): string {
  return diagnostics.map(messageOf).join('\n');
}

describe.skipIf(!serverBuilt)('import.file confined to the workspace', () => {
  let fixture: Fixture;
  let workspace: string;

  beforeAll(() => {
    fixture = new Fixture({
      'outside/secret.alloy': `${secret} = "value"\n`,
      'outside/module.alloy': moduleText,
      'outside/component.alloy': 'prometheus.exporter.unix "leak" { }\n',
      'workspace/lib/module.alloy': moduleText,
    });
    workspace = fixture.path('workspace');
    symlinkSync(fixture.path('outside/secret.alloy'), join(workspace, 'link.alloy'));
    mkdirSync(join(workspace, 'sub'));
    symlinkSync(fixture.path('outside/component.alloy'), join(workspace, 'sub', 'sibling.alloy'));
  });
  afterAll(() => fixture.dispose());

  describe('by default', () => {
    let client: TestClient;
    beforeAll(async () => {
      client = new TestClient();
      await client.initialize({ rootPath: workspace });
    });
    afterAll(() => client.shutdown());

    it('reads an import inside the workspace', async () => {
      const uri = fixture.uri('workspace/inside.alloy');
      await client.open(uri, importing({ lib: 'lib/module.alloy' }, 'lib.greeting "a" {\n  name = "x"\n}\n'));
      expect(messages(await client.diagnosticsForCurrentVersion(uri))).toBe('');
    });

    it('does not read an import outside the workspace, nor show its content', async () => {
      const uri = fixture.uri('workspace/outside.alloy');
      await client.open(uri, importing({ secret: '../outside/secret.alloy', module: '../outside/module.alloy' }, 'module.greeting "a" {\n  name = "x"\n}\n'));
      const diagnostics = await client.diagnosticsForCurrentVersion(uri);
      expect(messages(diagnostics)).not.toContain(secret);
      const outside = diagnostics.filter((diagnostic) => diagnostic.code === 'alloy/import-outside-root');
      expect(outside.map((diagnostic) => diagnostic.range.start.line)).toEqual([1, 5]);
    });

    it('does not follow a symbolic link out of the workspace', async () => {
      const uri = fixture.uri('workspace/through-link.alloy');
      await client.open(uri, importing({ linked: 'link.alloy' }));
      const diagnostics = await client.diagnosticsForCurrentVersion(uri);
      expect(messages(diagnostics)).not.toContain(secret);
      expect(diagnostics.find((diagnostic) => diagnostic.range.start.line === 1)?.code).toBe('alloy/import-outside-root');
    });

    it.skipIf(!existsSync('/proc/self/environ'))('does not read /proc/self/environ', async () => {
      const firstVariable = Object.keys(process.env)[0];
      const uri = fixture.uri('workspace/environ.alloy');
      await client.open(uri, importing({ env: '/proc/self/environ' }));
      const diagnostics = await client.diagnosticsForCurrentVersion(uri);
      expect(diagnostics.find((diagnostic) => diagnostic.range.start.line === 1)?.code).toBe('alloy/import-outside-root');
      if (firstVariable) expect(messages(diagnostics)).not.toContain(firstVariable);
    });

    it('does not offer the components of a module outside the workspace', async () => {
      const uri = fixture.uri('workspace/complete.alloy');
      const text = importing({ module: '../outside/module.alloy', lib: 'lib/module.alloy' }, '\n');
      await client.open(uri, text);
      const labels = await completionLabels(client, uri, text);
      expect(labels).toContain('lib.greeting');
      expect(labels).not.toContain('module.greeting');
    });

    it('does not read a sibling that links out of the workspace', async () => {
      const uri = fixture.uri('workspace/sub/main.alloy');
      await client.open(uri, 'prometheus.scrape "s" {\n  targets    = prometheus.exporter.unix.leak.targets\n  forward_to = []\n}\n');
      const diagnostics = await client.diagnosticsForCurrentVersion(uri);
      // The reference is unknown: the sibling that defines it was not read.
      expect(diagnostics.some((diagnostic) => diagnostic.range.start.line === 1)).toBe(true);
    });
  });

  describe('with alloy.imports.allowOutsideWorkspace', () => {
    let client: TestClient;
    beforeAll(async () => {
      client = new TestClient({ configuration: { imports: { allowOutsideWorkspace: true } } });
      await client.initialize({ rootPath: workspace });
    });
    afterAll(() => client.shutdown());

    it('reads an import outside the workspace', async () => {
      const uri = fixture.uri('workspace/allowed.alloy');
      await client.open(uri, importing({ module: '../outside/module.alloy' }, 'module.greeting "a" {\n  name = "x"\n}\n'));
      expect(messages(await client.diagnosticsForCurrentVersion(uri))).toBe('');
    });

    it('offers the components of a module outside the workspace', async () => {
      const uri = fixture.uri('workspace/complete-allowed.alloy');
      const text = importing({ module: '../outside/module.alloy' }, '\n');
      await client.open(uri, text);
      // The document's settings are read for its first check; until then, features keep to the workspace.
      await client.diagnosticsForCurrentVersion(uri);
      expect(await completionLabels(client, uri, text)).toContain('module.greeting');
    });
  });
});

describe('import roots', () => {
  it('are the workspace folders, plus the directory of a document outside them', () => {
    expect(importRootsFor({}, '/ws/a/main.alloy', ['/ws'])).toEqual(['/ws']);
    expect(importRootsFor({}, '/elsewhere/main.alloy', ['/ws'])).toEqual(['/ws', '/elsewhere']);
    expect(importRootsFor({}, '/ws-other/main.alloy', ['/ws'])).toEqual(['/ws', '/ws-other']);
    expect(importRootsFor({}, undefined, [])).toEqual([]);
    expect(importRootsFor({ imports: { allowOutsideWorkspace: true } }, '/ws/main.alloy', ['/ws'])).toBeUndefined();
  });

  it('read the setting nested or as one dotted key, and only as a boolean', () => {
    expect(sanitizeSettings({ alloy: { imports: { allowOutsideWorkspace: true } } })).toEqual({ imports: { allowOutsideWorkspace: true } });
    expect(sanitizeSettings({ 'imports.allowOutsideWorkspace': false })).toEqual({ imports: { allowOutsideWorkspace: false } });
    expect(sanitizeSettings({ imports: { allowOutsideWorkspace: 'yes' } })).toEqual({});
  });
});
