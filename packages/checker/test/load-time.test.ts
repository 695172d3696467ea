import { describe, expect, it } from 'vitest';
import { checkText, constraintsFor, loadTimeRuleSets, messagesOfRule } from '../src/index.js';

const loadTimeCodes = new Set(['alloy/invalid-argument-combination', 'alloy/out-of-range', 'alloy/invalid-regex', 'alloy/invalid-argument-value', 'alloy/invalid-url', 'alloy/invalid-duration']);

/** The load-time diagnostics of a text, as `line: code: message`. */
function loadTime(text: string): string[] {
  return checkText(text, { stabilityLevel: 'experimental' })
    .diagnostics.filter((diagnostic) => loadTimeCodes.has(diagnostic.code))
    .map((diagnostic) => `${diagnostic.range.start.line}: ${diagnostic.code}: ${diagnostic.message}`);
}

function errorsOf(text: string): string[] {
  return checkText(text, { stabilityLevel: 'experimental' })
    .diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
}

const indent = (text: string, spaces: number) => text.split('\n').map((line) => (line === '' ? line : ' '.repeat(spaces) + line)).join('\n');
const endpoint = (inner: string) => `prometheus.remote_write "w" {\n  endpoint {\n    url = "https://m/api/v1/write"\n${indent(inner, 4)}\n  }\n}\n`;
const scrape = (inner: string) => `prometheus.scrape "s" {\n  targets    = []\n  forward_to = []\n${indent(inner, 2)}\n}\n`;
const relabel = (inner: string) => `discovery.relabel "r" {\n  targets = []\n  rule {\n${indent(inner, 4)}\n  }\n}\n`;
const azure = (inner: string) => endpoint(`azuread {\n${indent(inner, 2)}\n}`);
const uuid = '00000000-0000-0000-0000-000000000001';
const promRelabel = (inner: string) => `prometheus.relabel "r" {\n  forward_to = []\n${indent(inner, 2)}\n}\n`;
const pyroscope = (inner: string) => `pyroscope.scrape "p" {\n  targets = []\n  forward_to = []\n${indent(inner, 2)}\n}\n`;
const memoryLimiter = (inner: string) => `otelcol.processor.memory_limiter "m" {\n${indent(inner, 2)}\n  output {}\n}\n`;
const otlpExporter = (tls: string) => `otelcol.exporter.otlp "o" {\n  client {\n    endpoint = "collector:4317"\n    tls {\n${indent(tls, 6)}\n    }\n  }\n}\n`;
const queue = (inner: string) => `otelcol.exporter.otlp "o" {\n  client {\n    endpoint = "collector:4317"\n  }\n  sending_queue {\n${indent(inner, 4)}\n  }\n}\n`;
const syslog = (inner: string) => `loki.source.syslog "s" {\n  forward_to = []\n  listener {\n    address = "0.0.0.0:514"\n${indent(inner, 4)}\n  }\n}\n`;
const marathon = (inner: string) => `discovery.marathon "m" {\n${indent(inner, 2)}\n}\n`;
const scaleway = (inner: string) => `discovery.scaleway "s" {\n  role = "instance"\n${indent(inner, 2)}\n}\n`;
/** An ovhcloud component with every required argument, overridden by \`inner\`. */
const ovh = (inner: string) => {
  const settings = new Map([['application_key', '"k"'], ['application_secret', '"s"'], ['consumer_key', '"c"'], ['service', '"vps"']]);
  for (const line of inner.split('\n').filter(Boolean)) {
    const [name, value] = line.split(' = ');
    settings.set(name!, value!);
  }
  return `discovery.ovhcloud "o" {\n${[...settings].map(([name, value]) => `  ${name} = ${value}`).join('\n')}\n}\n`;
};
const remoteHttp = (inner: string) => `remote.http "h" {\n  url = "https://config.example.com/alloy"\n${indent(inner, 2)}\n}\n`;
const blackbox = (inner: string) => `prometheus.exporter.blackbox "b" {\n${indent(inner, 2)}\n}\n`;
const lokiProcess = (inner: string) => `loki.process "p" {\n  forward_to = []\n${indent(inner, 2)}\n}\n`;
const kubernetes = (inner: string) => `prometheus.operator.podmonitors "p" {\n  forward_to = []\n  client {\n${indent(inner, 4)}\n  }\n}\n`;

const filelog = (inner: string) => `otelcol.receiver.filelog "f" {\n  include = ["/var/log/*.log"]\n${indent(inner, 2)}\n  output {}\n}\n`;
const otelSyslog = (inner: string) => `otelcol.receiver.syslog "s" {\n${indent(inner, 2)}\n  output {}\n}\n`;
const syslogTcp = (inner: string) => otelSyslog(`tcp {\n  listen_address = "0.0.0.0:54526"\n${indent(inner, 2)}\n}`);
const cumulativeToDelta = (inner: string) => `otelcol.processor.cumulativetodelta "c" {\n${indent(inner, 2)}\n  output {}\n}\n`;
const splunk = (inner: string, client = 'endpoint = "https://splunk:8088/services/collector"') => `otelcol.exporter.splunkhec "s" {\n  client {\n${indent(client, 4)}\n  }\n  splunk {\n    token = "t"\n${indent(inner, 4)}\n  }\n}\n`;
const authHeader = (inner: string) => `otelcol.auth.headers "h" {\n  header {\n${indent(inner, 4)}\n  }\n}\n`;
const storage = (inner: string) => `otelcol.storage.file "s" {\n${indent(inner, 2)}\n}\n`;
const spanmetrics = (inner: string, histogram = 'explicit {}') => `otelcol.connector.spanmetrics "s" {\n${indent(inner, 2)}\n  histogram {\n${indent(histogram, 4)}\n  }\n  output {}\n}\n`;
const otelProcessor = (component: string, inner: string) => `${component} "p" {\n${indent(inner, 2)}\n  output {}\n}\n`;
const loadbalancing = (inner: string, resolver = 'static {\n  hostnames = ["a:4317"]\n}') => `otelcol.exporter.loadbalancing "l" {\n${indent(inner, 2)}\n  resolver {\n${indent(resolver, 4)}\n  }\n  protocol {\n    otlp {\n      client {}\n    }\n  }\n}\n`;
const kafkaReceiver = (inner: string) => `otelcol.receiver.kafka "k" {\n  brokers = ["k:9092"]\n  protocol_version = "2.0.0"\n${indent(inner, 2)}\n  output {}\n}\n`;
const solace = (inner: string, auth = 'sasl_plain {\n  username = "u"\n  password = "p"\n}') => `otelcol.receiver.solace "s" {\n${indent(inner, 2)}\n  auth {\n${indent(auth, 4)}\n  }\n  output {}\n}\n`;
const otlpRetry = (inner: string) => `otelcol.exporter.otlp "o" {\n  client {\n    endpoint = "collector:4317"\n  }\n  retry_on_failure {\n${indent(inner, 4)}\n  }\n}\n`;
const pubsub = (inner: string) => `otelcol.receiver.googlecloudpubsub "p" {\n${indent(inner, 2)}\n  output {}\n}\n`;

const vault = (inner: string) => `remote.vault "v" {\n  server = "https://vault:8200"\n  path = "secret/data/alloy"\n${indent(inner, 2)}\n}\n`;
const postgres = (inner: string) => `prometheus.exporter.postgres "p" {\n  data_source_names = ["postgresql://u:p@h:5432/db"]\n${indent(inner, 2)}\n}\n`;
const enrich = (inner: string) => `prometheus.enrich "e" {\n  targets = []\n  forward_to = []\n${indent(inner, 2)}\n}\n`;
const mimirMatcher = (inner: string) => `mimir.rules.kubernetes "m" {\n  address = "http://mimir"\n  extra_query_matchers {\n    matcher {\n      name = "cluster"\n      match_type = "="\n${indent(inner, 6)}\n    }\n  }\n}\n`;

const beyla = (inner: string) => `beyla.ebpf "b" {\n${indent(inner, 2)}\n  discovery {\n    instrument {\n      open_ports = "8080"\n    }\n  }\n  output {}\n}\n`;
const beylaDiscovery = (discovery: string) => `beyla.ebpf "b" {\n  discovery {\n${indent(discovery, 4)}\n  }\n  output {}\n}\n`;
const otel = (component: string, inner: string, output = 'output {}') => `${component} "x" {\n${indent(inner, 2)}\n${output ? `  ${output}\n` : ''}}\n`;
const samplingExtension = (inner: string) => `otelcol.extension.jaeger_remote_sampling "j" {\n${indent(inner, 2)}\n}\n`;
const tailSampling = (inner: string) => `otelcol.processor.tail_sampling "t" {\n${indent(inner, 2)}\n  output {}\n}\n`;
const ottl = (errorMode: string) => tailSampling(`policy {\n  name = "errors"\n  type = "ottl_condition"\n  ottl_condition {\n    error_mode = "${errorMode}"\n    span = ["attributes[\\"http.status_code\\"] >= 500"]\n  }\n}`);
const transform = (context: string) => `otelcol.processor.transform "t" {\n  trace_statements {\n    context = "${context}"\n    statements = ["set(attributes[\\"a\\"], \\"b\\")"]\n  }\n  output {}\n}\n`;
const fileStats = (filter: string) => `otelcol.receiver.file_stats "f" {\n  include = "/var/log/*.log"\n  resource_attributes {\n    file.name {\n      metrics_include {\n${indent(filter, 8)}\n      }\n    }\n  }\n  output {}\n}\n`;
const writeQueue = (inner: string) => `prometheus.write.queue "q" {\n  endpoint "e" {\n    url = "http://mimir:9009/api/v1/push"\n${indent(inner, 4)}\n  }\n}\n`;
const parallelism = (inner: string) => writeQueue(`parallelism {\n${indent(inner, 2)}\n}`);
const dbo = (component: string, inner: string) => `database_observability.${component} "d" {\n  data_source_name = "${component === 'mysql' ? 'user:pass@tcp(db:3306)/' : 'postgres://user:pass@db:5432/app'}"\n  forward_to = []\n${indent(inner, 2)}\n}\n`;

/** For every upstream message a rule reports: a configuration Alloy refuses with it, and a corrected one. */
const cases: Record<string, { bad: string; good: string; message?: string; line?: number }[]> = {
  'at most one of basic_auth, authorization, oauth2, bearer_token & bearer_token_file must be configured': [
    { bad: endpoint('bearer_token = "t"\nbasic_auth {\n  username = "u"\n}'), good: endpoint('basic_auth {\n  username = "u"\n}') },
    { bad: scrape('bearer_token_file = "/t"\nauthorization {\n  credentials_file = "/c"\n}'), good: scrape('authorization {\n  credentials_file = "/c"\n}') },
  ],
  'if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured': [
    { bad: scrape('proxy_connect_header = { "X-A" = ["b"] }'), good: scrape('proxy_connect_header = { "X-A" = ["b"] }\nproxy_url = "http://proxy:3128"') },
  ],
  'if proxy_from_environment is configured, proxy_url must not be configured': [
    { bad: scrape('proxy_from_environment = true\nproxy_url = "http://proxy:3128"'), good: scrape('proxy_from_environment = false\nproxy_url = "http://proxy:3128"') },
  ],
  'if proxy_from_environment is configured, no_proxy must not be configured': [
    { bad: scrape('proxy_from_environment = true\nno_proxy = "localhost"'), good: scrape('proxy_from_environment = true') },
  ],
  'if no_proxy is configured, proxy_url must also be configured': [
    { bad: scrape('no_proxy = "localhost"'), good: scrape('no_proxy = "localhost"\nproxy_url = ""') },
  ],
  'at most one of basic_auth password & password_file must be configured': [
    { bad: endpoint('basic_auth {\n  username = "u"\n  password = "p"\n  password_file = "/p"\n}'), good: endpoint('basic_auth {\n  username = "u"\n  password = ""\n  password_file = "/p"\n}') },
  ],
  'at most one of authorization credentials & credentials_file must be configured': [
    { bad: endpoint('authorization {\n  credentials = "c"\n  credentials_file = "/c"\n}'), good: endpoint('authorization {\n  credentials = "c"\n}') },
  ],
  'authorization type cannot be set to "basic", use "basic_auth" block instead': [
    { bad: endpoint('authorization {\n  type = " Basic "\n  credentials = "c"\n}'), good: endpoint('authorization {\n  type = "Bearer"\n  credentials = "c"\n}') },
  ],
  'at most one of ca_pem and ca_file must be configured': [
    { bad: endpoint('tls_config {\n  ca_pem = "x"\n  ca_file = "/ca"\n}'), good: endpoint('tls_config {\n  ca_file = "/ca"\n}') },
    { bad: otlpExporter('ca_pem = "x"\nca_file = "/ca"'), good: otlpExporter('ca_file = "/ca"') },
    { bad: 'loki.source.kafka "k" {\n  brokers = ["b:9092"]\n  topics = ["t"]\n  forward_to = []\n  authentication {\n    type = "ssl"\n    tls_config {\n      ca_pem = "x"\n      ca_file = "/ca"\n    }\n  }\n}\n', good: 'loki.source.kafka "k" {\n  brokers = ["b:9092"]\n  topics = ["t"]\n  forward_to = []\n  authentication {\n    type = "ssl"\n    tls_config {\n      ca_file = "/ca"\n    }\n  }\n}\n' },
  ],
  'queue_size must be greater than zero': [
    { bad: queue('queue_size = 0'), good: queue('enabled = false\nqueue_size = 0') },
  ],
  '`min_size` must be less than or equal to `queue_size`': [
    { bad: queue('sizer = "items"\nbatch {}'), good: queue('sizer = "items"\nqueue_size = 5000\nbatch {}') },
  ],
  '`batch` supports only `items` or `bytes` sizer': [
    { bad: queue('batch {\n  sizer = "requests"\n}'), good: queue('batch {\n  sizer = "bytes"\n}') },
  ],
  '`flush_timeout` must be positive': [
    { bad: queue('batch {\n  flush_timeout = "0s"\n}'), good: queue('batch {\n  flush_timeout = "1s"\n}') },
  ],
  '`min_size` must be non-negative': [
    { bad: queue('batch {\n  min_size = -1\n}'), good: queue('batch {\n  min_size = 0\n}') },
  ],
  '`max_size` must be non-negative': [
    { bad: queue('batch {\n  max_size = -1\n}'), good: queue('batch {\n  max_size = 0\n}') },
  ],
  '`max_size` must be greater or equal to `min_size`': [
    { bad: queue('batch {\n  max_size = 100\n}'), good: queue('batch {\n  max_size = 100\n  min_size = 50\n}') },
  ],
  'rfc3164_cisco_components has no effect when syslog format is not %q': [
    { bad: syslog('rfc3164_cisco_components {\n  enable_all = true\n}'), good: syslog('syslog_format = "rfc3164"\nrfc3164_cisco_components {\n  enable_all = true\n}'), message: 'rfc3164_cisco_components has no effect when syslog format is not "rfc3164"' },
  ],
  'at least one option in rfc3164_cisco_components has to be enabled': [
    { bad: syslog('syslog_format = "rfc3164"\nrfc3164_cisco_components {\n  hostname = false\n}'), good: syslog('syslog_format = "rfc3164"\nrfc3164_cisco_components {\n  hostname = true\n}') },
  ],
  '"rfc5424_allow_empty_msg" has no effect when syslog format is set to %q': [
    { bad: syslog('syslog_format = "rfc3164"\nrfc5424_allow_empty_msg = true'), good: syslog('rfc5424_allow_empty_msg = true'), message: '"rfc5424_allow_empty_msg" has no effect when syslog format is set to "rfc3164"' },
  ],
  '"use_rfc5424_message" has no effect when syslog format is set to %q': [
    { bad: syslog('syslog_format = "raw"\nuse_rfc5424_message = true'), good: syslog('use_rfc5424_message = true'), message: '"use_rfc5424_message" has no effect when syslog format is set to "raw"' },
  ],
  '"rfc3164_default_to_current_year" has no effect when syslog format is set to %q': [
    { bad: syslog('syslog_format = "raw"\nrfc3164_default_to_current_year = true'), good: syslog('syslog_format = "rfc3164"\nrfc3164_default_to_current_year = true'), message: '"rfc3164_default_to_current_year" has no effect when syslog format is set to "raw"' },
  ],
  '"use_incoming_timestamp" has no effect when syslog format is set to %q': [
    { bad: syslog('syslog_format = "raw"\nuse_incoming_timestamp = true'), good: syslog('use_incoming_timestamp = true'), message: '"use_incoming_timestamp" has no effect when syslog format is set to "raw"' },
  ],
  'raw_format_options has no effect when syslog format is not %q': [
    { bad: syslog('raw_format_options {}'), good: syslog('syslog_format = "raw"\nraw_format_options {}'), message: 'raw_format_options has no effect when syslog format is not "raw"' },
  ],
  'job_name must not be an empty string': [
    { bad: 'loki.source.kubernetes_events "e" {\n  forward_to = []\n  job_name = ""\n}\n', good: 'loki.source.kubernetes_events "e" {\n  forward_to = []\n  job_name = "events"\n}\n' },
  ],
  'supported values of log_format are %s and %s': [
    { bad: 'loki.source.kubernetes_events "e" {\n  forward_to = []\n  log_format = "text"\n}\n', good: 'loki.source.kubernetes_events "e" {\n  forward_to = []\n  log_format = "json"\n}\n', message: 'supported values of log_format are logfmt and json' },
  ],
  'invalid encoding type %s': [
    { bad: 'otelcol.exporter.otlphttp "o" {\n  client {\n    endpoint = "http://c:4318"\n  }\n  encoding = "protobuf"\n}\n', good: 'otelcol.exporter.otlphttp "o" {\n  client {\n    endpoint = "http://c:4318"\n  }\n  encoding = "json"\n}\n', message: 'invalid encoding type protobuf' },
  ],
  'sync_interval must be greater than 0': [
    { bad: 'mimir.rules.kubernetes "m" {\n  address = "http://mimir"\n  sync_interval = "0s"\n}\n', good: 'mimir.rules.kubernetes "m" {\n  address = "http://mimir"\n  sync_interval = "1m"\n}\n' },
    { bad: 'loki.rules.kubernetes "l" {\n  address = "http://loki"\n  sync_interval = "0s"\n}\n', good: 'loki.rules.kubernetes "l" {\n  address = "http://loki"\n}\n' },
  ],
  'mimir_namespace_prefix must not be empty': [
    { bad: 'mimir.rules.kubernetes "m" {\n  address = "http://mimir"\n  mimir_namespace_prefix = ""\n}\n', good: 'mimir.rules.kubernetes "m" {\n  address = "http://mimir"\n  mimir_namespace_prefix = "alloy"\n}\n' },
  ],
  'mimir_namespace_separator must not be empty': [
    { bad: 'mimir.rules.kubernetes "m" {\n  address = "http://mimir"\n  mimir_namespace_separator = ""\n}\n', good: 'mimir.rules.kubernetes "m" {\n  address = "http://mimir"\n  mimir_namespace_separator = "-"\n}\n' },
  ],
  'loki_namespace_prefix must not be empty': [
    { bad: 'loki.rules.kubernetes "l" {\n  address = "http://loki"\n  loki_namespace_prefix = ""\n}\n', good: 'loki.rules.kubernetes "l" {\n  address = "http://loki"\n  loki_namespace_prefix = "a"\n}\n' },
  ],
  'loki_namespace_separator must not be empty': [
    { bad: 'loki.rules.kubernetes "l" {\n  address = "http://loki"\n  loki_namespace_separator = ""\n}\n', good: 'loki.rules.kubernetes "l" {\n  address = "http://loki"\n  loki_namespace_separator = "_"\n}\n' },
  ],
  'exactly one of bearer_token or bearer_token_file must be specified': [
    { bad: 'discovery.digitalocean "d" {}\n', good: 'discovery.digitalocean "d" {\n  bearer_token_file = "/t"\n}\n' },
    { bad: 'discovery.digitalocean "d" {\n  bearer_token = "t"\n  bearer_token_file = "/t"\n}\n', good: 'discovery.digitalocean "d" {\n  bearer_token = "t"\n}\n' },
  ],
  'project_id must not be empty': [
    { bad: scaleway('project_id = ""\naccess_key = "a"\nsecret_key = "s"'), good: scaleway('project_id = "p"\naccess_key = "a"\nsecret_key = "s"') },
  ],
  'exactly one of secret_key or secret_key_file must be configured': [
    { bad: scaleway('project_id = "p"\naccess_key = "a"'), good: scaleway('project_id = "p"\naccess_key = "a"\nsecret_key_file = "/s"') },
    { bad: scaleway('project_id = "p"\naccess_key = "a"\nsecret_key = "s"\nsecret_key_file = "/s"'), good: scaleway('project_id = "p"\naccess_key = "a"\nsecret_key = "s"') },
  ],
  'access_key must not be empty': [
    { bad: scaleway('project_id = "p"\naccess_key = ""\nsecret_key = "s"'), good: scaleway('project_id = "p"\naccess_key = "a"\nsecret_key = "s"') },
  ],
  'endpoint cannot be empty': [
    { bad: ovh('endpoint = ""'), good: ovh('endpoint = "ovh-ca"') },
  ],
  'application_key cannot be empty': [
    { bad: ovh('application_key = ""'), good: ovh('') },
  ],
  'application_secret cannot be empty': [
    { bad: ovh('application_secret = ""'), good: ovh('') },
  ],
  'consumer_key cannot be empty': [
    { bad: ovh('consumer_key = ""'), good: ovh('') },
  ],
  'unknown service: %v': [
    { bad: ovh('service = "cloud"'), good: ovh(''), message: 'unknown service: cloud' },
  ],
  'poll_timeout must not be greater than 0': [
    { bad: 'remote.kubernetes.secret "s" {\n  namespace = "n"\n  name = "s"\n  poll_timeout = "0s"\n}\n', good: 'remote.kubernetes.secret "s" {\n  namespace = "n"\n  name = "s"\n  poll_timeout = "10s"\n}\n' },
  ],
  'at most one of cert_pem and cert_file must be configured': [
    { bad: endpoint('tls_config {\n  cert_pem = "x"\n  cert_file = "/c"\n  key_file = "/k"\n}'), good: endpoint('tls_config {\n  cert_file = "/c"\n  key_file = "/k"\n}') },
  ],
  'at most one of key_pem and key_file must be configured': [
    { bad: endpoint('tls_config {\n  cert_file = "/c"\n  key_pem = "x"\n  key_file = "/k"\n}'), good: endpoint('tls_config {\n  cert_file = "/c"\n  key_pem = "x"\n}') },
  ],
  'exactly one of key_pem or key_file must be configured when a client certificate is configured': [
    { bad: endpoint('tls_config {\n  cert_file = "/c"\n}'), good: endpoint('tls_config {\n  cert_file = "/c"\n  key_file = "/k"\n}') },
  ],
  'exactly one of cert_pem or cert_file must be configured when a client key is configured': [
    { bad: endpoint('tls_config {\n  key_file = "/k"\n}'), good: endpoint('tls_config {\n  key_file = "/k"\n  cert_pem = "x"\n}') },
    { bad: otlpExporter('key_file = "/k"'), good: otlpExporter('key_file = "/k"\ncert_file = "/c"') },
  ],
  'unknown TLS version: %s': [
    { bad: endpoint('tls_config {\n  min_version = "TLS14"\n}'), good: endpoint('tls_config {\n  min_version = "TLS13"\n}'), message: 'unknown TLS version: TLS14' },
  ],
  'oauth2 client_id must be configured': [
    { bad: endpoint('oauth2 {\n  client_secret = "s"\n  token_url = "https://t"\n}'), good: endpoint('oauth2 {\n  client_id = "i"\n  client_secret = "s"\n  token_url = "https://t"\n}') },
  ],
  'either oauth2 client_secret or client_secret_file must be configured': [
    { bad: endpoint('oauth2 {\n  client_id = "i"\n  token_url = "https://t"\n}'), good: endpoint('oauth2 {\n  client_id = "i"\n  client_secret_file = "/s"\n  token_url = "https://t"\n}') },
  ],
  'oauth2 token_url must be configured': [
    { bad: endpoint('oauth2 {\n  client_id = "i"\n  client_secret = "s"\n}'), good: endpoint('oauth2 {\n  client_id = "i"\n  client_secret = "s"\n  token_url = "https://t"\n}') },
  ],
  'at most one of oauth2 client_secret & client_secret_file must be configured': [
    { bad: endpoint('oauth2 {\n  client_id = "i"\n  client_secret = "s"\n  client_secret_file = "/s"\n  token_url = "https://t"\n}'), good: endpoint('oauth2 {\n  client_id = "i"\n  client_secret = "s"\n  token_url = "https://t"\n}') },
  ],
  'error parsing regexp: %s: `%s`': [
    { bad: relabel('source_labels = ["a"]\nregex = "(foo"\naction = "keep"'), good: relabel('source_labels = ["a"]\nregex = "(foo)"\naction = "keep"'), message: 'error parsing regexp: missing closing ): `^(?s:(foo)$`' },
    { bad: relabel('source_labels = ["a"]\nregex = "a(?=b)"\naction = "drop"'), good: relabel('source_labels = ["a"]\nregex = "ab"\naction = "drop"'), message: 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`' },
  ],
  'unrecognized action type %q': [
    { bad: relabel('source_labels = ["a"]\naction = "Keep"'), good: relabel('source_labels = ["a"]\naction = "keep"'), message: 'unrecognized action type "Keep"' },
  ],
  'relabel configuration for hashmod requires non-zero modulus': [
    { bad: relabel('source_labels = ["a"]\ntarget_label = "b"\naction = "hashmod"'), good: relabel('source_labels = ["a"]\ntarget_label = "b"\nmodulus = 4\naction = "hashmod"') },
  ],
  "relabel configuration for %s action requires 'target_label' value": [
    { bad: relabel('source_labels = ["a"]\naction = "replace"'), good: relabel('source_labels = ["a"]\ntarget_label = "b"\naction = "replace"'), message: "relabel configuration for replace action requires 'target_label' value" },
    { bad: relabel('regex = "x"'), good: relabel('regex = "x"\ntarget_label = "b"'), message: "relabel configuration for replace action requires 'target_label' value" },
    { bad: relabel('source_labels = ["a"]\naction = "lowercase"'), good: relabel('source_labels = ["a"]\ntarget_label = "a"\naction = "lowercase"'), message: "relabel configuration for lowercase action requires 'target_label' value" },
  ],
  "%q is invalid 'target_label' for %s action": [
    { bad: relabel('source_labels = ["a"]\ntarget_label = "x-$1"\naction = "replace"'), good: relabel('source_labels = ["a"]\ntarget_label = "x_$1"\naction = "replace"'), message: `"x-$1" is invalid 'target_label' for replace action` },
  ],
  "'replacement' can not be set for %s action": [
    { bad: relabel('source_labels = ["a"]\ntarget_label = "a"\nreplacement = "x"\naction = "uppercase"'), good: relabel('source_labels = ["a"]\ntarget_label = "a"\naction = "uppercase"'), message: "'replacement' can not be set for uppercase action" },
  ],
  "%q is invalid 'replacement' for %s action": [
    { bad: relabel('regex = "__meta_(.+)"\nreplacement = "meta-$1"\naction = "labelmap"'), good: relabel('regex = "__meta_(.+)"\nreplacement = "meta_$1"\naction = "labelmap"'), message: `"meta-$1" is invalid 'replacement' for labelmap action` },
  ],
  "%s action requires only 'regex', and no other fields": [
    { bad: relabel('regex = "tmp_.*"\ntarget_label = "x"\naction = "labeldrop"'), good: relabel('regex = "tmp_.*"\naction = "labeldrop"'), message: "labeldrop action requires only 'regex', and no other fields" },
    { bad: relabel('source_labels = []\nregex = "tmp_.*"\naction = "labelkeep"'), good: relabel('regex = "tmp_.*"\naction = "labelkeep"'), message: "labelkeep action requires only 'regex', and no other fields" },
  ],
  "%s action requires only 'source_labels' and 'target_label', and no other fields": [
    { bad: relabel('source_labels = ["a"]\ntarget_label = "b"\nregex = "x"\naction = "keepequal"'), good: relabel('source_labels = ["a"]\ntarget_label = "b"\nregex = "(.*)"\naction = "keepequal"'), message: "keepequal action requires only 'source_labels' and 'target_label', and no other fields" },
  ],
  'scrape_timeout (%s) greater than scrape_interval (%s) for scrape config with job name %q': [
    { bad: scrape('scrape_timeout = "2m"'), good: scrape('scrape_timeout = "1m"'), message: 'scrape_timeout (2m0s) greater than scrape_interval (1m0s) for scrape config with job name ""' },
    { bad: scrape('scrape_interval = "5s"\njob_name = "node"'), good: scrape('scrape_interval = "5s"\nscrape_timeout = "5s"\njob_name = "node"'), message: 'scrape_timeout (10s) greater than scrape_interval (5s) for scrape config with job name "node"' },
    { bad: scrape('scrape_interval = "1.5s"\nscrape_timeout = "1500001us"'), good: scrape('scrape_interval = "1.5s"\nscrape_timeout = "1500ms"'), message: 'scrape_timeout (1.500001s) greater than scrape_interval (1.5s) for scrape config with job name ""' },
  ],
  'both enable_protobuf_negotiation and scrape_protocols are set, only one can be set at a time': [
    { bad: scrape('enable_protobuf_negotiation = true\nscrape_protocols = ["PrometheusProto"]'), good: scrape('enable_protobuf_negotiation = true') },
  ],
  'scrape_native_histograms is set to true, but PrometheusProto is not in scrape_protocols': [
    { bad: scrape('scrape_native_histograms = true\nscrape_protocols = ["PrometheusText0.0.4"]'), good: scrape('scrape_native_histograms = true\nscrape_protocols = ["PrometheusProto", "PrometheusText0.0.4"]') },
  ],
  'duplicate scrape protocol %q: make sure the scrape protocols provided are unique': [
    { bad: scrape('scrape_protocols = ["PrometheusText0.0.4", "PrometheusText0.0.4"]'), good: scrape('scrape_protocols = ["PrometheusText0.0.4"]'), message: 'duplicate scrape protocol "PrometheusText0.0.4": make sure the scrape protocols provided are unique' },
  ],
  'invalid metric_name_validation_scheme %q: must be either %q or %q': [
    { bad: scrape('metric_name_validation_scheme = "utf-8"'), good: scrape('metric_name_validation_scheme = "utf8"'), message: 'invalid metric_name_validation_scheme "utf-8": must be either "utf8" or "legacy"' },
  ],
  'invalid metric_name_escaping_scheme: %q, supported values: %v': [
    { bad: scrape('metric_name_escaping_scheme = "dashes"'), good: scrape('metric_name_escaping_scheme = "dots"'), message: 'invalid metric_name_escaping_scheme: "dashes", supported values: [allow-utf-8 underscores dots values]' },
  ],
  "metric_name_escaping_scheme cannot be set to 'allow-utf-8' while metric_name_validation_scheme is not set to 'utf8'": [
    { bad: scrape('metric_name_escaping_scheme = "allow-utf-8"'), good: scrape('metric_name_escaping_scheme = "allow-utf-8"\nmetric_name_validation_scheme = "utf8"') },
  ],
  'at most one of sigv4, azuread, google_iam, basic_auth, oauth2, bearer_token & bearer_token_file must be configured': [
    { bad: endpoint('bearer_token_file = "/t"\nsigv4 {\n  region = "eu-west-1"\n}'), good: endpoint('sigv4 {\n  region = "eu-west-1"\n}') },
  ],
  'truncate_frequency must not be 0': [
    { bad: 'prometheus.remote_write "w" {\n  wal {\n    truncate_frequency = "0s"\n  }\n}\n', good: 'prometheus.remote_write "w" {\n  wal {\n    truncate_frequency = "1h"\n  }\n}\n' },
  ],
  'min_keepalive_time must be smaller than max_keepalive_time': [
    { bad: 'prometheus.remote_write "w" {\n  wal {\n    min_keepalive_time = "9h"\n  }\n}\n', good: 'prometheus.remote_write "w" {\n  wal {\n    min_keepalive_time = "7h"\n  }\n}\n' },
  ],
  'must provide an AWS SigV4 access key and secret key if credentials are specified in the SigV4 config': [
    { bad: endpoint('sigv4 {\n  access_key = "a"\n}'), good: endpoint('sigv4 {\n  access_key = "a"\n  secret_key = "s"\n}') },
    { bad: endpoint('sigv4 {\n  secret_key = "s"\n}'), good: endpoint('sigv4 {\n  region = "r"\n}') },
  ],
  'external_id can only be used with role_arn': [
    { bad: endpoint('sigv4 {\n  external_id = "e"\n}'), good: endpoint('sigv4 {\n  external_id = "e"\n  role_arn = "arn:aws:iam::1:role/r"\n}') },
  ],
  'must provide a cloud in the Azure AD config': [
    { bad: azure(`cloud = "AzureMars"\nmanaged_identity {\n  client_id = "${uuid}"\n}`), good: azure(`cloud = "AzureChina"\nmanaged_identity {\n  client_id = "${uuid}"\n}`) },
  ],
  'must provide an Azure Managed Identity, Azure Workload Identity, Azure OAuth or Azure SDK in the Azure AD config': [
    { bad: azure('cloud = "AzurePublic"'), good: azure('sdk {\n  tenant_id = "t"\n}') },
  ],
  'cannot provide multiple authentication methods in the Azure AD config': [
    { bad: azure(`managed_identity {\n  client_id = "${uuid}"\n}\nsdk {\n  tenant_id = "t"\n}`), good: azure(`managed_identity {\n  client_id = "${uuid}"\n}`) },
  ],
  'the provided scope contains invalid characters': [
    { bad: azure('scope = "api://x/.default?"\nsdk {\n  tenant_id = "t"\n}'), good: azure('scope = "api://x/.default"\nsdk {\n  tenant_id = "t"\n}') },
  ],
  'must provide an Azure Managed Identity client_id in the Azure AD config': [
    { bad: azure('managed_identity {\n  client_id = ""\n}'), good: azure(`managed_identity {\n  client_id = "${uuid}"\n}`) },
  ],
  'the provided Azure Managed Identity client_id is invalid': [
    { bad: azure('managed_identity {\n  client_id = "not-a-uuid"\n}'), good: azure(`managed_identity {\n  client_id = "{${uuid}}"\n}`) },
  ],
  'must provide an Azure Workload Identity client_id in the Azure AD config': [
    { bad: azure(`workload_identity {\n  client_id = ""\n  tenant_id = "${uuid}"\n}`), good: azure(`workload_identity {\n  client_id = "${uuid}"\n  tenant_id = "${uuid}"\n}`) },
  ],
  'must provide an Azure Workload Identity tenant_id in the Azure AD config': [
    { bad: azure(`workload_identity {\n  client_id = "${uuid}"\n  tenant_id = ""\n}`), good: azure(`workload_identity {\n  client_id = "${uuid}"\n  tenant_id = "${uuid.replace(/-/g, '')}"\n}`) },
  ],
  'the provided Azure Workload Identity client_id is invalid': [
    { bad: azure(`workload_identity {\n  client_id = "x"\n  tenant_id = "${uuid}"\n}`), good: azure(`workload_identity {\n  client_id = "urn:uuid:${uuid}"\n  tenant_id = "${uuid}"\n}`) },
  ],
  'the provided Azure Workload Identity tenant_id is invalid': [
    { bad: azure(`workload_identity {\n  client_id = "${uuid}"\n  tenant_id = "contoso"\n}`), good: azure(`workload_identity {\n  client_id = "${uuid}"\n  tenant_id = "${uuid}"\n}`) },
  ],
  'must provide an Azure OAuth client_id in the Azure AD config': [
    { bad: azure(`oauth {\n  client_id = ""\n  client_secret = "s"\n  tenant_id = "t"\n}`), good: azure(`oauth {\n  client_id = "${uuid}"\n  client_secret = "s"\n  tenant_id = "t"\n}`) },
  ],
  'the provided Azure OAuth client_id is invalid': [
    { bad: azure('oauth {\n  client_id = "app"\n  client_secret = "s"\n  tenant_id = "t"\n}'), good: azure(`oauth {\n  client_id = "${uuid}"\n  client_secret = "s"\n  tenant_id = "t"\n}`) },
  ],
  'must provide an Azure OAuth client_secret in the Azure AD config': [
    { bad: azure(`oauth {\n  client_id = "${uuid}"\n  client_secret = ""\n  tenant_id = "t"\n}`), good: azure(`oauth {\n  client_id = "${uuid}"\n  client_secret = "s"\n  tenant_id = "t"\n}`) },
  ],
  'must provide an Azure OAuth tenant_id in the Azure AD config': [
    { bad: azure(`oauth {\n  client_id = "${uuid}"\n  client_secret = "s"\n  tenant_id = ""\n}`), good: azure(`oauth {\n  client_id = "${uuid}"\n  client_secret = "s"\n  tenant_id = "t"\n}`) },
  ],
  'only one of api_server and kubeconfig_file can be set': [
    { bad: kubernetes('api_server = "https://k:6443"\nkubeconfig_file = "/k"'), good: kubernetes('kubeconfig_file = "/k"') },
  ],
  'custom HTTP client configuration is not allowed when kubeconfig_file is set': [
    { bad: kubernetes('kubeconfig_file = "/k"\nbearer_token_file = "/t"'), good: kubernetes('kubeconfig_file = "/k"\ntls_config {\n  insecure_skip_verify = false\n}') },
  ],
  'api_server must be set when custom HTTP client configuration is provided': [
    { bad: kubernetes('tls_config {\n  ca_file = "/ca"\n}'), good: kubernetes('api_server = "https://k:6443"\ntls_config {\n  ca_file = "/ca"\n}') },
    { bad: kubernetes('follow_redirects = false'), good: kubernetes('follow_redirects = true') },
  ],
  'max_cache_size must be >= 0; got %d': [
    { bad: promRelabel('max_cache_size = -1'), good: promRelabel('max_cache_size = 1'), message: 'max_cache_size must be >= 0; got -1' },
  ],
  'cache_ttl must be >= 0; got %s': [
    { bad: promRelabel('max_cache_size = 0\ncache_ttl = "-90s"'), good: promRelabel('max_cache_size = 0\ncache_ttl = "90s"'), message: 'cache_ttl must be >= 0; got -1m30s' },
  ],
  'max_cache_size and cache_ttl are mutually exclusive: set max_cache_size = 0 to use cache_ttl, or unset cache_ttl to keep the bounded LRU cache': [
    { bad: promRelabel('cache_ttl = "5m"'), good: promRelabel('max_cache_size = 0\ncache_ttl = "5m"') },
  ],
  'one of max_cache_size or cache_ttl must be set': [
    { bad: promRelabel('max_cache_size = 0'), good: promRelabel('max_cache_size = 10') },
  ],
  'cache_ttl must be at least %s when set; got %s': [
    { bad: promRelabel('max_cache_size = 0\ncache_ttl = "30s"'), good: promRelabel('max_cache_size = 0\ncache_ttl = "1m"'), message: 'cache_ttl must be at least 1m0s when set; got 30s' },
  ],
  'scrape_timeout must be greater than 0': [
    { bad: pyroscope('scrape_timeout = "0s"'), good: pyroscope('scrape_timeout = "5s"') },
  ],
  'scrape_interval must be at least 2 seconds when using delta profiling': [
    { bad: pyroscope('scrape_interval = "1s"'), good: pyroscope('scrape_interval = "1s"\nprofiling_config {\n  profile.process_cpu {\n    enabled = false\n  }\n}') },
  ],
  'delta_profiling_duration must be larger than 1 second when using delta profiling': [
    { bad: pyroscope('delta_profiling_duration = "1s"'), good: pyroscope('delta_profiling_duration = "2s"') },
  ],
  'delta_profiling_duration must be at least 1 second smaller than scrape_interval when using delta profiling': [
    { bad: pyroscope('scrape_interval = "10s"'), good: pyroscope('scrape_interval = "10s"\ndelta_profiling_duration = "9s"') },
  ],
  'sync period must be greater than 0': [
    { bad: 'loki.source.file "f" {\n  targets = []\n  forward_to = []\n  file_match {\n    sync_period = "0s"\n  }\n}\n', good: 'loki.source.file "f" {\n  targets = []\n  forward_to = []\n  file_match {\n    sync_period = "5s"\n  }\n}\n' },
  ],
  'check_interval must be greater than zero': [
    { bad: memoryLimiter('check_interval = "0s"\nlimit_percentage = 80\nspike_limit_percentage = 20'), good: memoryLimiter('check_interval = "1s"\nlimit_percentage = 80\nspike_limit_percentage = 20') },
  ],
  'limit_percentage and spike_limit_percentage must be greater than 0 and and less or equal than 100': [
    { bad: memoryLimiter('check_interval = "1s"\nlimit_percentage = 80'), good: memoryLimiter('check_interval = "1s"\nlimit_percentage = 80\nspike_limit_percentage = 25') },
    { bad: memoryLimiter('check_interval = "1s"\nlimit_percentage = 180\nspike_limit_percentage = 25'), good: memoryLimiter('check_interval = "1s"\nlimit = "512MiB"') },
  ],
  'either limit or limit_percentage must be set to greater than zero': [
    { bad: memoryLimiter('check_interval = "1s"'), good: memoryLimiter('check_interval = "1s"\nlimit = "4GiB"') },
  ],
  'poll_timeout must be greater than 0': [
    { bad: remoteHttp('poll_timeout = "0s"'), good: remoteHttp('poll_timeout = "5s"') },
  ],
  'poll_timeout must be less than poll_frequency': [
    { bad: remoteHttp('poll_frequency = "10s"'), good: remoteHttp('poll_frequency = "10s"\npoll_timeout = "9s"') },
  ],
  'WAL min read frequency should be lower than max read frequency': [
    { bad: 'loki.write "l" {\n  endpoint {\n    url = "http://l/loki/api/v1/push"\n  }\n  wal {\n    min_read_frequency = "2s"\n  }\n}\n', good: 'loki.write "l" {\n  endpoint {\n    url = "http://l/loki/api/v1/push"\n  }\n  wal {\n    min_read_frequency = "500ms"\n  }\n}\n' },
  ],
  'config and config_file are mutually exclusive': [
    { bad: blackbox('config = "modules: {}"\nconfig_file = "/b.yml"'), good: blackbox('config_file = "/b.yml"') },
    { bad: 'prometheus.exporter.snmp "s" {\n  config_file = "/snmp.yml"\n  config = "auths: {}"\n  targets = [{ name = "a", address = "x" }]\n}\n', good: 'prometheus.exporter.snmp "s" {\n  config_file = "/snmp.yml"\n  targets = [{ name = "a", address = "x" }]\n}\n', line: 3 },
  ],
  'config or config_file must be set': [
    { bad: blackbox('probe_timeout_offset = "1s"'), good: blackbox('config = "modules: {}"') },
  ],
  'the block `target` and the attribute `targets` are mutually exclusive': [
    { bad: blackbox('config_file = "/b.yml"\ntargets = [{ name = "a", address = "x" }]\ntarget {\n  name = "b"\n  address = "y"\n}'), good: blackbox('config_file = "/b.yml"\ntarget {\n  name = "b"\n  address = "y"\n}') },
    { bad: 'prometheus.exporter.snmp "s" {\n  targets = [{ name = "a", address = "x" }]\n  target "b" {\n    address = "y"\n  }\n}\n', good: 'prometheus.exporter.snmp "s" {\n  target "b" {\n    address = "y"\n  }\n}\n', line: 3 },
  ],
  'all targets must have a `name`': [
    { bad: blackbox('config_file = "/b.yml"\ntargets = [{ address = "x" }]'), good: blackbox('config_file = "/b.yml"\ntargets = [{ name = "a", address = "x" }]') },
    { bad: 'prometheus.exporter.snmp "s" {\n  targets = [{ address = "x" }]\n}\n', good: 'prometheus.exporter.snmp "s" {\n  targets = [{ name = "a", address = "x" }]\n}\n', line: 2 },
  ],
  'all targets must have an `address` or an `__address__` label': [
    { bad: blackbox('config_file = "/b.yml"\ntargets = [{ name = "a" }]'), good: blackbox('config_file = "/b.yml"\ntargets = [{ name = "a", __address__ = "x" }]') },
    { bad: 'prometheus.exporter.snmp "s" {\n  targets = [{ name = "a" }]\n}\n', good: 'prometheus.exporter.snmp "s" {\n  targets = [{ name = "a", __address__ = "x" }]\n}\n', line: 2 },
  ],
  'max_wait_time must be greater than 0': [
    { bad: lokiProcess('stage.multiline {\n  firstline = "^x"\n  max_wait_time = "0s"\n}'), good: lokiProcess('stage.multiline {\n  firstline = "^x"\n  max_wait_time = "1s"\n}') },
  ],
  'multiline stage first line regex compilation error: %s': [
    { bad: lokiProcess('stage.multiline {\n  firstline = "^\\\\[(\\\\d+"\n}'), good: lokiProcess('stage.multiline {\n  firstline = "^\\\\[(\\\\d+)"\n}'), message: 'multiline stage first line regex compilation error: error parsing regexp: missing closing ): `^\\[(\\d+`' },
  ],
  'max_partial_lines must be greater than 0': [
    { bad: lokiProcess('stage.cri {\n  max_partial_lines = 0\n}'), good: lokiProcess('stage.cri {\n  max_partial_lines = 10\n}') },
  ],
  "sources cannot be set when source_type is 'line'": [
    { bad: lokiProcess('stage.truncate {\n  rule {\n    limit = "1KiB"\n    sources = ["msg"]\n  }\n}'), good: lokiProcess('stage.truncate {\n  rule {\n    limit = "1KiB"\n    sources = ["msg"]\n    source_type = "extracted_map"\n  }\n}') },
  ],
  'host attribute must not be empty': [
    { bad: 'discovery.docker "d" {\n  host = ""\n}\n', good: 'discovery.docker "d" {\n  host = "unix:///var/run/docker.sock"\n}\n' },
  ],
  'at least one Marathon server must be specified': [
    { bad: marathon('servers = []'), good: marathon('servers = ["http://m:8080"]') },
  ],
  'at most one of auth_token and auth_token_file must be configured': [
    { bad: marathon('servers = ["http://m:8080"]\nauth_token = "t"\nauth_token_file = "/t"'), good: marathon('servers = ["http://m:8080"]\nauth_token_file = "/t"') },
  ],
  'at most one of basic_auth, auth_token & auth_token_file must be configured': [
    { bad: marathon('servers = ["http://m:8080"]\nauth_token_file = "/t"\nbasic_auth {\n  username = "u"\n}'), good: marathon('servers = ["http://m:8080"]\nbasic_auth {\n  username = "u"\n}') },
  ],
  'at most one of bearer_token, bearer_token_file, auth_token & auth_token_file must be configured': [
    { bad: marathon('servers = ["http://m:8080"]\nauth_token = "t"\nbearer_token_file = "/b"'), good: marathon('servers = ["http://m:8080"]\nbearer_token_file = "/b"') },
  ],
  'at most one of auth_token, auth_token_file & authorization must be configured': [
    { bad: marathon('servers = ["http://m:8080"]\nauth_token = "t"\nauthorization {\n  credentials_file = "/c"\n}'), good: marathon('servers = ["http://m:8080"]\nauth_token = "t"') },
  ],
  'refresh_interval must be greater than 0': [
    { bad: 'discovery.dockerswarm "s" {\n  host = "unix:///var/run/docker.sock"\n  role = "nodes"\n  refresh_interval = "0s"\n}\n', good: 'discovery.dockerswarm "s" {\n  host = "unix:///var/run/docker.sock"\n  role = "nodes"\n}\n' },
    { bad: marathon('servers = ["http://m:8080"]\nrefresh_interval = "0s"'), good: marathon('servers = ["http://m:8080"]\nrefresh_interval = "10s"') },
    { bad: 'discovery.docker "d" {\n  host = "unix:///var/run/docker.sock"\n  refresh_interval = "0s"\n}\n', good: 'discovery.docker "d" {\n  host = "unix:///var/run/docker.sock"\n  refresh_interval = "30s"\n}\n' },
  ],
  'poll_frequency must be greater than 0': [
    { bad: remoteHttp('poll_frequency = "0s"'), good: remoteHttp('poll_frequency = "30s"') },
    { bad: 'local.file "f" {\n  filename = "/f"\n  poll_frequency = "0s"\n}\n', good: 'local.file "f" {\n  filename = "/f"\n  poll_frequency = "1s"\n}\n' },
    { bad: 'local.file "f" {\n  filename = "/f"\n  poll_frequency = "-1m"\n}\n', good: 'local.file "f" {\n  filename = "/f"\n}\n' },
  ],
  'send_batch_max_size must be greater or equal to send_batch_size when not 0': [
    { bad: 'otelcol.processor.batch "b" {\n  send_batch_max_size = 100\n  output {}\n}\n', good: 'otelcol.processor.batch "b" {\n  send_batch_max_size = 0\n  output {}\n}\n' },
    { bad: 'otelcol.processor.batch "b" {\n  send_batch_size = 8192\n  output {}\n}\n', good: 'otelcol.processor.batch "b" {\n  send_batch_size = 8192\n  send_batch_max_size = 8192\n  output {}\n}\n' },
  ],
  // ---------------------------------------------------------------- otelcol
  'multiplier must be greater than 1.0': [
    { bad: otlpRetry('multiplier = 1'), good: otlpRetry('multiplier = 1.1'), line: 6 },
    { bad: kafkaReceiver('error_backoff {\n  enabled = true\n}'), good: kafkaReceiver('error_backoff {\n  enabled = true\n  multiplier = 2\n}'), line: 5 },
  ],
  'randomization_factor must be greater or equal to 0': [
    { bad: otlpRetry('randomization_factor = -0.1'), good: otlpRetry('randomization_factor = 0'), line: 6 },
    { bad: kafkaReceiver('error_backoff {\n  enabled = true\n  multiplier = 2\n  randomization_factor = -1\n}'), good: kafkaReceiver('error_backoff {\n  enabled = false\n  randomization_factor = -1\n}'), line: 7 },
  ],
  'either line_start_pattern or line_end_pattern must be set': [
    { bad: syslogTcp('multiline {\n  omit_pattern = true\n}'), good: syslogTcp('multiline {\n  line_end_pattern = "\\\\n\\\\n"\n}'), line: 4 },
  ],
  'only one of line_start_pattern or line_end_pattern can be set': [
    { bad: syslogTcp('multiline {\n  line_start_pattern = "^\\\\d"\n  line_end_pattern = "$"\n}'), good: syslogTcp('multiline {\n  line_start_pattern = "^\\\\d"\n  line_end_pattern = ""\n}'), line: 6 },
  ],
  "'max_concurrent_files' must be positive": [{ bad: filelog('max_concurrent_files = 0'), good: filelog('max_concurrent_files = 1'), line: 3 }],
  "'max_batches' must not be negative": [{ bad: filelog('max_batches = -1'), good: filelog('max_batches = 0'), line: 3 }],
  "'delete_after_read' cannot be used with 'start_at = end'": [
    { bad: filelog('delete_after_read = true'), good: filelog('delete_after_read = true\nstart_at = "beginning"'), line: 3 },
  ],
  "invalid 'compression' type: %s": [{ bad: filelog('compression = "zstd"'), good: filelog('compression = "auto"'), message: "invalid 'compression' type: zstd", line: 3 }],
  "'poll_interval' must not be negative": [{ bad: filelog('poll_interval = "-1s"'), good: filelog('poll_interval = "0s"'), line: 3 }],
  "'fingerprint_size' must not be negative": [{ bad: filelog('fingerprint_size = -1'), good: filelog('fingerprint_size = 0'), line: 3 }],
  "'max_log_size' must not be negative": [{ bad: filelog('max_log_size = -1'), good: filelog('max_log_size = 1048576'), line: 3 }],
  "'force_flush_period' must not be negative": [{ bad: filelog('force_flush_period = "-500ms"'), good: filelog('force_flush_period = "0s"'), line: 3 }],
  "'exclude_older_than' must not be negative": [{ bad: filelog('exclude_older_than = "-1h"'), good: filelog('exclude_older_than = "24h"'), line: 3 }],
  "'top_n' must not be negative": [
    { bad: filelog('ordering_criteria {\n  top_n = -1\n  sort_by {\n    sort_type = "mtime"\n  }\n}'), good: filelog('ordering_criteria {\n  top_n = 0\n  sort_by {\n    sort_type = "mtime"\n  }\n}'), line: 4 },
  ],
  "invalid 'sort_type': %s": [
    { bad: filelog('ordering_criteria {\n  sort_by {\n    sort_type = "size"\n  }\n}'), good: filelog('ordering_criteria {\n  sort_by {\n    sort_type = "numeric"\n  }\n}'), message: "invalid 'sort_type': size", line: 5 },
  ],
  "'header' requires at least one 'metadata_operator'": [
    { bad: filelog('header {\n  pattern = "^#"\n  metadata_operators = []\n}'), good: filelog('header {\n  pattern = "^#"\n  metadata_operators = [{ type = "regex_parser", regex = "^#(?P<k>.*)" }]\n}'), line: 5 },
  ],
  'unknown syslog format: %s': [
    { bad: otelSyslog('protocol = "rfc5425"\nudp {\n  listen_address = "0.0.0.0:514"\n}'), good: otelSyslog('protocol = "rfc3164"\nudp {\n  listen_address = "0.0.0.0:514"\n}'), message: 'unknown syslog format: rfc5425', line: 2 },
    { bad: otelSyslog('non_transparent_framing_trailer = "CRLF"\nudp {\n  listen_address = "0.0.0.0:514"\n}'), good: otelSyslog('non_transparent_framing_trailer = "NUL"\nudp {\n  listen_address = "0.0.0.0:514"\n}'), message: 'unknown syslog format: CRLF', line: 2 },
    { bad: syslog('syslog_format = "json"'), good: syslog('syslog_format = "raw"'), message: 'unknown syslog format: json', line: 5 },
    { bad: 'otelcol.exporter.syslog "s" {\n  endpoint = "syslog:514"\n  protocol = "RFC5424"\n}\n', good: 'otelcol.exporter.syslog "s" {\n  endpoint = "syslog:514"\n  protocol = "rfc5424"\n}\n', message: 'unknown syslog format: RFC5424', line: 3 },
  ],
  "at least one of 'tcp' or 'udp' must be configured": [
    { bad: otelSyslog('protocol = "rfc3164"'), good: otelSyslog('udp {\n  listen_address = "0.0.0.0:514"\n}'), line: 1 },
  ],
  'invalid on_error: %s': [
    { bad: otelSyslog('on_error = "ignore"\nudp {\n  listen_address = "0.0.0.0:514"\n}'), good: otelSyslog('on_error = "drop_quiet"\nudp {\n  listen_address = "0.0.0.0:514"\n}'), message: 'invalid on_error: ignore', line: 2 },
  ],
  "invalid value %d for parameter 'tcp.max_log_size', must be equal to or greater than %d bytes": [
    { bad: syslogTcp('max_log_size = "32KiB"'), good: syslogTcp('max_log_size = "64KiB"'), message: "invalid value 32768 for parameter 'tcp.max_log_size', must be equal to or greater than 65536 bytes", line: 4 },
  ],
  "invalid value %d for parameter 'max_log_size', must be equal to or greater than %d bytes": [
    { bad: 'otelcol.receiver.tcplog "t" {\n  listen_address = "0.0.0.0:54525"\n  max_log_size = "0"\n  output {}\n}\n', good: 'otelcol.receiver.tcplog "t" {\n  listen_address = "0.0.0.0:54525"\n  max_log_size = "1MiB"\n  output {}\n}\n', message: "invalid value 0 for parameter 'max_log_size', must be equal to or greater than 65536 bytes", line: 3 },
  ],
  'max_staleness must be a non-negative duration (got %s)': [
    { bad: cumulativeToDelta('max_staleness = "-1m"'), good: cumulativeToDelta('max_staleness = "1m"'), message: 'max_staleness must be a non-negative duration (got -1m0s)', line: 2 },
  ],
  'initial_value must be one of %q, %q, %q': [
    { bad: cumulativeToDelta('initial_value = "reset"'), good: cumulativeToDelta('initial_value = "drop"'), message: 'initial_value must be one of "auto", "keep", "drop"', line: 2 },
  ],
  'match_type must be set if metrics are supplied': [
    { bad: cumulativeToDelta('include {\n  metrics = ["a"]\n}'), good: cumulativeToDelta('include {\n  metrics = ["a"]\n  match_type = "strict"\n}'), line: 3 },
  ],
  'metrics must be supplied if match_type is set': [
    { bad: cumulativeToDelta('exclude {\n  match_type = "regexp"\n}'), good: cumulativeToDelta('exclude {\n  match_type = "regexp"\n  metrics = [".*_total"]\n}'), line: 3 },
  ],
  'match_type must be one of %q and %q': [
    { bad: cumulativeToDelta('include {\n  metrics = ["a"]\n  match_type = "glob"\n}'), good: cumulativeToDelta('include {\n  metrics = ["a"]\n  match_type = "regexp"\n}'), message: 'match_type must be one of "strict" and "regexp"', line: 4 },
  ],
  'metric_types must be one of %q and %q': [
    { bad: cumulativeToDelta('include {\n  metric_types = ["gauge"]\n}'), good: cumulativeToDelta('include {\n  metric_types = ["sum", "histogram"]\n}'), message: 'metric_types must be one of "sum" and "histogram"', line: 3 },
  ],
  'max_stale must be a positive duration (got %s)': [
    { bad: otelProcessor('otelcol.processor.deltatocumulative', 'max_stale = "0s"'), good: otelProcessor('otelcol.processor.deltatocumulative', 'max_stale = "1ns"'), message: 'max_stale must be a positive duration (got 0s)', line: 2 },
  ],
  'max_streams must be a positive number or zero (got %d)': [
    { bad: otelProcessor('otelcol.processor.deltatocumulative', 'max_streams = -1'), good: otelProcessor('otelcol.processor.deltatocumulative', 'max_streams = 0'), message: 'max_streams must be a positive number or zero (got -1)', line: 2 },
  ],
  'either limit or limit_percentage must be set, but not both': [
    { bad: memoryLimiter('check_interval = "1s"\nlimit = "4GiB"\nlimit_percentage = 80'), good: memoryLimiter('check_interval = "1s"\nlimit = "0MiB"\nlimit_percentage = 80\nspike_limit_percentage = 20'), line: 4 },
  ],
  'spike_limit must be less than limit': [
    { bad: memoryLimiter('check_interval = "1s"\nlimit = "1GiB"\nspike_limit = "1024MiB"'), good: memoryLimiter('check_interval = "1s"\nlimit = "1GiB"\nspike_limit = "1023MiB"'), line: 4 },
  ],
  'status code is set to an invalid value of %q': [
    { bad: otelProcessor('otelcol.processor.span', 'status {\n  code = "OK"\n}'), good: otelProcessor('otelcol.processor.span', 'status {\n  code = "Ok"\n}'), message: 'status code is set to an invalid value of "OK"', line: 3 },
  ],
  'status description should be empty for non-error status codes': [
    { bad: otelProcessor('otelcol.processor.span', 'status {\n  code = "Ok"\n  description = "fine"\n}'), good: otelProcessor('otelcol.processor.span', 'status {\n  code = "Error"\n  description = "failed"\n}'), line: 4 },
  ],
  'at least one detector must be specified': [
    { bad: otelProcessor('otelcol.processor.resourcedetection', 'detectors = []'), good: otelProcessor('otelcol.processor.resourcedetection', 'detectors = ["env"]'), line: 2 },
  ],
  'invalid detector: %s': [
    { bad: otelProcessor('otelcol.processor.resourcedetection', 'detectors = ["env", "k8snode"]'), good: otelProcessor('otelcol.processor.resourcedetection', 'detectors = ["env", "kubernetes_node"]'), message: 'invalid detector: k8snode', line: 2 },
  ],
  'invalid hostname source: %s': [
    { bad: otelProcessor('otelcol.processor.resourcedetection', 'detectors = ["system"]\nsystem {\n  hostname_sources = ["os", "fqdn"]\n}'), good: otelProcessor('otelcol.processor.resourcedetection', 'detectors = ["system"]\nsystem {\n  hostname_sources = ["lookup", "cname"]\n}'), message: 'invalid hostname source: fqdn', line: 4 },
  ],
  'invalid routing key %q': [
    { bad: loadbalancing('routing_key = "traceId"'), good: loadbalancing('routing_key = "streamID"'), message: 'invalid routing key "traceId"', line: 2 },
  ],
  'invalid health status %q': [
    { bad: loadbalancing('', 'aws_cloud_map {\n  namespace = "n"\n  service_name = "s"\n  health_status = "healthy"\n}'), good: loadbalancing('', 'aws_cloud_map {\n  namespace = "n"\n  service_name = "s"\n  health_status = "HEALTHY_OR_ELSE_ALL"\n}'), message: 'invalid health status "healthy"', line: 7 },
  ],
  "group_rebalance_strategy must be one of 'range', 'roundrobin', 'sticky', or 'cooperative-sticky'": [
    { bad: kafkaReceiver('group_rebalance_strategy = "round-robin"'), good: kafkaReceiver('group_rebalance_strategy = "cooperative-sticky"'), line: 4 },
  ],
  'max transaction size for compaction cannot be less than 0': [
    { bad: storage('compaction {\n  max_transaction_size = -1\n}'), good: storage('compaction {\n  max_transaction_size = 0\n}'), line: 3 },
  ],
  'compaction check interval must be positive when rebound compaction is set': [
    { bad: storage('compaction {\n  on_rebound = true\n  check_interval = "0s"\n}'), good: storage('compaction {\n  on_rebound = false\n  check_interval = "0s"\n}'), line: 4 },
  ],
  'directory_permissions value must be a valid octal representation': [
    { bad: storage('directory_permissions = "0o750"'), good: storage('directory_permissions = "0750"'), line: 2 },
    { bad: storage('directory_permissions = "rwx"'), good: storage('directory_permissions = "rwx"\ncreate_directory = false'), line: 2 },
  ],
  'directory_permissions contain invalid bits for file access': [
    { bad: storage('directory_permissions = "1777"'), good: storage('directory_permissions = "777"'), line: 2 },
  ],
  'no credential source provided': [
    { bad: 'otelcol.auth.basic "b" {\n  username = ""\n}\n', good: 'otelcol.auth.basic "b" {\n  htpasswd {\n    file = "/etc/htpasswd"\n  }\n}\n', line: 2 },
  ],
  'no password provided': [
    { bad: 'otelcol.auth.basic "b" {\n  username = "u"\n}\n', good: 'otelcol.auth.basic "b" {\n  username = "u"\n  password = "p"\n}\n', line: 2 },
  ],
  'unknown action %v': [
    { bad: authHeader('key = "X-Scope-OrgID"\nvalue = "a"\naction = "Replace"'), good: authHeader('key = "X-Scope-OrgID"\nvalue = "a"\naction = "Insert"'), message: 'unknown action replace', line: 5 },
  ],
  'key must be set to a non-empty string': [
    { bad: authHeader('key = ""\nvalue = "a"'), good: authHeader('key = "X-Scope-OrgID"\nvalue = "a"'), line: 3 },
  ],
  'one of value, from_context, or from_attribute must be provided': [
    { bad: authHeader('key = "X-Scope-OrgID"'), good: authHeader('key = "X-Scope-OrgID"\nfrom_context = "tenant"'), line: 2 },
  ],
  'only one of value, from_context, or from_attribute may be provided': [
    { bad: authHeader('key = "X-Scope-OrgID"\nvalue = ""\nfrom_attribute = "tenant"'), good: authHeader('key = "X-Scope-OrgID"\nvalue = ""'), line: 5 },
  ],
  'missing Splunk hec endpoint': [{ bad: splunk('', 'endpoint = ""'), good: splunk(''), line: 3 }],
  'missing splunk token': [{ bad: splunk('').replace('token = "t"', 'token = ""'), good: splunk(''), line: 6 }],
  'at least one of log_data_enabled or profiling_data_enabled must be enabled': [
    { bad: splunk('log_data_enabled = false\nprofiling_data_enabled = false'), good: splunk('log_data_enabled = false'), line: 7 },
  ],
  'max_content_length_logs must be less than 838860800': [
    { bad: splunk('max_content_length_logs = 838860801'), good: splunk('max_content_length_logs = 838860800'), line: 7 },
  ],
  'max_content_length_metrics must be less than 838860800': [
    { bad: splunk('max_content_length_metrics = 1e9'), good: splunk('max_content_length_metrics = 0'), line: 7 },
  ],
  'max_content_length_traces must be less than 838860800': [
    { bad: splunk('max_content_length_traces = 900000000'), good: splunk('max_content_length_traces = 2097152'), line: 7 },
  ],
  'invalid aggregation_temporality: %v': [
    { bad: spanmetrics('aggregation_temporality = "delta"'), good: spanmetrics('aggregation_temporality = "DELTA"'), message: 'invalid aggregation_temporality: delta', line: 2 },
  ],
  'invalid aggregation_cardinality_limit: %v, the limit should be positive': [
    { bad: spanmetrics('aggregation_cardinality_limit = -1'), good: spanmetrics('aggregation_cardinality_limit = 0'), message: 'invalid aggregation_cardinality_limit: -1, the limit should be positive', line: 2 },
  ],
  'invalid metric_timestamp_cache_size: %v, the cache size should be positive': [
    { bad: spanmetrics('aggregation_temporality = "DELTA"\nmetric_timestamp_cache_size = 0'), good: spanmetrics('aggregation_temporality = "CUMULATIVE"\nmetric_timestamp_cache_size = 0'), message: 'invalid metric_timestamp_cache_size: 0, the cache size should be positive', line: 3 },
  ],
  'unknown unit %q, allowed units are %q and %q': [
    { bad: spanmetrics('', 'unit = "us"\nexplicit {}'), good: spanmetrics('', 'unit = "s"\nexplicit {}'), message: 'unknown unit "us", allowed units are "ms" and "s"', line: 4 },
  ],
  'only one of exponential or explicit histogram configuration can be specified': [
    { bad: spanmetrics('', 'explicit {}\nexponential {}'), good: spanmetrics('', 'exponential {}'), line: 5 },
  ],
  'either exponential or explicit histogram configuration must be specified': [
    { bad: spanmetrics('', 'unit = "ms"'), good: spanmetrics('', 'unit = "ms"\nexponential {}'), line: 3 },
  ],
  'max_size must be greater than 0': [
    { bad: spanmetrics('', 'exponential {\n  max_size = 0\n}'), good: spanmetrics('', 'exponential {\n  max_size = 1\n}'), line: 5 },
  ],
  'store.max_items must be greater than 0': [
    { bad: otelProcessor('otelcol.connector.servicegraph', 'store {\n  max_items = 0\n}'), good: otelProcessor('otelcol.connector.servicegraph', 'store {\n  max_items = 1\n}'), line: 3 },
  ],
  'store.ttl must be greater than 0': [
    { bad: otelProcessor('otelcol.connector.servicegraph', 'store {\n  ttl = "0s"\n}'), good: otelProcessor('otelcol.connector.servicegraph', 'store {\n  ttl = "1s"\n}'), line: 3 },
  ],
  'host_identifiers must not be empty': [
    { bad: otelProcessor('otelcol.connector.host_info', 'host_identifiers = []'), good: otelProcessor('otelcol.connector.host_info', 'host_identifiers = ["host.name"]'), line: 2 },
  ],
  'queue must not be empty, queue definition has format queue://<queuename>': [
    { bad: solace('queue = " "'), good: solace('queue = "queue://#telemetry-profile123"'), line: 2 },
  ],
  'the auth block must contain exactly one of sasl_plain block, sasl_xauth2 block or sasl_external block': [
    { bad: solace('queue = "queue://q"', ''), good: solace('queue = "queue://q"', 'sasl_external {}'), line: 3 },
    { bad: solace('queue = "queue://q"', 'sasl_external {}\nsasl_xauth2 {\n  username = "u"\n  bearer = "b"\n}'), good: solace('queue = "queue://q"', 'sasl_xauth2 {\n  username = "u"\n  bearer = "b"\n}'), line: 5 },
  ],
  'the delay attribute in the delayed_retry block must be > 0, got %d': [
    { bad: solace('queue = "queue://q"\nflow_control {\n  delayed_retry {\n    delay = "0s"\n  }\n}'), good: solace('queue = "queue://q"\nflow_control {\n  delayed_retry {\n    delay = "1ms"\n  }\n}'), message: 'the delay attribute in the delayed_retry block must be > 0, got 0', line: 5 },
  ],
  'include must not be empty': [
    { bad: 'otelcol.receiver.file_stats "f" {\n  include = ""\n  output {}\n}\n', good: 'otelcol.receiver.file_stats "f" {\n  include = "/var/log/*"\n  output {}\n}\n', line: 2 },
  ],
  "subscription '%s' is not a valid format, use 'projects/<project_id>/subscriptions/<name>'": [
    { bad: pubsub('subscription = "my-sub"'), good: pubsub('subscription = "projects/my-project/subscriptions/my-sub"'), message: "subscription 'my-sub' is not a valid format, use 'projects/<project_id>/subscriptions/<name>'", line: 2 },
  ],
  'compression %v is not supported.  supported compression formats include [gzip]': [
    { bad: pubsub('subscription = "projects/p/subscriptions/s"\ncompression = "zstd"'), good: pubsub('subscription = "projects/p/subscriptions/s"\ncompression = "gzip"'), message: 'compression zstd is not supported.  supported compression formats include [gzip]', line: 3 },
  ],
  // ---------------------------------------------------------------- URLs (url-rules.ts; every argument: url-rules.test.ts)
  'parse %q: %s': [
    { bad: scrape('proxy_url = "http://proxy:port"'), good: scrape('proxy_url = "http://proxy:3128"'), message: 'parse "http://proxy:port": invalid port ":port" after host' },
    { bad: kubernetes('api_server = "https://k8s%zz"'), good: kubernetes('api_server = "https://k8s"'), message: 'parse "https://k8s%zz": invalid URL escape "%zz"' },
    { bad: remoteHttp('').replace('https://config.example.com/alloy', 'https://config example'), good: remoteHttp(''), message: 'parse "https://config example": invalid character " " in host name' },
  ],
  'failed to parse remote url %q: %w': [
    {
      bad: 'loki.write "l" {\n  endpoint {\n    url = "http://${LOKI_HOST}:3100/loki/api/v1/push"\n  }\n}\n',
      good: 'loki.write "l" {\n  endpoint {\n    url = "http://loki:3100/loki/api/v1/push"\n  }\n}\n',
      message: 'failed to parse remote url "http://${LOKI_HOST}:3100/loki/api/v1/push": parse "http://${LOKI_HOST}:3100/loki/api/v1/push": invalid character "{" in host name',
    },
  ],
  'cannot parse remote_write url %q: %w': [
    {
      bad: 'prometheus.remote_write "w" {\n  endpoint {\n    url = "https://m/%zz"\n  }\n}\n',
      good: 'prometheus.remote_write "w" {\n  endpoint {\n    url = "https://m/api/v1/write"\n  }\n}\n',
      message: 'cannot parse remote_write url "https://m/%zz": parse "https://m/%zz": invalid URL escape "%zz"',
    },
  ],
  'failed to parse Docker host %q: %w': [
    {
      bad: 'loki.source.docker "d" {\n  host       = "tcp://docker:port"\n  targets    = []\n  forward_to = []\n}\n',
      good: 'loki.source.docker "d" {\n  host       = "tcp://docker:2375"\n  targets    = []\n  forward_to = []\n}\n',
      message: 'failed to parse Docker host "tcp://docker:port": parse "tcp://docker:port": invalid port ":port" after host',
    },
  ],
  'parsing host attribute: %w': [
    {
      bad: 'discovery.docker "d" {\n  host = "tcp://dock er:2375"\n}\n',
      good: 'discovery.docker "d" {\n  host = "tcp://docker:2375"\n}\n',
      message: 'parsing host attribute: parse "tcp://dock er:2375": invalid character " " in host name',
    },
  ],
  'invalid server URL: %w': [
    {
      bad: 'discovery.uyuni "u" {\n  server   = "https://uyuni/%"\n  username = "u"\n  password = "p"\n}\n',
      good: 'discovery.uyuni "u" {\n  server   = "https://uyuni/rpc/api"\n  username = "u"\n  password = "p"\n}\n',
      message: 'invalid server URL: parse "https://uyuni/%": invalid URL escape "%"',
    },
  ],
  'invalid eureka server URL': [
    { bad: 'discovery.eureka "e" {\n  server = "eureka:8761"\n}\n', good: 'discovery.eureka "e" {\n  server = "http://eureka:8761"\n}\n' },
  ],
  "URL scheme must be 'http' or 'https'": [
    {
      bad: 'discovery.puppetdb "p" {\n  url   = "puppetdb:8080"\n  query = "resources { type = \\"Class\\" }"\n}\n',
      good: 'discovery.puppetdb "p" {\n  url   = "http://puppetdb:8080"\n  query = "resources { type = \\"Class\\" }"\n}\n',
    },
  ],
  'host is missing in URL': [
    {
      bad: 'discovery.puppetdb "p" {\n  url   = "http:///pdb"\n  query = "resources { type = \\"Class\\" }"\n}\n',
      good: 'discovery.puppetdb "p" {\n  url   = "http://puppetdb/pdb"\n  query = "resources { type = \\"Class\\" }"\n}\n',
    },
  ],
  'unable to parse url %s: %w': [
    {
      bad: 'otelcol.receiver.vcenter "v" {\n  endpoint = "https://vcenter:x"\n  username = "u"\n  password = "p"\n  output {}\n}\n',
      good: 'otelcol.receiver.vcenter "v" {\n  endpoint = "https://vcenter:443"\n  username = "u"\n  password = "p"\n  output {}\n}\n',
      message: 'unable to parse url https://vcenter:x: parse "https://vcenter:x": invalid port ":x" after host',
    },
  ],
  'url scheme must be http or https': [
    {
      bad: 'otelcol.receiver.vcenter "v" {\n  endpoint = "vcenter:443"\n  username = "u"\n  password = "p"\n  output {}\n}\n',
      good: 'otelcol.receiver.vcenter "v" {\n  endpoint = "https://vcenter:443"\n  username = "u"\n  password = "p"\n  output {}\n}\n',
    },
  ],
  'invalid %s: %w': [
    {
      bad: 'otelcol.receiver.otlp "o" {\n  http {\n    metrics_url_path = "/v1/%metrics"\n  }\n  output {}\n}\n',
      good: 'otelcol.receiver.otlp "o" {\n  http {\n    metrics_url_path = "/v1/metrics"\n  }\n  output {}\n}\n',
      message: 'invalid metrics_url_path: parse "/v1/%metrics": invalid URL escape "%me"',
    },
  ],
  // ---------------------------------------------------------------- discovery, remote, prometheus, loki
  'filter blocks are only supported with the ec2 role, not %q': [
    { bad: 'discovery.aws "a" {\n  role = "ecs"\n  region = "eu-west-1"\n  filter {\n    name = "tag:env"\n    values = ["prod"]\n  }\n}\n', good: 'discovery.aws "a" {\n  role = "ec2"\n  region = "eu-west-1"\n  filter {\n    name = "tag:env"\n    values = ["prod"]\n  }\n}\n', message: 'filter blocks are only supported with the ec2 role, not "ecs"', line: 4 },
  ],
  'clusters is only supported with the ecs, elasticache, msk, and rds roles, not %q': [
    { bad: 'discovery.aws "a" {\n  role = "ec2"\n  region = "eu-west-1"\n  clusters = ["c"]\n}\n', good: 'discovery.aws "a" {\n  role = "msk"\n  region = "eu-west-1"\n  clusters = ["c"]\n}\n', message: 'clusters is only supported with the ecs, elasticache, msk, and rds roles, not "ec2"', line: 4 },
  ],
  'request_concurrency is only supported with the ecs, elasticache, msk, and rds roles, not %q': [
    { bad: 'discovery.aws "a" {\n  role = "lightsail"\n  region = "eu-west-1"\n  request_concurrency = 4\n}\n', good: 'discovery.aws "a" {\n  role = "rds"\n  region = "eu-west-1"\n  request_concurrency = 4\n}\n', message: 'request_concurrency is only supported with the ecs, elasticache, msk, and rds roles, not "lightsail"', line: 4 },
  ],
  'AWS SD configuration filter values cannot be empty': [
    { bad: 'discovery.aws "a" {\n  role = "ec2"\n  region = "eu-west-1"\n  filter {\n    name = "tag:env"\n    values = []\n  }\n}\n', good: 'discovery.aws "a" {\n  role = "ec2"\n  region = "eu-west-1"\n  filter {\n    name = "tag:env"\n    values = ["prod"]\n  }\n}\n', line: 6 },
  ],
  'EC2 SD configuration filter values cannot be empty': [
    { bad: 'discovery.ec2 "a" {\n  region = "eu-west-1"\n  filter {\n    name = "tag:env"\n    values = []\n  }\n}\n', good: 'discovery.ec2 "a" {\n  region = "eu-west-1"\n  filter {\n    name = "tag:env"\n    values = ["prod"]\n  }\n}\n', line: 5 },
  ],
  'discovery.serverset config must contain at least one Zookeeper server': [
    { bad: 'discovery.serverset "z" {\n  servers = []\n  paths = ["/a"]\n}\n', good: 'discovery.serverset "z" {\n  servers = ["zk:2181"]\n  paths = ["/a"]\n}\n', line: 2 },
  ],
  'discovery.serverset config must contain at least one path': [
    { bad: 'discovery.serverset "z" {\n  servers = ["zk:2181"]\n  paths = []\n}\n', good: 'discovery.serverset "z" {\n  servers = ["zk:2181"]\n  paths = ["/"]\n}\n', line: 3 },
  ],
  "discovery.serverset config paths must begin with '/': %s": [
    { bad: 'discovery.serverset "z" {\n  servers = ["zk:2181"]\n  paths = ["/a", "services/b"]\n}\n', good: 'discovery.serverset "z" {\n  servers = ["zk:2181"]\n  paths = ["/a", "/services/b"]\n}\n', message: "discovery.serverset config paths must begin with '/': services/b", line: 3 },
  ],
  'exactly one auth.* block must be specified; found none': [
    { bad: vault(''), good: vault('auth.token {\n  token = "t"\n}'), line: 1 },
  ],
  'exactly one auth.* block must be specified; found %d': [
    { bad: vault('auth.token {\n  token = "t"\n}\nauth.userpass {\n  username = "u"\n  password = "p"\n}'), good: vault('auth.userpass {\n  username = "u"\n  password = "p"\n}'), message: 'exactly one auth.* block must be specified; found 2', line: 7 },
  ],
  'client_options.timeout must be greater than 0': [
    { bad: vault('auth.token {\n  token = "t"\n}\nclient_options {\n  timeout = "0s"\n}'), good: vault('auth.token {\n  token = "t"\n}\nclient_options {\n  timeout = "1s"\n}'), line: 8 },
  ],
  'type must not be empty': [{ bad: vault('auth.aws {\n  type = ""\n}'), good: vault('auth.aws {\n  type = "ec2"\n}'), line: 5 }],
  'unrecognized type %q, expected one of ec2,iam': [
    { bad: vault('auth.aws {\n  type = "EC2"\n}'), good: vault('auth.aws {\n  type = "iam"\n}'), message: 'unrecognized type "EC2", expected one of ec2,iam', line: 5 },
  ],
  'ec2_signature_type must not be empty': [
    { bad: vault('auth.aws {\n  type = "ec2"\n  ec2_signature_type = ""\n}'), good: vault('auth.aws {\n  type = "ec2"\n  ec2_signature_type = "identity"\n}'), line: 6 },
  ],
  ': unrecognized ec2_signature_type %q, expected one of pkcs7,identity': [
    { bad: vault('auth.aws {\n  type = "ec2"\n  ec2_signature_type = "rsa2048"\n}'), good: vault('auth.aws {\n  type = "ec2"\n  ec2_signature_type = "pkcs7"\n}'), message: ': unrecognized ec2_signature_type "ec2", expected one of pkcs7,identity', line: 6 },
  ],
  'iam_service_account must be provided when type is iam': [
    { bad: vault('auth.gcp {\n  role = "r"\n  type = "iam"\n}'), good: vault('auth.gcp {\n  role = "r"\n  type = "iam"\n  iam_service_account = "sa@p.iam.gserviceaccount.com"\n}'), line: 6 },
  ],
  'unrecognized type %q, expected one of gce,iam': [
    { bad: vault('auth.gcp {\n  role = "r"\n  type = "gke"\n}'), good: vault('auth.gcp {\n  role = "r"\n  type = "gce"\n}'), message: 'unrecognized type "gke", expected one of gce,iam', line: 6 },
  ],
  'cannot set connection_string together with database blocks; use one or the other': [
    { bad: 'prometheus.exporter.oracledb "o" {\n  connection_string = "oracle://u:p@h:1521/s"\n  database {\n    name = "a"\n    connection_string = "oracle://u:p@a:1521/s"\n  }\n}\n', good: 'prometheus.exporter.oracledb "o" {\n  database {\n    name = "a"\n    connection_string = "oracle://u:p@a:1521/s"\n  }\n}\n', line: 3 },
  ],
  'no connection string was provided': [
    { bad: 'prometheus.exporter.oracledb "o" {\n  connection_string = ""\n}\n', good: 'prometheus.exporter.oracledb "o" {\n  connection_string = "oracle://u:p@h:1521/s"\n}\n', line: 2 },
  ],
  'database block requires a non-empty name': [
    { bad: 'prometheus.exporter.oracledb "o" {\n  database {\n    name = " "\n    connection_string = "oracle://u:p@a:1521/s"\n  }\n}\n', good: 'prometheus.exporter.oracledb "o" {\n  database {\n    name = "a"\n    connection_string = "oracle://u:p@a:1521/s"\n  }\n}\n', line: 3 },
  ],
  'database %q: connection_string is required': [
    { bad: 'prometheus.exporter.oracledb "o" {\n  database {\n    name = "a"\n    connection_string = ""\n  }\n}\n', good: 'prometheus.exporter.oracledb "o" {\n  database {\n    name = "a"\n    connection_string = "oracle://u:p@a:1521/s"\n  }\n}\n', message: 'database "a": connection_string is required', line: 4 },
  ],
  'max_open_connections must be at least 1': [
    { bad: 'prometheus.exporter.mssql "m" {\n  connection_string = "sqlserver://u:p@h:1433"\n  max_open_connections = 0\n}\n', good: 'prometheus.exporter.mssql "m" {\n  connection_string = "sqlserver://u:p@h:1433"\n  max_open_connections = 1\n}\n', line: 3 },
  ],
  'max_idle_connections must be at least 1': [
    { bad: 'prometheus.exporter.mssql "m" {\n  connection_string = "sqlserver://u:p@h:1433"\n  max_idle_connections = 0\n}\n', good: 'prometheus.exporter.mssql "m" {\n  connection_string = "sqlserver://u:p@h:1433"\n  max_idle_connections = 1\n}\n', line: 3 },
  ],
  'custom_queries_config_path must be set when disable_default_metrics is true': [
    { bad: postgres('disable_default_metrics = true'), good: postgres('disable_default_metrics = true\ncustom_queries_config_path = "/q.yaml"'), line: 3 },
  ],
  'enabled_collectors cannot be set when disable_default_metrics is true': [
    { bad: postgres('disable_default_metrics = true\ncustom_queries_config_path = "/q.yaml"\nenabled_collectors = ["database"]'), good: postgres('disable_default_metrics = false\nenabled_collectors = ["database"]'), line: 5 },
  ],
  'at least one match mechanism must be specified: set target_match_label or target_to_metric_match': [
    { bad: enrich(''), good: enrich('target_match_label = "instance"'), line: 1 },
  ],
  'target_match_label must be set when using legacy match fields': [
    { bad: enrich('metrics_match_label = "instance"'), good: enrich('metrics_match_label = "instance"\ntarget_match_label = "instance"'), line: 4 },
  ],
  "exactly one of 'value' or 'value_from_label' must be provided, got %d": [
    { bad: mimirMatcher('value = "a"\nvalue_from_label = "b"'), good: mimirMatcher('value_from_label = "b"'), message: "exactly one of 'value' or 'value_from_label' must be provided, got 2", line: 8 },
    { bad: mimirMatcher(''), good: mimirMatcher('value = "a"'), message: "exactly one of 'value' or 'value_from_label' must be provided, got 0", line: 4 },
  ],
  'max_idle_duration must be greater or equal than 1s': [
    { bad: lokiProcess('stage.metrics {\n  metric.counter {\n    name = "lines"\n    action = "inc"\n    match_all = true\n    max_idle_duration = "999ms"\n  }\n}'), good: lokiProcess('stage.metrics {\n  metric.counter {\n    name = "lines"\n    action = "inc"\n    match_all = true\n    max_idle_duration = "1s"\n  }\n}'), line: 8 },
    { bad: lokiProcess('stage.metrics {\n  metric.gauge {\n    name = "g"\n    action = "set"\n    max_idle_duration = "0s"\n  }\n}'), good: lokiProcess('stage.metrics {\n  metric.gauge {\n    name = "g"\n    action = "set"\n  }\n}'), line: 7 },
    { bad: lokiProcess('stage.metrics {\n  metric.histogram {\n    name = "h"\n    buckets = [1]\n    max_idle_duration = "10ms"\n  }\n}'), good: lokiProcess('stage.metrics {\n  metric.histogram {\n    name = "h"\n    buckets = [1]\n    max_idle_duration = "10m"\n  }\n}'), line: 7 },
  ],
  "a 'counter' metric supports either 'match_all' or a 'value', but not both": [
    { bad: lokiProcess('stage.metrics {\n  metric.counter {\n    name = "lines"\n    action = "inc"\n    match_all = true\n    value = "x"\n  }\n}'), good: lokiProcess('stage.metrics {\n  metric.counter {\n    name = "lines"\n    action = "inc"\n    value = "x"\n  }\n}'), line: 8 },
  ],
  "the 'count_entry_bytes' counter field must be specified along with match_all set to true or action set to 'add'": [
    { bad: lokiProcess('stage.metrics {\n  metric.counter {\n    name = "bytes"\n    action = "inc"\n    match_all = true\n    count_entry_bytes = true\n  }\n}'), good: lokiProcess('stage.metrics {\n  metric.counter {\n    name = "bytes"\n    action = "add"\n    match_all = true\n    count_entry_bytes = true\n  }\n}'), line: 8 },
  ],
  'template source value is required': [
    { bad: lokiProcess('stage.template {\n  source = ""\n  template = "{{ .Value }}"\n}'), good: lokiProcess('stage.template {\n  source = "msg"\n  template = "{{ .Value }}"\n}'), line: 4 },
  ],
  'limit must be greater than zero': [
    { bad: lokiProcess('stage.truncate {\n  rule {\n    limit = "0B"\n  }\n}'), good: lokiProcess('stage.truncate {\n  rule {\n    limit = "1B"\n  }\n}'), line: 5 },
  ],
  'suffix length cannot be greater than or equal to limit': [
    { bad: lokiProcess('stage.truncate {\n  rule {\n    limit = "3B"\n    suffix = "…"\n  }\n}'), good: lokiProcess('stage.truncate {\n  rule {\n    limit = "4B"\n    suffix = "…"\n  }\n}'), line: 6 },
  ],
  'unknown OnPositionsFileError value: %s': [
    { bad: 'loki.source.file "f" {\n  targets = []\n  forward_to = []\n  on_positions_file_error = "restart"\n}\n', good: 'loki.source.file "f" {\n  targets = []\n  forward_to = []\n  on_positions_file_error = "skip"\n}\n', message: 'unknown OnPositionsFileError value: restart', line: 4 },
  ],
  // ---------------------------------------------------------------- beyla.ebpf
  'trace_printer: invalid value %q. Valid values are: disabled, counter, text, json, json_indent': [
    { bad: beyla('trace_printer = "stdout"'), good: beyla('trace_printer = "json_indent"'), message: 'trace_printer: invalid value "stdout". Valid values are: disabled, counter, text, json, json_indent', line: 2 },
  ],
  'metrics.instrumentations: invalid value %q': [
    { bad: beyla('metrics {\n  instrumentations = ["http", "mysql"]\n}'), good: beyla('metrics {\n  instrumentations = ["http", "sql"]\n}'), message: 'metrics.instrumentations: invalid value "mysql"', line: 3 },
  ],
  'metrics.features: invalid value %q': [
    { bad: beyla('metrics {\n  features = ["application", "spans"]\n}'), good: beyla('metrics {\n  features = ["application", "application_span"]\n}'), message: 'metrics.features: invalid value "spans"', line: 3 },
  ],
  'metrics.exemplar_filter: invalid value %q': [
    { bad: beyla('metrics {\n  exemplar_filter = "traces"\n}'), good: beyla('metrics {\n  exemplar_filter = "trace_based"\n}'), message: 'metrics.exemplar_filter: invalid value "traces"', line: 3 },
  ],
  'traces.instrumentations: invalid value %q': [
    { bad: beyla('traces {\n  instrumentations = ["grpcs"]\n}'), good: beyla('traces {\n  instrumentations = ["grpc"]\n}'), message: 'traces.instrumentations: invalid value "grpcs"', line: 3 },
  ],
  'invalid sampler name %q. Valid values are: %s, %s, %s, %s, %s, %s': [
    { bad: beyla('traces {\n  sampler {\n    name = "ratio"\n  }\n}'), good: beyla('traces {\n  sampler {\n    name = "always_on"\n  }\n}'), message: 'invalid sampler name "ratio". Valid values are: always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio', line: 4 },
  ],
  'sampler %q requires an arg parameter with a ratio value between 0 and 1': [
    { bad: beyla('traces {\n  sampler {\n    name = "traceidratio"\n  }\n}'), good: beyla('traces {\n  sampler {\n    name = "traceidratio"\n    arg = "0.1"\n  }\n}'), message: 'sampler "traceidratio" requires an arg parameter with a ratio value between 0 and 1', line: 4 },
  ],
  'invalid arg %q for sampler %q: must be a valid decimal number': [
    { bad: beyla('traces {\n  sampler {\n    name = "parentbased_traceidratio"\n    arg = "10%"\n  }\n}'), good: beyla('traces {\n  sampler {\n    name = "parentbased_traceidratio"\n    arg = ".1"\n  }\n}'), message: 'invalid arg "10%" for sampler "parentbased_traceidratio": must be a valid decimal number', line: 5 },
  ],
  'invalid arg %q for sampler %q: ratio must be between 0 and 1 (inclusive)': [
    { bad: beyla('traces {\n  sampler {\n    name = "traceidratio"\n    arg = "1.5"\n  }\n}'), good: beyla('traces {\n  sampler {\n    name = "traceidratio"\n    arg = "1"\n  }\n}'), message: 'invalid arg "1.5" for sampler "traceidratio": ratio must be between 0 and 1 (inclusive)', line: 5 },
  ],
  // ---------------------------------------------------------------- the remaining texts: otelcol, discovery, remote, prometheus, loki, others, beyla discovery
  'unrecognized debug level %q': [
    { bad: otel('otelcol.processor.batch', 'debug_metrics {\n  level = "verbose"\n}'), good: otel('otelcol.processor.batch', 'debug_metrics {\n  level = "basic"\n}'), message: 'unrecognized debug level "verbose"', line: 3 },
  ],
  'missing API key': [
    { bad: otel('otelcol.exporter.datadog', 'api {\n  api_key = ""\n}', ''), good: otel('otelcol.exporter.datadog', 'api {\n  api_key = "abc"\n}', ''), line: 3 },
  ],
  'at least one endpoint must be specified': [
    { bad: otel('otelcol.exporter.otlphttp', 'client {\n  endpoint = ""\n}', ''), good: otel('otelcol.exporter.otlphttp', 'client {\n  endpoint = ""\n}\ntraces_endpoint = "http://tempo:4318/v1/traces"', ''), line: 3 },
  ],
  'gc_frequency must be greater than 0': [
    { bad: otel('otelcol.exporter.prometheus', 'forward_to = []\ngc_frequency = "0s"', ''), good: otel('otelcol.exporter.prometheus', 'forward_to = []\ngc_frequency = "-1m"', ''), line: 3 },
  ],
  'http or grpc must be configured to serve the sampling document': [
    { bad: samplingExtension('source {\n  file = "/etc/sampling.json"\n}'), good: samplingExtension('http {}\nsource {\n  file = "/etc/sampling.json"\n}'), line: 1 },
  ],
  'one of contents, file or remote must be configured': [
    { bad: samplingExtension('grpc {}\nsource {\n  content = ""\n}'), good: samplingExtension('grpc {}\nsource {\n  content = "{}"\n}'), line: 4 },
  ],
  'only one of contents, file or remote can be configured': [
    { bad: samplingExtension('grpc {}\nsource {\n  file = "/etc/sampling.json"\n  content = "{}"\n}'), good: samplingExtension('grpc {}\nsource {\n  file = "/etc/sampling.json"\n}'), line: 5 },
  ],
  'invalid strategy %q, must be one of: true_reset_point, subtract_initial_point, start_time_metric': [
    { bad: otel('otelcol.processor.metric_start_time', 'strategy = "reset"'), good: otel('otelcol.processor.metric_start_time', 'strategy = "start_time_metric"'), message: 'invalid strategy "reset", must be one of: true_reset_point, subtract_initial_point, start_time_metric', line: 2 },
  ],
  'decision_wait must be greater than zero': [
    { bad: tailSampling('decision_wait = "500us"\npolicy {\n  name = "all"\n  type = "always_sample"\n}'), good: tailSampling('decision_wait = "1ms"\npolicy {\n  name = "all"\n  type = "always_sample"\n}'), line: 2 },
  ],
  'unknown error mode %v': [
    { bad: ottl('Loud'), good: ottl('Propagate'), message: 'unknown error mode loud', line: 6 },
  ],
  'unknown context %v': [
    { bad: transform('Spans'), good: transform('SpanEvent'), message: 'unknown context spans', line: 3 },
  ],
  'a proxy block with an api block is required when intake behavior is %q': [
    { bad: otel('otelcol.receiver.datadog', 'intake {\n  behavior = "proxy"\n}'), good: otel('otelcol.receiver.datadog', 'intake {\n  behavior = "proxy"\n  proxy {\n    api {\n      key = "abc"\n    }\n  }\n}'), message: 'a proxy block with an api block is required when intake behavior is "proxy"', line: 3 },
  ],
  'must specify either strict or regexp': [{ bad: fileStats('strict = ""'), good: fileStats('strict = "file.size"'), line: 6 }],
  'strict and regexp are mutually exclusive': [{ bad: fileStats('strict = "file.size"\nregexp = "file.*"'), good: fileStats('regexp = "file.*"'), line: 7 }],
  'endpoint must not be empty': [{ bad: otel('otelcol.receiver.fluentforward', 'endpoint = ""'), good: otel('otelcol.receiver.fluentforward', 'endpoint = "0.0.0.0:8006"'), line: 2 }],
  'HTTP server endpoint cannot be empty': [{ bad: otel('otelcol.receiver.influxdb', 'endpoint = ""'), good: otel('otelcol.receiver.influxdb', 'endpoint = "0.0.0.0:8086"'), line: 2 }],
  'at least one protocol must be enabled': [
    { bad: otel('otelcol.receiver.jaeger', 'protocols {}'), good: otel('otelcol.receiver.jaeger', 'protocols {\n  thrift_compact {}\n}'), line: 2 },
  ],
  // discovery, remote
  'exactly one of oauth or managed_identity must be specified': [
    { bad: 'discovery.azure "a" {\n  subscription_id = "s"\n}\n', good: 'discovery.azure "a" {\n  subscription_id = "s"\n  managed_identity {\n    client_id = "c"\n  }\n}\n', line: 1 },
    {
      bad: 'discovery.azure "a" {\n  subscription_id = "s"\n  managed_identity {\n    client_id = "c"\n  }\n  oauth {\n    client_id = "c"\n    tenant_id = "t"\n    client_secret = "x"\n  }\n}\n',
      good: 'discovery.azure "a" {\n  subscription_id = "s"\n  oauth {\n    client_id = "c"\n    tenant_id = "t"\n    client_secret = "x"\n  }\n}\n',
      line: 6,
    },
  ],
  'a port is required in DNS-SD configs for all record types except SRV': [
    { bad: 'discovery.dns "d" {\n  names = ["db.example.com"]\n  type = "a"\n}\n', good: 'discovery.dns "d" {\n  names = ["db.example.com"]\n  type = "a"\n  port = 5432\n}\n', line: 3 },
  ],
  'invalid DNS-SD records type %s': [
    { bad: 'discovery.dns "d" {\n  names = ["db.example.com"]\n  type = "TXT"\n}\n', good: 'discovery.dns "d" {\n  names = ["db.example.com"]\n  type = "srv"\n}\n', message: 'invalid DNS-SD records type TXT', line: 3 },
  ],
  'unknown role %s, must be one of robot or hcloud': [
    { bad: 'discovery.hetzner "h" {\n  role = "cloud"\n}\n', good: 'discovery.hetzner "h" {\n  role = "hcloud"\n}\n', message: 'unknown role cloud, must be one of robot or hcloud', line: 2 },
  ],
  "datacenter_id can't be empty": [{ bad: 'discovery.ionos "i" {\n  datacenter_id = ""\n}\n', good: 'discovery.ionos "i" {\n  datacenter_id = "dc"\n}\n', line: 2 }],
  'nomad SD configuration requires a server address': [{ bad: 'discovery.nomad "n" {\n  server = "  "\n}\n', good: 'discovery.nomad "n" {\n  server = "http://nomad:4646"\n}\n', line: 2 }],
  'unknown availability %s, must be one of admin, internal or public': [
    { bad: 'discovery.openstack "o" {\n  role = "instance"\n  region = "r"\n  availability = "private"\n}\n', good: 'discovery.openstack "o" {\n  role = "instance"\n  region = "r"\n  availability = "internal"\n}\n', message: 'unknown availability private, must be one of admin, internal or public', line: 4 },
  ],
  'unknown availability %s, must be one of instance or hypervisor': [
    { bad: 'discovery.openstack "o" {\n  role = "server"\n  region = "r"\n}\n', good: 'discovery.openstack "o" {\n  role = "hypervisor"\n  region = "r"\n}\n', message: 'unknown availability server, must be one of instance or hypervisor', line: 2 },
  ],
  'invalid role %q': [
    { bad: 'discovery.scaleway "s" {\n  role = "vm"\n  project_id = "p"\n  access_key = "a"\n  secret_key = "s"\n}\n', good: 'discovery.scaleway "s" {\n  role = "baremetal"\n  project_id = "p"\n  access_key = "a"\n  secret_key = "s"\n}\n', message: 'invalid role "vm"', line: 2 },
  ],
  'poll_frequency must be greater than 30s': [
    { bad: 'remote.s3 "s" {\n  path = "s3://bucket/file"\n  poll_frequency = "30s"\n}\n', good: 'remote.s3 "s" {\n  path = "s3://bucket/file"\n  poll_frequency = "31s"\n}\n', line: 3 },
  ],
  // prometheus, loki, database_observability, faro, pyroscope
  'prometheus_exporter and targets are mutually exclusive: use prometheus_exporter to embed the exporter, or targets to scrape an external one': [
    { bad: dbo('mysql', 'targets = [{"__address__" = "db:9104"}]\nprometheus_exporter {}'), good: dbo('mysql', 'prometheus_exporter {}'), line: 5 },
    { bad: dbo('postgres', 'prometheus_exporter {}\ntargets = [{"__address__" = "db:9187"}]'), good: dbo('postgres', 'targets = [{"__address__" = "db:9187"}]'), line: 5 },
  ],
  'cloud_provider: at most one of aws, azure, or gcp must be specified': [
    { bad: dbo('mysql', 'cloud_provider {\n  aws {\n    arn = "arn:aws:rds:us-east-1:1:db:a"\n  }\n  gcp {\n    connection_name = "p:r:i"\n  }\n}'), good: dbo('mysql', 'cloud_provider {\n  aws {\n    arn = "arn:aws:rds:us-east-1:1:db:a"\n  }\n}'), line: 8 },
  ],
  'unrecognized log format %q': [
    { bad: 'faro.receiver "f" {\n  log_format = "text"\n  output {}\n}\n', good: 'faro.receiver "f" {\n  log_format = "json"\n  output {}\n}\n', message: 'unrecognized log format "text"', line: 2 },
  ],
  'unrecognized rate limiting strategy %q': [
    { bad: 'faro.receiver "f" {\n  server {\n    rate_limiting {\n      strategy = "per-app"\n    }\n  }\n  output {}\n}\n', good: 'faro.receiver "f" {\n  server {\n    rate_limiting {\n      strategy = "per_app"\n    }\n  }\n  output {}\n}\n', message: 'unrecognized rate limiting strategy "per-app"', line: 4 },
  ],
  'pull_range must be a positive duration': [
    { bad: 'loki.source.cloudflare "c" {\n  api_token = "t"\n  zone_id = "z"\n  forward_to = []\n  pull_range = "-1m"\n}\n', good: 'loki.source.cloudflare "c" {\n  api_token = "t"\n  zone_id = "z"\n  forward_to = []\n  pull_range = "0s"\n}\n', line: 5 },
  ],
  'refresh_interval must be positive, got %q': [
    { bad: 'loki.source.docker "d" {\n  host = "unix:///var/run/docker.sock"\n  targets = []\n  forward_to = []\n  refresh_interval = "-90s"\n}\n', good: 'loki.source.docker "d" {\n  host = "unix:///var/run/docker.sock"\n  targets = []\n  forward_to = []\n  refresh_interval = "90s"\n}\n', message: 'refresh_interval must be positive, got "-1m30s"', line: 5 },
  ],
  "exactly one of 'push' or 'pull' must be provided": [
    { bad: 'loki.source.gcplog "g" {\n  forward_to = []\n}\n', good: 'loki.source.gcplog "g" {\n  forward_to = []\n  push {}\n}\n', line: 1 },
    { bad: 'loki.source.gcplog "g" {\n  forward_to = []\n  push {}\n  pull {\n    project_id = "p"\n    subscription = "s"\n  }\n}\n', good: 'loki.source.gcplog "g" {\n  forward_to = []\n  pull {\n    project_id = "p"\n    subscription = "s"\n  }\n}\n', line: 4 },
  ],
  'push_timeout must be greater than zero': [
    { bad: 'loki.source.gcplog "g" {\n  forward_to = []\n  push {\n    push_timeout = "-1s"\n  }\n}\n', good: 'loki.source.gcplog "g" {\n  forward_to = []\n  push {\n    push_timeout = "0s"\n  }\n}\n', line: 4 },
  ],
  'an automatic value for `instance` cannot be determined from %d kafka servers, manually provide one for this component': [
    { bad: 'prometheus.exporter.kafka "k" {\n  kafka_uris = ["a:9092", "b:9092"]\n}\n', good: 'prometheus.exporter.kafka "k" {\n  kafka_uris = ["a:9092", "b:9092"]\n  instance = "kafka"\n}\n', message: 'an automatic value for `instance` cannot be determined from 2 kafka servers, manually provide one for this component', line: 2 },
  ],
  'only one of script_path and script_paths should be specified': [
    { bad: 'prometheus.exporter.redis "r" {\n  redis_addr = "redis:6379"\n  script_path = "/a.lua"\n  script_paths = ["/b.lua"]\n}\n', good: 'prometheus.exporter.redis "r" {\n  redis_addr = "redis:6379"\n  script_paths = ["/a.lua", "/b.lua"]\n}\n', line: 4 },
  ],
  'only endpoints and endpointslice are supported': [
    { bad: 'prometheus.operator.podmonitors "p" {\n  forward_to = []\n  kubernetes_role = "pod"\n}\n', good: 'prometheus.operator.podmonitors "p" {\n  forward_to = []\n  kubernetes_role = "endpointslice"\n}\n', line: 3 },
    { bad: 'prometheus.operator.servicemonitors "s" {\n  forward_to = []\n  kubernetes_role = ""\n}\n', good: 'prometheus.operator.servicemonitors "s" {\n  forward_to = []\n  kubernetes_role = "endpoints"\n}\n', line: 3 },
  ],
  'batch_count must be greater than 0': [{ bad: writeQueue('batch_count = 0'), good: writeQueue('batch_count = 1'), line: 4 }],
  'flush_interval must be greater or equal to 1s, the internal timers resolution is 1s': [{ bad: writeQueue('flush_interval = "500ms"'), good: writeQueue('flush_interval = "1s"'), line: 4 }],
  'max_connections less than min_connections': [{ bad: parallelism('max_connections = 1'), good: parallelism('max_connections = 2'), line: 5 }],
  'min_connections must be greater than 0': [{ bad: parallelism('min_connections = 0'), good: parallelism('min_connections = 1'), line: 5 }],
  'drift_scale_up_seconds less than or equal drift_scale_down_seconds': [{ bad: parallelism('drift_scale_up = "30s"'), good: parallelism('drift_scale_up = "31s"'), line: 5 }],
  'desired_check_interval must be greater than or equal to 1 second': [{ bad: parallelism('desired_check_interval = "999ms"'), good: parallelism('desired_check_interval = "1s"'), line: 5 }],
  'allowed_network_error_percent must be between 0.00 and 1.00': [
    { bad: parallelism('allowed_network_error_fraction = 1.5'), good: parallelism('allowed_network_error_fraction = 1'), line: 5 },
    { bad: parallelism('allowed_network_error_fraction = -0.1'), good: parallelism('allowed_network_error_fraction = 0'), line: 5 },
  ],
  'metadata_cache_size must be greater than 0 when using Remote Write V2': [
    { bad: writeQueue('protobuf_message = "io.prometheus.write.v2.Request"\nmetadata_cache_size = 0'), good: writeQueue('protobuf_message = "prometheus.WriteRequest"\nmetadata_cache_size = 0'), line: 5 },
  ],
  'unknown remote write proto message: %s': [
    { bad: writeQueue('protobuf_message = "io.prometheus.write.v3.Request"'), good: writeQueue('protobuf_message = "io.prometheus.write.v2.Request"'), message: 'unknown remote write proto message: io.prometheus.write.v3.Request', line: 4 },
  ],
  'invalid comm mode %q, valid values are: %q, %q, %q, %q': [
    { bad: 'pyroscope.ebpf "p" {\n  targets = []\n  forward_to = []\n  comm = "full"\n}\n', good: 'pyroscope.ebpf "p" {\n  targets = []\n  forward_to = []\n  comm = "stackframe"\n}\n', message: 'invalid comm mode "full", valid values are: "none", "label", "stackframe", "both"', line: 4 },
  ],
  // beyla.ebpf discovery
  'discovery.services, discovery.instrument, or discovery.survey is required when application features are enabled': [
    { bad: 'beyla.ebpf "b" {\n  output {}\n}\n', good: 'beyla.ebpf "b" {\n  metrics {\n    features = ["network"]\n  }\n  output {}\n}\n', line: 1 },
    { bad: beylaDiscovery('exclude_instrument {\n  open_ports = "22"\n}'), good: beylaDiscovery('survey {\n  open_ports = "8000-8999"\n}'), line: 2 },
  ],
  'discovery.services[%d] must define at least one of: open_ports, exe_path, cmd_args, or kubernetes configuration': [
    {
      bad: beylaDiscovery('instrument {\n  open_ports = "80"\n}\ninstrument {\n  name = "checkout"\n}'),
      good: beylaDiscovery('instrument {\n  open_ports = "80"\n}\ninstrument {\n  name = "checkout"\n  kubernetes {\n    deployment_name = "checkout"\n  }\n}'),
      message: 'invalid instrument configuration: discovery.services[1] must define at least one of: open_ports, exe_path, cmd_args, or kubernetes configuration',
      line: 6,
    },
  ],
  'invalid instrument configuration: %s': [
    { bad: beylaDiscovery('instrument {\n  name = "checkout"\n  namespace = "shop"\n}'), good: beylaDiscovery('instrument {\n  name = "checkout"\n  exe_path = "checkout"\n}'), message: 'invalid instrument configuration: discovery.services[0] must define at least one of: open_ports, exe_path, cmd_args, or kubernetes configuration', line: 3 },
  ],
  'invalid survey configuration: %s': [
    { bad: beylaDiscovery('survey {\n  kubernetes {\n    pod_annotations = { team = "a" }\n  }\n}'), good: beylaDiscovery('survey {\n  kubernetes {\n    pod_labels = { team = "a" }\n  }\n}'), message: 'invalid survey configuration: discovery.services[0] must define at least one of: open_ports, exe_path, cmd_args, or kubernetes configuration', line: 3 },
  ],
  'invalid exclude_instrument configuration: %s': [
    { bad: beylaDiscovery('instrument {\n  open_ports = "80"\n}\nexclude_instrument {\n  containers_only = true\n}'), good: beylaDiscovery('instrument {\n  open_ports = "80"\n}\nexclude_instrument {\n  cmd_args = "--debug"\n}'), message: 'invalid exclude_instrument configuration: discovery.services[0] must define at least one of: open_ports, exe_path, cmd_args, or kubernetes configuration', line: 6 },
  ],
  'invalid default_exclude_instrument configuration: %s': [
    { bad: beylaDiscovery('instrument {\n  open_ports = "80"\n}\ndefault_exclude_instrument {\n  name = "alloy"\n}'), good: beylaDiscovery('instrument {\n  open_ports = "80"\n}\ndefault_exclude_instrument {\n  exe_path = "alloy"\n}'), message: 'invalid default_exclude_instrument configuration: discovery.services[0] must define at least one of: open_ports, exe_path, cmd_args, or kubernetes configuration', line: 6 },
  ],
};

/** Each (component, argument) of the positive-value table: refused at 0, accepted above. */
const positiveValues: [component: string, argument: string, message: string, value: string, required?: string][] = [
  ['discovery.consul', 'refresh_interval', 'refresh_interval must be greater than 0', '"30s"'],
  ['discovery.kuma', 'fetch_timeout', 'fetch_timeout must be greater than 0', '"1m"', 'server = "http://k:5676"'],
  ['discovery.nerve', 'timeout', 'timeout must be greater than 0', '"5s"', 'servers = ["z:2181"]\n  paths = ["/a"]'],
  ['otelcol.connector.servicegraph', 'store_expiration_loop', 'store_expiration_loop must be greater than 0', '"2s"', 'output {}'],
  ['otelcol.processor.tail_sampling', 'num_traces', 'num_traces must be greater than zero', '100', 'output {}\n  policy {\n    name = "all"\n    type = "always_sample"\n  }'],
  ['otelcol.connector.host_info', 'metrics_flush_interval', 'metrics_flush_interval must be greater than 0', '"30s"', 'output {}'],
  ['otelcol.connector.servicegraph', 'cache_loop', 'cache_loop must be greater than 0', '"1m"', 'output {}'],
  ['otelcol.processor.interval', 'interval', 'interval must be greater than 0', '"30s"', 'output {}'],
  ['otelcol.processor.metric_start_time', 'gc_interval', 'gc_interval must be greater than 0', '"5m"', 'output {}'],
  ['prometheus.exporter.mssql', 'timeout', 'timeout must be positive', '"10s"', 'connection_string = "sqlserver://u:p@h:1433"'],
];
for (const [component, argument, message, value, required] of positiveValues) {
  const zero = argument === 'num_traces' ? '0' : '"0s"';
  const text = (assigned: string) => `${component} "x" {\n  ${required ? `${required}\n  ` : ''}${argument} = ${assigned}\n}\n`;
  (cases[message] ??= []).push({ bad: text(zero), good: text(value) });
}

describe('load-time rules', () => {
  const upstreamMessages = [...new Set(loadTimeRuleSets.flatMap((set) => set.rules.flatMap((rule) => messagesOfRule(rule).map((upstream) => upstream.message))))];

  it('has a refused and an accepted configuration for every upstream message a rule reports', () => {
    expect(upstreamMessages.filter((message) => !(message in cases))).toEqual([]);
    expect(Object.keys(cases).filter((message) => !upstreamMessages.includes(message))).toEqual([]);
  });

  for (const [upstream, examples] of Object.entries(cases)) {
    describe(upstream, () => {
      examples.forEach(({ bad, good, message, line }, index) => {
        it(`example ${index + 1}`, () => {
          const expected = message ?? upstream;
          expect(loadTime(bad).map((line) => line.replace(/^\d+: [^:]+: /, ''))).toContain(expected);
          if (line !== undefined) expect(loadTime(bad).filter((found) => found.endsWith(`: ${expected}`)).map((found) => Number(found.split(':')[0]))).toContain(line);
          expect(loadTime(good)).toEqual([]);
          expect(errorsOf(good)).toEqual([]);
        });
      });
    });
  }

  it('reports at the attribute that breaks the rule, with severity error', () => {
    const text = endpoint('bearer_token = "t"\nbasic_auth {\n  username = "u"\n}');
    const [diagnostic] = checkText(text).diagnostics.filter((candidate) => candidate.code === 'alloy/invalid-argument-combination');
    expect(diagnostic?.severity).toBe('error');
    expect(diagnostic?.range.start.line).toBe(5);
    expect(text.slice(diagnostic!.range.start.offset, diagnostic!.range.end.offset)).toBe('basic_auth');
  });

  it('converts a number given for a duration as Alloy does', () => {
    expect(loadTime(scrape('scrape_interval = 15'))).toEqual(['4: alloy/invalid-duration: time: missing unit in duration "15"']);
    expect(loadTime(scrape('scrape_interval = 10 + 5'))).toEqual(['4: alloy/invalid-duration: time: missing unit in duration "15"']);
    expect(loadTime(scrape('scrape_interval = -15'))).toEqual(['4: alloy/invalid-duration: time: missing unit in duration "-15"']);
    expect(loadTime(scrape('scrape_interval = string.format("%ds", 15)'))).toEqual([]);
    expect(loadTime(scrape('scrape_interval = string.format("%d", 15)'))).toEqual(['4: alloy/invalid-duration: time: missing unit in duration "15"']);
    expect(loadTime(scrape('scrape_timeout = 0'))).toEqual([]);
  });

  it('folds constants: values built from literals and pure functions are checked', () => {
    expect(loadTime(scrape('scrape_timeout = string.format("%dm", 2)'))).toEqual([
      '4: alloy/out-of-range: scrape_timeout (2m0s) greater than scrape_interval (1m0s) for scrape config with job name ""',
    ]);
    expect(loadTime(relabel('source_labels = ["a"]\nregex = "(" + "foo"\naction = "keep"'))).toEqual([
      '5: alloy/invalid-regex: error parsing regexp: missing closing ): `^(?s:(foo)$`',
    ]);
  });

  it('never reports what depends on the environment, files, module arguments or other components', () => {
    const unknowns = ['sys.env("TIMEOUT")', 'env("TIMEOUT")', 'local.file.t.content', 'constants.hostname', 'string.format("%s", sys.env("T"))'];
    for (const unknown of unknowns) {
      expect(loadTime(`local.file "t" {\n  filename = "/t"\n}\n${scrape(`scrape_timeout = ${unknown}`)}`)).toEqual([]);
      expect(loadTime(endpoint(`bearer_token = ${unknown}\nbasic_auth {\n  username = "u"\n}`).replace('prometheus.remote_write', 'local.file "t" {\n  filename = "/t"\n}\nprometheus.remote_write'))).toEqual([]);
      expect(loadTime(`local.file "t" {\n  filename = "/t"\n}\n${relabel(`regex = ${unknown}\naction = "keep"`)}`)).toEqual([]);
    }
    const module = `declare "scraper" {\n  argument "interval" {}\n${indent(scrape('scrape_interval = argument.interval.value'), 2)}\n}\n`;
    expect(loadTime(module)).toEqual([]);
    const template = `foreach "each" {\n  collection = ["1s"]\n  var = "string"\n  template {\n${indent(scrape('scrape_timeout = string.format("%dm", 2)'), 4)}\n  }\n}\n`;
    expect(loadTime(template)).toEqual([]);
  });

  it('applies the OpenTelemetry TLS rules, not the common HTTP client rules, to otelcol components', () => {
    const text = 'otelcol.exporter.otlp "o" {\n  client {\n    endpoint = "x:4317"\n    tls {\n      ca_pem = "x"\n      ca_file = "/ca"\n    }\n  }\n}\n';
    expect(loadTime(text)).toEqual(['6: alloy/invalid-argument-combination: at most one of ca_pem and ca_file must be configured']);
    expect(constraintsFor('otelcol.exporter.otlp', ['client', 'tls', 'ca_pem']).map((constraint) => constraint.ruleSet)).toEqual(['otelcol tls']);
  });

  it('lists the constraints of an argument', () => {
    const constraints = constraintsFor('prometheus.remote_write', ['endpoint', 'tls_config', 'ca_pem']);
    expect(constraints.map((constraint) => constraint.message)).toEqual(['at most one of ca_pem and ca_file must be configured']);
    expect(constraints[0]?.code).toBe('alloy/invalid-argument-combination');
    expect(constraintsFor('prometheus.scrape', ['scrape_timeout']).map((constraint) => constraint.code)).toEqual(['alloy/out-of-range']);
    expect(constraintsFor('discovery.relabel', ['rule', 'regex']).map((constraint) => constraint.code)).toContain('alloy/invalid-regex');
    expect(constraintsFor('prometheus.scrape', ['targets'])).toEqual([]);
    expect(constraintsFor('no.such.component', ['x'])).toEqual([]);
  });
});
