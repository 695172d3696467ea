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

  it('keeps offering the fitting receivers after `prometheus.`, filtered by what is typed, the edit replacing it', async () => {
    const text = `${baseText}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [prometheus.\n}\n`;
    const found = await complete(client, text, 'forward_to = [prometheus.\n', 'forward_to = [prometheus.'.length);
    const order = ranked(found);
    expect(order.slice(0, 2)).toEqual(['prometheus.remote_write.near.receiver', 'prometheus.remote_write.far.receiver']);
    expect(order).not.toContain('loki.write.logs.receiver');
    const best = found.find((item) => item.label === 'prometheus.remote_write.near.receiver')!;
    expect(best.preselect).toBe(true);
    expect(best.filterText).toBe('prometheus.remote_write.near.receiver');
    const start = positionOf(text, 'prometheus.\n}');
    expect(best.textEdit).toEqual({ range: { start, end: { line: start.line, character: start.character + 'prometheus.'.length } }, newText: 'prometheus.remote_write.near.receiver' });
    // The next segments are still offered, after the receivers.
    expect(order.indexOf('remote_write')).toBeGreaterThan(order.indexOf('prometheus.remote_write.far.receiver'));
    expect(order.indexOf('exporter')).toBeGreaterThan(order.indexOf('prometheus.remote_write.far.receiver'));
  });

  it('does the same after `prometheus.remote_write.` and in a half-typed segment', async () => {
    const text = `${baseText}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [prometheus.remote_write.\n}\n`;
    const order = ranked(await complete(client, text, 'forward_to = [prometheus.remote_write.\n', 'forward_to = [prometheus.remote_write.'.length));
    expect(order.slice(0, 2)).toEqual(['prometheus.remote_write.near.receiver', 'prometheus.remote_write.far.receiver']);
    expect(order).toContain('near');

    const partial = `${baseText}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [prometheus.rem\n}\n`;
    const found = await complete(client, partial, 'forward_to = [prometheus.rem\n', 'forward_to = [prometheus.rem'.length);
    const best = found.find((item) => item.label === 'prometheus.remote_write.near.receiver')!;
    const start = positionOf(partial, 'prometheus.rem\n');
    expect(best.textEdit).toEqual({ range: { start, end: { line: start.line, character: start.character + 'prometheus.rem'.length } }, newText: 'prometheus.remote_write.near.receiver' });
    expect(ranked(found)[0]).toBe('prometheus.remote_write.near.receiver');
  });

  it('offers no fitting export under a prefix that has none (`loki.` in a metrics forward_to)', async () => {
    const text = `${baseText}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [loki.\n}\n`;
    const found = await complete(client, text, 'forward_to = [loki.\n', 'forward_to = [loki.'.length);
    expect(found.some((item) => item.label.includes('.receiver'))).toBe(false);
    expect(found.some((item) => item.preselect)).toBe(false);
    expect(found.map((item) => item.label)).toContain('write');
  });

  it('offers the targets of discovery components after `discovery.`', async () => {
    const text = `${baseText}\nprometheus.scrape "s" {\n  forward_to = []\n  targets = discovery.\n}\n`;
    const order = ranked(await complete(client, text, 'targets = discovery.\n', 'targets = discovery.'.length));
    expect(order[0]).toBe('discovery.docker.containers.targets');
    expect(order).not.toContain('prometheus.exporter.unix.node.targets');
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

// Custom components: a declare of the same file, one of a sibling file, and an imported module's.
const moduleText = `declare "writer" {
  argument "url" {
    optional = true
  }

  prometheus.remote_write "inner" {
    endpoint {
      url = "http://lib:9009/api/v1/push"
    }
  }

  export "receiver" {
    value = prometheus.remote_write.inner.receiver
  }

  export "url" {
    value = argument.url.value
  }
}
`;

const siblingDeclareText = `declare "sibling_mod" {
  loki.write "inner" {
    endpoint {
      url = "http://loki:3100/loki/api/v1/push"
    }
  }

  export "logs" {
    value = loki.write.inner.receiver
  }
}
`;

const customText = `declare "my_module" {
  argument "forward_to" {
    optional = true
  }

  prometheus.remote_write "inner" {
    endpoint {
      url = "http://inner:9009/api/v1/push"
    }
  }

  otelcol.exporter.prometheus "to_prom" {
    forward_to = [prometheus.remote_write.inner.receiver]
  }

  export "output" {
    value = prometheus.remote_write.inner.receiver
  }

  export "outputs" {
    value = [prometheus.remote_write.inner.receiver]
  }

  export "static_targets" {
    value = [{"__address__" = "localhost:9100"}]
  }

  export "passthrough" {
    value = argument.forward_to.value
  }

  export "metrics_input" {
    value = otelcol.exporter.prometheus.to_prom.input
  }
}

declare "nested" {
  my_module "deep" { }

  export "output" {
    value = my_module.deep.output
  }
}

my_module "default" { }

nested "n" { }

sibling_mod "s" { }

import.file "lib" {
  filename = "modules/lib.alloy"
}

lib.writer "shared" { }

import.file "outside" {
  filename = "OUTSIDE"
}

outside.writer "far" { }

import.git "remote" {
  repository = "https://github.com/grafana/alloy-modules.git"
  revision   = "main"
  path       = "modules/kubernetes/pods/module.alloy"
}

remote.writer "git" { }

prometheus.remote_write "plain" {
  endpoint {
    url = "http://plain:9009/api/v1/push"
  }
}
`;

describe.skipIf(!serverBuilt)('expected-type completion of custom components and modules', () => {
  let fixture: Fixture;
  let outside: Fixture;
  let client: TestClient;
  let text = '';
  const mainUri = (): string => fixture.uri('custom/main.alloy');

  async function complete(edited: string, marker: string, delta: number): Promise<CompletionItem[]> {
    await client.change(mainUri(), [{ text: edited }]);
    const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri: mainUri() },
      position: positionOf(edited, marker, delta),
    });
    return itemsOf(result);
  }

  beforeAll(async () => {
    // A readable module outside the workspace folder: import.file does not read it.
    outside = new Fixture({ 'lib.alloy': moduleText });
    text = customText.replace('OUTSIDE', outside.path('lib.alloy'));
    fixture = new Fixture({ 'custom/main.alloy': text, 'custom/other.alloy': siblingDeclareText, 'custom/modules/lib.alloy': moduleText });
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root });
    await client.open(mainUri(), text);
  });

  afterAll(async () => {
    await client?.shutdown();
    fixture?.dispose();
    outside?.dispose();
  });

  it('offers the exports of declares and import.file modules that fit, an export of unknown type last', async () => {
    const edited = `${text}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [\n}\n`;
    const found = await complete(edited, 'forward_to = [\n}', 'forward_to = ['.length);
    const order = ranked(found);
    const references = order.filter((label) => label.includes('.') && !['true', 'false', 'null'].includes(label));
    // The exact type first (this file, by name), then the exports of unknown type.
    expect(references.slice(0, 6)).toEqual([
      'lib.writer.shared.receiver',
      'my_module.default.output',
      'nested.n.output',
      'prometheus.remote_write.plain.receiver',
      'lib.writer.shared.url',
      'my_module.default.passthrough',
    ]);
    expect(found.find((item) => item.label === 'my_module.default.output')!.detail).toBe('MetricsReceiver');
    expect(found.find((item) => item.label === 'my_module.default.passthrough')!.detail).toBe('unknown');
    expect(found.find((item) => item.label === 'lib.writer.shared.url')!.detail).toBe('unknown');
    // A list of receivers, targets and a logs receiver do not fit one MetricsReceiver.
    expect(order).not.toContain('my_module.default.outputs');
    expect(order).not.toContain('my_module.default.static_targets');
    expect(order).not.toContain('sibling_mod.s.logs');
    // A module outside the workspace and a git module are not read: nothing of theirs is offered.
    expect(order.some((label) => label.startsWith('outside.writer.far.'))).toBe(false);
    expect(order.some((label) => label.startsWith('remote.writer.git.'))).toBe(false);
  });

  it('ranks a list export where a list is expected, and a sibling declare\'s logs receiver in a loki forward_to', async () => {
    const whole = `${text}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = \n}\n`;
    const order = ranked(await complete(whole, 'forward_to = \n}', 'forward_to = '.length));
    expect(order[0]).toBe('my_module.default.outputs');
    expect(order).not.toContain('my_module.default.output');

    const targets = `${text}\nprometheus.scrape "s" {\n  forward_to = []\n  targets = \n}\n`;
    expect(ranked(await complete(targets, 'targets = \n}', 'targets = '.length))[0]).toBe('my_module.default.static_targets');

    const logs = `${text}\nloki.source.file "f" {\n  targets    = []\n  forward_to = [\n}\n`;
    const logOrder = ranked(await complete(logs, 'forward_to = [\n}', 'forward_to = ['.length));
    expect(logOrder[0]).toBe('sibling_mod.s.logs');
    expect(logOrder).not.toContain('my_module.default.output');
  });

  it('offers an export passing an otelcol input on only where its signal fits', async () => {
    const metrics = `${text}\notelcol.processor.batch "b" {\n  output {\n    metrics = [\n  }\n}\n`;
    expect(ranked(await complete(metrics, 'metrics = [\n', 'metrics = ['.length))).toContain('my_module.default.metrics_input');
    const traces = `${text}\notelcol.processor.batch "b" {\n  output {\n    traces = [\n  }\n}\n`;
    expect(ranked(await complete(traces, 'traces = [\n', 'traces = ['.length))).not.toContain('my_module.default.metrics_input');
  });

  it('offers them after a dot: under the module namespace, and an instance\'s exports best fit first', async () => {
    const afterNamespace = `${text}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [lib.\n}\n`;
    const found = await complete(afterNamespace, 'forward_to = [lib.\n', 'forward_to = [lib.'.length);
    const order = ranked(found);
    expect(order.slice(0, 2)).toEqual(['lib.writer.shared.receiver', 'lib.writer.shared.url']);
    expect(order).not.toContain('my_module.default.output');
    expect(found[0]!.textEdit && 'newText' in found[0]!.textEdit ? found[0]!.textEdit.newText.startsWith('lib.writer.shared.') : false).toBe(true);

    const afterModule = `${text}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [my_module.\n}\n`;
    expect(ranked(await complete(afterModule, 'forward_to = [my_module.\n', 'forward_to = [my_module.'.length)).slice(0, 2)).toEqual([
      'my_module.default.output',
      'my_module.default.passthrough',
    ]);

    const afterInstance = `${text}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [my_module.default.\n}\n`;
    const exports = await complete(afterInstance, 'forward_to = [my_module.default.\n', 'forward_to = [my_module.default.'.length);
    expect(ranked(exports)).toEqual(['output', 'passthrough']);
    const output = exports.find((item) => item.label === 'output')!;
    expect(output.textEdit && 'newText' in output.textEdit ? output.textEdit.newText : undefined).toBe('my_module.default.output');

    const afterImported = `${text}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [lib.writer.shared.\n}\n`;
    expect(ranked(await complete(afterImported, 'forward_to = [lib.writer.shared.\n', 'forward_to = [lib.writer.shared.'.length))).toEqual(['receiver', 'url']);

    const afterGit = `${text}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [remote.writer.git.\n}\n`;
    expect(await complete(afterGit, 'forward_to = [remote.writer.git.\n', 'forward_to = [remote.writer.git.'.length)).toEqual([]);
  });
});
