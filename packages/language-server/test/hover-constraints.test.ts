import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { Fixture, positionOf, serverBuilt, TestClient } from './helpers/client.js';

// Hover on an argument lists what Alloy checks about it when it loads the component (#14): the
// checker's load-time rules in words, with upstream's message as the reason, as the targeted
// release has the argument.

const text = `prometheus.scrape "s" {
  targets         = []
  forward_to      = []
  job_name        = "nodes"
  scrape_interval = "30s"
  scrape_timeout  = "10s"
  scrape_protocols = ["PrometheusProto"]

  basic_auth {
    username = "u"
    password = "p"
  }
}

prometheus.remote_write "w" {
  endpoint {
    url = "https://m/api/v1/write"

    tls_config {
      ca_pem      = "x"
      min_version = "TLS12"
    }
  }
}

discovery.relabel "r" {
  targets = []

  rule {
    source_labels = ["a"]
    regex         = "(.*)"
    action        = "keep"
  }
}
`;

function valueOf(hover: Hover | null): string {
  return hover ? (hover.contents as MarkupContent).value : '';
}

describe.skipIf(!serverBuilt)('hover lists the load-time constraints of an argument', () => {
  let fixture: Fixture;
  let client: TestClient;
  const uri = (): string => fixture.uri('config/main.alloy');

  async function target(version: string | undefined): Promise<void> {
    client.configuration = version === undefined ? {} : { alloyVersion: version };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  async function hoverAt(needle: string, delta = 1): Promise<string> {
    return valueOf(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri() }, position: positionOf(text, needle, delta) }));
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

  it('a component argument: the duration, the comparison with the other argument and its default, upstream\'s message', async () => {
    const hover = await hoverAt('scrape_timeout  =');
    expect(hover).toContain('**scrape_timeout**');
    expect(hover).toContain('Default: `"10s"`');
    expect(hover).toContain('Checked when Alloy loads the component:\n');
    expect(hover).toContain('- A Go duration: numbers with units (`ns`, `us`, `ms`, `s`, `m`, `h`), as in `"30s"` or `"1h30m"`. A number without a unit (`15`, `"15"`) is refused.\n');
    expect(hover).toContain(
      '- Must be at most `scrape_interval` (default `"60s"`). Alloy: "scrape_timeout (…) greater than scrape_interval (…) for scrape config with job name …"',
    );
  });

  it('a shared-block argument: basic_auth\'s password, TLS settings of an endpoint (at most one of, requires, enum values)', async () => {
    expect(await hoverAt('password = ')).toContain(
      '- Cannot be set together with `password_file`. Alloy: "at most one of basic_auth password & password_file must be configured"',
    );
    const ca = await hoverAt('ca_pem');
    expect(ca).toContain('argument of `prometheus.remote_write > endpoint > tls_config`');
    expect(ca).toContain('- Cannot be set together with `ca_file`. Alloy: "at most one of ca_pem and ca_file must be configured"');
    const version = await hoverAt('min_version');
    expect(version).toContain('- Must be exactly one of `"TLS10"`, `"TLS11"`, `"TLS12"`, `"TLS13"` (case matters). Alloy: "unknown TLS version: …"');
  });

  it('a nested block that takes part in a rule, and a relabel rule\'s regex', async () => {
    expect(await hoverAt('basic_auth {')).toContain(
      '- Cannot be set together with `authorization` block, `oauth2` block, `bearer_token` or `bearer_token_file`: at most one of them. Alloy: "at most one of basic_auth, authorization, oauth2, bearer_token & bearer_token_file must be configured"',
    );
    expect(await hoverAt('regex  ')).toContain("- A regular expression in Go's RE2 syntax (no lookaround, no backreferences); Alloy anchors it as `^(?s:…)$`.");
  });

  it('an argument with none: no list', async () => {
    const hover = await hoverAt('job_name');
    expect(hover).toContain('**job_name**');
    expect(hover).not.toContain('Checked when Alloy loads');
    const username = await hoverAt('username');
    expect(username).toContain('argument of `prometheus.scrape > basic_auth`');
    expect(username).not.toContain('Checked when Alloy loads');
  });

  it('only what applies in the targeted release', async () => {
    await target('1.0');
    const old = await hoverAt('scrape_protocols');
    expect(old).toContain('Not available in Alloy v1.0');
    expect(old).not.toContain('Checked when Alloy loads');
    await target(undefined);
    expect(await hoverAt('scrape_protocols')).toContain(
      'Alloy refuses: "both enable_protobuf_negotiation and scrape_protocols are set, only one can be set at a time".',
    );
  });
});
