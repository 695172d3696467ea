import { describe, expect, it } from 'vitest';
import {
  block,
  attribute,
  config,
  GeneratorInputError,
  journalLogs,
  lokiWrite,
  nodeExporter,
  reference,
  remoteWrite,
  renderConfig,
  SEED_CUSTOM_COLLECTORS,
  string,
} from '../src/index.js';
import { configProblems } from './helpers.js';

const URL = 'https://prometheus.example.com/api/v1/write';

function render(...parts: Parameters<typeof config>): string {
  const text = renderConfig(config(...parts));
  expect(configProblems(text)).toEqual([]);
  return text;
}

describe('remoteWrite', () => {
  it('defaults: label "default", instance = constants.hostname, receiver reference', () => {
    const write = remoteWrite({ url: URL });
    const text = render(write);
    expect(text).toContain('prometheus.remote_write "default" {');
    expect(text).toContain('\t\tinstance = constants.hostname,');
    expect(text).not.toContain('environment');
    expect(renderConfig(config(block('x', null, [attribute('r', write.receiver)])))).toContain('r = prometheus.remote_write.default.receiver');
  });

  it('custom label, environment and external labels in order', () => {
    const write = remoteWrite({ label: 'mimir', url: URL, environment: 'stg', externalLabels: { team: 'sre', region: 'eu' } });
    const text = render(write);
    expect(text).toContain('prometheus.remote_write "mimir" {');
    expect(text.indexOf('environment = "stg"')).toBeLessThan(text.indexOf('team        = "sre"'));
    expect(text.indexOf('team')).toBeLessThan(text.indexOf('region'));
  });

  it('without the hostname label and without labels writes no external_labels', () => {
    const text = render(remoteWrite({ url: URL, instanceFromHostname: false }));
    expect(text).not.toContain('external_labels');
  });

  it('label values may be expressions', () => {
    const text = render(remoteWrite({ url: URL, externalLabels: { os: reference('constants', 'os') } }));
    expect(text).toContain('os       = constants.os,');
  });

  it('basic auth reads both values with sys.env', () => {
    const text = render(remoteWrite({ url: URL, basicAuth: { usernameEnv: 'PROM_USER', passwordEnv: 'PROM_PASS' } }));
    expect(text).toContain('\t\tbasic_auth {\n\t\t\tusername = sys.env("PROM_USER")\n\t\t\tpassword = sys.env("PROM_PASS")\n\t\t}');
  });

  it('bearer token from the environment', () => {
    const text = render(remoteWrite({ url: URL, bearerTokenEnv: 'PROM_TOKEN' }));
    expect(text).toContain('bearer_token = sys.env("PROM_TOKEN")');
  });

  it('queue and wal tuning', () => {
    const text = render(
      remoteWrite({
        url: URL,
        queue: {
          capacity: 20000,
          minShards: 2,
          maxShards: 10,
          maxSamplesPerSend: 5000,
          batchSendDeadline: '10s',
          minBackoff: '50ms',
          maxBackoff: '10s',
          retryOnHttp429: false,
          sampleAgeLimit: '0s',
        },
        wal: { truncateFrequency: '1h', minKeepaliveTime: '1m', maxKeepaliveTime: '4h' },
      }),
    );
    expect(text).toContain('queue_config {');
    expect(text).toContain('capacity             = 20000');
    expect(text).toContain('retry_on_http_429    = false');
    expect(text).toContain('sample_age_limit     = "0s"');
    expect(text).toContain('\twal {\n\t\ttruncate_frequency = "1h"');
  });

  it('empty queue and wal options add no blocks', () => {
    const text = render(remoteWrite({ url: URL, queue: {}, wal: {} }));
    expect(text).not.toContain('queue_config');
    expect(text).not.toContain('wal');
  });

  it('rejects bad input with one-line messages', () => {
    expect(() => remoteWrite({ url: 'ftp://x/y' })).toThrow(/must use http or https, not ftp/);
    expect(() => remoteWrite({ url: 'not a url' })).toThrow('remote write URL "not a url" is not an absolute URL (expected http:// or https://)');
    expect(() => remoteWrite({ url: URL, externalLabels: { 'bad-name': 'x' } })).toThrow(/label name "bad-name" is invalid/);
    expect(() => remoteWrite({ url: URL, externalLabels: { __meta: 'x' } })).toThrow(/reserved/);
    expect(() => remoteWrite({ url: URL, externalLabels: { instance: 'x' } })).toThrow(/duplicate label "instance"/);
    expect(() => remoteWrite({ url: URL, environment: 'a', externalLabels: { environment: 'b' } })).toThrow(/duplicate label "environment"/);
    expect(() => remoteWrite({ url: URL, basicAuth: { usernameEnv: 'A', passwordEnv: 'B' }, bearerTokenEnv: 'C' })).toThrow(/cannot be used together/);
    expect(() => remoteWrite({ url: URL, basicAuth: { usernameEnv: 'A-B', passwordEnv: 'C' } })).toThrow(/not a valid environment variable name/);
    expect(() => remoteWrite({ url: URL, queue: { maxShards: -1 } })).toThrow(/non-negative integer/);
    expect(() => remoteWrite({ url: URL, queue: { minBackoff: '5 seconds' } })).toThrow('min_backoff: time: unknown unit " seconds" in duration "5 seconds"');
    expect(() => remoteWrite({ url: URL, label: 'has-dash' })).toThrow(GeneratorInputError);
    expect(() => remoteWrite({ url: URL, environment: '' })).toThrow('the environment label has an empty value');
    expect(() => remoteWrite({ url: URL, externalLabels: { app: '' } })).toThrow('label "app" has an empty value');
  });
});

describe('nodeExporter', () => {
  const receiver = remoteWrite({ url: URL });

  it('defaults: label node, empty exporter block, 15s, forwards to the receiver', () => {
    const text = render(nodeExporter({ forwardTo: [receiver.receiver] }), receiver);
    expect(text).toContain('prometheus.exporter.unix "node" { }');
    expect(text).toContain('targets         = prometheus.exporter.unix.node.targets');
    expect(text).toContain('forward_to      = [prometheus.remote_write.default.receiver]');
    expect(text).toContain('scrape_interval = "15s"');
  });

  it('label, scrape interval, several receivers', () => {
    const second = remoteWrite({ label: 'backup', url: 'http://backup:9090/api/v1/write' });
    const text = render(nodeExporter({ label: 'host', scrapeInterval: '1m30s', forwardTo: [receiver.receiver, second.receiver] }), receiver, second);
    expect(text).toContain('prometheus.scrape "host" {');
    expect(text).toContain('targets         = prometheus.exporter.unix.host.targets');
    expect(text).toContain('forward_to      = [prometheus.remote_write.default.receiver, prometheus.remote_write.backup.receiver]');
    expect(text).toContain('scrape_interval = "1m30s"');
  });

  it('enable_collectors as in the seed custom collectors section', () => {
    const text = render(nodeExporter({ enableCollectors: SEED_CUSTOM_COLLECTORS, forwardTo: [receiver.receiver] }), receiver);
    expect(text).toContain(`\tenable_collectors = [\n${SEED_CUSTOM_COLLECTORS.map((name) => `\t\t"${name}",\n`).join('')}\t]`);
  });

  it('set_collectors and disable_collectors', () => {
    const text = render(
      nodeExporter({ setCollectors: ['cpu', 'meminfo'], disableCollectors: ['ipvs'], forwardTo: [receiver.receiver] }),
      receiver,
    );
    expect(text).toContain('set_collectors = [');
    expect(text).toContain('disable_collectors = [');
  });

  it('knownCollectors replaces the accepted names', () => {
    expect(() => nodeExporter({ enableCollectors: ['cpu'], knownCollectors: new Set(['meminfo']), forwardTo: [receiver.receiver] })).toThrow(
      /unknown collector "cpu"/,
    );
  });

  it('rejects unknown collectors with a suggestion, duplicates, bad durations, no receivers', () => {
    expect(() => nodeExporter({ enableCollectors: ['cpus'], forwardTo: [receiver.receiver] })).toThrow(
      'unknown collector "cpus" for prometheus.exporter.unix (did you mean "cpu"?)',
    );
    expect(() => nodeExporter({ enableCollectors: ['cpu', 'cpu'], forwardTo: [receiver.receiver] })).toThrow(/duplicate collector "cpu"/);
    expect(() => nodeExporter({ scrapeInterval: '15', forwardTo: [receiver.receiver] })).toThrow('scrape interval: time: missing unit in duration "15"');
    expect(() => nodeExporter({ scrapeInterval: '0s', forwardTo: [receiver.receiver] })).toThrow(/greater than zero/);
    expect(() => nodeExporter({ forwardTo: [] })).toThrow(/at least one receiver/);
  });
});

describe('lokiWrite and journalLogs', () => {
  it('journalLogs defaults: relabel for the unit, job label, loki.write with hostname', () => {
    const text = render(journalLogs({ lokiUrl: 'https://loki.example.com/loki/api/v1/push' }));
    expect(text).toContain('loki.relabel "journal" {');
    expect(text).toContain('source_labels = ["__journal__systemd_unit"]');
    expect(text).toContain('loki.source.journal "journal" {');
    expect(text).toContain('relabel_rules = loki.relabel.journal.rules');
    expect(text).toContain('job = "systemd-journal"');
    expect(text).toContain('\tforward_to    = [loki.write.default.receiver]\n\trelabel_rules = loki.relabel.journal.rules\n\tlabels        = {\n\t\tjob = "systemd-journal",\n\t}\n');
    expect(text).toContain('loki.write "default" {');
    expect(text).toContain('instance = constants.hostname,');
  });

  it('journalLogs options: label, max age, matches, labels, no unit label, env, tenant via lokiWrite', () => {
    const text = render(
      journalLogs({
        label: 'system',
        lokiUrl: 'http://loki:3100/loki/api/v1/push',
        writeLabel: 'logs',
        maxAge: '12h',
        matches: '_SYSTEMD_UNIT=alloy.service',
        labels: { job: 'journal', host_group: 'web' },
        unitLabel: false,
        environment: 'prd',
        basicAuth: { usernameEnv: 'LOKI_USER', passwordEnv: 'LOKI_PASS' },
      }),
    );
    expect(text).not.toContain('loki.relabel');
    expect(text).toContain('loki.source.journal "system" {');
    expect(text).toContain('max_age    = "12h"');
    expect(text).toContain('matches    = "_SYSTEMD_UNIT=alloy.service"');
    expect(text).toContain('forward_to = [loki.write.logs.receiver]');
    expect(text).toContain('host_group = "web",');
    expect(text).toContain('loki.write "logs" {');
    expect(text).toContain('environment = "prd",');
    expect(text).toContain('username = sys.env("LOKI_USER")');
  });

  it('journalLogs can forward to an existing receiver instead of creating loki.write', () => {
    const write = lokiWrite({ url: 'https://loki.example.com/loki/api/v1/push', tenantId: 'team-a', urlComment: ' Loki' });
    const logs = journalLogs({ forwardTo: [write.receiver] });
    expect(logs.receiver).toBeNull();
    const text = render(logs, write);
    expect(text.match(/loki\.write "default"/g)).toHaveLength(1);
    expect(text).toContain('tenant_id = "team-a"');
    expect(text).toContain('//  Loki');
  });

  it('rejects missing destinations, bad URLs, bad labels, bad max age', () => {
    expect(() => journalLogs({})).toThrow(/lokiUrl or forwardTo/);
    expect(() => journalLogs({ forwardTo: [] })).toThrow(/at least one receiver/);
    expect(() => journalLogs({ lokiUrl: 'loki:3100' })).toThrow(/Loki URL/);
    expect(() => journalLogs({ lokiUrl: 'http://loki', labels: { '1x': 'a' } })).toThrow(/label name "1x" is invalid/);
    expect(() => journalLogs({ lokiUrl: 'http://loki', maxAge: '7 hours' })).toThrow(/max_age/);
  });
});

describe('config', () => {
  it('combines parts and loose blocks in order', () => {
    const write = remoteWrite({ url: URL });
    const text = render(block('logging', null, [attribute('level', string('warn'))]), nodeExporter({ forwardTo: [write.receiver] }), write);
    expect(text.startsWith('logging {\n\tlevel = "warn"\n}\n\nprometheus.exporter.unix "node" { }\n')).toBe(true);
    expect(text.indexOf('prometheus.scrape')).toBeLessThan(text.indexOf('prometheus.remote_write'));
  });
});
