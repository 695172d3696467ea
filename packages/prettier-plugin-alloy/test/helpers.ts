import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@alloy-toolkit/syntax';
import type { Comment, ParseResult } from '@alloy-toolkit/syntax';

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(packageDir, '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const hasShared = existsSync(path.join(sharedDir, 'alloy-reference'));

/** Logs why a `describe.skipIf(!hasShared)` block is skipped. */
export function noteMissingShared(what: string): void {
  if (!hasShared) console.warn(`[prettier-plugin-alloy] skipping ${what}: ${sharedDir} is absent`);
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

/** Rows of a TSV file with a header line, as objects keyed by column name. */
export function readTsv(file: string): Record<string, string>[] {
  const [header, ...rows] = readText(file).split('\n').filter((line) => line.length > 0);
  const columns = header!.split('\t');
  return rows.map((row) => {
    const cells = row.split('\t');
    return Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
  });
}

export interface CorpusFile {
  /** Path relative to ../shared/corpus. */
  name: string;
  text: string;
}

/** Every corpus file that parses without errors: alloy-repo, doc-snippets, real-world valid and river. */
export function parseableCorpusFiles(): CorpusFile[] {
  const corpus = path.join(sharedDir, 'corpus');
  const files: CorpusFile[] = [];
  const add = (directory: string, filter: (name: string) => boolean) => {
    const full = path.join(corpus, directory);
    if (!existsSync(full)) return;
    for (const name of readdirSync(full).sort()) {
      if (!filter(name)) continue;
      const text = readText(path.join(full, name));
      if (hasErrors(parse(text))) continue;
      files.push({ name: `${directory}/${name}`, text });
    }
  };
  const isConfig = (name: string) => name.endsWith('.alloy') || name.endsWith('.river');
  add('alloy-repo', isConfig);
  add('doc-snippets', isConfig);
  add('real-world/valid', isConfig);
  add('real-world/river', isConfig);
  return files;
}

export function hasErrors(result: ParseResult): boolean {
  return result.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

const POSITION_KEYS = new Set([
  'start',
  'end',
  'lbrace',
  'rbrace',
  'lbracket',
  'rbracket',
  'lparen',
  'rparen',
  'operatorStart',
  'trailingComma',
]);

/**
 * The tree without positions and without what the formatter may legitimately
 * respell: trailing commas, the spelling of object keys and labels, and an
 * empty label (upstream treats `""` as no label).
 */
export function normalizeTree(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalizeTree);
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const isKeyOrLabel = 'quoted' in record || ('raw' in record && !('type' in record));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (POSITION_KEYS.has(key)) continue;
    if (isKeyOrLabel && key === 'raw') continue;
    if (key === 'label' && value !== null && typeof value === 'object' && (value as { value?: unknown }).value === '') {
      out[key] = null;
      continue;
    }
    out[key] = normalizeTree(value);
  }
  return out;
}

export function sortedCommentTexts(comments: readonly Comment[]): string[] {
  return comments.map((comment) => comment.text).sort();
}
