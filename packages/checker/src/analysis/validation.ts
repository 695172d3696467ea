/**
 * Phase 4, validated: the walk over the statements of each scope. It links each value as it goes
 * (phase 3) and hands every block, body, attribute and value to the checks of the rule families
 * (`rules/`), in a fixed order. Nested scopes (declare bodies, foreach templates) are indexed when
 * the walk reaches them.
 */
import { getConfigBlock } from '@alloy-toolkit/schema';
import type { ComponentSchema, ConfigBlockSchema } from '@alloy-toolkit/schema';
import type { Attribute, Block } from '@alloy-toolkit/syntax';
import { literalString } from '../expressions.js';
import * as argumentsAndTypes from '../rules/arguments-and-types.js';
import * as bestPractices from '../rules/best-practices.js';
import * as loadTimeConstraints from '../rules/load-time-constraints.js';
import * as modules from '../rules/modules.js';
import * as stability from '../rules/stability.js';
import { NameSet, countBlocks, searchedBodySize, writesAttribute } from '../util.js';
import type { AnalysisContext } from './context.js';
import { findImport, ownerEntry, register } from './indexing.js';
import { resolveExpression, scanBody } from './linking.js';
import type { SourceFile } from './parse.js';
import { Scope, configBlockNames, labelOf, nodeIdOf, serviceNames, type Members, type NodeEntry } from './scope.js';

/** Checks the statements of `members`, registered in `scope`. */
export function checkMembers(context: AnalysisContext, scope: Scope, members: readonly Members[]): void {
  for (const { statements, source } of members) {
    for (const statement of statements) {
      if (statement.type === 'Attribute') {
        argumentsAndTypes.checkTopLevelAttribute(context, source, statement);
        resolveExpression(context, scope, source, statement.value, undefined, statement, undefined);
        continue;
      }
      const block = statement;
      if (block.fullName === 'declare') {
        checkDeclare(context, scope, block, source);
        continue;
      }
      const owner = ownerEntry(context, scope, block);
      if (configBlockNames.has(block.fullName) || serviceNames.has(block.fullName)) checkConfigBlock(context, scope, block, source, owner);
      else checkComponent(context, scope, block, source, owner);
    }
  }
}

function checkDeclare(context: AnalysisContext, scope: Scope, block: Block, source: SourceFile): void {
  const label = labelOf(block);
  argumentsAndTypes.checkDeclareLabel(context, source, block, label);
  modules.checkDeclare(context, source, block, label);
  const path = `${scope.info.path === '' ? '' : `${scope.info.path}/`}declare.${label}`;
  const child = new Scope({ kind: 'declare', path, block }, true, false, undefined, scope);
  const members = [{ statements: block.body, source }];
  register(context, child, members);
  checkMembers(context, child, members);
}

function checkConfigBlock(context: AnalysisContext, scope: Scope, block: Block, source: SourceFile, owner: NodeEntry | undefined): void {
  const name = block.fullName;
  const label = labelOf(block);
  const schema = getConfigBlock(name, context.options.release);
  argumentsAndTypes.checkConfigBlockLabel(context, source, block, name, label);
  modules.checkConfigBlockPlacement(context, scope, source, block, name, nodeIdOf(block));
  argumentsAndTypes.checkServiceConfigurable(context, source, block, name);
  stability.checkConfigBlock(context, source, block, schema, name, label);
  modules.checkImportNotFetched(context, source, block, name, label);
  const excluded = name === 'foreach' ? foreachExcludedBlocks : undefined;
  if (schema) checkBody(context, scope, source, owner, block, schema, excluded);
  else scanBody(context, scope, source, owner, block.body, block);

  if (name === 'foreach') checkForeachTemplate(context, scope, block, source);
}

/** A foreach's `template` blocks are a scope of their own, walked by `checkForeachTemplate`. */
const foreachExcludedBlocks: ReadonlySet<string> = new Set(['template']);

function checkForeachTemplate(context: AnalysisContext, scope: Scope, block: Block, source: SourceFile): void {
  const label = labelOf(block);
  const path = `${scope.info.path === '' ? '' : `${scope.info.path}/`}foreach.${label}`;
  const child = new Scope({ kind: 'foreach', path, block }, scope.inModule, true, scope, scope);
  const variable = block.body.find(
    (statement): statement is Attribute => statement.type === 'Attribute' && statement.name === 'var',
  );
  const variableName = variable ? literalString(variable.value) : undefined;
  if (variableName !== undefined) child.foreachVariable = { name: variableName, foreach: block, source };
  const templates = block.body.filter((statement): statement is Block => statement.type === 'Block' && statement.fullName === 'template');
  argumentsAndTypes.checkForeachTemplates(context, source, block, templates.length);
  for (const template of templates) {
    const members = [{ statements: template.body, source }];
    register(context, child, members);
    checkMembers(context, child, members);
  }
}

function checkComponent(context: AnalysisContext, scope: Scope, block: Block, source: SourceFile, owner: NodeEntry | undefined): void {
  const instance = context.instances.get(block);
  argumentsAndTypes.checkComponentLabel(context, source, block, labelOf(block));
  if (!instance || instance.kind === 'unknown') {
    argumentsAndTypes.reportUnknownComponent(context, scope, source, block);
    scanBody(context, scope, source, owner, block.body, block);
    return;
  }
  if (instance.kind === 'builtin' && instance.schema) {
    const schema = instance.schema;
    if (!argumentsAndTypes.checkCommunityComponent(context, source, block, schema)) stability.checkComponentStability(context, source, block, schema);
    stability.checkComponentDeprecation(context, source, block);
    checkBody(context, scope, source, owner, block, schema, undefined);
    bestPractices.checkComponent(context, source, block, schema);
    loadTimeConstraints.checkComponent(context, scope, source, block, schema);
    return;
  }
  if (instance.kind === 'imported' && !instance.declare) {
    modules.checkImportedComponent(context, source, block, findImport(context, scope, block.name[0]!.name));
    scanBody(context, scope, source, owner, block.body, block);
    return;
  }
  if (instance.declare) {
    checkBody(context, scope, source, owner, block, argumentsAndTypes.declareBodySchema(instance.declare), undefined);
    return;
  }
  scanBody(context, scope, source, owner, block.body, block);
}

/** Links and checks a body against its schema, nested blocks included. */
function checkBody(
  context: AnalysisContext,
  scope: Scope,
  source: SourceFile,
  owner: NodeEntry | undefined,
  block: Block,
  schema: argumentsAndTypes.BodySchema | ConfigBlockSchema | ComponentSchema,
  excludedBlocks: ReadonlySet<string> | undefined,
  depth = 0,
): void {
  const index = argumentsAndTypes.schemaIndexOf(schema);
  const statements = block.body;
  // What was written before: a small body is searched; a large one collects the names as it goes.
  // An earlier statement of the same name took the same path below (known or not, excluded or not).
  const seenAttributes = statements.length > searchedBodySize ? new NameSet() : undefined;
  // Most bodies have no nested blocks.
  let blockCounts: Map<string, number> | undefined;
  for (let position = 0; position < statements.length; position++) {
    const statement = statements[position]!;
    if (statement.type === 'Attribute') {
      const name = statement.name;
      const references = resolveExpression(context, scope, source, statement.value, owner, statement, block);
      const argument = index.arguments.get(name);
      if (!argument) {
        argumentsAndTypes.checkUnknownAttribute(context, source, owner, block, schema, index, statement);
        continue;
      }
      if (seenAttributes) {
        argumentsAndTypes.checkDuplicateAttribute(context, source, statement, seenAttributes.has(name));
        seenAttributes.add(name);
      } else argumentsAndTypes.checkDuplicateAttribute(context, source, statement, writesAttribute(statements, name, position));
      argumentsAndTypes.checkValue(context, source, statement.value, argument.type, argument, references, 0);
      bestPractices.checkLiteralSecret(context, source, statement, argument);
      continue;
    }
    const name = statement.fullName;
    if (excludedBlocks?.has(name)) {
      if (seenAttributes) {
        blockCounts ??= new Map();
        blockCounts.set(name, (blockCounts.get(name) ?? 0) + 1);
      }
      continue;
    }
    const nested = index.blocks.get(name);
    if (!nested) {
      argumentsAndTypes.checkUnknownBlock(context, source, owner, block, schema, index, statement);
      scanBody(context, scope, source, owner, statement.body, block);
      continue;
    }
    let count: number;
    if (seenAttributes) {
      blockCounts ??= new Map();
      count = (blockCounts.get(name) ?? 0) + 1;
      blockCounts.set(name, count);
    } else count = countBlocks(statements, name, position) + 1;
    argumentsAndTypes.checkRepeatedBlock(context, source, statement, nested, count);
    // Nested blocks may carry labels in some components (cloudwatch `static "x"`, snmp `target "x"`): not checked.
    if (depth < 64) checkBody(context, scope, source, owner, statement, nested, undefined, depth + 1);
    else scanBody(context, scope, source, owner, statement.body, block);
  }
  argumentsAndTypes.checkRequired(context, source, block, index, seenAttributes, blockCounts);
}
