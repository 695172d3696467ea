#!/usr/bin/env node
/**
 * Parsing throughput and AST memory of @alloy-toolkit/syntax, measured
 * against JSON.parse on a JSON document of the same size in the same run.
 *
 *   pnpm --filter @alloy-toolkit/syntax bench      (build first: it imports ../dist)
 *
 * Inputs: (a) every valid corpus file of ../shared concatenated (skipped when
 * ../shared is absent) and (b) a generated 10 MB configuration.
 * Goals: >= 30 MB/s, within 10x of JSON.parse, AST heap < 200 MB for 10 MB.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The heap figure needs explicit garbage collection: re-run with --expose-gc.
if (typeof globalThis.gc !== 'function') {
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const here = dirname(fileURLToPath(import.meta.url));
const { parse } = await import(join(here, '../dist/index.js'));
const shared = resolve(here, '../../../../shared');

const MB = 1024 * 1024;
const minimumSeconds = Number(process.env.BENCH_SECONDS ?? 2);

/**
 * Best-of runs of two pieces of work, alternated so that both see the same
 * machine (this one's speed drifts by half within minutes), each after a full
 * garbage collection: runs each until `minimumSeconds` have passed for it (at
 * least 3 runs); returns the fastest run of each in seconds.
 */
function measurePair(first, second) {
  const best = [Infinity, Infinity];
  const total = [0, 0];
  let runs = 0;
  while (runs < 3 || total[0] < minimumSeconds || total[1] < minimumSeconds) {
    [first, second].forEach((work, index) => {
      // Neither run pays for the other's garbage.
      globalThis.gc();
      const start = process.hrtime.bigint();
      work();
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      best[index] = Math.min(best[index], seconds);
      total[index] += seconds;
    });
    runs++;
  }
  return best;
}

/** A JSON document of about `bytes` UTF-8 bytes, shaped like configuration data. */
function jsonOfSize(bytes) {
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
function configOfSize(bytes) {
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

function corpusText() {
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

function throughput(label, text) {
  const bytes = Buffer.byteLength(text);
  // The tree of this first parse only feeds the counts: it is released before the timed runs, whose
  // collections would otherwise mark it again and again.
  let check = parse(text);
  const diagnostics = check.diagnostics.length;
  const nodes = countNodes(check.file);
  check = null;
  const json = jsonOfSize(bytes);
  const [parseSeconds, jsonSeconds] = measurePair(
    () => parse(text),
    () => JSON.parse(json),
  );
  return {
    label,
    megabytes: bytes / MB,
    diagnostics,
    bytesPerNode: bytes / nodes,
    parseRate: bytes / MB / parseSeconds,
    jsonRate: Buffer.byteLength(json) / MB / jsonSeconds,
    ratio: parseSeconds / jsonSeconds / (bytes / Buffer.byteLength(json)),
  };
}

function heapOfAst(text) {
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const result = parse(text);
  globalThis.gc();
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  const nodes = countNodes(result.file);
  return { megabytes: (after - before) / MB, nodes, keep: result };
}

function countNodes(file) {
  let count = 0;
  const stack = [file];
  while (stack.length > 0) {
    const node = stack.pop();
    count++;
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const item of value) if (item && typeof item === 'object' && 'type' in item) stack.push(item);
      if (value && typeof value === 'object' && !Array.isArray(value) && 'type' in value) stack.push(value);
    }
  }
  return count;
}

const rows = [];
const corpus = corpusText();
if (corpus) rows.push(throughput(`(a) ${corpus.count} valid corpus files, concatenated`, corpus.text));
else console.log(`note: ${shared} is absent; the corpus measurement (a) is skipped`);
const generated = configOfSize(10 * MB);
rows.push(throughput('(b) generated config', generated));
const heap = heapOfAst(generated);

const goal = (ok) => (ok ? 'yes' : '**no**');
console.log(`node ${process.version}, parse and JSON.parse runs alternated, gc() before each, best of >= 3 runs and >= ${minimumSeconds}s each\n`);
console.log('| input | size (MB) | bytes per node | diagnostics | parse (MB/s) | JSON.parse (MB/s) | parse time / JSON.parse time | >= 30 MB/s | within 10x |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: |');
for (const row of rows) {
  console.log(
    `| ${row.label} | ${row.megabytes.toFixed(2)} | ${row.bytesPerNode.toFixed(1)} | ${row.diagnostics} | ${row.parseRate.toFixed(1)} | ${row.jsonRate.toFixed(1)} | ${row.ratio.toFixed(2)}x | ${goal(row.parseRate >= 30)} | ${goal(row.ratio <= 10)} |`,
  );
}
console.log('');
console.log('| AST heap of the generated config | nodes | heap retained (MB) | heap / source size | < 200 MB |');
console.log('| --- | ---: | ---: | ---: | :---: |');
console.log(
  `| ${(Buffer.byteLength(generated) / MB).toFixed(2)} MB | ${heap.nodes} | ${heap.megabytes.toFixed(1)} | ${(heap.megabytes / (Buffer.byteLength(generated) / MB)).toFixed(1)}x | ${goal(heap.megabytes < 200)} |`,
);
if (heap.keep.file.body.length === 0) process.exitCode = 1;
