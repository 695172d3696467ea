/**
 * Phase 3, linked: every identifier path of an expression resolved to a component export, a
 * standard-library function or constant, a module argument, a foreach variable or an import
 * namespace; the dependencies of the graph recorded from those links. The reference rules run as
 * each path is resolved.
 */
import { getConstant, getFunction } from '@alloy-toolkit/schema';
import type { Attribute, Block, Expression, Statement } from '@alloy-toolkit/syntax';
import { collectTraversals, type Traversal } from '../expressions.js';
import type { Reference, ReferenceSegment, ReferenceTarget, ScopeInfo } from '../model.js';
import * as references from '../rules/references.js';
import * as stability from '../rules/stability.js';
import { stdlibNames, type AnalysisContext } from './context.js';
import { fallbackNode, findImport, findNode } from './indexing.js';
import type { SourceFile } from './parse.js';
import { segmentBit, type NodeEntry, type Scope, type ValueReferences } from './scope.js';

/** The names of `segments` joined by dots: a slice of the source text when it is written so, without spaces. */
function traversalText(sourceText: string, segments: readonly ReferenceSegment[]): string {
  const first = segments[0]!;
  if (segments.length === 1) return first.name;
  const start = first.start;
  let position = start;
  let writtenAsJoined = true;
  for (let index = 0; index < segments.length && writtenAsJoined; index++) {
    const name = segments[index]!.name;
    if (index > 0) writtenAsJoined = sourceText.charCodeAt(position++) === 0x2e; /* . */
    writtenAsJoined &&= sourceText.startsWith(name, position);
    position += name.length;
  }
  if (writtenAsJoined && position === segments[segments.length - 1]!.end) return sourceText.slice(start, position);
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

/**
 * Links the references of an expression (of `attribute`, in the body of the node `owner` or of
 * `ownerBlock`): each is resolved, recorded on the source, and returned by expression.
 */
export function resolveExpression(
  context: AnalysisContext,
  scope: Scope,
  source: SourceFile,
  expression: Expression,
  owner: NodeEntry | undefined,
  attribute: Attribute | undefined,
  ownerBlock: Block | undefined,
): ValueReferences {
  // Most values are literals, which hold no reference.
  if (expression.type === 'Literal') return undefined;
  const traversals = collectTraversals(expression, source.parse.lines);
  const referenceOwner = owner ? owner.block : ownerBlock;
  if (traversals.length === 1) {
    const reference = resolveTraversal(context, scope, source, traversals[0]!, owner, attribute, referenceOwner);
    source.references.push(reference);
    return reference;
  }
  if (traversals.length === 0) return undefined;
  const byExpression = new Map<Expression, Reference>();
  for (const traversal of traversals) {
    const reference = resolveTraversal(context, scope, source, traversal, owner, attribute, referenceOwner);
    source.references.push(reference);
    byExpression.set(traversal.expression, reference);
  }
  return byExpression;
}

/** Links the references in statements without a schema to check them against. */
export function scanBody(context: AnalysisContext, scope: Scope, source: SourceFile, owner: NodeEntry | undefined, body: Statement[], ownerBlock: Block): void {
  for (const statement of body) {
    if (statement.type === 'Attribute') resolveExpression(context, scope, source, statement.value, owner, statement, ownerBlock);
    else scanBody(context, scope, source, owner, statement.body, ownerBlock);
  }
}

function resolveTraversal(
  context: AnalysisContext,
  scope: Scope,
  source: SourceFile,
  traversal: Traversal,
  owner: NodeEntry | undefined,
  attribute: Attribute | undefined,
  ownerBlock: Block | undefined,
): Reference {
  const release = context.options.release;
  const segments = traversal.segments;
  const segmentCount = segments.length;
  const head = segments[0]!.name;
  const text = traversalText(source.text, segments);
  const reference = newReference(traversal, text, scope.info, source.fileName, attribute, ownerBlock);

  // 1. The shortest prefix that is a node id in scope. Prefixes are slices of `text`, which joins the names.
  // Without siblings to consult, a prefix is looked up only when an id visible here has as many segments.
  const fallback = scope.info.kind === 'root' && scope.fallback !== undefined;
  let segmentCounts = 0;
  if (!fallback) for (let current: Scope | undefined = scope; current; current = current.nodeParent) segmentCounts |= current.nodeSegmentCounts;
  let prefixEnd = -1;
  for (let length = 1; length <= segmentCount; length++) {
    prefixEnd += 1 + segments[length - 1]!.name.length;
    if (!fallback && (segmentCounts & segmentBit(length)) === 0) continue;
    const prefix = length === segmentCount ? text : length === 1 ? head : text.slice(0, prefixEnd);
    let node = findNode(scope, prefix);
    if (!node && scope.info.kind === 'root' && scope.fallback) node = fallbackNode(context, scope, prefix);
    if (!node) continue;
    reference.target = nodeTarget(context, node, segments[length], source);
    if (owner && node.scope !== scope.fallback) (owner.dependencies ??= new Set()).add(node);
    node.referenced = true;
    references.checkStdlibShadowing(context, source, head, segments[0]!);
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
    const stdlibFunction = getFunction(name, release);
    if (stdlibFunction) {
      reference.target = { kind: 'function', name, function: stdlibFunction };
      const first = segments[0]!;
      const last = segments[length - 1]!;
      stability.checkStdlibFunction(context, source, name, stdlibFunction, () => ({ start: first.range.start, end: last.range.end }));
      return reference;
    }
    const constant = getConstant(name, release);
    if (constant) {
      reference.target = { kind: 'constant', name, constant };
      if (constant.deprecatedReplacement) {
        stability.checkStdlibConstant(context, source, name, constant, { start: segments[0]!.range.start, end: segments[length - 1]!.range.end });
      }
      return reference;
    }
  }
  if (stdlibNames(release).has(head)) {
    reference.target = { kind: 'stdlib', name: head };
    if (segmentCount > 1) references.reportUnknownStdlibName(context, source, head, segments[1]!);
    return reference;
  }
  const imported = findImport(context, scope, head);
  if (imported) {
    reference.target = { kind: 'import-namespace', import: imported };
    return reference;
  }

  // 3. Unresolved.
  references.reportUnresolved(context, scope, source, segments, text, traversal.range);
  reference.target = { kind: 'unresolved' };
  return reference;
}

/** The target of a reference to `node`; `exportSegment` is the segment after the node id, if any. */
function nodeTarget(context: AnalysisContext, node: NodeEntry, exportSegment: ReferenceSegment | undefined, source: SourceFile): ReferenceTarget {
  const exportName = exportSegment?.name;
  if (node.component) {
    const component = node.component;
    if (exportName === undefined) return { kind: 'component', component };
    const exportSchema = component.schema?.exports.find((candidate) => candidate.name === exportName);
    // Built whole: adding properties later would give each target a second allocation.
    const target: ReferenceTarget = exportSchema
      ? { kind: 'component', component, export: exportName, exportType: exportSchema.type }
      : { kind: 'component', component, export: exportName };
    references.checkComponentExport(context, source, exportName, component.exports, exportSegment!);
    return target;
  }
  if (node.configBlock) {
    const configBlock = node.configBlock;
    if (configBlock.name === 'argument') {
      const target: ReferenceTarget = { kind: 'argument', name: configBlock.label, block: configBlock.block };
      if (configBlock.fileName !== undefined) target.fileName = configBlock.fileName;
      references.checkArgumentField(context, source, exportName, exportSegment);
      return target;
    }
    const target: ReferenceTarget = { kind: 'config-block', configBlock };
    if (exportName !== undefined) target.export = exportName;
    return target;
  }
  const imported = context.hasImports() ? context.importByBlock.get(node.block) : undefined;
  if (imported) return { kind: 'import-namespace', import: imported };
  return { kind: 'unresolved' };
}
