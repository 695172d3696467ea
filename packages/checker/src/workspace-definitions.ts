import path from 'node:path';
import type { Diagnostic, Position, RelatedLocation } from '@alloy-toolkit/syntax';
import type { CheckerFileSystem } from './filesystem.js';
import type { Reference } from './model.js';

/** A top-level labelled block of a file of the workspace: where a node id is defined. */
interface DefinitionSite {
  fileName: string;
  start: Position;
  end: Position;
}

interface WorkspaceIndex {
  revision: number | undefined;
  byId: Map<string, DefinitionSite[]>;
}

const MAX_DEPTH = 6;
const MAX_FILES = 3000;
const skipped = new Set(['node_modules', 'vendor', 'dist', 'build']);
let indexes = new WeakMap<CheckerFileSystem, Map<string, WorkspaceIndex>>();

/**
 * Forgets the workspace indexes. A file system without `revision` (an editor's) keeps its index
 * until this is called, e.g. when the client reports changed files.
 */
export function forgetWorkspaceDefinitions(): void {
  indexes = new WeakMap();
}
// A labelled block at the start of a line: `loki.write "default" {`.
const DEFINITION = /^[ \t]*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)[ \t]+"((?:[^"\\\n]|\\.)*)"[ \t]*\{/gm;

function positionIn(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** The labelled top-level blocks of every `.alloy` file below `root` (bounded), by node id; kept per file system revision. */
function workspaceIndex(root: string, fileSystem: CheckerFileSystem): WorkspaceIndex {
  let byRoot = indexes.get(fileSystem);
  if (!byRoot) {
    byRoot = new Map();
    indexes.set(fileSystem, byRoot);
  }
  const known = byRoot.get(root);
  if (known && (known.revision === undefined || known.revision === fileSystem.revision)) return known;
  const byId = new Map<string, DefinitionSite[]>();
  let files = 0;
  let level = [root];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0 && files < MAX_FILES; depth++) {
    const next: string[] = [];
    for (const directory of level) {
      for (const name of [...(fileSystem.readDirectory(directory) ?? [])].sort()) {
        if (name.startsWith('.') || skipped.has(name)) continue;
        const entry = path.join(directory, name);
        if (!name.endsWith('.alloy')) {
          next.push(entry);
          continue;
        }
        if (++files > MAX_FILES) break;
        const text = fileSystem.readFile(entry);
        if (text === undefined) continue;
        for (const match of text.matchAll(DEFINITION)) {
          const label = match[2]!.replace(/\\(.)/g, '$1');
          const id = `${match[1]}.${label}`;
          const start = match.index + match[0].indexOf(match[1]!);
          const site = { fileName: entry, start: positionIn(text, start), end: positionIn(text, start + match[1]!.length) };
          const sites = byId.get(id);
          if (sites) sites.push(site);
          else byId.set(id, [site]);
        }
      }
    }
    level = next;
  }
  const index = { revision: fileSystem.revision, byId };
  byRoot.set(root, index);
  return index;
}

/**
 * Gives each unresolved reference of `fileName` that a file in another directory below `root`
 * defines the place(s) where it is defined (`related`) and a hint to declare the directories an
 * assembly. The error stays: Alloy loads one directory.
 */
export function relateToOtherDirectories(
  diagnostics: Diagnostic[],
  references: readonly Reference[],
  fileName: string,
  root: string,
  fileSystem: CheckerFileSystem,
): void {
  const unresolved = diagnostics.filter((diagnostic) => diagnostic.code === 'alloy/unresolved-reference');
  if (unresolved.length === 0) return;
  const ownDirectory = path.dirname(path.resolve(fileName));
  const index = workspaceIndex(path.resolve(root), fileSystem);
  for (const diagnostic of unresolved) {
    const reference = references.find((candidate) => candidate.range.start.offset === diagnostic.range.start.offset && candidate.target.kind === 'unresolved');
    if (!reference) continue;
    const names = reference.segments.map((segment) => segment.name);
    for (let length = 2; length <= names.length; length++) {
      const id = names.slice(0, length).join('.');
      const sites = (index.byId.get(id) ?? []).filter((site) => path.dirname(site.fileName) !== ownDirectory);
      if (sites.length === 0) continue;
      const related: RelatedLocation[] = sites.slice(0, 5).map((site) => ({
        message: `"${id}" is defined here`,
        fileName: site.fileName,
        range: { start: site.start, end: site.end },
      }));
      diagnostic.related = related;
      const directories = [...new Set([ownDirectory, ...sites.map((site) => path.dirname(site.fileName))])].map((directory) =>
        JSON.stringify(path.relative(root, directory).split(path.sep).join('/') || '.'),
      );
      const where = [...new Set(sites.map((site) => path.relative(root, site.fileName).split(path.sep).join('/')))].join(', ');
      diagnostic.hint = `"${id}" is defined in another directory (${where}); if they are deployed together, declare them an assembly in .alloy-lint.json: "assemblies": [[${directories.join(', ')}]]`;
      break;
    }
  }
}
