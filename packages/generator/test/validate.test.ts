import { describe, expect, it } from 'vitest';
import {
  collectorsFromSchema,
  knownUnixCollectors,
  parseBasicAuthEnv,
  parseGoDuration,
  parseLabelAssignment,
  parseNameList,
  validateCollectors,
  validateDuration,
  validateHttpUrl,
  validateLabelName,
  validateLabelNames,
} from '../src/index.js';

describe('Go durations', () => {
  const valid: Array<[string, number]> = [
    ['15s', 15e9],
    ['1m30s', 90e9],
    ['1.5h', 5400e9],
    ['500ms', 5e8],
    ['10us', 1e4],
    ['10µs', 1e4],
    ['3ns', 3],
    ['0', 0],
    ['-2m', -120e9],
    ['.5s', 5e8],
  ];
  for (const [text, nanoseconds] of valid) {
    it(`parses ${text}`, () => expect(parseGoDuration(text)).toBe(nanoseconds));
  }
  for (const text of ['', '15', 's', '1d', '15 s', '1m30', 'abc', '1.2.3s', '+', '5S']) {
    it(`rejects ${JSON.stringify(text)}`, () => expect(parseGoDuration(text)).toBeNull());
  }
  it('validateDuration requires a positive duration', () => {
    expect(() => validateDuration('1w', 'scrape interval')).toThrow('scrape interval: time: unknown unit "w" in duration "1w" (examples: 15s, 1m30s, 500ms)');
    expect(() => validateDuration('0')).toThrow(/greater than zero/);
    expect(() => validateDuration('-1s')).toThrow(/greater than zero/);
    expect(() => validateDuration('2m')).not.toThrow();
  });
});

describe('URLs and labels', () => {
  it('accepts http and https only', () => {
    expect(() => validateHttpUrl('https://x.example/api/v1/write')).not.toThrow();
    expect(() => validateHttpUrl('http://10.0.0.1:9090/api/v1/write')).not.toThrow();
    expect(() => validateHttpUrl('file:///etc/passwd', 'remote write URL')).toThrow('remote write URL "file:///etc/passwd" must use http or https, not file');
    expect(() => validateHttpUrl('prometheus.example.com/api/v1/write')).toThrow('URL "prometheus.example.com/api/v1/write" is not an absolute URL (expected http:// or https://)');
  });

  it('label names follow Prometheus rules', () => {
    for (const name of ['app', '_x', 'A1_b']) expect(() => validateLabelName(name)).not.toThrow();
    for (const name of ['1app', 'app-name', 'app.name', '', 'é']) expect(() => validateLabelName(name)).toThrow(/is invalid/);
    expect(() => validateLabelName('__name__')).toThrow(/reserved/);
    expect(() => validateLabelNames(['a', 'b', 'a'])).toThrow('duplicate label "a"');
  });

  it('parses CLI values', () => {
    expect(parseLabelAssignment('app=my=app')).toEqual(['app', 'my=app']);
    expect(() => parseLabelAssignment('app')).toThrow(/must be name=value/);
    expect(() => parseLabelAssignment('=x')).toThrow(/must be name=value/);
    expect(() => parseLabelAssignment('app=')).toThrow(/empty value/);
    expect(parseBasicAuthEnv('U:P')).toEqual({ usernameEnv: 'U', passwordEnv: 'P' });
    expect(() => parseBasicAuthEnv('U')).toThrow(/USER_VAR:PASS_VAR/);
    expect(() => parseBasicAuthEnv('U:P:Q')).toThrow(/USER_VAR:PASS_VAR/);
    expect(() => parseBasicAuthEnv('U-1:P')).toThrow(/not a valid environment variable name/);
    expect(parseNameList('cpu, meminfo', '--collectors')).toEqual(['cpu', 'meminfo']);
    expect(() => parseNameList('cpu,,meminfo', '--collectors')).toThrow(/empty entry/);
  });
});

describe('collector names', () => {
  it('reads a schema lookup: allowed values first, else known values, per argument', () => {
    const lookup = (name: string) =>
      name === 'prometheus.exporter.unix'
        ? {
            arguments: [
              { name: 'enable_collectors', knownValues: ['cpu', 'only_this'] },
              { name: 'set_collectors', allowedValues: ['strict'], knownValues: ['loose'] },
              { name: 'disable_collectors', knownValues: [] },
            ],
          }
        : undefined;
    expect(collectorsFromSchema(lookup)).toEqual(['cpu', 'only_this']);
    expect(collectorsFromSchema(lookup, 'set_collectors')).toEqual(['strict']);
    expect(collectorsFromSchema(lookup, 'disable_collectors')).toBeUndefined();
    expect(collectorsFromSchema(() => ({ arguments: [{ name: 'enable_collectors' }] }))).toBeUndefined();
    expect(collectorsFromSchema(() => undefined)).toBeUndefined();
  });

  it('takes the known set from the schema package', async () => {
    const { getComponent } = await import('@alloy-toolkit/schema');
    const fromSchema = getComponent('prometheus.exporter.unix')?.arguments.find((argument) => argument.name === 'enable_collectors')?.knownValues;
    expect(fromSchema).toBeDefined();
    expect([...knownUnixCollectors()].sort()).toEqual([...(fromSchema ?? [])].sort());
  });

  it('the known set has the seed collectors and the names the docs table omits, not windows names', () => {
    const known = knownUnixCollectors();
    for (const name of ['cpu', 'diskstats', 'filesystem', 'loadavg', 'meminfo', 'netdev', 'uname', 'processes', 'systemd', 'tcpstat']) {
      expect(known.has(name)).toBe(true);
    }
    for (const name of ['selinux', 'cgroups', 'slabinfo']) expect(known.has(name), name).toBe(true);
    for (const name of ['not_a_collector', 'diskdrive', 'logical_disk', 'cs']) expect(known.has(name), name).toBe(false);
    expect(known.size).toBeGreaterThan(60);
  });

  it('validateCollectors names the first bad entry', () => {
    const known = knownUnixCollectors();
    expect(() => validateCollectors(['cpu', 'meminfo', 'selinux'], known)).not.toThrow();
    expect(() => validateCollectors(['cpu', 'memnfo'], known)).toThrow('unknown collector "memnfo" for prometheus.exporter.unix (did you mean "meminfo"?)');
    expect(() => validateCollectors(['zzzzzzzz'], known)).toThrow('unknown collector "zzzzzzzz" for prometheus.exporter.unix');
    expect(() => validateCollectors(['diskdrive'], known)).toThrow('unknown collector "diskdrive" for prometheus.exporter.unix');
  });
});
