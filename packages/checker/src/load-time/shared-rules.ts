/**
 * Rules of the Go types many components share, found by the shape of the body's schema:
 * the HTTP client (`common/config/types.go`: authentication, proxy, TLS, basic_auth,
 * authorization, oauth2) and relabel rules (`common/relabel/relabel.go`).
 */
import type { Block, Expression } from '@alloy-toolkit/syntax';
import { evaluate, numberAsFloat, type AlloyValue } from '../evaluate.js';
import { goQuote } from './go-format.js';
import { isZeroValue, type BodyContext } from './body.js';
import { LOAD_TIME_CODES, type LoadTimeRule, type Member, type RuleSet } from './rule-types.js';

const attribute = (name: string): Member => ({ attribute: name });
const block = (name: string): Member => ({ block: name });

const commonConfig = 'common/config/types.go';
/** Components whose blocks of these names are other Go types (the OpenTelemetry Collector's, the queue's own). */
export const otherTypes = ['otelcol.*', 'prometheus.write.queue', 'beyla.*', 'pyroscope.ebpf', 'pyroscope.java', 'faro.*'];

export const httpClientAuthentication = [block('basic_auth'), block('authorization'), block('oauth2'), attribute('bearer_token'), attribute('bearer_token_file')];

/** The certificate and key pairs of a TLS block: prometheus' TLSConfig and Alloy's otelcol TLSSetting check them alike, with the same texts. */
const tlsPairRules: LoadTimeRule[] = [
  { kind: 'at-most-one', members: [attribute('ca_pem'), attribute('ca_file')], message: 'at most one of ca_pem and ca_file must be configured' },
  { kind: 'at-most-one', members: [attribute('cert_pem'), attribute('cert_file')], message: 'at most one of cert_pem and cert_file must be configured' },
  { kind: 'at-most-one', members: [attribute('key_pem'), attribute('key_file')], message: 'at most one of key_pem and key_file must be configured' },
  {
    kind: 'requires',
    when: [attribute('cert_pem'), attribute('cert_file')],
    then: [attribute('key_pem'), attribute('key_file')],
    message: 'exactly one of key_pem or key_file must be configured when a client certificate is configured',
  },
  {
    kind: 'requires',
    when: [attribute('key_pem'), attribute('key_file')],
    then: [attribute('cert_pem'), attribute('cert_file')],
    message: 'exactly one of cert_pem or cert_file must be configured when a client key is configured',
  },
];

export const sharedRuleSets: RuleSet[] = [
  {
    name: 'http-client',
    upstream: commonConfig,
    attach: { arguments: ['bearer_token', 'bearer_token_file'], blocks: ['basic_auth', 'authorization', 'oauth2', 'tls_config'], exceptComponents: otherTypes },
    rules: [
      {
        kind: 'at-most-one',
        members: httpClientAuthentication,
        message: 'at most one of basic_auth, authorization, oauth2, bearer_token & bearer_token_file must be configured',
      },
    ],
  },
  {
    name: 'proxy',
    upstream: commonConfig,
    attach: { arguments: ['proxy_url', 'no_proxy', 'proxy_from_environment', 'proxy_connect_header'], exceptComponents: otherTypes },
    rules: [
      {
        kind: 'requires',
        when: [attribute('proxy_connect_header')],
        then: [attribute('proxy_from_environment'), attribute('proxy_url')],
        message: 'if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured',
      },
      {
        kind: 'at-most-one',
        members: [attribute('proxy_from_environment'), attribute('proxy_url')],
        message: 'if proxy_from_environment is configured, proxy_url must not be configured',
      },
      {
        kind: 'at-most-one',
        members: [attribute('proxy_from_environment'), attribute('no_proxy')],
        message: 'if proxy_from_environment is configured, no_proxy must not be configured',
      },
      {
        kind: 'requires',
        when: [attribute('no_proxy')],
        then: [{ attribute: 'proxy_url', whenPresent: true }],
        message: 'if no_proxy is configured, proxy_url must also be configured',
      },
    ],
  },
  {
    name: 'basic_auth',
    upstream: commonConfig,
    attach: { block: 'basic_auth', arguments: ['username', 'password', 'password_file'], exceptComponents: otherTypes },
    rules: [
      {
        kind: 'at-most-one',
        members: [attribute('password'), attribute('password_file')],
        message: 'at most one of basic_auth password & password_file must be configured',
      },
    ],
  },
  {
    name: 'authorization',
    upstream: commonConfig,
    attach: { block: 'authorization', arguments: ['type', 'credentials', 'credentials_file'], exceptComponents: otherTypes },
    rules: [
      {
        kind: 'at-most-one',
        members: [attribute('credentials'), attribute('credentials_file')],
        message: 'at most one of authorization credentials & credentials_file must be configured',
      },
      {
        kind: 'forbidden-value',
        argument: 'type',
        values: ['basic'],
        message: 'authorization type cannot be set to "basic", use "basic_auth" block instead',
      },
    ],
  },
  {
    name: 'tls_config',
    upstream: commonConfig,
    attach: { block: 'tls_config', arguments: ['ca_pem', 'ca_file', 'cert_pem', 'cert_file', 'key_pem', 'key_file', 'min_version'], exceptComponents: otherTypes },
    rules: [
      ...tlsPairRules,
      {
        // Prometheus' config.TLSVersions: decoding any other text fails.
        kind: 'enum',
        argument: 'min_version',
        values: ['TLS10', 'TLS11', 'TLS12', 'TLS13'],
        message: 'unknown TLS version: %s',
        messageArguments: [{ argument: 'min_version', verb: 's' }],
      },
    ],
  },
  {
    name: 'otelcol tls',
    upstream: 'otelcol/config_tls.go',
    attach: { block: 'tls', arguments: ['ca_pem', 'ca_file', 'cert_pem', 'cert_file', 'key_pem', 'key_file'], onlyComponents: ['otelcol.*'] },
    rules: tlsPairRules,
  },
  {
    name: 'oauth2',
    upstream: commonConfig,
    attach: { block: 'oauth2', arguments: ['client_id', 'client_secret', 'client_secret_file', 'token_url'], exceptComponents: otherTypes },
    rules: [
      { kind: 'required', anyOf: [attribute('client_id')], message: 'oauth2 client_id must be configured' },
      {
        kind: 'required',
        anyOf: [attribute('client_secret'), attribute('client_secret_file')],
        message: 'either oauth2 client_secret or client_secret_file must be configured',
      },
      { kind: 'required', anyOf: [attribute('token_url')], message: 'oauth2 token_url must be configured' },
      {
        kind: 'at-most-one',
        members: [attribute('client_secret'), attribute('client_secret_file')],
        message: 'at most one of oauth2 client_secret & client_secret_file must be configured',
      },
    ],
  },
];

// ---------------------------------------------------------------- OpenTelemetry sending queue

const queueMessages = {
  queueSize: 'queue_size must be greater than zero',
  minSize: '`min_size` must be less than or equal to `queue_size`',
  batchSizer: '`batch` supports only `items` or `bytes` sizer',
  flushTimeout: '`flush_timeout` must be positive',
  minNegative: '`min_size` must be non-negative',
  maxNegative: '`max_size` must be non-negative',
  maxBelowMin: '`max_size` must be greater or equal to `min_size`',
};

/** The values of a written `batch` block with its defaults (flush 200ms, min 2000, max 3000, sizer items). */
function batchSetting(batch: Block, name: 'min_size' | 'sizer'): AlloyValue | undefined {
  for (const statement of batch.body) {
    if (statement.type === 'Attribute' && statement.name === name) return evaluate(statement.value);
  }
  return name === 'min_size' ? { type: 'number', number: { kind: 'int', value: 2000n } } : { type: 'string', value: 'items' };
}

/** `QueueArguments.Validate` of an enabled sending queue. */
function checkSendingQueue(body: BodyContext): void {
  const enabled = body.effectiveValue('enabled');
  if (!enabled || enabled.type !== 'bool' || !enabled.value) return;
  const size = body.numberOf('queue_size');
  if (size === undefined) return;
  if (size <= 0) {
    body.report(LOAD_TIME_CODES.range, queueMessages.queueSize, body.argumentRange('queue_size'));
    return;
  }
  const batch = body.blocks('batch')[0];
  const sizer = body.stringOf('sizer');
  if (!batch || sizer === undefined) return;
  const batchSizer = batchSetting(batch, 'sizer');
  const minimum = batchSetting(batch, 'min_size');
  if (batchSizer?.type !== 'string' || minimum?.type !== 'number') return;
  if (batchSizer.value === sizer && numberAsFloat(minimum.number) > size) {
    body.report(LOAD_TIME_CODES.range, queueMessages.minSize, body.argumentRange('queue_size'));
  }
}

export const sendingQueueRuleSet: RuleSet = {
  name: 'otelcol sending_queue',
  upstream: 'otelcol/config_queue.go',
  attach: { block: 'sending_queue', arguments: ['enabled', 'queue_size', 'sizer'], blocks: ['batch'], onlyComponents: ['otelcol.*'] },
  rules: [
    {
      kind: 'code',
      name: 'sending-queue',
      arguments: ['enabled', 'queue_size', 'sizer', 'batch'],
      messages: [
        { message: queueMessages.queueSize, code: LOAD_TIME_CODES.range },
        { message: queueMessages.minSize, code: LOAD_TIME_CODES.range },
      ],
      check: checkSendingQueue,
    },
  ],
};

export const sendingQueueBatchRuleSet: RuleSet = {
  name: 'otelcol sending_queue batch',
  upstream: 'otelcol/config_queue.go',
  attach: { block: 'batch', arguments: ['flush_timeout', 'min_size', 'max_size', 'sizer'], onlyComponents: ['otelcol.*'] },
  rules: [
    { kind: 'enum', argument: 'sizer', values: ['items', 'bytes'], message: queueMessages.batchSizer },
    { kind: 'compare', left: { argument: 'flush_timeout' }, operator: '>', right: { constant: 0 }, message: queueMessages.flushTimeout },
    { kind: 'compare', left: { argument: 'min_size' }, operator: '>=', right: { constant: 0 }, message: queueMessages.minNegative },
    { kind: 'compare', left: { argument: 'max_size' }, operator: '>=', right: { constant: 0 }, message: queueMessages.maxNegative },
    {
      kind: 'compare',
      when: [{ left: { argument: 'max_size' }, operator: '>', right: { constant: 0 } }],
      left: { argument: 'max_size' },
      operator: '>=',
      right: { argument: 'min_size' },
      message: queueMessages.maxBelowMin,
    },
  ],
};

// ---------------------------------------------------------------- Kubernetes client

/**
 * Whether the body's HTTP client settings certainly differ from the defaults (Go compares the
 * whole struct with `reflect.DeepEqual`): an authentication block, a non-empty token, redirects or
 * HTTP/2 turned off, a proxy, headers, or a TLS setting.
 */
function hasCustomHttpClient(body: BodyContext): boolean {
  if (['basic_auth', 'authorization', 'oauth2'].some((name) => body.blocks(name).length > 0)) return true;
  const configured = (name: string) => body.presence({ attribute: name }) === 'set';
  if (['bearer_token', 'bearer_token_file', 'proxy_url', 'no_proxy', 'proxy_from_environment', 'proxy_connect_header', 'http_headers'].some(configured)) return true;
  for (const name of ['follow_redirects', 'enable_http2']) {
    const state = body.argument(name);
    if (state.state === 'known' && state.value.type === 'bool' && !state.value.value) return true;
  }
  return body.blocks('tls_config').some((tls) => tls.body.some((statement) => statement.type === 'Attribute' && isConstantNonZero(statement.value)));
}

function isConstantNonZero(expression: Expression): boolean {
  const value = evaluate(expression);
  return value !== undefined && !isZeroValue(value);
}

const kubernetesMessages = {
  both: 'only one of api_server and kubeconfig_file can be set',
  customWithKubeconfig: 'custom HTTP client configuration is not allowed when kubeconfig_file is set',
  customWithoutServer: 'api_server must be set when custom HTTP client configuration is provided',
};

export const kubernetesClientRuleSet: RuleSet = {
  name: 'kubernetes-client',
  upstream: 'common/kubernetes/kubernetes.go',
  attach: { block: 'client', arguments: ['api_server', 'kubeconfig_file', 'bearer_token_file'], blocks: ['basic_auth', 'tls_config'], exceptComponents: otherTypes },
  rules: [
    { kind: 'at-most-one', members: [{ attribute: 'api_server', whenPresent: true }, attribute('kubeconfig_file')], message: kubernetesMessages.both },
    {
      kind: 'code',
      name: 'kubernetes-client-http',
      arguments: ['api_server', 'kubeconfig_file', 'basic_auth', 'authorization', 'oauth2', 'tls_config', 'bearer_token', 'bearer_token_file', 'proxy_url', 'no_proxy', 'proxy_from_environment', 'proxy_connect_header', 'http_headers', 'follow_redirects', 'enable_http2'],
      messages: [
        { message: kubernetesMessages.customWithKubeconfig, code: LOAD_TIME_CODES.combination },
        { message: kubernetesMessages.customWithoutServer, code: LOAD_TIME_CODES.combination },
      ],
      check: (body) => {
        const kubeconfig = body.presence(attribute('kubeconfig_file'));
        if (kubeconfig === 'unknown' || !hasCustomHttpClient(body)) return;
        if (kubeconfig === 'set') body.report(LOAD_TIME_CODES.combination, kubernetesMessages.customWithKubeconfig, body.argumentRange('kubeconfig_file'));
        else if (!body.attribute('api_server')) body.report(LOAD_TIME_CODES.combination, kubernetesMessages.customWithoutServer, body.bodyRange());
      },
    },
  ],
};

// ---------------------------------------------------------------- relabel rules

const relabelActions = ['replace', 'keep', 'drop', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase', 'keepequal', 'dropequal'];
const relabelActionsNeedingTarget = new Set(['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal']);
/** Upstream's pattern for a `target_label` or `replacement` holding `$1`/`${name}` references. */
const relabelTarget = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

const relabelMessages = {
  unknownAction: 'unrecognized action type %q',
  modulus: 'relabel configuration for hashmod requires non-zero modulus',
  target: "relabel configuration for %s action requires 'target_label' value",
  invalidTarget: "%q is invalid 'target_label' for %s action",
  replacementSet: "'replacement' can not be set for %s action",
  invalidReplacement: "%q is invalid 'replacement' for %s action",
  onlyRegex: "%s action requires only 'regex', and no other fields",
  onlySourceAndTarget: "%s action requires only 'source_labels' and 'target_label', and no other fields",
};

/**
 * `Config.Validate` of a relabel rule, with the decoder's defaults (action `replace`, separator
 * `;`, regex `(.*)`, replacement `$1`). The checks of `target_label` as a label name depend on
 * Prometheus' process-wide name validation scheme and are not made.
 */
function checkRelabelRule(body: BodyContext): void {
  const code = LOAD_TIME_CODES.value;
  const action = body.stringOf('action');
  if (action === undefined) return;
  if (!relabelActions.includes(action)) {
    // Other names are alloy/invalid-enum; that check accepts another case, Alloy's decoder does not.
    if (relabelActions.includes(action.toLowerCase())) {
      body.report(code, `unrecognized action type ${goQuote(action)}`, body.argumentRange('action'), body.caseFix('action', relabelActions));
    }
    return;
  }
  const modulus = body.numberOf('modulus');
  if (action === 'hashmod' && modulus === 0) {
    body.report(code, relabelMessages.modulus, body.argumentRange('modulus'));
    return;
  }
  const target = body.stringOf('target_label');
  if (relabelActionsNeedingTarget.has(action) && target === '') {
    body.report(code, relabelMessages.target.replace('%s', action), body.argumentRange('target_label'));
    return;
  }
  if (action === 'replace' && target !== undefined && target.includes('$') && !relabelTarget.test(target)) {
    body.report(code, `${goQuote(target)} is invalid 'target_label' for ${action} action`, body.argumentRange('target_label'));
    return;
  }
  const replacement = body.stringOf('replacement');
  const replacementChanged = replacement === undefined ? undefined : replacement !== '$1';
  if (['lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(action) && replacementChanged === true) {
    body.report(code, relabelMessages.replacementSet.replace('%s', action), body.argumentRange('replacement'));
    return;
  }
  if (action === 'labelmap' && replacement !== undefined && !relabelTarget.test(replacement)) {
    body.report(code, `${goQuote(replacement)} is invalid 'replacement' for ${action} action`, body.argumentRange('replacement'));
    return;
  }
  const separator = body.stringOf('separator');
  if (action === 'labeldrop' || action === 'labelkeep') {
    // A written source_labels is a non-nil list in Go, even when empty.
    const sourceLabels = body.attribute('source_labels');
    const sourceState = body.argument('source_labels');
    const offending = [
      sourceLabels && sourceState.state === 'known' && sourceState.value.type !== 'null' ? 'source_labels' : undefined,
      target !== undefined && target !== '' ? 'target_label' : undefined,
      modulus !== undefined && modulus !== 0 ? 'modulus' : undefined,
      separator !== undefined && separator !== ';' ? 'separator' : undefined,
      replacementChanged === true ? 'replacement' : undefined,
    ].find((name) => name !== undefined);
    if (offending) body.report(code, relabelMessages.onlyRegex.replace('%s', action), body.argumentRange(offending));
    return;
  }
  if (action === 'keepequal' || action === 'dropequal') {
    const regex = body.stringOf('regex');
    const offending = [
      regex !== undefined && regex !== '(.*)' ? 'regex' : undefined,
      modulus !== undefined && modulus !== 0 ? 'modulus' : undefined,
      separator !== undefined && separator !== ';' ? 'separator' : undefined,
    ].find((name) => name !== undefined);
    if (offending) body.report(code, relabelMessages.onlySourceAndTarget.replace('%s', action), body.argumentRange(offending));
  }
}

export const relabelRuleSet: RuleSet = {
  name: 'relabel-rule',
  upstream: 'common/relabel/relabel.go',
  attach: { arguments: ['source_labels', 'separator', 'regex', 'modulus', 'target_label', 'replacement', 'action'] },
  rules: [
    { kind: 'regex', argument: 'regex', anchoring: 'relabel' },
    {
      kind: 'code',
      name: 'relabel-action',
      arguments: ['action', 'modulus', 'target_label', 'replacement', 'separator', 'source_labels', 'regex'],
      // `rule {}` alone is a replace rule without target_label.
      evenWhenUnwritten: true,
      messages: [
        relabelMessages.unknownAction,
        relabelMessages.modulus,
        relabelMessages.target,
        relabelMessages.invalidTarget,
        relabelMessages.replacementSet,
        relabelMessages.invalidReplacement,
        relabelMessages.onlyRegex,
        relabelMessages.onlySourceAndTarget,
      ].map((message) => ({ message, code: LOAD_TIME_CODES.value })),
      check: checkRelabelRule,
    },
  ],
};
