/**
 * The inputs of the parser's and the formatter's benchmarks (parse-bench.mjs here, and
 * packages/prettier-plugin-alloy/bench/format-bench.mjs), in one place so that both measure the
 * same bytes: the valid corpus of ../shared concatenated, a generated configuration of a given
 * size, a JSON document of a given size (the JSON.parse reference) and a 1 KB configuration (the
 * cold start).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared');

/** A JSON document of about `bytes` UTF-8 bytes, shaped like configuration data. */
export function jsonOfSize(bytes) {
  const items = [];
  let size = 2;
  for (let index = 0; size < bytes; index++) {
    const item = JSON.stringify({
      name: `component_${index}`,
      label: `label_${index % 97}`,
      enabled: index % 2 === 0,
      interval: '15s',
      timeout: index * 1.5,
      targets: [{ __address__: `host-${index}.example.com:9100`, job: 'node' }],
      labels: { env: 'prod', region: `region-${index % 7}` },
      nothing: null,
    });
    items.push(item);
    size += Buffer.byteLength(item) + 1;
  }
  return `[${items.join(',')}]`;
}

/**
 * A configuration of at least `bytes` bytes in the style of the real-world
 * corpus (Kubernetes monitoring modules: relabel rules with long label names,
 * regexes, prose comments, component references), about as many bytes per
 * syntax node as that corpus.
 */
export function configOfSize(bytes) {
  const parts = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const part = `// Feature: pod logs, shard ${index}
declare "pod_logs_${index}" {
  argument "logs_destinations" {
    comment = "Must be a list of log destinations where collected logs should be forwarded to"
  }

  discovery.kubernetes "pods" {
    role = "pod"
    selectors {
      role  = "pod"
      field = "spec.nodeName=" + sys.env("HOSTNAME")
    }
  } // discovery.kubernetes "pods"

  discovery.relabel "filtered_pods_${index}" {
    targets = discovery.kubernetes.pods.targets
    rule {
      source_labels = ["__meta_kubernetes_namespace"]
      action        = "replace"
      target_label  = "namespace"
    }
    rule { // Drop anything with a "falsy" annotation value
      source_labels = ["__meta_kubernetes_pod_annotation_logs_grafana_com_scrape_${index % 17}"]
      regex         = "(false|no|skip)"
      action        = "drop"
    }
    // explicitly set service_name. if not set, loki will automatically try to populate a default.
    // see https://grafana.com/docs/loki/latest/get-started/labels/#default-labels-for-all-users
    rule {
      source_labels = ["__meta_kubernetes_namespace", "__meta_kubernetes_pod_container_name"]
      separator     = "/"
      regex         = "^(\\\\S+):\\\\/\\\\/.+$"
      replacement   = "$1"
      target_label  = "job"
    }
  }

  prometheus.scrape "pods_${index}" {
    targets         = discovery.relabel.filtered_pods_${index}.output
    scrape_interval = "60s"
    scrape_timeout  = "${10 + (index % 50)}s"
    forward_to      = argument.metrics_destinations.value
    clustering {
      enabled = true
    }
  }

  loki.process "pod_logs_${index}" {
    stage.static_labels {
      values = {
        cluster   = "my-cluster-${index % 9}",
        k8s_shard = ${index},
      }
    }
    forward_to = argument.logs_destinations.value
  }
}

`;
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return parts.join('');
}

export function corpusText() {
  const corpus = join(shared, 'corpus');
  if (!existsSync(corpus)) return null;
  const index = readFileSync(join(corpus, 'alloy-repo', 'INDEX.tsv'), 'utf8').trimEnd().split('\n');
  const columns = index[0].split('\t');
  const fileColumn = columns.indexOf('file');
  const statusColumn = columns.indexOf('fmt_status');
  const files = index
    .slice(1)
    .map((row) => row.split('\t'))
    .filter((cells) => cells[statusColumn] !== 'parse-error')
    .map((cells) => join(corpus, 'alloy-repo', cells[fileColumn]));
  for (const directory of ['real-world/valid', 'real-world/river']) {
    for (const name of readdirSync(join(corpus, directory)).sort()) {
      if (/\.(alloy|river)$/.test(name)) files.push(join(corpus, directory, name));
    }
  }
  return { text: files.map((file) => readFileSync(file, 'utf8')).join('\n'), count: files.length };
}

/** A 1 KB configuration (1,032 bytes) for the cold start: discovery, relabelling, a scrape and a writer. */
export const oneKilobyteConfig = `// Scrape the node exporters of this cluster and send the samples to Mimir.
discovery.kubernetes "nodes" {
  role = "node"
}

discovery.relabel "node_exporter" {
  targets = discovery.kubernetes.nodes.targets

  rule {
    source_labels = ["__meta_kubernetes_node_name"]
    target_label  = "instance"
  }

  rule {
    source_labels = ["__address__"]
    regex         = "([^:]+)(?::\\\\d+)?"
    replacement   = "$1:9100"
    target_label  = "__address__"
  }
}

prometheus.scrape "node_exporter" {
  targets         = discovery.relabel.node_exporter.output
  scrape_interval = "30s"
  scrape_timeout  = "10s"
  forward_to      = [prometheus.remote_write.mimir.receiver]
}

prometheus.remote_write "mimir" {
  endpoint {
    url = "https://mimir.example.com/api/v1/push"

    basic_auth {
      username = "tenant-1"
      password = sys.env("MIMIR_PASSWORD")
    }

    queue_config {
      capacity             = 10000
      max_samples_per_send = 2000
    }
  }

  external_labels = {
    cluster = "production-eu-west-1",
  }
}
`;
