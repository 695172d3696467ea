/**
 * Phase 2, indexed: the blocks of a scope registered as nodes (components, config blocks, declares,
 * imports) under their ids, for one file or the files of one directory; components classified as
 * built-in, custom or imported. Sibling files are registered in a fallback scope only when a lookup
 * needs them.
 */
import { getComponent, getConfigBlock } from '@alloy-toolkit/schema';
import type { Block, Statement } from '@alloy-toolkit/syntax';
import type { ComponentInstance, ConfigBlockInstance, DeclareInfo, ImportInfo, ImportKind } from '../model.js';
import { reportDuplicateBlock } from '../rules/arguments-and-types.js';
import type { AnalysisContext } from './context.js';
import { declareInfo, resolveFileImport } from './indexing-imports.js';
import type { SourceFile } from './parse.js';
import {
  configBlockNames,
  isDefinitionBlock,
  labeledConfigBlocks,
  labelOf,
  nodeIdOf,
  serviceNames,
  unlabeledNodeNames,
  type Members,
  type NodeEntry,
  type Scope,
} from './scope.js';

// ---------------------------------------------------------------- what sibling files define

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

// ---------------------------------------------------------------- sibling files

// Registering only what lookups need gives what registering every sibling would: ids and names
// of declare and import blocks depend only on their label, and they are registered before other
// blocks (a label's definitions are registered before any lookup that their registration decides).

/** Registers the siblings' declare and import blocks labelled `label`, once. */
function registerSiblingDefinitions(context: AnalysisContext, label: string): void {
  if (!context.siblingScope || context.siblingLabelLookups.has(label)) return;
  context.siblingLabelLookups.add(label);
  register(
    context,
    context.siblingScope,
    context.siblings!.definitionsLabelled(label).map(({ source, block }) => ({ statements: [block], source })),
  );
}

/** The scope's fallback, with the siblings' declare and import blocks labelled `label` registered. */
function fallbackWithDefinitions(context: AnalysisContext, scope: Scope, label: string): Scope | undefined {
  if (scope.fallback) registerSiblingDefinitions(context, label);
  return scope.fallback;
}

/** The node `id` of the sibling files, registered in the fallback scope on the first lookup. */
export function fallbackNode(context: AnalysisContext, scope: Scope, id: string): NodeEntry | undefined {
  const definitionLabel = definitionLabelOf(id);
  const fallback = definitionLabel === undefined ? scope.fallback : fallbackWithDefinitions(context, scope, definitionLabel);
  if (!fallback) return undefined;
  const known = fallback.nodes.get(id);
  if (known || context.siblingNodeLookups.has(id)) return known;
  context.siblingNodeLookups.add(id);
  const definition = context.siblings!.nodeDefinition(id);
  if (!definition) return undefined;
  register(context, fallback, [{ statements: [definition.block], source: definition.source }]);
  return fallback.nodes.get(id);
}

// ---------------------------------------------------------------- registration

/** Registers the blocks of `members` in `scope`: declares and imports first, so names resolve whatever the order. */
export function register(context: AnalysisContext, scope: Scope, members: readonly Members[]): void {
  for (const { statements, source } of members) {
    for (const statement of statements) {
      if (statement.type !== 'Block') continue;
      if (statement.fullName === 'declare') registerDeclare(context, scope, statement, source);
      else if (statement.fullName.startsWith('import.') && configBlockNames.has(statement.fullName)) {
        registerImport(context, scope, statement, source);
      }
    }
  }
  for (const { statements, source } of members) {
    for (const statement of statements) {
      if (statement.type !== 'Block') continue;
      if (isDefinitionBlock(statement)) continue;
      if (configBlockNames.has(statement.fullName) || serviceNames.has(statement.fullName)) {
        registerConfigBlock(context, scope, statement, source);
      } else {
        registerComponent(context, scope, statement, source);
      }
    }
  }
}

function addNode(context: AnalysisContext, scope: Scope, id: string, block: Block, source: SourceFile): NodeEntry | undefined {
  const existing = scope.nodes.get(id);
  if (existing) {
    reportDuplicateBlock(context, source, id, existing, block);
    return undefined;
  }
  const entry: NodeEntry = { id, block, source, scope, referenced: false, order: context.entries.length };
  scope.addNode(id, entry);
  context.entries.push(entry);
  if (!context.entryByBlock.has(block)) context.entryByBlock.set(block, entry);
  return entry;
}

function registerDeclare(context: AnalysisContext, scope: Scope, block: Block, source: SourceFile): void {
  const label = labelOf(block);
  if (label === '') return;
  const info = declareInfo(block, source);
  source.declares.push(info);
  const entry = addNode(context, scope, `declare.${label}`, block, source);
  if (entry && !scope.declares.has(label)) {
    scope.addDeclare(label, info);
  }
}

function registerImport(context: AnalysisContext, scope: Scope, block: Block, source: SourceFile): void {
  const label = labelOf(block);
  if (label === '') return;
  const kind = block.fullName.slice('import.'.length) as ImportKind;
  const info: ImportInfo = { namespace: label, kind, block, resolvedFiles: [], fetched: false, declares: [] };
  if (source.fileName !== undefined) info.fileName = source.fileName;
  source.imports.push(info);
  if (!context.importByBlock.has(block)) context.importByBlock.set(block, info);
  const entry = addNode(context, scope, nodeIdOf(block), block, source);
  if (!entry) return;
  scope.addImport(label, info);
  if (kind === 'file') resolveFileImport(context, info, block, source);
}

function registerConfigBlock(context: AnalysisContext, scope: Scope, block: Block, source: SourceFile): void {
  const label = labelOf(block);
  if (labeledConfigBlocks.has(block.fullName) && label === '') return;
  const id = nodeIdOf(block);
  const entry = addNode(context, scope, id, block, source);
  const instance: ConfigBlockInstance = { id, name: block.fullName, label, block, scope: scope.info };
  const schema = getConfigBlock(block.fullName, context.options.release);
  if (schema) instance.schema = schema;
  if (source.fileName !== undefined) instance.fileName = source.fileName;
  source.configBlocks.push(instance);
  if (entry) entry.configBlock = instance;
}

function registerComponent(context: AnalysisContext, scope: Scope, block: Block, source: SourceFile): void {
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
  classifyComponent(context, scope, instance);
  source.components.push(instance);
  context.instances.set(block, instance);
  if (label === '') return;
  const entry = addNode(context, scope, instance.id, block, source);
  if (entry) entry.component = instance;
}

function classifyComponent(context: AnalysisContext, scope: Scope, instance: ComponentInstance): void {
  const fragments = instance.block.name;
  if (fragments.length === 1) {
    const declare = findDeclare(context, scope, instance.name);
    if (declare) {
      instance.kind = 'custom';
      instance.declare = declare;
      instance.exports = declare.exports.map((item) => item.name);
      return;
    }
  } else {
    const namespace = fragments[0]?.name;
    const imported = namespace === undefined ? undefined : findImport(context, scope, namespace);
    if (imported) {
      instance.kind = 'imported';
      if (imported.fetched && fragments.length === 2) {
        const componentName = fragments[1]!.name;
        const declare = context.importedDeclaresByName(imported).get(componentName);
        if (declare) {
          instance.declare = declare;
          instance.exports = declare.exports.map((item) => item.name);
        }
      }
      return;
    }
  }
  const schema = getComponent(instance.name, context.options.release);
  if (schema) {
    instance.kind = 'builtin';
    instance.schema = schema;
    // An empty export list may only mean the docs have no exports table.
    if (!schema.open && schema.exports.length > 0) instance.exports = schema.exports.map((item) => item.name);
  }
}

// ---------------------------------------------------------------- lookups

export function findDeclare(context: AnalysisContext, scope: Scope, name: string): DeclareInfo | undefined {
  for (let current: Scope | undefined = scope; current; current = current.definitionParent) {
    if (current === context.siblingScope) registerSiblingDefinitions(context, name);
    const found = current.declares.get(name) ?? fallbackWithDefinitions(context, current, name)?.declares.get(name);
    if (found) return found;
  }
  return undefined;
}

export function findImport(context: AnalysisContext, scope: Scope, namespace: string): ImportInfo | undefined {
  for (let current: Scope | undefined = scope; current; current = current.definitionParent) {
    if (current === context.siblingScope) registerSiblingDefinitions(context, namespace);
    const found = current.imports.get(namespace) ?? fallbackWithDefinitions(context, current, namespace)?.imports.get(namespace);
    if (found) return found;
  }
  return undefined;
}

/** The node `candidateId` visible in `scope` (its own, then the enclosing ones a template sees). */
export function findNode(scope: Scope, candidateId: string): NodeEntry | undefined {
  for (let current: Scope | undefined = scope; current; current = current.nodeParent) {
    const found = current.nodes.get(candidateId);
    if (found) return found;
  }
  return undefined;
}

/** The node that `block` registered in `scope`, if it registered one. */
export function ownerEntry(context: AnalysisContext, scope: Scope, block: Block): NodeEntry | undefined {
  const registered = context.entryByBlock.get(block);
  if (registered === undefined) return undefined;
  if (registered.scope === scope) return registered;
  const entry = scope.nodes.get(nodeIdOf(block));
  return entry && entry.block === block ? entry : undefined;
}
