/**
 * Conformance over the reference material in ../shared: the corpora that must
 * parse, the files that must not, upstream's ERROR expectations, and the
 * doc-snippet verdicts. Skipped with a message where ../shared is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parse, tokenize } from '../src/index.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared');
const hasShared = existsSync(join(shared, 'corpus'));
if (!hasShared) console.warn(`conformance: ${shared} is absent; the conformance tests are skipped`);

function tsv(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const columns = header!.split('\t');
  return rows.map((row) => {
    const cells = row.split('\t');
    return Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
  });
}

function alloyFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => /\.(alloy|river)$/.test(name))
    .sort();
}

function firstProblems(text: string, fileName: string): string {
  return parse(text)
    .diagnostics.slice(0, 3)
    .map((diagnostic) => formatDiagnostic(diagnostic, fileName, text))
    .join('\n');
}

describe.skipIf(!hasShared)('conformance with ../shared', () => {
  const corpus = join(shared, 'corpus');

  const alloyRepoIndex = hasShared ? tsv(join(corpus, 'alloy-repo', 'INDEX.tsv')) : [];
  const alloyRepoValid = alloyRepoIndex.filter((row) => row.fmt_status !== 'parse-error').map((row) => row.file!);
  const alloyRepoInvalid = alloyRepoIndex.filter((row) => row.fmt_status === 'parse-error').map((row) => row.file!);
  const realValid = hasShared ? alloyFiles(join(corpus, 'real-world', 'valid')) : [];
  const river = hasShared ? alloyFiles(join(corpus, 'real-world', 'river')) : [];

  it(`parses all ${alloyRepoValid.length} valid files of corpus/alloy-repo without a diagnostic`, () => {
    const failures = alloyRepoValid.flatMap((name) => {
      const text = readFileSync(join(corpus, 'alloy-repo', name), 'utf8');
      return parse(text).diagnostics.length > 0 ? [firstProblems(text, name)] : [];
    });
    expect(failures).toEqual([]);
    expect(alloyRepoValid.length).toBeGreaterThan(300);
  });

  it(`reports errors on all ${alloyRepoInvalid.length} files of corpus/alloy-repo marked parse-error`, () => {
    const missed = alloyRepoInvalid.filter(
      (name) => parse(readFileSync(join(corpus, 'alloy-repo', name), 'utf8')).diagnostics.length === 0,
    );
    expect(missed).toEqual([]);
  });

  it(`parses all ${realValid.length} files of corpus/real-world/valid and ${river.length} of river without a diagnostic`, () => {
    const failures = [
      ...realValid.map((name) => join('valid', name)),
      ...river.map((name) => join('river', name)),
    ].flatMap((relative) => {
      const text = readFileSync(join(corpus, 'real-world', relative), 'utf8');
      return parse(text).diagnostics.length > 0 ? [firstProblems(text, relative)] : [];
    });
    expect(failures).toEqual([]);
    expect(realValid.length + river.length).toBeGreaterThan(50);
  });

  describe('corpus/real-world/invalid', () => {
    const manifest = hasShared ? tsv(join(corpus, 'real-world', 'MANIFEST.tsv')) : [];
    const invalid = manifest.filter((row) => row.file!.startsWith('invalid/'));
    it(`reports at least one error on each of the ${invalid.length} files, on the line the manifest names`, () => {
      expect(invalid.length).toBeGreaterThan(0);
      const problems: string[] = [];
      let lineChecked = 0;
      for (const row of invalid) {
        const text = readFileSync(join(corpus, 'real-world', row.file!), 'utf8');
        const diagnostics = parse(text).diagnostics;
        if (diagnostics.length === 0) {
          problems.push(`${row.file}: no diagnostic (${row.notes})`);
          continue;
        }
        // The note's `first error: LINE:COL` is upstream's verdict; otherwise a `line N` it names.
        const named = /first error: (\d+):/.exec(row.notes ?? '') ?? /\bline (\d+)/i.exec(row.notes ?? '');
        if (named) {
          lineChecked++;
          const line = Number(named[1]);
          if (!diagnostics.some((diagnostic) => diagnostic.range.start.line === line)) {
            problems.push(`${row.file}: no error on line ${line}; got ${firstProblems(text, row.file!)}`);
          }
        }
      }
      console.log(`real-world/invalid: ${invalid.length} files, ${lineChecked} with a named line`);
      expect(problems).toEqual([]);
    });
  });

  describe('alloy-reference/parser-testdata/syntax-parser', () => {
    const directory = join(shared, 'alloy-reference', 'parser-testdata', 'syntax-parser');
    const files = hasShared ? alloyFiles(directory) : [];
    const errorComment = /^\/\* *ERROR *(HERE)? *"([^"]*)" *\*\/$/;
    const literalKinds = new Set(['IDENT', 'NUMBER', 'FLOAT', 'STRING']);

    /** Upstream's harness: an ERROR comment expects an error at the previous token, HERE just after it. */
    function expectations(text: string): Map<number, string> {
      const expected = new Map<number, string>();
      let previous = 0;
      let here = 0;
      for (const token of tokenize(text)) {
        if (token.kind === 'EOF') break;
        if (token.kind === 'COMMENT') {
          const match = errorComment.exec(token.text);
          if (match) expected.set(match[1] ? here : previous, match[2]!);
          continue;
        }
        if (token.kind === 'TERMINATOR') continue;
        previous = token.start;
        here = previous + (literalKinds.has(token.kind) ? token.text.length : token.kind.length);
      }
      return expected;
    }

    it.each(files)('%s: every ERROR expectation is met and no other error is reported', (name) => {
      const text = readFileSync(join(directory, name), 'utf8');
      const expected = expectations(text);
      expect(expected.size).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const diagnostic of parse(text).diagnostics) {
        const at = diagnostic.range.start.offset;
        const pattern = expected.get(at);
        const where = `${diagnostic.range.start.line}:${diagnostic.range.start.column}`;
        if (pattern === undefined) problems.push(`unexpected error at ${where}: ${diagnostic.message}`);
        else {
          if (!new RegExp(pattern).test(diagnostic.message)) problems.push(`${where}: "${diagnostic.message}" !~ /${pattern}/`);
          expected.delete(at);
        }
      }
      for (const [offset, pattern] of expected) problems.push(`missing error /${pattern}/ at offset ${offset}`);
      expect(problems).toEqual([]);
    });

    const validDirectory = join(directory, 'valid');
    const valid = hasShared && existsSync(validDirectory) ? alloyFiles(validDirectory) : [];
    it.each(valid)('valid/%s parses without a diagnostic', (name) => {
      const text = readFileSync(join(validDirectory, name), 'utf8');
      expect(firstProblems(text, name)).toBe('');
    });

    it('never throws on the fuzz corpus', () => {
      const fuzzDirectory = join(directory, 'fuzz');
      const inputs: string[] = [];
      const collect = (path: string): void => {
        for (const entry of readdirSync(path, { withFileTypes: true })) {
          if (entry.isDirectory()) collect(join(path, entry.name));
          else inputs.push(readFileSync(join(path, entry.name), 'utf8'));
        }
      };
      if (existsSync(fuzzDirectory)) collect(fuzzDirectory);
      for (const input of inputs) expect(() => parse(input)).not.toThrow();
      console.log(`syntax-parser/fuzz: ${inputs.length} inputs`);
    });
  });

  describe('corpus/doc-snippets', () => {
    const index = hasShared ? tsv(join(corpus, 'doc-snippets', 'INDEX.tsv')) : [];
    /**
     * INDEX.tsv marks labels such as "<LABEL>" as parsing; upstream's parser
     * rejects them (the label must lex as one identifier: scanner.IsValidIdentifier).
     * We follow the parser, and count those rows separately.
     */
    const placeholderLabel = /^expected block label to be a valid identifier, but got "<[A-Z_]+>"$/;
    it(`agrees with the parses column for all ${index.length} snippets (placeholder labels aside)`, () => {
      const disagreements: string[] = [];
      let placeholderRows = 0;
      for (const row of index) {
        const text = readFileSync(join(corpus, 'doc-snippets', row.file!), 'utf8');
        const diagnostics = parse(text).diagnostics;
        const parses = diagnostics.length === 0;
        if (parses === (row.parses === 'ok')) continue;
        const onlyPlaceholderLabels = diagnostics.every(
          (diagnostic) => diagnostic.code === 'syntax/invalid-label' && placeholderLabel.test(diagnostic.message),
        );
        if (!parses && row.parses === 'ok' && onlyPlaceholderLabels) {
          placeholderRows++;
          continue;
        }
        disagreements.push(`${row.file}: index says ${row.parses}, we found ${firstProblems(text, row.file!) || 'no error'}`);
      }
      console.log(`doc-snippets: ${index.length} snippets, ${placeholderRows} with placeholder labels that upstream's parser rejects`);
      expect(disagreements).toEqual([]);
      expect(index.length).toBeGreaterThan(800);
    });
  });
});
