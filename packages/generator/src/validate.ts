/**
 * Input checks shared by the presets and the CLI. Each failure is a
 * `GeneratorInputError` with a one-line message naming the bad value.
 */

import { goUrlHostname, goUrlPort, parseGoDuration as parseExactGoDuration, parseGoUrl } from '@alloy-toolkit/checker';
import { goQuote } from '@alloy-toolkit/syntax';

/** A problem with the caller's input (not a bug): the CLI prints its message and exits 2. */
export class GeneratorInputError extends Error {
  override name = 'GeneratorInputError';
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Throws unless `url` is what `prometheus.remote_write` and `loki.write` can use: Go's `url.Parse`
 * accepts it (or Alloy refuses the configuration at load time, with Go's message), and it is an
 * absolute http(s) URL with a host and a TCP port (or every request would fail). `what` names the
 * option or flag in the message.
 */
export function validateHttpUrl(url: string, what = 'URL'): void {
  const shown = goQuote(url);
  const parsed = parseGoUrl(url);
  if (!parsed.ok) throw new GeneratorInputError(`${what} ${shown} is not a valid URL: ${parsed.error}`);
  const { scheme, host, opaque } = parsed.url;
  if (scheme === '') throw new GeneratorInputError(`${what} ${shown} is not an absolute URL (expected http:// or https://)`);
  if (scheme !== 'http' && scheme !== 'https' && opaque !== '') {
    // `localhost:9090/api` reads as scheme "localhost": the usual cause is a missing http://.
    throw new GeneratorInputError(`${what} ${shown} must start with http:// or https:// (Go reads ${goQuote(scheme)} as its scheme)`);
  }
  if (scheme !== 'http' && scheme !== 'https') throw new GeneratorInputError(`${what} ${shown} must use http or https, not ${scheme}`);
  if (host === '' || goUrlHostname(host) === '') throw new GeneratorInputError(`${what} ${shown} has no host (expected ${scheme}://host/...)`);
  const port = goUrlPort(host);
  if (port !== '' && Number(port) > 65535) {
    throw new GeneratorInputError(`${what} ${shown} has port ${port}, beyond the largest TCP port 65535`);
  }
}

/** Throws unless `name` is a valid Prometheus label name that is not reserved (`__` prefix). */
export function validateLabelName(name: string): void {
  if (!LABEL_NAME.test(name)) {
    throw new GeneratorInputError(`label name ${JSON.stringify(name)} is invalid: it must match [a-zA-Z_][a-zA-Z0-9_]*`);
  }
  if (name.startsWith('__')) {
    throw new GeneratorInputError(`label name ${JSON.stringify(name)} is reserved: names starting with "__" are internal to Prometheus`);
  }
}

/** Throws on the first label name that is invalid or appears twice. */
export function validateLabelNames(names: Iterable<string>): void {
  const seen = new Set<string>();
  for (const name of names) {
    validateLabelName(name);
    if (seen.has(name)) throw new GeneratorInputError(`duplicate label ${JSON.stringify(name)}`);
    seen.add(name);
  }
}

/**
 * Nanoseconds of a Go duration (`15s`, `1m30s`, `1.5h`, `500ms`, `0`), or `null` when Go's
 * `time.ParseDuration` refuses it. Beyond 2^53 ns (104 days) the number is rounded; use
 * `parseGoDuration` of `@alloy-toolkit/checker` for the exact value and Go's error text.
 */
export function parseGoDuration(text: string): number | null {
  const parsed = parseExactGoDuration(text);
  return parsed.ok ? Number(parsed.nanoseconds) : null;
}

/** Throws unless Go's `time.ParseDuration` accepts `text`; returns its nanoseconds. */
export function validateGoDuration(text: string, what = 'duration'): bigint {
  const parsed = parseExactGoDuration(text);
  if (!parsed.ok) throw new GeneratorInputError(`${what}: ${parsed.error} (examples: 15s, 1m30s, 500ms)`);
  return parsed.nanoseconds;
}

/** Throws unless `text` is a Go duration greater than zero; returns its nanoseconds. */
export function validateDuration(text: string, what = 'duration'): bigint {
  const nanoseconds = validateGoDuration(text, what);
  if (nanoseconds <= 0n) throw new GeneratorInputError(`${what} ${goQuote(text)} must be greater than zero`);
  return nanoseconds;
}

const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Throws unless `name` is a portable environment variable name. */
export function validateEnvVarName(name: string, what = 'environment variable'): void {
  if (!ENV_VAR.test(name)) {
    throw new GeneratorInputError(`${what} ${JSON.stringify(name)} is not a valid environment variable name`);
  }
}

/** Throws unless `label` can be a block label (an Alloy identifier). */
export function validateComponentLabel(label: string, what = 'component label'): void {
  if (!/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(label) || label === 'true' || label === 'false' || label === 'null') {
    throw new GeneratorInputError(`${what} ${JSON.stringify(label)} is not a valid Alloy identifier (letters, digits, _)`);
  }
}
