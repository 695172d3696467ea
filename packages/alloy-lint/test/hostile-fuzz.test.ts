/**
 * Fuzzing of the parser, the formatter and the checker: arbitrary strings, mutated real configs
 * and grammar-shaped random configs. Nothing may throw (the formatter may throw only its
 * documented `AlloySyntaxError`, with diagnostics), every position must lie in the text with
 * 1-based lines and columns that match its offset, and formatted output must parse cleanly.
 *
 * CI runs a fixed-seed sample. The long run: `ALLOY_FUZZ_RUNS=100000 npx vitest run
 * test/hostile-fuzz.test.ts` (`ALLOY_FUZZ_SEED` picks another seed; `ALLOY_FUZZ_KEEP_GOING=1`
 * records every distinct failure instead of stopping at the first and shrinking it).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConfig, checkText } from '@alloy-toolkit/checker';
import { parse, tokenize, type Diagnostic, type LineIndex, type Position } from '@alloy-toolkit/syntax';
import fc from 'fast-check';
import { AlloySyntaxError, formatAlloy } from 'prettier-plugin-alloy';
import { afterAll, describe, expect, it } from 'vitest';
import { checkerBuilt, formatterBuilt, noteSkip, repoRoot, sharedDir, syntaxBuilt } from './helpers.js';

const TOTAL_RUNS = Number(process.env['ALLOY_FUZZ_RUNS'] ?? 3000);
const SEED = Number(process.env['ALLOY_FUZZ_SEED'] ?? 20261206);
const KEEP_GOING = process.env['ALLOY_FUZZ_KEEP_GOING'] === '1';
// About a millisecond an input in CI; the long run gets the same rate with room to spare.
const TIMEOUT_MS = Math.max(120_000, TOTAL_RUNS * 20);

const packagesBuilt = syntaxBuilt && checkerBuilt && formatterBuilt;
noteSkip(!packagesBuilt, 'syntax, checker or prettier-plugin-alloy is not built; the fuzzing run needs their dist/');

// ---------------------------------------------------------------------------------------------
// Invariants

/** Line and column of `offset` as the syntax package counts them: only LF ends a line. */
function expectedPosition(text: string, lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function checkPosition(text: string, lineStarts: number[], position: Position, what: string): void {
  if (!Number.isInteger(position.offset) || position.offset < 0 || position.offset > text.length) {
    throw new Error(`${what}: offset ${position.offset} outside the text (length ${text.length})`);
  }
  const expected = expectedPosition(text, lineStarts, position.offset);
  if (position.line !== expected.line || position.column !== expected.column) {
    throw new Error(`${what}: offset ${position.offset} is at ${expected.line}:${expected.column}, not ${position.line}:${position.column}`);
  }
}

function checkDiagnostics(text: string, diagnostics: readonly Diagnostic[], source: string): void {
  const lineStarts = lineStartsOf(text);
  for (const diagnostic of diagnostics) {
    const what = `${source} ${diagnostic.code}`;
    if (typeof diagnostic.message !== 'string' || diagnostic.message === '') throw new Error(`${what}: empty message`);
    if (diagnostic.code.endsWith('internal-error')) throw new Error(`${what}: ${diagnostic.message}`);
    checkPosition(text, lineStarts, diagnostic.range.start, `${what} start`);
    checkPosition(text, lineStarts, diagnostic.range.end, `${what} end`);
    if (diagnostic.range.start.offset > diagnostic.range.end.offset) throw new Error(`${what}: range ends before it starts`);
    for (const edit of diagnostic.fix?.edits ?? []) {
      checkPosition(text, lineStarts, edit.range.start, `${what} fix start`);
      checkPosition(text, lineStarts, edit.range.end, `${what} fix end`);
    }
  }
}

function checkParse(text: string): void {
  const result = parse(text);
  checkDiagnostics(text, result.diagnostics, 'parse');
  const lineStarts = lineStartsOf(text);
  for (const statement of result.file.body) {
    checkOffset(text, lineStarts, result.lines, statement.start, `statement ${statement.type} start`);
    checkOffset(text, lineStarts, result.lines, statement.end, `statement ${statement.type} end`);
  }
}

/** A node offset lies in the text, and the parse result's lines give it the line and column it is at. */
function checkOffset(text: string, lineStarts: number[], lines: LineIndex, offset: number, what: string): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) {
    throw new Error(`${what}: offset ${offset} outside the text (length ${text.length})`);
  }
  checkPosition(text, lineStarts, { offset, line: lines.lineOf(offset), column: lines.columnOf(offset) }, what);
}

/**
 * The tokens that carry meaning: no comments, line ends or commas (the formatter may add a
 * trailing one), and no empty block label (`a "" { }` is `a { }`, and upstream prints it so).
 */
function meaningfulTokens(text: string): string[] {
  const tokens = tokenize(text).filter((token) => token.kind !== 'COMMENT' && token.kind !== 'TERMINATOR' && token.kind !== ',' && token.kind !== 'EOF');
  return tokens
    .filter((token, index) => !(token.kind === 'STRING' && token.text === '""' && tokens[index + 1]?.kind === '{' && tokens[index - 1]?.kind === 'IDENT'))
    .map((token) => `${token.kind} ${token.text}`);
}

function commentCount(text: string): number {
  return tokenize(text).filter((token) => token.kind === 'COMMENT').length;
}

function checkFormat(text: string): void {
  let formatted: string;
  try {
    formatted = formatAlloy(text);
  } catch (error) {
    if (!(error instanceof AlloySyntaxError)) throw error;
    if (error.diagnostics.length === 0) throw new Error('AlloySyntaxError without diagnostics');
    checkDiagnostics(text, error.diagnostics, 'formatter error');
    return;
  }
  const problem = formattedOutputProblem(text, formatted);
  if (problem !== undefined) throw new Error(problem);
}

/** What is wrong with `formatted` as the formatting of `text`, if anything. */
function formattedOutputProblem(text: string, formatted: string): string | undefined {
  const errors = parse(formatted).diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) {
    return `formatted output does not parse: ${errors[0]?.message} at ${errors[0]?.range.start.line}:${errors[0]?.range.start.column}`;
  }
  // Formatting changes layout only: the same tokens in the same order, and every comment kept.
  const before = meaningfulTokens(text);
  const after = meaningfulTokens(formatted);
  const firstDifference = before.findIndex((token, index) => token !== after[index]);
  if (firstDifference !== -1 || before.length !== after.length) {
    const index = firstDifference === -1 ? Math.min(before.length, after.length) : firstDifference;
    return `formatting changed the tokens: token ${index} was ${JSON.stringify(before[index])}, is ${JSON.stringify(after[index])}`;
  }
  if (commentCount(text) !== commentCount(formatted)) return 'formatting changed the number of comments';
  return undefined;
}

function checkChecker(text: string): void {
  const result = checkText(text, { fileName: 'fuzz.alloy', siblings: false });
  checkDiagnostics(text, result.diagnostics, 'checkText');
  const config = checkConfig([
    { fileName: 'b.alloy', text },
    { fileName: 'a.alloy', text: 'logging {\n  level = "info"\n}\n' },
  ]);
  const own = config.files.find((file) => file.fileName === 'b.alloy');
  if (!own) throw new Error('checkConfig lost a file');
  checkDiagnostics(text, own.diagnostics, 'checkConfig');
}

const workDir = mkdtempSync(join(tmpdir(), 'alloy-fuzz-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
let siblingRun = 0;

/** checkText of a file on disk with a sibling, so sibling lookups and imports by path run too. */
function checkWithSiblings(text: string, sibling: string): void {
  const directory = join(workDir, `run-${siblingRun++}`);
  mkdirSync(directory);
  try {
    const fileName = join(directory, 'main.alloy');
    writeFileSync(fileName, text);
    writeFileSync(join(directory, 'sibling.alloy'), sibling);
    const result = checkText(text, { fileName });
    checkDiagnostics(text, result.diagnostics, 'checkText with siblings');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function checkAll(text: string): void {
  checkParse(text);
  checkFormat(text);
  checkChecker(text);
}

// ---------------------------------------------------------------------------------------------
// Inputs

const ODD_CHARACTERS = [
  '\0', '\r', '\r\n', '\n', '\t', '\v', '\f', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffd', '\ud800', '\udfff',
  '\ud83d\ude00', '\u0301', '\u200b', '\u202e', '\u00b5', '\u03bc', '\u1680', '\u3000', '\u001b[2J', '\u009b', '\\',
  '"', '`', '\'', '/*', '*/', '//', '#', '{', '}', '[', ']', '(', ')', '=', ',', '.', ':', '?', '!', '&&', '||', '..',
];

const character = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_CHARACTERS) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const arbitraryText = fc.array(character, { maxLength: 400, size: 'medium' }).map((parts) => parts.join(''));

const identifier = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('a', 'b', 'x', 'prometheus', 'remote_write', 'default', 'targets', 'forward_to', 'url', 'local', 'file', 'argument', 'export', 'declare', 'import', 'logging', 'true', 'null', 'sys', 'env', 'coalesce', 'receiver') },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/) },
  { weight: 1, arbitrary: fc.constantFrom('ä', 'δ', 'x\u0301', '名前', '_1', '1a', '') },
);

const stringLiteral = fc.oneof(
  fc.constantFrom('"15s"', '"http://h:9090/api/v1/write"', '"\\n\\t\\u00e9"', '"\\x"', '"\\u{1F600}"', '"\\uD800"', '"unterminated', '""'),
  fc.array(character, { maxLength: 12 }).map((parts) => JSON.stringify(parts.join(''))),
  fc.array(character, { maxLength: 12 }).map((parts) => '`' + parts.join('').replaceAll('`', '') + '`'),
);

const number = fc.oneof(
  fc.constantFrom('0', '1', '-1', '1.5', '1e3', '0x1F', '9223372036854775808', '1e400', '.5', '1.', '0777', '1_000'),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);

const operator = fc.constantFrom('+', '-', '*', '/', '%', '^', '==', '!=', '<', '<=', '>', '>=', '&&', '||', '=', '!');

const { expression } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    identifier,
    number,
    stringLiteral,
    fc.constantFrom('true', 'false', 'null', 'sys.env("HOME")', 'prometheus.exporter.unix.default.targets'),
    fc.tuple(tie('expression'), operator, tie('expression')).map(([left, op, right]) => `${left} ${op} ${right}`),
    fc.array(tie('expression'), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
    fc.array(fc.tuple(identifier, tie('expression')), { maxLength: 3 }).map((fields) => `{ ${fields.map(([key, value]) => `${key} = ${value}`).join(', ')} }`),
    fc.tuple(identifier, fc.array(tie('expression'), { maxLength: 3 })).map(([name, args]) => `${name}(${args.join(', ')})`),
    fc.tuple(tie('expression'), identifier).map(([target, name]) => `${target}.${name}`),
    fc.tuple(tie('expression'), tie('expression')).map(([target, index]) => `${target}[${index}]`),
    tie('expression').map((inner) => `(${inner})`),
    tie('expression').map((inner) => `!${inner}`),
  ),
}));

// Past the parser's limits (250 nested brackets, 500 operators in a chain) and far beyond.
const deepBrackets = fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('(', '[', '{ a = ', '!', '-'), fc.boolean()).map(([depth, open, closed]) => {
  const close = open === '(' ? ')' : open === '[' ? ']' : open === '{ a = ' ? ' }' : '';
  return `x = ${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}\n`;
});
const longChain = fc.tuple(fc.integer({ min: 1, max: 3000 }), operator).map(([length, op]) => `x = 1${` ${op} 1`.repeat(length)}\n`);

const { statement } = fc.letrec<{ statement: string; body: string }>((tie) => ({
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(identifier, expression).map(([name, value]) => `${name} = ${value}`),
    fc.tuple(fc.array(identifier, { minLength: 1, maxLength: 4 }), fc.option(stringLiteral, { nil: undefined }), tie('body')).map(
      ([names, label, body]) => `${names.join('.')}${label === undefined ? '' : ` ${label}`} {\n${body}\n}`,
    ),
    fc.constantFrom('// comment', '/* block */', '/* unterminated', '#!/bin/alloy', 'declare "d" {\n argument "a" { }\n export "e" { value = argument.a.value }\n}', 'import.file "m" {\n filename = "other.alloy"\n}', 'm.d "x" { a = 1 }'),
  ),
  body: fc.array(tie('statement'), { maxLength: 5 }).map((statements) => statements.join('\n')),
}));

const lineEnding = fc.constantFrom('\n', '\r\n', '\r', '\n\n', ' ');
const grammarConfig = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.array(statement, { maxLength: 8 }), lineEnding).map(([statements, end]) => statements.join('\n').replaceAll('\n', end)) },
  { weight: 1, arbitrary: deepBrackets },
  { weight: 1, arbitrary: longChain },
);

function readCorpus(): string[] {
  const texts: string[] = [];
  const directories = [join(sharedDir, 'corpus/real-world/valid'), join(repoRoot, 'examples')];
  for (const directory of directories) {
    let names: string[];
    try {
      names = readdirSync(directory).filter((name) => name.endsWith('.alloy'));
    } catch {
      console.log(`[alloy-lint tests] fuzzing without ${directory}: it is absent`);
      continue;
    }
    for (const name of names.sort()) texts.push(readFileSync(join(directory, name), 'utf8'));
  }
  return texts;
}

const corpus = packagesBuilt ? readCorpus() : [];

type Mutation = (text: string, position: number, length: number, insert: string) => string;
const mutations: Mutation[] = [
  (text, position, length) => text.slice(0, position) + text.slice(position + length),
  (text, position, _length, insert) => text.slice(0, position) + insert + text.slice(position),
  (text, position, length, insert) => text.slice(0, position) + insert + text.slice(position + length),
  (text, position, length) => text.slice(0, position) + text.slice(position, position + length).repeat(3) + text.slice(position),
  (text, position) => text.slice(position) + text.slice(0, position),
  (text, position) => text.slice(0, position),
  (text) => text.replaceAll('\n', '\r\n'),
];

const mutatedCorpus =
  corpus.length === 0
    ? arbitraryText
    : fc
        .tuple(
          fc.integer({ min: 0, max: corpus.length - 1 }),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 40 }), fc.oneof(character, expression, statement), fc.nat({ max: mutations.length - 1 })), {
            minLength: 1,
            maxLength: 4,
          }),
        )
        .map(([index, edits]) => {
          let text = corpus[index] ?? '';
          for (const [at, length, insert, which] of edits) {
            const mutate = mutations[which] ?? mutations[0]!;
            text = mutate(text, text.length === 0 ? 0 : at % (text.length + 1), length, insert);
          }
          return text;
        });

// ---------------------------------------------------------------------------------------------
// Properties

const failures = new Map<string, { input: string; error: string }>();

/** Runs `check`; in keep-going mode a failure is recorded (once per message and place) and the run goes on. */
function guarded<T extends unknown[]>(check: (...inputs: T) => void): (...inputs: T) => void {
  if (!KEEP_GOING) return check;
  return (...inputs) => {
    try {
      check(...inputs);
    } catch (error) {
      const text = error instanceof Error ? `${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n') ?? ''}` : String(error);
      const key = text.replace(/\d+/g, 'N');
      if (!failures.has(key)) failures.set(key, { input: JSON.stringify(inputs), error: text });
    }
  };
}

function runs(share: number): number {
  return Math.max(1, Math.round(TOTAL_RUNS * share));
}

describe.skipIf(!packagesBuilt)('fuzzing the parser, formatter and checker', () => {
  it('arbitrary strings', () => {
    fc.assert(fc.property(arbitraryText, guarded(checkAll)), { seed: SEED, numRuns: runs(0.3) });
  }, TIMEOUT_MS);

  it('mutated real configurations', () => {
    fc.assert(fc.property(mutatedCorpus, guarded(checkAll)), { seed: SEED + 1, numRuns: runs(0.3) });
  }, TIMEOUT_MS);

  it('grammar-shaped random configurations', () => {
    fc.assert(fc.property(grammarConfig, guarded(checkAll)), { seed: SEED + 2, numRuns: runs(0.3) });
  }, TIMEOUT_MS);

  it('checkText with a sibling file on disk', () => {
    const input = fc.oneof(grammarConfig, mutatedCorpus, arbitraryText);
    fc.assert(fc.property(input, input, guarded(checkWithSiblings)), { seed: SEED + 3, numRuns: runs(0.1) });
  }, TIMEOUT_MS);

  it('the formatting invariants catch a changed or broken output', () => {
    expect(formattedOutputProblem('x = 1\n', 'x = 1\n')).toBeUndefined();
    expect(formattedOutputProblem('x = [1, 2]\n', 'x = [\n\t1,\n\t2,\n]\n')).toBeUndefined();
    expect(formattedOutputProblem('x = 1 // c\ny = 2\n', 'x = 1 // cy = 2\n')).toBe('formatting changed the tokens: token 3 was "IDENT y", is undefined');
    expect(formattedOutputProblem('x = 1 // c\n', 'x = 1\n')).toBe('formatting changed the number of comments');
    expect(formattedOutputProblem('a { }\n', 'a {\n')).toMatch(/^formatted output does not parse/);
  });

  it('formats the inputs the fuzzing once found changed (a form feed in a comment, a comment in a broken block name)', () => {
    for (const text of ['x = 1 //\f\ny = 2\n', 'a {\n  b = 1 //\f\n}\nc {}\n', 'a.\n// c\nb "l" {\n}\n']) {
      expect(formattedOutputProblem(text, formatAlloy(text))).toBeUndefined();
    }
  });

  it('the invariants catch malformed results', () => {
    const text = 'a = 1\nb = 2\n';
    const at = (offset: number, line: number, column: number): Position => ({ offset, line, column });
    const diagnostic = (start: Position, end: Position): Diagnostic => ({ code: 'test/x', severity: 'error', message: 'm', range: { start, end } });
    expect(() => checkDiagnostics(text, [diagnostic(at(6, 2, 1), at(7, 2, 2))], 'test')).not.toThrow();
    expect(() => checkDiagnostics(text, [diagnostic(at(6, 1, 7), at(7, 2, 2))], 'test')).toThrow('offset 6 is at 2:1, not 1:7');
    expect(() => checkDiagnostics(text, [diagnostic(at(6, 2, 1), at(99, 2, 2))], 'test')).toThrow('outside the text');
    expect(() => checkDiagnostics(text, [diagnostic(at(7, 2, 2), at(6, 2, 1))], 'test')).toThrow('ends before it starts');
    expect(() => checkDiagnostics(text, [{ ...diagnostic(at(0, 1, 1), at(0, 1, 1)), code: 'alloy/internal-error' }], 'test')).toThrow('internal-error');
  });

  it.runIf(KEEP_GOING)('no failure was recorded', () => {
    const directory = mkdtempSync(join(tmpdir(), 'alloy-fuzz-failures-'));
    let index = 0;
    for (const { input, error } of failures.values()) {
      const file = join(directory, `failure-${index++}.json`);
      writeFileSync(file, input);
      console.log(`fuzz failure: ${error}\ninput (JSON array of the property's arguments): ${file}\n`);
    }
    expect([...failures.values()].map((failure) => failure.error)).toEqual([]);
  });
});
