import { describe, expect, it } from 'vitest';
import { getComponent } from '@alloy-toolkit/schema';
import { describeConstraints, type ConstraintDescription } from '../src/index.js';

/** The descriptions of an argument as `text | reason`. */
function described(component: string, path: string[], version?: string): string[] {
  const schema = getComponent(component, version === undefined ? undefined : { version });
  if (!schema) throw new Error(`no ${component}`);
  return describeConstraints(schema, path).map((description: ConstraintDescription) => (description.reason ? `${description.text} | ${description.reason}` : description.text));
}

describe('describeConstraints: an argument\'s load-time constraints in readable words', () => {
  it('a comparison with another argument, from the hovered side, with its default and upstream\'s message', () => {
    const timeout = described('prometheus.scrape', ['scrape_timeout']);
    expect(timeout[0]).toMatch(/^A Go duration: .*A number without a unit \(`15`, `"15"`\) is refused\.$/);
    expect(timeout[1]).toBe('Must be at most `scrape_interval` (default `"60s"`). | scrape_timeout (…) greater than scrape_interval (…) for scrape config with job name …');
    expect(described('prometheus.scrape', ['scrape_interval'])[1]).toBe('Must be at least `scrape_timeout` (default `"10s"`). | scrape_timeout (…) greater than scrape_interval (…) for scrape config with job name …');
  });

  it('numeric ranges, with a condition, and durations against a constant in Go\'s form', () => {
    expect(described('otelcol.processor.batch', ['send_batch_max_size'])).toEqual([
      'Must be at least `send_batch_size` (default `2000`) when `send_batch_max_size` is greater than `0`. | send_batch_max_size must be greater or equal to send_batch_size when not 0',
    ]);
    expect(described('local.file', ['poll_frequency'])[1]).toBe('Must be greater than `0s`. | poll_frequency must be greater than 0');
  });

  it('the shared blocks, found by shape: HTTP client, basic_auth, TLS, oauth2, authorization, proxy', () => {
    expect(described('prometheus.scrape', ['bearer_token'])).toEqual([
      'Cannot be set together with `basic_auth` block, `authorization` block, `oauth2` block or `bearer_token_file`: at most one of them. | at most one of basic_auth, authorization, oauth2, bearer_token & bearer_token_file must be configured',
    ]);
    expect(described('prometheus.scrape', ['basic_auth', 'password'])).toEqual(['Cannot be set together with `password_file`. | at most one of basic_auth password & password_file must be configured']);
    expect(described('prometheus.remote_write', ['endpoint', 'tls_config', 'cert_pem'])).toEqual([
      'Cannot be set together with `cert_file`. | at most one of cert_pem and cert_file must be configured',
      'When set, needs `key_pem` or `key_file`. | exactly one of key_pem or key_file must be configured when a client certificate is configured',
      'Needed when `key_pem` or `key_file` is set (or `cert_file` instead). | exactly one of cert_pem or cert_file must be configured when a client key is configured',
    ]);
    expect(described('prometheus.remote_write', ['endpoint', 'tls_config', 'min_version'])).toEqual([
      'Must be exactly one of `"TLS10"`, `"TLS11"`, `"TLS12"`, `"TLS13"` (case matters). | unknown TLS version: …',
    ]);
    expect(described('prometheus.remote_write', ['endpoint', 'oauth2', 'client_secret'])).toEqual([
      'Must be set unless `client_secret_file` is. | either oauth2 client_secret or client_secret_file must be configured',
      'Cannot be set together with `client_secret_file`. | at most one of oauth2 client_secret & client_secret_file must be configured',
    ]);
    expect(described('prometheus.remote_write', ['endpoint', 'authorization', 'type'])).toEqual([
      'Must not be `"basic"` (in any case). | authorization type cannot be set to "basic", use "basic_auth" block instead',
    ]);
    expect(described('prometheus.scrape', ['proxy_connect_header'])).toEqual([
      'When set, needs `proxy_from_environment` or `proxy_url`. | if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured',
    ]);
  });

  it('regular expressions, URLs, relabel rules and queue settings', () => {
    const regex = described('discovery.relabel', ['rule', 'regex']);
    expect(regex[0]).toBe("A regular expression in Go's RE2 syntax (no lookaround, no backreferences); Alloy anchors it as `^(?s:…)$`.");
    expect(described('discovery.relabel', ['rule', 'modulus'])).toEqual(['Alloy refuses: "relabel configuration for hashmod requires non-zero modulus".']);
    expect(described('prometheus.remote_write', ['endpoint', 'url'])).toEqual(["A URL Go's `url.Parse` accepts. | cannot parse remote_write url …: …"]);
    expect(described('otelcol.exporter.otlp', ['sending_queue', 'batch', 'max_size'])).toContain(
      'Must be at least `min_size` (default `2000`) when `max_size` is greater than `0`. | `max_size` must be greater or equal to `min_size`',
    );
    expect(described('otelcol.exporter.otlp', ['sending_queue', 'queue_size'])).toContain('Alloy refuses: "queue_size must be greater than zero".');
  });

  it('a nested block that takes part in a rule', () => {
    expect(described('prometheus.scrape', ['basic_auth'])[0]).toMatch(/^Cannot be set together with `authorization` block, `oauth2` block, `bearer_token` or `bearer_token_file`/);
  });

  it('nothing for an argument without constraints, an unknown name or component path', () => {
    expect(described('discovery.relabel', ['targets'])).toEqual([]);
    expect(described('prometheus.scrape', ['job_name'])).toEqual([]);
    expect(described('prometheus.scrape', ['no_such_argument'])).toEqual([]);
    expect(described('prometheus.scrape', ['no_such_block', 'x'])).toEqual([]);
  });

  it('follows the schema it is given: a release without the argument has no constraints for it', () => {
    // scrape_protocols arrived in a later release than the first the schema knows.
    const first = getComponent('prometheus.scrape', { version: '1.0' });
    expect(first?.arguments.some((argument) => argument.name === 'scrape_protocols')).toBe(false);
    expect(described('prometheus.scrape', ['scrape_protocols'], '1.0')).toEqual([]);
    expect(described('prometheus.scrape', ['scrape_protocols']).length).toBeGreaterThan(0);
  });
});
