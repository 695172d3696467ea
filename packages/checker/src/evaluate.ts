/**
 * Constant folding: the value an expression has whatever the environment, or `unknown`.
 *
 * Literals, arrays, objects, operators, indexing, field access and the pure standard-library
 * functions are evaluated with Alloy's (Go's) semantics: numbers are int64, uint64 or float64 and
 * an operation takes the wider kind of its operands (uint < int < float), integer arithmetic wraps
 * as Go's does, `+` joins two strings, comparisons need operands of one type. Anything that
 * depends on the environment (`sys.env`, `constants.*`), on other components' exports, module
 * arguments, foreach variables or on a failing evaluation is `unknown`: a rule never reports a
 * value it cannot know.
 */
import type { Expression } from '@alloy-toolkit/syntax';

export type GoNumber =
  | { kind: 'int'; value: bigint }
  | { kind: 'uint'; value: bigint }
  | { kind: 'float'; value: number };

export type AlloyValue =
  | { type: 'null' }
  | { type: 'number'; number: GoNumber }
  | { type: 'string'; value: string }
  | { type: 'bool'; value: boolean }
  | { type: 'array'; elements: AlloyValue[] }
  | { type: 'object'; fields: Map<string, AlloyValue> }
  | { type: 'function'; name: string };

/** The result of folding: a value, or `undefined` when it depends on something not known offline. */
export type FoldedValue = AlloyValue | undefined;

export interface EvaluateOptions {
  /**
   * Whether a top-level name is bound by the configuration (a foreach variable, a component
   * whose name starts with it) and so hides the standard library's meaning of the name.
   */
  isShadowed?: (name: string) => boolean;
}

const nullValue: AlloyValue = Object.freeze({ type: 'null' });
const maximumDepth = 200;
const maximumStringLength = 1 << 20;

export function stringValue(value: string): AlloyValue {
  return { type: 'string', value };
}

export function intValue(value: bigint): AlloyValue {
  return { type: 'number', number: { kind: 'int', value: BigInt.asIntN(64, value) } };
}

function floatValue(value: number): AlloyValue {
  return { type: 'number', number: { kind: 'float', value } };
}

/** The number a literal token denotes: Go's `strconv.ParseInt(text, 0, 64)`, then uint64, then float64. */
export function numberLiteral(raw: string, isFloat: boolean): GoNumber {
  if (!isFloat) {
    let integer: bigint | undefined;
    if (/^0[0-7]+$/.test(raw)) integer = BigInt(`0o${raw.slice(1)}`);
    else if (/^(0|[1-9][0-9]*)$/.test(raw)) integer = BigInt(raw);
    if (integer !== undefined) {
      if (integer <= 0x7fff_ffff_ffff_ffffn) return { kind: 'int', value: integer };
      if (integer <= 0xffff_ffff_ffff_ffffn) return { kind: 'uint', value: integer };
    }
  }
  return { kind: 'float', value: Number(raw) };
}

export function numberAsFloat(number: GoNumber): number {
  return number.kind === 'float' ? number.value : Number(number.value);
}

const kindRank = { uint: 0, int: 1, float: 2 } as const;

function widen(number: GoNumber, kind: GoNumber['kind']): GoNumber {
  if (number.kind === kind) return number;
  if (kind === 'float') return { kind, value: numberAsFloat(number) };
  const integer = number.kind === 'float' ? BigInt(Math.trunc(number.value)) : number.value;
  return kind === 'int' ? { kind, value: BigInt.asIntN(64, integer) } : { kind, value: BigInt.asUintN(64, integer) };
}

function wrap(kind: 'int' | 'uint', value: bigint): GoNumber {
  return kind === 'int' ? { kind, value: BigInt.asIntN(64, value) } : { kind, value: BigInt.asUintN(64, value) };
}

function arithmetic(operator: string, left: GoNumber, right: GoNumber): FoldedValue {
  const kind = kindRank[left.kind] >= kindRank[right.kind] ? left.kind : right.kind;
  const a = widen(left, kind);
  const b = widen(right, kind);
  if (a.kind === 'float' || b.kind === 'float') {
    const x = numberAsFloat(a);
    const y = numberAsFloat(b);
    switch (operator) {
      case '+':
        return floatValue(x + y);
      case '-':
        return floatValue(x - y);
      case '*':
        return floatValue(x * y);
      case '/':
        return y === 0 ? undefined : floatValue(x / y);
      case '%':
        return y === 0 ? undefined : floatValue(x % y);
      case '^':
        return floatValue(Math.pow(x, y));
      default:
        return undefined;
    }
  }
  const integerKind = a.kind as 'int' | 'uint';
  const x = a.value as bigint;
  const y = b.value as bigint;
  switch (operator) {
    case '+':
      return { type: 'number', number: wrap(integerKind, x + y) };
    case '-':
      return { type: 'number', number: wrap(integerKind, x - y) };
    case '*':
      return { type: 'number', number: wrap(integerKind, x * y) };
    case '/':
      return y === 0n ? undefined : { type: 'number', number: wrap(integerKind, x / y) };
    case '%':
      return y === 0n ? undefined : { type: 'number', number: wrap(integerKind, x % y) };
    case '^': {
      if (y < 0n || y > 4096n) return undefined;
      return { type: 'number', number: wrap(integerKind, x ** y) };
    }
    default:
      return undefined;
  }
}

function compareNumbers(left: GoNumber, right: GoNumber): number {
  const kind = kindRank[left.kind] >= kindRank[right.kind] ? left.kind : right.kind;
  const a = widen(left, kind);
  const b = widen(right, kind);
  if (a.kind === 'float') {
    const x = a.value;
    const y = numberAsFloat(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.NaN;
  }
  const x = a.value;
  const y = b.value as bigint;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Alloy's `==`: values of different types are unequal; functions are never equal. */
export function valuesEqual(left: AlloyValue, right: AlloyValue): boolean {
  if (left.type !== right.type) return false;
  switch (left.type) {
    case 'null':
      return true;
    case 'number':
      return compareNumbers(left.number, (right as typeof left).number) === 0;
    case 'string':
    case 'bool':
      return left.value === (right as typeof left).value;
    case 'array': {
      const other = (right as typeof left).elements;
      return left.elements.length === other.length && left.elements.every((element, index) => valuesEqual(element, other[index]!));
    }
    case 'object': {
      const other = (right as typeof left).fields;
      if (left.fields.size !== other.size) return false;
      for (const [key, value] of left.fields) {
        const candidate = other.get(key);
        if (candidate === undefined || !valuesEqual(value, candidate)) return false;
      }
      return true;
    }
    case 'function':
      return false;
  }
}

function binary(operator: string, left: AlloyValue, right: AlloyValue): FoldedValue {
  switch (operator) {
    case '==':
      return { type: 'bool', value: valuesEqual(left, right) };
    case '!=':
      return { type: 'bool', value: !valuesEqual(left, right) };
    case '||':
    case '&&':
      if (left.type !== 'bool' || right.type !== 'bool') return undefined;
      return { type: 'bool', value: operator === '||' ? left.value || right.value : left.value && right.value };
    case '<':
    case '<=':
    case '>':
    case '>=': {
      let order: number;
      if (left.type === 'number' && right.type === 'number') order = compareNumbers(left.number, right.number);
      else if (left.type === 'string' && right.type === 'string') order = compareStrings(left.value, right.value);
      else return undefined;
      if (Number.isNaN(order)) return { type: 'bool', value: false };
      const result = operator === '<' ? order < 0 : operator === '<=' ? order <= 0 : operator === '>' ? order > 0 : order >= 0;
      return { type: 'bool', value: result };
    }
    default:
      if (operator === '+' && left.type === 'string' && right.type === 'string') {
        return left.value.length + right.value.length > maximumStringLength ? undefined : stringValue(left.value + right.value);
      }
      if (left.type !== 'number' || right.type !== 'number') return undefined;
      return arithmetic(operator, left.number, right.number);
  }
}

/** Go compares strings byte-wise (UTF-8); code point order is the same. */
function compareStrings(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const x = a[index]!.codePointAt(0)!;
    const y = b[index]!.codePointAt(0)!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

type StdlibFunction = (args: AlloyValue[]) => FoldedValue;

function stringArguments(args: AlloyValue[], count: number): string[] | undefined {
  if (args.length !== count) return undefined;
  const strings: string[] = [];
  for (const argument of args) {
    const text = asString(argument);
    if (text === undefined) return undefined;
    strings.push(text);
  }
  return strings;
}

/** A value converted to a Go string parameter as Alloy does (numbers are formatted, null is ""). */
export function asString(value: AlloyValue): string | undefined {
  if (value.type === 'string') return value.value;
  if (value.type === 'null') return '';
  if (value.type === 'number' && value.number.kind !== 'float') return value.number.value.toString();
  return undefined;
}

function stringFunction(arity: number, body: (...strings: string[]) => string | undefined): StdlibFunction {
  return (args) => {
    const strings = stringArguments(args, arity);
    if (!strings) return undefined;
    const result = body(...strings);
    return result === undefined ? undefined : stringValue(result);
  };
}

const whitespace = /^[\s\u0085]+|[\s\u0085]+$/gu;

function trimCutset(text: string, cutset: string): string {
  const characters = new Set(cutset);
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && characters.has(chars[start]!)) start++;
  while (end > start && characters.has(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

function toBase64(text: string, urlSafe: boolean): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  return urlSafe ? encoded.replace(/\+/g, '-').replace(/\//g, '_') : encoded;
}

/** Go's `url.QueryEscape`. */
function queryEscape(text: string): string {
  let escaped = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const character = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(character)) escaped += character;
    else if (character === ' ') escaped += '+';
    else escaped += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return escaped;
}

/** POSIX `path/filepath.Join` (Alloy on Linux): joins non-empty elements and cleans the result. */
function pathJoin(elements: string[]): string {
  const parts = elements.filter((element) => element !== '');
  if (parts.length === 0) return '';
  const joined = parts.join('/');
  const rooted = joined.startsWith('/');
  const cleaned: string[] = [];
  for (const segment of joined.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (cleaned.length > 0 && cleaned[cleaned.length - 1] !== '..') cleaned.pop();
      else if (!rooted) cleaned.push('..');
      continue;
    }
    cleaned.push(segment);
  }
  const text = (rooted ? '/' : '') + cleaned.join('/');
  return text === '' ? '.' : text;
}

/** Go's zero value test: null, "", 0, false, an empty array or object (`coalesce`, and "configured" in upstream's checks). */
export function isZeroValue(value: AlloyValue): boolean {
  switch (value.type) {
    case 'null':
      return true;
    case 'string':
      return value.value === '';
    case 'bool':
      return !value.value;
    case 'number':
      return numberAsFloat(value.number) === 0;
    case 'array':
      return value.elements.length === 0;
    case 'object':
      return value.fields.size === 0;
    case 'function':
      return false;
  }
}

/** `fmt.Sprintf` for the verbs whose output does not depend on anything but the value. */
function sprintf(format: string, args: AlloyValue[]): string | undefined {
  let output = '';
  let next = 0;
  for (let index = 0; index < format.length; index++) {
    const character = format[index]!;
    if (character !== '%') {
      output += character;
      continue;
    }
    const verb = format[++index];
    if (verb === '%') {
      output += '%';
      continue;
    }
    if (verb === undefined || next >= args.length) return undefined;
    const argument = args[next++]!;
    switch (verb) {
      case 's':
      case 'v':
        if (argument.type === 'string') output += argument.value;
        else if (argument.type === 'bool') output += String(argument.value);
        else if (argument.type === 'number' && argument.number.kind !== 'float') output += argument.number.value.toString();
        else return undefined;
        break;
      case 'd':
        if (argument.type !== 'number' || argument.number.kind === 'float') return undefined;
        output += argument.number.value.toString();
        break;
      case 't':
        if (argument.type !== 'bool') return undefined;
        output += String(argument.value);
        break;
      default:
        return undefined; // flags, widths and the other verbs: not folded
    }
  }
  return next === args.length ? output : undefined;
}

function fromJson(value: unknown): FoldedValue {
  if (value === null) return nullValue;
  if (typeof value === 'string') return stringValue(value);
  if (typeof value === 'boolean') return { type: 'bool', value };
  if (typeof value === 'number') return floatValue(value);
  if (Array.isArray(value)) {
    const elements: AlloyValue[] = [];
    for (const element of value) {
      const converted = fromJson(element);
      if (!converted) return undefined;
      elements.push(converted);
    }
    return { type: 'array', elements };
  }
  if (typeof value === 'object') {
    const fields = new Map<string, AlloyValue>();
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      const converted = fromJson(field);
      if (!converted) return undefined;
      fields.set(key, converted);
    }
    return { type: 'object', fields };
  }
  return undefined;
}

const pureFunctions = new Map<string, StdlibFunction>([
  ['string.format', (args) => {
    const format = args[0] === undefined ? undefined : asString(args[0]);
    if (format === undefined) return undefined;
    const result = sprintf(format, args.slice(1));
    return result === undefined ? undefined : stringValue(result);
  }],
  ['string.join', (args) => {
    if (args.length !== 2 || args[0]!.type !== 'array') return undefined;
    const separator = asString(args[1]!);
    const parts = args[0].elements.map(asString);
    if (separator === undefined || parts.some((part) => part === undefined)) return undefined;
    return stringValue(parts.join(separator));
  }],
  ['string.replace', stringFunction(3, (text, old, replacement) => (old === '' ? undefined : text.split(old).join(replacement)))],
  ['string.split', (args) => {
    const strings = stringArguments(args, 2);
    if (!strings || strings[1] === '') return undefined;
    return { type: 'array', elements: strings[0]!.split(strings[1]!).map(stringValue) };
  }],
  ['string.to_lower', stringFunction(1, (text) => (/^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : undefined))],
  ['string.to_upper', stringFunction(1, (text) => (/^[\x00-\x7f]*$/.test(text) ? text.toUpperCase() : undefined))],
  ['string.trim', stringFunction(2, trimCutset)],
  ['string.trim_prefix', stringFunction(2, (text, prefix) => (text.startsWith(prefix) ? text.slice(prefix.length) : text))],
  ['string.trim_suffix', stringFunction(2, (text, suffix) => (suffix !== '' && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text))],
  ['string.trim_space', stringFunction(1, (text) => text.replace(whitespace, ''))],
  ['encoding.to_base64', stringFunction(1, (text) => toBase64(text, false))],
  ['encoding.to_URLbase64', stringFunction(1, (text) => toBase64(text, true))],
  ['encoding.url_encode', stringFunction(1, queryEscape)],
  ['encoding.from_json', (args) => {
    const strings = stringArguments(args, 1);
    if (!strings) return undefined;
    try {
      return fromJson(JSON.parse(strings[0]!));
    } catch {
      return undefined;
    }
  }],
  ['convert.nonsensitive', (args) => (args.length === 1 && args[0]!.type === 'string' ? args[0] : undefined)],
  ['file.path_join', (args) => {
    const strings = stringArguments(args, args.length);
    return strings ? stringValue(pathJoin(strings)) : undefined;
  }],
  ['array.concat', (args) => {
    const elements: AlloyValue[] = [];
    for (const argument of args) {
      if (argument.type !== 'array') return undefined;
      elements.push(...argument.elements);
    }
    return { type: 'array', elements };
  }],
  // With every argument a zero value the result is not documented: not folded.
  ['coalesce', (args) => args.find((argument) => !isZeroValue(argument))],
]);

/** Deprecated top-level names: the same functions. */
const deprecatedAliases: Record<string, string> = {
  nonsensitive: 'convert.nonsensitive',
  concat: 'array.concat',
  json_decode: 'encoding.from_json',
  format: 'string.format',
  join: 'string.join',
  replace: 'string.replace',
  split: 'string.split',
  to_lower: 'string.to_lower',
  to_upper: 'string.to_upper',
  trim: 'string.trim',
  trim_prefix: 'string.trim_prefix',
  trim_suffix: 'string.trim_suffix',
  trim_space: 'string.trim_space',
};
for (const [alias, name] of Object.entries(deprecatedAliases)) pureFunctions.set(alias, pureFunctions.get(name)!);

const stdlibObjects = new Set(['string', 'encoding', 'convert', 'file', 'array']);

/** The pure stdlib function an expression names (`string.format`, `format`), if any. */
function calleeName(expression: Expression, options: EvaluateOptions): string | undefined {
  let name: string;
  let head: string;
  if (expression.type === 'IdentifierExpr') {
    name = expression.name;
    head = name;
  } else if (expression.type === 'Access' && expression.object.type === 'IdentifierExpr' && stdlibObjects.has(expression.object.name)) {
    head = expression.object.name;
    name = `${head}.${expression.property}`;
  } else {
    return undefined;
  }
  if (!pureFunctions.has(name) || options.isShadowed?.(head) === true) return undefined;
  return name;
}

/** Folds `expression` to its value, or `undefined` when it is not a constant. */
export function evaluate(expression: Expression, options: EvaluateOptions = {}): FoldedValue {
  return fold(expression, options, 0);
}

function fold(expression: Expression, options: EvaluateOptions, depth: number): FoldedValue {
  if (depth > maximumDepth) return undefined;
  switch (expression.type) {
    case 'Literal':
      switch (expression.kind) {
        case 'string':
          return typeof expression.value === 'string' ? stringValue(expression.value) : undefined;
        case 'number':
        case 'float':
          return { type: 'number', number: numberLiteral(expression.raw, expression.kind === 'float') };
        case 'bool':
          return { type: 'bool', value: expression.value === true };
        case 'null':
          return nullValue;
      }
      return undefined;
    case 'Paren':
      return fold(expression.expression, options, depth + 1);
    case 'Array': {
      const elements: AlloyValue[] = [];
      for (const element of expression.elements) {
        const value = fold(element, options, depth + 1);
        if (!value) return undefined;
        elements.push(value);
      }
      return { type: 'array', elements };
    }
    case 'Object': {
      const fields = new Map<string, AlloyValue>();
      for (const field of expression.fields) {
        const value = fold(field.value, options, depth + 1);
        if (!value) return undefined;
        fields.set(field.key.name, value);
      }
      return { type: 'object', fields };
    }
    case 'Unary': {
      const operand = fold(expression.operand, options, depth + 1);
      if (!operand) return undefined;
      if (expression.operator === '!') return operand.type === 'bool' ? { type: 'bool', value: !operand.value } : undefined;
      if (operand.type !== 'number') return undefined;
      const number = operand.number;
      if (number.kind === 'float') return floatValue(-number.value);
      // Go negates an unsigned number modulo 2^64.
      return { type: 'number', number: wrap(number.kind, -number.value) };
    }
    case 'Binary': {
      const left = fold(expression.left, options, depth + 1);
      if (!left) return undefined;
      const right = fold(expression.right, options, depth + 1);
      return right ? binary(expression.operator, left, right) : undefined;
    }
    case 'Index': {
      const object = fold(expression.object, options, depth + 1);
      const index = object && fold(expression.index, options, depth + 1);
      if (!object || !index) return undefined;
      if (object.type === 'array' && index.type === 'number' && index.number.kind !== 'float') {
        const position = index.number.value;
        return position >= 0n && position < BigInt(object.elements.length) ? object.elements[Number(position)] : undefined;
      }
      if (object.type === 'object' && index.type === 'string') return object.fields.get(index.value) ?? nullValue;
      return undefined;
    }
    case 'Access': {
      const object = fold(expression.object, options, depth + 1);
      if (!object || object.type !== 'object') return undefined;
      return object.fields.get(expression.property);
    }
    case 'Call': {
      const name = calleeName(expression.callee, options);
      if (name === undefined) return undefined;
      const args: AlloyValue[] = [];
      for (const argument of expression.args) {
        const value = fold(argument, options, depth + 1);
        if (!value) return undefined;
        args.push(value);
      }
      return pureFunctions.get(name)!(args);
    }
    default:
      // Identifiers: component exports, module arguments, foreach variables, stdlib constants
      // (environment-dependent) and functions used as values are not constants.
      return undefined;
  }
}
