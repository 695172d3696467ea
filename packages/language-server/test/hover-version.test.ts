import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { Fixture, positionOf, serverBuilt, TestClient } from './helpers/client.js';

// Hover states the releases of an item relative to the Alloy release the document targets.

const text = `otelcol.storage.file "f" { }

otelcol.receiver.opencensus "oc" {
  output { }
}

prometheus.exporter.oracledb "db" {
  connection_string = "oracle://x"
  custom_metrics    = []
}

beyla.ebpf "b" {
  ebpf {
    wakeup_len = 10
  }
}

database_observability.postgres "pg" {
  data_source_name = "postgres://x"
  forward_to       = []
}

local.file "f" {
  filename = database_observability.postgres.pg.logs_receiver
}

prometheus.exporter.windows "w" {
  enabled_collectors = ["mscluster_cluster"]
}

loki.process "p" {
  forward_to = []
  stage.metrics {
    metric.gauge {
      action = "dec"
    }
  }
}
`;

function valueOf(hover: Hover | null): string {
  if (!hover) return '';
  return (hover.contents as MarkupContent).value;
}

describe.skipIf(!serverBuilt)('hover follows the targeted Alloy release', () => {
  let fixture: Fixture;
  let client: TestClient;
  const uri = (): string => fixture.uri('config/main.alloy');

  async function target(version: string | undefined): Promise<void> {
    client.configuration = version === undefined ? {} : { alloyVersion: version };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  async function hoverAt(needle: string, delta = 1, on: TestClient = client, document = uri()): Promise<string> {
    return valueOf(await on.request<Hover | null>('textDocument/hover', { textDocument: { uri: document }, position: positionOf(text, needle, delta) }));
  }

  beforeAll(async () => {
    fixture = new Fixture({ 'config/main.alloy': text });
    client = new TestClient({ configuration: {} });
    await client.initialize({ rootPath: fixture.root });
    await client.open(uri(), text);
  });

  afterAll(async () => {
    await client?.shutdown();
    fixture?.dispose();
  });

  it('a component the target lacks: "Not available in Alloy v1.5 (…); available from v1.9"', async () => {
    await target('1.5');
    expect(await hoverAt('otelcol.storage.file')).toContain(
      "Not available in Alloy v1.5 (this configuration's target, from alloy.alloyVersion); available from v1.9.",
    );
    await target('1.9');
    const at19 = await hoverAt('otelcol.storage.file');
    expect(at19).toContain('Since Alloy v1.9.');
    expect(at19).not.toContain('Not available');
  });

  it('a removed component: deprecation and removal relative to the target; described as its last release had it', async () => {
    await target('1.5');
    const at15 = await hoverAt('otelcol.receiver.opencensus');
    expect(at15).toContain('**otelcol.receiver.opencensus** — component');
    expect(at15).toContain("Deprecated in Alloy v1.11, after this configuration's target v1.5.");
    expect(at15).toContain("Removed in Alloy v1.13, after this configuration's target v1.5.");
    await target('1.12');
    expect(await hoverAt('otelcol.receiver.opencensus')).toContain('Deprecated since Alloy v1.11.');
    // No target set: the newest release, which no longer has it.
    await target(undefined);
    const newest = await hoverAt('otelcol.receiver.opencensus');
    expect(newest).toContain("Not available in Alloy v1.18 (this configuration's target, the newest release); removed in v1.13 (available in v1.0–v1.12).");
    expect(newest).toContain('**otelcol.receiver.opencensus** — component');
    expect(newest).toContain('[Documentation](');
  });

  it('arguments and blocks', async () => {
    await target('1.5');
    const argument = await hoverAt('custom_metrics');
    expect(argument).toContain('**custom_metrics**');
    expect(argument).toContain("Not available in Alloy v1.5 (this configuration's target, from alloy.alloyVersion); available from v1.9.");
    await target('1.10');
    expect(await hoverAt('custom_metrics')).toContain('Since Alloy v1.9.');

    await target('1.6');
    const block = await hoverAt('ebpf {');
    expect(block).toContain('**ebpf** — block of `beyla.ebpf`');
    expect(block).toContain('Not available in Alloy v1.6');
    expect(block).toContain('available from v1.7.');
    await target('1.7');
    expect(await hoverAt('ebpf {')).toContain('Since Alloy v1.7.');
  });

  it('exports of a referenced component', async () => {
    const needle = 'database_observability.postgres.pg.logs_receiver';
    await target('1.12');
    const at112 = await hoverAt(needle, needle.length - 2);
    expect(at112).toContain('export `logs_receiver`');
    expect(at112).toContain("Not available in Alloy v1.12 (this configuration's target, from alloy.alloyVersion); available from v1.14.");
    await target('1.14');
    expect(await hoverAt(needle, needle.length - 2)).toContain('Since Alloy v1.14.');
  });

  it('enumerated values', async () => {
    await target('1.8');
    const at18 = await hoverAt('"mscluster_cluster"', 3);
    expect(at18).toContain('`"mscluster_cluster"` — allowed value of `enabled_collectors`');
    expect(at18).toContain("Removed in Alloy v1.9, after this configuration's target v1.8.");
    await target('1.18');
    expect(await hoverAt('"mscluster_cluster"', 3)).toContain(
      "Not available in Alloy v1.18 (this configuration's target, from alloy.alloyVersion); removed in v1.9",
    );
    await target('1.5');
    expect(await hoverAt('"dec"', 2)).toContain('Since Alloy v1.3.');
    // A plain string value says nothing.
    expect(await hoverAt('"oracle://x"', 2)).toBe('');
  });

  it("names where the target came from: the repository's pin (docker-compose.yml:3)", async () => {
    const pinned = new Fixture({
      'docker-compose.yml': 'services:\n  alloy:\n    image: grafana/alloy:v1.5.1\n',
      'config/main.alloy': text,
    });
    mkdirSync(pinned.path('.git'));
    const other = new TestClient({ configuration: {} });
    try {
      await other.initialize({ rootPath: pinned.root });
      await other.open(pinned.uri('config/main.alloy'), text);
      expect(await hoverAt('otelcol.storage.file', 1, other, pinned.uri('config/main.alloy'))).toContain(
        "Not available in Alloy v1.5 (this configuration's target, from docker-compose.yml:3); available from v1.9.",
      );
    } finally {
      await other.shutdown();
      pinned.dispose();
    }
  });
});
