/** Rules of single components (and their own nested blocks), by component name and block path. */
import type { BodyContext } from './body.js';
import { goQuote } from './go-format.js';
import { httpClientAuthentication } from './shared-rules.js';
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

function stringList(body: BodyContext, name: string): string[] | undefined {
  const value = body.effectiveValue(name);
  if (!value || value.type !== 'array') return undefined;
  const strings: string[] = [];
  for (const element of value.elements) {
    if (element.type !== 'string') return undefined;
    strings.push(element.value);
  }
  return strings;
}

function sameList(left: string[], right: string[]): boolean {
  return left.length === right.length && left.every((item, index) => item === right[index]);
}

function boolOf(body: BodyContext, name: string): boolean | undefined {
  const value = body.effectiveValue(name);
  if (!value) return undefined;
  if (value.type === 'null') return false;
  return value.type === 'bool' ? value.value : undefined;
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

const remoteWrite = 'prometheus/remotewrite/types.go';
const azureScopeCharacters = /^[0-9A-Za-z_\t\n\f\r :/.-]+$/;

export const componentRuleSets: RuleSet[] = [
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
