import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IGrammar } from 'vscode-textmate';
import { loadAlloyGrammar, tokenizeText, type TokenizedText } from '../scripts/grammar-tokens.mjs';
import { hasShared, hasSyntaxDist, sharedDirectory, syntaxDistEntry } from './paths.js';

const corpusDirectory = join(sharedDirectory, 'corpus');
const CORPUS_EXTENSIONS = ['.alloy', '.river', '.tmpl', '.template'];

if (!hasShared) console.warn(`[alloy-vscode] ${sharedDirectory} is absent: grammar corpus tests skipped`);

function listCorpusFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return listCorpusFiles(path);
    return CORPUS_EXTENSIONS.some((extension) => name.endsWith(extension)) ? [path] : [];
  });
}

/** Files the corpus indexes say parse without error (used when the parser is not built). */
function knownValidFiles(): Set<string> {
  const valid = new Set<string>();
  const readIndex = (indexPath: string): string[][] =>
    readFileSync(indexPath, 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => line.split('\t'));
  for (const [file, , , status] of readIndex(join(corpusDirectory, 'alloy-repo/INDEX.tsv'))) {
    if (file && status !== 'parse-error') valid.add(join(corpusDirectory, 'alloy-repo', file));
  }
  for (const [file, , , , , parses] of readIndex(join(corpusDirectory, 'doc-snippets/INDEX.tsv'))) {
    if (file && parses === 'ok') valid.add(join(corpusDirectory, 'doc-snippets', file));
  }
  for (const subdirectory of ['valid', 'river']) {
    for (const path of listCorpusFiles(join(corpusDirectory, 'real-world', subdirectory))) valid.add(path);
  }
  return valid;
}

interface Span {
  start: number;
  end: number;
}

interface SyntaxModule {
  parse(text: string): {
    file: unknown;
    comments: Array<{ kind: string; start: number; end: number }>;
    diagnostics: Array<{ severity: string }>;
  };
}

/** Block comments and raw strings: the only tokens that may hold a line feed. */
function multiLineSpans(result: ReturnType<SyntaxModule['parse']>): Span[] {
  const spans: Span[] = result.comments
    .filter((comment) => comment.kind === 'block')
    .map((comment) => ({ start: comment.start, end: comment.end }));
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const raw = record.raw;
    const { start, end } = record;
    if (typeof raw === 'string' && raw.startsWith('`')) {
      // The tree's nodes carry offsets: anything else means the contract changed under this test.
      if (typeof start !== 'number' || typeof end !== 'number') throw new Error(`a raw string node without offsets: ${JSON.stringify(record)}`);
      spans.push({ start, end });
    }
    for (const [key, child] of Object.entries(record)) {
      if (key !== 'start' && key !== 'end') visit(child);
    }
  };
  visit(result.file);
  return spans;
}

const OPEN_AT_LINE_END = /^(comment\.block|string\.)/;
const referenceDirectory = join(sharedDirectory, 'alloy-reference');

/** Reference files that are valid Alloy: formatter goldens without an `.error` twin, and the parser's valid cases. */
function validReferenceFiles(): string[] {
  const printerDirectory = join(referenceDirectory, 'printer-testdata');
  const printerFiles = readdirSync(printerDirectory)
    .filter((name) => /\.(in|expect)$/.test(name))
    .filter((name) => !existsSync(join(printerDirectory, name.replace(/\.(in|expect)$/, '.error'))))
    .map((name) => join(printerDirectory, name));
  const parserValidDirectory = join(referenceDirectory, 'parser-testdata/syntax-parser/valid');
  return [...printerFiles, ...readdirSync(parserValidDirectory).map((name) => join(parserValidDirectory, name))];
}

function listAllFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? listAllFiles(path) : [path];
  });
}

const tokenizedByText = new Map<string, TokenizedText>();

/** Tokenizing the corpus once, not once per test, keeps the suite quick. */
function tokenizeCached(grammar: IGrammar, text: string): TokenizedText {
  let tokenized = tokenizedByText.get(text);
  if (!tokenized) {
    tokenized = tokenizeText(grammar, text);
    tokenizedByText.set(text, tokenized);
  }
  return tokenized;
}

function invalidTokens(grammar: IGrammar, text: string, ignoredScopes: string[]): string[] {
  return tokenizeCached(grammar, text)
    .tokens.filter((token) => token.scopes.some((scope) => scope.startsWith('invalid') && !ignoredScopes.includes(scope)))
    .map((token) => `${token.line}:${token.column} ${JSON.stringify(token.text)} ${token.scopes.at(-1) ?? ''}`);
}

describe.skipIf(!hasShared)('grammar on the shared corpus', () => {
  let grammar: IGrammar;
  let syntax: SyntaxModule | null = null;
  const files = hasShared ? listCorpusFiles(corpusDirectory) : [];

  beforeAll(async () => {
    grammar = await loadAlloyGrammar();
    if (hasSyntaxDist) syntax = (await import(pathToFileURL(syntaxDistEntry).href)) as SyntaxModule;
    else console.warn('[alloy-vscode] packages/syntax/dist is absent: the line-by-line parser comparison is skipped');
  });

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(1000);
  });

  it('tokenizes every corpus file without throwing', () => {
    const failures: string[] = [];
    for (const path of files) {
      try {
        tokenizeCached(grammar, readFileSync(path, 'utf8'));
      } catch (error) {
        failures.push(`${relative(corpusDirectory, path)}: ${String(error)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('tokenizes every parser and formatter test input without throwing', () => {
    const inputs = [
      ...listAllFiles(join(referenceDirectory, 'parser-testdata')),
      ...listAllFiles(join(referenceDirectory, 'printer-testdata')),
    ];
    expect(inputs.length).toBeGreaterThan(20);
    for (const path of inputs) {
      expect(() => tokenizeText(grammar, readFileSync(path, 'utf8')), relative(referenceDirectory, path)).not.toThrow();
    }
  });

  it('marks nothing as invalid in the valid formatter and parser test files, and ends them at the root', () => {
    const files = validReferenceFiles();
    expect(files.length).toBeGreaterThan(10);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      expect(invalidTokens(grammar, text, []), relative(referenceDirectory, path)).toEqual([]);
      expect(tokenizeText(grammar, text).finalDepth, relative(referenceDirectory, path)).toBe(1);
    }
  });

  it('marks a raw-string block label as invalid, as the formatter test that expects an error', () => {
    const text = readFileSync(join(referenceDirectory, 'printer-testdata/raw_string_label_error.in'), 'utf8');
    expect(invalidTokens(grammar, text, []).some((token) => token.includes('invalid.illegal.label.alloy'))).toBe(true);
  });

  it('marks nothing as invalid in the corpus files that parse', () => {
    const valid = knownValidFiles();
    const failures: string[] = [];
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const parsesCleanly = syntax
        ? !syntax.parse(text).diagnostics.some((diagnostic) => diagnostic.severity === 'error')
        : valid.has(path);
      if (!parsesCleanly) continue;
      // Without the parser, the doc-snippet index is the oracle, and it counts placeholder labels such as
      // "<LABEL>" as parsing although the parser rejects them: only then are invalid labels tolerated.
      const ignored = syntax ? [] : ['invalid.illegal.label.alloy'];
      for (const token of invalidTokens(grammar, text, ignored)) failures.push(`${relative(corpusDirectory, path)}:${token}`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('returns to the root of the grammar at the end of every file that parses', () => {
    const valid = knownValidFiles();
    const failures: string[] = [];
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const parsesCleanly = syntax
        ? !syntax.parse(text).diagnostics.some((diagnostic) => diagnostic.severity === 'error')
        : valid.has(path);
      if (!parsesCleanly) continue;
      const { finalDepth, lineEndScopes } = tokenizeCached(grammar, text);
      const lastScopes = lineEndScopes.at(-1) ?? [];
      if (finalDepth !== 1) failures.push(`${relative(corpusDirectory, path)}: ends at depth ${finalDepth} (${lastScopes.join(' ')})`);
      // A double-quoted string cannot hold a line feed, so no line of a valid file may end inside one.
      const lineInString = lineEndScopes.findIndex((scopes) => scopes.includes('string.quoted.double.alloy'));
      if (lineInString !== -1) failures.push(`${relative(corpusDirectory, path)}:${lineInString + 1}: line ends inside a double-quoted string`);
    }
    expect(failures).toEqual([]);
  });

  it('is inside a comment or string at the end of a line exactly where the parser has a block comment or raw string', (context) => {
    if (!syntax) {
      context.skip();
      return;
    }
    const parser = syntax;
    const failures: string[] = [];
    let comparedFiles = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const result = parser.parse(text);
      if (result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) continue;
      comparedFiles += 1;
      const spans = multiLineSpans(result);
      const { lineEndScopes } = tokenizeCached(grammar, text);
      let lineEndOffset = -1;
      lineEndScopes.forEach((scopes, index) => {
        lineEndOffset = text.indexOf('\n', lineEndOffset + 1);
        if (lineEndOffset === -1) return;
        const parserOpen = spans.some((span) => span.start < lineEndOffset && lineEndOffset < span.end);
        const grammarOpen = scopes.some((scope) => OPEN_AT_LINE_END.test(scope));
        if (parserOpen !== grammarOpen) {
          failures.push(`${relative(corpusDirectory, path)}:${index + 1}: parser ${parserOpen ? 'open' : 'closed'}, grammar ${scopes.join(' ')}`);
        }
      });
    }
    expect(comparedFiles).toBeGreaterThan(1000);
    expect(failures.slice(0, 20)).toEqual([]);
  });
});
