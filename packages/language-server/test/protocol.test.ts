import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InitializeResult,
  Location,
  LocationLink,
  SelectionRange,
  SemanticTokens,
  SignatureHelp,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { formatAlloy } from 'prettier-plugin-alloy';
import { applyEdits, Fixture, messageOf, positionOf, serverBuilt, TestClient } from './helpers/client.js';

const mainText = `prometheus.exporter.unix "node" {
}

prometheus.scrape "default" {
  targets    = prometheus.exporter.unix.node.targets
  forward_to = [prometheus.remote_write.cloud.receiver]
}

prometheus.remote_write "cloud" {
  endpoint {
    url = "http://localhost:9009/api/v1/push"
  }
}

import.file "lib" {
  filename = "modules/lib.alloy"
}

lib.add_labels "tagged" {
  input = prometheus.exporter.unix.node.targets
}
`;

const siblingText = `prometheus.scrape "second" {
  targets    = prometheus.exporter.unix.node.targets
  forward_to = [prometheus.remote_write.cloud.receiver]
}
`;

const libraryText = `declare "add_labels" {
  argument "input" {
    comment = "targets to label"
  }

  export "output" {
    value = argument.input.value
  }
}
`;

function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!result) return [];
  return Array.isArray(result) ? result : result.items;
}

function insertedText(item: CompletionItem): string {
  const edit = item.textEdit;
  if (edit && 'newText' in edit) return edit.newText;
  return item.insertText ?? item.label;
}

function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const contents = hover.contents;
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((part) => (typeof part === 'string' ? part : part.value)).join('\n');
  return contents.value;
}

describe.skipIf(!serverBuilt)('language server over stdio', () => {
  let client: TestClient;
  let fixture: Fixture;
  let initializeResult: InitializeResult;

  beforeAll(async () => {
    fixture = new Fixture({
      'config/main.alloy': mainText,
      'config/second.alloy': siblingText,
      'config/modules/lib.alloy': libraryText,
      'scratch/modules/lib.alloy': libraryText,
    });
    client = new TestClient();
    initializeResult = await client.initialize({ rootPath: fixture.root });
    await client.open(fixture.uri('config/main.alloy'), mainText);
  });

  afterAll(async () => {
    await client.shutdown();
    fixture.dispose();
  });

  const mainUri = (): string => fixture.uri('config/main.alloy');

  it('advertises the features it implements', () => {
    const capabilities = initializeResult.capabilities;
    expect(capabilities.textDocumentSync).toMatchObject({ change: 2 });
    expect(capabilities.completionProvider?.triggerCharacters).toContain('.');
    expect(capabilities.renameProvider).toEqual({ prepareProvider: true });
    expect(capabilities.semanticTokensProvider).toBeDefined();
    expect(initializeResult.serverInfo?.name).toBe('alloy-language-server');
  });

  it('publishes no diagnostics for a valid configuration with siblings and an import', async () => {
    const diagnostics = await client.waitForDiagnostics(mainUri());
    expect(diagnostics.map((diagnostic) => `${String(diagnostic.code)}: ${diagnostic.message}`)).toEqual([]);
  });

  it('publishes syntax and semantic diagnostics on open, with positions', async () => {
    const uri = fixture.uri('broken/broken.alloy');
    const text = 'prometheus.exporter.unix "node" {\n  no_such_argument = true\n}\n\nprometheus.scrape "x" {\n  targets = [\n}\n';
    await client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
    const syntax = diagnostics.find((diagnostic) => String(diagnostic.code).startsWith('syntax/'));
    expect(syntax).toBeDefined();
    expect(syntax!.range.start.line).toBeGreaterThanOrEqual(5);
    const unknown = diagnostics.find((diagnostic) => messageOf(diagnostic).includes('no_such_argument'));
    expect(unknown?.code).toBe('alloy/unknown-attribute');
    expect(unknown?.range.start).toEqual({ line: 1, character: 2 });
    await client.close(uri);
    // Closing a document clears its diagnostics.
    expect(await client.waitForDiagnostics(uri, (params) => params.diagnostics.length === 0)).toEqual([]);
  });

  it('publishes an unknown prometheus.exporter.unix collector name as a warning on the string', async () => {
    const uri = fixture.uri('collectors/collectors.alloy');
    const text = 'prometheus.exporter.unix "node" {\n  enable_collectors = ["systemd", "cpuu"]\n}\n';
    await client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, messageOf(diagnostic), diagnostic.range])).toEqual([
      [
        'alloy/unknown-value',
        2,
        'unknown enable_collectors name "cpuu": Alloy ignores names it does not know; did you mean "cpu"?',
        { start: { line: 1, character: 34 }, end: { line: 1, character: 40 } },
      ],
    ]);
    await client.close(uri);
  });

  it('publishes the checker\'s hint after the message, on a line of its own (LSP has no field for it)', async () => {
    const uri = fixture.uri('classic/module.alloy');
    await client.open(uri, 'argument "namespaces" {\n  optional = true\n}\n');
    const diagnostics = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
    expect(diagnostics).toHaveLength(1);
    const [message, hint] = messageOf(diagnostics[0]!).split('\n');
    expect(message).toBe('argument blocks only allowed inside a module');
    expect(hint).toMatch(/^hint: argument and export blocks belong in a declare block, .*Grafana Agent Flow classic module/);
    await client.close(uri);
  });

  it('debounces rapid changes and publishes only the newest version', async () => {
    const uri = fixture.uri('debounce/one.alloy');
    await client.open(uri, 'logging {\n  level = "info"\n}\n');
    await client.waitForDiagnostics(uri);
    // Read the client's log: a second onNotification handler would replace the client's own.
    const logStart = client.publishedLog.length;
    for (let index = 0; index < 5; index++) {
      await client.change(uri, [{ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } }, text: index === 4 ? 'bogus = 1\n  ' : '' }]);
    }
    const diagnostics = await client.diagnosticsForCurrentVersion(uri);
    expect(diagnostics.some((diagnostic) => messageOf(diagnostic).includes('bogus'))).toBe(true);
    const published = client.publishedLog
      .slice(logStart)
      .filter((params) => params.uri === uri && params.version !== undefined)
      .map((params) => params.version);
    expect(published).toEqual([client.version(uri)]);
    await client.close(uri);
  });

  it('re-checks a sibling file when the file it depends on changes in the editor', async () => {
    const siblingUri = fixture.uri('config/second.alloy');
    await client.open(siblingUri, siblingText);
    expect(await client.waitForDiagnostics(siblingUri)).toEqual([]);
    const renamed = mainText.replace('prometheus.remote_write "cloud"', 'prometheus.remote_write "elsewhere"');
    await client.change(mainUri(), [{ text: renamed }]);
    const diagnostics = await client.waitForDiagnostics(siblingUri, (params) => params.diagnostics.length > 0);
    expect(diagnostics.some((diagnostic) => diagnostic.code === 'alloy/unresolved-reference' && messageOf(diagnostic).includes('prometheus.remote_write.cloud'))).toBe(true);
    await client.change(mainUri(), [{ text: mainText }]);
    expect(await client.waitForDiagnostics(siblingUri, (params) => params.diagnostics.length === 0)).toEqual([]);
    await client.close(siblingUri);
  });

  describe('completion', () => {
    async function complete(uri: string, text: string, marker: string, delta = 0): Promise<CompletionItem[]> {
      await client.change(uri, [{ text }]);
      const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
        textDocument: { uri },
        position: positionOf(text, marker, delta),
      });
      return items(result);
    }
    const scratch = (): string => fixture.uri('scratch/scratch.alloy');

    beforeAll(async () => {
      await client.open(scratch(), '');
    });
    afterAll(async () => {
      await client.close(scratch());
    });

    it('offers component names with a snippet of the required arguments and a label where a block may start', async () => {
      const text = `${mainText}\nprometheus.scr\n`;
      const found = await complete(scratch(), text, 'prometheus.scr\n', 'prometheus.scr'.length);
      const scrape = found.find((item) => item.label === 'prometheus.scrape');
      expect(scrape).toBeDefined();
      const snippet = insertedText(scrape!);
      expect(snippet).toMatch(/^prometheus\.scrape "\$\{1:[a-z_]+\}" \{/);
      expect(snippet).toContain('targets = [');
      expect(snippet).toContain('forward_to = [');
      expect(scrape!.insertTextFormat).toBe(2);
      expect(found.some((item) => item.label === 'logging')).toBe(true);
      expect(found.some((item) => item.label === 'lib.add_labels')).toBe(true);
    });

    it('offers only the arguments and blocks not yet set inside a component body', async () => {
      const text = 'prometheus.scrape "a" {\n  targets = []\n  \n}\n';
      const found = await complete(scratch(), text, '  \n}', 2);
      const labels = found.map((item) => item.label);
      expect(labels).toContain('forward_to');
      expect(labels).toContain('scrape_interval');
      expect(labels).toContain('basic_auth');
      expect(labels).not.toContain('targets');
    });

    it('offers the arguments of a nested block', async () => {
      const text = 'prometheus.remote_write "a" {\n  endpoint {\n    \n  }\n}\n';
      const labels = (await complete(scratch(), text, '    \n', 4)).map((item) => item.label);
      expect(labels).toContain('url');
      expect(labels).toContain('queue_config');
      expect(labels).not.toContain('endpoint');
    });

    it('offers enum values of an argument', async () => {
      const text = 'logging {\n  level = \n}\n';
      const labels = (await complete(scratch(), text, 'level = ', 'level = '.length)).map((item) => item.label);
      expect(labels).toEqual(expect.arrayContaining(['"debug"', '"info"', '"warn"', '"error"']));
      const inString = 'logging {\n  format = "\n}\n';
      const values = (await complete(scratch(), inString, 'format = "', 'format = "'.length)).map((item) => item.label);
      expect(values).toEqual(expect.arrayContaining(['logfmt', 'json']));
    });

    it('offers the known collector names of prometheus.exporter.unix in a list and in a string', async () => {
      const listText = 'prometheus.exporter.unix "node" {\n  enable_collectors = []\n}\n';
      const inList = await complete(scratch(), listText, 'enable_collectors = [', 'enable_collectors = ['.length);
      const listed = inList.filter((item) => item.kind === 20 /* EnumMember */);
      expect(listed.map((item) => item.label)).toEqual(expect.arrayContaining(['"cpu"', '"meminfo"', '"systemd"', '"textfile"']));
      expect(listed.length).toBeGreaterThan(50);
      const cpu = listed.find((item) => item.label === '"cpu"');
      expect(insertedText(cpu!)).toBe('"cpu"');
      expect(cpu!.detail).toBe('known value of enable_collectors (Alloy ignores other names)');

      const stringText = 'prometheus.exporter.unix "node" {\n  set_collectors = ["cpu", "mem"]\n}\n';
      const marker = 'set_collectors = ["cpu", "mem';
      const inString = await complete(scratch(), stringText, marker, marker.length);
      const meminfo = inString.find((item) => item.label === 'meminfo');
      expect(meminfo?.detail).toBe('known value of set_collectors (Alloy ignores other names)');
      // The edit replaces what was typed inside the quotes.
      expect(meminfo?.textEdit).toEqual({ range: { start: { line: 1, character: 28 }, end: { line: 1, character: 31 } }, newText: 'meminfo' });
    });

    it('still offers the allowed collector names of prometheus.exporter.windows as allowed values', async () => {
      const text = 'prometheus.exporter.windows "w" {\n  enabled_collectors = [""]\n}\n';
      const found = await complete(scratch(), text, 'enabled_collectors = ["', 'enabled_collectors = ["'.length);
      const cpu = found.find((item) => item.label === 'cpu');
      expect(cpu?.detail).toBe('allowed value of enabled_collectors');
      expect(found.some((item) => item.label === 'meminfo')).toBe(false);
    });

    it('completes reference chains: labels, then exports fitting the argument type', async () => {
      const labelsText = `${mainText}\nprometheus.scrape "b" {\n  targets = prometheus.exporter.unix.\n}\n`;
      const labels = await complete(scratch(), labelsText, 'targets = prometheus.exporter.unix.\n', 'targets = prometheus.exporter.unix.'.length);
      // The export that fits `targets` as a whole reference first (expected-type completion), then the labels.
      expect(labels.map((item) => item.label)).toEqual(['prometheus.exporter.unix.node.targets', 'node']);
      expect(labels.map((item) => item.sortText! < labels[1]!.sortText!)).toEqual([true, false]);
      expect(insertedText(labels[1]!)).toBe('prometheus.exporter.unix.node');

      const exportsText = `${mainText}\nprometheus.scrape "b" {\n  forward_to = [prometheus.remote_write.cloud.]\n}\n`;
      const marker = 'forward_to = [prometheus.remote_write.cloud.]';
      const exports = await complete(scratch(), exportsText, marker, marker.length - 1);
      expect(exports.map((item) => item.label)).toEqual(['receiver']);

      const namespaceText = `${mainText}\nprometheus.scrape "b" {\n  targets = prometheus.\n}\n`;
      const namespaces = await complete(scratch(), namespaceText, 'targets = prometheus.\n', 'targets = prometheus.'.length);
      expect(namespaces.map((item) => item.label).sort()).toEqual(['exporter', 'prometheus.exporter.unix.node.targets', 'remote_write', 'scrape']);
    });

    it('completes stdlib functions and constants', async () => {
      const text = 'logging {\n  level = string.\n}\n';
      const found = await complete(scratch(), text, 'string.', 'string.'.length);
      expect(found.map((item) => item.label)).toEqual(expect.arrayContaining(['format', 'join', 'to_lower']));
      const constants = await complete(scratch(), 'logging {\n  level = constants.\n}\n', 'constants.', 'constants.'.length);
      expect(constants.map((item) => item.label)).toEqual(expect.arrayContaining(['hostname', 'os']));
    });

    it('completes argument. inside a declare body', async () => {
      const text = 'declare "m" {\n  argument "targets" {}\n  argument "interval" {}\n\n  prometheus.scrape "s" {\n    targets = argument.\n    forward_to = []\n  }\n}\n';
      const found = await complete(scratch(), text, 'targets = argument.', 'targets = argument.'.length);
      expect(found.map((item) => item.label).sort()).toEqual(['interval', 'targets']);
      const value = await complete(scratch(), text.replace('argument.\n', 'argument.targets.\n'), 'argument.targets.', 'argument.targets.'.length);
      expect(value.map((item) => item.label)).toEqual(['value']);
    });
  });

  describe('hover', () => {
    async function hoverAt(marker: string, delta = 0): Promise<string> {
      return hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: mainUri() }, position: positionOf(mainText, marker, delta) }));
    }

    it('describes a component with its stability and docs link', async () => {
      const text = await hoverAt('prometheus.scrape', 12);
      expect(text).toContain('prometheus.scrape');
      expect(text).toContain('generally-available');
      expect(text).toMatch(/https:\/\/grafana\.com\/docs\/alloy\/[^)]*prometheus\.scrape/);
    });

    it('names the file and line of a reference\'s definition in a sibling file (that file\'s lines)', async () => {
      const siblingUri = fixture.uri('config/second.alloy');
      await client.open(siblingUri, siblingText);
      const hover = hoverText(
        await client.request<Hover | null>('textDocument/hover', {
          textDocument: { uri: siblingUri },
          position: positionOf(siblingText, 'remote_write.cloud', 3),
        }),
      );
      const definitionLine = mainText.slice(0, mainText.indexOf('prometheus.remote_write "cloud"')).split('\n').length;
      expect(definitionLine).toBe(9);
      expect(hover).toMatch(new RegExp(`\`prometheus\\.remote_write "cloud"\` \\(in [^)]*main\\.alloy\\) — line ${definitionLine}\\b`));
      await client.close(siblingUri);
    });

    it('describes an argument with type, requirement and default', async () => {
      const text = await hoverAt('forward_to', 2);
      expect(text).toContain('list(MetricsReceiver)');
      expect(text).toContain('Required');
      expect(text).toContain('Stability: generally-available');
      expect(text).toMatch(/\[Documentation\]\(https:\/\/grafana\.com\/docs\/alloy\/[^)]*prometheus\.scrape/);
    });

    it('says since which Alloy release a component or argument exists, and when it was deprecated', async () => {
      const uri = fixture.uri('hover/releases.alloy');
      const text = 'prometheus.exporter.oracledb "db" {\n  custom_metrics = []\n}\n\ndatabase_observability.mysql "m" {}\n';
      await client.open(uri, text);
      const hoverOf = async (marker: string, delta: number) =>
        hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, marker, delta) }));
      expect(await hoverOf('custom_metrics', 2)).toContain('Since Alloy v1.9.');
      expect(await hoverOf('database_observability', 2)).toContain('Since Alloy v1.6.');
      expect(await hoverOf('oracledb', 2)).not.toContain('Since Alloy');
      await client.close(uri);
    });

    it('lists the known values of an argument, shortened when there are many', async () => {
      const uri = fixture.uri('hover/collectors.alloy');
      const text = 'prometheus.exporter.unix "node" {\n  enable_collectors = ["cpu"]\n}\n';
      await client.open(uri, text);
      const hover = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'enable_collectors', 2) }));
      const line = hover.split('\n').find((candidate) => candidate.startsWith('Known values'));
      expect(line).toMatch(/^Known values \(Alloy ignores other names\): `"arp"`, `"bcache"`, .*, … and \d+ more$/);
      expect(line!.match(/`"[a-z_0-9]+"`/g)).toHaveLength(20);
      expect(hover).not.toContain('Allowed values');
      await client.close(uri);
    });

    it('describes default and allowed values of an argument, a nested block and an export', async () => {
      const uri = fixture.uri('hover/details.alloy');
      const text = 'logging {\n  level = "info"\n}\n\nprometheus.remote_write "a" {\n  endpoint {\n    url = "http://localhost:9009/api/v1/push"\n  }\n}\n\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [prometheus.remote_write.a.receiver]\n}\n';
      await client.open(uri, text);
      const at = async (marker: string, delta: number): Promise<string> =>
        hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, marker, delta) }));
      const level = await at('level', 1);
      expect(level).toContain('Optional.');
      expect(level).toContain('Default: `"info"`');
      expect(level).toMatch(/Allowed values: .*"debug"/);
      const endpoint = await at('endpoint', 2);
      expect(endpoint).toContain('block of `prometheus.remote_write`');
      expect(endpoint).toContain('may repeat');
      const exported = await at('remote_write.a.receiver', 'remote_write.a.'.length + 2);
      expect(exported).toContain('prometheus.remote_write "a"');
      expect(exported).toContain('export `receiver`: `MetricsReceiver` of `prometheus.remote_write`');
      expect(exported).toContain('Stability: generally-available');
      expect(exported).toMatch(/\[Documentation\]\(https:\/\/grafana\.com\/docs\/alloy\/[^)]*prometheus\.remote_write/);
      await client.close(uri);
    });

    it('describes a stdlib function with its signature and docs link', async () => {
      const uri = fixture.uri('hover/stdlib.alloy');
      const text = 'logging {\n  level = string.to_lower("INFO")\n}\n';
      await client.open(uri, text);
      const hover = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'to_lower', 2) }));
      expect(hover).toContain('string.to_lower');
      expect(hover).toMatch(/\[Documentation\]\(https:\/\/grafana\.com\/docs\/alloy\//);
      await client.close(uri);
    });

    it('describes a reference: what it resolves to and the export type', async () => {
      const text = await hoverAt('prometheus.remote_write.cloud.receiver', 30);
      expect(text).toContain('prometheus.remote_write "cloud"');
      expect(text).toContain('MetricsReceiver');
    });
  });

  it('gives signature help for stdlib functions with the active parameter', async () => {
    const uri = fixture.uri('config/signature.alloy');
    const text = 'logging {\n  level = string.format("%s-%s", "a", )\n}\n';
    await client.open(uri, text);
    const help = await client.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position: positionOf(text, '"a", ', 5) });
    expect(help?.signatures[0]?.label).toContain('string.format');
    expect(help?.activeParameter).toBe(1);
    await client.close(uri);
  });

  describe('navigation', () => {
    it('goes from a reference to the component block', async () => {
      const links = await client.request<LocationLink[]>('textDocument/definition', {
        textDocument: { uri: mainUri() },
        position: positionOf(mainText, 'prometheus.exporter.unix.node.targets', 26),
      });
      expect(links).toHaveLength(1);
      expect(links[0]!.targetUri).toBe(mainUri());
      expect(links[0]!.targetSelectionRange.start).toEqual({ line: 0, character: 25 });
    });

    it('goes from a reference in a sibling file to the block in another file', async () => {
      const siblingUri = fixture.uri('config/second.alloy');
      await client.open(siblingUri, siblingText);
      const links = await client.request<LocationLink[]>('textDocument/definition', {
        textDocument: { uri: siblingUri },
        position: positionOf(siblingText, 'remote_write.cloud', 14),
      });
      expect(links[0]?.targetUri).toBe(mainUri());
      expect(links[0]?.targetSelectionRange.start.line).toBe(8);
      await client.close(siblingUri);
    });

    it('goes from a custom component to its declare in the imported file, and from import.file to the file', async () => {
      const toDeclare = await client.request<LocationLink[]>('textDocument/definition', {
        textDocument: { uri: mainUri() },
        position: positionOf(mainText, 'lib.add_labels', 5),
      });
      expect(toDeclare[0]?.targetUri).toBe(fixture.uri('config/modules/lib.alloy'));
      expect(toDeclare[0]?.targetSelectionRange.start).toEqual({ line: 0, character: 8 });
      const toFile = await client.request<LocationLink[]>('textDocument/definition', {
        textDocument: { uri: mainUri() },
        position: positionOf(mainText, 'modules/lib.alloy', 3),
      });
      expect(toFile[0]?.targetUri).toBe(fixture.uri('config/modules/lib.alloy'));
    });

    it('finds every reference to a component, across the directory', async () => {
      const locations = await client.request<Location[]>('textDocument/references', {
        textDocument: { uri: mainUri() },
        position: positionOf(mainText, 'prometheus.exporter.unix "node"', 27),
        context: { includeDeclaration: true },
      });
      const summary = locations.map((location) => `${location.uri.split('/').pop()}:${location.range.start.line}`).sort();
      expect(summary).toEqual(['main.alloy:0', 'main.alloy:19', 'main.alloy:4', 'second.alloy:1']);
    });
  });

  describe('rename', () => {
    it('prepares and renames a component label with every reference', async () => {
      const position = positionOf(mainText, 'remote_write.cloud.receiver', 15);
      const prepared = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: mainUri() }, position });
      expect(prepared.placeholder).toBe('cloud');
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: mainUri() }, position, newName: 'primary' });
      const mainEdits = edit.changes?.[mainUri()] ?? [];
      const renamed = applyEdits(mainText, mainEdits);
      expect(renamed).toContain('prometheus.remote_write "primary"');
      expect(renamed).toContain('prometheus.remote_write.primary.receiver');
      const siblingEdits = edit.changes?.[fixture.uri('config/second.alloy')] ?? [];
      expect(applyEdits(siblingText, siblingEdits)).toContain('prometheus.remote_write.primary.receiver');
    });

    it('refuses an invalid identifier with an error', async () => {
      const position = positionOf(mainText, '"cloud"', 2);
      await expect(client.request('textDocument/rename', { textDocument: { uri: mainUri() }, position, newName: '9lives' })).rejects.toThrow(/not a valid identifier/);
      await expect(client.request('textDocument/prepareRename', { textDocument: { uri: mainUri() }, position: positionOf(mainText, 'targets') })).rejects.toThrow(/renamed/);
    });

    it('refuses a label that another component of the same name already has', async () => {
      const uri = fixture.uri('rename/taken.alloy');
      const text = 'prometheus.exporter.unix "a" {}\n\nprometheus.exporter.unix "b" {}\n';
      await client.open(uri, text);
      await expect(client.request('textDocument/rename', { textDocument: { uri }, position: positionOf(text, '"a"', 1), newName: 'b' })).rejects.toThrow(/already exists/);
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(text, '"a"', 1), newName: 'c' });
      expect(applyEdits(text, edit.changes?.[uri] ?? [])).toBe(text.replace('"a"', '"c"'));
      await client.close(uri);
    });

    it('renames a declare and its instances', async () => {
      const uri = fixture.uri('declare/module.alloy');
      const text = 'declare "pipeline" {\n  argument "x" {}\n}\n\npipeline "one" {\n  x = 1\n}\n\npipeline "two" {\n  x = pipeline.one.out\n}\n';
      await client.open(uri, text);
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(text, '"pipeline"', 3), newName: 'flow' });
      expect(applyEdits(text, edit.changes?.[uri] ?? [])).toBe(text.replace(/pipeline/g, 'flow'));
      await client.close(uri);
    });
  });

  describe('structure', () => {
    it('returns an outline of blocks', async () => {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: mainUri() } });
      expect(symbols.map((symbol) => symbol.name)).toEqual([
        'prometheus.exporter.unix "node"',
        'prometheus.scrape "default"',
        'prometheus.remote_write "cloud"',
        'import.file "lib"',
        'lib.add_labels "tagged"',
      ]);
      const remoteWrite = symbols[2]!;
      expect(remoteWrite.children?.[0]?.name).toBe('endpoint');
      expect(remoteWrite.children?.[0]?.children?.[0]?.name).toBe('url');
    });

    it('finds workspace symbols in files that are not open', async () => {
      const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'add_lab' });
      const names = symbols.map((symbol) => `${symbol.name} @ ${symbol.location.uri.split('/').pop()}`);
      expect(names).toContain('declare "add_labels" @ lib.alloy');
      expect(names).toContain('lib.add_labels "tagged" @ main.alloy');
    });

    it('returns folding ranges for blocks', async () => {
      const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: mainUri() } });
      const pairs = ranges.map((range) => `${range.startLine}-${range.endLine}`);
      expect(pairs).toEqual(expect.arrayContaining(['3-5', '8-11', '9-10']));
    });

    it('returns selection ranges from the innermost node outwards', async () => {
      const [selection] = await client.request<SelectionRange[]>('textDocument/selectionRange', {
        textDocument: { uri: mainUri() },
        positions: [positionOf(mainText, 'localhost')],
      });
      const chain: string[] = [];
      for (let current: SelectionRange | undefined = selection; current; current = current.parent) {
        chain.push(`${current.range.start.line}:${current.range.start.character}-${current.range.end.line}:${current.range.end.character}`);
      }
      expect(chain[0]).toBe('10:10-10:45');
      expect(chain).toContain('9:2-11:3');
      expect(chain).toContain('8:0-12:1');
    });

    it('selects an attribute name and a .property first: names that are not nodes of their own', async () => {
      const chainAt = async (needle: string, delta: number): Promise<string[]> => {
        const [selection] = await client.request<SelectionRange[]>('textDocument/selectionRange', {
          textDocument: { uri: mainUri() },
          positions: [positionOf(mainText, needle, delta)],
        });
        const chain: string[] = [];
        for (let current: SelectionRange | undefined = selection; current; current = current.parent) {
          chain.push(`${current.range.start.line}:${current.range.start.character}-${current.range.end.line}:${current.range.end.character}`);
        }
        return chain;
      };
      const span = (needle: string, length: number): string => {
        const start = positionOf(mainText, needle);
        return `${start.line}:${start.character}-${start.line}:${start.character + length}`;
      };
      const onName = await chainAt('forward_to', 3);
      expect(onName.slice(0, 2)).toEqual([span('forward_to', 'forward_to'.length), span('forward_to', 'forward_to = [prometheus.remote_write.cloud.receiver]'.length)]);
      const onProperty = await chainAt('receiver]', 2);
      expect(onProperty.slice(0, 2)).toEqual([span('receiver]', 'receiver'.length), span('prometheus.remote_write.cloud.receiver', 'prometheus.remote_write.cloud.receiver'.length)]);
    });

    it('returns semantic tokens for block names, attributes and references', async () => {
      const legend = initializeResult.capabilities.semanticTokensProvider!.legend;
      const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: mainUri() } });
      const decoded: { line: number; character: number; length: number; type: string }[] = [];
      let line = 0;
      let character = 0;
      for (let index = 0; index < tokens.data.length; index += 5) {
        const [deltaLine, deltaCharacter, length, type] = tokens.data.slice(index, index + 4) as [number, number, number, number];
        line += deltaLine;
        character = deltaLine === 0 ? character + deltaCharacter : deltaCharacter;
        decoded.push({ line, character, length, type: legend.tokenTypes[type]! });
      }
      const at = (line: number, character: number): string | undefined => decoded.find((token) => token.line === line && token.character === character)?.type;
      expect(at(0, 0)).toBe('namespace');
      expect(at(0, 20)).toBe('class');
      expect(at(4, 2)).toBe('property');
      expect(at(4, 15)).toBe('namespace');
      expect(at(4, 40)).toBe('variable');
      expect(at(4, 45)).toBe('property');
      expect(at(10, 10)).toBe('string');
    });

    it('links import.file paths', async () => {
      const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: mainUri() } });
      expect(links).toHaveLength(1);
      expect(links[0]!.target).toBe(fixture.uri('config/modules/lib.alloy'));
      expect(links[0]!.range.start).toEqual({ line: 15, character: 14 });
    });
  });

  describe('formatting and code actions', () => {
    const uri = (): string => fixture.uri('format/messy.alloy');
    const messy = 'logging {\nlevel="info"\n    format = "json"\n}\n';

    it('formats a document like alloy fmt', async () => {
      await client.open(uri(), messy);
      const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: uri() }, options: { tabSize: 2, insertSpaces: false } });
      expect(edits.length).toBeGreaterThan(0);
      expect(applyEdits(messy, edits)).toBe(formatAlloy(messy));
    });

    it('formats a range', async () => {
      const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
        textDocument: { uri: uri() },
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 12 } },
        options: { tabSize: 2, insertSpaces: false },
      });
      const result = applyEdits(messy, edits);
      expect(result).toContain('\tlevel  = "info"');
    });

    it('leaves a file with syntax errors unformatted', async () => {
      const broken = 'logging {\n level = \n';
      const brokenUri = fixture.uri('format/broken.alloy');
      await client.open(brokenUri, broken);
      const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: brokenUri }, options: { tabSize: 2, insertSpaces: false } });
      expect(edits).toEqual([]);
      await client.close(brokenUri);
    });

    it('offers the checker fixes as quick fixes', async () => {
      const fixUri = fixture.uri('format/hash.alloy');
      const text = '# a comment\nlogging {\n  level = "info"\n}\n';
      await client.open(fixUri, text);
      const diagnostics = await client.waitForDiagnostics(fixUri, (params) => params.diagnostics.length > 0);
      const hash = diagnostics.find((diagnostic) => diagnostic.code === 'syntax/hash-comment');
      expect(hash).toBeDefined();
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: fixUri },
        range: hash!.range,
        context: { diagnostics: [hash!] },
      });
      const quickFix = actions.find((action) => action.kind === 'quickfix');
      expect(quickFix).toBeDefined();
      expect(applyEdits(text, quickFix!.edit!.changes![fixUri]!)).toBe('// a comment\nlogging {\n  level = "info"\n}\n');
      expect(actions.some((action) => action.kind === 'source.fixAll.alloy')).toBe(true);
      await client.close(fixUri);
    });
  });

  describe('a quick fix for every fix the checker offers', () => {
    // Every kind of fix the checker and the parser diagnostics carry, with the text it must produce.
    const cases: { code: string; before: string; after: string }[] = [
      { code: 'syntax/hash-comment', before: '# note\nlogging {}\n', after: '// note\nlogging {}\n' },
      {
        code: 'syntax/missing-comma',
        before: 'prometheus.remote_write "a" {\n  endpoint {\n    url = "http://localhost:9009/api/v1/push"\n  }\n  external_labels = {\n    a = "1"\n    b = "2",\n  }\n}\n',
        after: 'prometheus.remote_write "a" {\n  endpoint {\n    url = "http://localhost:9009/api/v1/push"\n  }\n  external_labels = {\n    a = "1",\n    b = "2",\n  }\n}\n',
      },
      { code: 'alloy/unexpected-label', before: 'logging "main" {\n  level = "info"\n}\n', after: 'logging {\n  level = "info"\n}\n' },
      { code: 'alloy/deprecated', before: 'logging {\n  level = to_lower("INFO")\n}\n', after: 'logging {\n  level = string.to_lower("INFO")\n}\n' },
    ];

    it.each(cases)('$code', async ({ code, before, after }) => {
      const uri = fixture.uri(`fixes/${code.replace(/\W/g, '-')}.alloy`);
      await client.open(uri, before);
      const diagnostics = await client.diagnosticsForCurrentVersion(uri);
      const target = diagnostics.find((diagnostic) => diagnostic.code === code);
      expect(target, `${code} among ${JSON.stringify(diagnostics.map((diagnostic) => diagnostic.code))}`).toBeDefined();
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: target!.range, context: { diagnostics: [target!] } });
      const quickFix = actions.find((action) => action.kind === 'quickfix' && action.diagnostics?.[0]?.code === code);
      expect(quickFix).toBeDefined();
      expect(applyEdits(before, quickFix!.edit!.changes![uri]!)).toBe(after);
      const fixAll = actions.find((action) => action.kind === 'source.fixAll.alloy');
      expect(applyEdits(before, fixAll!.edit!.changes![uri]!)).toBe(after);
      const onlyFixAll = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: target!.range, context: { diagnostics: [], only: ['source.fixAll'] } });
      expect(onlyFixAll.map((action) => action.kind)).toEqual(['source.fixAll.alloy']);
      await client.close(uri);
    });
  });

  it('never crashed', () => {
    expect(client.exited).toBe(false);
    expect(client.stderr).toBe('');
  });
});
