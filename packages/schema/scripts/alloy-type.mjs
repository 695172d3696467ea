// Parsing of Alloy type texts, shared by the generator (plain JS so that the
// generator runs without a build). src/types-text.ts implements the same
// grammar for the typed public API; the tests check that both agree.

const NUMBER_ALIASES = new Set([
  'number', 'int', 'integer', 'uint', 'float', 'float32', 'float64',
  'int32', 'int64', 'uint32', 'uint64', 'units.base2bytes',
]);

const CAPSULE_ALIASES = new Map([
  ['loki.logsreceiver', 'LogsReceiver'],
  ['pyroscope.appendable', 'ProfilesReceiver'],
  ['storage.appendable', 'MetricsReceiver'],
]);

/**
 * Normalises the many spellings the docs use (`boolean`, `[]string`,
 * `map[string]string`, `array(string)`, `string` or `secret`) to canonical
 * Alloy type text, e.g. `list(string)`. Returns undefined when the text is not a type.
 */
export function normalizeTypeText(raw, receiverName) {
  let text = raw.replace(/`/g, '').replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  const alternatives = text.split(/\s+or\s+/);
  if (alternatives.length === 2 && alternatives.includes('string') && alternatives.includes('secret')) {
    return 'secret';
  }
  if (alternatives.length > 1) return 'any';
  // Prose in the type column (a row missing its type cell: v1.5's `max_retry_attempts` of prometheus.write.queue).
  if (/^[A-Za-z]+(?: [A-Za-z]+){2,}\.?$/.test(text)) return undefined;
  text = text.replace(/^lists\(/, 'list(');
  if (/^lists?\(map\(string\)$/.test(text)) text = 'list(map(string))';
  return normalizeInner(text.replace(/\s+/g, ''), receiverName);
}

function normalizeInner(text, receiverName) {
  if (text.startsWith('[]')) {
    const inner = normalizeInner(text.slice(2), receiverName);
    return inner === undefined ? undefined : `list(${inner})`;
  }
  const goMap = /^map\[string\](.+)$/.exec(text);
  if (goMap) {
    const inner = normalizeInner(goMap[1], receiverName);
    return inner === undefined ? undefined : `map(${inner})`;
  }
  const call = /^([A-Za-z_][A-Za-z0-9_.]*)\((.*)\)$/.exec(text);
  if (call) {
    const head = call[1].toLowerCase();
    if (head === 'capsule') return normalizeInner(call[2], receiverName);
    const inner = normalizeInner(call[2], receiverName);
    if (inner === undefined) return undefined;
    if (head === 'list' || head === 'array') return `list(${inner})`;
    if (head === 'map') return `map(${inner})`;
    return undefined;
  }
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(text)) return undefined;
  const lower = text.toLowerCase();
  if (NUMBER_ALIASES.has(lower)) return 'number';
  if (lower === 'boolean' || lower === 'bool') return 'bool';
  // The Go type named in a few older pages (otelcol.receiver.filelog's `poll_interval`).
  if (lower === 'time.duration') return 'duration';
  if (lower === 'string' || lower === 'duration' || lower === 'secret' || lower === 'any' || lower === 'object') {
    return lower;
  }
  if (lower === 'map') return 'map(any)';
  // A byte size such as "4MiB" is written as a string.
  if (lower === 'size') return 'string';
  if (lower === 'list' || lower === 'array') return 'list(any)';
  if (lower === 'target' || lower === 'discovery.target') return 'map(string)';
  // Some pages write a bare `receiver`: the capsule of the component's own signal.
  if (lower === 'receiver' && receiverName) return receiverName;
  if (CAPSULE_ALIASES.has(lower)) return CAPSULE_ALIASES.get(lower);
  // Capsule names start with an upper-case letter or are namespaced (`otelcol.Consumer`).
  if (/^[A-Z]/.test(text) || /\.[A-Z]/.test(text)) return text;
  return undefined;
}

/** Parses canonical type text into the AlloyType structure; throws on bad text. */
export function parseTypeText(text) {
  let position = 0;
  const source = text.replace(/\s+/g, '');
  function parseOne() {
    const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(position));
    if (!match) throw new Error(`invalid type text ${JSON.stringify(text)} at ${position}`);
    const name = match[0];
    position += name.length;
    if (source[position] === '(') {
      position += 1;
      const inner = parseOne();
      if (source[position] !== ')') throw new Error(`invalid type text ${JSON.stringify(text)}: expected )`);
      position += 1;
      if (name === 'list') return { kind: 'list', element: inner };
      if (name === 'map') return { kind: 'map', value: inner };
      throw new Error(`invalid type text ${JSON.stringify(text)}: unknown constructor ${name}`);
    }
    switch (name) {
      case 'string':
      case 'number':
      case 'bool':
      case 'duration':
      case 'secret':
      case 'any':
      case 'object':
      case 'function':
        return { kind: name };
      default:
        return { kind: 'capsule', name };
    }
  }
  const result = parseOne();
  if (position !== source.length) throw new Error(`invalid type text ${JSON.stringify(text)}: trailing text`);
  return result;
}
