import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompletionItemTag, type CompletionItem, type CompletionList } from 'vscode-languageserver-protocol';
import { Fixture, positionOf, serverBuilt, TestClient } from './helpers/client.js';

// Completion offers what the targeted Alloy release has (alloy.alloyVersion here; the lint config
// and the repository's pins choose it the same way, see settings.test.ts).

function itemsOf(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!result) return [];
  return Array.isArray(result) ? result : result.items;
}

function labels(items: CompletionItem[]): string[] {
  return items.map((item) => item.label);
}

function find(items: CompletionItem[], label: string): CompletionItem | undefined {
  return items.find((item) => item.label === label);
}

function documentation(item: CompletionItem | undefined): string {
  const value = item?.documentation;
  return typeof value === 'string' ? value : (value?.value ?? '');
}

const isDeprecated = (item: CompletionItem | undefined): boolean => item?.tags?.includes(CompletionItemTag.Deprecated) === true;

describe.skipIf(!serverBuilt)('completion follows the targeted Alloy release', () => {
  let fixture: Fixture;
  let client: TestClient;
  const uri = (): string => fixture.uri('config/main.alloy');

  /** Targets `version` (alloy.alloyVersion; undefined: none set, the newest release). */
  async function target(version: string | undefined, stabilityLevel?: string): Promise<void> {
    client.configuration = { ...(version === undefined ? {} : { alloyVersion: version }), ...(stabilityLevel ? { stabilityLevel } : {}) };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  async function complete(text: string, marker: string, delta: number): Promise<CompletionItem[]> {
    await client.change(uri(), [{ text }]);
    const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri: uri() },
      position: positionOf(text, marker, delta),
    });
    return itemsOf(result);
  }

  beforeAll(async () => {
    fixture = new Fixture({ 'config/main.alloy': '' });
    client = new TestClient({ configuration: {} });
    await client.initialize({ rootPath: fixture.root });
    await client.open(uri(), '');
  });

  afterAll(async () => {
    await client?.shutdown();
    fixture?.dispose();
  });

  it('components: one added in v1.9 is absent at 1.5; one removed in v1.13 is offered at 1.5, tagged deprecated at 1.12, absent at 1.18', async () => {
    const text = 'otelcol.\n';
    await target('1.5');
    const at15 = await complete(text, 'otelcol.', 'otelcol.'.length);
    expect(labels(at15)).not.toContain('otelcol.storage.file');
    const opencensus = find(at15, 'otelcol.receiver.opencensus');
    expect(opencensus).toBeDefined();
    expect(isDeprecated(opencensus)).toBe(false);
    expect(documentation(opencensus)).toContain('Removed in Alloy v1.13.');

    await target('1.12', 'experimental');
    const at112 = await complete(text, 'otelcol.', 'otelcol.'.length);
    expect(isDeprecated(find(at112, 'otelcol.receiver.opencensus'))).toBe(true);
    expect(documentation(find(at112, 'otelcol.receiver.opencensus'))).toContain('Deprecated since Alloy v1.11.');
    expect(documentation(find(at112, 'otelcol.storage.file'))).toContain('Since Alloy v1.9.');

    await target('1.18', 'experimental');
    const at118 = await complete(text, 'otelcol.', 'otelcol.'.length);
    expect(labels(at118)).not.toContain('otelcol.receiver.opencensus');
    expect(labels(at118)).toContain('otelcol.storage.file');
    // An item of every release says nothing about releases.
    expect(documentation(find(at118, 'otelcol.receiver.otlp'))).toBe('');

    // No target set: the newest release.
    await target(undefined, 'experimental');
    expect(labels(await complete(text, 'otelcol.', 'otelcol.'.length))).not.toContain('otelcol.receiver.opencensus');
  });

  it('v1.18.1 still ships the deprecated prometheus.write.queue: offered at 1.18 with the deprecated tag', async () => {
    await target('1.18', 'experimental');
    const found = await complete('prometheus.\n', 'prometheus.', 'prometheus.'.length);
    const queue = find(found, 'prometheus.write.queue');
    expect(queue).toBeDefined();
    expect(isDeprecated(queue)).toBe(true);
    expect(documentation(queue)).toContain('Since Alloy v1.5.');
    await target('1.4', 'experimental');
    expect(labels(await complete('prometheus.\n', 'prometheus.', 'prometheus.'.length))).not.toContain('prometheus.write.queue');
  });

  it("stability is the target's: an experimental component at 1.10 is left out at public-preview, offered at 1.13 (public preview then)", async () => {
    await target('1.10', 'public-preview');
    expect(labels(await complete('database_observability.\n', 'database_observability.', 'database_observability.'.length))).not.toContain(
      'database_observability.mysql',
    );
    await target('1.13', 'public-preview');
    const at113 = await complete('database_observability.\n', 'database_observability.', 'database_observability.'.length);
    expect(find(at113, 'database_observability.mysql')?.detail).toBe('public-preview component');
    expect(documentation(find(at113, 'database_observability.mysql'))).toContain('Since Alloy v1.6.');
    await target('1.10', 'experimental');
    const at110 = await complete('database_observability.\n', 'database_observability.', 'database_observability.'.length);
    expect(find(at110, 'database_observability.mysql')?.detail).toBe('experimental component');
  });

  it('arguments and blocks of the target release only, with their releases', async () => {
    const text = 'prometheus.exporter.oracledb "db" {\n  \n}\n';
    await target('1.5');
    expect(labels(await complete(text, '{\n  ', '{\n  '.length))).not.toContain('custom_metrics');
    await target('1.9');
    const at19 = await complete(text, '{\n  ', '{\n  '.length);
    expect(documentation(find(at19, 'custom_metrics'))).toContain('Since Alloy v1.9.');

    const beyla = 'beyla.ebpf "b" {\n  \n}\n';
    await target('1.6');
    expect(labels(await complete(beyla, '{\n  ', '{\n  '.length))).not.toContain('ebpf');
    await target('1.7');
    expect(documentation(find(await complete(beyla, '{\n  ', '{\n  '.length), 'ebpf'))).toContain('Since Alloy v1.7.');
  });

  it('enumerated values of the target release', async () => {
    const text = 'prometheus.exporter.windows "w" {\n  enabled_collectors = [""]\n}\n';
    // 1.8 lists the collectors (older releases enumerate none); 1.9 merged the mscluster_* ones into mscluster.
    await target('1.8');
    const at18 = await complete(text, '["', 2);
    expect(labels(at18)).toContain('mscluster_cluster');
    expect(documentation(find(at18, 'mscluster_cluster'))).toContain('Removed in Alloy v1.9.');
    await target('1.18');
    expect(labels(await complete(text, '["', 2))).not.toContain('mscluster_cluster');

    const gauge = 'loki.process "p" {\n  forward_to = []\n  stage.metrics {\n    metric.gauge {\n      action = ""\n    }\n  }\n}\n';
    await target('1.2');
    expect(labels(await complete(gauge, 'action = "', 'action = "'.length))).not.toContain('dec');
    await target('1.5');
    const at15gauge = await complete(gauge, 'action = "', 'action = "'.length);
    expect(documentation(find(at15gauge, 'dec'))).toContain('Since Alloy v1.3.');
  });

  it('exports after a reference dot: only those of the target release', async () => {
    const text = 'database_observability.postgres "pg" {\n  data_source_name = "postgres://x"\n  forward_to = []\n}\n\nlocal.file "f" {\n  filename = database_observability.postgres.pg.\n}\n';
    const marker = 'filename = database_observability.postgres.pg.';
    await target('1.12');
    expect(labels(await complete(text, marker, marker.length))).not.toContain('logs_receiver');
    await target('1.14');
    const at114 = await complete(text, marker, marker.length);
    expect(documentation(find(at114, 'logs_receiver'))).toContain('Since Alloy v1.14.');
  });

  it('stdlib: functions the target lacks are not offered; one deprecated at the target is tagged', async () => {
    const text = 'local.file "f" {\n  filename = encoding.\n}\n';
    const marker = 'filename = encoding.';
    await target('1.5');
    expect(labels(await complete(text, marker, marker.length))).not.toContain('url_encode');
    await target('1.11');
    expect(documentation(find(await complete(text, marker, marker.length), 'url_encode'))).toContain('Since Alloy v1.11.');

    const top = 'local.file "f" {\n  filename = \n}\n';
    await target('1.3');
    const at13 = await complete(top, 'filename = ', 'filename = '.length);
    expect(isDeprecated(find(at13, 'env'))).toBe(false);
    expect(labels(at13)).not.toContain('sys');
    await target('1.5');
    const at15 = await complete(top, 'filename = ', 'filename = '.length);
    expect(isDeprecated(find(at15, 'env'))).toBe(true);
    expect(labels(at15)).toContain('sys');
  });
});
