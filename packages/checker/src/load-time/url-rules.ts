/**
 * The arguments Alloy parses with Go's `url.Parse` when it loads a component, each with the text
 * Alloy prints: decoding the shared `config.URL` type gives Go's own error (`parse "…": …`);
 * a component's `Validate()` (or the start of `prometheus.remote_write`) may wrap it.
 * `otelcol.*` endpoints are plain strings the Collector reads when the component starts: not here.
 */
import { otherTypes } from './shared-rules.js';
import type { LoadTimeRule, RuleSet } from './rule-types.js';

const commonConfig = 'common/config/types.go';

const goError = (argument: string): LoadTimeRule => ({ kind: 'url', argument });

const component = (name: string, upstream: string, rules: LoadTimeRule[], path: string[] = []): RuleSet => ({
  name: `${name}${path.length > 0 ? ` ${path.join(' ')}` : ''} url`,
  upstream,
  attach: { component: name, path },
  rules,
});

export const urlRuleSets: RuleSet[] = [
  // config.URL, decoded from text: the HTTP client's proxy (also inside oauth2) and the Kubernetes API server.
  {
    name: 'proxy url',
    upstream: commonConfig,
    attach: { arguments: ['proxy_url', 'no_proxy', 'proxy_from_environment', 'proxy_connect_header'], exceptComponents: otherTypes },
    rules: [goError('proxy_url')],
  },
  {
    name: 'kubernetes api_server',
    upstream: 'common/kubernetes/kubernetes.go',
    attach: { arguments: ['api_server'], exceptComponents: otherTypes },
    rules: [goError('api_server')],
  },
  component('discovery.kubelet', 'discovery/kubelet/kubelet.go', [goError('url')]),
  // discovery/http/http.go (not in the reference set: it has no Validate) decodes its url as config.URL too.
  component('discovery.http', 'discovery/http/http.go', [goError('url')]),

  // Validate().
  component('loki.write', 'loki/write/types.go', [{ kind: 'url', argument: 'url', message: 'failed to parse remote url %q: %w', messageArguments: [{ argument: 'url', verb: 'q' }] }], ['endpoint']),
  component('loki.source.docker', 'loki/source/docker/docker.go', [
    { kind: 'url', argument: 'host', message: 'failed to parse Docker host %q: %w', messageArguments: [{ argument: 'host', verb: 'q' }] },
  ]),
  component('discovery.docker', 'discovery/docker/docker.go', [{ kind: 'url', argument: 'host', message: 'parsing host attribute: %w' }]),
  component('discovery.dockerswarm', 'discovery/dockerswarm/dockerswarm.go', [goError('host')]),
  component('discovery.uyuni', 'discovery/uyuni/uyuni.go', [{ kind: 'url', argument: 'server', message: 'invalid server URL: %w' }]),
  component('discovery.eureka', 'discovery/eureka/eureka.go', [
    { kind: 'url', argument: 'server', requires: [{ parts: ['scheme', 'host'], message: 'invalid eureka server URL' }] },
  ]),
  component('discovery.puppetdb', 'discovery/puppetdb/puppetdb.go', [
    {
      kind: 'url',
      argument: 'url',
      requires: [
        { parts: ['http-scheme'], message: "URL scheme must be 'http' or 'https'" },
        { parts: ['host'], message: 'host is missing in URL' },
      ],
    },
  ]),
  // http.NewRequest(method, url) returns url.Parse's error as it is.
  component('remote.http', 'remote/http/http.go', [goError('url')]),
  component('otelcol.receiver.vcenter', 'otelcol/receiver/vcenter/vcenter.go', [
    {
      kind: 'url',
      argument: 'endpoint',
      message: 'unable to parse url %s: %w',
      messageArguments: [{ argument: 'endpoint', verb: 's' }],
      requires: [{ parts: ['http-scheme'], message: 'url scheme must be http or https' }],
    },
  ]),
  component(
    'otelcol.receiver.otlp',
    'otelcol/receiver/otlp/otlp.go',
    ['traces_url_path', 'logs_url_path', 'metrics_url_path'].map((argument): LoadTimeRule => ({ kind: 'url', argument, message: 'invalid %s: %w', messageArguments: [{ text: argument }] })),
    ['http'],
  ),

  // When the component starts (convertConfigs, from New and Update).
  component(
    'prometheus.remote_write',
    'prometheus/remotewrite/types.go',
    [{ kind: 'url', argument: 'url', message: 'cannot parse remote_write url %q: %w', messageArguments: [{ argument: 'url', verb: 'q' }] }],
    ['endpoint'],
  ),
];
