import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IGrammar } from 'vscode-textmate';
import { loadAlloyGrammar, tokenizeText } from '../scripts/grammar-tokens.mjs';
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
    comments: Array<{ kind: string; start: { offset: number }; end: { offset: number } }>;
    diagnostics: Array<{ severity: string }>;
  };
}

/** Block comments and raw strings: the only tokens that may hold a line feed. */
function multiLineSpans(result: ReturnType<SyntaxModule['parse']>): Span[] {
  const spans: Span[] = result.comments
    .filter((comment) => comment.kind === 'block')
    .map((comment) => ({ start: comment.start.offset, end: comment.end.offset }));
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const raw = record.raw;
    const start = record.start as { offset?: number } | undefined;
    const end = record.end as { offset?: number } | undefined;
    if (typeof raw === 'string' && raw.startsWith('`') && typeof start?.offset === 'number' && typeof end?.offset === 'number') {
      spans.push({ start: start.offset, end: end.offset });
    }
    for (const [key, child] of Object.entries(record)) {
      if (key !== 'start' && key !== 'end') visit(child);
    }
  };
  visit(result.file);
  return spans;
}

const OPEN_AT_LINE_END = /^(comment\.block|string\.)/;

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
        tokenizeText(grammar, readFileSync(path, 'utf8'));
      } catch (error) {
        failures.push(`${relative(corpusDirectory, path)}: ${String(error)}`);
      }
    }
    expect(failures).toEqual([]);
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
      const { finalDepth, lineEndScopes } = tokenizeText(grammar, text);
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
      const { lineEndScopes } = tokenizeText(grammar, text);
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
