import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageDirectory } from './paths.js';

interface AutoClosingPair {
  open: string;
  close: string;
  notIn?: string[];
}

interface OnEnterRule {
  beforeText: string;
  afterText?: string;
  previousLineText?: string;
  action: { indent: string; appendText?: string; removeText?: number };
}

interface LanguageConfiguration {
  comments: { lineComment: string; blockComment: [string, string] };
  brackets: Array<[string, string]>;
  autoClosingPairs: AutoClosingPair[];
  surroundingPairs: Array<[string, string]>;
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: OnEnterRule[];
}

const configuration = JSON.parse(
  readFileSync(join(packageDirectory, 'language-configuration.json'), 'utf8'),
) as LanguageConfiguration;

describe('language configuration', () => {
  it('uses // and /* */ comments (Alloy has no # comments)', () => {
    expect(configuration.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
  });

  it('knows the three bracket pairs', () => {
    expect(configuration.brackets).toEqual([
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ]);
  });

  it('auto-closes brackets, double quotes and backticks, but not quotes inside strings', () => {
    const pairs = new Map(configuration.autoClosingPairs.map((pair) => [pair.open, pair]));
    for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')'], ['"', '"'], ['`', '`']] as const) {
      expect(pairs.get(open)?.close, open).toBe(close);
    }
    expect(pairs.get('"')?.notIn).toContain('string');
    expect(pairs.get('`')?.notIn).toContain('string');
    expect(pairs.has("'")).toBe(false);
  });

  it('surrounds selections with brackets, double quotes and backticks', () => {
    expect(configuration.surroundingPairs).toEqual(expect.arrayContaining([['"', '"'], ['`', '`'], ['{', '}']]));
  });

  it('selects one name segment of a dotted name as a word', () => {
    const word = new RegExp(configuration.wordPattern, 'g');
    expect('prometheus.exporter.unix "métrica_café" = 1.5'.match(word)).toEqual([
      'prometheus',
      'exporter',
      'unix',
      'métrica_café',
      '1.5',
    ]);
  });

  it('indents after an opening bracket at the end of a line, not after one inside a string or comment', () => {
    const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
    expect(increase.test('prometheus.scrape "default" {')).toBe(true);
    expect(increase.test('  forward_to = [')).toBe(true);
    expect(increase.test('  value = string.format(')).toBe(true);
    expect(increase.test('  external_labels = {')).toBe(true);
    expect(increase.test('  x = "{"')).toBe(false);
    expect(increase.test('  // a comment {')).toBe(false);
    expect(increase.test('prometheus.exporter.unix "node" {}')).toBe(false);
  });

  it('outdents a line that starts with a closing bracket', () => {
    const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
    expect(decrease.test('  }')).toBe(true);
    expect(decrease.test('  ],')).toBe(true);
    expect(decrease.test('  x = 1')).toBe(false);
  });

  it('continues /** documentation comments with " * "', () => {
    const [betweenRule, openRule, continueRule, closeRule] = configuration.onEnterRules;
    expect(new RegExp(betweenRule?.beforeText ?? '^$').test('  /** Documents the block')).toBe(true);
    expect(new RegExp(betweenRule?.afterText ?? '^$').test(' */')).toBe(true);
    expect(betweenRule?.action).toEqual({ indent: 'indentOutdent', appendText: ' * ' });
    expect(new RegExp(openRule?.beforeText ?? '^$').test('/**')).toBe(true);
    expect(new RegExp(openRule?.beforeText ?? '^$').test('/** closed */')).toBe(false);
    expect(openRule?.action.appendText).toBe(' * ');
    expect(new RegExp(continueRule?.beforeText ?? '^$').test('   * more text')).toBe(true);
    expect(new RegExp(closeRule?.beforeText ?? '^$').test('   */')).toBe(true);
    expect(closeRule?.action.removeText).toBe(1);
  });
});
