import { describe, expect, it } from 'vitest';
import { UsageError, parseArguments, singleValue } from '../src/args.js';

const specs = [
  { name: 'format', short: 'f', value: true },
  { name: 'write', short: 'w' },
  { name: 'test', short: 't' },
  { name: 'rule', value: true, repeatable: true },
];

describe('parseArguments', () => {
  it('reads long options with separate and attached values', () => {
    const parsed = parseArguments(['--format', 'json', 'a.alloy'], specs);
    expect(singleValue(parsed, 'format')).toBe('json');
    expect(parsed.positionals).toEqual(['a.alloy']);
    expect(singleValue(parseArguments(['--format=sarif'], specs), 'format')).toBe('sarif');
  });

  it('reads short options, bundled flags and attached short values', () => {
    const parsed = parseArguments(['-wt', '-fjson'], specs);
    expect([...parsed.flags].sort()).toEqual(['test', 'write']);
    expect(singleValue(parsed, 'format')).toBe('json');
  });

  it('keeps a lone dash as a positional and stops at --', () => {
    const parsed = parseArguments(['-', '--', '--write'], specs);
    expect(parsed.positionals).toEqual(['-', '--write']);
    expect(parsed.flags.size).toBe(0);
  });

  it('collects repeatable options in order', () => {
    const parsed = parseArguments(['--rule', 'a=off', '--rule=b=warn'], specs);
    expect(parsed.values.get('rule')).toEqual(['a=off', 'b=warn']);
  });

  it('rejects unknown options, missing values and repeated single options', () => {
    expect(() => parseArguments(['--nope'], specs)).toThrow(UsageError);
    expect(() => parseArguments(['-x'], specs)).toThrow('unknown option: -x');
    expect(() => parseArguments(['--format'], specs)).toThrow('needs a value');
    expect(() => parseArguments(['--write=1'], specs)).toThrow('does not take a value');
    expect(() => parseArguments(['-f', 'a', '-f', 'b'], specs)).toThrow('more than once');
  });
});
