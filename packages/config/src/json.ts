/** 1-based line and column (UTF-16 code units) of `offset` in `text`. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < clamped; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}

/** A JSON text that could not be parsed, with where it went wrong. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
    this.name = 'JsonSyntaxError';
  }
}

/**
 * `JSON.parse` whose errors carry a line and column. Node's own messages name
 * a position only in some versions, so the error is located by a small
 * validating scanner run only when parsing fails.
 */
export function parseJson(text: string): unknown {
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(withoutBom);
  } catch {
    const { offset, reason } = locateJsonError(withoutBom);
    const position = positionAt(withoutBom, offset);
    throw new JsonSyntaxError(reason, position.line, position.column);
  }
}

interface JsonErrorLocation {
  offset: number;
  reason: string;
}

class ScanFailure {
  constructor(readonly location: JsonErrorLocation) {}
}

function locateJsonError(text: string): JsonErrorLocation {
  let index = 0;
  const fail = (reason: string): never => {
    throw new ScanFailure({ offset: index, reason });
  };
  const describe = (): string =>
    index >= text.length ? 'unexpected end of JSON input' : `unexpected character ${JSON.stringify(text[index])}`;
  const skipWhitespace = (): void => {
    while (index < text.length && ' \t\n\r'.includes(text[index]!)) index += 1;
  };
  const expectWord = (word: string): void => {
    if (text.startsWith(word, index)) index += word.length;
    else fail(describe());
  };
  const scanString = (): void => {
    index += 1;
    while (index < text.length) {
      const character = text[index]!;
      if (character === '"') {
        index += 1;
        return;
      }
      if (character === '\\') {
        const escaped = text[index + 1];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) fail('invalid unicode escape in string');
          index += 6;
        } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) {
          index += 2;
        } else {
          fail('invalid escape in string');
        }
        continue;
      }
      if (character < ' ') fail('control character in string');
      index += 1;
    }
    fail('unterminated string');
  };
  const scanNumber = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(index));
    if (!match) fail('invalid number');
    index += match![0].length;
  };
  const scanValue = (depth: number): void => {
    if (depth > 10_000) fail('nesting too deep');
    skipWhitespace();
    const character = text[index];
    if (character === '{') {
      index += 1;
      skipWhitespace();
      if (text[index] === '}') {
        index += 1;
        return;
      }
      for (;;) {
        skipWhitespace();
        if (text[index] !== '"') fail(`expected a property name in double quotes, found ${describe().replace('unexpected ', '')}`);
        scanString();
        skipWhitespace();
        if (text[index] !== ':') fail(`expected ':' after property name, found ${describe().replace('unexpected ', '')}`);
        index += 1;
        scanValue(depth + 1);
        skipWhitespace();
        if (text[index] === ',') {
          index += 1;
          continue;
        }
        if (text[index] === '}') {
          index += 1;
          return;
        }
        fail(`expected ',' or '}' in object, found ${describe().replace('unexpected ', '')}`);
      }
    } else if (character === '[') {
      index += 1;
      skipWhitespace();
      if (text[index] === ']') {
        index += 1;
        return;
      }
      for (;;) {
        scanValue(depth + 1);
        skipWhitespace();
        if (text[index] === ',') {
          index += 1;
          continue;
        }
        if (text[index] === ']') {
          index += 1;
          return;
        }
        fail(`expected ',' or ']' in array, found ${describe().replace('unexpected ', '')}`);
      }
    } else if (character === '"') {
      scanString();
    } else if (character === 't') {
      expectWord('true');
    } else if (character === 'f') {
      expectWord('false');
    } else if (character === 'n') {
      expectWord('null');
    } else if (character === '-' || (character !== undefined && character >= '0' && character <= '9')) {
      scanNumber();
    } else {
      fail(describe());
    }
  };
  try {
    scanValue(0);
    skipWhitespace();
    if (index < text.length) fail(`unexpected character ${JSON.stringify(text[index])} after the JSON value`);
  } catch (error) {
    if (error instanceof ScanFailure) return error.location;
    throw error;
  }
  return { offset: text.length, reason: 'invalid JSON' };
}

/** Where a member of a parsed JSON text is: its key (object members) and its value. */
export interface JsonLocation {
  key?: { line: number; column: number };
  value: { line: number; column: number };
}

/**
 * Finds `path` (object keys and array indexes from the top) in a JSON text that parses: used to
 * name the line and column of a bad setting. Undefined when the path is not in the text. For a
 * key given twice, the last one (the one `JSON.parse` keeps).
 */
export function locateJsonPath(text: string, path: readonly (string | number)[]): JsonLocation | undefined {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let index = 0;
  const skipWhitespace = (): void => {
    while (index < source.length && ' \t\n\r'.includes(source[index]!)) index += 1;
  };
  const readString = (): string => {
    const start = index;
    index += 1;
    while (index < source.length && source[index] !== '"') index += source[index] === '\\' ? 2 : 1;
    index += 1;
    return JSON.parse(source.slice(start, index)) as string;
  };
  const skipValue = (): void => {
    skipWhitespace();
    const character = source[index];
    if (character === '"') {
      readString();
      return;
    }
    if (character === '{' || character === '[') {
      const close = character === '{' ? '}' : ']';
      index += 1;
      skipWhitespace();
      while (source[index] !== close && index < source.length) {
        if (character === '{') {
          skipWhitespace();
          readString();
          skipWhitespace();
          index += 1; // ':'
        }
        skipValue();
        skipWhitespace();
        if (source[index] === ',') index += 1;
        skipWhitespace();
      }
      index += 1;
      return;
    }
    while (index < source.length && !',}] \t\n\r'.includes(source[index]!)) index += 1;
  };
  // Columns as parseJson's errors count them: after the byte order mark.
  const at = (offset: number) => positionAt(source, offset);
  const find = (depth: number): JsonLocation | undefined => {
    skipWhitespace();
    if (depth === path.length) return { value: at(index) };
    const wanted = path[depth]!;
    const character = source[index];
    if (character === '{' && typeof wanted === 'string') {
      index += 1;
      let found: { keyOffset: number; valueOffset: number } | undefined;
      skipWhitespace();
      while (source[index] !== '}' && index < source.length) {
        skipWhitespace();
        const keyOffset = index;
        const key = readString();
        skipWhitespace();
        index += 1; // ':'
        skipWhitespace();
        if (key === wanted) found = { keyOffset, valueOffset: index };
        skipValue();
        skipWhitespace();
        if (source[index] === ',') index += 1;
        skipWhitespace();
      }
      if (!found) return undefined;
      index = found.valueOffset;
      if (depth + 1 === path.length) return { key: at(found.keyOffset), value: at(found.valueOffset) };
      return find(depth + 1);
    }
    if (character === '[' && typeof wanted === 'number') {
      index += 1;
      for (let element = 0; ; element++) {
        skipWhitespace();
        if (source[index] === ']' || index >= source.length) return undefined;
        if (element === wanted) return find(depth + 1);
        skipValue();
        skipWhitespace();
        if (source[index] === ',') index += 1;
      }
    }
    return undefined;
  };
  try {
    return find(0);
  } catch {
    return undefined;
  }
}
