/**
 * Oracle for the incremental re-parse: after any edit, `reparse` must return exactly
 * what `parse` returns for the new text (tree, comments, diagnostics, every position),
 * and must leave the previous result untouched. Corpus files from ../shared (skipped
 * when absent) and generated configurations get random edits, biased towards the
 * places where reuse is delicate: statement boundaries, strings, comments, newlines
 * and braces.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, reparse, type IncrementalChange, type ParseResult } from '../src/index.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared');
const hasShared = existsSync(join(shared, 'corpus'));
if (!hasShared) console.warn(`incremental: ${shared}/corpus is absent; the corpus-based oracle is skipped`);

function alloyFiles(directory: string, into: string[] = []): string[] {
  for (const name of readdirSync(directory).sort()) {
    const full = join(directory, name);
    if (statSync(full).isDirectory()) alloyFiles(full, into);
    else if (name.endsWith('.alloy')) into.push(full);
  }
  return into;
}

/** Every 10th corpus file that parses without diagnostics and has at least four top-level statements (a single statement is always re-parsed), up to 60. */
function corpusSample(): string[] {
  if (!hasShared) return [];
  const texts: string[] = [];
  const files = alloyFiles(join(shared, 'corpus'));
  for (let index = 0; index < files.length && texts.length < 60; index += 10) {
    const text = readFileSync(files[index]!, 'utf8');
    if (text.length >= 20000) continue;
    const result = parse(text);
    if (result.diagnostics.length === 0 && result.file.body.length >= 4) texts.push(text);
  }
  return texts;
}

const generated = [
  'logging {\n  level = "info"\n}\n\nprometheus.exporter.unix "node" {\n}\n\n// scrape it\nprometheus.scrape "s" {\n  targets    = prometheus.exporter.unix.node.targets\n  forward_to = [prometheus.remote_write.out.receiver]\n}\n\nprometheus.remote_write "out" {\n  endpoint {\n    url = "http://localhost:9009/api/v1/push" /* inline */\n  }\n}\n',
  'a = 1\nb = "two" // two\n/* block\ncomment */\nc = [1, 2, {x = 3}]\nd = f(1, `raw`)\n\n\ne { }\n',
];

const snippets = ['\n', '{', '}', '"', '//', '/*', '*/', ' ', 'x', '= 1', 'a = 1\n', 'b {\n}\n', '#', ',', '`', 'logging {\n  level = "debug"\n}', '\n\n', ';'];

interface EditPlan {
  /** Where the edit starts, as a fraction of the text, or snapped to an interesting place. */
  at: number;
  snap: 'none' | 'statement-start' | 'statement-end' | 'string' | 'comment' | 'newline' | 'brace' | 'word';
  removed: number;
  inserted: string;
}

/** Anything anywhere: mostly edits that break the syntax, to exercise the fallbacks. */
const hostileEdit: fc.Arbitrary<EditPlan> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  snap: fc.constantFrom('none', 'statement-start', 'statement-end', 'string', 'comment', 'newline', 'brace'),
  removed: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 40 })),
  inserted: fc.oneof(fc.constant(''), fc.constantFrom(...snippets), fc.string({ maxLength: 6 })),
});

/** What most keystrokes are: a letter typed or deleted inside a word (a name, a string, a comment). */
const typingEdit: fc.Arbitrary<EditPlan> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  snap: fc.constant('word' as const),
  removed: fc.constantFrom(0, 0, 1),
  inserted: fc.constantFrom('', 'x', 'e', '_'),
});

const editPlan: fc.Arbitrary<EditPlan> = fc.oneof({ weight: 2, arbitrary: typingEdit }, { weight: 1, arbitrary: hostileEdit });

/** Offsets of the places `snap` names in `text` (by its parse), or all offsets. */
function candidates(text: string, previous: ParseResult, snap: EditPlan['snap']): number[] {
  const offsets: number[] = [];
  const characters = (pattern: RegExp) => {
    for (let index = 0; index < text.length; index++) if (pattern.test(text[index]!)) offsets.push(index, index + 1);
  };
  switch (snap) {
    case 'statement-start':
      for (const statement of previous.file.body) offsets.push(statement.start);
      break;
    case 'statement-end':
      for (const statement of previous.file.body) offsets.push(statement.end);
      break;
    case 'comment':
      for (const comment of previous.comments) offsets.push(comment.start, comment.start + 1, comment.end - 1, comment.end);
      break;
    case 'string':
      characters(/["`]/);
      break;
    case 'newline':
      characters(/\n/);
      break;
    case 'brace':
      characters(/[{}]/);
      break;
    case 'word':
      for (let index = 1; index < text.length - 1; index++) if (/[a-z_]/.test(text[index - 1]!) && /[a-z_]/.test(text[index]!)) offsets.push(index);
      break;
    case 'none':
      break;
  }
  return offsets;
}

function toChange(text: string, previous: ParseResult, plan: EditPlan, asRange: boolean): IncrementalChange {
  const places = candidates(text, previous, plan.snap);
  const start = places.length > 0 ? places[Math.floor(plan.at * places.length) % places.length]! : Math.floor(plan.at * (text.length + 1));
  const end = Math.min(text.length, start + plan.removed);
  if (!asRange) return { startOffset: start, endOffset: end, text: plan.inserted };
  // LSP lines end at \r\n, \r or \n (an offset between \r and \n is not a position of its own).
  const lspPosition = (offset: number) => {
    const before = text.slice(0, offset);
    const breaks = before.match(/\r\n|\r|\n/g) ?? [];
    const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    return { line: breaks.length, character: offset - (lastBreak + 1) };
  };
  return { range: { start: lspPosition(start), end: lspPosition(end) }, text: plan.inserted };
}

/** Deep copy for the check that `reparse` leaves its input untouched. */
function snapshot(result: ParseResult): string {
  return JSON.stringify(comparable(result));
}

/** A parse result without its LineIndex's lookup cursor (which depends on the lookups made), lines by their starts. */
function comparable(result: ParseResult): object {
  return { file: result.file, comments: result.comments, diagnostics: result.diagnostics, text: result.lines.text, lineStarts: [...result.lines.lineStarts] };
}

describe('reparse', () => {
  it('keeps the statements an edit does not touch and shifts those after it', () => {
    const text = 'a = 1\nb = 2\n\nc {\n  d = 3\n}\n';
    const previous = parse(text);
    const before = snapshot(previous);
    const { result, incremental, text: newText } = reparse(text, previous, { startOffset: 10, endOffset: 11, text: '22\n' });
    expect(newText).toBe('a = 1\nb = 22\n\n\nc {\n  d = 3\n}\n');
    expect(incremental).toBe(true);
    expect(comparable(result)).toStrictEqual(comparable(parse(newText)));
    expect(result.file.body[0]).toBe(previous.file.body[0]);
    expect(result.lines.positionAt(result.file.body[2]!.start)).toEqual({ offset: 15, line: 5, column: 1 });
    expect(snapshot(previous)).toBe(before);
  });

  it('shifts columns on the line where the change ends', () => {
    const text = 'a = 1\n  b = 2\n';
    const { result, incremental, text: newText } = reparse(text, parse(text), { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: '   ' });
    expect(incremental).toBe(true);
    expect(newText).toBe('a = 1\n    b = 2\n');
    expect(result.lines.positionAt(result.file.body[1]!.start)).toEqual({ offset: 10, line: 2, column: 5 });
    expect(comparable(result)).toStrictEqual(comparable(parse(newText)));
  });

  it('reads LSP ranges with the editor\'s line breaks: \\r\\n, \\r and \\n each end a line', () => {
    const text = 'a = 1\r\nb = 2\rc = 3\nd = 4\n';
    const change = (line: number, character: number, endCharacter = character) =>
      reparse(text, parse(text), { range: { start: { line, character }, end: { line, character: endCharacter } }, text: 'x' }).text;
    expect(change(1, 0)).toBe('a = 1\r\nxb = 2\rc = 3\nd = 4\n');
    expect(change(2, 0)).toBe('a = 1\r\nb = 2\rxc = 3\nd = 4\n');
    expect(change(3, 4, 5)).toBe('a = 1\r\nb = 2\rc = 3\nd = x\n');
    // A character past the end of its line is the line's end, before its line break.
    expect(change(0, 99)).toBe('a = 1x\r\nb = 2\rc = 3\nd = 4\n');
    expect(change(1, 99)).toBe('a = 1\r\nb = 2x\rc = 3\nd = 4\n');
    // A line past the last is the end of the text.
    expect(change(9, 0)).toBe(`${text}x`);
  });

  it('moves the statements after the change in place when the caller gives the previous parse up', () => {
    const text = 'a = 1\nb = [1, 2]\nc { d = x.y(1) + -2 }\n';
    const previous = parse(text);
    const moved = previous.file.body[2]!;
    const { result, incremental, text: newText } = reparse(text, previous, { startOffset: 0, endOffset: 0, text: '\n' }, { consumePrevious: true });
    expect(incremental).toBe(true);
    expect(result.file.body[2]).toBe(moved);
    expect(comparable(result)).toStrictEqual(comparable(parse(newText)));
  });

  it('moves a position object shared by two ends once (a zero-width key from error recovery)', () => {
    const text = 'a = 1\nb = 2\nc = [{{x = 3}]\n';
    const previous = parse(text);
    expect(previous.diagnostics).toHaveLength(1);
    const next = reparse(text, previous, { startOffset: 0, endOffset: 0, text: '\n' }, { consumePrevious: true });
    expect(next.incremental).toBe(true);
    expect(comparable(next.result)).toStrictEqual(comparable(parse(next.text)));
  });

  it('does not keep an error that recovery reported beyond the statements around the change', () => {
    // `{` after `"two"` opens a block that runs to the end of the file: the error is at EOF.
    const text = 'a = 1\nb = "two" {// two\nc = 3\n';
    const previous = parse(text);
    expect(previous.diagnostics).toHaveLength(1);
    const next = reparse(text, previous, { startOffset: 12, endOffset: 12, text: 'x' });
    expect(comparable(next.result)).toStrictEqual(comparable(parse(next.text)));
    // A newline typed where a missing one was reported: the old error at the next statement goes.
    const joined = 'a = 1 b = 2\nc = 3\n';
    const split = reparse(joined, parse(joined), { startOffset: 5, endOffset: 5, text: '\n' });
    expect(comparable(split.result)).toStrictEqual(comparable(parse(split.text)));
    expect(split.result.diagnostics).toEqual([]);
  });

  it('parses the whole text when the previous parse had errors or statements would merge', () => {
    const broken = 'a = (1\nb = 2\n';
    expect(reparse(broken, parse(broken), { startOffset: 10, endOffset: 11, text: '3' }).incremental).toBe(false);
    const text = 'a = 1\nb = 2\n';
    const merged = reparse(text, parse(text), { startOffset: 5, endOffset: 6, text: ' ' });
    expect(merged.incremental).toBe(false);
    expect(comparable(merged.result)).toStrictEqual(comparable(parse('a = 1 b = 2\n')));
  });

  const texts = [...generated, ...corpusSample()];
  let cases = 0;
  let incrementalCases = 0;

  it(`equals a fresh parse after random edit sequences (${texts.length} files)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.array(fc.tuple(editPlan, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 6 }), (which, plans) => {
        let text = texts[which]!;
        let previous = parse(text);
        for (const [plan, asRange, consumePrevious] of plans) {
          const before = consumePrevious ? '' : snapshot(previous);
          const change = toChange(text, previous, plan, asRange);
          const next = reparse(text, previous, change, { consumePrevious });
          const fresh = parse(next.text);
          expect(comparable(next.result)).toStrictEqual(comparable(fresh));
          // Unless given up, the previous result is left as it was.
          if (!consumePrevious) expect(snapshot(previous)).toBe(before);
          cases++;
          if (next.incremental) incrementalCases++;
          text = next.text;
          previous = next.result;
        }
      }),
      // ALLOY_REPARSE_ORACLE_RUNS raises the count for a longer hunt (thousands of runs found bugs 400 missed).
      { numRuns: Number(process.env.ALLOY_REPARSE_ORACLE_RUNS ?? 400) },
    );
    console.log(`incremental: ${incrementalCases} of ${cases} edits reused statements`);
    expect(incrementalCases).toBeGreaterThan(cases / 2);
  }, 60_000 + Number(process.env.ALLOY_REPARSE_ORACLE_RUNS ?? 0) * 100);
});
