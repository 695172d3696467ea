import { dirname, resolve } from 'node:path';
import { isInsideRoots, realPathAsFarAsItExists } from '../toolkit.js';
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
    if (!isInsideRoots(directory, roots)) roots.push(directory);
  }
  return roots;
}

/** Whether `path`, symbolic links resolved, lies in one of `roots` (or anywhere, when `roots` is undefined). */
export function isWithinRoots(path: string, roots: readonly string[] | undefined): boolean {
  if (roots === undefined) return true;
  return isInsideRoots(realPathAsFarAsItExists(path), roots.map(realPathAsFarAsItExists));
}
