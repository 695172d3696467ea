/**
 * The state of one analysis, shared by its phases (indexing, linking, validation) and by the rule
 * families, which report through it.
 */
import path from 'node:path';
import { listComponents, stdlibNamespaces } from '@alloy-toolkit/schema';
import type { AvailabilityKind, SchemaOptions, StabilityLevel } from '@alloy-toolkit/schema';
import { byteColumn } from '@alloy-toolkit/syntax';
import type { Block, Diagnostic, Fix, Position, Range } from '@alloy-toolkit/syntax';
import type { CheckerFileSystem } from '../filesystem.js';
import type { ComponentInstance, DeclareInfo, ImportInfo } from '../model.js';
import { SuggestionBudget, type CandidateSource } from '../suggestions.js';
import { unavailableNote, type TargetVersion } from '../versions.js';
import type { SourceFile } from './parse.js';
import { blockPathTo, type NodeEntry, type Scope } from './scope.js';

export interface AnalyzerOptions {
  fileSystem?: CheckerFileSystem;
  stabilityLevel: StabilityLevel;
  /** Directories (absolute, symbolic links resolved) that imported files must lie in; undefined: anywhere. */
  importRoots?: readonly string[];
  /** The release whose schema the lookups use; undefined: the newest (read without the history data). */
  release?: SchemaOptions;
  /** The release the check targets, for messages naming releases; undefined: none. */
  target?: TargetVersion;
}

/**
 * The other files of the directory, consulted for names the checked file does not define. Answers
 * exactly what registering every sibling in one fallback scope would give, without doing it.
 */
export interface SiblingIndex {
  /** The siblings' top-level `declare` and `import.*` blocks labelled `label`, in directory order, then statement order. */
  definitionsLabelled(label: string): { source: SourceFile; block: Block }[];
  /** The labels of the siblings' top-level `declare` blocks, each once, in order. */
  declareNames(): string[];
  /** The first sibling block (directory order, then statement order) that registers node `id`, other than declares and imports. */
  nodeDefinition(id: string): { source: SourceFile; block: Block } | undefined;
  /**
   * Every node id the siblings register, for "did you mean": `segmentCounts` lists the ids' segment
   * counts in registration order (declares and imports first) of their first id.
   */
  nodeIdCandidates(): CandidateSource;
  /** `declareNames()` as candidates for "did you mean" (one group, 0). */
  declareNameCandidates(): CandidateSource;
}

/** What the indexing of a module file found. */
export interface ModuleContents {
  declares: DeclareInfo[];
  hasNestedImports: boolean;
  /** Where the first statement other than a declare or import block starts. */
  otherStatement?: Position;
  /** Where the first syntax error is. */
  syntaxError?: Position;
}

/** Answers of one kind of "did you mean" in one scope, for the names visible when `version` was current. */
interface SuggestionMemo {
  version: number;
  answers: Map<string, string | undefined>;
}

export function memoized(memos: Map<Scope, SuggestionMemo>, scope: Scope, version: number, key: string, compute: () => string | undefined): string | undefined {
  let memo = memos.get(scope);
  if (!memo || memo.version !== version) {
    memo = { version, answers: new Map() };
    memos.set(scope, memo);
  }
  if (memo.answers.has(key)) return memo.answers.get(key);
  const answer = compute();
  memo.answers.set(key, answer);
  return answer;
}

/** Per release (`''`: the newest). */
const stdlibNameCache = new Map<string, Set<string>>();
export function stdlibNames(release: SchemaOptions | undefined): Set<string> {
  const key = release?.version ?? '';
  let names = stdlibNameCache.get(key);
  if (!names) {
    names = new Set(stdlibNamespaces(release));
    stdlibNameCache.set(key, names);
  }
  return names;
}

/** Per release (`''`: the newest). */
const componentNameCache = new Map<string, string[]>();
export function builtinComponentNames(release: SchemaOptions | undefined): string[] {
  const key = release?.version ?? '';
  let names = componentNameCache.get(key);
  if (!names) {
    names = listComponents(release).map((component) => component.name);
    componentNameCache.set(key, names);
  }
  return names;
}

/** The state of one analysis of a set of files that form one configuration. */
export class AnalysisContext {
  /** Every node registered, in registration order. */
  readonly entries: NodeEntry[] = [];
  // The maps that most analyses never use are created on first use.
  private moduleCacheMap: Map<string, ModuleContents | undefined> | undefined;
  private moduleTextMap: Map<string, string | undefined> | undefined;
  private siblingLabelSet: Set<string> | undefined;
  private siblingNodeSet: Set<string> | undefined;
  private importByBlockMap: Map<Block, ImportInfo> | undefined;
  private referenceSuggestionMap: Map<Scope, SuggestionMemo> | undefined;
  private componentSuggestionMap: Map<Scope, SuggestionMemo> | undefined;
  /** What module files hold, read and indexed once per analysis. */
  get moduleCache(): Map<string, ModuleContents | undefined> {
    return (this.moduleCacheMap ??= new Map());
  }
  get moduleTexts(): Map<string, string | undefined> {
    return (this.moduleTextMap ??= new Map());
  }
  /** The module files being indexed, innermost last (an import cycle is not followed). */
  readonly importStack: string[] = [];
  readonly instances = new Map<Block, ComponentInstance>();
  /** The first node entry registered for each block. */
  readonly entryByBlock = new Map<Block, NodeEntry>();
  siblings: SiblingIndex | undefined;
  /** The root scope's fallback, where sibling blocks are registered. */
  siblingScope: Scope | undefined;
  get siblingLabelLookups(): Set<string> {
    return (this.siblingLabelSet ??= new Set());
  }
  get siblingNodeLookups(): Set<string> {
    return (this.siblingNodeSet ??= new Set());
  }
  siblingNodeCandidates: CandidateSource | undefined;
  siblingDeclareCandidates: CandidateSource | undefined;
  get importByBlock(): Map<Block, ImportInfo> {
    return (this.importByBlockMap ??= new Map());
  }
  /** Whether an import block was registered (`importByBlock` is not empty). */
  hasImports(): boolean {
    return this.importByBlockMap !== undefined && this.importByBlockMap.size > 0;
  }
  /** Declares of an imported module by name, the first of each name. */
  private importedDeclares: Map<ImportInfo, Map<string, DeclareInfo>> | undefined;
  /** Pays for "did you mean" lookups; set per run from the size of the checked text. */
  suggestionBudget = SuggestionBudget.forText(0);
  /** "Did you mean" answers per scope and name, valid while the scope chain's names are unchanged. */
  get referenceSuggestions(): Map<Scope, SuggestionMemo> {
    return (this.referenceSuggestionMap ??= new Map());
  }
  get componentSuggestions(): Map<Scope, SuggestionMemo> {
    return (this.componentSuggestionMap ??= new Map());
  }

  constructor(readonly options: AnalyzerOptions) {}

  /** Adds a diagnostic to `source` and returns it (a rule may give it a `hint`). */
  report(source: SourceFile, code: string, severity: Diagnostic['severity'], message: string, range: Range, fix?: Fix): Diagnostic {
    const diagnostic: Diagnostic = { code, severity, message, range };
    if (fix) diagnostic.fix = fix;
    source.diagnostics.push(diagnostic);
    return diagnostic;
  }

  error(source: SourceFile, code: string, message: string, range: Range, fix?: Fix): Diagnostic {
    return this.report(source, code, 'error', message, range, fix);
  }

  /** `message` with the release(s) that have the item, when the target release lacks it but another has it. */
  versionNoted(message: string, kind: AvailabilityKind, name: string, path: readonly string[], label: string): string | undefined {
    const target = this.options.target;
    const note = target && unavailableNote(target, kind, name, path, label);
    return note ? `${message}: ${note}` : undefined;
  }

  /** `versionNoted` for an argument or block `name` inside `block`, a block of the node `owner`. */
  versionNotedInBody(message: string, kind: AvailabilityKind, owner: NodeEntry | undefined, block: Block, name: string): string | undefined {
    if (!this.options.target || !owner) return undefined;
    const path = blockPathTo(owner.block, block);
    return path && this.versionNoted(message, kind, owner.block.fullName, [...path, name], name);
  }

  formatLocation(source: SourceFile, block: Block): string {
    const start = source.parse.lines.positionAt(block.start);
    const where = `${start.line}:${byteColumn(source.text, start)}`;
    return source.fileName ? `${path.basename(source.fileName)}:${where}` : where;
  }

  /** The declares of an imported module by name, the first of each name. */
  importedDeclaresByName(imported: ImportInfo): Map<string, DeclareInfo> {
    this.importedDeclares ??= new Map();
    let byName = this.importedDeclares.get(imported);
    if (!byName) {
      byName = new Map();
      for (const declare of imported.declares) if (!byName.has(declare.name)) byName.set(declare.name, declare);
      this.importedDeclares.set(imported, byName);
    }
    return byName;
  }
}
