import path from 'node:path';
import {
  getComponent,
  getConfigBlock,
  getConstant,
  getFunction,
  isTypeAssignable,
  listComponents,
  stabilityAllows,
  stdlibNamespaces,
  formatAlloyType,
} from '@alloy-toolkit/schema';
import type {
  AlloyType,
  ArgumentSchema,
  BlockSchema,
  ComponentSchema,
  AvailabilityKind,
  ConfigBlockSchema,
  SchemaOptions,
  StabilityLevel,
} from '@alloy-toolkit/schema';
import { byteColumn, parse } from '@alloy-toolkit/syntax';
import type { Attribute, Block, Diagnostic, Expression, Fix, ParseResult, Position, Range, Statement } from '@alloy-toolkit/syntax';
import { parseGoDuration } from './go-duration.js';
import { collectTraversals, literalKind, literalString, type Traversal, type ValueKind } from './expressions.js';
import { isInsideRoots, realPathThrough, type CheckerFileSystem } from './filesystem.js';
import type {
  ComponentInstance,
  ConfigBlockInstance,
  DeclareArgument,
  DeclareExport,
  DeclareInfo,
  ImportInfo,
  ImportKind,
  Reference,
  ReferenceSegment,
  ReferenceTarget,
  ScopeInfo,
} from './model.js';
import {
  blockHeaderRange,
  blockNameRange,
  blockOpeningRange,
  closestName,
  didYouMean,
  isPrometheusLabelName,
  NameSet,
  rangeOf,
} from './util.js';
import { closestCandidate, NameIndex, SuggestionBudget, type CandidateSource } from './suggestions.js';
import { checkLoadTimeRules } from './load-time/index.js';
import { deprecationNote, unavailableNote, type TargetVersion } from './versions.js';

/** One parsed file taking part in an analysis. */
export interface SourceFile {
  fileName?: string;
  text: string;
  parse: ParseResult;
  diagnostics: Diagnostic[];
  components: ComponentInstance[];
  configBlocks: ConfigBlockInstance[];
  declares: DeclareInfo[];
  imports: ImportInfo[];
  references: Reference[];
}

export function createSource(text: string, fileName: string | undefined, parseResult?: ParseResult): SourceFile {
  return {
    fileName,
    text,
    parse: parseResult ?? parse(text, fileName === undefined ? {} : { fileName }),
    diagnostics: [],
    components: [],
    configBlocks: [],
    declares: [],
    imports: [],
    references: [],
  };
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

/** What the top level of one file registers in its scope. */
export interface TopLevelDefinitions {
  /** The `declare` and `import.*` blocks (registered before anything else) by label, in order. */
  definitions: Map<string, Block[]>;
  /** Node ids of the declare and import blocks, each once, in order. */
  definitionIds: string[];
  /** Labels of the declare blocks, each once, in order. */
  declareNames: string[];
  /** The other registered nodes: each id with its first block, in order. */
  nodes: Map<string, Block>;
}

function isDefinitionBlock(block: Block): boolean {
  return block.fullName === 'declare' || (block.fullName.startsWith('import.') && configBlockNames.has(block.fullName));
}

/** Mirrors `register`: which top-level blocks become nodes, under which ids. */
export function topLevelDefinitions(body: Statement[]): TopLevelDefinitions {
  const definitions: TopLevelDefinitions = { definitions: new Map(), definitionIds: [], declareNames: [], nodes: new Map() };
  const definitionIds = new Set<string>();
  const declareNames = new Set<string>();
  for (const statement of body) {
    if (statement.type !== 'Block') continue;
    if (isDefinitionBlock(statement)) {
      const label = labelOf(statement);
      if (label === '') continue;
      const labelled = definitions.definitions.get(label);
      if (labelled) labelled.push(statement);
      else definitions.definitions.set(label, [statement]);
      definitionIds.add(nodeIdOf(statement));
      if (statement.fullName === 'declare') declareNames.add(label);
      continue;
    }
    const label = labelOf(statement);
    const isConfigBlock = configBlockNames.has(statement.fullName) || serviceNames.has(statement.fullName);
    if (label === '' && (!isConfigBlock || labeledConfigBlocks.has(statement.fullName))) continue;
    const id = nodeIdOf(statement);
    if (!definitions.nodes.has(id)) definitions.nodes.set(id, statement);
  }
  definitions.definitionIds = [...definitionIds];
  definitions.declareNames = [...declareNames];
  return definitions;
}

/** The label of the declare or import block that would register node `id`, if `id` has that form. */
function definitionLabelOf(id: string): string | undefined {
  if (id.startsWith('declare.')) return id.slice('declare.'.length);
  const match = /^import\.(?:file|string|http|git)\.(.+)$/s.exec(id);
  return match?.[1];
}

/** False only when `text` cannot hold a top-level `declare` or `import.*` block labelled `label`. */
export function mayHoldDefinition(text: string, label: string): boolean {
  return (text.includes('declare') || text.includes('import')) && (text.includes(`"${label}`) || text.includes(`\`${label}`));
}

/**
 * False only when `text` cannot hold a block registering node `id`: an unlabeled config block
 * named `id`, or a block named by `id`'s head up to some dot (identifiers, each in the text) whose
 * label token is the tail after it (the label's value is its token without the quotes, unescaped,
 * so the opening quote and the value are in the text).
 */
export function mayDefineNode(text: string, id: string): boolean {
  if (unlabeledNodeNames.has(id) && text.includes(id)) return true;
  let namesPresent = true;
  for (let start = 0, dot = id.indexOf('.'); dot !== -1 && namesPresent; start = dot + 1, dot = id.indexOf('.', dot + 1)) {
    namesPresent = text.includes(id.slice(start, dot));
    const label = id.slice(dot + 1);
    if (namesPresent && (text.includes(`"${label}`) || text.includes(`\`${label}`))) return true;
  }
  return false;
}

/** Answers of one kind of "did you mean" in one scope, for the names visible when `version` was current. */
interface SuggestionMemo {
  version: number;
  answers: Map<string, string | undefined>;
}

function memoized(memos: Map<Scope, SuggestionMemo>, scope: Scope, version: number, key: string, compute: () => string | undefined): string | undefined {
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

/** The declare names of an imported module (keyed by its name map), for "did you mean". */
const importedDeclareNames = new WeakMap<Map<string, DeclareInfo>, NameIndex>();

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

/** A node of the dependency graph: a component or config block with an id in its scope. */
interface NodeEntry {
  id: string;
  block: Block;
  source: SourceFile;
  scope: Scope;
  component?: ComponentInstance;
  configBlock?: ConfigBlockInstance;
  /** Created on the first dependency (most nodes have none). */
  dependencies?: Set<NodeEntry>;
  referenced: boolean;
  /** Position in `Analyzer.entries`. */
  order: number;
}

/** Statements of one file that belong to the same scope. */
interface Members {
  statements: readonly Statement[];
  source: SourceFile;
}

class Scope {
  readonly nodes = new Map<string, NodeEntry>();
  /** The keys of `nodes`, grouped for "did you mean". */
  readonly nodeNames = new NameIndex();
  readonly declares = new Map<string, DeclareInfo>();
  /** The keys of `declares`, in one group (0) for "did you mean". */
  readonly declareNames = new NameIndex();
  readonly imports = new Map<string, ImportInfo>();
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
}

const loggingLike = new Set(['logging', 'tracing']);
const configBlockNames = new Set([
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
const serviceNames = new Set(['http', 'remotecfg', 'livedebugging', 'labelstore', 'cluster', 'otel', 'ui']);
const nonConfigurableServices = new Set(['cluster', 'otel', 'ui']);
const labeledConfigBlocks = new Set(['argument', 'export', 'foreach', 'import.file', 'import.string', 'import.http', 'import.git']);
const unlabeledNodeNames = new Set([...configBlockNames, ...serviceNames].filter((name) => !labeledConfigBlocks.has(name)));

const noDependencies: ReadonlySet<NodeEntry> = new Set();

/** The names of `segments` joined by dots: a slice of the source text when it is written so, without spaces. */
function traversalText(sourceText: string, segments: readonly ReferenceSegment[]): string {
  const first = segments[0]!;
  if (segments.length === 1) return first.name;
  const start = first.range.start.offset;
  let position = start;
  let writtenAsJoined = true;
  for (let index = 0; index < segments.length && writtenAsJoined; index++) {
    const name = segments[index]!.name;
    if (index > 0) writtenAsJoined = sourceText.charCodeAt(position++) === 0x2e; /* . */
    writtenAsJoined &&= sourceText.startsWith(name, position);
    position += name.length;
  }
  if (writtenAsJoined && position === segments[segments.length - 1]!.range.end.offset) return sourceText.slice(start, position);
  let text = first.name;
  for (let index = 1; index < segments.length; index++) text = `${text}.${segments[index]!.name}`;
  return text;
}

/** A reference's target until it is resolved; never returned. */
const pendingTarget: ReferenceTarget = Object.freeze({ kind: 'unresolved' });

/**
 * A new reference. Every reference from an attribute (nearly all of them) gets its optional
 * properties in one literal, in the order they always had: an object that gains properties after
 * its creation needs a second allocation for them. The rare others gain them afterwards.
 */
function newReference(
  traversal: Traversal,
  text: string,
  scope: ScopeInfo,
  fileName: string | undefined,
  attribute: Attribute | undefined,
  owner: Block | undefined,
): Reference {
  const { range, segments, expression } = traversal;
  const target = pendingTarget;
  if (attribute !== undefined && fileName === undefined) {
    return owner === undefined
      ? { range, segments, text, expression, scope, target, attribute }
      : { range, segments, text, expression, scope, target, attribute, owner };
  }
  if (attribute !== undefined && fileName !== undefined) {
    return owner === undefined
      ? { range, segments, text, expression, scope, target, fileName, attribute }
      : { range, segments, text, expression, scope, target, fileName, attribute, owner };
  }
  const reference: Reference = { range, segments, text, expression, scope, target };
  if (fileName !== undefined) reference.fileName = fileName;
  if (owner !== undefined) reference.owner = owner;
  return reference;
}

/** The references of a value, by expression: none, the only one (the usual case), or a map. */
type ValueReferences = undefined | Reference | ReadonlyMap<Expression, Reference>;

function referenceFor(references: ValueReferences, expression: Expression): Reference | undefined {
  if (references === undefined) return undefined;
  if (references instanceof Map) return references.get(expression);
  const only = references as Reference;
  return only.expression === expression ? only : undefined;
}

type BodySchema = { arguments: ArgumentSchema[]; blocks: BlockSchema[]; open?: boolean };

interface SchemaIndex {
  arguments: Map<string, ArgumentSchema>;
  blocks: Map<string, BlockSchema>;
  requiredArguments: ArgumentSchema[];
  requiredBlocks: BlockSchema[];
}

const schemaIndexes = new WeakMap<object, SchemaIndex>();

/** Name lookups for a schema, built once per schema object. */
function indexOf(schema: BodySchema): SchemaIndex {
  let index = schemaIndexes.get(schema);
  if (!index) {
    index = {
      arguments: new Map(schema.arguments.map((argument) => [argument.name, argument])),
      blocks: new Map(schema.blocks.map((block) => [block.name, block])),
      // The docs mark some arguments required while giving a default; upstream accepts them unset.
      requiredArguments: schema.arguments.filter((argument) => argument.required && argument.default === undefined),
      requiredBlocks: schema.blocks.filter((block) => block.required),
    };
    schemaIndexes.set(schema, index);
  }
  return index;
}

/** Per release (`''`: the newest). */
const stdlibNameCache = new Map<string, Set<string>>();
function stdlibNames(release: SchemaOptions | undefined): Set<string> {
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
/** Suggestion among built-in names per release and unknown name (`''`: none); the lists never change. */
const builtinSuggestions = new Map<string, Map<string, string>>();
function builtinComponentNames(release: SchemaOptions | undefined): string[] {
  const key = release?.version ?? '';
  let names = componentNameCache.get(key);
  if (!names) {
    names = listComponents(release).map((component) => component.name);
    componentNameCache.set(key, names);
  }
  return names;
}

/** The names of the blocks from `root` (excluded) down to `target` (included), or undefined when `target` is not inside `root`. */
function blockPathTo(root: Block, target: Block, depth = 0): string[] | undefined {
  if (root === target) return [];
  if (depth > 64) return undefined;
  for (const statement of root.body) {
    if (statement.type !== 'Block') continue;
    const inner = blockPathTo(statement, target, depth + 1);
    if (inner) return [statement.fullName, ...inner];
  }
  return undefined;
}

function nodeIdOf(block: Block): string {
  return block.label && block.label.value !== '' ? `${block.fullName}.${block.label.value}` : block.fullName;
}

function labelOf(block: Block): string {
  return block.label ? block.label.value : '';
}

function stabilityMessage(subject: string, required: StabilityLevel, level: StabilityLevel): string {
  return `${subject} is at stability level "${required}", which is below the minimum allowed stability level "${level}". Use --stability.level command-line flag to enable "${required}" features`;
}

function typeNameForMessage(type: AlloyType): string {
  switch (type.kind) {
    case 'list':
      return 'array';
    case 'map':
    case 'object':
      return 'object';
    case 'secret':
    case 'duration':
      return 'string';
    case 'capsule':
      return `capsule("${type.name}")`;
    default:
      return type.kind;
  }
}

/** Static string value of an expression for import paths: literals, `+`, `module_path`, `file.path_join`. */
function staticPath(expression: Expression, modulePath: string | undefined, depth = 0): string | undefined {
  if (depth > 50) return undefined;
  switch (expression.type) {
    case 'Literal':
      return typeof expression.value === 'string' ? expression.value : undefined;
    case 'Paren':
      return staticPath(expression.expression, modulePath, depth + 1);
    case 'IdentifierExpr':
      return expression.name === 'module_path' ? modulePath : undefined;
    case 'Binary': {
      if (expression.operator !== '+') return undefined;
      const left = staticPath(expression.left, modulePath, depth + 1);
      const right = staticPath(expression.right, modulePath, depth + 1);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    case 'Call': {
      const callee = expression.callee;
      if (callee.type !== 'Access' || callee.object.type !== 'IdentifierExpr') return undefined;
      if (callee.object.name !== 'file' || callee.property.name !== 'path_join') return undefined;
      const parts: string[] = [];
      for (const argument of expression.args) {
        const part = staticPath(argument, modulePath, depth + 1);
        if (part === undefined) return undefined;
        parts.push(part);
      }
      return parts.length === 0 ? '' : path.join(...parts);
    }
    default:
      return undefined;
  }
}

interface ModuleContents {
  declares: DeclareInfo[];
  hasNestedImports: boolean;
  /** Where the first statement other than a declare or import block starts. */
  otherStatement?: Position;
  /** Where the first syntax error is. */
  syntaxError?: Position;
}

/**
 * Builds the semantic model of a set of files that form one configuration,
 * and reports what is wrong with them.
 */
export class Analyzer {
  private readonly entries: NodeEntry[] = [];
  private readonly moduleCache = new Map<string, ModuleContents | undefined>();
  private readonly moduleTexts = new Map<string, string | undefined>();
  private readonly importStack: string[] = [];
  private readonly instances = new Map<Block, ComponentInstance>();
  /** The first node entry registered for each block. */
  private readonly entryByBlock = new Map<Block, NodeEntry>();
  private siblings: SiblingIndex | undefined;
  /** The root scope's fallback, where sibling blocks are registered. */
  private siblingScope: Scope | undefined;
  private readonly siblingLabelLookups = new Set<string>();
  private readonly siblingNodeLookups = new Set<string>();
  private siblingNodeCandidates: CandidateSource | undefined;
  private siblingDeclareCandidates: CandidateSource | undefined;
  private readonly importByBlock = new Map<Block, ImportInfo>();
  /** Declares of an imported module by name, the first of each name. */
  private readonly importedDeclares = new Map<ImportInfo, Map<string, DeclareInfo>>();
  /** Pays for "did you mean" lookups; set per run from the size of the checked text. */
  private suggestionBudget = SuggestionBudget.forText(0);
  /** "Did you mean" answers per scope and name, valid while the scope chain's names are unchanged. */
  private readonly referenceSuggestions = new Map<Scope, SuggestionMemo>();
  private readonly componentSuggestions = new Map<Scope, SuggestionMemo>();

  constructor(private readonly options: AnalyzerOptions) {}

  /**
   * Analyzes `sources` as one configuration; `siblings` are consulted for names the sources do not
   * define. Sibling blocks are registered in a fallback scope only when a lookup needs them, and
   * the diagnostics they get there are not reported.
   */
  run(sources: SourceFile[], siblings?: SiblingIndex): void {
    let textLength = 0;
    for (const source of sources) textLength += source.text.length;
    this.suggestionBudget = SuggestionBudget.forText(textLength);
    const root = new Scope({ kind: 'root', path: '' }, false, false);
    if (siblings) {
      this.siblings = siblings;
      this.siblingScope = new Scope({ kind: 'root', path: '' }, false, false);
      root.fallback = this.siblingScope;
    }
    const members = sources.map((source) => ({ statements: source.parse.file.body, source }));
    this.register(root, members);
    this.checkMembers(root, members);
    this.reportCycles();
    this.reportUnused();
  }

  // ---------------------------------------------------------------- sibling files

  // Registering only what lookups need gives what registering every sibling would: ids and names
  // of declare and import blocks depend only on their label, and they are registered before other
  // blocks (a label's definitions are registered before any lookup that their registration decides).

  /** Registers the siblings' declare and import blocks labelled `label`, once. */
  private registerSiblingDefinitions(label: string): void {
    if (!this.siblingScope || this.siblingLabelLookups.has(label)) return;
    this.siblingLabelLookups.add(label);
    this.register(this.siblingScope, this.siblings!.definitionsLabelled(label).map(({ source, block }) => ({ statements: [block], source })));
  }

  /** The scope's fallback, with the siblings' declare and import blocks labelled `label` registered. */
  private fallbackWithDefinitions(scope: Scope, label: string): Scope | undefined {
    if (scope.fallback) this.registerSiblingDefinitions(label);
    return scope.fallback;
  }

  private fallbackNode(scope: Scope, id: string): NodeEntry | undefined {
    const definitionLabel = definitionLabelOf(id);
    const fallback = definitionLabel === undefined ? scope.fallback : this.fallbackWithDefinitions(scope, definitionLabel);
    if (!fallback) return undefined;
    const known = fallback.nodes.get(id);
    if (known || this.siblingNodeLookups.has(id)) return known;
    this.siblingNodeLookups.add(id);
    const definition = this.siblings!.nodeDefinition(id);
    if (!definition) return undefined;
    this.register(fallback, [{ statements: [definition.block], source: definition.source }]);
    return fallback.nodes.get(id);
  }

  // ---------------------------------------------------------------- reporting

  private report(source: SourceFile, code: string, severity: Diagnostic['severity'], message: string, range: Range, fix?: Fix): void {
    const diagnostic: Diagnostic = { code, severity, message, range };
    if (fix) diagnostic.fix = fix;
    source.diagnostics.push(diagnostic);
  }

  private error(source: SourceFile, code: string, message: string, range: Range, fix?: Fix): void {
    this.report(source, code, 'error', message, range, fix);
  }

  /** `message` with the release(s) that have the item, when the target release lacks it but another has it. */
  private versionNoted(message: string, kind: AvailabilityKind, name: string, path: readonly string[], label: string): string | undefined {
    const target = this.options.target;
    const note = target && unavailableNote(target, kind, name, path, label);
    return note ? `${message}: ${note}` : undefined;
  }

  /** `versionNoted` for an argument or block `name` inside `block`, a block of the node `owner`. */
  private versionNotedInBody(message: string, kind: AvailabilityKind, owner: NodeEntry | undefined, block: Block, name: string): string | undefined {
    if (!this.options.target || !owner) return undefined;
    const path = blockPathTo(owner.block, block);
    return path && this.versionNoted(message, kind, owner.block.fullName, [...path, name], name);
  }

  private formatLocation(source: SourceFile, block: Block): string {
    const column = byteColumn(source.text, block.start);
    const where = `${block.start.line}:${column}`;
    return source.fileName ? `${path.basename(source.fileName)}:${where}` : where;
  }

  // ---------------------------------------------------------------- registration (pass A)

  private register(scope: Scope, members: readonly Members[]): void {
    // Definitions first, so that component names resolve whatever the order of the blocks.
    for (const { statements, source } of members) {
      for (const statement of statements) {
        if (statement.type !== 'Block') continue;
        if (statement.fullName === 'declare') this.registerDeclare(scope, statement, source);
        else if (statement.fullName.startsWith('import.') && configBlockNames.has(statement.fullName)) {
          this.registerImport(scope, statement, source);
        }
      }
    }
    for (const { statements, source } of members) {
      for (const statement of statements) {
        if (statement.type !== 'Block') continue;
        if (isDefinitionBlock(statement)) continue;
        if (configBlockNames.has(statement.fullName) || serviceNames.has(statement.fullName)) {
          this.registerConfigBlock(scope, statement, source);
        } else {
          this.registerComponent(scope, statement, source);
        }
      }
    }
  }

  private addNode(scope: Scope, id: string, block: Block, source: SourceFile): NodeEntry | undefined {
    const existing = scope.nodes.get(id);
    if (existing) {
      this.error(
        source,
        'alloy/duplicate-block',
        `block ${id} already declared at ${this.formatLocation(existing.source, existing.block)}`,
        blockHeaderRange(block),
      );
      return undefined;
    }
    const entry: NodeEntry = { id, block, source, scope, referenced: false, order: this.entries.length };
    scope.nodes.set(id, entry);
    scope.nodeNames.add(id);
    this.entries.push(entry);
    if (!this.entryByBlock.has(block)) this.entryByBlock.set(block, entry);
    return entry;
  }

  private registerDeclare(scope: Scope, block: Block, source: SourceFile): void {
    const label = labelOf(block);
    if (label === '') return;
    const info = this.declareInfo(block, source);
    source.declares.push(info);
    const entry = this.addNode(scope, `declare.${label}`, block, source);
    if (entry && !scope.declares.has(label)) {
      scope.declares.set(label, info);
      scope.declareNames.add(label, 0);
    }
  }

  private declareInfo(block: Block, source: SourceFile, namespace?: string): DeclareInfo {
    const declareArguments: DeclareArgument[] = [];
    const declareExports: DeclareExport[] = [];
    for (const statement of block.body) {
      if (statement.type !== 'Block' || !statement.label || statement.label.value === '') continue;
      if (statement.fullName === 'argument') {
        let optional = false;
        for (const attribute of statement.body) {
          if (attribute.type !== 'Attribute') continue;
          if (attribute.name.name === 'default') optional = true;
          if (attribute.name.name === 'optional' && attribute.value.type === 'Literal' && attribute.value.value === true) optional = true;
        }
        declareArguments.push({ name: statement.label.value, block: statement, optional });
      } else if (statement.fullName === 'export') {
        declareExports.push({ name: statement.label.value, block: statement });
      }
    }
    const info: DeclareInfo = { name: labelOf(block), block, arguments: declareArguments, exports: declareExports };
    if (source.fileName !== undefined) info.fileName = source.fileName;
    if (namespace !== undefined) info.namespace = namespace;
    return info;
  }

  private registerImport(scope: Scope, block: Block, source: SourceFile): void {
    const label = labelOf(block);
    if (label === '') return;
    const kind = block.fullName.slice('import.'.length) as ImportKind;
    const info: ImportInfo = { namespace: label, kind, block, resolvedFiles: [], fetched: false, declares: [] };
    if (source.fileName !== undefined) info.fileName = source.fileName;
    source.imports.push(info);
    if (!this.importByBlock.has(block)) this.importByBlock.set(block, info);
    const entry = this.addNode(scope, nodeIdOf(block), block, source);
    if (!entry) return;
    if (!scope.imports.has(label)) scope.imports.set(label, info);
    if (kind === 'file') this.resolveFileImport(info, block, source);
  }

  private resolveFileImport(info: ImportInfo, block: Block, source: SourceFile): void {
    const fileSystem = this.options.fileSystem;
    const filenameAttribute = block.body.find(
      (statement): statement is Attribute => statement.type === 'Attribute' && statement.name.name === 'filename',
    );
    if (!filenameAttribute) return;
    const baseDirectory = source.fileName !== undefined ? path.dirname(path.resolve(source.fileName)) : undefined;
    const value = staticPath(filenameAttribute.value, baseDirectory);
    if (value === undefined) return;
    const resolved = path.isAbsolute(value) ? value : baseDirectory !== undefined ? path.resolve(baseDirectory, value) : undefined;
    if (resolved === undefined) return;
    info.resolvedPath = resolved;
    if (!fileSystem) return;
    const valueRange = rangeOf(filenameAttribute.value);
    if (!this.mayImport(resolved)) {
      this.reportOutsideRoots(source, info, `"${value}"`, valueRange);
      return;
    }
    // Messages name module files by the path written in the configuration, never by their content.
    const moduleFiles: { path: string; shownAs: string }[] = [];
    const text = this.readModuleFile(resolved);
    if (text !== undefined) moduleFiles.push({ path: resolved, shownAs: value });
    else {
      const entries = fileSystem.readDirectory(resolved);
      if (entries === undefined) {
        const reason = fileSystem.unreadableReason?.(resolved);
        this.report(
          source,
          'alloy/import-not-found',
          'warning',
          `import.file "${info.namespace}": cannot read "${value}"${reason === undefined ? '' : `: ${reason}`}`,
          valueRange,
        );
        return;
      }
      let outside: string | undefined;
      for (const entry of entries) {
        if (!entry.endsWith('.alloy')) continue;
        const entryPath = path.join(resolved, entry);
        const shownAs = path.join(value, entry);
        if (this.mayImport(entryPath)) moduleFiles.push({ path: entryPath, shownAs });
        else outside ??= shownAs;
      }
      if (outside !== undefined) this.reportOutsideRoots(source, info, `"${outside}" (a file of "${value}")`, valueRange);
    }
    info.resolvedFiles = moduleFiles.map((moduleFile) => moduleFile.path);
    let hasNestedImports = false;
    let problem: string | undefined;
    let unreadable: string | undefined;
    const declares: DeclareInfo[] = [];
    for (const moduleFile of moduleFiles) {
      const contents = this.loadModule(moduleFile.path);
      if (!contents) {
        const reason = fileSystem.unreadableReason?.(moduleFile.path);
        unreadable ??= `import.file "${info.namespace}": cannot read "${moduleFile.shownAs}"${reason === undefined ? '' : `: ${reason}`}`;
        continue;
      }
      if (contents.syntaxError) {
        const { line, column } = contents.syntaxError;
        problem ??= `import.file "${info.namespace}": the module file "${moduleFile.shownAs}" does not parse (syntax error at line ${line}, column ${column})`;
        continue;
      }
      if (contents.otherStatement) {
        const { line, column } = contents.otherStatement;
        problem ??= `only declare and import blocks are allowed in a module: "${moduleFile.shownAs}" has another statement at line ${line}, column ${column}`;
        continue;
      }
      for (const declare of contents.declares) declares.push({ ...declare, namespace: info.namespace });
      hasNestedImports ||= contents.hasNestedImports;
    }
    if (unreadable !== undefined) this.report(source, 'alloy/import-not-found', 'warning', unreadable, valueRange);
    // A module that is not one is not looked into: its components are not checked against it.
    if (problem !== undefined || unreadable !== undefined) {
      if (problem !== undefined) this.error(source, 'alloy/invalid-module-content', problem, blockHeaderRange(block));
      return;
    }
    info.declares.push(...declares);
    info.fetched = !hasNestedImports;
  }

  /** Whether `filePath` may be imported: inside the import roots (symbolic links resolved), when there are any. */
  private mayImport(filePath: string): boolean {
    const roots = this.options.importRoots;
    if (roots === undefined) return true;
    const fileSystem = this.options.fileSystem;
    return fileSystem !== undefined && isInsideRoots(realPathThrough(fileSystem, filePath), roots);
  }

  private reportOutsideRoots(source: SourceFile, info: ImportInfo, what: string, range: Range): void {
    const diagnostic: Diagnostic = {
      code: 'alloy/import-outside-root',
      severity: 'warning',
      message: `import.file "${info.namespace}": ${what} is outside the directories imports may be read from; it was not read`,
      range,
      hint: `imports may be read from: ${(this.options.importRoots ?? []).join(', ')}`,
    };
    source.diagnostics.push(diagnostic);
  }

  /** The text of a module file, read once per analysis. */
  private readModuleFile(moduleFile: string): string | undefined {
    if (!this.moduleTexts.has(moduleFile)) this.moduleTexts.set(moduleFile, this.options.fileSystem?.readFile(moduleFile));
    return this.moduleTexts.get(moduleFile);
  }

  private loadModule(moduleFile: string): ModuleContents | undefined {
    if (this.moduleCache.has(moduleFile)) return this.moduleCache.get(moduleFile);
    if (this.importStack.includes(moduleFile)) return undefined;
    const text = this.readModuleFile(moduleFile);
    if (text === undefined) {
      this.moduleCache.set(moduleFile, undefined);
      return undefined;
    }
    this.importStack.push(moduleFile);
    const moduleSource = createSource(text, moduleFile);
    const contents: ModuleContents = { declares: [], hasNestedImports: false };
    const syntaxError = moduleSource.parse.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
    if (syntaxError) contents.syntaxError = syntaxError.range.start;
    for (const statement of moduleSource.parse.file.body) {
      if (statement.type === 'Block' && statement.fullName === 'declare') {
        if (labelOf(statement) !== '') contents.declares.push(this.declareInfo(statement, moduleSource));
      } else if (statement.type === 'Block' && statement.fullName.startsWith('import.')) contents.hasNestedImports = true;
      else contents.otherStatement ??= statement.start;
    }
    this.importStack.pop();
    this.moduleCache.set(moduleFile, contents);
    return contents;
  }

  private registerConfigBlock(scope: Scope, block: Block, source: SourceFile): void {
    const label = labelOf(block);
    if (labeledConfigBlocks.has(block.fullName) && label === '') return;
    const id = nodeIdOf(block);
    const entry = this.addNode(scope, id, block, source);
    const instance: ConfigBlockInstance = { id, name: block.fullName, label, block, scope: scope.info };
    const schema = getConfigBlock(block.fullName, this.options.release);
    if (schema) instance.schema = schema;
    if (source.fileName !== undefined) instance.fileName = source.fileName;
    source.configBlocks.push(instance);
    if (entry) entry.configBlock = instance;
  }

  private registerComponent(scope: Scope, block: Block, source: SourceFile): void {
    const label = labelOf(block);
    const instance: ComponentInstance = {
      id: nodeIdOf(block),
      name: block.fullName,
      label,
      block,
      scope: scope.info,
      kind: 'unknown',
    };
    if (source.fileName !== undefined) instance.fileName = source.fileName;
    this.classifyComponent(scope, instance);
    source.components.push(instance);
    this.instances.set(block, instance);
    if (label === '') return;
    const entry = this.addNode(scope, instance.id, block, source);
    if (entry) entry.component = instance;
  }

  private findDeclare(scope: Scope, name: string): DeclareInfo | undefined {
    for (let current: Scope | undefined = scope; current; current = current.definitionParent) {
      if (current === this.siblingScope) this.registerSiblingDefinitions(name);
      const found = current.declares.get(name) ?? this.fallbackWithDefinitions(current, name)?.declares.get(name);
      if (found) return found;
    }
    return undefined;
  }

  private findImport(scope: Scope, namespace: string): ImportInfo | undefined {
    for (let current: Scope | undefined = scope; current; current = current.definitionParent) {
      if (current === this.siblingScope) this.registerSiblingDefinitions(namespace);
      const found = current.imports.get(namespace) ?? this.fallbackWithDefinitions(current, namespace)?.imports.get(namespace);
      if (found) return found;
    }
    return undefined;
  }

  /** The declares of an imported module by name, the first of each name. */
  private importedDeclaresByName(imported: ImportInfo): Map<string, DeclareInfo> {
    let byName = this.importedDeclares.get(imported);
    if (!byName) {
      byName = new Map();
      for (const declare of imported.declares) if (!byName.has(declare.name)) byName.set(declare.name, declare);
      this.importedDeclares.set(imported, byName);
    }
    return byName;
  }

  /** The declare names visible in `scope` as "did you mean" candidates, with a number that changes when they do. */
  private visibleDeclareCandidates(scope: Scope): { sources: CandidateSource[]; version: number } {
    const sources: CandidateSource[] = [];
    let version = 0;
    for (let current: Scope | undefined = scope; current; current = current.definitionParent) {
      sources.push({ index: current.declareNames, segmentCounts: current.declareNames.segmentCounts });
      version += current.declareNames.size;
      if (current.fallback) {
        this.siblingDeclareCandidates ??= this.siblings!.declareNameCandidates();
        sources.push(this.siblingDeclareCandidates);
      }
    }
    return { sources, version };
  }

  /** "Did you mean" for an unknown component name: a built-in component or a declare in scope. */
  private suggestComponent(scope: Scope, name: string): string | undefined {
    const { sources, version } = this.visibleDeclareCandidates(scope);
    return memoized(this.componentSuggestions, scope, version, name, () => {
      const release = this.options.release;
      let suggestions = builtinSuggestions.get(release?.version ?? '');
      if (!suggestions) {
        suggestions = new Map();
        builtinSuggestions.set(release?.version ?? '', suggestions);
      }
      let builtinSuggestion = suggestions.get(name);
      if (builtinSuggestion === undefined) {
        builtinSuggestion = closestName(name, builtinComponentNames(release)) ?? '';
        suggestions.set(name, builtinSuggestion);
      }
      const outcome = closestCandidate(name, 0, sources, this.suggestionBudget);
      const candidates: string[] = [];
      if (builtinSuggestion !== '') candidates.push(builtinSuggestion);
      if ('found' in outcome && outcome.found !== undefined) candidates.push(outcome.found);
      return closestName(name, candidates);
    });
  }

  private classifyComponent(scope: Scope, instance: ComponentInstance): void {
    const fragments = instance.block.name;
    if (fragments.length === 1) {
      const declare = this.findDeclare(scope, instance.name);
      if (declare) {
        instance.kind = 'custom';
        instance.declare = declare;
        instance.exports = declare.exports.map((item) => item.name);
        return;
      }
    } else {
      const namespace = fragments[0]?.name;
      const imported = namespace === undefined ? undefined : this.findImport(scope, namespace);
      if (imported) {
        instance.kind = 'imported';
        if (imported.fetched && fragments.length === 2) {
          const componentName = fragments[1]!.name;
          const declare = this.importedDeclaresByName(imported).get(componentName);
          if (declare) {
            instance.declare = declare;
            instance.exports = declare.exports.map((item) => item.name);
          }
        }
        return;
      }
    }
    const schema = getComponent(instance.name, this.options.release);
    if (schema) {
      instance.kind = 'builtin';
      instance.schema = schema;
      // An empty export list may only mean the docs have no exports table.
      if (!schema.open && schema.exports.length > 0) instance.exports = schema.exports.map((item) => item.name);
    }
  }

  // ---------------------------------------------------------------- checks (pass B)

  private checkMembers(scope: Scope, members: readonly Members[]): void {
    for (const { statements, source } of members) {
      for (const statement of statements) {
        if (statement.type === 'Attribute') {
          this.error(source, 'alloy/top-level-attribute', `unrecognized attribute ${statement.name.name}`, rangeOf(statement.name));
          this.resolveExpression(scope, source, statement.value, undefined, statement, undefined);
          continue;
        }
        const block = statement;
        if (block.fullName === 'declare') {
          this.checkDeclare(scope, block, source);
          continue;
        }
        const owner = this.ownerEntry(scope, block);
        if (configBlockNames.has(block.fullName) || serviceNames.has(block.fullName)) this.checkConfigBlock(scope, block, source, owner);
        else this.checkComponent(scope, block, source, owner);
      }
    }
  }

  /** The node that `block` registered in `scope`, if it registered one. */
  private ownerEntry(scope: Scope, block: Block): NodeEntry | undefined {
    const registered = this.entryByBlock.get(block);
    if (registered === undefined) return undefined;
    if (registered.scope === scope) return registered;
    const entry = scope.nodes.get(nodeIdOf(block));
    return entry && entry.block === block ? entry : undefined;
  }

  private checkDeclare(scope: Scope, block: Block, source: SourceFile): void {
    const label = labelOf(block);
    if (label === '') this.error(source, 'alloy/missing-label', 'declare block must have a label', blockNameRange(block));
    if (label === 'declare') {
      this.error(source, 'alloy/invalid-declare-label', "'declare' is not a valid label for a declare block", blockHeaderRange(block));
    }
    const path = `${scope.info.path === '' ? '' : `${scope.info.path}/`}declare.${label}`;
    const child = new Scope({ kind: 'declare', path, block }, true, false, undefined, scope);
    const members = [{ statements: block.body, source }];
    this.register(child, members);
    this.checkMembers(child, members);
  }

  private checkConfigBlock(scope: Scope, block: Block, source: SourceFile, owner: NodeEntry | undefined): void {
    const name = block.fullName;
    const label = labelOf(block);
    const id = nodeIdOf(block);
    const schema = getConfigBlock(name, this.options.release);
    if (labeledConfigBlocks.has(name) && label === '') {
      this.error(source, 'alloy/missing-label', `${name} block must have a label`, blockNameRange(block));
    }
    if (!labeledConfigBlocks.has(name) && block.label) {
      this.error(source, 'alloy/unexpected-label', `block "${name}" does not support specifying labels`, rangeOf(block.label), {
        title: 'Remove the label',
        edits: [{ range: { start: blockNameRange(block).end, end: block.label.end }, newText: '' }],
      });
    }
    if ((name === 'argument' || name === 'export') && !scope.inModule) {
      this.error(source, 'alloy/module-only-block', `${name} blocks only allowed inside a module`, rangeOf(block));
    }
    if (loggingLike.has(name) || serviceNames.has(name)) {
      if (scope.inForeach) this.error(source, 'alloy/not-allowed-in-module', `${id} not allowed in foreach`, blockNameRange(block));
      else if (scope.inModule) this.error(source, 'alloy/not-allowed-in-module', `${id} not allowed in module`, blockNameRange(block));
    }
    if (nonConfigurableServices.has(name)) {
      this.error(source, 'alloy/service-not-configurable', `service "${name}" does not support being configured`, blockNameRange(block));
    }
    if (schema && !stabilityAllows(schema.stability, this.options.stabilityLevel)) {
      this.report(
        source,
        'alloy/stability',
        'warning',
        stabilityMessage(`${name} block "${label || name}"`, schema.stability, this.options.stabilityLevel),
        blockNameRange(block),
      );
    }
    if (name.startsWith('import.') && name !== 'import.file' && label !== '') {
      this.report(
        source,
        'alloy/import-not-fetched',
        'info',
        `${name} "${label}" is not fetched by the checker: components of namespace "${label}" are not checked`,
        blockHeaderRange(block),
      );
    }
    const excluded = name === 'foreach' ? new Set(['template']) : undefined;
    if (schema) this.checkBody(scope, source, owner, block, schema, excluded);
    else this.scanBody(scope, source, owner, block.body, block);

    if (name === 'foreach') this.checkForeachTemplate(scope, block, source);
  }

  private checkForeachTemplate(scope: Scope, block: Block, source: SourceFile): void {
    const label = labelOf(block);
    const path = `${scope.info.path === '' ? '' : `${scope.info.path}/`}foreach.${label}`;
    const child = new Scope({ kind: 'foreach', path, block }, scope.inModule, true, scope, scope);
    const variable = block.body.find(
      (statement): statement is Attribute => statement.type === 'Attribute' && statement.name.name === 'var',
    );
    const variableName = variable ? literalString(variable.value) : undefined;
    if (variableName !== undefined) child.foreachVariable = { name: variableName, foreach: block, source };
    const templates = block.body.filter((statement): statement is Block => statement.type === 'Block' && statement.fullName === 'template');
    if (!getConfigBlock('foreach', this.options.release) && templates.length === 0) {
      this.error(source, 'alloy/missing-block', 'missing required block "template"', rangeOf(block));
    }
    for (const template of templates) {
      const members = [{ statements: template.body, source }];
      this.register(child, members);
      this.checkMembers(child, members);
    }
  }

  private checkComponent(scope: Scope, block: Block, source: SourceFile, owner: NodeEntry | undefined): void {
    const instance = this.instances.get(block);
    const name = block.fullName;
    if (labelOf(block) === '') {
      this.error(source, 'alloy/missing-label', `component "${name}" must have a label`, blockNameRange(block));
    }
    if (!instance || instance.kind === 'unknown') {
      this.error(
        source,
        'alloy/unknown-component',
        this.versionNoted(`cannot find the definition of component name "${name}"`, 'component', name, [], name) ??
          didYouMean(`cannot find the definition of component name "${name}"`, this.suggestComponent(scope, name)),
        blockNameRange(block),
      );
      this.scanBody(scope, source, owner, block.body, block);
      return;
    }
    if (instance.kind === 'builtin' && instance.schema) {
      const schema = instance.schema;
      if (schema.community === true) {
        this.report(
          source,
          'alloy/community-component',
          'warning',
          `the component "${name}" is a community component. Use the --feature.community-components.enabled command-line flag to enable community components`,
          blockNameRange(block),
        );
      } else if (!stabilityAllows(schema.stability, this.options.stabilityLevel)) {
        this.report(
          source,
          'alloy/stability',
          'warning',
          stabilityMessage(`component "${name}"`, schema.stability, this.options.stabilityLevel),
          blockNameRange(block),
        );
      }
      const deprecation = this.options.target && deprecationNote(this.options.target, 'component', name, name);
      if (deprecation) this.report(source, 'alloy/deprecated', 'warning', deprecation, blockNameRange(block));
      this.checkBody(scope, source, owner, block, schema, undefined);
      this.checkBestPractices(source, block, schema);
      checkLoadTimeRules(block, schema, {
        report: (code, message, range) => this.error(source, code, message, range),
        isShadowed: (name) => {
          for (let current: Scope | undefined = scope; current; current = current.nodeParent) if (current.foreachVariable?.name === name) return true;
          return false;
        },
      });
      return;
    }
    if (instance.kind === 'imported' && !instance.declare) {
      const fragments = block.name.map((identifier) => identifier.name);
      const imported = this.findImport(scope, fragments[0]!);
      if (imported?.fetched) {
        const componentName = fragments.slice(1).join('.');
        this.error(
          source,
          'alloy/unknown-custom-component',
          didYouMean(
            `custom component config not found in the registry, namespace: "${fragments[0]}", componentName: "${componentName}"`,
            this.suggestImportedDeclare(imported, componentName),
          ),
          blockNameRange(block),
        );
      }
      this.scanBody(scope, source, owner, block.body, block);
      return;
    }
    if (instance.declare) {
      const bodySchema: BodySchema = {
        arguments: instance.declare.arguments.map((argument) => ({
          name: argument.name,
          typeText: 'any',
          type: { kind: 'any' },
          required: !argument.optional,
        })),
        blocks: [],
      };
      this.checkBody(scope, source, owner, block, bodySchema, undefined);
      return;
    }
    this.scanBody(scope, source, owner, block.body, block);
  }

  /** Resolves references in statements without a schema to check them against. */
  private scanBody(scope: Scope, source: SourceFile, owner: NodeEntry | undefined, body: Statement[], ownerBlock: Block): void {
    for (const statement of body) {
      if (statement.type === 'Attribute') this.resolveExpression(scope, source, statement.value, owner, statement, ownerBlock);
      else this.scanBody(scope, source, owner, statement.body, ownerBlock);
    }
  }

  private checkBody(
    scope: Scope,
    source: SourceFile,
    owner: NodeEntry | undefined,
    block: Block,
    schema: BodySchema | ConfigBlockSchema | ComponentSchema,
    excludedBlocks: Set<string> | undefined,
    depth = 0,
  ): void {
    const open = (schema as BodySchema).open === true;
    const index = indexOf(schema);
    const seenAttributes = new NameSet();
    // Most bodies have no nested blocks.
    let blockCounts: Map<string, number> | undefined;
    for (const statement of block.body) {
      if (statement.type === 'Attribute') {
        const name = statement.name.name;
        const references = this.resolveExpression(scope, source, statement.value, owner, statement, block);
        const argument = index.arguments.get(name);
        if (!argument) {
          if (index.blocks.has(name)) {
            this.error(source, 'alloy/block-as-attribute', `"${name}" must be a block, but is used as an attribute`, rangeOf(statement));
          } else if (!open) {
            const message = `unrecognized attribute name "${name}"`;
            const noted = this.versionNotedInBody(message, 'argument', owner, block, name);
            const suggestion = noted === undefined ? closestName(name, schema.arguments.map((candidate) => candidate.name)) : undefined;
            this.error(source, 'alloy/unknown-attribute', noted ?? didYouMean(message, suggestion), rangeOf(statement));
          }
          continue;
        }
        if (seenAttributes.has(name)) {
          this.error(source, 'alloy/duplicate-attribute', `attribute "${name}" may only be provided once`, rangeOf(statement));
        }
        seenAttributes.add(name);
        this.checkValue(source, statement.value, argument.type, argument, references, 0);
        if (argument.type.kind === 'secret' && statement.value.type === 'Literal' && statement.value.kind === 'string' && statement.value.value !== '') {
          this.report(
            source,
            'best-practice/literal-secret',
            'warning',
            `"${name}" is a secret written as a literal string; read it with sys.env("...") or from a file instead`,
            rangeOf(statement.value),
          );
        }
        continue;
      }
      const name = statement.fullName;
      if (excludedBlocks?.has(name)) {
        blockCounts ??= new Map();
        blockCounts.set(name, (blockCounts.get(name) ?? 0) + 1);
        continue;
      }
      const nested = index.blocks.get(name);
      if (!nested) {
        if (index.arguments.has(name)) {
          this.error(source, 'alloy/attribute-as-block', `"${name}" must be an attribute, but is used as a block`, blockNameRange(statement));
        } else if (!open) {
          const message = `unrecognized block name "${name}"`;
          const noted = this.versionNotedInBody(message, 'block', owner, block, name);
          const suggestion = noted === undefined ? closestName(name, schema.blocks.map((candidate) => candidate.name)) : undefined;
          this.error(source, 'alloy/unknown-block', noted ?? didYouMean(message, suggestion), blockNameRange(statement));
        }
        this.scanBody(scope, source, owner, statement.body, block);
        continue;
      }
      blockCounts ??= new Map();
      const count = (blockCounts.get(name) ?? 0) + 1;
      blockCounts.set(name, count);
      if (count === 2 && !nested.repeatable) {
        this.error(source, 'alloy/repeated-block', `block "${name}" may only be specified once`, blockNameRange(statement));
      }
      // Nested blocks may carry labels in some components (cloudwatch `static "x"`, snmp `target "x"`): not checked.
      if (depth < 64) this.checkBody(scope, source, owner, statement, nested, undefined, depth + 1);
      else this.scanBody(scope, source, owner, statement.body, block);
    }
    for (const argument of index.requiredArguments) {
      if (!seenAttributes.has(argument.name)) {
        this.error(source, 'alloy/missing-attribute', `missing required attribute "${argument.name}"`, rangeOf(block));
      }
    }
    for (const nested of index.requiredBlocks) {
      if (!blockCounts?.has(nested.name)) {
        this.error(source, 'alloy/missing-block', `missing required block "${nested.name}"`, rangeOf(block));
      }
    }
  }

  // ---------------------------------------------------------------- types

  private checkValue(
    source: SourceFile,
    expression: Expression,
    type: AlloyType,
    argument: ArgumentSchema,
    references: ValueReferences,
    depth: number,
  ): void {
    if (depth > 64) return;
    if (expression.type === 'Paren') {
      this.checkValue(source, expression.expression, type, argument, references, depth + 1);
      return;
    }
    const reference = referenceFor(references, expression);
    if (reference) {
      this.checkReferenceType(source, reference, type);
      return;
    }
    const kind = literalKind(expression);
    if (kind === undefined || kind === 'null') return;
    switch (type.kind) {
      case 'any':
      case 'function':
        return;
      case 'string':
      case 'secret':
        if (kind === 'string' || kind === 'number') {
          this.checkAllowedValues(source, expression, argument);
          this.checkKnownValues(source, expression, argument);
          return;
        }
        this.typeMismatch(source, 'string', kind, expression);
        return;
      case 'number':
        // Strings are accepted: many number-typed arguments are Go types that parse text ("10KiB").
        if (kind === 'number' || kind === 'string') return;
        this.typeMismatch(source, 'number', kind, expression);
        return;
      case 'bool':
        if (kind !== 'bool') this.typeMismatch(source, 'bool', kind, expression);
        return;
      case 'duration': {
        if (kind === 'number') return;
        if (kind !== 'string') {
          this.typeMismatch(source, 'string', kind, expression);
          return;
        }
        const text = literalString(expression);
        const parsed = text === undefined ? undefined : parseGoDuration(text);
        if (parsed !== undefined && !parsed.ok) this.error(source, 'alloy/invalid-duration', parsed.error, rangeOf(expression));
        return;
      }
      case 'list':
        if (kind !== 'array') {
          this.typeMismatch(source, 'array', kind, expression);
          return;
        }
        if (expression.type === 'Array') {
          for (const element of expression.elements) this.checkValue(source, element, type.element, argument, references, depth + 1);
        }
        return;
      case 'map':
        if (kind !== 'object') {
          this.typeMismatch(source, 'object', kind, expression);
          return;
        }
        if (expression.type === 'Object') {
          for (const field of expression.fields) this.checkValue(source, field.value, type.value, argument, references, depth + 1);
        }
        return;
      case 'object':
        if (kind !== 'object') this.typeMismatch(source, 'object', kind, expression);
        return;
      case 'capsule':
        if (kind !== 'object') this.typeMismatch(source, typeNameForMessage(type), kind, expression);
        return;
    }
  }

  private typeMismatch(source: SourceFile, expected: string, kind: ValueKind, expression: Expression): void {
    this.error(source, 'alloy/type-mismatch', `expected ${expected}, got ${kind}`, rangeOf(expression));
  }

  private checkAllowedValues(source: SourceFile, expression: Expression, argument: ArgumentSchema): void {
    const allowed = argument.allowedValues;
    if (!allowed || allowed.length === 0) return;
    const value = literalString(expression);
    if (value === undefined) return;
    if (allowed.includes(value)) return;
    if (allowed.some((candidate) => candidate.toLowerCase() === value.toLowerCase())) return;
    this.error(
      source,
      'alloy/invalid-enum',
      `unknown ${argument.name} ${value}; expected one of ${allowed.map((candidate) => `"${candidate}"`).join(', ')}`,
      rangeOf(expression),
    );
  }

  /**
   * Alloy silently drops a value outside `knownValues` (a collector name node_exporter does not
   * register), so the config loads but collects nothing for it: a warning, on plain literals only.
   */
  private checkKnownValues(source: SourceFile, expression: Expression, argument: ArgumentSchema): void {
    const known = argument.knownValues;
    if (!known || known.length === 0 || expression.type !== 'Literal') return;
    const value = literalString(expression);
    if (value === undefined || known.includes(value)) return;
    const sameExceptCase = known.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
    this.report(
      source,
      'alloy/unknown-value',
      'warning',
      didYouMean(`unknown ${argument.name} name "${value}": Alloy ignores names it does not know`, sameExceptCase ?? closestName(value, known)),
      rangeOf(expression),
    );
  }

  private checkReferenceType(source: SourceFile, reference: Reference, expected: AlloyType): void {
    const target = reference.target;
    if (target.kind !== 'component' || !target.exportType) return;
    const actual = target.exportType;
    if (actual.kind !== 'capsule') return;
    const expectedType = expected;
    if (expectedType.kind !== 'capsule' && expectedType.kind !== 'list') return;
    if (expectedType.kind === 'list' && expectedType.element.kind !== 'capsule') return;
    if (isTypeAssignable(actual, expectedType)) return;
    this.error(
      source,
      'alloy/type-mismatch',
      `"${reference.text}" is a ${formatAlloyType(actual)}, but ${formatAlloyType(expectedType)} is expected here`,
      reference.range,
    );
  }

  // ---------------------------------------------------------------- references

  private resolveExpression(
    scope: Scope,
    source: SourceFile,
    expression: Expression,
    owner: NodeEntry | undefined,
    attribute: Attribute | undefined,
    ownerBlock: Block | undefined,
  ): ValueReferences {
    const traversals = collectTraversals(expression);
    const referenceOwner = owner ? owner.block : ownerBlock;
    if (traversals.length === 1) {
      const reference = this.resolveTraversal(scope, source, traversals[0]!, owner, attribute, referenceOwner);
      source.references.push(reference);
      return reference;
    }
    if (traversals.length === 0) return undefined;
    const byExpression = new Map<Expression, Reference>();
    for (const traversal of traversals) {
      const reference = this.resolveTraversal(scope, source, traversal, owner, attribute, referenceOwner);
      source.references.push(reference);
      byExpression.set(traversal.expression, reference);
    }
    return byExpression;
  }

  private findNode(scope: Scope, candidateId: string): NodeEntry | undefined {
    for (let current: Scope | undefined = scope; current; current = current.nodeParent) {
      const found = current.nodes.get(candidateId);
      if (found) return found;
    }
    return undefined;
  }

  private resolveTraversal(
    scope: Scope,
    source: SourceFile,
    traversal: Traversal,
    owner: NodeEntry | undefined,
    attribute: Attribute | undefined,
    ownerBlock: Block | undefined,
  ): Reference {
    const segments = traversal.segments;
    const segmentCount = segments.length;
    const head = segments[0]!.name;
    const text = traversalText(source.text, segments);
    const reference = newReference(traversal, text, scope.info, source.fileName, attribute, ownerBlock);

    // 1. The shortest prefix that is a node id in scope. Prefixes are slices of `text`, which joins the names.
    let prefixEnd = -1;
    for (let length = 1; length <= segmentCount; length++) {
      prefixEnd += 1 + segments[length - 1]!.name.length;
      const prefix = length === segmentCount ? text : length === 1 ? head : text.slice(0, prefixEnd);
      let node = this.findNode(scope, prefix);
      if (!node && scope.info.kind === 'root' && scope.fallback) node = this.fallbackNode(scope, prefix);
      if (!node) continue;
      reference.target = this.nodeTarget(node, segments[length], source);
      if (owner && node.scope !== scope.fallback) (owner.dependencies ??= new Set()).add(node);
      node.referenced = true;
      if (stdlibNames(this.options.release).has(head) || getFunction(head, this.options.release)) {
        this.report(source, 'alloy/stdlib-shadowing', 'warning', 'a component is shadowing an existing stdlib name', segments[0]!.range);
      }
      return reference;
    }

    // 2. Scope names: foreach variables, module_path, the standard library.
    for (let current: Scope | undefined = scope; current; current = current.nodeParent) {
      const variable = current.foreachVariable;
      if (variable && variable.name === head) {
        reference.target = { kind: 'foreach-variable', name: head, foreach: variable.foreach };
        if (variable.source.fileName !== undefined) reference.target.fileName = variable.source.fileName;
        return reference;
      }
    }
    if (head === 'module_path' && segmentCount === 1) {
      reference.target = { kind: 'module-path' };
      return reference;
    }
    prefixEnd = text.length;
    for (let length = segmentCount; length >= 1; length--) {
      if (length < segmentCount) prefixEnd -= 1 + segments[length]!.name.length;
      const name = length === segmentCount ? text : text.slice(0, prefixEnd);
      const stdlibFunction = getFunction(name, this.options.release);
      if (stdlibFunction) {
        reference.target = { kind: 'function', name, function: stdlibFunction };
        const range: Range = { start: segments[0]!.range.start, end: segments[length - 1]!.range.end };
        if (!stabilityAllows(stdlibFunction.stability, this.options.stabilityLevel)) {
          this.report(source, 'alloy/stability', 'warning', stabilityMessage(name, stdlibFunction.stability, this.options.stabilityLevel), range);
        }
        if (stdlibFunction.deprecatedReplacement) {
          this.report(
            source,
            'alloy/deprecated',
            'warning',
            'this stdlib function is deprecated; please refer to the documentation for updated usage and alternatives',
            range,
            { title: `Replace '${name}' with '${stdlibFunction.deprecatedReplacement}'`, edits: [{ range, newText: stdlibFunction.deprecatedReplacement }] },
          );
        }
        return reference;
      }
      const constant = getConstant(name, this.options.release);
      if (constant) {
        reference.target = { kind: 'constant', name, constant };
        if (constant.deprecatedReplacement) {
          const range: Range = { start: segments[0]!.range.start, end: segments[length - 1]!.range.end };
          this.report(
            source,
            'alloy/deprecated',
            'warning',
            'this stdlib function is deprecated; please refer to the documentation for updated usage and alternatives',
            range,
            { title: `Replace '${name}' with '${constant.deprecatedReplacement}'`, edits: [{ range, newText: constant.deprecatedReplacement }] },
          );
        }
        return reference;
      }
    }
    if (stdlibNames(this.options.release).has(head)) {
      reference.target = { kind: 'stdlib', name: head };
      if (segmentCount > 1) {
        const field = segments[1]!.name;
        const candidates = this.stdlibMembers(head);
        this.error(
          source,
          'alloy/unknown-stdlib-name',
          this.versionNoted(`field "${field}" does not exist`, 'function', `${head}.${field}`, [], `${head}.${field}`) ??
            didYouMean(`field "${field}" does not exist`, closestName(field, candidates)),
          segments[1]!.range,
        );
      }
      return reference;
    }
    const imported = this.findImport(scope, head);
    if (imported) {
      reference.target = { kind: 'import-namespace', import: imported };
      return reference;
    }

    // 3. Unresolved.
    const message =
      segmentCount === 1 ? `identifier "${text}" does not exist` : `component "${text}" does not exist or is out of scope`;
    const names = segments.map((segment) => segment.name);
    this.error(source, 'alloy/unresolved-reference', didYouMean(message, this.suggestReference(scope, names)), traversal.range);
    reference.target = { kind: 'unresolved' };
    return reference;
  }

  private stdlibMembers(namespace: string): string[] {
    const members: string[] = [];
    for (const name of stdlibNames(this.options.release)) if (name.startsWith(`${namespace}.`)) members.push(name.slice(namespace.length + 1));
    return members;
  }

  /** An imported module's declare name close to `name`. */
  private suggestImportedDeclare(imported: ImportInfo, name: string): string | undefined {
    const byName = this.importedDeclaresByName(imported);
    let index = importedDeclareNames.get(byName);
    if (!index) {
      index = new NameIndex();
      for (const declareName of byName.keys()) index.add(declareName, 0);
      importedDeclareNames.set(byName, index);
    }
    const outcome = closestCandidate(name, 0, [{ index, segmentCounts: index.segmentCounts }], this.suggestionBudget);
    return 'found' in outcome ? outcome.found : undefined;
  }

  /**
   * "Did you mean" for an unresolved path: for each segment count (in the order the scope's ids
   * first have it), the id closest to the path's prefix of that many segments, the remaining
   * segments kept; for a single name, also foreach variables and the standard library.
   */
  private suggestReference(scope: Scope, names: string[]): string | undefined {
    const scopes: Scope[] = [];
    let version = 0;
    for (let current: Scope | undefined = scope; current; current = current.nodeParent) {
      scopes.push(current);
      version += current.nodeNames.size;
    }
    return memoized(this.referenceSuggestions, scope, version, names.join('.'), () => {
      const sources: CandidateSource[] = scopes.map((current) => ({ index: current.nodeNames, segmentCounts: current.nodeNames.segmentCounts }));
      if (scope.fallback) {
        // The siblings' ids come after those in scope, indexed once per check (there may be thousands).
        this.siblingNodeCandidates ??= this.siblings!.nodeIdCandidates();
        sources.push(this.siblingNodeCandidates);
      }
      const segmentCounts = new Set<number>();
      for (const candidates of sources) for (const count of candidates.segmentCounts) if (count <= names.length) segmentCounts.add(count);
      for (const count of segmentCounts) {
        const outcome = closestCandidate(names.slice(0, count).join('.'), count, sources, this.suggestionBudget);
        if (!('found' in outcome)) return undefined;
        if (outcome.found !== undefined) return [outcome.found, ...names.slice(count)].join('.');
      }
      if (names.length !== 1) return undefined;
      const variables: string[] = [];
      for (const current of scopes) if (current.foreachVariable) variables.push(current.foreachVariable.name);
      return closestName(names[0]!, [...variables, ...stdlibNames(this.options.release)]);
    });
  }

  /** The target of a reference to `node`; `exportSegment` is the segment after the node id, if any. */
  private nodeTarget(node: NodeEntry, exportSegment: ReferenceSegment | undefined, source: SourceFile): ReferenceTarget {
    const exportName = exportSegment?.name;
    if (node.component) {
      const component = node.component;
      if (exportName === undefined) return { kind: 'component', component };
      const exportSchema = component.schema?.exports.find((candidate) => candidate.name === exportName);
      // Built whole: adding properties later would give each target a second allocation.
      const target: ReferenceTarget = exportSchema
        ? { kind: 'component', component, export: exportName, exportType: exportSchema.type }
        : { kind: 'component', component, export: exportName };
      if (component.exports && !component.exports.includes(exportName)) {
        this.error(
          source,
          'alloy/unknown-export',
          didYouMean(`field "${exportName}" does not exist`, closestName(exportName, component.exports)),
          exportSegment!.range,
        );
      }
      return target;
    }
    if (node.configBlock) {
      const configBlock = node.configBlock;
      if (configBlock.name === 'argument') {
        const target: ReferenceTarget = { kind: 'argument', name: configBlock.label, block: configBlock.block };
        if (configBlock.fileName !== undefined) target.fileName = configBlock.fileName;
        if (exportName !== undefined && exportName !== 'value') {
          this.error(source, 'alloy/unknown-export', didYouMean(`field "${exportName}" does not exist`, 'value'), exportSegment!.range);
        }
        return target;
      }
      const target: ReferenceTarget = { kind: 'config-block', configBlock };
      if (exportName !== undefined) target.export = exportName;
      return target;
    }
    const imported = this.importByBlock.get(node.block);
    if (imported) return { kind: 'import-namespace', import: imported };
    return { kind: 'unresolved' };
  }

  // ---------------------------------------------------------------- graph-wide checks

  private reportCycles(): void {
    // Tarjan's strongly connected components, iterative; per-entry state indexed by `order`.
    const entryCount = this.entries.length;
    const index = new Int32Array(entryCount).fill(-1);
    const lowLink = new Int32Array(entryCount);
    const onStack = new Uint8Array(entryCount);
    const stack: NodeEntry[] = [];
    let counter = 0;
    const selfReported = new Set<NodeEntry>();
    for (const entry of this.entries) {
      if (entry.dependencies?.has(entry) && !selfReported.has(entry)) {
        selfReported.add(entry);
        this.error(entry.source, 'alloy/self-reference', 'cannot reference self', blockOpeningRange(entry.block));
      }
    }
    const work: { node: NodeEntry; iterator: Iterator<NodeEntry> }[] = [];
    const visit = (node: NodeEntry): void => {
      index[node.order] = counter;
      lowLink[node.order] = counter;
      counter++;
      stack.push(node);
      onStack[node.order] = 1;
      work.push({ node, iterator: (node.dependencies ?? noDependencies).values() });
    };
    for (const start of this.entries) {
      if (index[start.order] !== -1) continue;
      if (!start.dependencies) {
        // A node without dependencies is a component of its own: no cycle.
        index[start.order] = counter;
        lowLink[start.order] = counter;
        counter++;
        continue;
      }
      visit(start);
      while (work.length > 0) {
        const frame = work[work.length - 1]!;
        const next = frame.iterator.next();
        if (!next.done) {
          const dependency = next.value;
          if (dependency === frame.node) continue;
          if (index[dependency.order] === -1) visit(dependency);
          else if (onStack[dependency.order] === 1) lowLink[frame.node.order] = Math.min(lowLink[frame.node.order]!, index[dependency.order]!);
          continue;
        }
        work.pop();
        const parent = work[work.length - 1];
        if (parent) lowLink[parent.node.order] = Math.min(lowLink[parent.node.order]!, lowLink[frame.node.order]!);
        if (lowLink[frame.node.order] === index[frame.node.order]) {
          if (stack[stack.length - 1] === frame.node) {
            // A component of one node: no cycle (self-references are reported above).
            stack.pop();
            onStack[frame.node.order] = 0;
            continue;
          }
          const members: NodeEntry[] = [];
          let member: NodeEntry;
          do {
            member = stack.pop()!;
            onStack[member.order] = 0;
            members.push(member);
          } while (member !== frame.node);
          if (members.length > 1) {
            const ids = members.map((entry) => entry.id).sort();
            const message = `cycle detected: ${ids.join(', ')}`;
            const ordered = [...members].sort((a, b) => a.block.start.offset - b.block.start.offset);
            for (const entry of ordered) this.error(entry.source, 'alloy/cycle', message, blockOpeningRange(entry.block));
          }
        }
      }
    }
  }

  private reportUnused(): void {
    for (const entry of this.entries) {
      const component = entry.component;
      if (!component || entry.referenced || component.kind !== 'builtin') continue;
      if (!component.exports || component.exports.length === 0) continue;
      this.report(
        entry.source,
        'best-practice/unused-component',
        'warning',
        `nothing uses the exports of ${entry.id} (${component.exports.join(', ')})`,
        blockHeaderRange(entry.block),
      );
    }
  }

  // ---------------------------------------------------------------- best practices

  private checkBestPractices(source: SourceFile, block: Block, schema: ComponentSchema): void {
    if (schema.name === 'prometheus.remote_write') {
      for (const statement of block.body) {
        if (statement.type !== 'Block' || statement.fullName !== 'endpoint') continue;
        for (const attribute of statement.body) {
          if (attribute.type !== 'Attribute' || attribute.name.name !== 'url') continue;
          const url = literalString(attribute.value);
          if (url === undefined) continue;
          if (!/^https?:\/\//i.test(url)) {
            this.report(source, 'best-practice/remote-write-url', 'info', `remote_write URL "${url}" does not start with http:// or https://`, rangeOf(attribute.value));
          } else if (!/\/api\/v1\/write\/?$/.test(url)) {
            this.report(source, 'best-practice/remote-write-url', 'info', `remote_write URL "${url}" does not end in /api/v1/write`, rangeOf(attribute.value));
          }
        }
      }
    }
    for (const statement of block.body) {
      if (statement.type !== 'Attribute' || statement.name.name !== 'external_labels' || statement.value.type !== 'Object') continue;
      for (const field of statement.value.fields) {
        if (!isPrometheusLabelName(field.key.name)) {
          this.report(
            source,
            'best-practice/label-name',
            'warning',
            `"${field.key.name}" is not a valid Prometheus label name (letters, digits and '_', not starting with a digit)`,
            rangeOf(field.key),
          );
        }
      }
    }
  }
}

export { typeNameForMessage };
