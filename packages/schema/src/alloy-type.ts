import type { AlloyType } from './types.js';

const PRIMITIVE_KINDS = new Set(['string', 'number', 'bool', 'duration', 'secret', 'any', 'object', 'function']);

const NUMBER_ALIASES = new Set(['int', 'integer', 'uint', 'float', 'float32', 'float64', 'int32', 'int64', 'uint32', 'uint64']);

export class AlloyTypeSyntaxError extends Error {
  constructor(
    readonly text: string,
    readonly position: number,
    detail: string,
  ) {
    super(`invalid Alloy type ${JSON.stringify(text)} at character ${position + 1}: ${detail}`);
    this.name = 'AlloyTypeSyntaxError';
  }
}

/**
 * Parses Alloy type text such as `list(map(string))` or `list(MetricsReceiver)`.
 * Docs aliases (`int`, `float64`, `boolean`, `array(T)`) are accepted.
 * Unknown identifiers are capsule names. Throws AlloyTypeSyntaxError on malformed text.
 */
export function parseAlloyType(text: string): AlloyType {
  const source = text.replace(/`/g, '');
  let position = 0;

  function skipSpaces(): void {
    while (position < source.length && /\s/.test(source[position] ?? '')) position += 1;
  }

  function parseOne(): AlloyType {
    skipSpaces();
    const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(position));
    if (!match) throw new AlloyTypeSyntaxError(text, position, 'expected a type name');
    const name = match[0];
    position += name.length;
    skipSpaces();
    if (source[position] === '(') {
      position += 1;
      const inner = parseOne();
      skipSpaces();
      if (source[position] !== ')') throw new AlloyTypeSyntaxError(text, position, 'expected ")"');
      position += 1;
      const constructorName = name.toLowerCase();
      if (constructorName === 'list' || constructorName === 'array') return { kind: 'list', element: inner };
      if (constructorName === 'map') return { kind: 'map', value: inner };
      if (constructorName === 'capsule' && inner.kind === 'capsule') return inner;
      throw new AlloyTypeSyntaxError(text, position, `unknown type constructor "${name}"`);
    }
    const lower = name.toLowerCase();
    if (PRIMITIVE_KINDS.has(name)) return { kind: name } as AlloyType;
    if (NUMBER_ALIASES.has(lower)) return { kind: 'number' };
    if (lower === 'boolean') return { kind: 'bool' };
    return { kind: 'capsule', name };
  }

  const result = parseOne();
  skipSpaces();
  if (position !== source.length) throw new AlloyTypeSyntaxError(text, position, 'unexpected text after the type');
  return result;
}

/** Canonical text of a type: `list(map(string))`, `MetricsReceiver`. */
export function formatAlloyType(type: AlloyType): string {
  switch (type.kind) {
    case 'list':
      return `list(${formatAlloyType(type.element)})`;
    case 'map':
      return `map(${formatAlloyType(type.value)})`;
    case 'capsule':
      return type.name;
    default:
      return type.kind;
  }
}

/**
 * Whether a value of type `value` may be assigned where `target` is expected,
 * following Alloy's conversions: number -> string, string -> number (when it
 * parses), string -> duration, string -> secret (not secret -> string), `any` on either side,
 * capsules by name, lists and maps element-wise, an object into a map and a
 * map into an object.
 */
export function isTypeAssignable(value: AlloyType, target: AlloyType): boolean {
  if (value.kind === 'any' || target.kind === 'any') return true;
  switch (target.kind) {
    case 'string':
      return value.kind === 'string' || value.kind === 'number';
    case 'number':
      return value.kind === 'number' || value.kind === 'string';
    case 'bool':
      return value.kind === 'bool';
    case 'duration':
      return value.kind === 'duration' || value.kind === 'string';
    case 'secret':
      return value.kind === 'secret' || value.kind === 'string';
    case 'function':
      return value.kind === 'function';
    case 'object':
      return value.kind === 'object' || value.kind === 'map';
    case 'list':
      return value.kind === 'list' && isTypeAssignable(value.element, target.element);
    case 'map':
      if (value.kind === 'object') return true;
      return value.kind === 'map' && isTypeAssignable(value.value, target.value);
    case 'capsule':
      return value.kind === 'capsule' && value.name === target.name;
  }
}
