import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJson } from '../src/json.js';

function errorOf(text: string): JsonSyntaxError {
  try {
    parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parseJson', () => {
  it('parses valid JSON, with or without a byte-order mark', () => {
    expect(parseJson('{"rules": {"a": "off"}}')).toEqual({ rules: { a: 'off' } });
    expect(parseJson('\uFEFF[1, 2]')).toEqual([1, 2]);
  });

  it.each([
    ['{\n  "rules": {\n    "a": "off",\n  }\n}', 4, 3, "expected a property name"],
    ['{"a": 1 "b": 2}', 1, 9, "expected ',' or '}'"],
    ['{"a": tru}', 1, 7, 'unexpected character'],
    ['{"a": 1', 1, 8, 'end of JSON input'],
    ['// comment\n{}', 1, 1, 'unexpected character "/"'],
    ['{} x', 1, 4, 'after the JSON value'],
    ['{"a": "\\q"}', 1, 8, 'invalid escape'],
    ['', 1, 1, 'end of JSON input'],
  ])('locates the error in %j', (text, line, column, reason) => {
    const error = errorOf(text);
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
    expect(error.reason).toContain(reason);
    expect(error.message).toBe(`${error.reason} at line ${line}, column ${column}`);
  });
});
