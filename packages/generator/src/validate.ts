/**
 * Input checks shared by the presets and the CLI. Each failure is a
 * `GeneratorInputError` with a one-line message naming the bad value.
 */

/** A problem with the caller's input (not a bug): the CLI prints its message and exits 2. */
export class GeneratorInputError extends Error {
  override name = 'GeneratorInputError';
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Throws unless `url` is an absolute http(s) URL. `what` names the option in the message. */
export function validateHttpUrl(url: string, what = 'URL'): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GeneratorInputError(`${what} ${JSON.stringify(url)} is not a valid URL (expected http:// or https://)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new GeneratorInputError(`${what} ${JSON.stringify(url)} must use http or https, not ${parsed.protocol.replace(/:$/, '')}`);
  }
  if (parsed.hostname === '') throw new GeneratorInputError(`${what} ${JSON.stringify(url)} has no host`);
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

const DURATION_UNITS = new Map<string, number>([
  ['ns', 1],
  ['us', 1e3],
  ['µs', 1e3],
  ['μs', 1e3],
  ['ms', 1e6],
  ['s', 1e9],
  ['m', 60e9],
  ['h', 3600e9],
]);

/**
 * Parses a Go duration (`15s`, `1m30s`, `1.5h`, `500ms`, `0`) into nanoseconds,
 * or returns `null` when Go's `time.ParseDuration` would reject it.
 */
export function parseGoDuration(text: string): number | null {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return null;
  let total = 0;
  const part = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (rest !== '') {
    const match = part.exec(rest);
    if (!match) return null;
    const [whole, amount, unit] = match;
    total += Number(amount) * (DURATION_UNITS.get(unit ?? '') ?? Number.NaN);
    rest = rest.slice(whole.length);
  }
  return Number.isFinite(total) ? sign * total : null;
}

/** Throws unless `text` is a positive Go duration. */
export function validateDuration(text: string, what = 'duration'): void {
  const nanoseconds = parseGoDuration(text);
  if (nanoseconds === null) {
    throw new GeneratorInputError(`${what} ${JSON.stringify(text)} is not a valid duration (examples: 15s, 1m30s, 500ms)`);
  }
  if (nanoseconds <= 0) throw new GeneratorInputError(`${what} ${JSON.stringify(text)} must be greater than zero`);
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
