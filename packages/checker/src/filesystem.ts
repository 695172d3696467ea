import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAX_READ_BYTES, readRegularTextFile } from '@alloy-toolkit/files';

/** What the checker reads from disk: imported modules and the other files of a directory. */
export interface CheckerFileSystem {
  /** The file's text, or `undefined` when it is missing, unreadable, not a regular file or too large. */
  readFile(path: string): string | undefined;
  /** Entry names (not paths), or `undefined` when `path` is not a directory. */
  readDirectory(path: string): string[] | undefined;
  /**
   * Optional: why `readFile(path)` last returned `undefined`, as a sentence starting lower-case
   * ("not a regular file (a fifo)"), for messages.
   */
  unreadableReason?(path: string): string | undefined;
  /** Optional: the absolute path with its symbolic links resolved, as far as it exists. Default: `path.resolve`. */
  realPath?(path: string): string;
  /**
   * Optional: a number that changes whenever a text or listing this file system returns may have
   * changed. While it stays the same, the checker does not read a directory's files again.
   */
  readonly revision?: number;
}

export interface NodeFileSystemOptions {
  /** The most bytes read from one file (default 32 MiB, `DEFAULT_MAX_READ_BYTES` of `@alloy-toolkit/files`). */
  maxFileSize?: number;
}

// Reasons are kept for the last files refused only: enough for the message about each import.
const rememberedReasons = 256;

/**
 * The real file system, reading regular files only (a fifo or a device is refused without
 * blocking) and at most `maxFileSize` bytes of each, also where `stat` reports no size (`/proc`).
 */
export function createNodeFileSystem(options: NodeFileSystemOptions = {}): CheckerFileSystem {
  const maxBytes = options.maxFileSize ?? DEFAULT_MAX_READ_BYTES;
  const reasons = new Map<string, string>();
  const remember = (filePath: string, reason: string): void => {
    const key = path.resolve(filePath);
    reasons.delete(key);
    reasons.set(key, reason);
    if (reasons.size > rememberedReasons) reasons.delete(reasons.keys().next().value!);
  };
  return {
    readFile(filePath: string): string | undefined {
      const outcome = readRegularTextFile(filePath, { maxBytes });
      if (outcome.ok) {
        reasons.delete(path.resolve(filePath));
        return outcome.text;
      }
      remember(filePath, outcome.message);
      return undefined;
    },
    readDirectory(directoryPath: string): string[] | undefined {
      try {
        if (!statSync(directoryPath).isDirectory()) return undefined;
        return readdirSync(directoryPath).sort();
      } catch (error) {
        // A directory that cannot be listed: its reason replaces readFile's "is a directory".
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM') remember(directoryPath, 'permission denied');
        return undefined;
      }
    },
    unreadableReason: (filePath) => reasons.get(path.resolve(filePath)),
    realPath: realPathAsFarAsItExists,
  };
}

/** The real file system with the default size limit. */
export const nodeFileSystem: CheckerFileSystem = createNodeFileSystem();

/** `realpath` of the longest existing ancestor of `filePath`, joined with the rest. */
export function realPathAsFarAsItExists(filePath: string): string {
  const absolute = path.resolve(filePath);
  const rest: string[] = [];
  for (let current = absolute; ; current = path.dirname(current)) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
    }
  }
}

/** Open editor buffers first, `base` second. Buffer keys are compared as resolved paths. */
export function overlayFileSystem(buffers: Map<string, string>, base: CheckerFileSystem): CheckerFileSystem {
  const byPath = new Map<string, string>();
  for (const [bufferPath, text] of buffers) byPath.set(path.resolve(bufferPath), text);
  const overlay: CheckerFileSystem = {
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
  if (base.unreadableReason) overlay.unreadableReason = (filePath) => base.unreadableReason!(filePath);
  if (base.realPath) overlay.realPath = (filePath) => base.realPath!(filePath);
  return overlay;
}

/** True when `filePath` names an existing regular file. */
export function isFileOnDisk(filePath: string): boolean {
  try {
    return statSync(filePath).isFile();
  } catch {
    return false;
  }
}

/** Whether `candidate` is one of `roots` or lies below one (all absolute, symbolic links resolved). */
export function isInsideRoots(candidate: string, roots: readonly string[]): boolean {
  return roots.some((root) => candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`));
}

/** The real path of `filePath` through `fileSystem`. */
export function realPathThrough(fileSystem: CheckerFileSystem, filePath: string): string {
  return fileSystem.realPath ? fileSystem.realPath(filePath) : path.resolve(filePath);
}

const confinedFileSystems = new WeakMap<CheckerFileSystem, Map<string, CheckerFileSystem>>();

/**
 * `base`, reading only files and directories inside `roots` (real paths) after symbolic links are
 * resolved: what lies outside looks missing. The same object is returned for the same base and
 * roots, so that the directory cache keeps working across checks.
 */
export function confinedFileSystem(base: CheckerFileSystem, roots: readonly string[]): CheckerFileSystem {
  const key = roots.join('\0');
  let byRoots = confinedFileSystems.get(base);
  if (!byRoots) {
    byRoots = new Map();
    confinedFileSystems.set(base, byRoots);
  }
  const known = byRoots.get(key);
  if (known) return known;
  const inside = (filePath: string): boolean => isInsideRoots(realPathThrough(base, filePath), roots);
  const confined: CheckerFileSystem = {
    readFile: (filePath) => (inside(filePath) ? base.readFile(filePath) : undefined),
    readDirectory: (directoryPath) => (inside(directoryPath) ? base.readDirectory(directoryPath) : undefined),
    unreadableReason: (filePath) => (inside(filePath) ? base.unreadableReason?.(filePath) : 'outside the directories files may be read from'),
    realPath: (filePath) => realPathThrough(base, filePath),
  };
  if (base.revision !== undefined) Object.defineProperty(confined, 'revision', { get: () => base.revision, enumerable: true });
  byRoots.set(key, confined);
  return confined;
}

/**
 * `base` read once: each file's text and each listing is kept for the life of the returned file
 * system, whose `revision` never changes. For a run over many files (a linter), where every file's
 * check would otherwise read all the other files of its directory again: checking the N files of a
 * directory then reads each once instead of N times.
 */
export function snapshotFileSystem(base: CheckerFileSystem = nodeFileSystem): CheckerFileSystem {
  const texts = new Map<string, string | undefined>();
  const listings = new Map<string, string[] | undefined>();
  const snapshot: CheckerFileSystem = {
    revision: 0,
    readFile(filePath: string): string | undefined {
      const key = path.resolve(filePath);
      if (!texts.has(key)) texts.set(key, base.readFile(filePath));
      return texts.get(key);
    },
    readDirectory(directoryPath: string): string[] | undefined {
      const key = path.resolve(directoryPath);
      if (!listings.has(key)) listings.set(key, base.readDirectory(directoryPath));
      return listings.get(key);
    },
  };
  if (base.unreadableReason) snapshot.unreadableReason = (filePath) => base.unreadableReason!(filePath);
  if (base.realPath) snapshot.realPath = (filePath) => base.realPath!(filePath);
  return snapshot;
}
