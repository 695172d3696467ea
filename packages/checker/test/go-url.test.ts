import { describe, expect, it } from 'vitest';
import { goUrlHostname, goUrlPort, parseGoUrl } from '../src/index.js';

// Go's url.Parse: accepted URLs, and the refused ones with the error text Go prints.
const acceptedByGo: Array<[string, { scheme: string; host: string; path: string }]> = [
  ['https://prometheus.example.com/api/v1/write', { scheme: 'https', host: 'prometheus.example.com', path: '/api/v1/write' }],
  ['HTTP://H.example/', { scheme: 'http', host: 'H.example', path: '/' }],
  ['http://10.0.0.1:9090/api/v1/push?x=1#top', { scheme: 'http', host: '10.0.0.1:9090', path: '/api/v1/push' }],
  ['http://[::1]:9090/x', { scheme: 'http', host: '[::1]:9090', path: '/x' }],
  ['http://[fe80::1%25eth0]/', { scheme: 'http', host: '[fe80::1%eth0]', path: '/' }],
  ['http://[::ffff:1.2.3.4]/', { scheme: 'http', host: '[::ffff:1.2.3.4]', path: '/' }],
  ['http://user:p%40ss@h.example/', { scheme: 'http', host: 'h.example', path: '/' }],
  ['http://h.example:/', { scheme: 'http', host: 'h.example:', path: '/' }],
  ['http://h.example:99999/', { scheme: 'http', host: 'h.example:99999', path: '/' }],
  ['http://h.example/a%20b/c d', { scheme: 'http', host: 'h.example', path: '/a b/c d' }],
  ['http://m\u00fcnchen.example/', { scheme: 'http', host: 'm\u00fcnchen.example', path: '/' }],
  ['http://h%C3%BC.example/', { scheme: 'http', host: 'h\u00fc.example', path: '/' }],
  ['', { scheme: '', host: '', path: '' }],
  ['prometheus.example.com/api/v1/write', { scheme: '', host: '', path: 'prometheus.example.com/api/v1/write' }],
  ['ftp://h.example/', { scheme: 'ftp', host: 'h.example', path: '/' }],
  ['mongodb://a:1,b:2/', { scheme: 'mongodb', host: 'a:1,b:2', path: '/' }],
];

const refusedByGo: Array<[string, string]> = [
  [':foo', 'parse ":foo": missing protocol scheme'],
  ['http://h.example/%zz', 'parse "http://h.example/%zz": invalid URL escape "%zz"'],
  ['http://h.example/%', 'parse "http://h.example/%": invalid URL escape "%"'],
  ['http://h.example/%4', 'parse "http://h.example/%4": invalid URL escape "%4"'],
  ['http://h.example/%z\u00e9', 'parse "http://h.example/%z\u00e9": invalid URL escape "%z\\xc3"'],
  ['http://h.example/#%zz', 'parse "http://h.example/#%zz": invalid URL escape "%zz"'],
  ['http://h%41.example/', 'parse "http://h%41.example/": invalid URL escape "%41"'],
  ['http://a b.example/', 'parse "http://a b.example/": invalid character " " in host name'],
  ['http://a{b}/', 'parse "http://a{b}/": invalid character "{" in host name'],
  ['http://h.example/\n', 'parse "http://h.example/\\n": net/url: invalid control character in URL'],
  ['http://h.example/\u007f', 'parse "http://h.example/\\x7f": net/url: invalid control character in URL'],
  ['http://h.example:port/', 'parse "http://h.example:port/": invalid port ":port" after host'],
  ['http://h.example:80:80/', 'parse "http://h.example:80:80/": invalid port ":80:80" after host'],
  ['http://[::1/', 'parse "http://[::1/": missing \']\' in host'],
  ['http://[::1]x/', 'parse "http://[::1]x/": invalid port "x" after host'],
  ['http://[1.2.3.4]/', 'parse "http://[1.2.3.4]/": invalid IP-literal'],
  ['http://a[::1]/', 'parse "http://a[::1]/": invalid IP-literal'],
  ['http://[v1.x]/', 'parse "http://[v1.x]/": invalid host: ParseAddr("v1.x"): unexpected character (at "v1.x")'],
  ['http://[h.example]/', 'parse "http://[h.example]/": invalid host: ParseAddr("h.example"): unexpected character (at "h.example")'],
  ['http://[::1::2]/', 'parse "http://[::1::2]/": invalid host: ParseAddr("::1::2"): multiple :: in address (at ":2")'],
  ['http://[1:2:3]/', 'parse "http://[1:2:3]/": invalid host: ParseAddr("1:2:3"): address string too short'],
  ['http://[12345::]/', 'parse "http://[12345::]/": invalid host: ParseAddr("12345::"): each group must have 4 or less digits (at "12345::")'],
  ['http://\u00fc@h.example/', 'parse "http://\u00fc@h.example/": net/url: invalid userinfo'],
  ['1a:b/x', 'parse "1a:b/x": first path segment in URL cannot contain colon'],
];

describe("URLs as Go's url.Parse reads them", () => {
  it.each(acceptedByGo)('Go accepts %j', (text, parts) => {
    const parsed = parseGoUrl(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect({ scheme: parsed.url.scheme, host: parsed.url.host, path: parsed.url.path }).toEqual(parts);
  });

  it.each(refusedByGo)('Go refuses %j', (text, goError) => {
    expect(parseGoUrl(text)).toEqual({ ok: false, error: goError });
  });
});

describe("Go's url.URL Hostname() and Port()", () => {
  it.each([
    ['h.example:9090', 'h.example', '9090'],
    ['h.example', 'h.example', ''],
    ['h.example:', 'h.example', ''],
    ['[::1]:80', '::1', '80'],
    ['[::1]', '::1', ''],
    [':9090', '', '9090'],
  ])('%j', (host, hostname, port) => {
    expect(goUrlHostname(host)).toBe(hostname);
    expect(goUrlPort(host)).toBe(port);
  });
});
