import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { Fixture, positionOf, serverBuilt, TestClient } from './helpers/client.js';

// The directory's other file: its exports are offered after the same-file ones.
const siblingText = `prometheus.remote_write "far" {
  endpoint {
    url = "http://far:9009/api/v1/push"
  }
}

discovery.docker "containers" {
  host = "unix:///var/run/docker.sock"
}
`;

const baseText = `prometheus.remote_write "near" {
  endpoint {
    url = "http://near:9009/api/v1/push"
  }
}

loki.write "logs" {
  endpoint {
    url = "http://loki:3100/loki/api/v1/push"
  }
}

prometheus.exporter.unix "node" {
}

otelcol.exporter.prometheus "to_prom" {
  forward_to = [prometheus.remote_write.near.receiver]
}

otelcol.exporter.loki "to_loki" {
  forward_to = [loki.write.logs.receiver]
}

otelcol.processor.span "spans" {
  output {
    traces = []
  }
}

otelcol.exporter.otlp "remote" {
  client {
    endpoint = "tempo:4317"
  }
}
`;

function itemsOf(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!result) return [];
  return Array.isArray(result) ? result : result.items;
}

/** The labels in the order a client shows them: by sortText, then label. */
function ranked(items: CompletionItem[]): string[] {
  return [...items]
    .sort((a, b) => {
      const left = a.sortText ?? a.label;
      const right = b.sortText ?? b.label;
      return left < right ? -1 : left > right ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
    })
    .map((item) => item.label);
}

describe.skipIf(!serverBuilt)('expected-type completion', () => {
  let fixture: Fixture;
  let client: TestClient;
  let unstableClient: TestClient;
  const mainUri = (): string => fixture.uri('config/main.alloy');

  async function complete(target: TestClient, text: string, marker: string, delta: number): Promise<CompletionItem[]> {
    await target.change(mainUri(), [{ text }]);
    const result = await target.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri: mainUri() },
      position: positionOf(text, marker, delta),
    });
    return itemsOf(result);
  }

  beforeAll(async () => {
    fixture = new Fixture({ 'config/main.alloy': baseText, 'config/other.alloy': siblingText });
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root });
    await client.open(mainUri(), baseText);
    unstableClient = new TestClient({ configuration: { completion: { showUnstable: true } } });
    await unstableClient.initialize({ rootPath: fixture.root });
    await unstableClient.open(mainUri(), baseText);
  });

  afterAll(async () => {
    await client?.shutdown();
    await unstableClient?.shutdown();
    fixture?.dispose();
  });

  it('offers the fitting metrics receivers first in forward_to, same file before sibling, and no loki receiver', async () => {
    const text = `${baseText}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [\n}\n`;
    const found = await complete(client, text, 'forward_to = [\n}', 'forward_to = ['.length);
    const order = ranked(found);
    expect(order.slice(0, 2)).toEqual(['prometheus.remote_write.near.receiver', 'prometheus.remote_write.far.receiver']);
    expect(order).not.toContain('loki.write.logs.receiver');
    const best = found.find((item) => item.label === 'prometheus.remote_write.near.receiver')!;
    expect(best.preselect).toBe(true);
    expect(best.textEdit && 'newText' in best.textEdit ? best.textEdit.newText : undefined).toBe('prometheus.remote_write.near.receiver');
    expect(found.filter((item) => item.preselect)).toHaveLength(1);
    // What was offered before is still there, ranked after the receivers.
    expect(order.indexOf('true')).toBeGreaterThan(order.indexOf('prometheus.remote_write.far.receiver'));
    expect(order.indexOf('prometheus')).toBeGreaterThan(order.indexOf('prometheus.remote_write.far.receiver'));
  });

  it('offers the loki receiver, not the metrics ones, in a loki forward_to', async () => {
    const text = `${baseText}\nloki.source.file "f" {\n  targets    = []\n  forward_to = [\n}\n`;
    const order = ranked(await complete(client, text, 'forward_to = [\n}', 'forward_to = ['.length));
    expect(order[0]).toBe('loki.write.logs.receiver');
    expect(order.some((label) => label.startsWith('prometheus.remote_write.'))).toBe(false);
  });

  it('offers discovery and exporter targets for targets, as the list itself and inside [ ]', async () => {
    const text = `${baseText}\nprometheus.scrape "s" {\n  forward_to = []\n  targets = \n}\n`;
    const whole = ranked(await complete(client, text, 'targets = \n}', 'targets = '.length));
    expect(whole.slice(0, 2)).toEqual(['prometheus.exporter.unix.node.targets', 'discovery.docker.containers.targets']);

    const inList = `${baseText}\nprometheus.scrape "s" {\n  forward_to = []\n  targets = [\n}\n`;
    const elements = ranked(await complete(client, inList, 'targets = [\n}', 'targets = ['.length));
    // A list(map(string)) does not fit where one map(string) is expected.
    expect(elements).not.toContain('prometheus.exporter.unix.node.targets');
    expect(elements).not.toContain('prometheus.remote_write.near.receiver');
  });

  it('offers only the otelcol inputs that take metrics in output { metrics = [ ] }', async () => {
    const text = `${baseText}\notelcol.processor.batch "b" {\n  output {\n    metrics = [\n  }\n}\n`;
    const found = await complete(client, text, 'metrics = [\n', 'metrics = ['.length);
    const order = ranked(found);
    const inputs = order.filter((label) => label.startsWith('otelcol.'));
    expect(inputs.sort()).toEqual(['otelcol.exporter.otlp.remote.input', 'otelcol.exporter.prometheus.to_prom.input']);
    expect(order.slice(0, 2).sort()).toEqual(inputs);
    expect(order).not.toContain('otelcol.processor.batch.b.input');

    const traces = `${baseText}\notelcol.processor.batch "b" {\n  output {\n    traces = [\n  }\n}\n`;
    const traceInputs = ranked(await complete(client, traces, 'traces = [\n', 'traces = ['.length)).filter((label) => label.startsWith('otelcol.'));
    expect(traceInputs.sort()).toEqual(['otelcol.exporter.otlp.remote.input', 'otelcol.processor.span.spans.input']);
  });

  it('leaves components below the stability level out of component names', async () => {
    const text = `${baseText}\nloki.\n`;
    const labels = (await complete(client, text, 'loki.\n', 'loki.'.length)).map((item) => item.label);
    expect(labels).toContain('loki.write');
    expect(labels).not.toContain('loki.enrich');
  });

  it('offers them with alloy.completion.showUnstable', async () => {
    const text = `${baseText}\nloki.\n`;
    const labels = (await complete(unstableClient, text, 'loki.\n', 'loki.'.length)).map((item) => item.label);
    expect(labels).toContain('loki.write');
    expect(labels).toContain('loki.enrich');
  });
});
