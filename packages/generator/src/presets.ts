/**
 * Presets: typed functions that return the blocks of a common Alloy pipeline.
 * They compose through receiver references: `remoteWrite` returns the
 * `receiver` that `nodeExporter` forwards to.
 */
import type { Block, Expression, File, ObjectField, Statement } from '@alloy-toolkit/syntax';
import {
  array,
  attribute,
  block,
  bool,
  envVar,
  field,
  file,
  hostname,
  number,
  object,
  reference,
  string,
  stringArray,
  withComments,
} from './builder.js';
import { knownUnixCollectors, validateCollectors } from './collectors.js';
import {
  GeneratorInputError,
  validateComponentLabel,
  validateDuration,
  validateGoDuration,
  validateEnvVarName,
  validateHttpUrl,
  validateLabelNames,
} from './validate.js';

/** A group of top-level blocks produced by a preset. */
export interface ConfigPart {
  blocks: Block[];
}

/** A value for a label: a plain string or any expression such as `constants.hostname`. */
export type LabelValue = string | Expression;

/** Label name -> value, in the order they are written. */
export type LabelSet = Readonly<Record<string, LabelValue>>;

function labelValue(value: LabelValue): Expression {
  return typeof value === 'string' ? string(value) : value;
}

function labelFields(labels: LabelSet): ObjectField[] {
  return Object.entries(labels).map(([name, value]) => field(name, labelValue(value)));
}

/** Credentials read from environment variables with `sys.env` when Alloy loads the file. */
export interface BasicAuthFromEnv {
  /** Variable holding the user name, e.g. `PROMETHEUS_USERNAME`. */
  usernameEnv: string;
  /** Variable holding the password, e.g. `PROMETHEUS_PASSWORD`. */
  passwordEnv: string;
}

function basicAuthBlock(auth: BasicAuthFromEnv): Block {
  validateEnvVarName(auth.usernameEnv, 'basic auth user variable');
  validateEnvVarName(auth.passwordEnv, 'basic auth password variable');
  return block('basic_auth', null, [
    attribute('username', envVar(auth.usernameEnv)),
    attribute('password', envVar(auth.passwordEnv)),
  ]);
}

/** `queue_config` settings of a `prometheus.remote_write` endpoint; unset fields keep Alloy's defaults. */
export interface RemoteWriteQueueOptions {
  /** Samples buffered per shard (Alloy default 10000). */
  capacity?: number;
  /** Lower bound of concurrent shards (default 1). */
  minShards?: number;
  /** Upper bound of concurrent shards (default 50). */
  maxShards?: number;
  /** Samples per request (default 2000). */
  maxSamplesPerSend?: number;
  /** Longest wait before a partial batch is sent, e.g. `"5s"`. */
  batchSendDeadline?: string;
  /** First retry delay, e.g. `"30ms"`. */
  minBackoff?: string;
  /** Longest retry delay, e.g. `"5s"`. */
  maxBackoff?: string;
  /** Retry on HTTP 429 (default true). */
  retryOnHttp429?: boolean;
  /** Drop samples older than this, e.g. `"1h"` (default `"0s"`: never). */
  sampleAgeLimit?: string;
}

/** `wal` settings of `prometheus.remote_write`; unset fields keep Alloy's defaults. */
export interface RemoteWriteWalOptions {
  /** How often the WAL is cleaned up (default `"2h"`). */
  truncateFrequency?: string;
  /** Minimum time data stays in the WAL (default `"5m"`). */
  minKeepaliveTime?: string;
  /** Maximum time data stays in the WAL (default `"8h"`). */
  maxKeepaliveTime?: string;
}

function nonNegativeInteger(value: number, what: string): Expression {
  if (!Number.isInteger(value) || value < 0) throw new GeneratorInputError(`${what} must be a non-negative integer, got ${value}`);
  return number(value);
}

function durationAttribute(name: string, value: string): Statement {
  validateDuration(value, name);
  return attribute(name, string(value));
}

function queueBlock(queue: RemoteWriteQueueOptions): Block | null {
  const body: Statement[] = [];
  if (queue.capacity !== undefined) body.push(attribute('capacity', nonNegativeInteger(queue.capacity, 'capacity')));
  if (queue.minShards !== undefined) body.push(attribute('min_shards', nonNegativeInteger(queue.minShards, 'min_shards')));
  if (queue.maxShards !== undefined) body.push(attribute('max_shards', nonNegativeInteger(queue.maxShards, 'max_shards')));
  if (queue.maxSamplesPerSend !== undefined) {
    body.push(attribute('max_samples_per_send', nonNegativeInteger(queue.maxSamplesPerSend, 'max_samples_per_send')));
  }
  if (queue.batchSendDeadline !== undefined) body.push(durationAttribute('batch_send_deadline', queue.batchSendDeadline));
  if (queue.minBackoff !== undefined) body.push(durationAttribute('min_backoff', queue.minBackoff));
  if (queue.maxBackoff !== undefined) body.push(durationAttribute('max_backoff', queue.maxBackoff));
  if (queue.retryOnHttp429 !== undefined) {
    body.push(attribute('retry_on_http_429', bool(queue.retryOnHttp429)));
  }
  if (queue.sampleAgeLimit !== undefined) {
    // Zero (the default) turns the limit off, so it is the one setting where zero is allowed.
    validateGoDuration(queue.sampleAgeLimit, 'sample_age_limit');
    body.push(attribute('sample_age_limit', string(queue.sampleAgeLimit)));
  }
  return body.length > 0 ? block('queue_config', null, body) : null;
}

const NANOSECONDS_PER_SECOND = 1_000_000_000n;
const DEFAULT_WAL_MIN_KEEPALIVE = 5n * 60n * NANOSECONDS_PER_SECOND;
const DEFAULT_WAL_MAX_KEEPALIVE = 8n * 3600n * NANOSECONDS_PER_SECOND;
/** `prometheus.scrape`'s default `scrape_timeout`; Alloy refuses a timeout above the interval. */
const DEFAULT_SCRAPE_TIMEOUT = 10n * NANOSECONDS_PER_SECOND;

function walBlock(wal: RemoteWriteWalOptions): Block | null {
  const body: Statement[] = [];
  if (wal.truncateFrequency !== undefined) body.push(durationAttribute('truncate_frequency', wal.truncateFrequency));
  if (wal.minKeepaliveTime !== undefined) body.push(durationAttribute('min_keepalive_time', wal.minKeepaliveTime));
  if (wal.maxKeepaliveTime !== undefined) body.push(durationAttribute('max_keepalive_time', wal.maxKeepaliveTime));
  // Alloy's load-time rule, against the defaults (5m, 8h) for the one not given.
  const minKeepalive = wal.minKeepaliveTime === undefined ? DEFAULT_WAL_MIN_KEEPALIVE : validateDuration(wal.minKeepaliveTime);
  const maxKeepalive = wal.maxKeepaliveTime === undefined ? DEFAULT_WAL_MAX_KEEPALIVE : validateDuration(wal.maxKeepaliveTime);
  if (maxKeepalive <= minKeepalive) {
    throw new GeneratorInputError(
      `min_keepalive_time (${wal.minKeepaliveTime ?? '5m'}) must be smaller than max_keepalive_time (${wal.maxKeepaliveTime ?? '8h'})`,
    );
  }
  return body.length > 0 ? block('wal', null, body) : null;
}

/** Options of `remoteWrite`. */
export interface RemoteWriteOptions {
  /** Component label (default `"default"`): `prometheus.remote_write.<label>`. */
  label?: string;
  /** The remote write endpoint, e.g. `https://prometheus.example.com/api/v1/write`. Must be http(s). */
  url: string;
  /** A `//` comment written above `url` (the seed writes `Replace with your Prometheus server URL`). */
  urlComment?: string;
  /** Add `instance = constants.hostname` as the first external label (default true). */
  instanceFromHostname?: boolean;
  /** Written as the `environment` external label when given, e.g. `"prd"`. */
  environment?: string;
  /** More external labels, in order (e.g. `{ app: 'my-app', instance_name: 'my-app-ec2' }`). */
  externalLabels?: LabelSet;
  /** HTTP basic auth with both values read from environment variables. */
  basicAuth?: BasicAuthFromEnv;
  /** Environment variable holding a bearer token (`bearer_token = sys.env("...")`). Exclusive with `basicAuth`. */
  bearerTokenEnv?: string;
  /** `queue_config` tuning. */
  queue?: RemoteWriteQueueOptions;
  /** `wal` tuning. */
  wal?: RemoteWriteWalOptions;
}

/** What `remoteWrite` returns: its blocks and the receiver other presets forward to. */
export interface RemoteWritePart extends ConfigPart {
  /** `prometheus.remote_write.<label>.receiver` */
  receiver: Expression;
}

/** The external labels `remoteWrite` and `lokiWrite` write, validated (names, duplicates). */
export function externalLabelSet(options: {
  instanceFromHostname?: boolean;
  environment?: string;
  externalLabels?: LabelSet;
}): ObjectField[] {
  const names: string[] = [];
  const fields: ObjectField[] = [];
  if (options.instanceFromHostname ?? true) {
    names.push('instance');
    fields.push(field('instance', hostname()));
  }
  if (options.environment !== undefined) {
    names.push('environment');
    fields.push(field('environment', string(options.environment)));
  }
  const extra = options.externalLabels ?? {};
  names.push(...Object.keys(extra));
  validateLabelNames(names);
  // Prometheus treats an empty label value as an absent label, so an empty value is a mistake.
  if (options.environment === '') throw new GeneratorInputError('the environment label has an empty value');
  for (const [name, value] of Object.entries(extra)) {
    if (value === '') throw new GeneratorInputError(`label ${JSON.stringify(name)} has an empty value`);
  }
  fields.push(...labelFields(extra));
  return fields;
}

/**
 * `prometheus.remote_write "<label>"` with one `endpoint` and the seed's
 * external labels (`instance = constants.hostname`, `environment`, ...).
 */
export function remoteWrite(options: RemoteWriteOptions): RemoteWritePart {
  const label = options.label ?? 'default';
  validateComponentLabel(label);
  validateHttpUrl(options.url, 'remote write URL');
  if (options.basicAuth && options.bearerTokenEnv !== undefined) {
    throw new GeneratorInputError('basic auth and a bearer token cannot be used together');
  }
  const urlAttribute = attribute('url', string(options.url));
  if (options.urlComment !== undefined) withComments(urlAttribute, ` ${options.urlComment}`);
  const endpointBody: Statement[] = [urlAttribute];
  if (options.bearerTokenEnv !== undefined) {
    validateEnvVarName(options.bearerTokenEnv, 'bearer token variable');
    endpointBody.push(attribute('bearer_token', envVar(options.bearerTokenEnv)));
  }
  if (options.basicAuth) endpointBody.push(basicAuthBlock(options.basicAuth));
  const queue = options.queue ? queueBlock(options.queue) : null;
  if (queue) endpointBody.push(queue);

  const body: Statement[] = [block('endpoint', null, endpointBody)];
  const labels = externalLabelSet(options);
  if (labels.length > 0) body.push(attribute('external_labels', object(labels)));
  const wal = options.wal ? walBlock(options.wal) : null;
  if (wal) body.push(wal);
  return {
    blocks: [block('prometheus.remote_write', label, body)],
    receiver: reference('prometheus', 'remote_write', label, 'receiver'),
  };
}

/** Options of `nodeExporter`. */
export interface NodeExporterOptions {
  /** Label of both components (default `"node"`): `prometheus.exporter.unix.<label>`, `prometheus.scrape.<label>`. */
  label?: string;
  /**
   * Collectors to enable on top of the defaults (`enable_collectors`). Omit both
   * this and `setCollectors` for the default set (an empty exporter block).
   */
  enableCollectors?: readonly string[];
  /** Replace the default set with exactly these collectors (`set_collectors`). */
  setCollectors?: readonly string[];
  /** Default collectors to turn off (`disable_collectors`). */
  disableCollectors?: readonly string[];
  /** Names accepted as collectors (default: the schema's collector names; see `knownUnixCollectors`). */
  knownCollectors?: ReadonlySet<string>;
  /** `scrape_interval` of the scrape component (default `"15s"`). */
  scrapeInterval?: string;
  /** Receivers the scraped metrics go to, e.g. `[remoteWrite(...).receiver]`. At least one. */
  forwardTo: readonly Expression[];
}

/**
 * `prometheus.exporter.unix "<label>"` (node_exporter built in) scraped by
 * `prometheus.scrape "<label>"`, forwarding to the given receivers.
 */
export function nodeExporter(options: NodeExporterOptions): ConfigPart {
  const label = options.label ?? 'node';
  validateComponentLabel(label);
  const scrapeInterval = options.scrapeInterval ?? '15s';
  const scrapeIntervalNanoseconds = validateDuration(scrapeInterval, 'scrape interval');
  if (options.forwardTo.length === 0) throw new GeneratorInputError('nodeExporter needs at least one receiver in forwardTo');

  const exporterBody: Statement[] = [];
  const collectorLists: Array<[string, readonly string[] | undefined]> = [
    ['set_collectors', options.setCollectors],
    ['enable_collectors', options.enableCollectors],
    ['disable_collectors', options.disableCollectors],
  ];
  for (const [argumentName, names] of collectorLists) {
    if (names === undefined) continue;
    validateCollectors(names, options.knownCollectors ?? knownUnixCollectors());
    exporterBody.push(attribute(argumentName, stringArray(names, { multiline: true })));
  }
  return {
    blocks: [
      block('prometheus.exporter.unix', label, exporterBody),
      block('prometheus.scrape', label, [
        attribute('targets', reference('prometheus', 'exporter', 'unix', label, 'targets')),
        attribute('forward_to', array([...options.forwardTo])),
        attribute('scrape_interval', string(scrapeInterval)),
        // Below the default timeout, the timeout follows the interval or Alloy refuses the block.
        ...(scrapeIntervalNanoseconds < DEFAULT_SCRAPE_TIMEOUT ? [attribute('scrape_timeout', string(scrapeInterval))] : []),
      ]),
    ],
  };
}

/** Options of `lokiWrite`. */
export interface LokiWriteOptions {
  /** Component label (default `"default"`). */
  label?: string;
  /** Loki push URL, e.g. `https://loki.example.com/loki/api/v1/push`. */
  url: string;
  /** A `//` comment written above `url`. */
  urlComment?: string;
  /** Add `instance = constants.hostname` to the external labels (default true). */
  instanceFromHostname?: boolean;
  /** Written as the `environment` external label when given. */
  environment?: string;
  /** More external labels, in order. */
  externalLabels?: LabelSet;
  basicAuth?: BasicAuthFromEnv;
  /** `X-Scope-OrgID` tenant for multi-tenant Loki. */
  tenantId?: string;
}

/** What `lokiWrite` returns: its blocks and the `loki.write.<label>.receiver`. */
export interface LokiWritePart extends ConfigPart {
  receiver: Expression;
}

/** `loki.write "<label>"` with one endpoint and external labels. */
export function lokiWrite(options: LokiWriteOptions): LokiWritePart {
  const label = options.label ?? 'default';
  validateComponentLabel(label);
  validateHttpUrl(options.url, 'Loki URL');
  const urlAttribute = attribute('url', string(options.url));
  if (options.urlComment !== undefined) withComments(urlAttribute, ` ${options.urlComment}`);
  const endpointBody: Statement[] = [urlAttribute];
  if (options.tenantId !== undefined) endpointBody.push(attribute('tenant_id', string(options.tenantId)));
  if (options.basicAuth) endpointBody.push(basicAuthBlock(options.basicAuth));
  const body: Statement[] = [block('endpoint', null, endpointBody)];
  const labels = externalLabelSet(options);
  if (labels.length > 0) body.push(attribute('external_labels', object(labels)));
  return { blocks: [block('loki.write', label, body)], receiver: reference('loki', 'write', label, 'receiver') };
}

/** Options of `journalLogs`. */
export interface JournalLogsOptions {
  /** Label of the journal source and its relabel component (default `"journal"`). */
  label?: string;
  /** Loki push URL. A `loki.write` is generated unless `forwardTo` is given instead. */
  lokiUrl?: string;
  /** A `//` comment above the Loki URL. */
  lokiUrlComment?: string;
  /** Receivers to send to instead of a generated `loki.write`. */
  forwardTo?: readonly Expression[];
  /** Label of the generated `loki.write` (default `"default"`). */
  writeLabel?: string;
  /** Labels on every journal entry (default `{ job: "systemd-journal" }`). */
  labels?: LabelSet;
  /** External labels of the generated `loki.write` (instance and environment as in `remoteWrite`). */
  environment?: string;
  externalLabels?: LabelSet;
  instanceFromHostname?: boolean;
  /** Oldest entries read at start, e.g. `"12h"` (Alloy default `"7h"`). */
  maxAge?: string;
  /** systemd journal match expression, e.g. `"_SYSTEMD_UNIT=alloy.service"`. */
  matches?: string;
  /** Copy the systemd unit into a `unit` label through `loki.relabel` (default true). */
  unitLabel?: boolean;
  basicAuth?: BasicAuthFromEnv;
}

/**
 * `loki.source.journal "<label>"` reading the systemd journal, optionally with a
 * `loki.relabel` that keeps the unit name, sending to `loki.write`.
 */
export function journalLogs(options: JournalLogsOptions): ConfigPart & { receiver: Expression | null } {
  const label = options.label ?? 'journal';
  validateComponentLabel(label);
  let write: LokiWritePart | null = null;
  let forwardTo: readonly Expression[];
  if (options.forwardTo) {
    forwardTo = options.forwardTo;
  } else {
    if (options.lokiUrl === undefined) throw new GeneratorInputError('journalLogs needs lokiUrl or forwardTo');
    write = lokiWrite({
      label: options.writeLabel,
      url: options.lokiUrl,
      urlComment: options.lokiUrlComment,
      environment: options.environment,
      externalLabels: options.externalLabels,
      instanceFromHostname: options.instanceFromHostname,
      basicAuth: options.basicAuth,
    });
    forwardTo = [write.receiver];
  }
  if (forwardTo.length === 0) throw new GeneratorInputError('journalLogs needs at least one receiver');
  const labels = options.labels ?? { job: 'systemd-journal' };
  validateLabelNames(Object.keys(labels));

  const sourceBody: Statement[] = [];
  if (options.maxAge !== undefined) sourceBody.push(durationAttribute('max_age', options.maxAge));
  if (options.matches !== undefined) sourceBody.push(attribute('matches', string(options.matches)));
  sourceBody.push(attribute('forward_to', array([...forwardTo])));
  if (options.unitLabel ?? true) sourceBody.push(attribute('relabel_rules', reference('loki', 'relabel', label, 'rules')));
  if (Object.keys(labels).length > 0) sourceBody.push(attribute('labels', object(labelFields(labels))));

  const blocks: Block[] = [];
  if (options.unitLabel ?? true) {
    blocks.push(
      block('loki.relabel', label, [
        attribute('forward_to', array([])),
        block('rule', null, [
          attribute('source_labels', stringArray(['__journal__systemd_unit'])),
          attribute('target_label', string('unit')),
        ]),
      ]),
    );
  }
  blocks.push(block('loki.source.journal', label, sourceBody));
  if (write) blocks.push(...write.blocks);
  return { blocks, receiver: write?.receiver ?? null };
}

/** Combines preset parts (and loose blocks) into one file, in order. */
export function config(...parts: Array<ConfigPart | Block>): File {
  return file(parts.flatMap((part) => ('type' in part ? [part] : part.blocks)));
}
