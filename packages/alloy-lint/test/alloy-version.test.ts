import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkerBuilt, cliBuilt, makeTempDir, noteSkip, runCli } from './helpers.js';

const config =
  'prometheus.exporter.oracledb "db" {\n  connection_string = "oracle://u:p@h:1521/s"\n  custom_metrics    = ["/etc/m.toml"]\n}\n\notelcol.receiver.opencensus "o" {\n  output {}\n}\n';

describe.skipIf(noteSkip(!cliBuilt || !checkerBuilt, 'dist/cli.js or the checker is not built'))('the Alloy version checked against', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const write = (name: string, text: string) => {
    mkdirSync(join(temp.path, name, '..'), { recursive: true });
    writeFileSync(join(temp.path, name), text);
  };
  const lint = (...args: string[]) => runCli(['--format', 'json', ...args], { cwd: temp.path });
  const messages = (stdout: string) =>
    (JSON.parse(stdout) as { messages: { line: number; message: string }[] }[]).flatMap((file) => file.messages.map((message) => `${message.line}: ${message.message}`));

  beforeEach(() => {
    temp = makeTempDir();
    mkdirSync(join(temp.path, '.git'));
    write('alloy/config.alloy', config);
  });
  afterEach(() => temp.remove());

  it('defaults to the newest release, which no longer has opencensus', () => {
    expect(messages(lint('alloy/config.alloy').stdout)).toEqual([
      '6: cannot find the definition of component name "otelcol.receiver.opencensus": `otelcol.receiver.opencensus` was removed in Alloy v1.13; this configuration targets v1.18',
    ]);
  });

  it('reads the release from a compose file of the repository and names it', () => {
    write('docker-compose.yml', 'services:\n  alloy:\n    image: grafana/alloy:v1.5.1\n');
    const run = lint('alloy/config.alloy');
    expect(run.status).toBe(1);
    expect(messages(run.stdout)).toEqual([
      '3: unrecognized attribute name "custom_metrics": `custom_metrics` is available from Alloy v1.9; this configuration targets v1.5 (docker-compose.yml:3)',
    ]);
  });

  it('--alloy-version wins over the configuration, which wins over detection', () => {
    write('docker-compose.yml', 'services:\n  alloy:\n    image: grafana/alloy:v1.5.1\n');
    write('.alloy-lint.json', '{\n  "alloyVersion": "1.10"\n}\n');
    expect(lint('alloy/config.alloy').status).toBe(0);
    expect(messages(lint('--alloy-version', '1.14', 'alloy/config.alloy').stdout)).toEqual([
      '6: cannot find the definition of component name "otelcol.receiver.opencensus": `otelcol.receiver.opencensus` was removed in Alloy v1.13; this configuration targets v1.14 (--alloy-version)',
    ]);
    expect(lint('--alloy-version', 'v1.9.0', 'alloy/config.alloy').status).toBe(0);
  });

  it('refuses an unknown --alloy-version and a bad alloyVersion in the configuration, with its line', () => {
    expect(lint('--alloy-version', '2.0', 'alloy/config.alloy')).toMatchObject({
      status: 2,
      stderr: 'alloy-lint: --alloy-version: expected an Alloy release from 1.0 to 1.18 (such as "1.5" or "v1.5.1") or "latest", not "2.0"\n',
    });
    write('.alloy-lint.json', '{\n  "alloyVersion": "1.99"\n}\n');
    const run = lint('alloy/config.alloy');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('.alloy-lint.json: "alloyVersion" must be an Alloy release from 1.0 to 1.18');
    expect(run.stderr).toContain('not "1.99" at line 2, column 19');
  });

  it('warns once about conflicting pins and checks against the newest release', () => {
    write('docker-compose.yml', 'services:\n  alloy:\n    image: grafana/alloy:v1.5.1\n');
    write('deploy/Dockerfile', 'FROM grafana/alloy:v1.9.2\n');
    write('alloy/other.alloy', 'logging {}\n');
    const run = lint('alloy');
    expect(run.stderr).toBe(
      'alloy-lint: warning: conflicting Alloy versions: docker-compose.yml:3 pins v1.5.1, deploy/Dockerfile:1 pins v1.9.2; checking against the newest release (set "alloyVersion" in .alloy-lint.json to choose)\n',
    );
    expect(messages(run.stdout)).toEqual([expect.stringContaining('targets v1.18')]);
  });

  it('--print-config shows the settings of a file and where the version came from', () => {
    write('helm/values.yaml', 'alloy:\n  image:\n    tag: v1.7.0\n');
    write('.alloy-lint.json', JSON.stringify({ rules: { 'alloy/stability': 'off' }, assemblies: [['alloy', 'shared']] }));
    const run = runCli(['--print-config', 'alloy/config.alloy', '--rule', 'alloy/deprecated=off'], { cwd: temp.path });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      file: join(temp.path, 'alloy/config.alloy'),
      configFile: join(temp.path, '.alloy-lint.json'),
      rules: { 'alloy/stability': 'off', 'alloy/deprecated': 'off' },
      ignorePatterns: [],
      ignored: false,
      stabilityLevel: 'generally-available',
      alloyVersion: { version: '1.7', source: 'helm/values.yaml:3', origin: 'detected' },
      assemblies: [[join(temp.path, 'alloy'), join(temp.path, 'shared')]],
      yamlKeys: ['config.alloy', '*.alloy', 'alloy.configMap.content', 'extraConfig', '*ExtraConfig'],
      embedded: { yaml: true, templates: true, markdown: true },
      warnings: [],
    });
    const defaults = JSON.parse(runCli(['--print-config', 'x.alloy', '--alloy-version', 'latest'], { cwd: temp.path }).stdout) as { alloyVersion: unknown };
    expect(defaults.alloyVersion).toEqual({ version: '1.18', source: '--alloy-version', origin: 'option' });
  });
});
