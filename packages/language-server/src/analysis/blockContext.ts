import {
  getComponent,
  getConfigBlock,
  type ArgumentSchema,
  type Block,
  type BlockSchema,
  type ComponentSchema,
  type ConfigBlockSchema,
} from '../toolkit.js';
import type { BlockFrame } from './cursorContext.js';
import { bodySchemaOf, findNestedSchema, type BlockRole, type FileModel, type SchemaOwner } from './fileModel.js';

/** Where in the block structure a position is, derived from the enclosing block headers. */
export interface BlockContext {
  /** At the level where statements of a scope stand (file root, declare body, foreach template). */
  atScopeLevel: boolean;
  /** Inside a `declare` body (or a module file): `argument` and `export` blocks are allowed. */
  inModule: boolean;
  /** The role of the innermost enclosing block, undefined at scope level. */
  role: BlockRole | undefined;
  /** The innermost enclosing block frame. */
  frame: BlockFrame | undefined;
}

/** Where the schemas of built-in components and config blocks come from: the newest release, or the target's. */
export interface SchemaLookup {
  component(name: string): ComponentSchema | undefined;
  configBlock(name: string): ConfigBlockSchema | undefined;
}

const newestSchemas: SchemaLookup = { component: (name) => getComponent(name), configBlock: (name) => getConfigBlock(name) };

/**
 * Decides the roles of the enclosing blocks from their names, as the file model does for parsed
 * blocks, with the schemas of `schemas` (default: the newest release).
 */
export function blockContextOf(frames: readonly BlockFrame[], model: FileModel, schemas: SchemaLookup = newestSchemas): BlockContext {
  let scopeStart = 0;
  let inModule = model.root.isModule;
  frames.forEach((frame, index) => {
    if (frame.name === 'declare') {
      scopeStart = index + 1;
      inModule = true;
    } else if (frame.name === 'template' && frames[index - 1]?.name === 'foreach') {
      scopeStart = index + 1;
    }
  });
  const statementFrames = frames.slice(scopeStart);
  if (statementFrames.length === 0) return { atScopeLevel: true, inModule, role: undefined, frame: undefined };
  const head = statementFrames[0]!;
  let role = statementRoleByName(head.name, model, schemas);
  const path: string[] = [];
  for (const frame of statementFrames.slice(1)) {
    path.push(frame.name);
    const owner: SchemaOwner | undefined = role.kind === 'component' || role.kind === 'config' ? role : role.kind === 'nested' ? role.owner : undefined;
    if (!owner) {
      role = { kind: 'unknown' };
      break;
    }
    role = { kind: 'nested', owner, path: [...path], schema: findNestedSchema(owner, path) };
  }
  return { atScopeLevel: false, inModule, role, frame: statementFrames[statementFrames.length - 1] };
}

function statementRoleByName(name: string, model: FileModel, schemas: SchemaLookup): BlockRole {
  const component = schemas.component(name);
  if (component) return { kind: 'component', schema: component };
  const config = schemas.configBlock(name);
  if (config) return { kind: 'config', schema: config };
  for (const scope of model.scopes) {
    const declare = scope.declares.get(name);
    if (declare) return { kind: 'custom', declareName: name, declare };
  }
  const dot = name.indexOf('.');
  if (dot > 0) {
    for (const scope of model.scopes) {
      if (scope.imports.has(name.slice(0, dot))) return { kind: 'custom', declareName: name.slice(dot + 1), importLabel: name.slice(0, dot) };
    }
  }
  return { kind: 'unknown' };
}

/** The frames of a parsed block and its enclosing blocks (outermost first), as `blockContextOf` takes them. */
export function framesOf(blocks: readonly Block[]): BlockFrame[] {
  return blocks.map((block) => ({ kind: 'block', name: block.fullName, label: block.label?.value, openOffset: block.lbrace }));
}

/** The owner (component or config block) of a role and the block path below it: what `availability` is asked about. */
export function schemaPathOf(role: BlockRole | undefined): { owner: string; path: string[] } | undefined {
  if (role?.kind === 'component' || role?.kind === 'config') return { owner: role.schema.name, path: [] };
  if (role?.kind === 'nested') return { owner: role.owner.schema.name, path: role.path };
  return undefined;
}

/** The argument schema of `attribute` inside a block of this role. */
export function argumentSchemaOf(role: BlockRole | undefined, attribute: string): ArgumentSchema | undefined {
  if (!role) return undefined;
  return bodySchemaOf(role)?.arguments.find((argument) => argument.name === attribute);
}

/** The nested block schema named `name` inside a block of this role. */
export function nestedBlockSchemaOf(role: BlockRole | undefined, name: string): BlockSchema | undefined {
  if (!role) return undefined;
  return bodySchemaOf(role)?.blocks.find((block) => block.name === name);
}

/** The arguments a custom component declares: its `argument` blocks. */
export function declareArguments(declare: Block): { name: string; required: boolean; comment?: string }[] {
  const result: { name: string; required: boolean; comment?: string }[] = [];
  for (const statement of declare.body) {
    if (statement.type !== 'Block' || statement.fullName !== 'argument' || !statement.label) continue;
    let required = true;
    let comment: string | undefined;
    for (const attribute of statement.body) {
      if (attribute.type !== 'Attribute') continue;
      if (attribute.name === 'optional' && attribute.value.type === 'Literal' && attribute.value.value === true) required = false;
      if (attribute.name === 'default') required = false;
      if (attribute.name === 'comment' && attribute.value.type === 'Literal' && typeof attribute.value.value === 'string') {
        comment = attribute.value.value;
      }
    }
    result.push({ name: statement.label.value, required, ...(comment !== undefined ? { comment } : {}) });
  }
  return result;
}

/** The export names a custom component declares: its `export` blocks. */
export function declareExports(declare: Block): string[] {
  return declare.body
    .filter((statement): statement is Block => statement.type === 'Block' && statement.fullName === 'export' && statement.label !== null)
    .map((block) => block.label!.value);
}
