import { parse } from '@alloy-toolkit/syntax';
import { describe, expect, it } from 'vitest';
import { evaluate, type AlloyValue, type EvaluateOptions } from '../src/evaluate.js';

function valueOf(expression: string, options: EvaluateOptions = {}): AlloyValue | undefined {
  const parsed = parse(`x = ${expression}\n`);
  expect(parsed.diagnostics).toEqual([]);
  const statement = parsed.file.body[0]!;
  if (statement.type !== 'Attribute') throw new Error('not an attribute');
  return evaluate(statement.value, options);
}

/** A folded value in plain JavaScript terms, for comparisons: numbers as `int:5`, `uint:…`, `float:1.5`. */
function plain(value: AlloyValue | undefined): unknown {
  if (!value) return 'unknown';
  switch (value.type) {
    case 'null':
      return null;
    case 'number':
      return `${value.number.kind}:${value.number.value}`;
    case 'string':
    case 'bool':
      return value.value;
    case 'array':
      return value.elements.map(plain);
    case 'object':
      return Object.fromEntries([...value.fields].map(([key, field]) => [key, plain(field)]));
    case 'function':
      return `function ${value.name}`;
  }
}

describe('constant folding', () => {
  it.each([
    ['"a" + "b"', 'ab'],
    ['15', 'int:15'],
    ['0644', 'int:420'],
    ['09', 'float:9'],
    ['18446744073709551615', 'uint:18446744073709551615'],
    ['1.5', 'float:1.5'],
    ['7 / 2', 'int:3'],
    ['7.0 / 2', 'float:3.5'],
    ['7 % 3', 'int:1'],
    ['-2 ^ 2', 'int:4'],
    ['2 ^ 3 ^ 2', 'int:512'],
    ['9223372036854775807 + 1', 'int:-9223372036854775808'],
    ['1 + 0.5', 'float:1.5'],
    ['3 == 3.0', true],
    ['"a" < "b"', true],
    ['"10" == 10', false],
    ['!(1 < 2) || true', true],
    ['[1, 2][1]', 'int:2'],
    ['{a = "x"}.a', 'x'],
    ['{a = "x"}["b"]', null],
    ['string.format("%s:%d", "host", 9090)', 'host:9090'],
    ['string.format("%d%%", 5)', '5%'],
    ['string.join(["a", "b"], ",")', 'a,b'],
    ['string.replace("a-b-c", "-", "_")', 'a_b_c'],
    ['string.split("a,b", ",")', ['a', 'b']],
    ['string.to_upper("abc")', 'ABC'],
    ['string.trim("xxhixx", "x")', 'hi'],
    ['string.trim_prefix("prefix-name", "prefix-")', 'name'],
    ['string.trim_suffix("name.alloy", ".alloy")', 'name'],
    ['string.trim_space("  a b \\n")', 'a b'],
    ['encoding.to_base64("hello")', 'aGVsbG8='],
    ['encoding.url_encode("a b&c")', 'a+b%26c'],
    ['encoding.from_json("{\\"a\\": [1, true]}")', { a: ['float:1', true] }],
    ['file.path_join("/etc", "alloy/../alloy", "config.alloy")', '/etc/alloy/config.alloy'],
    ['array.concat([1], [2, 3])', ['int:1', 'int:2', 'int:3']],
    ['coalesce("", "fallback")', 'fallback'],
    ['convert.nonsensitive("s")', 's'],
    ['format("%s", "deprecated alias")', 'deprecated alias'],
  ])('folds %s', (expression, expected) => {
    expect(plain(valueOf(expression))).toEqual(expected);
  });

  it.each([
    'sys.env("HOME")',
    'env("HOME")',
    'constants.hostname',
    'constants.os',
    'local.file.token.content',
    'argument.port.value',
    'remote.http.config.content',
    'string.format("%s", sys.env("X"))',
    '"a" + sys.env("X")',
    '1 / 0',
    '1 % 0',
    '"a" + 1',
    '[1][5]',
    '{a = 1}.b',
    'string.format("%5d", 1)',
    'json_path("{}", ".a")',
    'string.format',
    'unknown_function(1)',
  ])('leaves %s unknown', (expression) => {
    expect(valueOf(expression)).toBeUndefined();
  });

  it('does not fold a standard-library name that the configuration binds (a foreach variable)', () => {
    expect(plain(valueOf('string.join(["a"], "-")'))).toBe('a');
    expect(valueOf('string.join(["a"], "-")', { isShadowed: (name) => name === 'string' })).toBeUndefined();
  });
});
