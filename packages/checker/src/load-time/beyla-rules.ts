/**
 * Rules of `beyla.ebpf` whose arguments the 1.18 schema knows (trace printer, metrics, traces,
 * samplers, the discovery that application features need). Its `ebpf` buffer, CUDA, traffic
 * control and payload enrichment settings, `metrics.network`'s deduper, ports, interfaces and
 * reverse DNS, and `stats.reverse_dns` are not in the schema (neither the docs nor component-go's
 * files describe them): the coverage script lists those texts as schema gaps.
 */
import { isZeroValue, type BodyContext } from './body.js';
import { goQuote } from './go-format.js';
import { stringList } from './helpers.js';
import { LOAD_TIME_CODES, type LoadTimeRule, type RuleSet } from './rule-types.js';

const upstream = 'beyla/ebpf/beyla_linux.go';
const at = (body: BodyContext, name: string) => body.argumentRange(name);
const instrumentations = ['*', 'http', 'grpc', 'redis', 'kafka', 'sql', 'gpu', 'mongo', 'memcached', 'genai'];
const features = [
  'application', 'application_span', 'application_span_otel', 'application_span_sizes', 'application_host', 'application_service_graph',
  'application_process', 'network', 'network_inter_zone', 'stats', '*', 'all',
];

/** Every element of a written list must be one of `values`; `%q` is the first other one. */
function eachOf(argument: string, values: string[], message: string): LoadTimeRule {
  return {
    kind: 'code',
    name: `beyla-${argument}`,
    arguments: [argument],
    messages: [{ message, code: LOAD_TIME_CODES.value }],
    check: (body) => {
      if (body.argument(argument).state !== 'known') return;
      const other = stringList(body, argument)?.find((item) => !values.includes(item));
      if (other !== undefined) body.report(LOAD_TIME_CODES.value, message.replace('%q', goQuote(other)), at(body, argument));
    },
  };
}

const samplers = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'];
const samplerMessages = {
  name: 'invalid sampler name %q. Valid values are: %s, %s, %s, %s, %s, %s',
  argRequired: 'sampler %q requires an arg parameter with a ratio value between 0 and 1',
  decimal: 'invalid arg %q for sampler %q: must be a valid decimal number',
  range: 'invalid arg %q for sampler %q: ratio must be between 0 and 1 (inclusive)',
};

/** `strconv.ParseFloat`: a decimal number, `undefined` for Go's other accepted forms (hex, inf, nan, underscores), `NaN` for text it refuses. */
function goFloat(text: string): number | undefined {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (/^[+-]?(inf|infinity|nan)$/i.test(text) || /0[xX]|_/.test(text)) return undefined;
  return Number.NaN;
}

function checkSampler(body: BodyContext): void {
  const name = body.stringOf('name');
  if (name === undefined || name === '') return;
  if (!samplers.includes(name)) {
    body.report(LOAD_TIME_CODES.value, `invalid sampler name ${goQuote(name)}. Valid values are: ${samplers.join(', ')}`, at(body, 'name'), body.caseFix('name', samplers));
    return;
  }
  if (name !== 'traceidratio' && name !== 'parentbased_traceidratio') return;
  const arg = body.stringOf('arg');
  if (arg === undefined) return;
  if (arg === '') {
    body.report(LOAD_TIME_CODES.combination, samplerMessages.argRequired.replace('%q', goQuote(name)), at(body, body.attribute('arg') ? 'arg' : 'name'));
    return;
  }
  const ratio = goFloat(arg);
  if (ratio === undefined) return;
  if (Number.isNaN(ratio)) body.report(LOAD_TIME_CODES.value, `invalid arg ${goQuote(arg)} for sampler ${goQuote(name)}: must be a valid decimal number`, at(body, 'arg'));
  else if (ratio < 0 || ratio > 1) body.report(LOAD_TIME_CODES.range, `invalid arg ${goQuote(arg)} for sampler ${goQuote(name)}: ratio must be between 0 and 1 (inclusive)`, at(body, 'arg'));
}

// ---------------------------------------------------------------- discovery

const discoveryMessages = {
  required: 'discovery.services, discovery.instrument, or discovery.survey is required when application features are enabled',
  service: 'discovery.services[%d] must define at least one of: open_ports, exe_path, cmd_args, or kubernetes configuration',
  survey: 'invalid survey configuration: %s',
  instrument: 'invalid instrument configuration: %s',
  exclude_instrument: 'invalid exclude_instrument configuration: %s',
  default_exclude_instrument: 'invalid default_exclude_instrument configuration: %s',
};
const appFeatures = ['*', 'all', 'application', 'application_host', 'application_span', 'application_service_graph', 'application_process', 'application_span_otel', 'application_span_sizes'];
const kubernetesSelectors = ['namespace', 'pod_name', 'deployment_name', 'replicaset_name', 'statefulset_name', 'daemonset_name', 'owner_name', 'pod_labels'];

/** Whether `metrics.features` (its default when the block or the argument is not written) names an application feature. */
function hasAppFeature(body: BodyContext): boolean | undefined {
  const metrics = body.child('metrics');
  const features = metrics ? metrics.effectiveValue('features') : body.childDefault('metrics', 'features');
  if (!features) return undefined;
  if (features.type === 'null') return false;
  if (features.type !== 'array') return undefined;
  for (const feature of features.elements) {
    if (feature.type !== 'string') return undefined;
    if (appFeatures.includes(feature.value)) return true;
  }
  return false;
}

/** `Services.Validate`: a service selects processes by a port, a path, arguments or Kubernetes metadata; undefined when not known. */
function selectsSomething(service: BodyContext): boolean | undefined {
  let unknown = false;
  for (const name of ['open_ports', 'exe_path', 'cmd_args']) {
    const presence = service.presence({ attribute: name });
    if (presence === 'set') return true;
    if (presence === 'unknown') unknown = true;
  }
  const kubernetes = service.child('kubernetes');
  for (const name of kubernetes ? kubernetesSelectors : []) {
    const value = kubernetes!.effectiveValue(name);
    if (!value) unknown = true;
    else if (!isZeroValue(value)) return true;
  }
  return unknown ? undefined : false;
}

/** The first service of `discovery > name` that selects nothing, wrapped as Validate wraps it; true when reported or unknown. */
function checkServices(discovery: BodyContext, name: keyof typeof discoveryMessages): boolean {
  const services = discovery.children(name);
  for (const [index, service] of services.entries()) {
    const selects = selectsSomething(service);
    if (selects === undefined) return true;
    if (!selects) {
      const inner = discoveryMessages.service.replace('%d', String(index));
      discovery.report(LOAD_TIME_CODES.combination, discoveryMessages[name].replace('%s', inner), service.bodyRange());
      return true;
    }
  }
  return false;
}

function checkDiscovery(body: BodyContext): void {
  const app = hasAppFeature(body);
  if (app === undefined) return;
  const discovery = body.child('discovery');
  if (app) {
    // `discovery.services` (the older name, which Go still reads) is not in the 1.18 schema: counted, not checked.
    if (!discovery || ['services', 'instrument', 'survey'].every((name) => discovery.blocks(name).length === 0)) {
      body.report(LOAD_TIME_CODES.combination, discoveryMessages.required, discovery ? discovery.bodyRange() : body.bodyRange());
      return;
    }
    if (checkServices(discovery, 'survey') || checkServices(discovery, 'instrument')) return;
  }
  if (!discovery) return;
  if (checkServices(discovery, 'exclude_instrument')) return;
  checkServices(discovery, 'default_exclude_instrument');
}

export const beylaRuleSets: RuleSet[] = [
  {
    name: 'beyla.ebpf',
    upstream,
    attach: { component: 'beyla.ebpf', path: [] },
    rules: [
      {
        kind: 'enum',
        argument: 'trace_printer',
        values: ['', 'disabled', 'counter', 'text', 'json', 'json_indent'],
        message: 'trace_printer: invalid value %q. Valid values are: disabled, counter, text, json, json_indent',
        messageArguments: [{ argument: 'trace_printer', verb: 'q' }],
      },
    ],
  },
  {
    // Application features (the default `metrics.features` is ["application"]) need a discovery of services.
    name: 'beyla.ebpf discovery',
    upstream,
    attach: { component: 'beyla.ebpf', path: [] },
    rules: [
      {
        kind: 'code',
        name: 'beyla-discovery',
        arguments: ['metrics', 'discovery'],
        evenWhenUnwritten: true,
        messages: [
          { message: discoveryMessages.required, code: LOAD_TIME_CODES.combination },
          { message: discoveryMessages.service, code: LOAD_TIME_CODES.combination },
          { message: discoveryMessages.survey, code: LOAD_TIME_CODES.combination },
          { message: discoveryMessages.instrument, code: LOAD_TIME_CODES.combination },
          { message: discoveryMessages.exclude_instrument, code: LOAD_TIME_CODES.combination },
          { message: discoveryMessages.default_exclude_instrument, code: LOAD_TIME_CODES.combination },
        ],
        check: checkDiscovery,
      },
    ],
  },
  {
    name: 'beyla.ebpf metrics',
    upstream,
    attach: { component: 'beyla.ebpf', path: ['metrics'] },
    rules: [
      eachOf('instrumentations', instrumentations, 'metrics.instrumentations: invalid value %q'),
      eachOf('features', features, 'metrics.features: invalid value %q'),
      {
        kind: 'enum',
        argument: 'exemplar_filter',
        values: ['', 'always_on', 'always_off', 'trace_based'],
        message: 'metrics.exemplar_filter: invalid value %q',
        messageArguments: [{ argument: 'exemplar_filter', verb: 'q' }],
      },
    ],
  },
  {
    name: 'beyla.ebpf traces',
    upstream,
    attach: { component: 'beyla.ebpf', path: ['traces'] },
    rules: [eachOf('instrumentations', instrumentations, 'traces.instrumentations: invalid value %q')],
  },
  {
    // SamplerConfig.Validate runs when the decoder reads a sampler block, before the wrapping texts of the callers.
    name: 'beyla.ebpf sampler',
    upstream,
    attach: { block: 'sampler', arguments: ['name', 'arg'], onlyComponents: ['beyla.ebpf'] },
    rules: [
      {
        kind: 'code',
        name: 'beyla-sampler',
        arguments: ['name', 'arg'],
        messages: [
          { message: samplerMessages.name, code: LOAD_TIME_CODES.value },
          { message: samplerMessages.argRequired, code: LOAD_TIME_CODES.combination },
          { message: samplerMessages.decimal, code: LOAD_TIME_CODES.value },
          { message: samplerMessages.range, code: LOAD_TIME_CODES.range },
        ],
        check: checkSampler,
      },
    ],
  },
];
