import type { AlloyType, ComponentSchema, ConfigBlockSchema, StdlibConstant, StdlibFunction } from '@alloy-toolkit/schema';
import type { Attribute, Block, Expression, ParseResult, Range } from '@alloy-toolkit/syntax';

/** Where a node stands: the root of the configuration, a `declare` body, or a `foreach` template. */
export interface ScopeInfo {
  kind: 'root' | 'declare' | 'foreach';
  /** `''` for the root, otherwise the ids of the enclosing declares/foreaches joined with `/`: `declare.a/foreach.b`. */
  path: string;
  /** The `declare` or `foreach` block that opens the scope (none for the root). */
  block?: Block;
}

/** A component block: built-in, custom (`declare`) or from an import namespace. */
export interface ComponentInstance {
  /** The node id: name fragments and label joined with `.`: `prometheus.scrape.default`. */
  id: string;
  /** The block's full name: `prometheus.scrape`. */
  name: string;
  /** The label, `''` when missing. */
  label: string;
  block: Block;
  fileName?: string;
  scope: ScopeInfo;
  kind: 'builtin' | 'custom' | 'imported' | 'unknown';
  /** The built-in schema, when `kind` is `builtin`. */
  schema?: ComponentSchema;
  /** The definition of a custom or imported component, when it is known. */
  declare?: DeclareInfo;
  /** The export names, when known. */
  exports?: string[];
}

/** A non-component block: `logging`, `argument "x"`, `foreach "y"`, `http`... */
export interface ConfigBlockInstance {
  id: string;
  name: string;
  label: string;
  block: Block;
  fileName?: string;
  scope: ScopeInfo;
  schema?: ConfigBlockSchema;
}

export interface DeclareArgument {
  name: string;
  block: Block;
  /** Not required: `optional = true`, or a `default` is given. */
  optional: boolean;
}

export interface DeclareExport {
  name: string;
  block: Block;
}

/** A custom component defined by `declare "name" { ... }`. */
export interface DeclareInfo {
  name: string;
  block: Block;
  fileName?: string;
  arguments: DeclareArgument[];
  exports: DeclareExport[];
  /** The import namespace it came from, when it was imported. */
  namespace?: string;
}

export type ImportKind = 'file' | 'string' | 'http' | 'git';

export interface ImportInfo {
  /** The label: the namespace of the imported components. */
  namespace: string;
  kind: ImportKind;
  block: Block;
  fileName?: string;
  /** For `import.file`: the path the `filename` attribute names, when its value is known from the text. */
  resolvedPath?: string;
  /** For `import.file`: the files read (one, or the `.alloy` files of a directory). */
  resolvedFiles: string[];
  /** False for git/http/string imports and for files that could not be read: any component name is accepted. */
  fetched: boolean;
  /** The custom components the module defines (empty when not fetched). */
  declares: DeclareInfo[];
}

export type ReferenceTarget =
  | { kind: 'component'; component: ComponentInstance; export?: string; exportType?: AlloyType }
  | { kind: 'config-block'; configBlock: ConfigBlockInstance; export?: string }
  | { kind: 'argument'; name: string; block: Block; fileName?: string }
  | { kind: 'foreach-variable'; name: string; foreach: Block; fileName?: string }
  | { kind: 'import-namespace'; import: ImportInfo }
  | { kind: 'function'; name: string; function: StdlibFunction }
  | { kind: 'constant'; name: string; constant: StdlibConstant }
  | { kind: 'stdlib'; name: string }
  | { kind: 'module-path' }
  | { kind: 'unresolved' };

export interface ReferenceSegment {
  name: string;
  /** Offsets of the name in its file (`end` exclusive). */
  readonly start: number;
  readonly end: number;
  /** The name's range; computed on first use (most references never need theirs). */
  readonly range: Range;
}

/** An identifier path in an expression: `prometheus.exporter.unix.node.targets`. */
export interface Reference {
  /** The whole path. */
  range: Range;
  segments: ReferenceSegment[];
  /** The segments joined with `.`. */
  text: string;
  /** The outermost expression of the path (an Access or IdentifierExpr). */
  expression: Expression;
  /** The attribute whose value contains the reference. */
  attribute?: Attribute;
  /** The component or config block whose body contains the reference. */
  owner?: Block;
  fileName?: string;
  scope: ScopeInfo;
  target: ReferenceTarget;
}

/** Where something is defined. */
export interface Definition {
  fileName?: string;
  range: Range;
  /** The defining block or attribute, when there is one in a file. */
  node?: Block | Attribute;
}

/** Everything the checker learned about one file (and what it resolved through imports and siblings). */
export interface SemanticModel {
  fileName?: string;
  text: string;
  parse: ParseResult;
  /** Every component of the file, at any depth (declare bodies, foreach templates). */
  components: ComponentInstance[];
  configBlocks: ConfigBlockInstance[];
  declares: DeclareInfo[];
  imports: ImportInfo[];
  /** Every reference, in source order. */
  references: Reference[];
  /** The innermost reference whose range contains `offset` (end inclusive, so a cursor after the last character counts). */
  referenceAt(offset: number): Reference | undefined;
  /** Where the reference's target is defined; `undefined` for stdlib names and unresolved references. */
  definitionOf(reference: Reference): Definition | undefined;
}
