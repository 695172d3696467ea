/**
 * Property tests: `parse` never throws, every range it returns lies inside
 * the text and agrees with `positionAt`, and every node's range slices to
 * text that parses to an equal node. Inputs are random token soup, generated
 * valid configurations, and (when ../shared is present) a fixed sample of
 * corpus files, each with random insertions, deletions and truncations.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeNameSpan, LineIndex, parse, propertySpan, walk, type Attribute, type Node, type ParseResult, type Position } from '../src/index.js';
import { withoutPositions } from './helpers.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared');
const hasShared = existsSync(join(shared, 'corpus'));
if (!hasShared) console.warn(`property: ${shared} is absent; the corpus-based properties are skipped`);

function fail(message: string): never {
  throw new Error(message);
}

function checkPosition(lines: LineIndex, text: string, position: Position, what: string): void {
  if (!(position.offset >= 0 && position.offset <= text.length)) fail(`${what}: offset ${position.offset} outside 0..${text.length}`);
  const expected = lines.positionAt(position.offset);
  if (expected.line !== position.line || expected.column !== position.column) {
    fail(`${what}: ${JSON.stringify(position)} but positionAt gives ${JSON.stringify(expected)}`);
  }
}

function checkRange(lines: LineIndex, text: string, start: Position, end: Position, what: string): void {
  checkPosition(lines, text, start, `${what} start`);
  checkPosition(lines, text, end, `${what} end`);
  if (start.offset > end.offset) fail(`${what}: start ${start.offset} after end ${end.offset}`);
}

/** A node's or comment's offsets: integers inside the text, in order. */
function checkSpan(text: string, start: number, end: number, what: string): void {
  if (!Number.isInteger(start) || !Number.isInteger(end)) fail(`${what}: offsets ${start}-${end} are not integers`);
  if (start < 0 || end > text.length) fail(`${what}: offsets ${start}-${end} outside the text (length ${text.length})`);
  if (start > end) fail(`${what}: start ${start} after end ${end}`);
}

/** Parses `text` and checks every range of the result; returns the result. */
function parseChecked(text: string): ParseResult {
  const result = parse(text);
  const lines = new LineIndex(text);
  for (const diagnostic of result.diagnostics) {
    if (diagnostic.code === 'syntax/internal-error') fail(`internal error: ${diagnostic.message}`);
    checkRange(lines, text, diagnostic.range.start, diagnostic.range.end, `diagnostic ${diagnostic.message}`);
    for (const edit of diagnostic.fix?.edits ?? []) checkRange(lines, text, edit.range.start, edit.range.end, 'fix edit');
  }
  for (const comment of result.comments) {
    checkSpan(text, comment.start, comment.end, 'comment');
    if (text.slice(comment.start, comment.end) !== comment.text) fail('comment text differs from its range');
  }
  walk(result.file, {
    enter(node, parent) {
      checkSpan(text, node.start, node.end, node.type);
      if (parent && (node.start < parent.start || node.end > parent.end)) {
        fail(`${node.type} ${node.start}-${node.end} outside its parent ${parent.type} ${parent.start}-${parent.end}`);
      }
      // Names that are strings, not nodes: their derived spans hold exactly their text.
      const name = node.type === 'Attribute' ? { span: attributeNameSpan(node), text: node.name } : node.type === 'Access' ? { span: propertySpan(node), text: node.property } : null;
      if (name !== null && text.slice(name.span.start, name.span.end) !== name.text) {
        fail(`${node.type} ${node.start}-${node.end}: its name ${JSON.stringify(name.text)} is not the text at ${name.span.start}-${name.span.end}`);
      }
    },
  });
  return result;
}

function containsError(node: Node): boolean {
  let found = false;
  walk(node, {
    enter(child) {
      if (child.type === 'Error') found = true;
      return !found;
    },
  });
  return found;
}

/** The node that the slice of `node` parses to, or null when the slice is not re-parsed (names, the file). */
function reparse(node: Node, slice: string): unknown {
  switch (node.type) {
    case 'File':
    case 'Identifier':
      return null;
    case 'Attribute':
    case 'Block': {
      const body = parse(slice).file.body;
      if (body.length !== 1) fail(`statement slice ${JSON.stringify(slice)} parses to ${body.length} statements`);
      return body[0];
    }
    case 'ObjectField': {
      // No closing brace: like the slice itself, the field may be unfinished (it is then followed by EOF in the original too).
      const value = (parse(`x = {${slice}`).file.body[0] as Attribute | undefined)?.value;
      return value?.type === 'Object' ? value.fields[0] : fail(`field slice ${JSON.stringify(slice)} is not a field`);
    }
    default:
      return (parse(`x = ${slice}`).file.body[0] as Attribute | undefined)?.value ?? fail(`no expression in ${JSON.stringify(slice)}`);
  }
}

/** Every node (Error nodes and their ancestors aside) slices to text that parses to an equal node. */
function checkSlices(text: string, result: ParseResult): number {
  let checked = 0;
  walk(result.file, {
    enter(node) {
      if (node.type === 'Error' || containsError(node)) return;
      const slice = text.slice(node.start, node.end);
      const again = reparse(node, slice);
      if (again === null) return;
      expect(withoutPositions(again), `slice ${JSON.stringify(slice)}`).toEqual(withoutPositions(node));
      checked++;
    },
  });
  return checked;
}

// Pieces of Alloy text, valid and invalid, for token soup and insertions.
const fragments = [
  'a', 'b_1', 'métrica', 'true', 'null', '0', '42', '1.5e3', '.5', '1e', '"s"', '""', '"\\n"', '"\\q', '`raw`', '`',
  '"', "'x'", '=', '==', '.', ',', '+', '-', '!', '^', '*', '||', '|', '&', '(', ')', '[', ']', '{', '}', ' ', ' ',
  '\n', '\n', '\r\n', '\t', '// c\n', '/* c */', '/*', '#', '@', '\u0000', '\ufeff', '😀', '\ud800', 'é',
];
const soup = fc.array(fc.constantFrom(...fragments), { maxLength: 60 }).map((parts) => parts.join(''));

const identifier = fc.constantFrom('a', 'b_1', 'métrica', 'x', 'string', 'env', '_');
const literal = fc.oneof(
  fc.constantFrom('"s"', '""', '`r\nx`', '"e\\n\\u00e9"', '1', '0644', '1.5', '.5e3', 'true', 'false', 'null'),
  fc.nat().map(String),
);
const binaryOperator = fc.constantFrom('||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '^');
const { expression } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    identifier,
    fc.tuple(identifier, fc.array(identifier, { maxLength: 3 })).map(([head, rest]) => [head, ...rest].join('.')),
    fc.tuple(tie('expression'), binaryOperator, tie('expression')).map(([left, operator, right]) => `${left} ${operator} ${right}`),
    fc.tuple(fc.constantFrom('-', '!'), tie('expression')).map(([operator, operand]) => `${operator}${operand}`),
    tie('expression').map((inner) => `(${inner})`),
    fc.tuple(fc.array(tie('expression'), { maxLength: 4 }), fc.boolean(), fc.boolean()).map(([elements, multiLine, trailing]) =>
      multiLine && elements.length > 0
        ? `[\n  ${elements.join(',\n  ')},\n]`
        : `[${elements.join(', ')}${trailing && elements.length > 0 ? ',' : ''}]`,
    ),
    fc
      .array(fc.tuple(fc.oneof(identifier, fc.constantFrom('"k"', '`k`', '""', '"a.b"')), tie('expression')), { maxLength: 3 })
      .map((fields) => `{${fields.map(([key, value]) => `${key} = ${value}`).join(', ')}}`),
    fc.tuple(identifier, fc.array(tie('expression'), { maxLength: 3 })).map(([callee, args]) => `${callee}(${args.join(', ')})`),
    fc.tuple(identifier, tie('expression')).map(([object, index]) => `${object}[${index}]`),
    fc.tuple(tie('expression'), identifier).map(([object, property]) => `(${object}).${property}`),
  ),
}));
const { statement } = fc.letrec<{ statement: string }>((tie) => ({
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(identifier, expression).map(([name, value]) => `${name} = ${value}`),
    fc
      .tuple(fc.array(identifier, { minLength: 1, maxLength: 3 }), fc.option(fc.constantFrom('"l"', '""', '"métrique"')), fc.array(tie('statement'), { maxLength: 3 }))
      .map(([name, label, body]) => `${name.join('.')}${label === null ? '' : ` ${label}`} {\n${body.join('\n')}\n}`),
  ),
}));
const validFile = fc.array(statement, { maxLength: 5 }).map((statements) => statements.join('\n\n'));

type Mutation = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number } | { kind: 'truncate'; at: number };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom(...fragments) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

function mutate(text: string, mutations: Mutation[]): string {
  let result = text;
  for (const change of mutations) {
    const at = Math.floor(change.at * result.length);
    if (change.kind === 'insert') result = result.slice(0, at) + change.text + result.slice(at);
    else if (change.kind === 'delete') result = result.slice(0, at) + result.slice(at + change.length);
    else result = result.slice(0, at);
  }
  return result;
}

describe('random text', () => {
  it('token soup never makes parse throw and keeps every range inside the text', () => {
    fc.assert(
      fc.property(soup, (text) => {
        parseChecked(text);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 1000) },
    );
  });

  it('arbitrary Unicode never makes parse throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        parseChecked(text);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) },
    );
  });

  it('generated valid files parse without diagnostics, and every node slice re-parses to an equal node', () => {
    fc.assert(
      fc.property(validFile, (text) => {
        const result = parseChecked(text);
        expect(result.diagnostics.map((d) => d.message)).toEqual([]);
        checkSlices(text, result);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it('generated files with insertions, deletions and truncations keep the invariants', () => {
    fc.assert(
      fc.property(validFile, fc.array(mutation, { minLength: 1, maxLength: 4 }), (text, mutations) => {
        const mutated = mutate(text, mutations);
        checkSlices(mutated, parseChecked(mutated));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) },
    );
  });
});

/** About 200 corpus files, chosen evenly from the sorted list so the sample is the same on every run. */
function corpusSample(): { name: string; text: string }[] {
  const corpus = join(shared, 'corpus');
  const directories = ['alloy-repo', 'real-world/valid', 'real-world/river', 'real-world/invalid', 'doc-snippets'];
  const files = directories
    .flatMap((directory) =>
      readdirSync(join(corpus, directory))
        .filter((name) => /\.(alloy|river)$/.test(name))
        .map((name) => join(directory, name)),
    )
    .sort();
  const step = Math.max(1, Math.floor(files.length / 200));
  return files.filter((_, index) => index % step === 0).slice(0, 200).map((name) => ({ name, text: readFileSync(join(corpus, name), 'utf8') }));
}

describe.skipIf(!hasShared)('corpus files', () => {
  const sample = hasShared ? corpusSample() : [];

  it(`every node of ${sample.length} sampled corpus files slices to text that parses to an equal node`, () => {
    let nodes = 0;
    for (const { name, text } of sample) {
      try {
        nodes += checkSlices(text, parseChecked(text));
      } catch (error) {
        throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    console.log(`property: ${sample.length} corpus files, ${nodes} node slices re-parsed`);
    expect(nodes).toBeGreaterThan(sample.length);
  });

  it('sampled corpus files with random insertions, deletions and truncations never make parse throw', () => {
    fc.assert(
      fc.property(fc.nat({ max: sample.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 5 }), (index, mutations) => {
        const mutated = mutate(sample[index]!.text, mutations);
        checkSlices(mutated, parseChecked(mutated));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 400) },
    );
  });
});

describe('the seed of the property tests', () => {
  it('is fixed unless ALLOY_PROPERTY_SEED says otherwise (scripts/fast-check-seed.ts)', () => {
    const requested = process.env['ALLOY_PROPERTY_SEED'];
    const { seed } = fc.readConfigureGlobal();
    if (requested === 'random') expect(seed).toBeUndefined();
    else expect(seed).toBe(requested === undefined || requested.trim() === '' ? 20_261_207 : Number(requested));
  });
});
