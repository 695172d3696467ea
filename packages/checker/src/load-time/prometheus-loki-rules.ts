/**
 * Rules of Prometheus exporters and `prometheus.enrich`, `prometheus.operator.*`,
 * `prometheus.write.queue`, `mimir.rules.kubernetes`, of Loki components (`loki.process` metric and
 * template stages, `loki.source.file`, `loki.source.syslog`, `loki.source.cloudflare`, `docker`,
 * `gcplog`), and of the smaller namespaces (`database_observability.*`, `faro.receiver`,
 * `pyroscope.ebpf`).
 */
import type { BodyContext } from './body.js';
import { formatGoDuration, goQuote } from './go-format.js';
import { bound, exporterTargetsRule, notEmpty, oneOf } from './helpers.js';
import { LOAD_TIME_CODES, type LoadTimeRule, type RuleSet } from './rule-types.js';

const at = (body: BodyContext, name: string) => body.argumentRange(name);

// ---------------------------------------------------------------- prometheus.exporter.oracledb

const oracleMessages = {
  both: 'cannot set connection_string together with database blocks; use one or the other',
  none: 'no connection string was provided',
  name: 'database block requires a non-empty name',
  connection: 'database %q: connection_string is required',
};

// ---------------------------------------------------------------- mimir.rules.kubernetes

const matcherValues = "exactly one of 'value' or 'value_from_label' must be provided, got %d";

function checkMatcherValues(body: BodyContext): void {
  const states = ['value', 'value_from_label'].map((name) => body.presence({ attribute: name }));
  if (states.includes('unknown')) return;
  const count = states.filter((state) => state === 'set').length;
  if (count === 1) return;
  const range = count === 2 ? at(body, 'value_from_label') : (body.attribute('value') ? at(body, 'value') : body.attribute('value_from_label') ? at(body, 'value_from_label') : body.bodyRange());
  body.report(LOAD_TIME_CODES.combination, matcherValues.replace('%d', String(count)), range);
}

// ---------------------------------------------------------------- loki.process metrics

const maxIdle = (): LoadTimeRule =>
  ({ kind: 'compare', left: { argument: 'max_idle_duration' }, operator: '>=', right: { constant: 1_000_000_000 }, message: 'max_idle_duration must be greater or equal than 1s' });

const counterMessages = {
  matchAllAndValue: "a 'counter' metric supports either 'match_all' or a 'value', but not both",
  entryBytes: "the 'count_entry_bytes' counter field must be specified along with match_all set to true or action set to 'add'",
};

function checkCounter(body: BodyContext): void {
  const action = body.stringOf('action');
  if (action !== 'inc' && action !== 'add') return;
  const matchAll = body.presence({ attribute: 'match_all' });
  if (matchAll === 'set' && body.presence({ attribute: 'value' }) === 'set') {
    body.report(LOAD_TIME_CODES.combination, counterMessages.matchAllAndValue, at(body, body.attribute('value')!.start > (body.attribute('match_all')?.start ?? -1) ? 'value' : 'match_all'));
    return;
  }
  // Upstream requires match_all and action "add" together, whatever its text says.
  if (body.presence({ attribute: 'count_entry_bytes' }) === 'set' && matchAll !== 'unknown' && (matchAll === 'unset' || action !== 'add')) {
    body.report(LOAD_TIME_CODES.combination, counterMessages.entryBytes, at(body, 'count_entry_bytes'));
  }
}

const metricsUpstream = 'loki/process/metric/';

// ---------------------------------------------------------------- prometheus.write.queue

const queue = 'prometheus/write/queue/types.go';
const queueMessages = {
  batchCount: 'batch_count must be greater than 0',
  flushInterval: 'flush_interval must be greater or equal to 1s, the internal timers resolution is 1s',
  connections: 'max_connections less than min_connections',
  minConnections: 'min_connections must be greater than 0',
  drift: 'drift_scale_up_seconds less than or equal drift_scale_down_seconds',
  checkInterval: 'desired_check_interval must be greater than or equal to 1 second',
  errorFraction: 'allowed_network_error_percent must be between 0.00 and 1.00',
  metadataCache: 'metadata_cache_size must be greater than 0 when using Remote Write V2',
  protobuf: 'unknown remote write proto message: %s',
};
const remoteWriteV2 = 'io.prometheus.write.v2.Request';

// ---------------------------------------------------------------- prometheus.exporter.kafka

const kafkaInstance = 'an automatic value for `instance` cannot be determined from %d kafka servers, manually provide one for this component';

function checkKafkaInstance(body: BodyContext): void {
  const uris = body.effectiveValue('kafka_uris');
  if (!uris || uris.type !== 'array' || uris.elements.length < 2) return;
  if (body.stringOf('instance') !== '') return;
  body.report(LOAD_TIME_CODES.combination, kafkaInstance.replace('%d', String(uris.elements.length)), at(body, 'kafka_uris'));
}

// ---------------------------------------------------------------- loki.source.docker

const dockerRefresh = 'refresh_interval must be positive, got %q';

/** `%q` of a time.Duration prints its String() quoted. */
function checkDockerRefresh(body: BodyContext): void {
  if (!body.attribute('refresh_interval')) return;
  const interval = body.durationOf('refresh_interval');
  if (interval !== undefined && interval <= 0n) {
    body.report(LOAD_TIME_CODES.range, dockerRefresh.replace('%q', goQuote(formatGoDuration(interval))), at(body, 'refresh_interval'));
  }
}

// ---------------------------------------------------------------- database_observability

const databaseObservability = (component: 'mysql' | 'postgres'): RuleSet[] => [
  {
    name: `database_observability.${component}`,
    upstream: `database_observability/${component}/component.go`,
    attach: { component: `database_observability.${component}`, path: [] },
    rules: [
      {
        kind: 'at-most-one',
        members: [{ block: 'prometheus_exporter' }, { attribute: 'targets' }],
        message: 'prometheus_exporter and targets are mutually exclusive: use prometheus_exporter to embed the exporter, or targets to scrape an external one',
      },
    ],
  },
  {
    name: `database_observability.${component} cloud_provider`,
    upstream: `database_observability/${component}/component.go`,
    attach: { component: `database_observability.${component}`, path: ['cloud_provider'] },
    rules: [{ kind: 'at-most-one', members: [{ block: 'aws' }, { block: 'azure' }, { block: 'gcp' }], message: 'cloud_provider: at most one of aws, azure, or gcp must be specified' }],
  },
];

const gcplogTargets = "exactly one of 'push' or 'pull' must be provided";

export const prometheusLokiRuleSets: RuleSet[] = [
  ...databaseObservability('mysql'),
  ...databaseObservability('postgres'),
  {
    name: 'faro.receiver',
    upstream: 'faro/receiver/arguments.go',
    attach: { component: 'faro.receiver', path: [] },
    rules: [oneOf('log_format', ['', 'logfmt', 'json'], 'unrecognized log format %q', 'q')],
  },
  {
    name: 'faro.receiver rate_limiting',
    upstream: 'faro/receiver/arguments.go',
    attach: { component: 'faro.receiver', path: ['server', 'rate_limiting'] },
    rules: [oneOf('strategy', ['', 'global', 'per_app'], 'unrecognized rate limiting strategy %q', 'q')],
  },
  {
    name: 'loki.source.cloudflare',
    upstream: 'loki/source/cloudflare/cloudflare.go',
    attach: { component: 'loki.source.cloudflare', path: [] },
    rules: [bound('pull_range', '>=', 0, 'pull_range must be a positive duration')],
  },
  {
    name: 'loki.source.docker refresh_interval',
    upstream: 'loki/source/docker/docker.go',
    attach: { component: 'loki.source.docker', path: [] },
    rules: [{ kind: 'code', name: 'docker-refresh-interval', arguments: ['refresh_interval'], messages: [{ message: dockerRefresh, code: LOAD_TIME_CODES.range }], check: checkDockerRefresh }],
  },
  {
    name: 'loki.source.gcplog',
    upstream: 'loki/source/gcplog/gcplog.go',
    attach: { component: 'loki.source.gcplog', path: [] },
    rules: [
      { kind: 'required', anyOf: [{ block: 'push' }, { block: 'pull' }], message: gcplogTargets },
      { kind: 'at-most-one', members: [{ block: 'push' }, { block: 'pull' }], message: gcplogTargets },
    ],
  },
  {
    name: 'loki.source.gcplog push',
    upstream: 'loki/source/gcplog/gcptypes/gcptypes.go',
    attach: { component: 'loki.source.gcplog', path: ['push'] },
    rules: [bound('push_timeout', '>=', 0, 'push_timeout must be greater than zero')],
  },
  {
    name: 'prometheus.exporter.kafka',
    upstream: 'prometheus/exporter/kafka/kafka.go',
    attach: { component: 'prometheus.exporter.kafka', path: [] },
    rules: [{ kind: 'code', name: 'kafka-instance', arguments: ['kafka_uris', 'instance'], messages: [{ message: kafkaInstance, code: LOAD_TIME_CODES.combination }], check: checkKafkaInstance }],
  },
  {
    name: 'prometheus.exporter.redis',
    upstream: 'prometheus/exporter/redis/redis.go',
    attach: { component: 'prometheus.exporter.redis', path: [] },
    rules: [{ kind: 'at-most-one', members: [{ attribute: 'script_path' }, { attribute: 'script_paths' }], message: 'only one of script_path and script_paths should be specified' }],
  },
  {
    // operator.Arguments of podmonitors, probes and scrapeconfigs; servicemonitors embeds it.
    name: 'prometheus.operator kubernetes_role',
    upstream: 'prometheus/operator/types.go',
    attach: { arguments: ['kubernetes_role'], onlyComponents: ['prometheus.operator.*'] },
    rules: [oneOf('kubernetes_role', ['endpoints', 'endpointslice'], 'only endpoints and endpointslice are supported')],
  },
  {
    // The queue's Validate reads every endpoint (EndpointConfig.SetToDefault gives each its defaults).
    name: 'prometheus.write.queue endpoint',
    upstream: queue,
    attach: { component: 'prometheus.write.queue', path: ['endpoint'] },
    rules: [
      bound('batch_count', '>', 0, queueMessages.batchCount),
      bound('flush_interval', '>=', 1_000_000_000, queueMessages.flushInterval),
      {
        kind: 'code',
        name: 'queue-metadata-cache',
        arguments: ['protobuf_message', 'metadata_cache_size'],
        messages: [{ message: queueMessages.metadataCache, code: LOAD_TIME_CODES.combination }],
        check: (body) => {
          if (body.stringOf('protobuf_message') !== remoteWriteV2) return;
          const size = body.numberOf('metadata_cache_size');
          if (size !== undefined && size <= 0) body.report(LOAD_TIME_CODES.combination, queueMessages.metadataCache, at(body, body.attribute('metadata_cache_size') ? 'metadata_cache_size' : 'protobuf_message'));
        },
      },
      // The RemoteWriteProtoMsg decoder.
      oneOf('protobuf_message', ['prometheus.WriteRequest', remoteWriteV2], queueMessages.protobuf),
    ],
  },
  {
    name: 'prometheus.write.queue endpoint parallelism',
    upstream: queue,
    attach: { component: 'prometheus.write.queue', path: ['endpoint', 'parallelism'] },
    rules: [
      { kind: 'compare', left: { argument: 'max_connections' }, operator: '>=', right: { argument: 'min_connections' }, message: queueMessages.connections },
      bound('min_connections', '!=', 0, queueMessages.minConnections),
      { kind: 'compare', left: { argument: 'drift_scale_up' }, operator: '>', right: { argument: 'drift_scale_down' }, message: queueMessages.drift },
      bound('desired_check_interval', '>=', 1_000_000_000, queueMessages.checkInterval),
      bound('allowed_network_error_fraction', '>=', 0, queueMessages.errorFraction),
      bound('allowed_network_error_fraction', '<=', 1, queueMessages.errorFraction),
    ],
  },
  {
    name: 'pyroscope.ebpf comm',
    upstream: 'pyroscope/ebpf/reporter/args/comm.go',
    attach: { component: 'pyroscope.ebpf', path: [] },
    rules: [
      {
        kind: 'enum',
        argument: 'comm',
        values: ['', 'none', 'label', 'stackframe', 'both'],
        message: 'invalid comm mode %q, valid values are: %q, %q, %q, %q',
        messageArguments: [{ argument: 'comm', verb: 'q' }, { text: '"none"' }, { text: '"label"' }, { text: '"stackframe"' }, { text: '"both"' }],
      },
    ],
  },
  {
    name: 'prometheus.exporter.snmp',
    upstream: 'prometheus/exporter/snmp/snmp.go',
    attach: { component: 'prometheus.exporter.snmp', path: [] },
    rules: [
      { kind: 'at-most-one', members: [{ attribute: 'config_file' }, { attribute: 'config' }], message: 'config and config_file are mutually exclusive' },
      { kind: 'at-most-one', members: [{ block: 'target' }, { attribute: 'targets' }], message: 'the block `target` and the attribute `targets` are mutually exclusive' },
      exporterTargetsRule(),
    ],
  },
  {
    name: 'prometheus.exporter.oracledb',
    upstream: 'prometheus/exporter/oracledb/oracledb.go',
    attach: { component: 'prometheus.exporter.oracledb', path: [] },
    rules: [
      { kind: 'at-most-one', members: [{ block: 'database' }, { attribute: 'connection_string' }], message: oracleMessages.both },
      { kind: 'required', anyOf: [{ block: 'database' }, { attribute: 'connection_string' }], message: oracleMessages.none },
    ],
  },
  {
    name: 'prometheus.exporter.oracledb database',
    upstream: 'prometheus/exporter/oracledb/oracledb.go',
    attach: { component: 'prometheus.exporter.oracledb', path: ['database'] },
    rules: [
      notEmpty('name', oracleMessages.name, { trim: true }),
      {
        kind: 'code',
        name: 'oracledb-database-connection',
        arguments: ['connection_string'],
        messages: [{ message: oracleMessages.connection, code: LOAD_TIME_CODES.value }],
        check: (body) => {
          const name = body.stringOf('name');
          if (!body.attribute('connection_string') || name === undefined || name.trim() === '' || body.stringOf('connection_string') !== '') return;
          body.report(LOAD_TIME_CODES.value, oracleMessages.connection.replace('%q', goQuote(name)), at(body, 'connection_string'));
        },
      },
    ],
  },
  {
    name: 'prometheus.exporter.mssql (connections)',
    upstream: 'prometheus/exporter/mssql/mssql.go',
    attach: { component: 'prometheus.exporter.mssql', path: [] },
    rules: [
      bound('max_open_connections', '>=', 1, 'max_open_connections must be at least 1'),
      bound('max_idle_connections', '>=', 1, 'max_idle_connections must be at least 1'),
    ],
  },
  {
    name: 'prometheus.exporter.postgres',
    upstream: 'prometheus/exporter/postgres/postgres.go',
    attach: { component: 'prometheus.exporter.postgres', path: [] },
    rules: [
      {
        kind: 'requires',
        when: [{ attribute: 'disable_default_metrics' }],
        then: [{ attribute: 'custom_queries_config_path' }],
        message: 'custom_queries_config_path must be set when disable_default_metrics is true',
      },
      {
        kind: 'at-most-one',
        members: [{ attribute: 'disable_default_metrics' }, { attribute: 'enabled_collectors' }],
        message: 'enabled_collectors cannot be set when disable_default_metrics is true',
      },
    ],
  },
  {
    name: 'prometheus.enrich',
    upstream: 'prometheus/enrich/enrich.go',
    attach: { component: 'prometheus.enrich', path: [] },
    rules: [
      {
        kind: 'required',
        anyOf: [{ attribute: 'target_match_label' }, { attribute: 'metrics_match_label' }, { attribute: 'target_to_metric_match' }],
        message: 'at least one match mechanism must be specified: set target_match_label or target_to_metric_match',
      },
      {
        kind: 'requires',
        when: [{ attribute: 'metrics_match_label' }],
        then: [{ attribute: 'target_match_label' }, { attribute: 'target_to_metric_match' }],
        message: 'target_match_label must be set when using legacy match fields',
      },
    ],
  },
  {
    name: 'mimir.rules.kubernetes matcher',
    upstream: 'mimir/rules/kubernetes/types.go',
    attach: { component: 'mimir.rules.kubernetes', path: ['extra_query_matchers', 'matcher'] },
    rules: [
      {
        kind: 'code',
        name: 'matcher-value',
        arguments: ['value', 'value_from_label'],
        evenWhenUnwritten: true,
        messages: [{ message: matcherValues, code: LOAD_TIME_CODES.combination }],
        check: checkMatcherValues,
      },
    ],
  },
  {
    name: 'loki.process metric.counter',
    upstream: `${metricsUpstream}counters.go`,
    attach: { component: 'loki.process', path: ['stage.metrics', 'metric.counter'] },
    rules: [
      maxIdle(),
      {
        kind: 'code',
        name: 'counter-fields',
        arguments: ['action', 'match_all', 'value', 'count_entry_bytes'],
        messages: [
          { message: counterMessages.matchAllAndValue, code: LOAD_TIME_CODES.combination },
          { message: counterMessages.entryBytes, code: LOAD_TIME_CODES.combination },
        ],
        check: checkCounter,
      },
    ],
  },
  {
    name: 'loki.process metric.gauge',
    upstream: `${metricsUpstream}gauges.go`,
    attach: { component: 'loki.process', path: ['stage.metrics', 'metric.gauge'] },
    rules: [maxIdle()],
  },
  {
    name: 'loki.process metric.histogram',
    upstream: `${metricsUpstream}histograms.go`,
    attach: { component: 'loki.process', path: ['stage.metrics', 'metric.histogram'] },
    rules: [maxIdle()],
  },
  {
    name: 'loki.process stage.template',
    upstream: 'loki/process/stages/template.go',
    attach: { component: 'loki.process', path: ['stage.template'] },
    rules: [
      {
        kind: 'code',
        name: 'template-source',
        arguments: ['source'],
        messages: [{ message: 'template source value is required', code: LOAD_TIME_CODES.value }],
        check: (body) => {
          if (body.attribute('source') && body.stringOf('source') === '') body.report(LOAD_TIME_CODES.value, 'template source value is required', at(body, 'source'));
        },
      },
    ],
  },
  {
    name: 'loki.source.file',
    upstream: 'loki/source/file/file.go',
    attach: { component: 'loki.source.file', path: [] },
    rules: [oneOf('on_positions_file_error', ['skip', 'restart_from_end', 'restart_from_beginning'], 'unknown OnPositionsFileError value: %s')],
  },
  {
    // The listener's SyslogFormat decoder: other texts fail before Validate (whose %q text is never reached).
    name: 'loki.source.syslog listener syslog_format',
    upstream: 'loki/source/syslog/config/config.go',
    attach: { component: 'loki.source.syslog', path: ['listener'] },
    rules: [oneOf('syslog_format', ['rfc5424', 'rfc3164', 'raw'], 'unknown syslog format: %s')],
  },
];
