import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createIgnoreMatcher, type Ignore } from './ignore-matcher.js';

/** A path argument that names nothing: alloy-lint stops with exit code 2. */
export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

export const ALLOY_EXTENSIONS: readonly string[] = ['.alloy', '.river'];
const skippedDirectoryNames: ReadonlySet<string> = new Set(['node_modules', '.git']);

export function isAlloyFileName(name: string): boolean {
  return ALLOY_EXTENSIONS.some((extension) => name.endsWith(extension));
}

export function hasGlobCharacters(pattern: string): boolean {
  return /[*?[\]{}]/.test(pattern);
}

export interface DiscoveryOptions {
  cwd: string;
  /** Files excluded by configuration (`ignorePatterns`). */
  isIgnored?: (absolutePath: string) => boolean;
  /** Throw when a directory or glob yields no file (default true). */
  errorOnUnmatched?: boolean;
}

interface GitignoreLayer {
  directory: string;
  matcher: Ignore;
}

function readGitignore(directory: string): GitignoreLayer | undefined {
  const filePath = join(directory, '.gitignore');
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch {
    return undefined;
  }
  return { directory, matcher: createIgnoreMatcher(text) };
}

function isIgnoredByLayers(layers: readonly GitignoreLayer[], absolutePath: string, isDirectory: boolean): boolean {
  for (const layer of layers) {
    const relativePath = relative(layer.directory, absolutePath).split(sep).join('/');
    if (relativePath === '' || relativePath.startsWith('..')) continue;
    if (layer.matcher.ignores(isDirectory ? `${relativePath}/` : relativePath)) return true;
  }
  return false;
}

/** The .gitignore files that apply inside `directory`: its own ancestors' up to the repository root. */
function ancestorGitignores(directory: string): GitignoreLayer[] {
  const chain: string[] = [];
  let current = directory;
  for (;;) {
    chain.push(current);
    if (existsSync(join(current, '.git'))) break;
    const parent = dirname(current);
    if (parent === current) return []; // not inside a git repository: .gitignore files above do not apply
    current = parent;
  }
  // The walk itself reads `directory`'s own .gitignore.
  return chain
    .slice(1)
    .reverse()
    .map(readGitignore)
    .filter((layer): layer is GitignoreLayer => layer !== undefined);
}

/**
 * Lists the Alloy files under `root` (sorted, depth first), skipping
 * node_modules, .git and whatever .gitignore files ignore. `accept`
 * decides which file paths are kept (default: `.alloy` and `.river`).
 */
function walkDirectory(
  root: string,
  options: DiscoveryOptions,
  accept: (absolutePath: string) => boolean = (path) => isAlloyFileName(path),
): string[] {
  const found: string[] = [];
  const visited = new Set<string>();
  const visit = (directory: string, layers: readonly GitignoreLayer[]): void => {
    let realDirectory: string;
    try {
      realDirectory = realpathSync(directory);
    } catch {
      return;
    }
    if (visited.has(realDirectory)) return;
    visited.add(realDirectory);
    const ownLayer = readGitignore(directory);
    const activeLayers = ownLayer ? [...layers, ownLayer] : layers;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
    for (const entry of entries) {
      const entryPath = join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDirectory = statSync(entryPath).isDirectory();
        } catch {
          isDirectory = false; // a dangling link is reported as an unreadable file if its name matches
        }
      }
      if (isDirectory) {
        if (skippedDirectoryNames.has(entry.name)) continue;
        if (isIgnoredByLayers(activeLayers, entryPath, true)) continue;
        visit(entryPath, activeLayers);
      } else if (accept(entryPath)) {
        if (isIgnoredByLayers(activeLayers, entryPath, false)) continue;
        if (options.isIgnored?.(entryPath)) continue;
        found.push(entryPath);
      }
    }
  };
  visit(root, ancestorGitignores(root));
  return found;
}

/** Converts a glob (`*`, `**`, `?`, `[...]`, `{a,b}`) to a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braceDepth = 0;
  for (let index = 0; index < glob.length; index += 1) {
    const character = glob[index]!;
    if (character === '*') {
      if (glob[index + 1] === '*') {
        const atSegmentStart = index === 0 || glob[index - 1] === '/';
        if (glob[index + 2] === '/' && atSegmentStart) {
          source += '(?:[^/]*/)*';
          index += 2;
        } else {
          source += '.*';
          index += 1;
        }
      } else {
        source += '[^/]*';
      }
    } else if (character === '?') {
      source += '[^/]';
    } else if (character === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close === -1) {
        source += '\\[';
      } else {
        let set = glob.slice(index + 1, close).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `[${set}]`;
        index = close;
      }
    } else if (character === '{') {
      braceDepth += 1;
      source += '(?:';
    } else if (character === '}' && braceDepth > 0) {
      braceDepth -= 1;
      source += ')';
    } else if (character === ',' && braceDepth > 0) {
      source += '|';
    } else {
      source += character.replace(/[.+^$()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

function expandGlob(pattern: string, options: DiscoveryOptions): string[] {
  const normalized = pattern.split(sep).join('/');
  const segments = normalized.split('/');
  const firstGlobSegment = segments.findIndex(hasGlobCharacters);
  const staticPart = segments.slice(0, firstGlobSegment).join('/');
  const base = resolve(options.cwd, staticPart === '' && normalized.startsWith('/') ? '/' : staticPart || '.');
  if (!existsSync(base) || !statSync(base).isDirectory()) return [];
  const matcher = globToRegExp(segments.slice(firstGlobSegment).join('/'));
  return walkDirectory(base, options, (absolutePath) =>
    matcher.test(relative(base, absolutePath).split(sep).join('/')),
  );
}

/**
 * Turns the command line's path arguments (files, directories, globs) into
 * the absolute paths of the files to check, without duplicates, in argument
 * order. A path that does not exist stops the run (DiscoveryError); a file
 * that exists but cannot be read is returned, and reported when read.
 */
export function discoverFiles(targets: readonly string[], options: DiscoveryOptions): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (absolutePath: string): void => {
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    files.push(absolutePath);
  };
  for (const target of targets) {
    const absolutePath = isAbsolute(target) ? target : resolve(options.cwd, target);
    let linkExists = false;
    try {
      lstatSync(absolutePath);
      linkExists = true;
    } catch {
      linkExists = false;
    }
    if (!linkExists) {
      if (hasGlobCharacters(target)) {
        const matches = expandGlob(target, options);
        if (matches.length === 0 && options.errorOnUnmatched !== false) {
          throw new DiscoveryError(`no files match the pattern "${target}"`);
        }
        matches.forEach(add);
        continue;
      }
      throw new DiscoveryError(`no such file or directory: ${target}`);
    }
    let isDirectory = false;
    try {
      isDirectory = statSync(absolutePath).isDirectory();
    } catch {
      isDirectory = false; // dangling symlink: reported when read
    }
    if (isDirectory) {
      const found = walkDirectory(absolutePath, options);
      if (found.length === 0 && options.errorOnUnmatched !== false) {
        throw new DiscoveryError(
          `no Alloy files (${ALLOY_EXTENSIONS.join(', ')}) found in ${target} (ignored files and node_modules are skipped)`,
        );
      }
      found.forEach(add);
    } else if (!options.isIgnored?.(absolutePath)) {
      add(absolutePath);
    }
  }
  return files;
}

/** The Alloy files directly inside `directory` (not recursive): what Alloy loads as one configuration. */
export function listDirectoryFiles(directory: string): string[] {
  try {
    return readdirSync(directory)
      .filter(isAlloyFileName)
      .sort()
      .map((name) => join(directory, name));
  } catch {
    return [];
  }
}
