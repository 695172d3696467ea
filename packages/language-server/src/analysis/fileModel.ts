import {
  getComponent,
  getConfigBlock,
  type AlloyFile,
  type ArgumentSchema,
  type Block,
  type BlockSchema,
  type ComponentSchema,
  type ConfigBlockSchema,
  type Expression,
  type LineIndex,
  type Statement,
} from '../toolkit.js';
import { collectTraversals, type Traversal } from './syntaxTree.js';

/** A built-in component or a config block: something with an argument schema. */
export type SchemaOwner =
  | { kind: 'component'; schema: ComponentSchema }
  | { kind: 'config'; schema: ConfigBlockSchema };

/** What a block is, decided from where it stands and what its name means. */
export type BlockRole =
  | { kind: 'component'; schema: ComponentSchema }
  | { kind: 'config'; schema: ConfigBlockSchema }
  /** An instance of a custom component: `declare "x"` in scope, or `<import label>.<declare label>`. */
  | { kind: 'custom'; declareName: string; importLabel?: string; declare?: Block }
  /** A block inside a component or config block; `schema` is undefined when the docs do not know it. */
  | { kind: 'nested'; owner: SchemaOwner; path: string[]; schema?: BlockSchema }
  /** A block inside a custom component instance or an unknown block: no schema. */
  | { kind: 'unknown' };

/** A namespace of node IDs: the file's root, a `declare` body, or a `foreach` template. */
export interface Scope {
  /** The `declare` or `template` block owning the scope; null for the file root. */
  owner: Block | null;
  parent: Scope | null;
  /** A module: a `declare` body (or a file of `argument`/`export` blocks) where `argument.x` resolves. */
  isModule: boolean;
  definitions: Map<string, Definition>;
  /** `declare` blocks of this scope by label. */
  declares: Map<string, Block>;
  /** `import.*` blocks of this scope by label. */
  imports: Map<string, Block>;
  /** The statement blocks of the scope body, in source order. */
  blocks: Block[];
}

/** A node that references can point at: `prometheus.exporter.unix "node"` defines `prometheus.exporter.unix.node`. */
export interface Definition {
  id: string;
  segments: string[];
  block: Block;
  scope: Scope;
  /** The file path (or URI) the block lives in. */
  file: string;
  /** The lines of that file's text (the parse result's): the block's offsets as lines and columns. */
  lines: LineIndex;
}

export interface BlockInfo {
  role: BlockRole;
  /** The scope the block is a statement of (for nested blocks: of their top-level ancestor). */
  scope: Scope;
  /** The body scope, for `declare` and `foreach` templates. */
  bodyScope?: Scope;
}

export interface ReferenceInfo {
  traversal: Traversal;
  scope: Scope;
  /** The block whose body holds the reference. */
  containingBlock: Block | null;
}

/** The light semantic model the language features need, built from one file's syntax tree. */
export interface FileModel {
  file: string;
  tree: AlloyFile;
  /** The lines of the parsed text (the parse result's `lines`). */
  lines: LineIndex;
  root: Scope;
  blocks: Map<Block, BlockInfo>;
  references: ReferenceInfo[];
  scopes: Scope[];
}

export function definitionId(block: Block): string {
  return block.label && block.label.value !== '' ? `${block.fullName}.${block.label.value}` : block.fullName;
}

function newScope(owner: Block | null, parent: Scope | null, isModule: boolean): Scope {
  return { owner, parent, isModule, definitions: new Map(), declares: new Map(), imports: new Map(), blocks: [] };
}

/** Builds the model of one file. `file` is used to tag definitions; `lines` are the lines of the parse result `tree` comes from. */
export function buildFileModel(file: string, tree: AlloyFile, lines: LineIndex): FileModel {
  const model: FileModel = { file, tree, lines, root: newScope(null, null, false), blocks: new Map(), references: [], scopes: [] };
  model.root.isModule = tree.body.some((statement) => statement.type === 'Block' && statement.fullName === 'argument');
  fillScope(model, model.root, tree.body);
  return model;
}

function fillScope(model: FileModel, scope: Scope, body: readonly Statement[]): void {
  model.scopes.push(scope);
  for (const statement of body) {
    if (statement.type !== 'Block') continue;
    scope.blocks.push(statement);
    const id = definitionId(statement);
    if (!scope.definitions.has(id)) {
      scope.definitions.set(id, { id, segments: id.split('.'), block: statement, scope, file: model.file, lines: model.lines });
    }
    if (statement.fullName === 'declare' && statement.label) scope.declares.set(statement.label.value, statement);
    if (statement.fullName.startsWith('import.') && statement.label) scope.imports.set(statement.label.value, statement);
  }
  for (const statement of body) {
    if (statement.type === 'Attribute') {
      collectReferences(model, scope, null, statement.value);
    } else {
      fillStatementBlock(model, scope, statement);
    }
  }
}

function fillStatementBlock(model: FileModel, scope: Scope, block: Block): void {
  const role = statementRole(scope, block);
  const info: BlockInfo = { role, scope };
  model.blocks.set(block, info);
  if (block.fullName === 'declare') {
    const body = newScope(block, scope, true);
    info.bodyScope = body;
    fillScope(model, body, block.body);
    return;
  }
  for (const statement of block.body) {
    if (statement.type === 'Attribute') {
      collectReferences(model, scope, block, statement.value);
    } else if (block.fullName === 'foreach' && statement.fullName === 'template') {
      const template = newScope(statement, scope, scope.isModule);
      model.blocks.set(statement, { role: { kind: 'unknown' }, scope, bodyScope: template });
      fillScope(model, template, statement.body);
    } else {
      fillNestedBlock(model, scope, statement, role, [statement.fullName]);
    }
  }
}

function fillNestedBlock(model: FileModel, scope: Scope, block: Block, parentRole: BlockRole, path: string[]): void {
  const owner = ownerOf(parentRole);
  const role: BlockRole = owner ? { kind: 'nested', owner, path, schema: findNestedSchema(owner, path) } : { kind: 'unknown' };
  model.blocks.set(block, { role, scope });
  for (const statement of block.body) {
    if (statement.type === 'Attribute') collectReferences(model, scope, block, statement.value);
    else fillNestedBlock(model, scope, statement, role, [...path, statement.fullName]);
  }
}

function ownerOf(role: BlockRole): SchemaOwner | undefined {
  if (role.kind === 'component' || role.kind === 'config') return role;
  if (role.kind === 'nested') return role.owner;
  return undefined;
}

function collectReferences(model: FileModel, scope: Scope, containingBlock: Block | null, value: Expression): void {
  const traversals: Traversal[] = [];
  collectTraversals(value, traversals);
  for (const traversal of traversals) model.references.push({ traversal, scope, containingBlock });
}

function statementRole(scope: Scope, block: Block): BlockRole {
  const component = getComponent(block.fullName);
  if (component) return { kind: 'component', schema: component };
  const config = getConfigBlock(block.fullName);
  if (config) return { kind: 'config', schema: config };
  const declare = findDeclare(scope, block.fullName);
  if (declare) return { kind: 'custom', declareName: block.fullName, declare };
  const dot = block.fullName.indexOf('.');
  if (dot > 0 && findImport(scope, block.fullName.slice(0, dot))) {
    return { kind: 'custom', declareName: block.fullName.slice(dot + 1), importLabel: block.fullName.slice(0, dot) };
  }
  return { kind: 'unknown' };
}

/** The `declare` block with this label, searched from `scope` outwards. */
export function findDeclare(scope: Scope, name: string): Block | undefined {
  for (let current: Scope | null = scope; current; current = current.parent) {
    const declare = current.declares.get(name);
    if (declare) return declare;
  }
  return undefined;
}

export function findImport(scope: Scope, label: string): Block | undefined {
  for (let current: Scope | null = scope; current; current = current.parent) {
    const found = current.imports.get(label);
    if (found) return found;
  }
  return undefined;
}

/** The schema of a nested block path inside a component or config block. */
export function findNestedSchema(owner: SchemaOwner, path: readonly string[]): BlockSchema | undefined {
  let blocks: readonly BlockSchema[] = owner.schema.blocks;
  let found: BlockSchema | undefined;
  for (const name of path) {
    found = blocks.find((candidate) => candidate.name === name);
    if (!found) return undefined;
    blocks = found.blocks;
  }
  return found;
}

/** The arguments and blocks a block's body may hold, when known. */
export interface BodySchema {
  arguments: readonly ArgumentSchema[];
  blocks: readonly BlockSchema[];
  open: boolean;
}

export function bodySchemaOf(role: BlockRole): BodySchema | undefined {
  switch (role.kind) {
    case 'component':
      return { arguments: role.schema.arguments, blocks: role.schema.blocks, open: role.schema.open === true };
    case 'config':
      return { arguments: role.schema.arguments, blocks: role.schema.blocks, open: false };
    case 'nested':
      return role.schema
        ? { arguments: role.schema.arguments, blocks: role.schema.blocks, open: role.schema.open === true }
        : undefined;
    default:
      return undefined;
  }
}

/** The scopes whose definitions are visible from `scope`: itself, then enclosing templates (a declare body is closed). */
export function visibleScopes(scope: Scope): Scope[] {
  const scopes: Scope[] = [scope];
  let current = scope;
  while (current.parent && current.owner && current.owner.fullName === 'template') {
    current = current.parent;
    scopes.push(current);
  }
  return scopes;
}
