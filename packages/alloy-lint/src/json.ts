import { positionAt } from './source.js';

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
