import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { AlloySettings } from './settings.js';

/**
 * The directories a document's `import.file` blocks may read from: the workspace folders, and
 * the document's own directory when it lies outside them (its siblings are one configuration
 * with it). `undefined` when the settings allow imports from anywhere.
 */
export function importRootsFor(editor: AlloySettings, documentPath: string | undefined, workspaceFolders: readonly string[]): string[] | undefined {
  if (editor.imports?.allowOutsideWorkspace === true) return undefined;
  const roots = workspaceFolders.map((folder) => resolve(folder));
  if (documentPath !== undefined) {
    const directory = dirname(resolve(documentPath));
    if (!roots.some((root) => isInside(directory, root))) roots.push(directory);
  }
  return roots;
}

/** Whether `path` is `root` or below it (both absolute and normalised). */
export function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/** `realpath` of the longest existing ancestor of `path`, joined with the rest (symbolic links resolved as far as the path exists). */
export function realPathAsFarAsItExists(path: string): string {
  const absolute = resolve(path);
  const rest: string[] = [];
  for (let current = absolute; ; current = dirname(current)) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      rest.push(basename(current));
    }
  }
}

/** Whether `path`, symbolic links resolved, lies in one of `roots` (or anywhere, when `roots` is undefined). */
export function isWithinRoots(path: string, roots: readonly string[] | undefined): boolean {
  if (roots === undefined) return true;
  const real = realPathAsFarAsItExists(path);
  return roots.some((root) => isInside(real, realPathAsFarAsItExists(root)));
}
