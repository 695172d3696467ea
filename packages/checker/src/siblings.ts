import path from 'node:path';
import { parse, type Block, type ParseResult } from '@alloy-toolkit/syntax';
import type { SiblingIndex } from './analysis/context.js';
import { mayDefineNode, mayHoldDefinition, topLevelDefinitions, type TopLevelDefinitions } from './analysis/indexing.js';
import { createSource, type SourceFile } from './analysis/parse.js';
import type { CheckerFileSystem } from './filesystem.js';
import { NameIndex, segmentCountOf, type CandidateSource } from './suggestions.js';

/**
 * The other `.alloy` files of a directory, which Alloy loads as one configuration, kept across
 * checks. A file's lookups only parse the siblings whose text can define the name looked up; from
 * the second check in a directory on, every file is parsed once and an index answers each lookup,
 * so checking every file of a directory of N files no longer registers N - 1 siblings per file.
 * A check reads the siblings again (through its file system) unless the file system's `revision`
 * is unchanged, and drops the index when a text changed.
 */

/** One sibling file as last read. */
interface DirectoryEntry {
  path: string;
  /** `undefined` when the file cannot be read. */
  text: string | undefined;
  parse?: ParseResult;
  definitions?: TopLevelDefinitions;
}

/** Where an id is registered: `sequence` orders registrations (declares and imports of every file first). */
interface IdOccurrences {
  id: string;
  occurrences: { sequence: number; position: number }[];
}

interface DirectoryState {
  /** The listing `paths` was made from (file systems that cache listings return the same array). */
  names?: readonly string[];
  /** The `.alloy` files, sorted. */
  paths: string[];
  positions: Map<string, number>;
  /** Aligned with `paths`; a file only ever checked on its own has not been read. */
  entries: (DirectoryEntry | undefined)[];
  /** Node id -> positions of the files registering it, in order; built on a directory's second check. */
  nodeIndex?: Map<string, number[]>;
  /** Label -> positions of the files with top-level declare or import blocks so labelled; built with `nodeIndex`. */
  labelIndex?: Map<string, number[]>;
  /** Every node id with the files registering it, in registration order of the whole directory; built with `nodeIndex`. */
  orderedIds?: IdOccurrences[];
  /** The ids of `orderedIds`, grouped for "did you mean"; built with `nodeIndex`. */
  idNames?: NameIndex;
  /** Id -> its entry of `orderedIds`; built with `nodeIndex`. */
  idOccurrences?: Map<string, IdOccurrences>;
  /**
   * Segment count -> the earliest registrations of ids with that count, in two different files
   * (enough to order the counts without any one file); built with `nodeIndex`.
   */
  firstOfSegmentCount?: Map<number, { sequence: number; position: number }[]>;
  /** The number of files this state counts for in the cache's limit, as last remembered. */
  cachedWeight?: number;
  checks: number;
  /** The file system and revision the entries were last read with (see `CheckerFileSystem.revision`). */
  readWith?: { fileSystem: CheckerFileSystem; revision: number };
}

// At most this many files across the cached directories: enough for the biggest directories seen in practice.
const maximumCachedFiles = 4096;
/**
 * How many times over a check may search the siblings' texts before it builds the directory's index
 * instead. Searching every sibling for one name costs about a 45th of parsing them all (the corpus's
 * 359-file directory, warm: 0.4 ms against 19 ms; cold, a 150th), and the index costs more than the
 * parse. So searching until the searches add up to the index's cost, then building it, costs at most
 * about twice the cheaper of the two, whatever the number of lookups, and stays linear in them.
 */
const searchesBeforeIndex = 32;
const directories = new Map<string, DirectoryState>();
let cachedWeight = 0;

function parseOf(entry: DirectoryEntry & { text: string }): ParseResult {
  entry.parse ??= parse(entry.text, { fileName: entry.path });
  return entry.parse;
}

function definitionsOf(entry: DirectoryEntry & { text: string }): TopLevelDefinitions {
  entry.definitions ??= topLevelDefinitions(parseOf(entry).file.body);
  return entry.definitions;
}

function isReadable(entry: DirectoryEntry | undefined): entry is DirectoryEntry & { text: string } {
  return entry?.text !== undefined;
}

function remember(directory: string, state: DirectoryState): void {
  // Re-inserted, so that the map's order is least recently used first.
  if (directories.delete(directory)) cachedWeight -= state.cachedWeight ?? 0;
  // A directory without .alloy files still takes a place, so that the cache stays bounded.
  state.cachedWeight = Math.max(1, state.paths.length);
  cachedWeight += state.cachedWeight;
  directories.set(directory, state);
  for (const [oldest, cached] of directories) {
    if (cachedWeight <= maximumCachedFiles || oldest === directory) break;
    directories.delete(oldest);
    cachedWeight -= cached.cachedWeight ?? 0;
  }
}

/**
 * The parse of `text`, reused when the directory cache holds the same text for `filePath`
 * (a file checked after being read as a sibling).
 */
export function cachedParse(filePath: string, text: string): ParseResult {
  const resolved = path.resolve(filePath);
  const state = directories.get(path.dirname(resolved));
  const position = state?.positions.get(resolved);
  const entry = position === undefined ? undefined : state!.entries[position];
  if (isReadable(entry) && entry.text === text) return parseOf(entry);
  return parse(text, { fileName: filePath });
}

/** The siblings of `fileName` as the analyzer consults them, or `undefined` when it has none. */
export function siblingIndex(fileName: string, fileSystem: CheckerFileSystem): SiblingIndex | undefined {
  const ownPath = path.resolve(fileName);
  const directory = path.dirname(ownPath);
  const names = fileSystem.readDirectory(directory);
  if (!names) return undefined;
  const state: DirectoryState = directories.get(directory) ?? { paths: [], positions: new Map(), entries: [], checks: 0 };
  let unchanged = true;
  if (state.names !== names) {
    const paths: string[] = [];
    for (const name of [...names].sort()) if (name.endsWith('.alloy')) paths.push(path.join(directory, name));
    if (paths.length !== state.paths.length || paths.some((entryPath, position) => state.paths[position] !== entryPath)) {
      state.entries = paths.map((entryPath) => {
        const position = state.positions.get(entryPath);
        return position === undefined ? undefined : state.entries[position];
      });
      state.paths = paths;
      state.positions = new Map(paths.map((entryPath, position) => [entryPath, position]));
      unchanged = false;
    }
    state.names = names;
  }
  const ownPosition = state.positions.get(ownPath) ?? -1;
  const revision = fileSystem.revision;
  // Unchanged texts need not be read again; files not read yet (checked on their own so far) must be.
  const readAgain = !(unchanged && revision !== undefined && state.readWith?.fileSystem === fileSystem && state.readWith.revision === revision);
  let siblingCount = 0;
  for (let position = 0; position < state.paths.length; position++) {
    if (position === ownPosition) continue;
    let entry = state.entries[position];
    if (readAgain || !entry) {
      const entryPath = state.paths[position]!;
      const text = fileSystem.readFile(entryPath);
      if (!entry || entry.text !== text) {
        entry = { path: entryPath, text };
        state.entries[position] = entry;
        unchanged = false;
      }
    }
    if (entry.text !== undefined) siblingCount += 1;
  }
  state.readWith = revision === undefined ? undefined : { fileSystem, revision };
  if (!unchanged) {
    state.nodeIndex = undefined;
    state.labelIndex = undefined;
    state.orderedIds = undefined;
    state.idNames = undefined;
    state.idOccurrences = undefined;
    state.firstOfSegmentCount = undefined;
  }
  state.checks += 1;
  remember(directory, state);
  if (siblingCount === 0) return undefined;
  if (state.checks >= 2 && !state.nodeIndex) buildNodeIndex(state, fileSystem);
  return new DirectoryView(state, ownPosition, fileSystem);
}

function addPosition(index: Map<string, number[]>, key: string, position: number): void {
  const positions = index.get(key);
  if (positions) positions.push(position);
  else index.set(key, [position]);
}

/** Parses every file of the directory and indexes its top-level node ids and definition labels. */
function buildNodeIndex(state: DirectoryState, fileSystem: CheckerFileSystem): void {
  const nodeIndex = new Map<string, number[]>();
  const labelIndex = new Map<string, number[]>();
  for (const [position, entryPath] of state.paths.entries()) {
    const entry = (state.entries[position] ??= { path: entryPath, text: fileSystem.readFile(entryPath) });
    if (!isReadable(entry)) continue;
    const definitions = definitionsOf(entry);
    for (const label of definitions.definitions.keys()) addPosition(labelIndex, label, position);
    for (const id of definitions.nodes.keys()) addPosition(nodeIndex, id, position);
  }
  state.nodeIndex = nodeIndex;
  state.labelIndex = labelIndex;
  const occurrences = new Map<string, IdOccurrences>();
  let sequence = 0;
  const add = (id: string, position: number): void => {
    const known = occurrences.get(id);
    if (known) known.occurrences.push({ sequence, position });
    else occurrences.set(id, { id, occurrences: [{ sequence, position }] });
    sequence += 1;
  };
  const readable = [...state.entries.entries()].filter((item): item is [number, DirectoryEntry & { text: string }] => isReadable(item[1]));
  for (const [position, entry] of readable) for (const id of definitionsOf(entry).definitionIds) add(id, position);
  for (const [position, entry] of readable) for (const id of definitionsOf(entry).nodes.keys()) add(id, position);
  state.orderedIds = [...occurrences.values()];
  state.idOccurrences = occurrences;
  const idNames = new NameIndex();
  const firstOfSegmentCount = new Map<number, { sequence: number; position: number }[]>();
  for (const { id, occurrences: found } of state.orderedIds) {
    idNames.add(id);
    const count = segmentCountOf(id);
    let firsts = firstOfSegmentCount.get(count);
    if (!firsts) {
      firsts = [];
      firstOfSegmentCount.set(count, firsts);
    }
    for (const occurrence of found) {
      const samePosition = firsts.findIndex((first) => first.position === occurrence.position);
      if (samePosition !== -1) {
        if (firsts[samePosition]!.sequence > occurrence.sequence) firsts[samePosition] = occurrence;
      } else firsts.push(occurrence);
      firsts.sort((left, right) => left.sequence - right.sequence);
      if (firsts.length > 2) firsts.length = 2;
    }
  }
  state.idNames = idNames;
  state.firstOfSegmentCount = firstOfSegmentCount;
}

/** One check's view of a directory: the siblings of one file, each with its own throw-away `SourceFile`. */
class DirectoryView implements SiblingIndex {
  private readonly sources = new Map<number, SourceFile>();
  private nodeCandidates: CandidateSource | undefined;
  private declareCandidates: CandidateSource | undefined;
  /** Characters of sibling text searched by lookups without the index (see `searchText`). */
  private searchedCharacters = 0;
  private readonly siblingCharacters: number;

  constructor(
    private readonly state: DirectoryState,
    /** The checked file's position in the directory, or -1. */
    private readonly ownPosition: number,
    private readonly fileSystem: CheckerFileSystem,
  ) {
    let characters = 0;
    for (let position = 0; position < state.paths.length; position++) characters += this.siblingAt(position)?.text.length ?? 0;
    this.siblingCharacters = characters;
  }

  /**
   * Whether a lookup may still search the siblings' texts instead of the index. Each lookup without
   * the index costs the siblings' size; once lookups have searched the siblings
   * `searchesBeforeIndex` times over, the index (every sibling parsed once) is built, so that many
   * lookups cost linear time.
   */
  private searchText(): boolean {
    if (this.state.nodeIndex) return false;
    this.searchedCharacters += this.siblingCharacters;
    if (this.searchedCharacters <= searchesBeforeIndex * this.siblingCharacters + 65_536) return true;
    buildNodeIndex(this.state, this.fileSystem);
    return false;
  }

  /** The sibling at `position`, if it is one: not the checked file, and readable. */
  private siblingAt(position: number): (DirectoryEntry & { text: string }) | undefined {
    if (position === this.ownPosition) return undefined;
    const entry = this.state.entries[position];
    return isReadable(entry) ? entry : undefined;
  }

  private siblingEntries(): (DirectoryEntry & { text: string })[] {
    const siblings: (DirectoryEntry & { text: string })[] = [];
    for (let position = 0; position < this.state.paths.length; position++) {
      const entry = this.siblingAt(position);
      if (entry) siblings.push(entry);
    }
    return siblings;
  }

  private sourceAt(position: number, entry: DirectoryEntry & { text: string }): SourceFile {
    let source = this.sources.get(position);
    if (!source) {
      source = createSource(entry.text, entry.path, parseOf(entry));
      this.sources.set(position, source);
    }
    return source;
  }

  definitionsLabelled(label: string): { source: SourceFile; block: Block }[] {
    const found: { source: SourceFile; block: Block }[] = [];
    const add = (position: number, entry: DirectoryEntry & { text: string }): void => {
      const blocks = definitionsOf(entry).definitions.get(label);
      if (blocks) for (const block of blocks) found.push({ source: this.sourceAt(position, entry), block });
    };
    const indexed = this.searchText() ? undefined : this.state.labelIndex;
    if (indexed) {
      for (const position of indexed.get(label) ?? []) {
        const entry = this.siblingAt(position);
        if (entry) add(position, entry);
      }
      return found;
    }
    for (let position = 0; position < this.state.paths.length; position++) {
      const entry = this.siblingAt(position);
      if (entry && (entry.definitions || mayHoldDefinition(entry.text, label))) add(position, entry);
    }
    return found;
  }

  declareNames(): string[] {
    const names = new Set<string>();
    for (const entry of this.siblingEntries()) for (const name of definitionsOf(entry).declareNames) names.add(name);
    return [...names];
  }

  declareNameCandidates(): CandidateSource {
    if (!this.declareCandidates) {
      const index = new NameIndex();
      for (const name of this.declareNames()) index.add(name, 0);
      this.declareCandidates = { index, segmentCounts: index.segmentCounts };
    }
    return this.declareCandidates;
  }

  nodeDefinition(id: string): { source: SourceFile; block: Block } | undefined {
    const index = this.searchText() ? undefined : this.state.nodeIndex;
    if (index) {
      for (const position of index.get(id) ?? []) {
        const entry = this.siblingAt(position);
        if (entry) return { source: this.sourceAt(position, entry), block: definitionsOf(entry).nodes.get(id)! };
      }
      return undefined;
    }
    for (let position = 0; position < this.state.paths.length; position++) {
      const entry = this.siblingAt(position);
      if (!entry || (!entry.definitions && !mayDefineNode(entry.text, id))) continue;
      const block = definitionsOf(entry).nodes.get(id);
      if (block) return { source: this.sourceAt(position, entry), block };
    }
    return undefined;
  }

  nodeIdCandidates(): CandidateSource {
    this.nodeCandidates ??= this.state.idNames && this.state.idOccurrences && this.state.firstOfSegmentCount ? this.indexedNodeCandidates() : this.parsedNodeCandidates();
    return this.nodeCandidates;
  }

  /**
   * The directory's id index, without the ids only the checked file registers. Segment counts are
   * ordered as registering the siblings would: by the first sibling registration of each.
   */
  private indexedNodeCandidates(): CandidateSource {
    const occurrencesOf = this.state.idOccurrences!;
    const firstSequence: [number, number][] = [];
    for (const [count, firsts] of this.state.firstOfSegmentCount!) {
      const first = firsts.find((occurrence) => this.siblingAt(occurrence.position) !== undefined);
      if (first) firstSequence.push([count, first.sequence]);
    }
    const segmentCounts = firstSequence.sort((left, right) => left[1] - right[1]).map(([count]) => count);
    return {
      index: this.state.idNames!,
      segmentCounts,
      accepts: (id) => occurrencesOf.get(id)?.occurrences.some((occurrence) => this.siblingAt(occurrence.position) !== undefined) === true,
    };
  }

  /** The siblings' ids in registration order: declares and imports of every sibling first. */
  private parsedNodeCandidates(): CandidateSource {
    const siblings = this.siblingEntries();
    const index = new NameIndex();
    for (const entry of siblings) for (const id of definitionsOf(entry).definitionIds) index.add(id);
    for (const entry of siblings) for (const id of definitionsOf(entry).nodes.keys()) index.add(id);
    return { index, segmentCounts: index.segmentCounts };
  }
}
