import { realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { CheckerFileSystem } from '../toolkit.js';
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

/** The path with its symbolic links resolved, or the path itself when it does not exist. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * A file system that reads only below `roots`, following symbolic links before it decides (a link
 * inside the workspace to /proc/self/environ stays unread). Open buffers, which the editor shows
 * anyway, are read wherever they are. What it refuses looks missing to the checker, so no
 * content from outside the roots can reach a diagnostic.
 */
export function confinedFileSystem(base: CheckerFileSystem, roots: readonly string[], isOpen: (path: string) => boolean): CheckerFileSystem {
  const realRoots = roots.map(realPath);
  const allowed = new Map<string, boolean>();
  const inside = (path: string): boolean => {
    const absolute = resolve(path);
    let answer = allowed.get(absolute);
    if (answer === undefined) {
      answer = isOpen(absolute) || realRoots.some((root) => isInside(realPath(absolute), root));
      allowed.set(absolute, answer);
    }
    return answer;
  };
  return {
    readFile: (path) => (inside(path) ? base.readFile(path) : undefined),
    readDirectory: (path) => (inside(path) ? base.readDirectory(path) : undefined),
  };
}
