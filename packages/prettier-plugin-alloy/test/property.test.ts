import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '@alloy-toolkit/syntax';
import { formatAlloy } from '../src/index.js';
import { hasErrors, normalizeTree, sortedCommentTexts } from './helpers.js';

/**
 * A generated program is a list of tokens and separators. Separators carry
 * what the formatter may depend on (is there a line break, is there a blank
 * line) and nothing else, so rendering them with different amounts of
 * whitespace must not change the formatted output.
 */
type Piece =
  | { kind: 'token'; text: string }
  | { kind: 'space' }
  | { kind: 'newline'; blank: boolean; afterLineComment: boolean };

const token = (text: string): Piece => ({ kind: 'token', text });
const space: Piece = { kind: 'space' };
const newline = (blank = false, afterLineComment = false): Piece => ({ kind: 'newline', blank, afterLineComment });

const names = ['a', 'bb', 'name', 'long_attribute_name', 'x1', 'ünïcode'];
const literals = ['1', '42', '3.14', '0644', 'true', 'false', 'null', '"v"', '"hello world"', '"ü ß"', '`raw`', '`multi\nline raw`', '"a\\"b"'];
const comments = ['// note', '// another note', '/* block */'];

const nameArb = fc.constantFrom(...names);
const separatorArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<'same' | 'next' | 'blank'>('same') },
  { weight: 2, arbitrary: fc.constant<'same' | 'next' | 'blank'>('next') },
  { weight: 1, arbitrary: fc.constant<'same' | 'next' | 'blank'>('blank') },
);

function separatorPieces(choice: 'same' | 'next' | 'blank', first: boolean): Piece[] {
  if (choice === 'same') return first ? [] : [space];
  return [newline(choice === 'blank')];
}

/** Elements of an array, object or call, with the source's line structure. */
function listPieces(
  open: string,
  close: string,
  elements: Piece[][],
  separators: Array<'same' | 'next' | 'blank'>,
  closeOnNewLine: boolean,
  trailingComment: boolean,
): Piece[] {
  const pieces: Piece[] = [token(open)];
  elements.forEach((element, index) => {
    pieces.push(...separatorPieces(separators[index]!, index === 0));
    pieces.push(...element);
    const last = index === elements.length - 1;
    if (!last || (closeOnNewLine && elements.length > 0)) pieces.push(token(','));
  });
  if (closeOnNewLine && elements.length > 0) {
    if (trailingComment) pieces.push(space, token('// tail'), newline(false, true));
    else pieces.push(newline());
  }
  pieces.push(token(close));
  return pieces;
}

const { expression } = fc.letrec<{ expression: Piece[] }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...literals).map((text) => [token(text)]),
    nameArb.map((name) => [token(name)]),
    fc.tuple(nameArb, nameArb).map(([object, property]) => [token(object), token('.'), token(property)]),
    fc
      .tuple(fc.constantFrom('+', '-', '*', '==', '&&', '||', '<='), tie('expression'), tie('expression'))
      .map(([operator, left, right]) => [...left, space, token(operator), space, ...right]),
    fc.tuple(fc.constantFrom('-', '!'), tie('expression')).map(([operator, operand]) => [token(operator), ...operand]),
    tie('expression').map((inner) => [token('('), ...inner, token(')')]),
    fc
      .tuple(nameArb, tie('expression'))
      .map(([object, index]) => [token(object), token('['), ...index, token(']')]),
    fc
      .tuple(
        fc.array(tie('expression'), { maxLength: 4 }),
        fc.array(separatorArb, { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
      )
      .map(([elements, separators, closeOnNewLine, trailingComment]) =>
        listPieces('[', ']', elements, separators, closeOnNewLine, trailingComment),
      ),
    fc
      .tuple(
        fc.array(fc.tuple(fc.oneof(nameArb, nameArb.map((name) => `"${name}"`)), tie('expression')), { maxLength: 4 }),
        fc.array(separatorArb, { minLength: 4, maxLength: 4 }),
        fc.boolean(),
      )
      .map(([fields, separators, closeOnNewLine]) =>
        listPieces(
          '{',
          '}',
          fields.map(([key, value]) => [token(key), space, token('='), space, ...value]),
          separators,
          closeOnNewLine,
          false,
        ),
      ),
    fc
      .tuple(
        fc.constantFrom('concat', 'env', 'coalesce', 'string.format'),
        fc.array(tie('expression'), { maxLength: 3 }),
        fc.array(separatorArb, { minLength: 3, maxLength: 3 }),
        fc.boolean(),
      )
      .map(([callee, args, separators, closeOnNewLine]) => [
        ...callee.split('.').flatMap((part, index) => (index === 0 ? [token(part)] : [token('.'), token(part)])),
        ...listPieces('(', ')', args, separators, closeOnNewLine, false),
      ]),
  ),
}));

interface StatementShape {
  pieces: Piece[];
}

const attributeArb: fc.Arbitrary<StatementShape> = fc
  .tuple(nameArb, expression, fc.option(fc.constantFrom(...comments), { nil: undefined }))
  .map(([name, value, comment]) => {
    const pieces = [token(name), space, token('='), space, ...value];
    if (comment !== undefined) pieces.push(space, token(comment));
    return { pieces };
  });

const bodyArb = (statement: fc.Arbitrary<StatementShape>) =>
  fc.array(fc.tuple(statement, fc.boolean(), fc.option(fc.constantFrom(...comments), { nil: undefined })), {
    maxLength: 5,
  });

function bodyPieces(items: Array<[StatementShape, boolean, string | undefined]>): Piece[] {
  const pieces: Piece[] = [];
  items.forEach(([statement, blankBefore, commentLine], index) => {
    if (index > 0) {
      const last = pieces[pieces.length - 1];
      const afterLineComment = last?.kind === 'token' && last.text.startsWith('//');
      pieces.push(newline(blankBefore, afterLineComment));
    }
    if (commentLine !== undefined) {
      pieces.push(token(commentLine), newline(false, commentLine.startsWith('//')));
    }
    pieces.push(...statement.pieces);
  });
  return pieces;
}

const blockArb: fc.Arbitrary<StatementShape> = fc
  .tuple(
    fc.constantFrom('logging', 'prometheus.scrape', 'local.file', 'discovery.relabel'),
    fc.option(fc.constantFrom('"default"', '"x"', '"long_label"'), { nil: undefined }),
    bodyArb(attributeArb),
  )
  .map(([name, label, body]) => {
    const pieces: Piece[] = [token(name)];
    if (label !== undefined) pieces.push(space, token(label));
    pieces.push(space, token('{'));
    if (body.length === 0) {
      pieces.push(space, token('}'));
    } else {
      const inner = bodyPieces(body);
      const last = inner[inner.length - 1];
      pieces.push(newline(), ...inner, newline(false, last?.kind === 'token' && last.text.startsWith('//')), token('}'));
    }
    return { pieces };
  });

const programArb = bodyArb(fc.oneof(attributeArb, blockArb)).map(bodyPieces);

/** Renders with the minimal whitespace. */
function renderBase(pieces: Piece[]): string {
  return pieces
    .map((piece) => (piece.kind === 'token' ? piece.text : piece.kind === 'space' ? ' ' : piece.blank ? '\n\n' : '\n'))
    .join('');
}

/** Draws from a fixed list of generated numbers, cyclically. */
class Choices {
  private index = 0;
  constructor(private readonly numbers: number[]) {}
  pick<T>(values: readonly T[]): T {
    const number = this.numbers[this.index++ % this.numbers.length]!;
    return values[number % values.length]!;
  }
}

/** Renders with other whitespace that keeps line breaks and keeps blank lines blank. */
function renderMutated(pieces: Piece[], choices: Choices): string {
  const horizontal = [' ', '  ', '\t', ' \t ', '    '];
  const indentation = ['', '  ', '\t', '\t\t', '        '];
  const out: string[] = [choices.pick(['', '\n', '\n\n  \n'])];
  for (const piece of pieces) {
    if (piece.kind === 'token') out.push(piece.text);
    else if (piece.kind === 'space') out.push(choices.pick(horizontal));
    else {
      if (!piece.afterLineComment) out.push(choices.pick(['', ' ', '\t ']));
      out.push('\n');
      if (piece.blank) {
        const blankLines = choices.pick([1, 2, 3]);
        for (let index = 0; index < blankLines; index++) out.push(choices.pick(['', '  ', '\t']) + '\n');
      }
      out.push(choices.pick(indentation));
    }
  }
  const last = pieces[pieces.length - 1];
  const endsWithLineComment = last?.kind === 'token' && last.text.startsWith('//');
  out.push(endsWithLineComment ? choices.pick(['', '\n', '\n\n\n']) : choices.pick(['', ' ', '\n', '\n\n\n', '\t\n']));
  return out.join('');
}

const choicesArb = fc.array(fc.nat(), { minLength: 64, maxLength: 64 }).map((numbers) => new Choices(numbers));

describe('property tests on generated programs', () => {
  it('re-spacing a program without changing its line structure does not change the output (500 runs)', () => {
    fc.assert(
      fc.property(programArb, choicesArb, (pieces, choices) => {
        const base = renderBase(pieces);
        expect(parse(base).diagnostics).toEqual([]);
        const mutated = renderMutated(pieces, choices);
        expect(parse(mutated).diagnostics).toEqual([]);
        expect(formatAlloy(mutated)).toBe(formatAlloy(base));
      }),
      { numRuns: 500 },
    );
  });

  it('formatting generated programs is idempotent and keeps the tree and the comments (500 runs)', () => {
    fc.assert(
      fc.property(programArb, (pieces) => {
        const base = renderBase(pieces);
        const formatted = formatAlloy(base);
        expect(formatAlloy(formatted)).toBe(formatted);
        const before = parse(base);
        const after = parse(formatted);
        expect(hasErrors(after)).toBe(false);
        expect(normalizeTree(after.file)).toEqual(normalizeTree(before.file));
        expect(sortedCommentTexts(after.comments)).toEqual(sortedCommentTexts(before.comments));
      }),
      { numRuns: 500 },
    );
  });
});
