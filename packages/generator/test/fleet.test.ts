import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from '@alloy-toolkit/syntax';
import { generateFleet, main, parseCsvInventory, parseCsvRows, parseJsonInventory } from '../src/index.js';
import { cliBuilt, configProblems, runCli } from './helpers.js';

const workDir = mkdtempSync(join(tmpdir(), 'alloy-gen-fleet-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let counter = 0;
function freshDir(): string {
  const dir = join(workDir, `case-${counter++}`);
  mkdirSync(dir);
  return dir;
}

async function runInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const URL = 'https://prometheus.example.com/api/v1/write';

describe('inventory parsing', () => {
  it('CSV: quoted fields, doubled quotes, CRLF, BOM, blank lines', () => {
    const rows = parseCsvRows('\uFEFFname,label.note\r\nweb-1,"a, ""b"""\r\n\r\nweb-2,plain\n', 'x.csv');
    expect(rows).toEqual([
      { cells: ['name', 'label.note'], line: 1 },
      { cells: ['web-1', 'a, "b"'], line: 2 },
      { cells: ['web-2', 'plain'], line: 4 },
    ]);
    expect(() => parseCsvRows('name\n"open', 'x.csv')).toThrow('x.csv:2: unterminated quoted field');
    expect(() => parseCsvRows('name\nab"c\n', 'x.csv')).toThrow(/x\.csv:2: unexpected '"'/);
  });

  it('CSV columns map to host settings; empty label cells are omitted', () => {
    const inventory = parseCsvInventory(
      'name,env,collectors,scrape_interval,remote_write_url,basic_auth_env,loki_url,label.app,label.team\n' +
        'web-1,prd,cpu;meminfo,30s,http://p:9090/api/v1/write,U:P,http://loki:3100/loki/api/v1/push,shop,\n',
      'hosts.csv',
    );
    expect(inventory.hosts[0]?.host).toEqual({
      name: 'web-1',
      env: 'prd',
      collectors: ['cpu', 'meminfo'],
      scrapeInterval: '30s',
      remoteWriteUrl: 'http://p:9090/api/v1/write',
      basicAuthEnv: 'U:P',
      lokiUrl: 'http://loki:3100/loki/api/v1/push',
      labels: { app: 'shop' },
    });
    expect(inventory.hosts[0]?.where).toBe('hosts.csv:2 (row 1) ("web-1")');
  });

  it('CSV errors name the line', () => {
    expect(() => parseCsvInventory('', 'h.csv')).toThrow(/empty inventory/);
    expect(() => parseCsvInventory('env\nprd\n', 'h.csv')).toThrow('h.csv:1: the header has no "name" column');
    expect(() => parseCsvInventory('name,colour\nx,red\n', 'h.csv')).toThrow(/h\.csv:1: unknown column "colour"/);
    expect(() => parseCsvInventory('name,name\nx,y\n', 'h.csv')).toThrow(/duplicate column "name"/);
    expect(() => parseCsvInventory('name,env\nx\n', 'h.csv')).toThrow('h.csv:2 (row 1): 1 fields, but the header has 2');
    expect(() => parseCsvInventory('name,env\n,prd\n', 'h.csv')).toThrow('h.csv:2 (row 1): empty "name"');
  });

  it('JSON: defaults and hosts, or a bare array of hosts', () => {
    const inventory = parseJsonInventory(
      JSON.stringify({ defaults: { env: 'prd', labels: { app: 'a' } }, hosts: [{ name: 'h1', labels: { team: 't' }, collectors: ['cpu'] }] }),
      'i.json',
    );
    expect(inventory.defaults).toEqual({ env: 'prd', labels: { app: 'a' } });
    expect(inventory.hosts[0]?.host).toEqual({ name: 'h1', labels: { team: 't' }, collectors: ['cpu'] });
    expect(parseJsonInventory('[{"name":"h"}]', 'i.json').hosts).toHaveLength(1);
  });

  it('JSON errors name the host', () => {
    expect(() => parseJsonInventory('{', 'i.json')).toThrow(/i\.json: invalid JSON/);
    expect(() => parseJsonInventory('{"hosts": {}}', 'i.json')).toThrow('i.json: "hosts" must be an array');
    expect(() => parseJsonInventory('{"host": []}', 'i.json')).toThrow('i.json: unknown top-level key "host"');
    expect(() => parseJsonInventory('{"hosts": [{"env": "x"}]}', 'i.json')).toThrow('i.json: hosts[0]: missing "name"');
    expect(() => parseJsonInventory('{"hosts": [{"name": "a", "labels": {"x": 1}}]}', 'i.json')).toThrow(
      'i.json: hosts[0] ("a"): label "x" must be a string, got number',
    );
    expect(() => parseJsonInventory('{"hosts": [{"name": "a", "colour": 1}]}', 'i.json')).toThrow('i.json: hosts[0] ("a"): unknown key "colour"');
    expect(() => parseJsonInventory('{"hosts": [{"name": "a", "collectors": "cpu"}]}', 'i.json')).toThrow(/must be an array of strings/);
  });
});

describe('generateFleet', () => {
  it('host settings override defaults; the CLI URL is used when neither sets one', () => {
    const inventory = parseJsonInventory(
      JSON.stringify({
        defaults: { env: 'prd', labels: { app: 'shop', team: 'web' }, scrapeInterval: '30s' },
        hosts: [
          { name: 'web-1', labels: { team: 'payments' } },
          { name: 'web-2', env: 'stg', remoteWriteUrl: 'http://other:9090/api/v1/write', collectors: ['cpu'], lokiUrl: 'http://loki:3100/loki/api/v1/push' },
        ],
      }),
      'i.json',
    );
    const [first, second] = generateFleet(inventory, { remoteWriteUrl: URL });
    expect(first?.fileName).toBe('web-1.alloy');
    expect(first?.text).toContain(`url = "${URL}"`);
    expect(first?.text).toContain('team        = "payments"');
    expect(first?.text).toContain('scrape_interval = "30s"');
    expect(first?.text).not.toContain('// Replace');
    expect(second?.text).toContain('url = "http://other:9090/api/v1/write"');
    expect(second?.text).toContain('environment = "stg"');
    expect(second?.text).toContain('enable_collectors = [\n\t\t"cpu",\n\t]');
    expect(second?.text).toContain('loki.source.journal "journal"');
    for (const entry of [first, second]) expect(configProblems(entry?.text ?? '')).toEqual([]);
  });

  it('errors name the host: missing URL, bad label, duplicate names, unsafe names, unknown collector', () => {
    const run = (hosts: unknown[], remoteWriteUrl?: string) => () => generateFleet(parseJsonInventory(JSON.stringify({ hosts }), 'i.json'), { remoteWriteUrl });
    expect(run([{ name: 'a' }])).toThrow('i.json: hosts[0] ("a"): no remote write URL');
    expect(run([{ name: 'a', labels: { 'bad-label': 'x' } }], URL)).toThrow('i.json: hosts[0] ("a"): label name "bad-label" is invalid');
    expect(run([{ name: 'a' }, { name: 'A' }], URL)).toThrow('i.json: hosts[1] ("A"): duplicate host name (also at i.json: hosts[0] ("a"))');
    expect(run([{ name: '../etc/passwd' }], URL)).toThrow(/must be letters, digits/);
    expect(run([{ name: 'a', collectors: ['gpu'] }], URL)).toThrow('i.json: hosts[0] ("a"): unknown collector "gpu"');
    expect(run([{ name: 'a', collectors: ['selinux'] }], URL)()).toHaveLength(1);
    expect(run([{ name: 'a', scrapeInterval: '1 minute' }], URL)).toThrow('scrape interval: time: unknown unit " minute" in duration "1 minute"');
    expect(run([{ name: 'a', remoteWriteUrl: 'ftp://x' }], URL)).toThrow(/must use http or https/);
    expect(run([], URL)).toThrow('the inventory has no hosts');
  });
});

describe('fleet command', () => {
  it('one bad row: exit 2, the row is named, nothing is written', async () => {
    const dir = freshDir();
    const inventory = join(dir, 'hosts.csv');
    writeFileSync(join(dir, 'hosts-bad.csv'), 'name,env,label.app-name\nweb-1,prd,shop\n');
    const out = join(dir, 'out');
    const result = await runInProcess(['fleet', join(dir, 'hosts-bad.csv'), '--out-dir', out, '--remote-write-url', URL]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`alloy-gen: ${join(dir, 'hosts-bad.csv')}:2 (row 1) ("web-1"): label name "app-name" is invalid: it must match [a-zA-Z_][a-zA-Z0-9_]*\n`);
    expect(() => readdirSync(out)).toThrow();

    writeFileSync(inventory, 'name,env,collectors\nweb-1,prd,cpu\nweb-2,prd,cpu\nweb-3,prd,cpux\n');
    mkdirSync(out);
    const second = await runInProcess(['fleet', inventory, '--out-dir', out, '--remote-write-url', URL]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(':4 (row 3) ("web-3"): unknown collector "cpux"');
    expect(readdirSync(out)).toEqual([]);
  });

  it('rewrites existing files and leaves no temporary files', async () => {
    const dir = freshDir();
    const inventory = join(dir, 'hosts.json');
    writeFileSync(inventory, JSON.stringify({ defaults: { remoteWriteUrl: URL }, hosts: [{ name: 'a' }, { name: 'b', env: 'dev' }] }));
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'a.alloy'), 'old');
    const result = await runInProcess(['fleet', inventory, '--out-dir', out]);
    expect(result).toEqual({ code: 0, stdout: '', stderr: `alloy-gen: wrote 2 configs to ${out}\n` });
    expect(readdirSync(out).sort()).toEqual(['a.alloy', 'b.alloy']);
    expect(readFileSync(join(out, 'a.alloy'), 'utf8')).toContain('prometheus.remote_write "default"');
  });

  it('reads only a regular inventory file: a fifo, a device link and a directory are refused, without hanging', async () => {
    const dir = freshDir();
    const fifo = join(dir, 'hosts.json');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) console.warn('generator tests: mkfifo is unavailable; the fifo case is skipped');
    else expect((await runInProcess(['fleet', fifo, '--out-dir', dir])).stderr).toBe(`alloy-gen: cannot read "${fifo}": not a regular file (a fifo)\n`);
    const zero = join(dir, 'zero.json');
    symlinkSync('/dev/zero', zero);
    expect(await runInProcess(['fleet', zero, '--out-dir', dir])).toEqual({
      code: 2,
      stdout: '',
      stderr: `alloy-gen: cannot read "${zero}": not a regular file (a character device)\n`,
    });
    expect((await runInProcess(['fleet', dir, '--out-dir', dir])).stderr).toBe(`alloy-gen: cannot read "${dir}": is a directory\n`);
    expect(readdirSync(dir).sort()).toEqual(['hosts.json', 'zero.json'].filter((name) => name !== 'hosts.json' || made.status === 0));
  });

  it('usage errors: missing inventory, unreadable file, unknown format, out dir is a file', async () => {
    const dir = freshDir();
    expect((await runInProcess(['fleet', '--out-dir', dir])).stderr).toBe('alloy-gen: fleet needs exactly one inventory file (INVENTORY.json or INVENTORY.csv)\n');
    expect((await runInProcess(['fleet', join(dir, 'none.json'), '--out-dir', dir])).stderr).toBe(`alloy-gen: cannot read "${join(dir, 'none.json')}": no such file\n`);
    writeFileSync(join(dir, 'hosts.yaml'), 'x');
    expect((await runInProcess(['fleet', join(dir, 'hosts.yaml'), '--out-dir', dir])).stderr).toContain('unknown inventory format');
    writeFileSync(join(dir, 'hosts.csv'), `name\nh1\n`);
    expect((await runInProcess(['fleet', join(dir, 'hosts.csv')])).stderr).toBe('alloy-gen: --out-dir is required\n');
    const fileNotDir = join(dir, 'file');
    writeFileSync(fileNotDir, '');
    const result = await runInProcess(['fleet', join(dir, 'hosts.csv'), '--out-dir', fileNotDir, '--remote-write-url', URL]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a directory');
  });

  it.skipIf(!cliBuilt)('5,000 hosts through the binary: 5,000 parseable files with the right contents', () => {
    const dir = freshDir();
    const lines = ['name,env,collectors,label.app,label.rack'];
    for (let index = 0; index < 5000; index++) {
      const collectors = index % 10 === 0 ? 'cpu;meminfo;filesystem' : '';
      lines.push(`host-${index},${index % 2 === 0 ? 'prd' : 'stg'},${collectors},app-${index % 7},r${index % 40}`);
    }
    const inventory = join(dir, 'hosts.csv');
    writeFileSync(inventory, `${lines.join('\n')}\n`);
    const out = join(dir, 'out');
    const result = runCli(['fleet', inventory, '--out-dir', out, '--remote-write-url', URL]);
    expect(result.stderr).toBe(`alloy-gen: wrote 5000 configs to ${out}\n`);
    expect(result.status).toBe(0);
    const files = readdirSync(out);
    expect(files).toHaveLength(5000);
    for (const name of files) {
      const text = readFileSync(join(out, name), 'utf8');
      expect(parse(text).diagnostics).toEqual([]);
    }
    const sample = readFileSync(join(out, 'host-1234.alloy'), 'utf8');
    expect(sample).toContain('environment = "prd"');
    expect(sample).toContain('app         = "app-2"');
    expect(sample).toContain('rack        = "r34"');
    expect(sample).toContain('prometheus.exporter.unix "node" { }');
    const withCollectors = readFileSync(join(out, 'host-4990.alloy'), 'utf8');
    expect(withCollectors).toContain('enable_collectors = [\n\t\t"cpu",\n\t\t"meminfo",\n\t\t"filesystem",\n\t]');
    expect(readFileSync(join(out, 'host-4999.alloy'), 'utf8')).toContain('environment = "stg"');
    for (const name of ['host-0.alloy', 'host-2500.alloy', 'host-4999.alloy']) {
      expect(configProblems(readFileSync(join(out, name), 'utf8'))).toEqual([]);
    }
  });
});
