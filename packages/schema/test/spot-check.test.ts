// Hand-written expectations, from reading each component's reference page.
import { describe, expect, it } from 'vitest';
import type { ArgumentSchema, BlockSchema, ComponentSchema } from '../src/index.js';
import { findBlock, formatAlloyType, getComponent } from '../src/index.js';

function component(name: string): ComponentSchema {
  const found = getComponent(name);
  if (!found) throw new Error(`component ${name} missing from the schema`);
  return found;
}

function argumentOf(owner: { arguments: ArgumentSchema[] }, name: string): ArgumentSchema {
  const found = owner.arguments.find((argument) => argument.name === name);
  if (!found) throw new Error(`argument ${name} missing`);
  return found;
}

function blockAt(owner: ComponentSchema, ...path: string[]): BlockSchema {
  const found = findBlock(owner, path);
  if (!found) throw new Error(`block ${path.join(' > ')} missing in ${owner.name}`);
  return found;
}

function typeOf(owner: { arguments: ArgumentSchema[] }, name: string): string {
  return formatAlloyType(argumentOf(owner, name).type);
}

function exportTypes(owner: ComponentSchema): Record<string, string> {
  return Object.fromEntries(owner.exports.map((field) => [field.name, formatAlloyType(field.type)]));
}

describe('spot checks against the reference pages', () => {
  it('prometheus.scrape', () => {
    const scrape = component('prometheus.scrape');
    expect(scrape.stability).toBe('generally-available');
    expect(argumentOf(scrape, 'targets')).toMatchObject({ required: true, typeText: 'list(map(string))' });
    expect(argumentOf(scrape, 'forward_to')).toMatchObject({ required: true });
    expect(typeOf(scrape, 'forward_to')).toBe('list(MetricsReceiver)');
    expect(argumentOf(scrape, 'scrape_timeout')).toMatchObject({ typeText: 'duration', default: '"10s"', required: false });
    expect(argumentOf(scrape, 'honor_labels').default).toBe('false');
    expect(argumentOf(scrape, 'metrics_path').default).toBe('"/metrics"');
    expect(typeOf(scrape, 'bearer_token')).toBe('secret');
    expect(blockAt(scrape, 'basic_auth')).toMatchObject({ required: false, repeatable: false });
    expect(blockAt(scrape, 'clustering').arguments.map((argument) => argument.name)).toEqual(['enabled']);
    expect(blockAt(scrape, 'oauth2', 'tls_config')).toBeDefined();
    expect(scrape.exports).toEqual([]);
  });

  it('prometheus.remote_write', () => {
    const remoteWrite = component('prometheus.remote_write');
    expect(typeOf(remoteWrite, 'external_labels')).toBe('map(string)');
    const endpoint = blockAt(remoteWrite, 'endpoint');
    expect(endpoint).toMatchObject({ required: false, repeatable: true });
    expect(argumentOf(endpoint, 'url').required).toBe(true);
    expect(argumentOf(endpoint, 'remote_timeout').default).toBe('"30s"');
    expect(argumentOf(endpoint, 'enable_http2').default).toBe('false');
    expect(argumentOf(blockAt(remoteWrite, 'endpoint', 'queue_config'), 'capacity').default).toBe('10000');
    expect(blockAt(remoteWrite, 'endpoint', 'write_relabel_config').repeatable).toBe(true);
    expect(blockAt(remoteWrite, 'endpoint', 'basic_auth').arguments.map((argument) => argument.name).sort()).toEqual([
      'password', 'password_file', 'username',
    ]);
    // The docs mark all four "yes" but mean "exactly one of them".
    expect(blockAt(remoteWrite, 'endpoint', 'azuread', 'managed_identity').required).toBe(false);
    expect(argumentOf(blockAt(remoteWrite, 'endpoint', 'azuread', 'managed_identity'), 'client_id').required).toBe(true);
    expect(argumentOf(blockAt(remoteWrite, 'wal'), 'truncate_frequency').default).toBe('"2h"');
    expect(exportTypes(remoteWrite)).toEqual({ receiver: 'MetricsReceiver' });
  });

  it('prometheus.exporter.unix', () => {
    const unix = component('prometheus.exporter.unix');
    for (const name of ['set_collectors', 'enable_collectors', 'disable_collectors']) {
      expect(typeOf(unix, name)).toBe('list(string)');
    }
    expect(argumentOf(unix, 'procfs_path').default).toBe('"/proc"');
    expect(argumentOf(blockAt(unix, 'filesystem'), 'mount_timeout').default).toBe('"5s"');
    expect(argumentOf(blockAt(unix, 'ntp'), 'server').default).toBe('"127.0.0.1"');
    expect(unix.blocks.every((block) => !block.required && !block.repeatable)).toBe(true);
    expect(exportTypes(unix)).toEqual({ targets: 'list(map(string))' });
  });

  it('loki.write', () => {
    const write = component('loki.write');
    const endpoint = blockAt(write, 'endpoint');
    expect(endpoint.repeatable).toBe(true);
    expect(argumentOf(endpoint, 'url').required).toBe(true);
    expect(argumentOf(endpoint, 'batch_wait').default).toBe('"1s"');
    expect(blockAt(write, 'endpoint', 'oauth2', 'tls_config')).toBeDefined();
    expect(exportTypes(write)).toEqual({ receiver: 'LogsReceiver' });
  });

  it('loki.source.journal', () => {
    const journal = component('loki.source.journal');
    expect(argumentOf(journal, 'forward_to')).toMatchObject({ required: true, typeText: 'list(LogsReceiver)' });
    expect(argumentOf(journal, 'max_age').default).toBe('"7h"');
    expect(typeOf(journal, 'relabel_rules')).toBe('RelabelRules');
    expect(argumentOf(journal, 'format_as_json').typeText).toBe('bool');
    expect(journal.exports).toEqual([]);
  });

  it('discovery.relabel', () => {
    const relabel = component('discovery.relabel');
    expect(argumentOf(relabel, 'targets').required).toBe(true);
    const rule = blockAt(relabel, 'rule');
    expect(rule).toMatchObject({ repeatable: true, required: false });
    expect(argumentOf(rule, 'action').default).toBe('"replace"');
    expect(argumentOf(rule, 'action').allowedValues).toEqual(expect.arrayContaining(['keep', 'drop', 'labelmap', 'hashmod']));
    expect(argumentOf(rule, 'regex').default).toBe('"(.*)"');
    expect(typeOf(rule, 'source_labels')).toBe('list(string)');
    expect(exportTypes(relabel)).toEqual({ output: 'list(map(string))', rules: 'RelabelRules' });
  });

  it('otelcol.receiver.otlp', () => {
    const otlp = component('otelcol.receiver.otlp');
    expect(otlp.arguments).toEqual([]);
    const output = blockAt(otlp, 'output');
    expect(output.required).toBe(true);
    expect(typeOf(output, 'traces')).toBe('list(otelcol.Consumer)');
    expect(argumentOf(blockAt(otlp, 'grpc'), 'endpoint').default).toBe('"0.0.0.0:4317"');
    expect(argumentOf(blockAt(otlp, 'http'), 'endpoint').default).toBe('"0.0.0.0:4318"');
    expect(blockAt(otlp, 'grpc', 'keepalive', 'server_parameters')).toBeDefined();
    expect(typeOf(blockAt(otlp, 'grpc'), 'auth')).toBe('otelcol.Handler');
    expect(otlp.exports).toEqual([]);
  });

  it('loki.process', () => {
    const processComponent = component('loki.process');
    expect(typeOf(processComponent, 'forward_to')).toBe('list(LogsReceiver)');
    const json = blockAt(processComponent, 'stage.json');
    expect(json.repeatable).toBe(true);
    expect(typeOf(json, 'expressions')).toBe('map(string)');
    expect(argumentOf(blockAt(processComponent, 'stage.regex'), 'expression').required).toBe(true);
    expect(blockAt(processComponent, 'stage.metrics', 'metric.counter').repeatable).toBe(true);
    expect(argumentOf(blockAt(processComponent, 'stage.metrics', 'metric.counter'), 'action').allowedValues).toEqual(['inc', 'add']);
    expect(typeOf(blockAt(processComponent, 'stage.metrics', 'metric.histogram'), 'buckets')).toBe('list(number)');
    // A match stage holds a nested pipeline.
    expect(blockAt(processComponent, 'stage.match', 'stage.json')).toBeDefined();
    expect(blockAt(processComponent, 'stage.match', 'stage.match', 'stage.labels')).toBeDefined();
    expect(exportTypes(processComponent)).toEqual({ receiver: 'LogsReceiver' });
  });

  it('prometheus.relabel', () => {
    const relabel = component('prometheus.relabel');
    expect(typeOf(relabel, 'forward_to')).toBe('list(MetricsReceiver)');
    expect(argumentOf(relabel, 'max_cache_size').typeText).toBe('number');
    expect(blockAt(relabel, 'rule').repeatable).toBe(true);
    expect(exportTypes(relabel)).toEqual({ receiver: 'MetricsReceiver', rules: 'RelabelRules' });
  });

  it('discovery.kubernetes', () => {
    const kubernetes = component('discovery.kubernetes');
    expect(argumentOf(kubernetes, 'role').required).toBe(true);
    expect(argumentOf(kubernetes, 'enable_http2').default).toBe('true');
    expect(blockAt(kubernetes, 'selectors').repeatable).toBe(true);
    expect(argumentOf(blockAt(kubernetes, 'selectors'), 'role').required).toBe(true);
    expect(typeOf(blockAt(kubernetes, 'namespaces'), 'names')).toBe('list(string)');
    expect(blockAt(kubernetes, 'namespaces').repeatable).toBe(false);
    expect(exportTypes(kubernetes)).toEqual({ targets: 'list(map(string))' });
  });

  it('local.file_match', () => {
    const fileMatch = component('local.file_match');
    expect(argumentOf(fileMatch, 'path_targets')).toMatchObject({ required: true, typeText: 'list(map(string))' });
    expect(argumentOf(fileMatch, 'sync_period').default).toBe('"10s"');
    expect(fileMatch.blocks).toEqual([]);
    expect(exportTypes(fileMatch)).toEqual({ targets: 'list(map(string))' });
  });

  it('loki.source.file', () => {
    const source = component('loki.source.file');
    expect(argumentOf(source, 'targets').required).toBe(true);
    expect(argumentOf(source, 'tail_from_end').default).toBe('false');
    const decompression = blockAt(source, 'decompression');
    expect(argumentOf(decompression, 'format').required).toBe(true);
    expect(argumentOf(blockAt(source, 'file_watch'), 'min_poll_frequency').default).toBe('"250ms"');
    expect(source.exports).toEqual([]);
  });

  it('otelcol.exporter.otlp', () => {
    const exporter = component('otelcol.exporter.otlp');
    const client = blockAt(exporter, 'client');
    expect(client.required).toBe(true);
    expect(argumentOf(client, 'endpoint').required).toBe(true);
    expect(argumentOf(client, 'compression').default).toBe('"gzip"');
    expect(argumentOf(client, 'wait_for_ready').typeText).toBe('bool');
    expect(blockAt(exporter, 'client', 'tls', 'tpm')).toBeDefined();
    expect(blockAt(exporter, 'sending_queue', 'batch')).toBeDefined();
    expect(exportTypes(exporter)).toEqual({ input: 'otelcol.Consumer' });
  });

  it('otelcol.processor.batch', () => {
    const batch = component('otelcol.processor.batch');
    expect(argumentOf(batch, 'timeout').default).toBe('"200ms"');
    expect(argumentOf(batch, 'send_batch_size').default).toBe('2000');
    expect(blockAt(batch, 'output').required).toBe(true);
    expect(exportTypes(batch)).toEqual({ input: 'otelcol.Consumer' });
  });

  it('remote.vault', () => {
    const vault = component('remote.vault');
    expect(argumentOf(vault, 'server').required).toBe(true);
    expect(argumentOf(vault, 'path').required).toBe(true);
    expect(argumentOf(blockAt(vault, 'auth.approle'), 'secret')).toMatchObject({ typeText: 'secret', required: true });
    expect(argumentOf(blockAt(vault, 'auth.aws'), 'region').default).toBe('"us-east-1"');
    expect(typeOf(blockAt(vault, 'auth.custom'), 'data')).toBe('map(secret)');
    expect(vault.exports.map((field) => field.name)).toContain('data');
  });

  it('prometheus.exporter.snmp', () => {
    const snmp = component('prometheus.exporter.snmp');
    expect(argumentOf(snmp, 'config_merge_strategy').allowedValues).toEqual(['replace', 'merge']);
    expect(typeOf(snmp, 'config')).toBe('secret');
    expect(blockAt(snmp, 'target')).toMatchObject({ repeatable: true, labelRequired: true });
    expect(argumentOf(blockAt(snmp, 'target'), 'address').required).toBe(true);
    expect(blockAt(snmp, 'walk_param').repeatable).toBe(true);
    expect(exportTypes(snmp)).toEqual({ targets: 'list(map(string))' });
  });

  it('discovery.docker', () => {
    const docker = component('discovery.docker');
    expect(argumentOf(docker, 'host').required).toBe(true);
    expect(argumentOf(docker, 'port').default).toBe('80');
    const filter = blockAt(docker, 'filter');
    expect(filter.repeatable).toBe(true);
    expect(argumentOf(filter, 'values')).toMatchObject({ required: true, typeText: 'list(string)' });
  });

  it('pyroscope.write', () => {
    const write = component('pyroscope.write');
    const endpoint = blockAt(write, 'endpoint');
    expect(endpoint.repeatable).toBe(true);
    expect(argumentOf(endpoint, 'remote_timeout').default).toBe('"10s"');
    expect(argumentOf(endpoint, 'max_backoff_retries').typeText).toBe('number');
    expect(exportTypes(write)).toEqual({ receiver: 'ProfilesReceiver' });
  });

  it('loki.relabel', () => {
    const relabel = component('loki.relabel');
    expect(typeOf(relabel, 'forward_to')).toBe('list(LogsReceiver)');
    expect(argumentOf(relabel, 'max_cache_size').default).toBe('10000');
    expect(blockAt(relabel, 'rule').repeatable).toBe(true);
    expect(exportTypes(relabel)).toEqual({ receiver: 'LogsReceiver', rules: 'RelabelRules' });
  });

  it('local.file', () => {
    const file = component('local.file');
    expect(argumentOf(file, 'filename').required).toBe(true);
    expect(argumentOf(file, 'detector').default).toBe('"fsnotify"');
    expect(argumentOf(file, 'is_secret').default).toBe('false');
    // `string` or `secret`, depending on `is_secret`.
    expect(exportTypes(file)).toEqual({ content: 'any' });
  });

  it('pyroscope.scrape', () => {
    const scrape = component('pyroscope.scrape');
    expect(typeOf(scrape, 'forward_to')).toBe('list(ProfilesReceiver)');
    expect(blockAt(scrape, 'profiling_config', 'profile.custom')).toMatchObject({ repeatable: true, labelRequired: true });
    expect(blockAt(scrape, 'profiling_config', 'profile.memory').labelRequired).toBeUndefined();
  });

  it('otelcol.receiver.solace uses the Go block names, not the docs ones', () => {
    const solace = component('otelcol.receiver.solace');
    expect(blockAt(solace, 'auth').required).toBe(true);
    expect(blockAt(solace, 'auth', 'sasl_plain').arguments.map((argument) => argument.name).sort()).toEqual(['password', 'username']);
    expect(argumentOf(blockAt(solace, 'flow_control', 'delayed_retry'), 'delay').default).toBe('"10ms"');
    expect(findBlock(solace, ['authentication'])).toBeUndefined();
  });

  it('names from the converter goldens that the docs lack are present', () => {
    const api = component('loki.source.api');
    expect(argumentOf(blockAt(api, 'http', 'tls'), 'client_ca').typeText).toBe('any');
    expect(argumentOf(blockAt(component('otelcol.exporter.kafka'), 'producer'), 'allow_auto_topic_creation').required).toBe(false);
    expect(blockAt(component('otelcol.processor.probabilistic_sampler'), 'output').open).toBe(true);
  });

  it('exports from the Go export types where the docs list none', () => {
    expect(exportTypes(component('otelcol.exporter.file'))).toEqual({ input: 'otelcol.Consumer' });
    expect(exportTypes(component('remote.http'))).toEqual({ content: 'any' });
    expect(component('database_observability.mysql').exportsOpen).toBe(true);
    expect(component('loki.source.api').exportsOpen).toBeUndefined();
  });

  it('stability of a few components', () => {
    expect(component('otelcol.receiver.nginx').stability).toBe('public-preview');
    expect(component('pyroscope.java').stability).toBe('generally-available');
    expect(component('otelcol.exporter.datadog').community).toBe(true);
    expect(component('database_observability.sql_server').stability).toBe('experimental');
  });
});
