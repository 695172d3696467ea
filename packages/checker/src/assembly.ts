import path from 'node:path';
import type { CheckerFileSystem } from './filesystem.js';

/**
 * A view of `base` in which `directory` also lists the `.alloy` files of `others` (as relative
 * names such as `../shared/writers.alloy`): the directories of an assembly, deployed together
 * into one directory, so that each file's siblings are the files of all of them.
 */
export function assemblyFileSystem(base: CheckerFileSystem, directory: string, others: readonly string[]): CheckerFileSystem {
  const own = path.resolve(directory);
  const otherDirectories = [...new Set(others.map((other) => path.resolve(other)))].filter((other) => other !== own);
  const view: CheckerFileSystem = {
    readFile: (filePath) => base.readFile(filePath),
    readDirectory(directoryPath) {
      const names = base.readDirectory(directoryPath);
      if (path.resolve(directoryPath) !== own) return names;
      const extra: string[] = [];
      for (const other of otherDirectories) {
        for (const name of base.readDirectory(other) ?? []) {
          if (name.endsWith('.alloy')) extra.push(path.relative(own, path.join(other, name)));
        }
      }
      if (names === undefined && extra.length === 0) return undefined;
      return [...(names ?? []), ...extra];
    },
    get revision() {
      return base.revision;
    },
  };
  if (base.unreadableReason) view.unreadableReason = (filePath) => base.unreadableReason!(filePath);
  if (base.realPath) view.realPath = (filePath) => base.realPath!(filePath);
  return view;
}
