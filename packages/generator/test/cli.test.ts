import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { cliBuilt, configProblems, runCli, SEED_ARGS } from './helpers.js';

const workDir = mkdtempSync(join(tmpdir(), 'alloy-gen-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const URL_ARGS = ['node-exporter', '--remote-write-url', 'https://prometheus.example.com/api/v1/write'];

describe('node-exporter options', () => {
  it('--collectors, --scrape-interval, --basic-auth-env, --bearer-token-env, --set-collectors', async () => {
    const collectors = await run([...URL_ARGS, '--collectors', 'cpu,meminfo', '--scrape-interval', '30s', '--basic-auth-env', 'U:P']);
    expect(collectors.code).toBe(0);
    expect(collectors.stdout).toContain('enable_collectors = [\n\t\t"cpu",\n\t\t"meminfo",\n\t]');
    expect(collectors.stdout).toContain('scrape_interval = "30s"');
    expect(collectors.stdout).toContain('username = sys.env("U")');
    expect(configProblems(collectors.stdout)).toEqual([]);
    const set = await run([...URL_ARGS, '--set-collectors', 'cpu', '--bearer-token-env', 'TOKEN']);
    expect(set.stdout).toContain('set_collectors = [\n\t\t"cpu",\n\t]');
    expect(set.stdout).toContain('bearer_token = sys.env("TOKEN")');
    expect(configProblems(set.stdout)).toEqual([]);
  });

  it('accepts every collector name of the schema, including those the docs table omits', async () => {
    const result = await run([...URL_ARGS, '--collectors', 'selinux,cgroups,slabinfo', '--set-collectors', 'cpu,meminfo']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('enable_collectors = [\n\t\t"selinux",\n\t\t"cgroups",\n\t\t"slabinfo",\n\t]');
    expect(configProblems(result.stdout)).toEqual([]);
  });

  it.skipIf(!cliBuilt)('the binary rejects an unknown collector with exit 2 and one line', () => {
    const result = runCli([...URL_ARGS, '--collectors', 'cpu,selinx']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('alloy-gen: unknown collector "selinx" for prometheus.exporter.unix (did you mean "selinux"?)\n');
  });

  it('without --env there is no environment label', async () => {
    const result = await run(URL_ARGS);
    expect(result.stdout).not.toContain('environment');
    expect(result.stdout).toContain('instance = constants.hostname,');
  });

  it('--logs adds the journal pipeline, with a placeholder URL comment unless --loki-url is given', async () => {
    const placeholder = await run([...SEED_ARGS, '--logs']);
    expect(placeholder.stdout).toContain('// Replace with your Loki push URL\n\t\turl = "http://localhost:3100/loki/api/v1/push"');
    expect(configProblems(placeholder.stdout)).toEqual([]);
    const explicit = await run([...SEED_ARGS, '--logs', '--loki-url', 'https://loki.example.com/loki/api/v1/push']);
    expect(explicit.stdout).toContain('url = "https://loki.example.com/loki/api/v1/push"');
    expect(explicit.stdout).not.toContain('Loki push URL');
    expect(explicit.stdout).toContain('app           = "my-app",');
  });

  it('-o writes the file atomically and prints nothing', async () => {
    const target = join(workDir, 'config.alloy');
    const result = await run([...SEED_ARGS, '-o', target]);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(target, 'utf8')).toBe((await run(SEED_ARGS)).stdout);
    expect(readdirSync(workDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('help and version', async () => {
    for (const args of [['--help'], ['help'], ['node-exporter', '--help'], ['fleet', '-h']]) {
      const result = await run(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: alloy-gen/);
    }
    expect((await run(['node-exporter', '--help'])).stdout).toContain('--remote-write-url URL');
    expect((await run(['fleet', '--help'])).stdout).toContain('label.<name>');
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: alloy-gen');
  });
});

describe('validation errors: one line on stderr, exit 2, nothing on stdout', () => {
  const cases: Array<[string, string[], string]> = [
    ['missing URL', ['node-exporter'], '--remote-write-url is required'],
    ['non-http URL', ['node-exporter', '--remote-write-url', 'ftp://p.example.com/w'], '--remote-write-url "ftp://p.example.com/w" must use http or https, not ftp'],
    ['unparseable URL', ['node-exporter', '--remote-write-url', 'prometheus:9090'], '--remote-write-url "prometheus:9090" must start with http:// or https:// (Go reads "prometheus" as its scheme)'],
    ['relative URL', ['node-exporter', '--remote-write-url', '/api/v1/write'], '--remote-write-url "/api/v1/write" is not an absolute URL (expected http:// or https://)'],
    ['invalid label name', [...URL_ARGS, '--label', 'my-app=x'], 'label name "my-app" is invalid: it must match [a-zA-Z_][a-zA-Z0-9_]*'],
    ['label starting with a digit', [...URL_ARGS, '--label', '1app=x'], 'label name "1app" is invalid: it must match [a-zA-Z_][a-zA-Z0-9_]*'],
    ['reserved label', [...URL_ARGS, '--label', '__name__=x'], 'label name "__name__" is reserved: names starting with "__" are internal to Prometheus'],
    ['duplicate label', [...URL_ARGS, '--label', 'app=a', '--label', 'app=b'], 'duplicate label "app"'],
    ['label clashing with --env', [...URL_ARGS, '--env', 'prd', '--label', 'environment=x'], 'duplicate label "environment"'],
    ['label clashing with instance', [...URL_ARGS, '--label', 'instance=x'], 'duplicate label "instance"'],
    ['label without value', [...URL_ARGS, '--label', 'app'], 'label "app" must be name=value'],
    ['label with empty value', [...URL_ARGS, '--label', 'app='], 'label "app" has an empty value'],
    ['unknown collector', [...URL_ARGS, '--collectors', 'cpu,infrared_sensor'], 'unknown collector "infrared_sensor" for prometheus.exporter.unix'],
    ['misspelt collector', [...URL_ARGS, '--collectors', 'meminf'], 'unknown collector "meminf" for prometheus.exporter.unix (did you mean "meminfo"?)'],
    ['duplicate collector', [...URL_ARGS, '--collectors', 'cpu,cpu'], 'duplicate collector "cpu"'],
    ['windows collector for unix', [...URL_ARGS, '--collectors', 'cpu,logical_disk'], 'unknown collector "logical_disk" for prometheus.exporter.unix'],
    ['unknown --set-collectors entry', [...URL_ARGS, '--set-collectors', 'cpu,meminfo,thermals'], 'unknown collector "thermals" for prometheus.exporter.unix (did you mean "thermal"?)'],
    ['empty collector entry', [...URL_ARGS, '--collectors', 'cpu,'], '--collectors "cpu," has an empty entry'],
    ['empty --env', [...URL_ARGS, '--env', ''], 'the environment label has an empty value'],
    ['bad duration', [...URL_ARGS, '--scrape-interval', '15'], '--scrape-interval: time: missing unit in duration "15" (examples: 15s, 1m30s, 500ms)'],
    ['unit-less duration word', [...URL_ARGS, '--scrape-interval', 'fast'], '--scrape-interval: time: invalid duration "fast" (examples: 15s, 1m30s, 500ms)'],
    ['zero duration', [...URL_ARGS, '--scrape-interval', '0s'], '--scrape-interval "0s" must be greater than zero'],
    ['bad basic auth', [...URL_ARGS, '--basic-auth-env', 'USER'], 'basic auth "USER" must be USER_VAR:PASS_VAR (two environment variable names)'],
    ['bad env var', [...URL_ARGS, '--bearer-token-env', 'MY-TOKEN'], 'bearer token variable "MY-TOKEN" is not a valid environment variable name'],
    ['two auth methods', [...URL_ARGS, '--basic-auth-env', 'U:P', '--bearer-token-env', 'T'], 'basic auth and a bearer token cannot be used together'],
    ['bad Loki URL', [...URL_ARGS, '--logs', '--loki-url', 'loki:3100'], '--loki-url "loki:3100" must start with http:// or https:// (Go reads "loki" as its scheme)'],
    ['--loki-url without --logs', [...URL_ARGS, '--loki-url', 'http://loki:3100'], '--loki-url needs --logs'],
    ['unknown option', [...URL_ARGS, '--colectors', 'cpu'], 'unknown option --colectors'],
    ['option without value', [...URL_ARGS, '--env'], 'option --env needs a value'],
    ['stray argument', [...URL_ARGS, 'extra'], 'unexpected argument extra'],
    ['unknown command', ['node'], 'unknown command "node" (expected node-exporter or fleet; see alloy-gen --help)'],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const result = await run(args);
      expect(result).toEqual({ code: 2, stdout: '', stderr: `alloy-gen: ${message}\n` });
    });
  }

  it.skipIf(!cliBuilt)('the binary prints the same line and exits 2, without a stack trace', () => {
    const result = runCli([...URL_ARGS, '--scrape-interval', '1 minute']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('alloy-gen: --scrape-interval: time: unknown unit " minute" in duration "1 minute" (examples: 15s, 1m30s, 500ms)\n');
    const unknown = runCli(['node-exporter', '--remote-write-url', 'gopher://x']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(!cliBuilt)('an unwritable -o target is a one-line error, not a stack trace', () => {
    const result = runCli([...SEED_ARGS, '-o', join(workDir, 'missing-dir', 'config.alloy')]);
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr).toBe(`alloy-gen: cannot write ${join(workDir, 'missing-dir', 'config.alloy')}: the directory does not exist\n`);
  });
});
