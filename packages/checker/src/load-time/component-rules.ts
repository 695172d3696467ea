/** Rules of single components (and their own nested blocks), by component name and block path. */
import type { BodyContext } from './body.js';
import { blockNameRange } from '../util.js';
import { formatGoDuration, goQuote, renderGoMessage } from './go-format.js';
import { httpClientAuthentication } from './shared-rules.js';
import { base2BytesOf, boolOf, exporterTargetsRule, notEmpty, stringList } from './helpers.js';
import { otelcolRuleSets } from './otelcol-rules.js';
import { discoveryRemoteRuleSets } from './discovery-remote-rules.js';
import { prometheusLokiRuleSets } from './prometheus-loki-rules.js';
import { beylaRuleSets } from './beyla-rules.js';
import { LOAD_TIME_CODES, type RuleSet } from './rule-types.js';

const defaultScrapeProtocols = ['OpenMetricsText1.0.0', 'OpenMetricsText0.0.1', 'PrometheusText1.0.0', 'PrometheusText0.0.4'];
const protoFirstScrapeProtocols = ['PrometheusProto', 'OpenMetricsText1.0.0', 'OpenMetricsText0.0.1', 'PrometheusText0.0.4'];

const scrapeMessages = {
  protobufNegotiation: 'both enable_protobuf_negotiation and scrape_protocols are set, only one can be set at a time',
  nativeHistograms: 'scrape_native_histograms is set to true, but PrometheusProto is not in scrape_protocols',
  duplicateProtocol: 'duplicate scrape protocol %q: make sure the scrape protocols provided are unique',
  validationScheme: 'invalid metric_name_validation_scheme %q: must be either %q or %q',
  escapingScheme: 'invalid metric_name_escaping_scheme: %q, supported values: %v',
  allowUtf8: "metric_name_escaping_scheme cannot be set to 'allow-utf-8' while metric_name_validation_scheme is not set to 'utf8'",
};

function sameList(left: string[], right: string[]): boolean {
  return left.length === right.length && left.every((item, index) => item === right[index]);
}

/** The parts of `prometheus.scrape`'s `Validate` that the data shapes do not express. */
function checkScrapeArguments(body: BodyContext): void {
  const code = LOAD_TIME_CODES.value;
  const combination = LOAD_TIME_CODES.combination;
  let protocols = stringList(body, 'scrape_protocols');
  const negotiation = boolOf(body, 'enable_protobuf_negotiation');
  let nativeHistograms = boolOf(body, 'scrape_native_histograms');
  if (protocols !== undefined && negotiation !== undefined && nativeHistograms !== undefined) {
    if (negotiation) {
      if (!sameList(protocols, defaultScrapeProtocols)) {
        body.report(combination, scrapeMessages.protobufNegotiation, body.argumentRange('scrape_protocols'));
        return;
      }
      protocols = protoFirstScrapeProtocols;
      nativeHistograms = true;
    }
    if (nativeHistograms) {
      if (sameList(protocols, defaultScrapeProtocols)) protocols = protoFirstScrapeProtocols;
      if (!protocols.includes('PrometheusProto')) {
        body.report(combination, scrapeMessages.nativeHistograms, body.argumentRange('scrape_native_histograms'));
        return;
      }
    }
    const seen = new Set<string>();
    for (const protocol of protocols) {
      if (seen.has(protocol)) {
        body.report(code, scrapeMessages.duplicateProtocol.replace('%q', goQuote(protocol)), body.argumentRange('scrape_protocols'));
        return;
      }
      seen.add(protocol);
    }
  }
  const validation = body.stringOf('metric_name_validation_scheme');
  if (validation !== undefined && validation !== 'utf8' && validation !== 'legacy') {
    body.report(
      code,
      `invalid metric_name_validation_scheme ${goQuote(validation)}: must be either "utf8" or "legacy"`,
      body.argumentRange('metric_name_validation_scheme'),
      body.caseFix('metric_name_validation_scheme', ['utf8', 'legacy']),
    );
    return;
  }
  const escaping = body.stringOf('metric_name_escaping_scheme');
  const escapingValues = ['allow-utf-8', 'underscores', 'dots', 'values'];
  if (escaping !== undefined && escaping !== '' && !escapingValues.includes(escaping)) {
    body.report(
      code,
      `invalid metric_name_escaping_scheme: ${goQuote(escaping)}, supported values: [${escapingValues.join(' ')}]`,
      body.argumentRange('metric_name_escaping_scheme'),
      body.caseFix('metric_name_escaping_scheme', escapingValues),
    );
    return;
  }
  if (escaping === 'allow-utf-8' && validation !== undefined && validation !== 'utf8') {
    body.report(combination, scrapeMessages.allowUtf8, body.argumentRange('metric_name_escaping_scheme'));
  }
}

/** google/uuid's `Parse`: 36 characters with dashes, `{...}`, `urn:uuid:...`, or 32 hex digits. */
export function isGoogleUuid(text: string): boolean {
  let core = text;
  if (text.length === 45 && text.slice(0, 9).toLowerCase() === 'urn:uuid:') core = text.slice(9);
  else if (text.length === 38 && text.startsWith('{') && text.endsWith('}')) core = text.slice(1, -1);
  else if (text.length === 32) return /^[0-9a-fA-F]{32}$/.test(text);
  return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(core);
}

function uuidRule(argument: string, required: string, invalid: string): RuleSet['rules'][number] {
  return {
    kind: 'code',
    name: `uuid-${argument}`,
    arguments: [argument],
    messages: [
      { message: required, code: LOAD_TIME_CODES.combination },
      { message: invalid, code: LOAD_TIME_CODES.value },
    ],
    check: (body) => {
      // Absent, the required attribute fails decoding first (alloy/missing-attribute).
      if (!body.attribute(argument)) return;
      const text = body.stringOf(argument);
      if (text === undefined) return;
      if (text === '') body.report(LOAD_TIME_CODES.combination, required, body.argumentRange(argument));
      else if (!isGoogleUuid(text)) body.report(LOAD_TIME_CODES.value, invalid, body.argumentRange(argument));
    },
  };
}

const relabelCacheMessages = {
  size: 'max_cache_size must be >= 0; got %d',
  ttl: 'cache_ttl must be >= 0; got %s',
  both: 'max_cache_size and cache_ttl are mutually exclusive: set max_cache_size = 0 to use cache_ttl, or unset cache_ttl to keep the bounded LRU cache',
  neither: 'one of max_cache_size or cache_ttl must be set',
  minimumTtl: 'cache_ttl must be at least %s when set; got %s',
};

/** `prometheus.relabel`'s cache settings, with their defaults (max_cache_size 100000, cache_ttl 0). */
function checkRelabelCache(body: BodyContext): void {
  const size = body.numberOf('max_cache_size');
  const ttl = body.durationOf('cache_ttl');
  const at = (name: string) => body.argumentRange(name);
  if (size !== undefined && size < 0) {
    if (Number.isInteger(size)) body.report(LOAD_TIME_CODES.range, `max_cache_size must be >= 0; got ${size}`, at('max_cache_size'));
    return;
  }
  if (ttl !== undefined && ttl < 0n) {
    body.report(LOAD_TIME_CODES.range, `cache_ttl must be >= 0; got ${formatGoDuration(ttl)}`, at('cache_ttl'));
    return;
  }
  if (size === undefined || ttl === undefined) return;
  if (size > 0 && ttl > 0n) {
    body.report(LOAD_TIME_CODES.combination, relabelCacheMessages.both, at(body.attribute('cache_ttl') ? 'cache_ttl' : 'max_cache_size'));
  } else if (size === 0 && ttl === 0n) {
    body.report(LOAD_TIME_CODES.combination, relabelCacheMessages.neither, at('max_cache_size'));
  } else if (ttl > 0n && ttl < 60_000_000_000n) {
    body.report(LOAD_TIME_CODES.range, `cache_ttl must be at least 1m0s when set; got ${formatGoDuration(ttl)}`, at('cache_ttl'));
  }
}

const pyroscopeMessages = {
  timeout: 'scrape_timeout must be greater than 0',
  interval: 'scrape_interval must be at least 2 seconds when using delta profiling',
  deltaMinimum: 'delta_profiling_duration must be larger than 1 second when using delta profiling',
  deltaBelowInterval: 'delta_profiling_duration must be at least 1 second smaller than scrape_interval when using delta profiling',
};

/**
 * `pyroscope.scrape` with its default profiles, where `process_cpu` is an enabled delta profile.
 * A written `profiling_config` may turn it off: then the delta checks are not made.
 */
function checkPyroscopeDelta(body: BodyContext): void {
  if (body.blocks('profiling_config').length > 0) return;
  const interval = body.durationOf('scrape_interval');
  const delta = body.durationOf('delta_profiling_duration');
  if (interval === undefined) return;
  const second = 1_000_000_000n;
  if (interval < 2n * second) {
    body.report(LOAD_TIME_CODES.range, pyroscopeMessages.interval, body.argumentRange('scrape_interval'));
    return;
  }
  if (delta === undefined) return;
  // Go compares float seconds; nanoseconds compare the same.
  if (delta <= second) body.report(LOAD_TIME_CODES.range, pyroscopeMessages.deltaMinimum, body.argumentRange('delta_profiling_duration'));
  else if (delta > interval - second) {
    const written = body.attribute('delta_profiling_duration') ? 'delta_profiling_duration' : 'scrape_interval';
    body.report(LOAD_TIME_CODES.range, pyroscopeMessages.deltaBelowInterval, body.argumentRange(written));
  }
}

const memoryLimiterMessages = {
  interval: 'check_interval must be greater than zero',
  both: 'either limit or limit_percentage must be set, but not both',
  spike: 'spike_limit must be less than limit',
  percentages: 'limit_percentage and spike_limit_percentage must be greater than 0 and and less or equal than 100',
  neither: 'either limit or limit_percentage must be set to greater than zero',
};

/** The percentage settings of `otelcol.processor.memory_limiter`; a written byte `limit` (Go's units) is not read. */
function checkMemoryLimiterPercentages(body: BodyContext): void {
  if (body.attribute('limit') || body.attribute('spike_limit')) return;
  const percentage = body.numberOf('limit_percentage');
  const spike = body.numberOf('spike_limit_percentage');
  if (percentage === undefined || spike === undefined) return;
  if (percentage > 0) {
    if (percentage > 100 || spike <= 0 || spike > 100) {
      body.report(LOAD_TIME_CODES.range, memoryLimiterMessages.percentages, body.argumentRange(spike <= 0 || spike > 100 ? 'spike_limit_percentage' : 'limit_percentage'));
    }
  } else {
    body.report(LOAD_TIME_CODES.combination, memoryLimiterMessages.neither, body.argumentRange('limit_percentage'));
  }
}

const syslogMessages = {
  cisco: 'rfc3164_cisco_components has no effect when syslog format is not %q',
  emptyMessage: '"rfc5424_allow_empty_msg" has no effect when syslog format is set to %q',
  rfc5424Message: '"use_rfc5424_message" has no effect when syslog format is set to %q',
  currentYear: '"rfc3164_default_to_current_year" has no effect when syslog format is set to %q',
  incomingTimestamp: '"use_incoming_timestamp" has no effect when syslog format is set to %q',
  rawOptions: 'raw_format_options has no effect when syslog format is not %q',
};

/** A `loki.source.syslog` listener's options that its syslog format ignores. */
function checkSyslogListener(body: BodyContext): void {
  const format = body.stringOf('syslog_format');
  if (format === undefined) return;
  const code = LOAD_TIME_CODES.combination;
  const isTrue = (name: string) => body.presence({ attribute: name }) === 'set';
  const cisco = body.blocks('rfc3164_cisco_components')[0];
  if (cisco && format !== 'rfc3164') {
    body.report(code, renderGoMessage(syslogMessages.cisco, [goQuote('rfc3164')]), blockNameRange(body.lines, cisco));
    return;
  }
  if (format !== 'rfc5424' && isTrue('rfc5424_allow_empty_msg')) {
    body.report(code, renderGoMessage(syslogMessages.emptyMessage, [goQuote(format)]), body.argumentRange('rfc5424_allow_empty_msg'));
    return;
  }
  if (format === 'raw') {
    for (const [name, message] of [
      ['use_rfc5424_message', syslogMessages.rfc5424Message],
      ['rfc3164_default_to_current_year', syslogMessages.currentYear],
      ['use_incoming_timestamp', syslogMessages.incomingTimestamp],
    ] as const) {
      if (isTrue(name)) {
        body.report(code, renderGoMessage(message, [goQuote(format)]), body.argumentRange(name));
        return;
      }
    }
    return;
  }
  const raw = body.blocks('raw_format_options')[0];
  if (raw) body.report(code, renderGoMessage(syslogMessages.rawOptions, [goQuote('raw')]), blockNameRange(body.lines, raw));
}

const remoteWrite = 'prometheus/remotewrite/types.go';
const azureScopeCharacters = /^[0-9A-Za-z_\t\n\f\r :/.-]+$/;

/** Arguments a component's Validate() refuses at or below zero: component, Go file, argument, upstream's text. */
const positiveArguments: [component: string, upstream: string, argument: string, message: string][] = [
  ['discovery.consul', 'discovery/consul/consul.go', 'refresh_interval', 'refresh_interval must be greater than 0'],
  ['discovery.consulagent', 'discovery/consulagent/consulagent.go', 'refresh_interval', 'refresh_interval must be greater than 0'],
  ['discovery.ionos', 'discovery/ionos/ionos.go', 'refresh_interval', 'refresh_interval must be greater than 0'],
  ['discovery.kuma', 'discovery/kuma/kuma.go', 'refresh_interval', 'refresh_interval must be greater than 0'],
  ['discovery.kuma', 'discovery/kuma/kuma.go', 'fetch_timeout', 'fetch_timeout must be greater than 0'],
  ['discovery.linode', 'discovery/linode/linode.go', 'refresh_interval', 'refresh_interval must be greater than 0'],
  ['discovery.nerve', 'discovery/nerve/nerve.go', 'timeout', 'timeout must be greater than 0'],
  ['discovery.triton', 'discovery/triton/triton.go', 'refresh_interval', 'refresh_interval must be greater than 0'],
  ['otelcol.connector.host_info', 'otelcol/connector/host_info/host_info.go', 'metrics_flush_interval', 'metrics_flush_interval must be greater than 0'],
  ['otelcol.connector.servicegraph', 'otelcol/connector/servicegraph/servicegraph.go', 'cache_loop', 'cache_loop must be greater than 0'],
  ['otelcol.connector.servicegraph', 'otelcol/connector/servicegraph/servicegraph.go', 'store_expiration_loop', 'store_expiration_loop must be greater than 0'],
  ['otelcol.connector.spanmetrics', 'otelcol/connector/spanmetrics/spanmetrics.go', 'metrics_flush_interval', 'metrics_flush_interval must be greater than 0'],
  ['otelcol.processor.interval', 'otelcol/processor/interval/interval.go', 'interval', 'interval must be greater than 0'],
  ['otelcol.processor.metric_start_time', 'otelcol/processor/metricstarttime/metricstarttime.go', 'gc_interval', 'gc_interval must be greater than 0'],
  ['otelcol.processor.tail_sampling', 'otelcol/processor/tail_sampling/tail_sampling.go', 'num_traces', 'num_traces must be greater than zero'],
  ['prometheus.exporter.mssql', 'prometheus/exporter/mssql/mssql.go', 'timeout', 'timeout must be positive'],
];

function positiveRuleSets(): RuleSet[] {
  const sets = new Map<string, RuleSet>();
  for (const [component, upstream, argument, message] of positiveArguments) {
    let set = sets.get(component);
    if (!set) {
      set = { name: `${component} (positive values)`, upstream, attach: { component, path: [] }, rules: [] };
      sets.set(component, set);
    }
    set.rules.push({ kind: 'compare', left: { argument }, operator: '>', right: { constant: 0 }, message });
  }
  return [...sets.values()];
}

export const componentRuleSets: RuleSet[] = [
  ...positiveRuleSets(),
  ...otelcolRuleSets,
  ...discoveryRemoteRuleSets,
  ...prometheusLokiRuleSets,
  ...beylaRuleSets,
  {
    name: 'prometheus.scrape',
    upstream: 'prometheus/scrape/scrape.go',
    attach: { component: 'prometheus.scrape', path: [] },
    rules: [
      {
        kind: 'compare',
        left: { argument: 'scrape_timeout' },
        operator: '<=',
        right: { argument: 'scrape_interval' },
        message: 'scrape_timeout (%s) greater than scrape_interval (%s) for scrape config with job name %q',
        messageArguments: [
          { argument: 'scrape_timeout', verb: 's' },
          { argument: 'scrape_interval', verb: 's' },
          { argument: 'job_name', verb: 'q' },
        ],
      },
      {
        kind: 'code',
        name: 'scrape-protocols',
        arguments: ['enable_protobuf_negotiation', 'scrape_protocols', 'scrape_native_histograms', 'metric_name_validation_scheme', 'metric_name_escaping_scheme'],
        messages: [
          { message: scrapeMessages.protobufNegotiation, code: LOAD_TIME_CODES.combination },
          { message: scrapeMessages.nativeHistograms, code: LOAD_TIME_CODES.combination },
          { message: scrapeMessages.duplicateProtocol, code: LOAD_TIME_CODES.value },
          { message: scrapeMessages.validationScheme, code: LOAD_TIME_CODES.value },
          { message: scrapeMessages.escapingScheme, code: LOAD_TIME_CODES.value },
          { message: scrapeMessages.allowUtf8, code: LOAD_TIME_CODES.combination },
        ],
        check: checkScrapeArguments,
      },
    ],
  },
  {
    name: 'prometheus.remote_write endpoint',
    upstream: remoteWrite,
    attach: { component: 'prometheus.remote_write', path: ['endpoint'] },
    rules: [
      {
        kind: 'at-most-one',
        members: [{ block: 'sigv4' }, { block: 'azuread' }, { block: 'google_iam' }, { anyOf: httpClientAuthentication }],
        message: 'at most one of sigv4, azuread, google_iam, basic_auth, oauth2, bearer_token & bearer_token_file must be configured',
      },
    ],
  },
  {
    name: 'prometheus.remote_write wal',
    upstream: remoteWrite,
    attach: { component: 'prometheus.remote_write', path: ['wal'] },
    rules: [
      { kind: 'compare', left: { argument: 'truncate_frequency' }, operator: '!=', right: { constant: 0 }, message: 'truncate_frequency must not be 0' },
      {
        kind: 'compare',
        left: { argument: 'min_keepalive_time' },
        operator: '<',
        right: { argument: 'max_keepalive_time' },
        message: 'min_keepalive_time must be smaller than max_keepalive_time',
      },
    ],
  },
  {
    name: 'prometheus.remote_write sigv4',
    upstream: remoteWrite,
    attach: { component: 'prometheus.remote_write', path: ['endpoint', 'sigv4'] },
    rules: [
      {
        kind: 'requires',
        when: [{ attribute: 'access_key' }],
        then: [{ attribute: 'secret_key' }],
        message: 'must provide an AWS SigV4 access key and secret key if credentials are specified in the SigV4 config',
      },
      {
        kind: 'requires',
        when: [{ attribute: 'secret_key' }],
        then: [{ attribute: 'access_key' }],
        message: 'must provide an AWS SigV4 access key and secret key if credentials are specified in the SigV4 config',
      },
      { kind: 'requires', when: [{ attribute: 'external_id' }], then: [{ attribute: 'role_arn' }], message: 'external_id can only be used with role_arn' },
    ],
  },
  {
    name: 'prometheus.remote_write azuread',
    upstream: remoteWrite,
    attach: { component: 'prometheus.remote_write', path: ['endpoint', 'azuread'] },
    rules: [
      { kind: 'enum', argument: 'cloud', values: ['AzureChina', 'AzureGovernment', 'AzurePublic'], message: 'must provide a cloud in the Azure AD config' },
      {
        kind: 'required',
        anyOf: [{ block: 'managed_identity' }, { block: 'workload_identity' }, { block: 'oauth' }, { block: 'sdk' }],
        message: 'must provide an Azure Managed Identity, Azure Workload Identity, Azure OAuth or Azure SDK in the Azure AD config',
      },
      {
        kind: 'at-most-one',
        members: [{ block: 'managed_identity' }, { block: 'workload_identity' }, { block: 'oauth' }, { block: 'sdk' }],
        message: 'cannot provide multiple authentication methods in the Azure AD config',
      },
      {
        kind: 'code',
        name: 'azuread-scope',
        arguments: ['scope'],
        messages: [{ message: 'the provided scope contains invalid characters', code: LOAD_TIME_CODES.value }],
        check: (body) => {
          const scope = body.stringOf('scope');
          if (scope !== undefined && scope !== '' && !azureScopeCharacters.test(scope)) {
            body.report(LOAD_TIME_CODES.value, 'the provided scope contains invalid characters', body.argumentRange('scope'));
          }
        },
      },
    ],
  },
  {
    name: 'prometheus.remote_write azuread managed_identity',
    upstream: remoteWrite,
    attach: { component: 'prometheus.remote_write', path: ['endpoint', 'azuread', 'managed_identity'] },
    rules: [
      uuidRule('client_id', 'must provide an Azure Managed Identity client_id in the Azure AD config', 'the provided Azure Managed Identity client_id is invalid'),
    ],
  },
  {
    name: 'prometheus.remote_write azuread workload_identity',
    upstream: remoteWrite,
    attach: { component: 'prometheus.remote_write', path: ['endpoint', 'azuread', 'workload_identity'] },
    rules: [
      uuidRule('client_id', 'must provide an Azure Workload Identity client_id in the Azure AD config', 'the provided Azure Workload Identity client_id is invalid'),
      uuidRule('tenant_id', 'must provide an Azure Workload Identity tenant_id in the Azure AD config', 'the provided Azure Workload Identity tenant_id is invalid'),
    ],
  },
  {
    name: 'prometheus.remote_write azuread oauth',
    upstream: remoteWrite,
    attach: { component: 'prometheus.remote_write', path: ['endpoint', 'azuread', 'oauth'] },
    rules: [
      uuidRule('client_id', 'must provide an Azure OAuth client_id in the Azure AD config', 'the provided Azure OAuth client_id is invalid'),
      { kind: 'required', anyOf: [{ attribute: 'client_secret' }], message: 'must provide an Azure OAuth client_secret in the Azure AD config' },
      { kind: 'required', anyOf: [{ attribute: 'tenant_id' }], message: 'must provide an Azure OAuth tenant_id in the Azure AD config' },
    ],
  },
  {
    name: 'prometheus.relabel',
    upstream: 'prometheus/relabel/relabel.go',
    attach: { component: 'prometheus.relabel', path: [] },
    rules: [
      {
        kind: 'code',
        name: 'relabel-cache',
        arguments: ['max_cache_size', 'cache_ttl'],
        messages: [
          { message: relabelCacheMessages.size, code: LOAD_TIME_CODES.range },
          { message: relabelCacheMessages.ttl, code: LOAD_TIME_CODES.range },
          { message: relabelCacheMessages.both, code: LOAD_TIME_CODES.combination },
          { message: relabelCacheMessages.neither, code: LOAD_TIME_CODES.combination },
          { message: relabelCacheMessages.minimumTtl, code: LOAD_TIME_CODES.range },
        ],
        check: checkRelabelCache,
      },
    ],
  },
  {
    name: 'pyroscope.scrape',
    upstream: 'pyroscope/scrape/scrape.go',
    attach: { component: 'pyroscope.scrape', path: [] },
    rules: [
      { kind: 'compare', left: { argument: 'scrape_timeout' }, operator: '>', right: { constant: 0 }, message: pyroscopeMessages.timeout },
      {
        kind: 'code',
        name: 'pyroscope-delta-profiling',
        arguments: ['scrape_interval', 'delta_profiling_duration'],
        messages: [
          { message: pyroscopeMessages.interval, code: LOAD_TIME_CODES.range },
          { message: pyroscopeMessages.deltaMinimum, code: LOAD_TIME_CODES.range },
          { message: pyroscopeMessages.deltaBelowInterval, code: LOAD_TIME_CODES.range },
        ],
        check: checkPyroscopeDelta,
      },
    ],
  },
  {
    name: 'loki.source.file file_match',
    upstream: 'loki/source/file/file.go',
    attach: { component: 'loki.source.file', path: ['file_match'] },
    rules: [{ kind: 'compare', left: { argument: 'sync_period' }, operator: '>', right: { constant: 0 }, message: 'sync period must be greater than 0' }],
  },
  {
    name: 'otelcol.processor.memory_limiter',
    upstream: 'otelcol/processor/memorylimiter/memorylimiter.go',
    attach: { component: 'otelcol.processor.memory_limiter', path: [] },
    rules: [
      { kind: 'compare', left: { argument: 'check_interval' }, operator: '>', right: { constant: 0 }, message: memoryLimiterMessages.interval },
      {
        kind: 'code',
        name: 'memory-limiter-percentages',
        arguments: ['limit_percentage', 'spike_limit_percentage'],
        // An unset limit and limit_percentage is refused.
        evenWhenUnwritten: true,
        messages: [
          { message: memoryLimiterMessages.percentages, code: LOAD_TIME_CODES.range },
          { message: memoryLimiterMessages.neither, code: LOAD_TIME_CODES.combination },
        ],
        check: checkMemoryLimiterPercentages,
      },
    ],
  },
  {
    name: 'remote.http',
    upstream: 'remote/http/http.go',
    attach: { component: 'remote.http', path: [] },
    rules: [
      { kind: 'compare', left: { argument: 'poll_frequency' }, operator: '>', right: { constant: 0 }, message: 'poll_frequency must be greater than 0' },
      { kind: 'compare', left: { argument: 'poll_timeout' }, operator: '>', right: { constant: 0 }, message: 'poll_timeout must be greater than 0' },
      {
        kind: 'compare',
        when: [{ left: { argument: 'poll_timeout' }, operator: '>', right: { constant: 0 } }],
        left: { argument: 'poll_timeout' },
        operator: '<',
        right: { argument: 'poll_frequency' },
        message: 'poll_timeout must be less than poll_frequency',
      },
    ],
  },
  ...['remote.kubernetes.configmap', 'remote.kubernetes.secret'].map(
    (component): RuleSet => ({
      name: component,
      upstream: 'remote/kubernetes/kubernetes.go',
      attach: { component, path: [] },
      rules: [
        { kind: 'compare', left: { argument: 'poll_frequency' }, operator: '>', right: { constant: 0 }, message: 'poll_frequency must be greater than 0' },
        // Upstream's text for a timeout that is not above 0.
        { kind: 'compare', left: { argument: 'poll_timeout' }, operator: '>', right: { constant: 0 }, message: 'poll_timeout must not be greater than 0' },
      ],
    }),
  ),
  {
    name: 'loki.write wal',
    upstream: 'loki/write/write.go',
    attach: { component: 'loki.write', path: ['wal'] },
    rules: [
      {
        kind: 'compare',
        left: { argument: 'min_read_frequency' },
        operator: '<',
        right: { argument: 'max_read_frequency' },
        message: 'WAL min read frequency should be lower than max read frequency',
      },
    ],
  },
  {
    name: 'prometheus.exporter.blackbox',
    upstream: 'prometheus/exporter/blackbox/blackbox.go',
    attach: { component: 'prometheus.exporter.blackbox', path: [] },
    rules: [
      { kind: 'at-most-one', members: [{ attribute: 'config' }, { attribute: 'config_file' }], message: 'config and config_file are mutually exclusive' },
      { kind: 'required', anyOf: [{ attribute: 'config' }, { attribute: 'config_file' }], message: 'config or config_file must be set' },
      { kind: 'at-most-one', members: [{ block: 'target' }, { attribute: 'targets' }], message: 'the block `target` and the attribute `targets` are mutually exclusive' },
      exporterTargetsRule(),
    ],
  },
  {
    name: 'loki.process stage.multiline',
    upstream: 'loki/process/stages/multiline.go',
    attach: { component: 'loki.process', path: ['stage.multiline'] },
    rules: [
      { kind: 'compare', left: { argument: 'max_wait_time' }, operator: '>', right: { constant: 0 }, message: 'max_wait_time must be greater than 0' },
      // Compiled when the stage is built, unanchored, the error wrapped in the stage's own.
      { kind: 'regex', argument: 'firstline', anchoring: 'none', message: 'multiline stage first line regex compilation error: %s' },
    ],
  },
  {
    name: 'loki.process stage.cri',
    upstream: 'loki/process/stages/cri.go',
    attach: { component: 'loki.process', path: ['stage.cri'] },
    rules: [{ kind: 'compare', left: { argument: 'max_partial_lines' }, operator: '>', right: { constant: 0 }, message: 'max_partial_lines must be greater than 0' }],
  },
  {
    name: 'loki.process stage.truncate rule',
    upstream: 'loki/process/stages/truncate.go',
    attach: { component: 'loki.process', path: ['stage.truncate', 'rule'] },
    rules: [
      {
        kind: 'code',
        name: 'truncate-limit',
        arguments: ['limit', 'suffix'],
        messages: [
          { message: 'limit must be greater than zero', code: LOAD_TIME_CODES.range },
          { message: 'suffix length cannot be greater than or equal to limit', code: LOAD_TIME_CODES.range },
        ],
        check: (body) => {
          if (!body.attribute('limit')) return;
          const limit = base2BytesOf(body, 'limit');
          if (limit === undefined) return;
          if (limit <= 0) {
            body.report(LOAD_TIME_CODES.range, 'limit must be greater than zero', body.argumentRange('limit'));
            return;
          }
          const suffix = body.stringOf('suffix');
          // Go's len: the suffix's UTF-8 bytes.
          if (suffix !== undefined && suffix !== '' && limit <= Buffer.byteLength(suffix, 'utf8')) {
            body.report(LOAD_TIME_CODES.range, 'suffix length cannot be greater than or equal to limit', body.argumentRange(body.attribute('suffix') ? 'suffix' : 'limit'));
          }
        },
      },
      {
        kind: 'code',
        name: 'truncate-sources',
        arguments: ['sources', 'source_type'],
        messages: [{ message: "sources cannot be set when source_type is 'line'", code: LOAD_TIME_CODES.combination }],
        check: (body) => {
          if (body.presence({ attribute: 'sources' }) === 'set' && body.stringOf('source_type') === 'line') {
            body.report(LOAD_TIME_CODES.combination, "sources cannot be set when source_type is 'line'", body.argumentRange('sources'));
          }
        },
      },
    ],
  },
  {
    name: 'discovery.docker',
    upstream: 'discovery/docker/docker.go',
    attach: { component: 'discovery.docker', path: [] },
    rules: [
      {
        kind: 'code',
        name: 'docker-host',
        arguments: ['host'],
        messages: [{ message: 'host attribute must not be empty', code: LOAD_TIME_CODES.value }],
        check: (body) => {
          if (body.attribute('host') && body.stringOf('host') === '') body.report(LOAD_TIME_CODES.value, 'host attribute must not be empty', body.argumentRange('host'));
        },
      },
      { kind: 'compare', left: { argument: 'refresh_interval' }, operator: '>', right: { constant: 0 }, message: 'refresh_interval must be greater than 0' },
    ],
  },
  {
    name: 'loki.source.syslog listener',
    upstream: 'loki/source/syslog/types.go',
    attach: { component: 'loki.source.syslog', path: ['listener'] },
    rules: [
      {
        kind: 'code',
        name: 'syslog-format-options',
        arguments: ['syslog_format', 'rfc3164_cisco_components', 'rfc5424_allow_empty_msg', 'use_rfc5424_message', 'rfc3164_default_to_current_year', 'use_incoming_timestamp', 'raw_format_options'],
        messages: Object.values(syslogMessages).map((message) => ({ message, code: LOAD_TIME_CODES.combination })),
        check: checkSyslogListener,
      },
    ],
  },
  {
    name: 'loki.source.syslog rfc3164_cisco_components',
    upstream: 'loki/source/syslog/types.go',
    attach: { component: 'loki.source.syslog', path: ['listener', 'rfc3164_cisco_components'] },
    rules: [
      {
        kind: 'required',
        anyOf: ['enable_all', 'hostname', 'message_counter', 'second_fractions', 'sequence_number'].map((attribute) => ({ attribute })),
        message: 'at least one option in rfc3164_cisco_components has to be enabled',
      },
    ],
  },
  {
    name: 'loki.source.kubernetes_events',
    upstream: 'loki/source/kubernetes_events/kubernetes_events.go',
    attach: { component: 'loki.source.kubernetes_events', path: [] },
    rules: [
      notEmpty('job_name', 'job_name must not be an empty string'),
      { kind: 'enum', argument: 'log_format', values: ['logfmt', 'json'], message: 'supported values of log_format are %s and %s', messageArguments: [{ text: 'logfmt' }, { text: 'json' }] },
    ],
  },
  {
    name: 'otelcol.exporter.otlphttp',
    upstream: 'otelcol/exporter/otlphttp/otlphttp.go',
    attach: { component: 'otelcol.exporter.otlphttp', path: [] },
    rules: [
      { kind: 'enum', argument: 'encoding', values: ['proto', 'json'], message: 'invalid encoding type %s', messageArguments: [{ argument: 'encoding', verb: 's' }] },
    ],
  },
  {
    name: 'mimir.rules.kubernetes',
    upstream: 'mimir/rules/kubernetes/types.go',
    attach: { component: 'mimir.rules.kubernetes', path: [] },
    rules: [
      { kind: 'compare', left: { argument: 'sync_interval' }, operator: '>', right: { constant: 0 }, message: 'sync_interval must be greater than 0' },
      notEmpty('mimir_namespace_prefix', 'mimir_namespace_prefix must not be empty'),
      notEmpty('mimir_namespace_separator', 'mimir_namespace_separator must not be empty'),
    ],
  },
  {
    name: 'loki.rules.kubernetes',
    upstream: 'loki/rules/kubernetes/types.go',
    attach: { component: 'loki.rules.kubernetes', path: [] },
    rules: [
      { kind: 'compare', left: { argument: 'sync_interval' }, operator: '>', right: { constant: 0 }, message: 'sync_interval must be greater than 0' },
      notEmpty('loki_namespace_prefix', 'loki_namespace_prefix must not be empty'),
      notEmpty('loki_namespace_separator', 'loki_namespace_separator must not be empty'),
    ],
  },
  {
    name: 'discovery.dockerswarm',
    upstream: 'discovery/dockerswarm/dockerswarm.go',
    attach: { component: 'discovery.dockerswarm', path: [] },
    // The role's values are alloy/invalid-enum (the schema lists them).
    rules: [{ kind: 'compare', left: { argument: 'refresh_interval' }, operator: '>', right: { constant: 0 }, message: 'refresh_interval must be greater than 0' }],
  },
  {
    name: 'discovery.marathon',
    upstream: 'discovery/marathon/marathon.go',
    attach: { component: 'discovery.marathon', path: [] },
    rules: [
      { kind: 'compare', left: { argument: 'refresh_interval' }, operator: '>', right: { constant: 0 }, message: 'refresh_interval must be greater than 0' },
      { kind: 'required', anyOf: [{ attribute: 'servers' }], message: 'at least one Marathon server must be specified' },
      { kind: 'at-most-one', members: [{ attribute: 'auth_token' }, { attribute: 'auth_token_file' }], message: 'at most one of auth_token and auth_token_file must be configured' },
      {
        kind: 'at-most-one',
        members: [{ anyOf: [{ attribute: 'auth_token' }, { attribute: 'auth_token_file' }] }, { block: 'basic_auth' }],
        message: 'at most one of basic_auth, auth_token & auth_token_file must be configured',
      },
      {
        kind: 'at-most-one',
        members: [{ anyOf: [{ attribute: 'auth_token' }, { attribute: 'auth_token_file' }] }, { anyOf: [{ attribute: 'bearer_token' }, { attribute: 'bearer_token_file' }] }],
        message: 'at most one of bearer_token, bearer_token_file, auth_token & auth_token_file must be configured',
      },
      {
        kind: 'at-most-one',
        members: [{ anyOf: [{ attribute: 'auth_token' }, { attribute: 'auth_token_file' }] }, { block: 'authorization' }],
        message: 'at most one of auth_token, auth_token_file & authorization must be configured',
      },
    ],
  },
  {
    name: 'discovery.digitalocean',
    upstream: 'discovery/digitalocean/digitalocean.go',
    attach: { component: 'discovery.digitalocean', path: [] },
    rules: [
      { kind: 'required', anyOf: [{ attribute: 'bearer_token' }, { attribute: 'bearer_token_file' }], message: 'exactly one of bearer_token or bearer_token_file must be specified' },
      { kind: 'at-most-one', members: [{ attribute: 'bearer_token' }, { attribute: 'bearer_token_file' }], message: 'exactly one of bearer_token or bearer_token_file must be specified' },
    ],
  },
  {
    name: 'discovery.scaleway',
    upstream: 'discovery/scaleway/scaleway.go',
    attach: { component: 'discovery.scaleway', path: [] },
    rules: [
      { kind: 'required', anyOf: [{ attribute: 'project_id' }], message: 'project_id must not be empty' },
      { kind: 'required', anyOf: [{ attribute: 'secret_key' }, { attribute: 'secret_key_file' }], message: 'exactly one of secret_key or secret_key_file must be configured' },
      { kind: 'at-most-one', members: [{ attribute: 'secret_key' }, { attribute: 'secret_key_file' }], message: 'exactly one of secret_key or secret_key_file must be configured' },
      { kind: 'required', anyOf: [{ attribute: 'access_key' }], message: 'access_key must not be empty' },
    ],
  },
  {
    name: 'discovery.ovhcloud',
    upstream: 'discovery/ovhcloud/ovhcloud.go',
    attach: { component: 'discovery.ovhcloud', path: [] },
    rules: [
      { kind: 'required', anyOf: [{ attribute: 'endpoint' }], message: 'endpoint cannot be empty' },
      { kind: 'required', anyOf: [{ attribute: 'application_key' }], message: 'application_key cannot be empty' },
      { kind: 'required', anyOf: [{ attribute: 'application_secret' }], message: 'application_secret cannot be empty' },
      { kind: 'required', anyOf: [{ attribute: 'consumer_key' }], message: 'consumer_key cannot be empty' },
      { kind: 'enum', argument: 'service', values: ['dedicated_server', 'vps'], message: 'unknown service: %v', messageArguments: [{ argument: 'service', verb: 's' }] },
    ],
  },
  {
    name: 'local.file',
    upstream: 'local/file/file.go',
    attach: { component: 'local.file', path: [] },
    rules: [{ kind: 'compare', left: { argument: 'poll_frequency' }, operator: '>', right: { constant: 0 }, message: 'poll_frequency must be greater than 0' }],
  },
  {
    name: 'otelcol.processor.batch',
    upstream: 'otelcol/processor/batch/batch.go',
    attach: { component: 'otelcol.processor.batch', path: [] },
    rules: [
      {
        kind: 'compare',
        when: [{ left: { argument: 'send_batch_max_size' }, operator: '>', right: { constant: 0 } }],
        left: { argument: 'send_batch_max_size' },
        operator: '>=',
        right: { argument: 'send_batch_size' },
        message: 'send_batch_max_size must be greater or equal to send_batch_size when not 0',
      },
    ],
  },
];
