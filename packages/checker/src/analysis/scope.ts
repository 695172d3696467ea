/**
 * The index's data: scopes (the root of a configuration, a `declare` body, a `foreach` template)
 * and the nodes registered in them, the components and config blocks that references link to.
 */
import type { Block, Expression, Statement } from '@alloy-toolkit/syntax';
import type { ComponentInstance, ConfigBlockInstance, DeclareInfo, ImportInfo, Reference, ScopeInfo } from '../model.js';
import { NameIndex } from '../suggestions.js';
import type { SourceFile } from './parse.js';

/** A node of the dependency graph: a component or config block with an id in its scope. */
export interface NodeEntry {
  id: string;
  block: Block;
  source: SourceFile;
  scope: Scope;
  component?: ComponentInstance;
  configBlock?: ConfigBlockInstance;
  /** Created on the first dependency (most nodes have none). */
  dependencies?: Set<NodeEntry>;
  referenced: boolean;
  /** Position in `AnalysisContext.entries`. */
  order: number;
}

/** Statements of one file that belong to the same scope. */
export interface Members {
  statements: readonly Statement[];
  source: SourceFile;
}

const noDeclares: ReadonlyMap<string, DeclareInfo> = new Map();
const noImports: ReadonlyMap<string, ImportInfo> = new Map();

export class Scope {
  /** Add entries with `addNode`, which keeps `nodeNames` current. */
  readonly nodes = new Map<string, NodeEntry>();
  private nodeNameIndex: NameIndex | undefined;
  // Most scopes (declare bodies, templates) define no declare and no import: their maps are made on the first.
  private declareMap: Map<string, DeclareInfo> | undefined;
  private declareNameIndex: NameIndex | undefined;
  private importMap: Map<string, ImportInfo> | undefined;
  /** Nodes of the other files of the directory, consulted last (root scope of checkText only). */
  fallback?: Scope;
  foreachVariable?: { name: string; foreach: Block; source: SourceFile };

  constructor(
    readonly info: ScopeInfo,
    readonly inModule: boolean,
    readonly inForeach: boolean,
    /** Enclosing scope whose nodes are visible (foreach templates). */
    readonly nodeParent?: Scope,
    /** Enclosing scope whose declares and imports are visible. */
    readonly definitionParent?: Scope,
  ) {}

  /** Bit `segmentBit(n)` is set when some id of `nodes` has `n` dot-separated segments. */
  nodeSegmentCounts = 0;

  /** Registers `entry` under `id` (not yet registered). */
  addNode(id: string, entry: NodeEntry): void {
    this.nodes.set(id, entry);
    this.nodeNameIndex?.add(id);
    let segments = 1;
    for (let index = id.indexOf('.'); index !== -1; index = id.indexOf('.', index + 1)) segments++;
    this.nodeSegmentCounts |= segmentBit(segments);
  }

  /** The declares by label; add entries with `addDeclare`, which keeps `declareNames` current. */
  get declares(): ReadonlyMap<string, DeclareInfo> {
    return this.declareMap ?? noDeclares;
  }

  /** Registers `info` under `label` (not yet registered). */
  addDeclare(label: string, info: DeclareInfo): void {
    (this.declareMap ??= new Map()).set(label, info);
    this.declareNameIndex?.add(label, 0);
  }

  /** The imports by namespace; add entries with `addImport`. */
  get imports(): ReadonlyMap<string, ImportInfo> {
    return this.importMap ?? noImports;
  }

  /** Registers `info` under `namespace` unless one is registered. */
  addImport(namespace: string, info: ImportInfo): void {
    this.importMap ??= new Map();
    if (!this.importMap.has(namespace)) this.importMap.set(namespace, info);
  }

  /** The keys of `declares`, in one group (0) for "did you mean": built on first use, then kept current. */
  get declareNames(): NameIndex {
    if (!this.declareNameIndex) {
      this.declareNameIndex = new NameIndex();
      for (const label of this.declares.keys()) this.declareNameIndex.add(label, 0);
    }
    return this.declareNameIndex;
  }

  /**
   * The keys of `nodes`, grouped for "did you mean": built on the first unresolved reference (most
   * checks have none), in the order the nodes were added, and kept current afterwards.
   */
  get nodeNames(): NameIndex {
    if (!this.nodeNameIndex) {
      this.nodeNameIndex = new NameIndex();
      for (const id of this.nodes.keys()) this.nodeNameIndex.add(id);
    }
    return this.nodeNameIndex;
  }
}

/** The bit of `Scope.nodeSegmentCounts` for ids of `segments` segments (31 and more share one). */
export function segmentBit(segments: number): number {
  return 1 << Math.min(segments, 31);
}

export const loggingLike = new Set(['logging', 'tracing']);
export const configBlockNames = new Set([
  'logging',
  'tracing',
  'argument',
  'export',
  'foreach',
  'import.file',
  'import.string',
  'import.http',
  'import.git',
]);
export const serviceNames = new Set(['http', 'remotecfg', 'livedebugging', 'labelstore', 'cluster', 'otel', 'ui']);
export const nonConfigurableServices = new Set(['cluster', 'otel', 'ui']);
export const labeledConfigBlocks = new Set(['argument', 'export', 'foreach', 'import.file', 'import.string', 'import.http', 'import.git']);
export const unlabeledNodeNames = new Set([...configBlockNames, ...serviceNames].filter((name) => !labeledConfigBlocks.has(name)));

/** A `declare` or `import.*` block: registered before anything else of its scope. */
export function isDefinitionBlock(block: Block): boolean {
  return block.fullName === 'declare' || (block.fullName.startsWith('import.') && configBlockNames.has(block.fullName));
}

export function nodeIdOf(block: Block): string {
  return block.label && block.label.value !== '' ? `${block.fullName}.${block.label.value}` : block.fullName;
}

export function labelOf(block: Block): string {
  return block.label ? block.label.value : '';
}

/** The names of the blocks from `root` (excluded) down to `target` (included), or undefined when `target` is not inside `root`. */
export function blockPathTo(root: Block, target: Block, depth = 0): string[] | undefined {
  if (root === target) return [];
  if (depth > 64) return undefined;
  for (const statement of root.body) {
    if (statement.type !== 'Block') continue;
    const inner = blockPathTo(statement, target, depth + 1);
    if (inner) return [statement.fullName, ...inner];
  }
  return undefined;
}

/** The references linked in a value, by expression: none, the only one (the usual case), or a map. */
export type ValueReferences = undefined | Reference | ReadonlyMap<Expression, Reference>;

export function referenceFor(references: ValueReferences, expression: Expression): Reference | undefined {
  if (references === undefined) return undefined;
  if (references instanceof Map) return references.get(expression);
  const only = references as Reference;
  return only.expression === expression ? only : undefined;
}
