#!/usr/bin/env node
// Alloy inside YAML against the same Alloy in .alloy files, measured in the same run: a ~1 MB
// Helm values file holding 50 configurations (alloy-NN.alloy.configMap.content, umbrella-chart
// style) and the same 50 configurations as config.alloy files, one directory each (each one is a
// whole configuration, as in the values file). Goal: the values file in at most 1.5x the time of
// the .alloy files. Measured three ways: the CLI's wall time and its CPU time (user + system, read
// by a preloaded module at exit: steadier than wall time on a shared machine), medians of runs of
// dist/cli.js; and lint() in this process (the checking alone, without Node's start-up and module
// loading, median of runs after a warm-up).
// The CLI figures are also taken for the one-file bundle (dist/bundle), which pre-commit installs.
// Run after `pnpm --filter alloy-lint build` (and the build of @alloy-toolkit/embedded).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(packageRoot, 'dist/cli.js');
const bundle = join(packageRoot, 'dist/bundle/bin/alloy-lint.mjs');
if (!existsSync(cli)) {
  console.log('embedded-bench: dist/cli.js is missing; build first (pnpm --filter alloy-lint build)');
  process.exit(0);
}

const CONFIGS = 50;
const TARGET_BYTES = 1024 * 1024;

/** One configuration of about `bytes` bytes: Kubernetes discovery, relabelling, scrapes, logs, a writer. */
function configuration(site, bytes) {
  const parts = [
    `logging {\n\tlevel  = "info"\n\tformat = "logfmt"\n}\n`,
    `discovery.kubernetes "pods" {\n\trole = "pod"\n\n\tnamespaces {\n\t\tnames = ["site-${site}", "monitoring"]\n\t}\n}\n`,
    `prometheus.remote_write "default" {\n\tendpoint {\n\t\turl = "http://mimir.site-${site}.svc:9009/api/v1/push"\n\n\t\tqueue_config {\n\t\t\tcapacity = 10000\n\t\t}\n\t}\n\n\texternal_labels = {\n\t\tsite    = "site-${site}",\n\t\tcluster = "production",\n\t}\n}\n`,
    `loki.write "default" {\n\tendpoint {\n\t\turl = "http://loki.site-${site}.svc:3100/loki/api/v1/push"\n\t}\n}\n`,
  ];
  let size = parts.join('\n').length;
  for (let job = 0; size < bytes; job += 1) {
    const part =
      `discovery.relabel "job_${job}" {\n\ttargets = discovery.kubernetes.pods.targets\n\n` +
      `\trule {\n\t\tsource_labels = ["__meta_kubernetes_pod_label_app"]\n\t\tregex         = "app-${job}"\n\t\taction        = "keep"\n\t}\n\n` +
      `\trule {\n\t\tsource_labels = ["__meta_kubernetes_namespace"]\n\t\ttarget_label  = "namespace"\n\t}\n\n` +
      `\trule {\n\t\tsource_labels = ["__meta_kubernetes_pod_name"]\n\t\ttarget_label  = "pod"\n\t}\n}\n\n` +
      `prometheus.scrape "job_${job}" {\n\ttargets         = discovery.relabel.job_${job}.output\n\tforward_to      = [prometheus.remote_write.default.receiver]\n` +
      `\tjob_name        = "site-${site}/app-${job}"\n\tscrape_interval = "30s"\n\tscrape_timeout  = "10s"\n}\n\n` +
      `loki.source.kubernetes "job_${job}" {\n\ttargets    = discovery.relabel.job_${job}.output\n\tforward_to = [loki.process.job_${job}.receiver]\n}\n\n` +
      `loki.process "job_${job}" {\n\tforward_to = [loki.write.default.receiver]\n\n\tstage.json {\n\t\texpressions = {\n\t\t\tlevel = "level",\n\t\t\tmsg   = "message",\n\t\t}\n\t}\n\n` +
      `\tstage.labels {\n\t\tvalues = {\n\t\t\tlevel = "",\n\t\t}\n\t}\n}\n`;
    parts.push(part);
    size += part.length + 1;
  }
  return parts.join('\n');
}

function indent(text, spaces) {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : pad + line.replace(/\t/g, '  ')))
    .join('\n');
}

function median(times) {
  const sorted = [...times].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs the CLI on each argument list in turn, `runs` rounds (interleaved, so that both see the same load). */
function timeCli(argLists, cwd, runs, cpuProbe, entry = cli) {
  const results = argLists.map(() => ({ times: [], cpuTimes: [], last: undefined }));
  for (let run = 0; run < runs; run += 1) {
    argLists.forEach((args, index) => {
      const result = results[index];
      const start = process.hrtime.bigint();
      result.last = spawnSync(process.execPath, ['--require', cpuProbe, entry, '--format', 'json', ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      result.times.push(Number(process.hrtime.bigint() - start) / 1e6);
      const cpu = /cpu-usage (\d+) (\d+)/.exec(result.last.stderr);
      if (cpu) result.cpuTimes.push((Number(cpu[1]) + Number(cpu[2])) / 1000);
    });
  }
  return results.map(({ times, cpuTimes, last }, index) => {
    if (last.status === 2) throw new Error(`alloy-lint ${argLists[index].join(' ')} failed: ${last.stderr}`);
    const reports = JSON.parse(last.stdout);
    const problems = reports.reduce((sum, report) => sum + report.messages.length, 0);
    return { median: median(times), cpu: median(cpuTimes), files: reports.length, problems };
  });
}

/** lint() on each target list in turn, `runs` rounds after a warm-up (interleaved, as timeCli). */
async function timeInProcess(lint, targetLists, cwd, runs) {
  for (const targets of targetLists) await lint({ cwd, targets }); // warm-up: modules loaded, code compiled
  const times = targetLists.map(() => []);
  for (let run = 0; run < runs; run += 1) {
    for (const [index, targets] of targetLists.entries()) {
      const start = process.hrtime.bigint();
      await lint({ cwd, targets });
      times[index].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return times.map(median);
}

const work = mkdtempSync(join(tmpdir(), 'alloy-lint-embedded-bench-'));
try {
  const valuesFile = (perConfig) => {
    const configs = Array.from({ length: CONFIGS }, (_, index) => configuration(String(index + 1).padStart(2, '0'), perConfig));
    let values = '# Umbrella chart values: one grafana/alloy release per site.\nglobal:\n  image:\n    registry: docker.io\n';
    configs.forEach((config, index) => {
      const site = String(index + 1).padStart(2, '0');
      values += `alloy-site-${site}:\n  controller:\n    type: daemonset\n  alloy:\n    configMap:\n      create: true\n      content: |\n${indent(config, 8)}\n`;
    });
    return { configs, values };
  };
  // The YAML is indented with spaces where the .alloy files have tabs: size the configurations so
  // that the values file is about 1 MiB.
  const firstTry = TARGET_BYTES / CONFIGS;
  const { configs, values } = valuesFile(Math.floor((firstTry * TARGET_BYTES) / valuesFile(firstTry).values.length));
  configs.forEach((config, index) => {
    const directory = join(work, 'configs', `site-${String(index + 1).padStart(2, '0')}`);
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'config.alloy'), config);
  });
  writeFileSync(join(work, 'values.yaml'), values);
  const valuesBytes = statSync(join(work, 'values.yaml')).size;
  const alloyBytes = configs.reduce((sum, config) => sum + config.length, 0);
  const cpuProbe = join(work, 'cpu-probe.cjs');
  writeFileSync(cpuProbe, "process.on('exit', () => { const { user, system } = process.cpuUsage(); process.stderr.write(`cpu-usage ${user} ${system}\\n`); });\n");

  const runs = 7;
  const [yamlCli, alloyCli] = timeCli([['values.yaml'], ['configs']], work, runs, cpuProbe);
  const { lint } = await import(pathToFileURL(join(packageRoot, 'dist/lint.js')).href);
  const [yamlInProcess, alloyInProcess] = await timeInProcess(lint, [['values.yaml'], ['configs']], work, 2 * runs + 1);

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `embedded-bench: ${CONFIGS} configurations, a ${(valuesBytes / 1024).toFixed(0)} KiB values file against ${CONFIGS} .alloy files of ${(alloyBytes / 1024).toFixed(0)} KiB; ` +
      `${cpu}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log(`CLI, values.yaml (50 embedded)   ${yamlCli.median.toFixed(1)} ms wall, ${yamlCli.cpu.toFixed(1)} ms CPU  (${yamlCli.problems} problems)`);
  console.log(`CLI, 50 config.alloy files       ${alloyCli.median.toFixed(1)} ms wall, ${alloyCli.cpu.toFixed(1)} ms CPU  (${alloyCli.files} files, ${alloyCli.problems} problems)`);
  console.log(`CLI ratio                        ${(yamlCli.median / alloyCli.median).toFixed(2)}x wall, ${(yamlCli.cpu / alloyCli.cpu).toFixed(2)}x CPU (goal <= 1.5x)`);
  if (existsSync(bundle)) {
    const [yamlBundle, alloyBundle] = timeCli([['values.yaml'], ['configs']], work, runs, cpuProbe, bundle);
    console.log(`bundle, values.yaml              ${yamlBundle.median.toFixed(1)} ms wall, ${yamlBundle.cpu.toFixed(1)} ms CPU`);
    console.log(`bundle, 50 config.alloy files    ${alloyBundle.median.toFixed(1)} ms wall, ${alloyBundle.cpu.toFixed(1)} ms CPU`);
    console.log(`bundle ratio                     ${(yamlBundle.median / alloyBundle.median).toFixed(2)}x wall, ${(yamlBundle.cpu / alloyBundle.cpu).toFixed(2)}x CPU (the one-file build pre-commit installs)`);
  }
  console.log(`lint(), values.yaml              ${yamlInProcess.toFixed(1)} ms`);
  console.log(`lint(), 50 config.alloy files    ${alloyInProcess.toFixed(1)} ms`);
  console.log(`lint() ratio                     ${(yamlInProcess / alloyInProcess).toFixed(2)}x (goal <= 1.5x)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
