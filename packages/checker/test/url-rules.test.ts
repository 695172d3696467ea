import { describe, expect, it } from 'vitest';
import { checkText, constraintsFor, loadTimeMessages } from '../src/index.js';

/** The alloy/invalid-url diagnostics of a text, as `line: message`. */
function urlErrors(text: string): string[] {
  return checkText(text, { stabilityLevel: 'experimental' })
    .diagnostics.filter((diagnostic) => diagnostic.code === 'alloy/invalid-url')
    .map((diagnostic) => `${diagnostic.range.start.line}: ${diagnostic.message}`);
}

/** Every error of a text, for the valid cases: nothing else may go wrong either. */
function errorsOf(text: string): string[] {
  return checkText(text, { stabilityLevel: 'experimental' })
    .diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
}

const q = JSON.stringify;
const lokiWrite = (url: string) => `loki.write "w" {\n  endpoint {\n    url = ${q(url)}\n  }\n}\n`;
const remoteWrite = (url: string) => `prometheus.remote_write "w" {\n  endpoint {\n    url = ${q(url)}\n  }\n}\n`;
const scrapeProxy = (proxy: string) => `prometheus.scrape "s" {\n  targets    = []\n  forward_to = []\n  proxy_url  = ${q(proxy)}\n}\n`;
const oauth2Proxy = (proxy: string) =>
  `prometheus.scrape "s" {\n  targets    = []\n  forward_to = []\n  oauth2 {\n    client_id     = "id"\n    client_secret = sys.env("SECRET")\n    token_url     = "https://auth.example.com/token"\n    proxy_url     = ${q(proxy)}\n  }\n}\n`;
const kubernetesClient = (server: string) => `prometheus.operator.podmonitors "p" {\n  forward_to = []\n  client {\n    api_server = ${q(server)}\n  }\n}\n`;
const single = (component: string, argument: string, value: string, extra = '') => `${component} "c" {\n${extra}  ${argument} = ${q(value)}\n}\n`;
const puppetdb = (url: string) => single('discovery.puppetdb', 'url', url, '  query = "resources { type = \\"Class\\" }"\n');
const otlp = (argument: string, value: string) => `otelcol.receiver.otlp "o" {\n  http {\n    ${argument} = ${q(value)}\n  }\n  output {}\n}\n`;

const badHost = 'http://${LOKI_HOST}:3100/loki/api/v1/push';
const badHostError = `parse ${q(badHost)}: invalid character "{" in host name`;

/** [what, valid text, invalid text, the invalid text's message]. */
const cases: [string, string, string, string][] = [
  // config.URL, decoded from text: Go's own error.
  ['proxy_url of the HTTP client', scrapeProxy('http://proxy.example.com:3128'), scrapeProxy('http://proxy:port'), '4: parse "http://proxy:port": invalid port ":port" after host'],
  ['proxy_url of an oauth2 block', oauth2Proxy('http://proxy.example.com:3128'), oauth2Proxy('http://[::1/'), `8: parse "http://[::1/": missing ']' in host`],
  ['api_server of a Kubernetes client block', kubernetesClient('https://kubernetes.default.svc'), kubernetesClient('https://k8s%zz'), '4: parse "https://k8s%zz": invalid URL escape "%zz"'],
  [
    'api_server of discovery.kubernetes',
    'discovery.kubernetes "k" {\n  role       = "pod"\n  api_server = "https://10.0.0.1:6443"\n}\n',
    'discovery.kubernetes "k" {\n  role       = "pod"\n  api_server = "https://10.0.0.1:6443:1"\n}\n',
    '3: parse "https://10.0.0.1:6443:1": invalid port ":6443:1" after host',
  ],
  ['url of discovery.kubelet', single('discovery.kubelet', 'url', 'https://node:10250'), single('discovery.kubelet', 'url', ':10250'), '2: parse ":10250": missing protocol scheme'],
  ['url of discovery.http', single('discovery.http', 'url', 'http://sd.example.com/targets'), single('discovery.http', 'url', 'http://sd example/'), '2: parse "http://sd example/": invalid character " " in host name'],
  // Validate(), wrapping Go's error or not.
  ['url of a loki.write endpoint', lokiWrite('http://loki:3100/loki/api/v1/push'), lokiWrite(badHost), `3: failed to parse remote url ${q(badHost)}: ${badHostError}`],
  [
    'host of loki.source.docker',
    single('loki.source.docker', 'host', 'unix:///var/run/docker.sock', '  targets    = []\n  forward_to = []\n'),
    single('loki.source.docker', 'host', 'tcp://docker:port', '  targets    = []\n  forward_to = []\n'),
    '4: failed to parse Docker host "tcp://docker:port": parse "tcp://docker:port": invalid port ":port" after host',
  ],
  ['host of discovery.docker', single('discovery.docker', 'host', 'unix:///var/run/docker.sock'), single('discovery.docker', 'host', 'tcp://[docker]:2375'), '2: parsing host attribute: parse "tcp://[docker]:2375": invalid host: ParseAddr("docker"): unable to parse IP'],
  ['host of discovery.dockerswarm', single('discovery.dockerswarm', 'host', 'unix:///var/run/docker.sock', '  role = "nodes"\n'), single('discovery.dockerswarm', 'host', 'tcp://swarm:23 75', '  role = "nodes"\n'), '3: parse "tcp://swarm:23 75": invalid port ":23 75" after host'],
  ['server of discovery.uyuni', single('discovery.uyuni', 'server', 'https://uyuni.example.com', '  username = "u"\n  password = "p"\n'), single('discovery.uyuni', 'server', 'https://uyuni.example.com/%', '  username = "u"\n  password = "p"\n'), '4: invalid server URL: parse "https://uyuni.example.com/%": invalid URL escape "%"'],
  ['server of discovery.eureka (parse)', single('discovery.eureka', 'server', 'http://eureka:8761/eureka'), single('discovery.eureka', 'server', 'http://eureka:8761/%4'), '2: parse "http://eureka:8761/%4": invalid URL escape "%4"'],
  ['server of discovery.eureka (scheme and host)', single('discovery.eureka', 'server', 'http://eureka:8761/eureka'), single('discovery.eureka', 'server', 'eureka/eureka'), '2: invalid eureka server URL'],
  ['url of discovery.puppetdb (parse)', puppetdb('https://puppetdb.example.com'), puppetdb('https://puppet\u0007db'), '3: parse "https://puppet\\adb": net/url: invalid control character in URL'],
  ['url of discovery.puppetdb (scheme)', puppetdb('http://puppetdb:8080'), puppetdb('puppetdb:8080'), "3: URL scheme must be 'http' or 'https'"],
  ['url of discovery.puppetdb (host)', puppetdb('https://puppetdb'), puppetdb('https:///pdb'), '3: host is missing in URL'],
  ['url of remote.http', single('remote.http', 'url', 'https://config.example.com/alloy'), single('remote.http', 'url', 'https://config.example.com:x/'), '2: parse "https://config.example.com:x/": invalid port ":x" after host'],
  [
    'endpoint of otelcol.receiver.vcenter (parse)',
    'otelcol.receiver.vcenter "v" {\n  endpoint = "https://vcenter.example.com"\n  username = "u"\n  password = "p"\n  output {}\n}\n',
    'otelcol.receiver.vcenter "v" {\n  endpoint = "https://vcenter example"\n  username = "u"\n  password = "p"\n  output {}\n}\n',
    '2: unable to parse url https://vcenter example: parse "https://vcenter example": invalid character " " in host name',
  ],
  [
    'endpoint of otelcol.receiver.vcenter (scheme)',
    'otelcol.receiver.vcenter "v" {\n  endpoint = "http://vcenter:443"\n  username = "u"\n  password = "p"\n  output {}\n}\n',
    'otelcol.receiver.vcenter "v" {\n  endpoint = "vcenter.example.com"\n  username = "u"\n  password = "p"\n  output {}\n}\n',
    '2: url scheme must be http or https',
  ],
  ['traces_url_path of otelcol.receiver.otlp', otlp('traces_url_path', '/v1/traces'), otlp('traces_url_path', '/v1/%traces'), '3: invalid traces_url_path: parse "/v1/%traces": invalid URL escape "%tr"'],
  ['logs_url_path of otelcol.receiver.otlp', otlp('logs_url_path', '/v1/logs'), otlp('logs_url_path', '/v1/logs%2'), '3: invalid logs_url_path: parse "/v1/logs%2": invalid URL escape "%2"'],
  // When prometheus.remote_write starts.
  ['url of a prometheus.remote_write endpoint', remoteWrite('https://mimir/api/v1/push'), remoteWrite('https://mimir/api/v1/push%'), '3: cannot parse remote_write url "https://mimir/api/v1/push%": parse "https://mimir/api/v1/push%": invalid URL escape "%"'],
];

describe('alloy/invalid-url: arguments Alloy parses as URLs when it loads them', () => {
  it.each(cases)('%s', (_what, valid, invalid, message) => {
    expect(errorsOf(valid)).toEqual([]);
    expect(urlErrors(invalid)).toEqual([message]);
  });

  it('checks values folded to constants, never unknown ones', () => {
    expect(urlErrors(scrapeProxy('').replace('""', '"http://proxy:" + "port"'))).toEqual(['4: parse "http://proxy:port": invalid port ":port" after host']);
    expect(urlErrors(lokiWrite('').replace('""', 'string.format("http://%s/", "a b")'))).toEqual([
      '3: failed to parse remote url "http://a b/": parse "http://a b/": invalid character " " in host name',
    ]);
    // From the environment, a file or another component: unknown, never reported.
    expect(urlErrors(lokiWrite('').replace('""', '"http://" + sys.env("LOKI_HOST") + ":3100/"'))).toEqual([]);
    expect(urlErrors('local.file "u" {\n  filename = "/etc/url"\n}\n' + lokiWrite('').replace('""', 'local.file.u.content'))).toEqual([]);
  });

  it('leaves the plain strings of other types alone: otelcol exporters and prometheus.write.queue', () => {
    const otlphttp = 'otelcol.exporter.otlphttp "o" {\n  client {\n    endpoint  = "http://a b"\n    proxy_url = "http://proxy:port"\n  }\n}\n';
    expect(urlErrors(otlphttp)).toEqual([]);
    expect(urlErrors('prometheus.write.queue "q" {\n  endpoint "e" {\n    url = "http://a b/"\n  }\n}\n')).toEqual([]);
  });

  it('lists its texts for the coverage table and hover', () => {
    const messages = loadTimeMessages().filter((message) => message.code === 'alloy/invalid-url');
    expect(messages).toEqual(
      expect.arrayContaining([
        { message: 'failed to parse remote url %q: %w', code: 'alloy/invalid-url', upstream: 'loki/write/types.go' },
        { message: 'parse %q: %s', code: 'alloy/invalid-url', upstream: 'common/config/types.go' },
        { message: "URL scheme must be 'http' or 'https'", code: 'alloy/invalid-url', upstream: 'discovery/puppetdb/puppetdb.go' },
      ]),
    );
    expect(constraintsFor('loki.write', ['endpoint', 'url'])).toContainEqual({
      code: 'alloy/invalid-url',
      message: 'failed to parse remote url %q: %w',
      ruleSet: 'loki.write endpoint url',
      kind: 'url',
    });
    expect(constraintsFor('prometheus.scrape', ['proxy_url']).map((constraint) => constraint.code)).toContain('alloy/invalid-url');
  });
});
