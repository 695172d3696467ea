import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { readRegularTextFile } from '@alloy-toolkit/files';
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

/** The kind of file a name is, as @alloy-toolkit/embedded's `hostKindOf` says (kept here so that discovery does not load YAML). */
export type FileKind = 'alloy' | 'yaml' | 'template' | 'markdown';

const templateFileName = /\.alloy\.(?:j2|jinja|jinja2|tmpl|gotmpl|tftpl)$/i;

/**
 * `*.alloy.j2|jinja|jinja2|tmpl|gotmpl|tftpl` → template; `.yaml`/`.yml` → yaml; `.md`/`.markdown` → markdown
 * (any case); anything else (`.alloy`, `.river`, a file named explicitly whatever its name) → alloy.
 */
export function fileKindOf(name: string): FileKind {
  if (templateFileName.test(name)) return 'template';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  if (/\.(?:md|markdown)$/i.test(name)) return 'markdown';
  return 'alloy';
}

/**
 * A file below the `templates/` directory of a Helm chart (beside its `Chart.yaml`): a Go template
 * that renders YAML, usually not valid YAML itself (`{{- include ... }}` lines), so not a YAML file
 * to check. The chart's values files are.
 */
export function isHelmChartTemplate(absolutePath: string): boolean {
  for (let directory = dirname(absolutePath); dirname(directory) !== directory; directory = dirname(directory)) {
    if (directory.endsWith(`${sep}templates`) && existsSync(join(dirname(directory), 'Chart.yaml'))) return true;
  }
  return false;
}

/** Which files holding Alloy a directory walk picks up besides `.alloy` and `.river` (Markdown only when named). */
export interface EmbeddedSearch {
  /** `*.yaml`, `*.yml`: candidates whose content is sniffed afterwards (see `discoverTargets`). */
  yaml: boolean;
  /** `*.alloy.j2`, `*.alloy.tmpl`, `*.alloy.tftpl`, ... */
  templates: boolean;
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
  /**
   * Called for each directory of the walk that cannot be listed (`EACCES`, ...), with the reason in
   * words; without it such directories are skipped silently.
   */
  onUnreadableDirectory?: (absolutePath: string, reason: string) => void;
  /** The most bytes read from a `.gitignore` file (a larger one is not applied). */
  maxFileSize?: number;
  /** The other kinds of files a directory walk lists; default: none (only `.alloy` and `.river`). */
  embedded?: EmbeddedSearch;
}

interface GitignoreLayer {
  directory: string;
  matcher: Ignore;
}

function readGitignore(directory: string, maxFileSize?: number): GitignoreLayer | undefined {
  // A regular file only: a fifo named .gitignore in a repository must not block the walk.
  const outcome = readRegularTextFile(join(directory, '.gitignore'), { maxBytes: maxFileSize });
  return outcome.ok ? { directory, matcher: createIgnoreMatcher(outcome.text) } : undefined;
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return code ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error));
}

type EntryKind = 'directory' | 'file' | 'special';

/**
 * What a directory entry is, following a symbolic link: a directory, a file to list (regular, or a
 * dangling link, reported as unreadable when its name matches), or a special file (fifo, device,
 * socket, or a link to one), which a walk never lists.
 */
function kindOfEntry(entry: Dirent, entryPath: string): EntryKind {
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'special';
  try {
    const stats = statSync(entryPath);
    return stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'special';
  } catch {
    return 'file';
  }
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
function ancestorGitignores(directory: string, maxFileSize?: number): GitignoreLayer[] {
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
    .map((ancestor) => readGitignore(ancestor, maxFileSize))
    .filter((layer): layer is GitignoreLayer => layer !== undefined);
}

/** The files a directory walk lists: `.alloy` and `.river`, and the embedded kinds searched. */
function isSearchedFileName(path: string, embedded: EmbeddedSearch | undefined): boolean {
  if (isAlloyFileName(path)) return true;
  if (embedded === undefined) return false;
  const kind = fileKindOf(path);
  return (kind === 'yaml' && embedded.yaml && !isHelmChartTemplate(path)) || (kind === 'template' && embedded.templates);
}

/**
 * Lists the Alloy files under `root` (sorted, depth first), skipping
 * node_modules, .git, whatever .gitignore files ignore, and special files
 * (fifos, devices, sockets). `accept` decides which file paths are kept
 * (default: `.alloy`, `.river` and the embedded kinds searched).
 */
function walkDirectory(
  root: string,
  options: DiscoveryOptions,
  accept: (absolutePath: string) => boolean = (path) => isSearchedFileName(path, options.embedded),
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
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      options.onUnreadableDirectory?.(directory, reasonOf(error));
      return;
    }
    const ownLayer = readGitignore(directory, options.maxFileSize);
    const activeLayers = ownLayer ? [...layers, ownLayer] : layers;
    entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
    for (const entry of entries) {
      const entryPath = join(directory, entry.name);
      const kind = kindOfEntry(entry, entryPath);
      if (kind === 'special') continue;
      if (kind === 'directory') {
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
  visit(root, ancestorGitignores(root, options.maxFileSize));
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
 * `options` that also count the directories a walk could not list: a walk that found nothing because
 * of them is reported through `onUnreadableDirectory`, not as a directory without Alloy files.
 */
function countingUnreadable(options: DiscoveryOptions): { options: DiscoveryOptions; unreadable(): number } {
  let count = 0;
  return {
    options: {
      ...options,
      onUnreadableDirectory: (directory, reason) => {
        count += 1;
        options.onUnreadableDirectory?.(directory, reason);
      },
    },
    unreadable: () => count,
  };
}

/** The files one path argument stands for. */
export interface TargetFiles {
  target: string;
  /** A file named explicitly, a directory searched, or a glob expanded. */
  kind: 'file' | 'directory' | 'glob';
  files: string[];
  /** How many directories of the search could not be listed (reported through `onUnreadableDirectory`). */
  unreadableDirectories: number;
}

/** The error for a directory or glob in which nothing was found. */
export function nothingFoundError(found: TargetFiles, embedded: EmbeddedSearch | undefined): DiscoveryError {
  const target = found.target;
  if (found.kind === 'glob') return new DiscoveryError(`no files match the pattern "${target}"`);
  const kinds = [...ALLOY_EXTENSIONS];
  if (embedded?.templates) kinds.push('Alloy templates');
  if (embedded?.yaml) kinds.push('YAML holding Alloy');
  return new DiscoveryError(`no Alloy files (${kinds.join(', ')}) found in ${target} (ignored files and node_modules are skipped)`);
}

/**
 * The files of each path argument (file, directory or glob), in argument order. A path that does
 * not exist stops the run (DiscoveryError); a directory or glob without files is returned empty
 * (see `discoverFiles` for the check).
 */
export function discoverTargets(targets: readonly string[], options: DiscoveryOptions): TargetFiles[] {
  const result: TargetFiles[] = [];
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
        const counted = countingUnreadable(options);
        const files = expandGlob(target, counted.options);
        result.push({ target, kind: 'glob', files, unreadableDirectories: counted.unreadable() });
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
      const counted = countingUnreadable(options);
      const files = walkDirectory(absolutePath, counted.options);
      result.push({ target, kind: 'directory', files, unreadableDirectories: counted.unreadable() });
    } else {
      const files = options.isIgnored?.(absolutePath) ? [] : [absolutePath];
      result.push({ target, kind: 'file', files, unreadableDirectories: 0 });
    }
  }
  return result;
}

/** True when a searched target found nothing and that is an error (no unreadable directory explains it). */
export function foundNothing(target: TargetFiles, options: Pick<DiscoveryOptions, 'errorOnUnmatched'>): boolean {
  return target.kind !== 'file' && target.files.length === 0 && target.unreadableDirectories === 0 && options.errorOnUnmatched !== false;
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
  for (const found of discoverTargets(targets, options)) {
    if (foundNothing(found, options)) throw nothingFoundError(found, options.embedded);
    for (const file of found.files) {
      if (seen.has(file)) continue;
      seen.add(file);
      files.push(file);
    }
  }
  return files;
}

/**
 * The Alloy files directly inside `directory` (not recursive): what Alloy loads as one configuration.
 * Special files (fifos, devices, sockets, links to them) are left out.
 */
export function listDirectoryFiles(directory: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => isAlloyFileName(entry.name) && kindOfEntry(entry, join(directory, entry.name)) === 'file')
    .map((entry) => entry.name)
    .sort()
    .map((name) => join(directory, name));
}
