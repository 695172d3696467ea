/**
 * Rules of Prometheus exporters and `prometheus.enrich`, `mimir.rules.kubernetes`, and of Loki
 * components (`loki.process` metric and template stages, `loki.source.file`, `loki.source.syslog`).
 */
import type { BodyContext } from './body.js';
import { goQuote } from './go-format.js';
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
    body.report(LOAD_TIME_CODES.combination, counterMessages.matchAllAndValue, at(body, body.attribute('value')!.start.offset > (body.attribute('match_all')?.start.offset ?? -1) ? 'value' : 'match_all'));
    return;
  }
  // Upstream requires match_all and action "add" together, whatever its text says.
  if (body.presence({ attribute: 'count_entry_bytes' }) === 'set' && matchAll !== 'unknown' && (matchAll === 'unset' || action !== 'add')) {
    body.report(LOAD_TIME_CODES.combination, counterMessages.entryBytes, at(body, 'count_entry_bytes'));
  }
}

const metricsUpstream = 'loki/process/metric/';

export const prometheusLokiRuleSets: RuleSet[] = [
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
