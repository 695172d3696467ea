import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { byteColumn } from '@alloy-toolkit/syntax';
import type { Diagnostic } from '@alloy-toolkit/syntax';
import type { CheckerFileSystem } from '../src/index.js';

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repositoryRoot = path.resolve(packageRoot, '../..');
export const sharedRoot = path.resolve(repositoryRoot, '../shared');
export const hasShared = existsSync(path.join(sharedRoot, 'alloy-reference'));

export function sharedMissingNote(what: string): void {
  if (!hasShared) console.warn(`[checker] ../shared is absent: skipping ${what}`);
}

/** A file system made of in-memory files (absolute paths). */
export function memoryFileSystem(files: Record<string, string>): CheckerFileSystem {
  const byPath = new Map(Object.entries(files).map(([name, text]) => [path.resolve(name), text]));
  return {
    readFile: (filePath) => byPath.get(path.resolve(filePath)),
    readDirectory: (directoryPath) => {
      const resolved = path.resolve(directoryPath);
      const entries = new Set<string>();
      for (const filePath of byPath.keys()) {
        if (filePath.startsWith(`${resolved}${path.sep}`)) entries.add(filePath.slice(resolved.length + 1).split(path.sep)[0]!);
      }
      return entries.size === 0 ? undefined : [...entries].sort();
    },
  };
}

/** Splits a txtar archive into its comment and files. */
export function parseTxtar(text: string): { comment: string; files: { name: string; text: string }[] } {
  const lines = text.split('\n');
  const files: { name: string; text: string }[] = [];
  const commentLines: string[] = [];
  let current: { name: string; lines: string[] } | undefined;
  for (const line of lines) {
    const header = /^-- (.+) --$/.exec(line);
    if (header) {
      if (current) files.push({ name: current.name, text: current.lines.join('\n') });
      current = { name: header[1]!, lines: [] };
    } else if (current) current.lines.push(line);
    else commentLines.push(line);
  }
  if (current) files.push({ name: current.name, text: current.lines.join('\n') });
  return { comment: commentLines.join('\n'), files };
}

/** `LINE:COL: message` with upstream's byte column. */
export function diagnosticLine(text: string, diagnostic: Diagnostic): string {
  return `${diagnostic.range.start.line}:${byteColumn(text, diagnostic.range.start)}: ${diagnostic.message}`;
}

export function readTsv(file: string): string[][] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

export function errorsOf(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
}

export function codesOf(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => diagnostic.code);
}
