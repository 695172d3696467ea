/**
 * Rules of the `otelcol.*` components (and the OpenTelemetry config types they share: the retry
 * settings, the stanza multiline settings). Alloy's decoder calls `SetToDefault` and `Validate` of
 * every block it decodes, so a nested block's rules are reported with its own text.
 */
import type { BodyContext } from './body.js';
import { base2BytesOf, bound, notEmpty, oneOf, stringList } from './helpers.js';
import { LOAD_TIME_CODES, type LoadTimeRule, type RuleSet } from './rule-types.js';
import { goQuote } from './go-format.js';
import { parseGoDuration } from '../go-duration.js';

const at = (body: BodyContext, name: string) => body.argumentRange(name);

// ---------------------------------------------------------------- shared OpenTelemetry types

const retryMessages = {
  multiplier: 'multiplier must be greater than 1.0',
  randomization: 'randomization_factor must be greater or equal to 0',
};

/** `otelcol.RetryArguments` (`retry_on_failure` of the exporters); the Kafka receiver's `error_backoff` is its own type. */
export const otelcolRetryRuleSet: RuleSet = {
  name: 'otelcol retry_on_failure',
  upstream: 'otelcol/config_retry.go',
  attach: { block: 'retry_on_failure', arguments: ['multiplier', 'randomization_factor'], onlyComponents: ['otelcol.*'] },
  rules: [bound('multiplier', '>', 1, retryMessages.multiplier), bound('randomization_factor', '>=', 0, retryMessages.randomization)],
};

const multilineMessages = {
  neither: 'either line_start_pattern or line_end_pattern must be set',
  both: 'only one of line_start_pattern or line_end_pattern can be set',
};

/** `otelcol.MultilineConfig` of the stanza-based receivers (filelog, syslog's tcp and udp, tcplog, udplog). */
export const otelcolMultilineRuleSet: RuleSet = {
  name: 'otelcol multiline',
  upstream: 'otelcol/config_stanza_receivers.go',
  attach: { block: 'multiline', arguments: ['line_start_pattern', 'line_end_pattern'], onlyComponents: ['otelcol.*'] },
  rules: [
    { kind: 'required', anyOf: [{ attribute: 'line_start_pattern' }, { attribute: 'line_end_pattern' }], message: multilineMessages.neither },
    { kind: 'at-most-one', members: [{ attribute: 'line_start_pattern' }, { attribute: 'line_end_pattern' }], message: multilineMessages.both },
  ],
};

// ---------------------------------------------------------------- otelcol.receiver.filelog

const filelogMessages = {
  deleteAfterRead: "'delete_after_read' cannot be used with 'start_at = end'",
};

const filelog = 'otelcol/receiver/filelog/filelog.go';

// ---------------------------------------------------------------- otelcol.receiver.syslog, tcplog

const minimumMaxLogSize = 64 * 1024;

function maxLogSizeRule(message: string, zeroAllowed: boolean): LoadTimeRule {
  return {
    kind: 'code',
    name: 'max-log-size',
    arguments: ['max_log_size'],
    messages: [{ message, code: LOAD_TIME_CODES.range }],
    check: (body) => {
      if (!body.attribute('max_log_size')) return;
      const size = base2BytesOf(body, 'max_log_size');
      if (size === undefined || !Number.isInteger(size) || (zeroAllowed && size === 0) || size >= minimumMaxLogSize) return;
      body.report(LOAD_TIME_CODES.range, message.replace('%d', String(size)).replace('%d', String(minimumMaxLogSize)), at(body, 'max_log_size'));
    },
  };
}

// ---------------------------------------------------------------- otelcol.processor.cumulativetodelta

function metricTypesRule(): LoadTimeRule {
  const message = 'metric_types must be one of %q and %q';
  return {
    kind: 'code',
    name: 'metric-types',
    arguments: ['metric_types'],
    messages: [{ message, code: LOAD_TIME_CODES.value }],
    check: (body) => {
      const types = body.argument('metric_types');
      if (types.state !== 'known') return;
      const list = stringList(body, 'metric_types');
      if (list?.some((type) => type !== 'sum' && type !== 'histogram')) body.report(LOAD_TIME_CODES.value, 'metric_types must be one of "sum" and "histogram"', at(body, 'metric_types'));
    },
  };
}

const cumulativeToDeltaMatch = (block: 'include' | 'exclude'): RuleSet => ({
  name: `otelcol.processor.cumulativetodelta ${block}`,
  upstream: 'otelcol/processor/cumulativetodelta/cumulativetodelta.go',
  attach: { component: 'otelcol.processor.cumulativetodelta', path: [block] },
  rules: [
    { kind: 'requires', when: [{ attribute: 'metrics' }], then: [{ attribute: 'match_type' }], message: 'match_type must be set if metrics are supplied' },
    { kind: 'requires', when: [{ attribute: 'match_type' }], then: [{ attribute: 'metrics' }], message: 'metrics must be supplied if match_type is set' },
    {
      kind: 'enum',
      argument: 'match_type',
      values: ['', 'strict', 'regexp'],
      message: 'match_type must be one of %q and %q',
      messageArguments: [{ text: '"strict"' }, { text: '"regexp"' }],
    },
    metricTypesRule(),
  ],
});

// ---------------------------------------------------------------- otelcol.processor.memory_limiter

const memoryLimiterMessages = {
  both: 'either limit or limit_percentage must be set, but not both',
  spike: 'spike_limit must be less than limit',
};

function checkMemoryLimit(body: BodyContext): void {
  const limit = base2BytesOf(body, 'limit');
  if (limit === undefined || limit <= 0) return;
  const percentage = body.numberOf('limit_percentage');
  if (percentage === undefined) return;
  if (percentage > 0) {
    body.report(LOAD_TIME_CODES.combination, memoryLimiterMessages.both, at(body, body.attribute('limit_percentage') ? 'limit_percentage' : 'limit'));
    return;
  }
  const spike = base2BytesOf(body, 'spike_limit');
  if (spike !== undefined && spike >= limit) body.report(LOAD_TIME_CODES.range, memoryLimiterMessages.spike, at(body, body.attribute('spike_limit') ? 'spike_limit' : 'limit'));
}

// ---------------------------------------------------------------- otelcol.processor.resourcedetection

const detectors = [
  'env', 'ec2', 'ecs', 'eks', 'elasticbeanstalk', 'lambda', 'akamai', 'azure', 'aks', 'consul', 'digitalocean', 'docker', 'gcp', 'heroku',
  'hetzner', 'system', 'openshift', 'kubernetes_node', 'kubeadm', 'dynatrace', 'nova', 'oraclecloud', 'scaleway', 'upcloud', 'vultr',
  'tencent_cvm', 'alibaba_ecs',
];

/** Every element of a written list of strings must be one of `values`; the first other one is reported. */
function eachOneOf(argument: string, values: string[], message: string, empty?: string): LoadTimeRule {
  return {
    kind: 'code',
    name: `each-of-${argument}`,
    arguments: [argument],
    messages: [
      ...(empty ? [{ message: empty, code: LOAD_TIME_CODES.value }] : []),
      { message, code: LOAD_TIME_CODES.value },
    ],
    check: (body) => {
      const state = body.argument(argument);
      if (state.state !== 'known') return;
      const list = state.value.type === 'null' ? [] : stringList(body, argument);
      if (list === undefined) return;
      if (list.length === 0) {
        if (empty) body.report(LOAD_TIME_CODES.value, empty, at(body, argument));
        return;
      }
      const other = list.find((item) => !values.includes(item));
      if (other !== undefined) body.report(LOAD_TIME_CODES.value, message.replace('%s', other), at(body, argument));
    },
  };
}

// ---------------------------------------------------------------- otelcol.receiver.kafka

const kafkaMessages = {
  rebalance: "group_rebalance_strategy must be one of 'range', 'roundrobin', 'sticky', or 'cooperative-sticky'",
};

/** `error_backoff` has no defaults of its own: an enabled back-off without `multiplier` has 0. */
function checkKafkaBackOff(body: BodyContext): void {
  const enabled = body.argument('enabled');
  if (enabled.state !== 'known' || enabled.value.type !== 'bool' || !enabled.value.value) return;
  const multiplier = body.attribute('multiplier') ? body.numberOf('multiplier') : 0;
  if (multiplier === undefined) return;
  if (multiplier <= 1) {
    body.report(LOAD_TIME_CODES.range, retryMessages.multiplier, at(body, body.attribute('multiplier') ? 'multiplier' : 'enabled'));
    return;
  }
  const factor = body.attribute('randomization_factor') ? body.numberOf('randomization_factor') : 0;
  if (factor !== undefined && factor < 0) body.report(LOAD_TIME_CODES.range, retryMessages.randomization, at(body, 'randomization_factor'));
}

// ---------------------------------------------------------------- otelcol.storage.file

const storageMessages = {
  transaction: 'max transaction size for compaction cannot be less than 0',
  checkInterval: 'compaction check interval must be positive when rebound compaction is set',
  octal: 'directory_permissions value must be a valid octal representation',
  bits: 'directory_permissions contain invalid bits for file access',
};

/** `strconv.ParseInt(text, 8, 32)`: an optional sign and octal digits, within int32. */
function parseOctal(text: string): number | undefined {
  const match = /^([+-]?)([0-7]+)$/.exec(text);
  if (!match) return undefined;
  const value = Number.parseInt(match[2]!, 8) * (match[1] === '-' ? -1 : 1);
  return value > 2 ** 31 - 1 || value < -(2 ** 31) ? undefined : value;
}

function checkDirectoryPermissions(body: BodyContext): void {
  if (!body.attribute('directory_permissions')) return;
  const create = body.effectiveValue('create_directory');
  if (!create || create.type !== 'bool' || !create.value) return;
  const text = body.stringOf('directory_permissions');
  if (text === undefined) return;
  const permissions = parseOctal(text);
  if (permissions === undefined) body.report(LOAD_TIME_CODES.value, storageMessages.octal, at(body, 'directory_permissions'));
  // Go's `permissions & 0o777 != permissions`: negative values keep bits outside the mask.
  else if (permissions < 0 || (permissions & 0o777) !== permissions) body.report(LOAD_TIME_CODES.value, storageMessages.bits, at(body, 'directory_permissions'));
}

// ---------------------------------------------------------------- otelcol.receiver.solace

const solaceMessages = {
  auth: 'the auth block must contain exactly one of sasl_plain block, sasl_xauth2 block or sasl_external block',
  queue: 'queue must not be empty, queue definition has format queue://<queuename>',
  delay: 'the delay attribute in the delayed_retry block must be > 0, got %d',
};

const solaceAuth = [{ block: 'sasl_plain' }, { block: 'sasl_xauth2' }, { block: 'sasl_external' }];

// ---------------------------------------------------------------- otelcol.receiver.googlecloudpubsub

const subscriptionPattern = /projects\/[a-z][a-z0-9-]*\/subscriptions\//;
const subscriptionMessage = "subscription '%s' is not a valid format, use 'projects/<project_id>/subscriptions/<name>'";

// ---------------------------------------------------------------- otelcol.auth.headers

const headerMessages = {
  action: 'unknown action %v',
  key: 'key must be set to a non-empty string',
  none: 'one of value, from_context, or from_attribute must be provided',
  many: 'only one of value, from_context, or from_attribute may be provided',
};
/** A header's sources count when written (pointers in Go), even empty. */
const headerSources = ['value', 'from_context', 'from_attribute'].map((attribute) => ({ attribute, whenPresent: true as const }));

// ---------------------------------------------------------------- otelcol.connector.spanmetrics

const spanmetrics = 'otelcol/connector/spanmetrics/spanmetrics.go';
const spanmetricsTypes = 'otelcol/connector/spanmetrics/types.go';

function checkTimestampCache(body: BodyContext): void {
  if (body.stringOf('aggregation_temporality') !== 'DELTA') return;
  const size = body.numberOf('metric_timestamp_cache_size');
  if (size === undefined || size > 0 || !Number.isInteger(size)) return;
  const written = body.attribute('metric_timestamp_cache_size') ? 'metric_timestamp_cache_size' : 'aggregation_temporality';
  body.report(LOAD_TIME_CODES.range, `invalid metric_timestamp_cache_size: ${size}, the cache size should be positive`, at(body, written));
}

// ---------------------------------------------------------------- otelcol.processor.span

const spanStatusMessages = {
  code: 'status code is set to an invalid value of %q',
  description: 'status description should be empty for non-error status codes',
};

// ---------------------------------------------------------------- otelcol.exporter.otlphttp

const otlphttpEndpoints = 'at least one endpoint must be specified';

/** `client.endpoint` and the three per-signal endpoints all empty (the client block is required). */
function checkOtlphttpEndpoints(body: BodyContext): void {
  const client = body.child('client');
  if (!client || client.argument('endpoint').state === 'absent') return;
  const values = [client.stringOf('endpoint'), ...['traces_endpoint', 'metrics_endpoint', 'logs_endpoint'].map((name) => body.stringOf(name))];
  if (values.every((value) => value === '')) body.report(LOAD_TIME_CODES.combination, otlphttpEndpoints, client.argumentRange('endpoint'));
}

// ---------------------------------------------------------------- otelcol.processor.tail_sampling, transform

/** A text type whose decoder lower-cases the value and refuses other names (`%v` is the lower-cased text). */
function lowerCaseOneOf(name: string, argument: string, values: string[], message: string): LoadTimeRule {
  return {
    kind: 'code',
    name,
    arguments: [argument],
    messages: [{ message, code: LOAD_TIME_CODES.value }],
    check: (body) => {
      if (body.argument(argument).state !== 'known') return;
      const text = body.stringOf(argument)?.toLowerCase();
      if (text !== undefined && !values.includes(text)) body.report(LOAD_TIME_CODES.value, message.replace('%v', text), at(body, argument));
    },
  };
}

// ---------------------------------------------------------------- otelcol.receiver.datadog

const datadogProxy = 'a proxy block with an api block is required when intake behavior is %q';

// ---------------------------------------------------------------- otelcol.extension.jaeger_remote_sampling

const jaegerSamplingMessages = {
  server: 'http or grpc must be configured to serve the sampling document',
  none: 'one of contents, file or remote must be configured',
  many: 'only one of contents, file or remote can be configured',
};
const jaegerSamplingSources = [{ attribute: 'content' }, { attribute: 'file' }, { block: 'remote' }];

// ---------------------------------------------------------------- rule sets

export const otelcolRuleSets: RuleSet[] = [
  otelcolRetryRuleSet,
  otelcolMultilineRuleSet,
  {
    // The deprecated `level` of every `debug_metrics` block: its decoder accepts the four levels only.
    name: 'otelcol debug_metrics',
    upstream: 'otelcol/config/config_debug_metrics.go',
    attach: { block: 'debug_metrics', arguments: ['level'], onlyComponents: ['otelcol.*'] },
    rules: [oneOf('level', ['none', 'basic', 'normal', 'detailed'], 'unrecognized debug level %q', 'q')],
  },
  {
    name: 'otelcol.exporter.datadog api',
    upstream: 'otelcol/exporter/datadog/datadog.go',
    attach: { component: 'otelcol.exporter.datadog', path: ['api'] },
    rules: [notEmpty('api_key', 'missing API key')],
  },
  {
    name: 'otelcol.exporter.otlphttp endpoints',
    upstream: 'otelcol/exporter/otlphttp/otlphttp.go',
    attach: { component: 'otelcol.exporter.otlphttp', path: [] },
    rules: [
      {
        kind: 'code',
        name: 'otlphttp-endpoints',
        arguments: ['client', 'traces_endpoint', 'metrics_endpoint', 'logs_endpoint'],
        messages: [{ message: otlphttpEndpoints, code: LOAD_TIME_CODES.combination }],
        check: checkOtlphttpEndpoints,
      },
    ],
  },
  {
    name: 'otelcol.exporter.prometheus',
    upstream: 'otelcol/exporter/prometheus/prometheus.go',
    attach: { component: 'otelcol.exporter.prometheus', path: [] },
    rules: [bound('gc_frequency', '!=', 0, 'gc_frequency must be greater than 0')],
  },
  {
    name: 'otelcol.extension.jaeger_remote_sampling',
    upstream: 'otelcol/extension/jaeger_remote_sampling/jaeger_remote_sampling.go',
    attach: { component: 'otelcol.extension.jaeger_remote_sampling', path: [] },
    rules: [{ kind: 'required', anyOf: [{ block: 'http' }, { block: 'grpc' }], message: jaegerSamplingMessages.server }],
  },
  {
    name: 'otelcol.extension.jaeger_remote_sampling source',
    upstream: 'otelcol/extension/jaeger_remote_sampling/jaeger_remote_sampling.go',
    attach: { component: 'otelcol.extension.jaeger_remote_sampling', path: ['source'] },
    rules: [
      { kind: 'required', anyOf: jaegerSamplingSources, message: jaegerSamplingMessages.none },
      { kind: 'at-most-one', members: jaegerSamplingSources, message: jaegerSamplingMessages.many },
    ],
  },
  {
    name: 'otelcol.processor.metric_start_time strategy',
    upstream: 'otelcol/processor/metricstarttime/metricstarttime.go',
    attach: { component: 'otelcol.processor.metric_start_time', path: [] },
    rules: [
      oneOf(
        'strategy',
        ['true_reset_point', 'subtract_initial_point', 'start_time_metric'],
        'invalid strategy %q, must be one of: true_reset_point, subtract_initial_point, start_time_metric',
        'q',
      ),
    ],
  },
  {
    // `DecisionWait.Milliseconds() <= 0`: anything under a millisecond.
    name: 'otelcol.processor.tail_sampling decision_wait',
    upstream: 'otelcol/processor/tail_sampling/tail_sampling.go',
    attach: { component: 'otelcol.processor.tail_sampling', path: [] },
    rules: [bound('decision_wait', '>=', 1_000_000, 'decision_wait must be greater than zero')],
  },
  {
    name: 'otelcol.processor.tail_sampling ottl_condition',
    upstream: 'otelcol/processor/tail_sampling/types.go',
    attach: { block: 'ottl_condition', arguments: ['error_mode'], onlyComponents: ['otelcol.processor.tail_sampling'] },
    rules: [lowerCaseOneOf('tail-sampling-error-mode', 'error_mode', ['ignore', 'propagate', 'silent'], 'unknown error mode %v')],
  },
  {
    // The `context` of trace_statements, metric_statements and log_statements.
    name: 'otelcol.processor.transform statements context',
    upstream: 'otelcol/processor/transform/transform.go',
    attach: { arguments: ['context', 'statements'], onlyComponents: ['otelcol.processor.transform'] },
    rules: [lowerCaseOneOf('transform-context', 'context', ['resource', 'scope', 'span', 'spanevent', 'metric', 'datapoint', 'log'], 'unknown context %v')],
  },
  {
    name: 'otelcol.receiver.datadog intake',
    upstream: 'otelcol/receiver/datadog/datadog.go',
    attach: { component: 'otelcol.receiver.datadog', path: ['intake'] },
    rules: [
      {
        kind: 'code',
        name: 'datadog-intake-proxy',
        arguments: ['behavior', 'proxy'],
        messages: [{ message: datadogProxy, code: LOAD_TIME_CODES.combination }],
        check: (body) => {
          const behavior = body.stringOf('behavior');
          if (behavior === 'proxy' && body.blocks('proxy').length === 0) body.report(LOAD_TIME_CODES.combination, datadogProxy.replace('%q', goQuote(behavior)), at(body, 'behavior'));
        },
      },
    ],
  },
  {
    // FilterArguments of the metrics_include and metrics_exclude blocks (a regexp that does not compile wraps Go's error).
    name: 'otelcol.receiver.file_stats filter',
    upstream: 'otelcol/receiver/file_stats/types.go',
    attach: { arguments: ['strict', 'regexp'], onlyComponents: ['otelcol.receiver.file_stats'] },
    rules: [
      { kind: 'required', anyOf: [{ attribute: 'strict' }, { attribute: 'regexp' }], message: 'must specify either strict or regexp' },
      { kind: 'at-most-one', members: [{ attribute: 'strict' }, { attribute: 'regexp' }], message: 'strict and regexp are mutually exclusive' },
    ],
  },
  {
    name: 'otelcol.receiver.fluentforward',
    upstream: 'otelcol/receiver/fluentforward/fluentforward.go',
    attach: { component: 'otelcol.receiver.fluentforward', path: [] },
    rules: [notEmpty('endpoint', 'endpoint must not be empty')],
  },
  {
    name: 'otelcol.receiver.influxdb',
    upstream: 'otelcol/receiver/influxdb/influxdb.go',
    attach: { component: 'otelcol.receiver.influxdb', path: [] },
    rules: [notEmpty('endpoint', 'HTTP server endpoint cannot be empty')],
  },
  {
    name: 'otelcol.receiver.jaeger protocols',
    upstream: 'otelcol/receiver/jaeger/jaeger.go',
    attach: { component: 'otelcol.receiver.jaeger', path: ['protocols'] },
    rules: [
      {
        kind: 'required',
        anyOf: [{ block: 'grpc' }, { block: 'thrift_http' }, { block: 'thrift_binary' }, { block: 'thrift_compact' }],
        message: 'at least one protocol must be enabled',
      },
    ],
  },
  {
    name: 'otelcol.receiver.filelog',
    upstream: filelog,
    attach: { component: 'otelcol.receiver.filelog', path: [] },
    rules: [
      bound('max_concurrent_files', '>=', 1, "'max_concurrent_files' must be positive"),
      bound('max_batches', '>=', 0, "'max_batches' must not be negative"),
      {
        kind: 'code',
        name: 'filelog-delete-after-read',
        arguments: ['delete_after_read', 'start_at'],
        messages: [{ message: filelogMessages.deleteAfterRead, code: LOAD_TIME_CODES.combination }],
        check: (body) => {
          if (body.presence({ attribute: 'delete_after_read' }) === 'set' && body.stringOf('start_at') === 'end') {
            body.report(LOAD_TIME_CODES.combination, filelogMessages.deleteAfterRead, at(body, 'delete_after_read'));
          }
        },
      },
      oneOf('compression', ['', 'gzip', 'auto'], "invalid 'compression' type: %s"),
      bound('poll_interval', '>=', 0, "'poll_interval' must not be negative"),
      bound('fingerprint_size', '>=', 0, "'fingerprint_size' must not be negative"),
      bound('max_log_size', '>=', 0, "'max_log_size' must not be negative"),
      bound('force_flush_period', '>=', 0, "'force_flush_period' must not be negative"),
      bound('exclude_older_than', '>=', 0, "'exclude_older_than' must not be negative"),
    ],
  },
  {
    name: 'otelcol.receiver.filelog ordering_criteria',
    upstream: filelog,
    attach: { component: 'otelcol.receiver.filelog', path: ['ordering_criteria'] },
    rules: [bound('top_n', '>=', 0, "'top_n' must not be negative")],
  },
  {
    name: 'otelcol.receiver.filelog sort_by',
    upstream: filelog,
    attach: { component: 'otelcol.receiver.filelog', path: ['ordering_criteria', 'sort_by'] },
    rules: [oneOf('sort_type', ['timestamp', 'numeric', 'lexicographic', 'mtime'], "invalid 'sort_type': %s")],
  },
  {
    name: 'otelcol.receiver.filelog header',
    upstream: filelog,
    attach: { component: 'otelcol.receiver.filelog', path: ['header'] },
    rules: [{ kind: 'required', anyOf: [{ attribute: 'metadata_operators' }], message: "'header' requires at least one 'metadata_operator'" }],
  },
  ...['otelcol.receiver.syslog', 'otelcol.exporter.syslog'].map(
    (component): RuleSet => ({
      // config.SysLogFormat's decoder: any other text fails before Validate runs.
      name: `${component} protocol`,
      upstream: 'common/config/types.go',
      attach: { component, path: [] },
      rules: [oneOf('protocol', ['rfc5424', 'rfc3164'], 'unknown syslog format: %s')],
    }),
  ),
  {
    name: 'otelcol.receiver.syslog',
    upstream: 'otelcol/receiver/syslog/syslog.go',
    attach: { component: 'otelcol.receiver.syslog', path: [] },
    rules: [
      { kind: 'required', anyOf: [{ block: 'tcp' }, { block: 'udp' }], message: "at least one of 'tcp' or 'udp' must be configured" },
      // The framing trailer's decoder refuses other texts (with the syslog format's text).
      oneOf('non_transparent_framing_trailer', ['LF', 'NUL'], 'unknown syslog format: %s'),
      oneOf('on_error', ['drop', 'drop_quiet', 'send', 'send_quiet'], 'invalid on_error: %s'),
    ],
  },
  {
    name: 'otelcol.receiver.syslog tcp',
    upstream: 'otelcol/receiver/syslog/syslog.go',
    attach: { component: 'otelcol.receiver.syslog', path: ['tcp'] },
    rules: [maxLogSizeRule("invalid value %d for parameter 'tcp.max_log_size', must be equal to or greater than %d bytes", true)],
  },
  {
    name: 'otelcol.receiver.tcplog',
    upstream: 'otelcol/receiver/tcplog/tcplog.go',
    attach: { component: 'otelcol.receiver.tcplog', path: [] },
    rules: [maxLogSizeRule("invalid value %d for parameter 'max_log_size', must be equal to or greater than %d bytes", false)],
  },
  {
    name: 'otelcol.processor.cumulativetodelta',
    upstream: 'otelcol/processor/cumulativetodelta/cumulativetodelta.go',
    attach: { component: 'otelcol.processor.cumulativetodelta', path: [] },
    rules: [
      bound('max_staleness', '>=', 0, 'max_staleness must be a non-negative duration (got %s)', [{ argument: 'max_staleness', verb: 's' }]),
      {
        kind: 'enum',
        argument: 'initial_value',
        values: ['auto', 'keep', 'drop'],
        message: 'initial_value must be one of %q, %q, %q',
        messageArguments: [{ text: '"auto"' }, { text: '"keep"' }, { text: '"drop"' }],
      },
    ],
  },
  cumulativeToDeltaMatch('include'),
  cumulativeToDeltaMatch('exclude'),
  {
    name: 'otelcol.processor.deltatocumulative',
    upstream: 'otelcol/processor/deltatocumulative/deltatocumulative.go',
    attach: { component: 'otelcol.processor.deltatocumulative', path: [] },
    rules: [
      bound('max_stale', '>', 0, 'max_stale must be a positive duration (got %s)', [{ argument: 'max_stale', verb: 's' }]),
      bound('max_streams', '>=', 0, 'max_streams must be a positive number or zero (got %d)', [{ argument: 'max_streams', verb: 'd' }]),
    ],
  },
  {
    name: 'otelcol.processor.memory_limiter (limit)',
    upstream: 'otelcol/processor/memorylimiter/memorylimiter.go',
    attach: { component: 'otelcol.processor.memory_limiter', path: [] },
    rules: [
      {
        kind: 'code',
        name: 'memory-limiter-limit',
        arguments: ['limit', 'spike_limit', 'limit_percentage'],
        messages: [
          { message: memoryLimiterMessages.both, code: LOAD_TIME_CODES.combination },
          { message: memoryLimiterMessages.spike, code: LOAD_TIME_CODES.range },
        ],
        check: checkMemoryLimit,
      },
    ],
  },
  {
    name: 'otelcol.processor.span status',
    upstream: 'otelcol/processor/span/span.go',
    attach: { component: 'otelcol.processor.span', path: ['status'] },
    rules: [
      oneOf('code', ['Ok', 'Error', 'Unset'], spanStatusMessages.code, 'q'),
      {
        kind: 'code',
        name: 'span-status-description',
        arguments: ['code', 'description'],
        messages: [{ message: spanStatusMessages.description, code: LOAD_TIME_CODES.combination }],
        check: (body) => {
          const code = body.stringOf('code');
          if (code === undefined || code === 'Error' || !['Ok', 'Unset'].includes(code)) return;
          if (body.presence({ attribute: 'description' }) === 'set') body.report(LOAD_TIME_CODES.combination, spanStatusMessages.description, at(body, 'description'));
        },
      },
    ],
  },
  {
    name: 'otelcol.processor.resourcedetection',
    upstream: 'otelcol/processor/resourcedetection/resourcedetection.go',
    attach: { component: 'otelcol.processor.resourcedetection', path: [] },
    rules: [eachOneOf('detectors', detectors, 'invalid detector: %s', 'at least one detector must be specified')],
  },
  {
    name: 'otelcol.processor.resourcedetection system',
    upstream: 'otelcol/processor/resourcedetection/internal/system/config.go',
    attach: { component: 'otelcol.processor.resourcedetection', path: ['system'] },
    rules: [eachOneOf('hostname_sources', ['os', 'dns', 'cname', 'lookup'], 'invalid hostname source: %s')],
  },
  {
    name: 'otelcol.exporter.loadbalancing',
    upstream: 'otelcol/exporter/loadbalancing/loadbalancing.go',
    attach: { component: 'otelcol.exporter.loadbalancing', path: [] },
    rules: [oneOf('routing_key', ['service', 'traceID', 'resource', 'metric', 'streamID'], 'invalid routing key %q', 'q')],
  },
  {
    name: 'otelcol.exporter.loadbalancing aws_cloud_map',
    upstream: 'otelcol/exporter/loadbalancing/loadbalancing.go',
    attach: { component: 'otelcol.exporter.loadbalancing', path: ['resolver', 'aws_cloud_map'] },
    rules: [oneOf('health_status', ['ALL', 'HEALTHY', 'UNHEALTHY', 'HEALTHY_OR_ELSE_ALL'], 'invalid health status %q', 'q')],
  },
  {
    name: 'otelcol.receiver.kafka',
    upstream: 'otelcol/receiver/kafka/kafka.go',
    attach: { component: 'otelcol.receiver.kafka', path: [] },
    rules: [{ kind: 'enum', argument: 'group_rebalance_strategy', values: ['range', 'roundrobin', 'sticky', 'cooperative-sticky'], message: kafkaMessages.rebalance }],
  },
  {
    name: 'otelcol.receiver.kafka error_backoff',
    upstream: 'otelcol/receiver/kafka/kafka.go',
    attach: { component: 'otelcol.receiver.kafka', path: ['error_backoff'] },
    rules: [
      {
        kind: 'code',
        name: 'kafka-error-backoff',
        arguments: ['enabled', 'multiplier', 'randomization_factor'],
        messages: [
          { message: retryMessages.multiplier, code: LOAD_TIME_CODES.range },
          { message: retryMessages.randomization, code: LOAD_TIME_CODES.range },
        ],
        check: checkKafkaBackOff,
      },
    ],
  },
  {
    name: 'otelcol.storage.file',
    upstream: 'otelcol/storage/file/file.go',
    attach: { component: 'otelcol.storage.file', path: [] },
    rules: [
      {
        kind: 'code',
        name: 'storage-directory-permissions',
        arguments: ['directory_permissions', 'create_directory'],
        messages: [
          { message: storageMessages.octal, code: LOAD_TIME_CODES.value },
          { message: storageMessages.bits, code: LOAD_TIME_CODES.value },
        ],
        check: checkDirectoryPermissions,
      },
    ],
  },
  {
    name: 'otelcol.storage.file compaction',
    upstream: 'otelcol/storage/file/file.go',
    attach: { component: 'otelcol.storage.file', path: ['compaction'] },
    rules: [
      bound('max_transaction_size', '>=', 0, storageMessages.transaction),
      {
        kind: 'code',
        name: 'storage-rebound-interval',
        arguments: ['on_rebound', 'check_interval'],
        messages: [{ message: storageMessages.checkInterval, code: LOAD_TIME_CODES.combination }],
        check: (body) => {
          // Only a written check_interval: whether the block keeps its 5s default is not certain.
          if (!body.attribute('check_interval') || body.presence({ attribute: 'on_rebound' }) !== 'set') return;
          const interval = body.durationOf('check_interval');
          if (interval !== undefined && interval <= 0n) body.report(LOAD_TIME_CODES.combination, storageMessages.checkInterval, at(body, 'check_interval'));
        },
      },
    ],
  },
  {
    name: 'otelcol.auth.basic',
    upstream: 'otelcol/auth/basic/basic.go',
    attach: { component: 'otelcol.auth.basic', path: [] },
    rules: [
      {
        kind: 'required',
        anyOf: [{ attribute: 'username' }, { attribute: 'password' }, { block: 'htpasswd' }, { block: 'client_auth' }],
        message: 'no credential source provided',
      },
      { kind: 'requires', when: [{ attribute: 'username' }], then: [{ attribute: 'password' }], message: 'no password provided' },
    ],
  },
  {
    name: 'otelcol.auth.headers header',
    upstream: 'otelcol/auth/headers/headers.go',
    attach: { component: 'otelcol.auth.headers', path: ['header'] },
    rules: [
      {
        // The decoder lower-cases the action and refuses other names (before Validate runs).
        kind: 'code',
        name: 'headers-action',
        arguments: ['action'],
        messages: [{ message: headerMessages.action, code: LOAD_TIME_CODES.value }],
        check: (body) => {
          if (body.argument('action').state !== 'known') return;
          const action = body.stringOf('action')?.toLowerCase();
          if (action !== undefined && !['insert', 'update', 'upsert', 'delete'].includes(action)) body.report(LOAD_TIME_CODES.value, `unknown action ${action}`, body.valueRange('action'));
        },
      },
      notEmpty('key', headerMessages.key),
      { kind: 'required', anyOf: headerSources, message: headerMessages.none },
      { kind: 'at-most-one', members: headerSources, message: headerMessages.many },
    ],
  },
  {
    name: 'otelcol.exporter.splunkhec client',
    upstream: 'otelcol/exporter/splunkhec/config/splunkhec.go',
    attach: { component: 'otelcol.exporter.splunkhec', path: ['client'] },
    rules: [notEmpty('endpoint', 'missing Splunk hec endpoint')],
  },
  {
    name: 'otelcol.exporter.splunkhec splunk',
    upstream: 'otelcol/exporter/splunkhec/config/splunkhec.go',
    attach: { component: 'otelcol.exporter.splunkhec', path: ['splunk'] },
    rules: [
      notEmpty('token', 'missing splunk token'),
      {
        kind: 'required',
        anyOf: [{ attribute: 'log_data_enabled' }, { attribute: 'profiling_data_enabled' }],
        message: 'at least one of log_data_enabled or profiling_data_enabled must be enabled',
      },
      ...['logs', 'metrics', 'traces'].map((signal) =>
        bound(`max_content_length_${signal}`, '<=', 838860800, `max_content_length_${signal} must be less than 838860800`),
      ),
    ],
  },
  {
    name: 'otelcol.connector.spanmetrics',
    upstream: spanmetrics,
    attach: { component: 'otelcol.connector.spanmetrics', path: [] },
    rules: [
      oneOf('aggregation_temporality', ['CUMULATIVE', 'DELTA'], 'invalid aggregation_temporality: %v'),
      bound('aggregation_cardinality_limit', '>=', 0, 'invalid aggregation_cardinality_limit: %v, the limit should be positive', [
        { argument: 'aggregation_cardinality_limit', verb: 'd' },
      ]),
      {
        kind: 'code',
        name: 'spanmetrics-timestamp-cache',
        arguments: ['aggregation_temporality', 'metric_timestamp_cache_size'],
        messages: [{ message: 'invalid metric_timestamp_cache_size: %v, the cache size should be positive', code: LOAD_TIME_CODES.range }],
        check: checkTimestampCache,
      },
    ],
  },
  {
    name: 'otelcol.connector.spanmetrics histogram',
    upstream: spanmetricsTypes,
    attach: { component: 'otelcol.connector.spanmetrics', path: ['histogram'] },
    rules: [
      {
        kind: 'enum',
        argument: 'unit',
        values: ['ms', 's'],
        message: 'unknown unit %q, allowed units are %q and %q',
        messageArguments: [{ argument: 'unit', verb: 'q' }, { text: '"ms"' }, { text: '"s"' }],
      },
      {
        kind: 'at-most-one',
        members: [{ block: 'exponential' }, { block: 'explicit' }],
        message: 'only one of exponential or explicit histogram configuration can be specified',
      },
      {
        kind: 'required',
        anyOf: [{ block: 'exponential' }, { block: 'explicit' }],
        message: 'either exponential or explicit histogram configuration must be specified',
      },
    ],
  },
  {
    name: 'otelcol.connector.spanmetrics histogram exponential',
    upstream: spanmetricsTypes,
    attach: { component: 'otelcol.connector.spanmetrics', path: ['histogram', 'exponential'] },
    rules: [bound('max_size', '>', 0, 'max_size must be greater than 0')],
  },
  {
    name: 'otelcol.connector.servicegraph store',
    upstream: 'otelcol/connector/servicegraph/servicegraph.go',
    attach: { component: 'otelcol.connector.servicegraph', path: ['store'] },
    rules: [bound('max_items', '>', 0, 'store.max_items must be greater than 0'), bound('ttl', '>', 0, 'store.ttl must be greater than 0')],
  },
  {
    name: 'otelcol.connector.host_info',
    upstream: 'otelcol/connector/host_info/host_info.go',
    attach: { component: 'otelcol.connector.host_info', path: [] },
    rules: [
      {
        kind: 'code',
        name: 'host-identifiers',
        arguments: ['host_identifiers'],
        messages: [{ message: 'host_identifiers must not be empty', code: LOAD_TIME_CODES.value }],
        check: (body) => {
          const state = body.argument('host_identifiers');
          if (state.state !== 'known') return;
          if (state.value.type === 'null' || (state.value.type === 'array' && state.value.elements.length === 0)) {
            body.report(LOAD_TIME_CODES.value, 'host_identifiers must not be empty', at(body, 'host_identifiers'));
          }
        },
      },
    ],
  },
  {
    name: 'otelcol.receiver.solace',
    upstream: 'otelcol/receiver/solace/solace.go',
    attach: { component: 'otelcol.receiver.solace', path: [] },
    rules: [notEmpty('queue', solaceMessages.queue, { trim: true })],
  },
  {
    name: 'otelcol.receiver.solace auth',
    upstream: 'otelcol/receiver/solace/solace.go',
    attach: { component: 'otelcol.receiver.solace', path: ['auth'] },
    rules: [
      { kind: 'required', anyOf: solaceAuth, message: solaceMessages.auth },
      { kind: 'at-most-one', members: solaceAuth, message: solaceMessages.auth },
    ],
  },
  {
    name: 'otelcol.receiver.solace delayed_retry',
    upstream: 'otelcol/receiver/solace/solace.go',
    attach: { component: 'otelcol.receiver.solace', path: ['flow_control', 'delayed_retry'] },
    rules: [
      {
        kind: 'code',
        name: 'solace-delay',
        arguments: ['delay'],
        messages: [{ message: solaceMessages.delay, code: LOAD_TIME_CODES.range }],
        check: (body) => {
          const text = body.stringOf('delay');
          if (text === undefined || !body.attribute('delay')) return;
          const parsed = parseGoDuration(text);
          if (parsed.ok && parsed.nanoseconds <= 0n) body.report(LOAD_TIME_CODES.range, solaceMessages.delay.replace('%d', parsed.nanoseconds.toString()), at(body, 'delay'));
        },
      },
    ],
  },
  {
    name: 'otelcol.receiver.file_stats',
    upstream: 'otelcol/receiver/file_stats/types.go',
    attach: { component: 'otelcol.receiver.file_stats', path: [] },
    rules: [notEmpty('include', 'include must not be empty')],
  },
  {
    name: 'otelcol.receiver.googlecloudpubsub',
    upstream: 'otelcol/receiver/googlecloudpubsub/googlecloudpubsub.go',
    attach: { component: 'otelcol.receiver.googlecloudpubsub', path: [] },
    rules: [
      {
        kind: 'code',
        name: 'pubsub-subscription',
        arguments: ['subscription'],
        messages: [{ message: subscriptionMessage, code: LOAD_TIME_CODES.value }],
        check: (body) => {
          if (!body.attribute('subscription')) return;
          const subscription = body.stringOf('subscription');
          if (subscription !== undefined && !subscriptionPattern.test(subscription)) {
            body.report(LOAD_TIME_CODES.value, subscriptionMessage.replace('%s', subscription), at(body, 'subscription'));
          }
        },
      },
      oneOf('compression', ['', 'gzip'], 'compression %v is not supported.  supported compression formats include [gzip]'),
    ],
  },
];
