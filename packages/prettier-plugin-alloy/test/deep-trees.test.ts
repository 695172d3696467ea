/**
 * The printer recurses along the tree: the parser's MAX_TREE_HEIGHT keeps every tree shallow enough for it.
 * Trees just within the limit format in a fresh stack; deeper ones are syntax errors, never a RangeError.
 */
import { MAX_TREE_HEIGHT, parse } from '@alloy-toolkit/syntax';
import { describe, expect, it } from 'vitest';
import { AlloySyntaxError, formatAlloy } from '../src/index.js';

const withinLimit: [string, string][] = [
  ['a field access chain', `a = x${'.y'.repeat(MAX_TREE_HEIGHT - 3)}`],
  ['a call chain', `a = f${'()'.repeat(MAX_TREE_HEIGHT - 3)}`],
  ['operator chains in two parentheses', `a = ((x${' + x'.repeat(490)}) * x${' + x'.repeat(490)})`],
  ['access chains in 240 parentheses', `a = ${'('.repeat(240)}x${'.y'.repeat(700)}${')'.repeat(240)}`],
  ['access chains in 200 nested blocks', `${'b {\n'.repeat(200)}a = x${'.y'.repeat(MAX_TREE_HEIGHT - 205)}\n${'}\n'.repeat(200)}`],
];

describe('deep trees', () => {
  it.each(withinLimit)('%s within MAX_TREE_HEIGHT formats, and the result formats to itself', (_name, text) => {
    expect(parse(text).diagnostics).toEqual([]);
    const formatted = formatAlloy(text);
    expect(formatAlloy(formatted)).toBe(formatted);
  });

  it.each([
    ['a 100,000-long field access chain', `a = x${'.y'.repeat(100_000)}`],
    ['operator chains in 240 nested parentheses', `a = ${Array.from({ length: 240 }).reduce<string>((inner) => `(${inner}${'+x'.repeat(490)})`, 'x')}`],
  ])('%s beyond it is a positioned syntax error, not a stack overflow', (_name, statement) => {
    let caught: unknown;
    try {
      formatAlloy(`b = 1\n${statement}\n`);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AlloySyntaxError);
    const syntaxError = caught as AlloySyntaxError;
    expect(syntaxError.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['syntax/nesting-too-deep']);
    expect(syntaxError.loc.start).toEqual({ line: 2, column: 1 });
  });
});
