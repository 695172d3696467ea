import { parseGoDuration as parseExactGoDuration } from '@alloy-toolkit/checker';
import { describe, expect, it } from 'vitest';
import { lokiWrite, main, nodeExporter, parseGoDuration, remoteWrite, validateDuration, validateGoDuration, validateHttpUrl } from '../src/index.js';

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

// Go's time.ParseDuration: what it accepts and the nanoseconds it returns. Several rows are from
// Go's own test table (overflow limits, the float rounding of fractions of an hour).
const acceptedDurations: Array<[string, bigint]> = [
  ['0', 0n],
  ['-0', 0n],
  ['+0', 0n],
  ['0s', 0n],
  ['15s', 15_000_000_000n],
  ['1.5h', 5_400_000_000_000n],
  ['-1s', -1_000_000_000n],
  ['+1s', 1_000_000_000n],
  ['.5s', 500_000_000n],
  ['1.s', 1_000_000_000n],
  ['1h1h', 7_200_000_000_000n],
  ['1m30s', 90_000_000_000n],
  ['1h2m3s4ms5us6ns', 3_723_004_005_006n],
  ['1\u00b5s', 1_000n],
  ['1\u03bcs', 1_000n],
  ['3ns', 3n],
  ['9223372036854775807ns', MAX_INT64],
  ['9223372036854775.807us', MAX_INT64],
  ['9223372036s854ms775us807ns', MAX_INT64],
  ['-9223372036854775808ns', MIN_INT64],
  ['0.3333333333333333333h', 1_200_000_000_000n],
  ['0.830103483285477580700h', 2_988_372_539_827n],
  ['1.00000000000000000000000000001s', 1_000_000_000n],
];

const refusedDurations: Array<[string, string]> = [
  ['', 'time: invalid duration ""'],
  ['15', 'time: missing unit in duration "15"'],
  ['00', 'time: missing unit in duration "00"'],
  ['1d', 'time: unknown unit "d" in duration "1d"'],
  ['1e3s', 'time: unknown unit "e" in duration "1e3s"'],
  ['1_000s', 'time: unknown unit "_" in duration "1_000s"'],
  ['1S', 'time: unknown unit "S" in duration "1S"'],
  ['1s ', 'time: unknown unit "s " in duration "1s "'],
  ['1.5.5s', 'time: missing unit in duration "1.5.5s"'],
  ['\u00b5s', 'time: invalid duration "\\xc2\\xb5s"'],
  ['\u03bcs', 'time: invalid duration "\\xce\\xbcs"'],
  ['1\u00b5', 'time: unknown unit "\\xc2\\xb5" in duration "1\\xc2\\xb5"'],
  ['-', 'time: invalid duration "-"'],
  ['+', 'time: invalid duration "+"'],
  ['.s', 'time: invalid duration ".s"'],
  ['-.s', 'time: invalid duration "-.s"'],
  [' 1s', 'time: invalid duration " 1s"'],
  ['--1s', 'time: invalid duration "--1s"'],
  ['"1s"', 'time: invalid duration "\\"1s\\""'],
  ['1s\n', 'time: unknown unit "s\\x0a" in duration "1s\\x0a"'],
  ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
  ['-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'],
  ['9223372036854775.808us', 'time: invalid duration "9223372036854775.808us"'],
  ['3000000h', 'time: invalid duration "3000000h"'],
  ['99999999999999999999s', 'time: invalid duration "99999999999999999999s"'],
  ['2562047h48m', 'time: invalid duration "2562047h48m"'],
];

describe("durations as Go's time.ParseDuration reads them", () => {
  it.each(acceptedDurations)('accepts %j', (text, nanoseconds) => {
    expect(parseExactGoDuration(text)).toEqual({ ok: true, nanoseconds });
    expect(validateGoDuration(text, '--scrape-interval')).toBe(nanoseconds);
    expect(parseGoDuration(text)).toBe(Number(nanoseconds));
  });

  it.each(refusedDurations)('refuses %j with Go\'s error', (text, goError) => {
    expect(parseExactGoDuration(text)).toEqual({ ok: false, error: goError });
    expect(parseGoDuration(text)).toBeNull();
    expect(() => validateGoDuration(text, '--scrape-interval')).toThrow(`--scrape-interval: ${goError} (examples: 15s, 1m30s, 500ms)`);
  });

  it('validateDuration also wants more than zero', () => {
    expect(() => validateDuration('0', 'scrape interval')).toThrow('scrape interval "0" must be greater than zero');
    expect(() => validateDuration('-1s', 'scrape interval')).toThrow('scrape interval "-1s" must be greater than zero');
    expect(validateDuration('1ns')).toBe(1n);
  });
});

describe('endpoint URLs the generator writes', () => {
  it.each([
    'https://prometheus.example.com/api/v1/write',
    'HTTP://H.example/',
    'http://10.0.0.1:9090/api/v1/push',
    'http://[::1]:9090/x',
    'http://user:p%40ss@h.example/',
    'http://h.example:65535/',
  ])('accepts %j', (url) => {
    expect(() => validateHttpUrl(url, '--remote-write-url')).not.toThrow();
  });

  it.each([
    ['', '--remote-write-url "" is not an absolute URL (expected http:// or https://)'],
    ['prometheus.example.com/api/v1/write', 'is not an absolute URL (expected http:// or https://)'],
    ['localhost:9090/api/v1/write', 'must start with http:// or https:// (Go reads "localhost" as its scheme)'],
    ['ftp://h.example/', '--remote-write-url "ftp://h.example/" must use http or https, not ftp'],
    ['file:///etc/passwd', 'must use http or https, not file'],
    ['http:///path', '--remote-write-url "http:///path" has no host (expected http://host/...)'],
    ['http://:9090/', 'has no host'],
    ['http://h.example:99999/', '--remote-write-url "http://h.example:99999/" has port 99999, beyond the largest TCP port 65535'],
    ['http://h.example/\u001b]0;owned\u0007', '--remote-write-url "http://h.example/\\x1b]0;owned\\a" is not a valid URL'],
    // Go's url.Parse refuses these (the checker's go-url.ts, tested there): its text follows.
    ['http://h.example/%zz', '--remote-write-url "http://h.example/%zz" is not a valid URL: parse "http://h.example/%zz": invalid URL escape "%zz"'],
    ['http://a b.example/', 'is not a valid URL: parse "http://a b.example/": invalid character " " in host name'],
    ['http://[::1/', 'is not a valid URL: parse "http://[::1/": missing \']\' in host'],
    [':foo', 'is not a valid URL: parse ":foo": missing protocol scheme'],
  ])('refuses %j', (url, message) => {
    expect(() => validateHttpUrl(url, '--remote-write-url')).toThrow(message);
  });

  it('the presets validate their URL and duration fields', () => {
    const forwardTo = [remoteWrite({ url: 'https://p.example/api/v1/write' }).receiver];
    expect(() => remoteWrite({ url: 'http://p.example/%zz' })).toThrow('remote write URL "http://p.example/%zz" is not a valid URL');
    expect(() => lokiWrite({ url: 'http://a b/' })).toThrow('Loki URL "http://a b/" is not a valid URL');
    expect(() => nodeExporter({ forwardTo, scrapeInterval: '1d' })).toThrow('scrape interval: time: unknown unit "d" in duration "1d"');
    expect(() => remoteWrite({ url: 'https://p.example/', queue: { minBackoff: '1e3s' } })).toThrow('min_backoff: time: unknown unit "e"');
    expect(() => remoteWrite({ url: 'https://p.example/', queue: { sampleAgeLimit: '15' } })).toThrow('sample_age_limit: time: missing unit');
    expect(() => remoteWrite({ url: 'https://p.example/', queue: { sampleAgeLimit: '0' } })).not.toThrow();
    expect(() => remoteWrite({ url: 'https://p.example/', wal: { truncateFrequency: '9223372036854775808ns' } })).toThrow(
      'truncate_frequency: time: invalid duration "9223372036854775808ns"',
    );
  });

  it("the WAL keepalive times keep Alloy's order, against the defaults for the one not given", () => {
    expect(() => remoteWrite({ url: 'https://p.example/', wal: { minKeepaliveTime: '9h' } })).toThrow(
      'min_keepalive_time (9h) must be smaller than max_keepalive_time (8h)',
    );
    expect(() => remoteWrite({ url: 'https://p.example/', wal: { maxKeepaliveTime: '1m' } })).toThrow(
      'min_keepalive_time (5m) must be smaller than max_keepalive_time (1m)',
    );
    expect(() => remoteWrite({ url: 'https://p.example/', wal: { minKeepaliveTime: '1m', maxKeepaliveTime: '2m' } })).not.toThrow();
  });
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('CLI flags name themselves in the message', () => {
  const url = ['--remote-write-url', 'https://prometheus.example.com/api/v1/write'];

  it.each([
    [['--remote-write-url', 'http://h/%zz'], 'alloy-gen: --remote-write-url "http://h/%zz" is not a valid URL: parse "http://h/%zz": invalid URL escape "%zz"\n'],
    [['--remote-write-url', ':foo'], 'alloy-gen: --remote-write-url ":foo" is not a valid URL: parse ":foo": missing protocol scheme\n'],
    [[...url, '--logs', '--loki-url', 'http://h:99999/'], 'alloy-gen: --loki-url "http://h:99999/" has port 99999, beyond the largest TCP port 65535\n'],
    [[...url, '--scrape-interval', '15'], 'alloy-gen: --scrape-interval: time: missing unit in duration "15" (examples: 15s, 1m30s, 500ms)\n'],
    [[...url, '--scrape-interval', '1d'], 'alloy-gen: --scrape-interval: time: unknown unit "d" in duration "1d" (examples: 15s, 1m30s, 500ms)\n'],
    [[...url, '--scrape-interval=-1s'], 'alloy-gen: --scrape-interval "-1s" must be greater than zero\n'],
    [[...url, '--scrape-interval', '-1s'], 'alloy-gen: option --scrape-interval has a value starting with "-": write it as --scrape-interval=VALUE\n'],
  ])('node-exporter %j', async (args, stderr) => {
    const result = await run(['node-exporter', ...args]);
    expect(result).toEqual({ code: 2, stdout: '', stderr });
  });

  it('fleet --remote-write-url', async () => {
    const result = await run(['fleet', 'missing-inventory.json', '--out-dir', 'unused', '--remote-write-url', 'http://h/\t']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'alloy-gen: --remote-write-url "http://h/\\t" is not a valid URL: parse "http://h/\\t": net/url: invalid control character in URL\n',
    });
  });

  it('a scrape interval below the default 10s timeout brings the timeout down with it', async () => {
    const short = await run(['node-exporter', ...url, '--scrape-interval', '5s']);
    expect(short.code).toBe(0);
    expect(short.stdout).toContain('scrape_interval = "5s"');
    expect(short.stdout).toContain('scrape_timeout  = "5s"');
    const usual = await run(['node-exporter', ...url, '--scrape-interval', '10s']);
    expect(usual.stdout).not.toContain('scrape_timeout');
  });
});
