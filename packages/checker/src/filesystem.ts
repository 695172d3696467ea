import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What the checker reads from disk: imported modules and the other files of a directory. */
export interface CheckerFileSystem {
  /** The file's text, or `undefined` when it is missing or unreadable. */
  readFile(path: string): string | undefined;
  /** Entry names (not paths), or `undefined` when `path` is not a directory. */
  readDirectory(path: string): string[] | undefined;
  /**
   * Optional: a number that changes whenever a text or listing this file system returns may have
   * changed. While it stays the same, the checker does not read a directory's files again.
   */
  readonly revision?: number;
}

/** The real file system. */
export const nodeFileSystem: CheckerFileSystem = {
  readFile(filePath: string): string | undefined {
    try {
      return readFileSync(filePath, 'utf8');
    } catch {
      return undefined;
    }
  },
  readDirectory(directoryPath: string): string[] | undefined {
    try {
      if (!statSync(directoryPath).isDirectory()) return undefined;
      return readdirSync(directoryPath).sort();
    } catch {
      return undefined;
    }
  },
};

/** Open editor buffers first, `base` second. Buffer keys are compared as resolved paths. */
export function overlayFileSystem(buffers: Map<string, string>, base: CheckerFileSystem): CheckerFileSystem {
  const byPath = new Map<string, string>();
  for (const [bufferPath, text] of buffers) byPath.set(path.resolve(bufferPath), text);
  return {
    readFile(filePath: string): string | undefined {
      const text = byPath.get(path.resolve(filePath));
      return text !== undefined ? text : base.readFile(filePath);
    },
    readDirectory(directoryPath: string): string[] | undefined {
      const resolved = path.resolve(directoryPath);
      const fromBase = base.readDirectory(directoryPath);
      const extra: string[] = [];
      for (const bufferPath of byPath.keys()) {
        if (path.dirname(bufferPath) === resolved) extra.push(path.basename(bufferPath));
      }
      if (fromBase === undefined && extra.length === 0) return undefined;
      return [...new Set([...(fromBase ?? []), ...extra])].sort();
    },
  };
}

/** True when `filePath` names an existing regular file. */
export function isFileOnDisk(filePath: string): boolean {
  try {
    return statSync(filePath).isFile();
  } catch {
    return false;
  }
}
