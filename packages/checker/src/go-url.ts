/**
 * Go's `net/url.Parse` (current Go: bracketed hosts must be IPv6 addresses, and an http(s) host
 * holds at most one colon), with its error texts: the checker reports the URLs Alloy refuses when
 * it loads a configuration (`alloy/invalid-url`), and the generator refuses to write them.
 *
 * Go works on bytes. The parser below does too: the text is turned into a "byte string" (one
 * UTF-16 unit per UTF-8 byte) so that indexes, slices and the `< 0x80` tests match Go's.
 */

/** The parts of a URL as Go's `url.URL` holds them (decoded, as UTF-8 text). */
export interface GoUrl {
  /** Lower-cased, without the colon; empty for a relative reference. */
  scheme: string;
  /** Set for `scheme:opaque` forms such as `http:host` (no `//`). */
  opaque: string;
  /** Whether a `user[:password]@` part was given. */
  hasUserinfo: boolean;
  /** `host[:port]`, brackets of an IPv6 address kept. */
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
}

/** A URL Go's `url.Parse` accepts, or its error text (`parse "…": …`). */
export type GoUrlResult = { ok: true; url: GoUrl } | { ok: false; error: string };

class UrlError extends Error {}

function toByteString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

function fromByteString(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

const HEX_LOWER = '0123456789abcdef';
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SHORT_ESCAPES = new Map([
  [0x07, '\\a'],
  [0x08, '\\b'],
  [0x0c, '\\f'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
  [0x09, '\\t'],
  [0x0b, '\\v'],
]);

/** Length of the valid UTF-8 sequence at `index` of a byte string, or 0 when it is not one. */
function utf8SequenceLength(bytes: string, index: number): number {
  const first = bytes.charCodeAt(index);
  if (first < 0x80) return 1;
  const continuation = (offset: number, low = 0x80, high = 0xbf): boolean => {
    const code = bytes.charCodeAt(index + offset);
    return code >= low && code <= high;
  };
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const low = first === 0xe0 ? 0xa0 : 0x80;
    const high = first === 0xed ? 0x9f : 0xbf;
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const low = first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xf4 ? 0x8f : 0xbf;
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/** Go's `strconv.Quote` of a byte string (of text: syntax's `goQuote`, which equals it on the text's UTF-8 bytes). */
export function goQuoteBytes(bytes: string): string {
  let quoted = '"';
  let index = 0;
  while (index < bytes.length) {
    const length = utf8SequenceLength(bytes, index);
    if (length === 0) {
      const byte = bytes.charCodeAt(index);
      quoted += `\\x${HEX_LOWER[byte >> 4]}${HEX_LOWER[byte & 0xf]}`;
      index++;
      continue;
    }
    const character = fromByteString(bytes.slice(index, index + length));
    const code = character.codePointAt(0) ?? 0;
    index += length;
    if (character === '"' || character === '\\') quoted += `\\${character}`;
    else if (PRINTABLE.test(character)) quoted += character;
    else if (SHORT_ESCAPES.has(code)) quoted += SHORT_ESCAPES.get(code);
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${HEX_LOWER[code >> 4]}${HEX_LOWER[code & 0xf]}`;
    else if (code < 0x10000) quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    else quoted += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${quoted}"`;
}


type Mode = 'path' | 'host' | 'zone' | 'userPassword' | 'fragment';

function isHex(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46);
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return 0;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
}

const HOST_ALLOWED = new Set([...'!$&\'()*+,;=:[]<>"'].map((character) => character.charCodeAt(0)));
const UNRESERVED_MARKS = new Set([...'-_.~'].map((character) => character.charCodeAt(0)));

/** Go's `shouldEscape` for the two modes the parser consults it in. */
function hostByteNeedsEscape(code: number): boolean {
  if (isAlphanumeric(code) || HOST_ALLOWED.has(code) || UNRESERVED_MARKS.has(code)) return false;
  return true;
}

function escapeError(bytes: string): UrlError {
  return new UrlError(`invalid URL escape ${goQuoteBytes(bytes)}`);
}

/** Go's `unescape`: checks `%` escapes (and, in a host, the characters); returns the decoded bytes. */
function unescape(text: string, mode: Mode): string {
  let decoded = '';
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x25 /* % */) {
      if (index + 2 >= text.length || !isHex(text.charCodeAt(index + 1)) || !isHex(text.charCodeAt(index + 2))) {
        throw escapeError(text.slice(index, index + 3));
      }
      const escape = text.slice(index, index + 3);
      const value = (hexValue(text.charCodeAt(index + 1)) << 4) | hexValue(text.charCodeAt(index + 2));
      // A host may %-encode only non-ASCII bytes, and %25 (a zone's percent sign).
      if (mode === 'host' && hexValue(text.charCodeAt(index + 1)) < 8 && escape !== '%25') throw escapeError(escape);
      if (mode === 'zone' && escape !== '%25' && value !== 0x20 && hostByteNeedsEscape(value)) throw escapeError(escape);
      decoded += String.fromCharCode(value);
      index += 3;
      continue;
    }
    if ((mode === 'host' || mode === 'zone') && code < 0x80 && hostByteNeedsEscape(code)) {
      throw new UrlError(`invalid character ${goQuoteBytes(text[index] ?? '')} in host name`);
    }
    decoded += text[index];
    index++;
  }
  return decoded;
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  for (let index = 1; index < port.length; index++) {
    const code = port.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

function validUserinfo(text: string): boolean {
  // Go reads runes here: every non-ASCII byte belongs to a rune that is not allowed.
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (isAlphanumeric(code)) continue;
    if ("-._:~!$&'()*+,;=%@".includes(text[index] ?? '')) continue;
    return false;
  }
  return true;
}

function parseAddressError(input: string, message: string, at?: string): UrlError {
  const where = at === undefined || at === '' ? '' : ` (at ${goQuoteBytes(at)})`;
  return new UrlError(`invalid host: ParseAddr(${goQuoteBytes(input)}): ${message}${where}`);
}

/** Go's `parseIPv4Fields` over `input[start:end]`; throws its error. */
function checkIpv4Fields(input: string, start: number, end: number): void {
  const text = input.slice(start, end);
  let value = 0;
  let position = 0;
  let digits = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x30 && code <= 0x39) {
      if (digits === 1 && value === 0) throw parseAddressError(input, 'IPv4 field has octet with leading zero');
      value = value * 10 + code - 0x30;
      digits++;
      if (value > 255) throw parseAddressError(input, 'IPv4 field has value >255');
    } else if (code === 0x2e) {
      if (index === 0 || index === text.length - 1 || text[index - 1] === '.') {
        throw parseAddressError(input, 'IPv4 field must have at least one digit', text.slice(index));
      }
      if (position === 3) throw parseAddressError(input, 'IPv4 address too long');
      position++;
      value = 0;
      digits = 0;
    } else {
      throw parseAddressError(input, 'unexpected character', text.slice(index));
    }
  }
  if (position < 3) throw parseAddressError(input, 'IPv4 address too short');
}

/** Go's `parseIPv6`; throws its error. */
function checkIpv6(input: string): void {
  let rest = input;
  let zone = '';
  const percent = rest.indexOf('%');
  if (percent !== -1) {
    zone = rest.slice(percent + 1);
    rest = rest.slice(0, percent);
    if (zone === '') throw parseAddressError(input, 'zone must be a non-empty string');
  }
  let ellipsis = -1;
  if (rest.startsWith('::')) {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest === '') return;
  }
  let filled = 0;
  while (filled < 16) {
    let offset = 0;
    let accumulator = 0;
    for (; offset < rest.length; offset++) {
      const code = rest.charCodeAt(offset);
      if (!isHex(code)) break;
      accumulator = accumulator * 16 + hexValue(code);
      if (offset > 3) throw parseAddressError(input, 'each group must have 4 or less digits', rest);
      if (accumulator > 0xffff) throw parseAddressError(input, 'IPv6 field has value >=2^16', rest);
    }
    if (offset === 0) throw parseAddressError(input, 'each colon-separated field must have at least one digit', rest);
    if (offset < rest.length && rest[offset] === '.') {
      if (ellipsis < 0 && filled !== 12) {
        throw parseAddressError(input, 'embedded IPv4 address must replace the final 2 fields of the address', rest);
      }
      if (filled + 4 > 16) throw parseAddressError(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', rest);
      const end = zone.length > 0 ? input.length - zone.length - 1 : input.length;
      checkIpv4Fields(input, end - rest.length, end);
      rest = '';
      filled += 4;
      break;
    }
    filled += 2;
    rest = rest.slice(offset);
    if (rest === '') break;
    if (rest[0] !== ':') throw parseAddressError(input, 'unexpected character, want colon', rest);
    if (rest.length === 1) throw parseAddressError(input, 'colon must be followed by more characters', rest);
    rest = rest.slice(1);
    if (rest[0] === ':') {
      if (ellipsis >= 0) throw parseAddressError(input, 'multiple :: in address', rest);
      ellipsis = filled;
      rest = rest.slice(1);
      if (rest === '') break;
    }
  }
  if (rest !== '') throw parseAddressError(input, 'trailing garbage after address', rest);
  if (filled < 16 && ellipsis < 0) throw parseAddressError(input, 'address string too short');
  if (filled === 16 && ellipsis >= 0) throw parseAddressError(input, 'the :: must expand to at least one field of zeros');
}

/** Go's `netip.ParseAddr` as `url.Parse` uses it: throws unless `text` is an IPv6 address. */
function checkBracketedAddress(text: string): void {
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === '.') {
      checkIpv4Fields(text, 0, text.length);
      throw new UrlError('invalid IP-literal'); // an IPv4 address may not be bracketed
    }
    if (character === ':') return checkIpv6(text);
    if (character === '%') throw parseAddressError(text, 'missing IPv6 address');
  }
  throw parseAddressError(text, 'unable to parse IP');
}

function invalidPort(colonPort: string): UrlError {
  return new UrlError(`invalid port ${goQuoteBytes(colonPort)} after host`);
}

function parseHost(scheme: string, host: string): string {
  const openBracket = host.lastIndexOf('[');
  if (openBracket > 0) throw new UrlError('invalid IP-literal');
  if (openBracket === 0) {
    const closeBracket = host.lastIndexOf(']');
    if (closeBracket < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(closeBracket + 1);
    if (!validOptionalPort(colonPort)) throw invalidPort(colonPort);
    const port = unescape(colonPort, 'host');
    const hostname = host.slice(1, closeBracket);
    const zone = hostname.indexOf('%25');
    const address = zone >= 0 ? unescape(hostname.slice(0, zone), 'host') + unescape(hostname.slice(zone), 'zone') : unescape(hostname, 'host');
    checkBracketedAddress(address);
    return `[${address}]${port}`;
  }
  const firstColon = host.indexOf(':');
  if (firstColon !== -1) {
    // http and https hosts take one colon, before the port; other schemes keep Go's older rule.
    const colon = scheme === 'http' || scheme === 'https' ? firstColon : host.lastIndexOf(':');
    const colonPort = host.slice(colon);
    if (!validOptionalPort(colonPort)) throw invalidPort(colonPort);
  }
  return unescape(host, 'host');
}

function parseAuthority(scheme: string, authority: string): { host: string; hasUserinfo: boolean } {
  const at = authority.lastIndexOf('@');
  const host = parseHost(scheme, at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return { host, hasUserinfo: false };
  const userinfo = authority.slice(0, at);
  if (!validUserinfo(userinfo)) throw new UrlError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) unescape(userinfo, 'userPassword');
  else {
    unescape(userinfo.slice(0, colon), 'userPassword');
    unescape(userinfo.slice(colon + 1), 'userPassword');
  }
  return { host, hasUserinfo: true };
}

/** Splits off `scheme:`; Go's `getScheme`. */
function splitScheme(raw: string): { scheme: string; rest: string } {
  for (let index = 0; index < raw.length; index++) {
    const code = raw.charCodeAt(index);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) continue;
    if ((code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e) {
      if (index === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (code === 0x3a /* : */) {
      if (index === 0) throw new UrlError('missing protocol scheme');
      return { scheme: raw.slice(0, index), rest: raw.slice(index + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function containsControlByte(bytes: string): boolean {
  for (let index = 0; index < bytes.length; index++) {
    const code = bytes.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function parseWithoutFragment(raw: string): Omit<GoUrl, 'fragment'> {
  if (containsControlByte(raw)) throw new UrlError('net/url: invalid control character in URL');
  const url = { scheme: '', opaque: '', hasUserinfo: false, host: '', path: '', rawQuery: '' };
  if (raw === '*') return { ...url, path: '*' };
  const split = splitScheme(raw);
  url.scheme = split.scheme.toLowerCase();
  let rest = split.rest;
  const question = rest.indexOf('?');
  if (question !== -1) {
    url.rawQuery = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') return { ...url, opaque: rest };
    const slash = rest.indexOf('/');
    if ((slash === -1 ? rest : rest.slice(0, slash)).includes(':')) throw new UrlError('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const { host, hasUserinfo } = parseAuthority(url.scheme, authority);
    url.host = host;
    url.hasUserinfo = hasUserinfo;
  }
  url.path = unescape(rest, 'path');
  return url;
}

/** Parses `text` as Go's `url.Parse` does. */
export function parseGoUrl(text: string): GoUrlResult {
  const raw = toByteString(text);
  const hash = raw.indexOf('#');
  const beforeFragment = hash === -1 ? raw : raw.slice(0, hash);
  let parsed: Omit<GoUrl, 'fragment'>;
  try {
    parsed = parseWithoutFragment(beforeFragment);
  } catch (error) {
    if (error instanceof UrlError) return { ok: false, error: `parse ${goQuoteBytes(beforeFragment)}: ${error.message}` };
    throw error;
  }
  let fragment = '';
  if (hash !== -1) {
    try {
      fragment = unescape(raw.slice(hash + 1), 'fragment');
    } catch (error) {
      if (error instanceof UrlError) return { ok: false, error: `parse ${goQuoteBytes(raw)}: ${error.message}` };
      throw error;
    }
  }
  return {
    ok: true,
    url: {
      scheme: fromByteString(parsed.scheme),
      opaque: fromByteString(parsed.opaque),
      hasUserinfo: parsed.hasUserinfo,
      host: fromByteString(parsed.host),
      path: fromByteString(parsed.path),
      rawQuery: fromByteString(parsed.rawQuery),
      fragment: fromByteString(fragment),
    },
  };
}

/** Go's `url.URL.Port()`: the digits after the host's last colon, when they are all digits. */
export function goUrlPort(host: string): string {
  const colon = host.lastIndexOf(':');
  if (colon === -1 || host.lastIndexOf(']') > colon) return '';
  const port = host.slice(colon);
  return validOptionalPort(port) ? port.slice(1) : '';
}

/** Go's `url.URL.Hostname()`: the host without port and brackets. */
export function goUrlHostname(host: string): string {
  let name = host;
  const colon = name.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(name.slice(colon))) name = name.slice(0, colon);
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  return name;
}
