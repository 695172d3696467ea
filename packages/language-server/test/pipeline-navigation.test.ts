import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CallHierarchyIncomingCall,
  CallHierarchyItem,
  CallHierarchyOutgoingCall,
  CodeLens,
  DocumentHighlight,
  InitializeResult,
  Range,
} from 'vscode-languageserver-protocol';
import { Fixture, positionOf, serverBuilt, TestClient } from './helpers/client.js';

// A metrics pipeline, a logs pipeline and an OpenTelemetry pipeline; `second.alloy` (a sibling) scrapes too.
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

local.file_match "logs" {
  path_targets = [{ "__path__" = "/var/log/*.log" }]
}

loki.source.file "files" {
  targets    = local.file_match.logs.targets
  forward_to = [loki.write.default.receiver]
}

loki.write "default" {
  endpoint {
    url = "http://localhost:3100/loki/api/v1/push"
  }
}

otelcol.receiver.otlp "in" {
  grpc {}

  output {
    traces  = [otelcol.exporter.otlp.out.input]
    metrics = [otelcol.exporter.otlp.out.input]
  }
}

otelcol.exporter.otlp "out" {
  client {
    endpoint = "tempo:4317"
  }
}
`;

const siblingText = `prometheus.scrape "second" {
  targets    = prometheus.exporter.unix.node.targets
  forward_to = [prometheus.remote_write.cloud.receiver]
}
`;

interface GraphNode {
  id: string;
  name: string;
  label: string;
  signal: string;
  uri: string;
  range: Range;
  selectionRange: Range;
}

interface Graph {
  nodes: GraphNode[];
  edges: Array<{ from: string; to: string; export: string; signal: string }>;
}

describe.skipIf(!serverBuilt)('pipeline navigation over stdio', () => {
  let client: TestClient;
  let fixture: Fixture;
  let initializeResult: InitializeResult;
  const mainUri = (): string => fixture.uri('config/main.alloy');

  beforeAll(async () => {
    fixture = new Fixture({ 'config/main.alloy': mainText, 'config/second.alloy': siblingText });
    client = new TestClient();
    initializeResult = await client.initialize({ rootPath: fixture.root });
    await client.open(mainUri(), mainText);
  });

  afterAll(async () => {
    await client.shutdown();
    fixture.dispose();
  });

  async function prepare(needle: string, delta = 0): Promise<CallHierarchyItem[] | null> {
    return client.request<CallHierarchyItem[] | null>('textDocument/prepareCallHierarchy', {
      textDocument: { uri: mainUri() },
      position: positionOf(mainText, needle, delta),
    });
  }

  it('advertises call hierarchy, code lens and document highlight', () => {
    const capabilities = initializeResult.capabilities;
    expect(capabilities.callHierarchyProvider).toBe(true);
    expect(capabilities.codeLensProvider).toEqual({ resolveProvider: false });
    expect(capabilities.documentHighlightProvider).toBe(true);
  });

  it('prepares a call hierarchy item for a component, from its label or from a reference to it', async () => {
    const fromLabel = await prepare('"cloud" {', 2);
    expect(fromLabel).toHaveLength(1);
    expect(fromLabel![0]).toMatchObject({ name: 'prometheus.remote_write.cloud', detail: 'prometheus.remote_write', uri: mainUri() });
    expect(fromLabel![0]!.selectionRange.start).toEqual(positionOf(mainText, 'prometheus.remote_write "cloud"'));
    const fromReference = await prepare('prometheus.remote_write.cloud.receiver', 25);
    expect(fromReference?.[0]?.name).toBe('prometheus.remote_write.cloud');
    expect(await prepare('url = "http://localhost:9009')).toBeNull();
  });

  it('lists as incoming calls the components that send to a component, in this file and its siblings', async () => {
    const [item] = (await prepare('"cloud" {', 2))!;
    const incoming = await client.request<CallHierarchyIncomingCall[]>('callHierarchy/incomingCalls', { item });
    const byName = Object.fromEntries(incoming.map((call) => [call.from.name, call]));
    expect(Object.keys(byName).sort()).toEqual(['prometheus.scrape.default', 'prometheus.scrape.second']);
    expect(byName['prometheus.scrape.second']!.from.uri).toBe(fixture.uri('config/second.alloy'));
    // The range is the reference inside the sender's body, in the sender's file.
    expect(byName['prometheus.scrape.default']!.fromRanges).toEqual([
      {
        start: positionOf(mainText, 'prometheus.remote_write.cloud.receiver'),
        end: positionOf(mainText, 'prometheus.remote_write.cloud.receiver', 'prometheus.remote_write.cloud'.length),
      },
    ]);
  });

  it('lists as incoming calls the components that read its exports, and as outgoing calls what a component references', async () => {
    const [exporter] = (await prepare('"node" {', 2))!;
    const readers = await client.request<CallHierarchyIncomingCall[]>('callHierarchy/incomingCalls', { item: exporter });
    expect(readers.map((call) => call.from.name).sort()).toEqual(['prometheus.scrape.default', 'prometheus.scrape.second']);
    const [scrape] = (await prepare('"default" {', 2))!;
    const outgoing = await client.request<CallHierarchyOutgoingCall[]>('callHierarchy/outgoingCalls', { item: scrape });
    expect(outgoing.map((call) => call.to.name).sort()).toEqual(['prometheus.exporter.unix.node', 'prometheus.remote_write.cloud']);
    const [exporterOut] = (await prepare('"out" {', 2))!;
    expect(await client.request<CallHierarchyOutgoingCall[]>('callHierarchy/outgoingCalls', { item: exporterOut })).toEqual([]);
    const [receiver] = (await prepare('"in" {', 2))!;
    const sends = await client.request<CallHierarchyOutgoingCall[]>('callHierarchy/outgoingCalls', { item: receiver });
    expect(sends).toHaveLength(1);
    expect(sends[0]!.to.name).toBe('otelcol.exporter.otlp.out');
    expect(sends[0]!.fromRanges).toHaveLength(2);
  });

  it('puts a lens with the number of references above each component of the document', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: mainUri() } });
    const titleAt = (needle: string): string | undefined =>
      lenses.find((lens) => lens.range.start.line === positionOf(mainText, needle).line)?.command?.title;
    expect(lenses).toHaveLength(8);
    expect(titleAt('prometheus.exporter.unix "node"')).toBe('2 references');
    expect(titleAt('prometheus.remote_write "cloud"')).toBe('2 references');
    expect(titleAt('prometheus.scrape "default"')).toBe('0 references');
    expect(titleAt('loki.write "default"')).toBe('1 reference');
    expect(titleAt('otelcol.exporter.otlp "out"')).toBe('2 references');
    const lens = lenses.find((candidate) => candidate.range.start.line === positionOf(mainText, 'loki.write "default"').line)!;
    expect(lens.command?.command).toBe('alloy.showReferences');
    const [uri, , locations] = lens.command!.arguments as [string, unknown, Array<{ uri: string; range: Range }>];
    expect(uri).toBe(mainUri());
    expect(locations.map((location) => location.range.start)).toEqual([positionOf(mainText, 'loki.write.default.receiver')]);
  });

  it('highlights the label of a component and its references in the document', async () => {
    const highlights = await client.request<DocumentHighlight[] | null>('textDocument/documentHighlight', {
      textDocument: { uri: mainUri() },
      position: positionOf(mainText, 'otelcol.exporter.otlp.out.input', 23),
    });
    expect(highlights?.map((highlight) => [highlight.range.start, highlight.kind])).toEqual([
      [positionOf(mainText, 'out" {'), 3],
      [positionOf(mainText, 'otelcol.exporter.otlp.out.input'), 2],
      [positionOf(mainText, 'otelcol.exporter.otlp.out.input]\n  }'), 2],
    ]);
    const none = await client.request<DocumentHighlight[] | null>('textDocument/documentHighlight', {
      textDocument: { uri: mainUri() },
      position: positionOf(mainText, '"tempo:4317"', 2),
    });
    expect(none).toBeNull();
  });

  it('answers alloy/graph with the components, the data flow between them and their signals', async () => {
    const graph = await client.request<Graph>('alloy/graph', { textDocument: { uri: mainUri() } });
    const signals = Object.fromEntries(graph.nodes.map((node) => [node.id, node.signal]));
    expect(signals).toEqual({
      'prometheus.exporter.unix.node': 'metrics',
      'prometheus.scrape.default': 'metrics',
      'prometheus.remote_write.cloud': 'metrics',
      'local.file_match.logs': 'targets',
      'loki.source.file.files': 'logs',
      'loki.write.default': 'logs',
      'otelcol.receiver.otlp.in': 'mixed',
      'otelcol.exporter.otlp.out': 'mixed',
      'prometheus.scrape.second': 'metrics',
    });
    expect(graph.edges.map((edge) => `${edge.from} -${edge.export}/${edge.signal}-> ${edge.to}`).sort()).toEqual(
      [
        'local.file_match.logs -targets/targets-> loki.source.file.files',
        'loki.source.file.files -receiver/logs-> loki.write.default',
        'otelcol.receiver.otlp.in -input/metrics-> otelcol.exporter.otlp.out',
        'otelcol.receiver.otlp.in -input/traces-> otelcol.exporter.otlp.out',
        'prometheus.exporter.unix.node -targets/targets-> prometheus.scrape.default',
        'prometheus.exporter.unix.node -targets/targets-> prometheus.scrape.second',
        'prometheus.scrape.default -receiver/metrics-> prometheus.remote_write.cloud',
        'prometheus.scrape.second -receiver/metrics-> prometheus.remote_write.cloud',
      ].sort(),
    );
    const node = graph.nodes.find((candidate) => candidate.id === 'loki.write.default')!;
    expect(node).toMatchObject({ name: 'loki.write', label: 'default', uri: mainUri() });
    expect(node.selectionRange.start).toEqual(positionOf(mainText, 'loki.write "default"'));
    expect(node.range.end.line).toBe(positionOf(mainText, 'loki.write "default"').line + 4);
    expect(graph.nodes.find((candidate) => candidate.id === 'prometheus.scrape.second')?.uri).toBe(fixture.uri('config/second.alloy'));
  });

  it('follows edits: a component removed from the document leaves the graph', async () => {
    const edited = mainText.replace(/otelcol\.exporter\.otlp "out" \{[\s\S]*$/, '');
    await client.change(mainUri(), [{ text: edited }]);
    const graph = await client.request<Graph>('alloy/graph', { textDocument: { uri: mainUri() } });
    expect(graph.nodes.map((node) => node.id)).not.toContain('otelcol.exporter.otlp.out');
    expect(graph.edges.some((edge) => edge.to === 'otelcol.exporter.otlp.out')).toBe(false);
    await client.change(mainUri(), [{ text: mainText }]);
  });
});
