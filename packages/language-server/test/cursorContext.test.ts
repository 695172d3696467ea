import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cursorContext, dottedWordBefore } from '../src/analysis/cursorContext.js';

/** The context at the `|` marker. */
function at(textWithCursor: string): ReturnType<typeof cursorContext> {
  const offset = textWithCursor.indexOf('|');
  return cursorContext(textWithCursor.replace('|', ''), offset);
}

describe('cursor context of half-written text', () => {
  it('sees a statement start at the top level and inside block bodies', () => {
    expect(at('prom|').place).toEqual({ kind: 'statement', prefix: 'prom', prefixStart: 0 });
    const inside = at('prometheus.remote_write "a" {\n  endpoint {\n    ur|\n  }\n}\n');
    expect(inside.blocks.map((block) => [block.name, block.label])).toEqual([
      ['prometheus.remote_write', 'a'],
      ['endpoint', undefined],
    ]);
    expect(inside.place).toMatchObject({ kind: 'statement', prefix: 'ur' });
  });

  it('tells an object literal from a block body', () => {
    const context = at('loki.process "p" {\n  stage.static_labels {\n    values = {\n      a|\n');
    expect(context.blocks.map((block) => block.name)).toEqual(['loki.process', 'stage.static_labels']);
    expect(context.place).toMatchObject({ kind: 'expression', attribute: 'values', path: ['a'] });
  });

  it('gives the reference path and the attribute being written', () => {
    expect(at('prometheus.scrape "s" {\n  targets = prometheus.exporter.unix.|\n}').place).toMatchObject({
      kind: 'expression',
      attribute: 'targets',
      path: ['prometheus', 'exporter', 'unix', ''],
      inArray: false,
    });
    expect(at('prometheus.scrape "s" {\n  forward_to = [a.b, prometheus.remote_write.|]\n}').place).toMatchObject({
      kind: 'expression',
      attribute: 'forward_to',
      path: ['prometheus', 'remote_write', ''],
      inArray: true,
    });
  });

  it('knows when the cursor is inside a string or a comment', () => {
    expect(at('logging {\n  level = "in|"\n}').place).toMatchObject({ kind: 'expression', attribute: 'level', inString: true, stringStart: 21 });
    expect(at('logging {\n  // level = |\n}').place).toEqual({ kind: 'none' });
    expect(at('/* prometheus.| */').place).toEqual({ kind: 'none' });
  });

  it('ignores braces inside strings and comments', () => {
    const context = at('a "x" {\n  b = "}{"\n  // }\n  /* } */\n  |\n}');
    expect(context.blocks.map((block) => block.name)).toEqual(['a']);
    expect(context.place).toMatchObject({ kind: 'statement', prefix: '' });
  });

  it('leaves a closed block', () => {
    expect(at('a "x" {\n  b = 1\n}\n|').blocks).toEqual([]);
  });
});

describe('the dotted word before the cursor', () => {
  // The definition it replaces: a regular expression over the whole text before the cursor (slow on big files).
  const byRegex = (before: string): string => {
    const word = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]*)*$|\.?$/.exec(before)![0];
    return word.startsWith('.') ? '' : word;
  };

  it('is what the regular expression finds, scanning backwards', () => {
    expect(dottedWordBefore('x = prometheus.exporter.', 24)).toBe('prometheus.exporter.');
    expect(dottedWordBefore('x = 1.5.a', 9)).toBe('a');
    expect(dottedWordBefore('x = ..', 6)).toBe('');
    const text = fc.stringMatching(/^[a-z0-9_. =\n"A-Z]{0,30}$/);
    fc.assert(
      fc.property(text, fc.nat(), (value, at) => {
        const end = value.length === 0 ? 0 : at % (value.length + 1);
        expect(dottedWordBefore(value, end)).toBe(byRegex(value.slice(0, end)));
      }),
      { numRuns: 2000 },
    );
  });
});
