/**
 * Differential test against upstream's own parser and printer (alloy-oracle, built from
 * ../shared/oracle): every corpus file and seeded mutants of them (ALLOY_ORACLE_MUTANTS, 5,000 by
 * default) go through both. Same verdict, same diagnostics (message, line, byte column, order),
 * and the same bytes from formatAlloy as from `alloy fmt`, except the deviations the README
 * documents, each a named category checked against upstream on its own.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { byteColumn, goQuote, parse, tokenize, walk, type ParseResult } from '@alloy-toolkit/syntax';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAlloy } from '../src/index.js';
import { hasShared, readText, sharedDir } from './helpers.js';
import { mutate, seededRandom } from './mutants.js';
import { alloyOracle, oracleCheck, oracleFormat, type OracleAvailability, type OracleCheck } from './oracle.js';

/** Fixed, so that every run checks the same mutants; ALLOY_ORACLE_SEED picks other ones. */
const MUTANT_SEED = Number(process.env.ALLOY_ORACLE_SEED ?? 13);
const mutantCount = Number(process.env.ALLOY_ORACLE_MUTANTS ?? 5000);
/** Goals of issue #13. */
const DIAGNOSTICS_GOAL = 0.999;

const oracle: OracleAvailability = hasShared ? alloyOracle() : { available: false, reason: `${sharedDir} is absent` };
if (!oracle.available) console.warn(`[prettier-plugin-alloy] skipping the differential tests against alloy-oracle: ${oracle.reason}`);
const binary = oracle.available ? oracle.binary : '';

interface Input {
  name: string;
  text: string;
}

function corpusInputs(): Input[] {
  const corpus = path.join(sharedDir, 'corpus');
  const directories = ['alloy-repo', 'real-world/valid', 'real-world/river', 'real-world/invalid', 'doc-snippets'];
  return directories.flatMap((directory) =>
    readdirSync(path.join(corpus, directory))
      .filter((name) => /\.(alloy|river)$/.test(name))
      .sort()
      .map((name) => ({ name: `${directory}/${name}`, text: readText(path.join(corpus, directory, name)) })),
  );
}

function ourDiagnostics(text: string, result: ParseResult): string[] {
  return result.diagnostics.map((diagnostic) => `${diagnostic.range.start.line}:${byteColumn(text, diagnostic.range.start)}: ${diagnostic.message}`);
}

function upstreamDiagnostics(check: OracleCheck): string[] {
  return check.diags.map((diagnostic) => `${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function formatOrError(text: string): string {
  try {
    return formatAlloy(text);
  } catch (error) {
    return `formatAlloy threw: ${error instanceof Error ? error.message : String(error)}`;
  }
}

// --- the documented deviations (README, "Deliberate deviations from alloy fmt") ---------------

interface TextEdit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/**
 * A deviation: whether an input has the construct, and an edit of the input that removes the
 * construct without touching anything else (null where it cannot be removed), so that what is
 * left must format exactly as upstream does.
 */
interface Deviation {
  name: string;
  occursIn(text: string, result: ParseResult): boolean;
  neutralize: ((text: string, result: ParseResult) => string) | null;
}

function stringTokens(text: string): { start: number; end: number; text: string }[] {
  return tokenize(text).filter((token) => token.kind === 'STRING');
}

function quotedKeysNeedingEscapes(result: ParseResult): { start: number; end: number }[] {
  const keys: { start: number; end: number }[] = [];
  walk(result.file, {
    enter(node) {
      if (node.type === 'ObjectField' && node.key.quoted && goQuote(node.key.name) !== `"${node.key.name}"`) {
        keys.push({ start: node.key.start, end: node.key.end });
      }
    },
  });
  return keys;
}

function multiLineCalls(result: ParseResult): number {
  let count = 0;
  walk(result.file, {
    enter(node) {
      if (node.type === 'Call' && result.lines.lineOf(node.start) !== result.lines.lineOf(node.end)) count++;
    },
  });
  return count;
}

function commentTokens(text: string): { start: number; end: number; text: string }[] {
  return tokenize(text).filter((token) => token.kind === 'COMMENT');
}

/** Comments inside the name of a block whose name is broken over lines (`a.` / `// c` / `b {`). */
function commentsInBrokenBlockNames(result: ParseResult): { start: number; end: number }[] {
  const names: { start: number; end: number }[] = [];
  walk(result.file, {
    enter(node) {
      const last = node.type === 'Block' ? node.name[node.name.length - 1] : undefined;
      if (node.type === 'Block' && last !== undefined && result.lines.lineOf(last.start) !== result.lines.lineOf(node.start)) {
        names.push({ start: node.start, end: last.start });
      }
    },
  });
  return result.comments
    .filter((comment) => names.some((name) => comment.start >= name.start && comment.start < name.end))
    .map((comment) => ({ start: comment.start, end: comment.end }));
}

const deviations: Deviation[] = [
  {
    name: 'a TAB, vertical tab or form feed inside a string literal is kept',
    occursIn: (text) => stringTokens(text).some((token) => /[\t\v\f]/.test(token.text)),
    neutralize: (text) =>
      applyEdits(
        text,
        stringTokens(text)
          .filter((token) => /[\t\v\f]/.test(token.text))
          .map((token) => ({
            ...token,
            text: token.text.replaceAll('\t', token.text.startsWith('`') ? ' ' : '\\t').replace(/[\v\f]/g, ' '),
          })),
      ),
  },
  {
    name: 'a form feed inside a comment is text, not a line break',
    occursIn: (text) => commentTokens(text).some((token) => token.text.includes('\f')),
    neutralize: (text) =>
      applyEdits(
        text,
        commentTokens(text)
          .filter((token) => token.text.includes('\f'))
          .map((token) => ({ ...token, text: token.text.replaceAll('\f', ' ') })),
      ),
  },
  {
    name: 'comments inside a block name broken over lines are printed before the block',
    occursIn: (_text, result) => commentsInBrokenBlockNames(result).length > 0,
    neutralize: (text, result) => applyEdits(text, commentsInBrokenBlockNames(result).map((comment) => ({ ...comment, text: '' }))),
  },
  {
    name: 'a quoted object key that %q would escape is kept as written',
    occursIn: (_text, result) => quotedKeysNeedingEscapes(result).length > 0,
    neutralize: (text, result) => applyEdits(text, quotedKeysNeedingEscapes(result).map((key, index) => ({ ...key, text: `"key_${index}"` }))),
  },
  {
    name: 'blanks before a line break inside a raw string are kept',
    occursIn: (text) => stringTokens(text).some((token) => token.text.startsWith('`') && /[ \t]\r?\n/.test(token.text)),
    neutralize: (text) =>
      applyEdits(
        text,
        stringTokens(text)
          .filter((token) => token.text.startsWith('`'))
          .map((token) => ({ ...token, text: token.text.replace(/[ \t]+(?=\r?\n)/g, '') })),
      ),
  },
  {
    name: 'multi-line calls are printed like arrays',
    occursIn: (_text, result) => multiLineCalls(result) > 0,
    neutralize: null,
  },
];

// --- the run -----------------------------------------------------------------------------------

interface Outcome {
  inputs: number;
  verdictMismatches: string[];
  sameFirstDiagnostic: number;
  sameDiagnostics: number;
  diagnosticMismatches: string[];
  formatted: number;
  sameFormat: number;
  /** Format differences explained by documented deviations, by deviation name. */
  explained: Map<string, number>;
  unexplained: string[];
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / Math.max(1, whole)).toFixed(2)}%`;
}

describe.skipIf(!oracle.available)("differential test against upstream's parser and printer (alloy-oracle)", () => {
  let directory = '';
  let outcome: Outcome;

  /** Compares one chunk of inputs, written to `directory` as `<first + index>.alloy`. */
  function compareChunk(inputs: readonly Input[], first: number): void {
    const files = inputs.map((input, index) => {
      const file = path.join(directory, `${first + index}.alloy`);
      writeFileSync(file, input.text);
      return file;
    });
    const checks = oracleCheck(binary, files);
    const formatMismatches: { index: number; result: ParseResult }[] = [];
    const failing = new Set<number>();
    inputs.forEach((input, index) => {
      const check = checks[index]!;
      const result = parse(input.text);
      const ours = ourDiagnostics(input.text, result);
      const theirs = upstreamDiagnostics(check);
      if ((ours.length === 0) !== check.ok) {
        outcome.verdictMismatches.push(`${input.name} (${files[index]}): ours [${ours.slice(0, 2).join('; ')}], upstream [${theirs.slice(0, 2).join('; ')}]`);
        failing.add(index);
      }
      if (ours[0] === theirs[0]) outcome.sameFirstDiagnostic++;
      if (ours.length === theirs.length && ours.every((line, at) => line === theirs[at])) outcome.sameDiagnostics++;
      else {
        outcome.diagnosticMismatches.push(`${input.name} (${files[index]}):\n  ours     ${ours.join('\n           ')}\n  upstream ${theirs.join('\n           ')}`);
        failing.add(index);
      }
      if (check.ok && ours.length === 0) {
        outcome.formatted++;
        if (sha256(formatOrError(input.text)) === check.fmt_sha256) outcome.sameFormat++;
        else formatMismatches.push({ index, result });
      }
    });

    // A format difference is explained when the input has a documented deviation and, with every
    // neutralizable deviation removed from it, formats exactly as upstream.
    const neutralized = formatMismatches.map(({ index, result }) => {
      const text = inputs[index]!.text;
      const found = deviations.filter((deviation) => deviation.occursIn(text, result));
      let rest = text;
      for (const deviation of found) if (deviation.neutralize) rest = deviation.neutralize(rest, parse(rest));
      const file = path.join(directory, `${first + index}.neutralized.alloy`);
      writeFileSync(file, rest);
      return { index, found, rest, file };
    });
    const neutralizedChecks = oracleCheck(binary, neutralized.map((entry) => entry.file));
    neutralized.forEach(({ index, found, rest, file }, at) => {
      const check = neutralizedChecks[at]!;
      const restMatches = check.ok && sha256(formatOrError(rest)) === check.fmt_sha256;
      const onlyUnremovable = found.some((deviation) => deviation.neutralize === null);
      if (found.length > 0 && (restMatches || onlyUnremovable)) {
        for (const deviation of found) outcome.explained.set(deviation.name, (outcome.explained.get(deviation.name) ?? 0) + 1);
        rmSync(file);
      } else {
        const upstream = oracleFormat(binary, files[index]!) ?? '';
        const ours = formatOrError(inputs[index]!.text);
        const ourLines = ours.split('\n');
        const upstreamLines = upstream.split('\n');
        let line = 0;
        while (line < ourLines.length && ourLines[line] === upstreamLines[line]) line++;
        outcome.unexplained.push(
          `${inputs[index]!.name} (${files[index]}), line ${line + 1}:\n  ours     ${JSON.stringify(ourLines[line])}\n  upstream ${JSON.stringify(upstreamLines[line])}`,
        );
        failing.add(index);
      }
    });
    // The files of failing inputs stay for a look (the directory is kept when anything failed).
    files.forEach((file, index) => {
      if (!failing.has(index)) rmSync(file);
    });
  }

  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'alloy-oracle-differential-'));
    outcome = {
      inputs: 0,
      verdictMismatches: [],
      sameFirstDiagnostic: 0,
      sameDiagnostics: 0,
      diagnosticMismatches: [],
      formatted: 0,
      sameFormat: 0,
      explained: new Map(),
      unexplained: [],
    };
    const corpus = corpusInputs();
    compareChunk(corpus, 0);
    outcome.inputs += corpus.length;
    // Mutants in chunks, so that a long run (ALLOY_ORACLE_MUTANTS=100000) needs little memory and disk.
    const random = seededRandom(MUTANT_SEED);
    const chunkSize = 5000;
    for (let done = 0; done < mutantCount; done += chunkSize) {
      const chunk = Array.from({ length: Math.min(chunkSize, mutantCount - done) }, (_, index) => {
        const source = corpus[Math.floor(random() * corpus.length)]!;
        return { name: `mutant ${done + index} of ${source.name}`, text: mutate(source.text, random) };
      });
      compareChunk(chunk, outcome.inputs);
      outcome.inputs += chunk.length;
    }

    const explained = [...outcome.explained].map(([name, count]) => `${count} ${name}`).join(', ') || 'none';
    const differing = (count: number): string => `(${count} differ)`;
    console.log(
      [
        `alloy-oracle differential: ${outcome.inputs} inputs (${corpus.length} corpus files, ${mutantCount} mutants, seed ${MUTANT_SEED})`,
        `  same verdict            ${percent(outcome.inputs - outcome.verdictMismatches.length, outcome.inputs)} ${differing(outcome.verdictMismatches.length)}`,
        `  same first diagnostic   ${percent(outcome.sameFirstDiagnostic, outcome.inputs)} ${differing(outcome.inputs - outcome.sameFirstDiagnostic)}`,
        `  same diagnostics        ${percent(outcome.sameDiagnostics, outcome.inputs)} ${differing(outcome.diagnosticMismatches.length)} (message, line, byte column, order)`,
        `  same formatted bytes    ${percent(outcome.sameFormat, outcome.formatted)} of ${outcome.formatted} parseable inputs; ` +
          `${percent(outcome.formatted - outcome.unexplained.length, outcome.formatted)} ${differing(outcome.unexplained.length)} outside the documented deviations (${explained})`,
      ].join('\n'),
    );
  }, 3_600_000);

  afterAll(() => {
    const failed = outcome && outcome.verdictMismatches.length + outcome.diagnosticMismatches.length + outcome.unexplained.length > 0;
    if (failed) console.log(`alloy-oracle differential: the differing inputs are kept in ${directory}`);
    else if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('gives the same verdict (parses or not) on every input', () => {
    expect(outcome.verdictMismatches.slice(0, 10)).toEqual([]);
  });

  it(`reports the same diagnostics (message, line, byte column, order) on at least ${DIAGNOSTICS_GOAL * 100}% of the inputs`, () => {
    const agreement = outcome.sameDiagnostics / outcome.inputs;
    if (agreement < DIAGNOSTICS_GOAL) expect(outcome.diagnosticMismatches.slice(0, 10)).toEqual([]);
    expect(agreement).toBeGreaterThanOrEqual(DIAGNOSTICS_GOAL);
  });

  it('formats every parseable input to the bytes alloy fmt prints, outside the documented deviations', () => {
    expect(outcome.unexplained.slice(0, 10)).toEqual([]);
    expect(outcome.formatted).toBeGreaterThan(1000);
  });
});

/**
 * Each documented deviation, shown against upstream: its README example, what `alloy fmt` prints
 * for it (so the deviation is real), and what formatAlloy prints.
 */
describe.skipIf(!oracle.available)('documented deviations, each against alloy-oracle', () => {
  let directory = '';
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'alloy-oracle-deviations-'));
  });
  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });
  const upstreamFormat = (text: string): string | null => {
    const file = path.join(directory, `${sha256(text).slice(0, 12)}.alloy`);
    writeFileSync(file, text);
    return oracleFormat(binary, file);
  };
  const deviation = (name: string): Deviation => deviations.find((entry) => entry.name === name)!;

  const cases: { name: string; input: string; upstream: string | null; ours: string }[] = [
    { name: 'a TAB, vertical tab or form feed inside a string literal is kept', input: 'x = "a\tb"\n', upstream: 'x = "a b"\n', ours: 'x = "a\tb"\n' },
    { name: 'a TAB, vertical tab or form feed inside a string literal is kept', input: 'x = "a\vb"\n', upstream: 'x = "a b"\n', ours: 'x = "a\vb"\n' },
    { name: 'a TAB, vertical tab or form feed inside a string literal is kept', input: 'x = "a\fb"\n', upstream: 'x = "a\nb"\n', ours: 'x = "a\fb"\n' },
    {
      name: 'a form feed inside a comment is text, not a line break',
      input: 'x = 1 //\f\ny = 2\n',
      upstream: 'x = 1 //\fy = 2\n',
      ours: 'x = 1 //\f\ny = 2\n',
    },
    {
      name: 'a form feed inside a comment is text, not a line break',
      input: 'a {\n  b = 1 //\f\n}\nc {}\n',
      upstream: 'a {\n\tb = 1 //\f}\n\nc { }\n',
      ours: 'a {\n\tb = 1 //\f\n}\n\nc { }\n',
    },
    {
      name: 'comments inside a block name broken over lines are printed before the block',
      input: 'a.\n// c\nb "l" {\n}\n',
      upstream: 'a.b\n// c\n"l" { }\n',
      ours: '// c\na.b "l" { }\n',
    },
    {
      name: 'comments inside a block name broken over lines are printed before the block',
      input: 'blk {\n  a./* c */\n  b {\n  }\n}\n',
      upstream: 'blk {\n\ta.b /* c */\n\t{ }\n}\n',
      ours: 'blk {\n\t/* c */\n\ta.b { }\n}\n',
    },
    {
      name: 'a quoted object key that %q would escape is kept as written',
      input: 'a = {"k\\"q" = 1}\n',
      upstream: 'a = {"k\\\\\\"q" = 1}\n',
      ours: 'a = {"k\\"q" = 1}\n',
    },
    {
      name: 'a quoted object key that %q would escape is kept as written',
      input: 'a = {"k\rq" = 1}\n',
      upstream: 'a = {"k\\rq" = 1}\n',
      ours: 'a = {"k\rq" = 1}\n',
    },
    {
      name: 'blanks before a line break inside a raw string are kept',
      input: 'x = `line1   \nline2`\n',
      upstream: 'x = `line1\nline2`\n',
      ours: 'x = `line1   \nline2`\n',
    },
    { name: 'multi-line calls are printed like arrays', input: 'x = f(\n)\n', upstream: 'x = f(,\n)\n', ours: 'x = f()\n' },
    {
      name: 'multi-line calls are printed like arrays',
      input: 'x = f(\n2, // two\n)\n',
      upstream: 'x = f(\n\t2,\n) // two\n',
      ours: 'x = f(\n\t2, // two\n)\n',
    },
  ];
  for (const example of cases) {
    it(`${example.name}: ${JSON.stringify(example.input)}`, () => {
      const result = parse(example.input);
      expect(result.diagnostics).toEqual([]);
      expect(deviation(example.name).occursIn(example.input, result)).toBe(true);
      expect(upstreamFormat(example.input)).toBe(example.upstream);
      expect(formatAlloy(example.input)).toBe(example.ours);
      // Without the construct, the input formats exactly as upstream.
      const { neutralize } = deviation(example.name);
      if (neutralize) {
        const rest = neutralize(example.input, result);
        expect(deviation(example.name).occursIn(rest, parse(rest))).toBe(false);
        expect(formatAlloy(rest)).toBe(upstreamFormat(rest));
      }
    });
  }

  it('CRs inside comments are dropped as upstream drops them (no deviation): a CRLF file comes out with LF only', () => {
    const input = '// one\r\n/* two\r\nthree */\r\nx = 1 // four\r\n';
    const upstream = upstreamFormat(input);
    expect(upstream).toBe('// one\n/* two\nthree */\nx = 1 // four\n');
    expect(formatAlloy(input)).toBe(upstream);
    expect(formatAlloy('/* a\r*\r/ */\n')).toBe(upstreamFormat('/* a\r*\r/ */\n'));
  });
});
