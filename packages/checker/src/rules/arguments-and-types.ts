/**
 * Arguments and types: component and config blocks against the schema (names, labels, duplicate
 * ids, unknown, missing, repeated or misplaced attributes and blocks) and values against the
 * argument types (type mismatches, Go durations, enum values, names Alloy silently ignores).
 */
import { getConfigBlock, formatAlloyType, isTypeAssignable } from '@alloy-toolkit/schema';
import type { AlloyType, ArgumentSchema, BlockSchema, ComponentSchema, ConfigBlockSchema } from '@alloy-toolkit/schema';
import { attributeNameSpan, type Attribute, type Block, type Expression } from '@alloy-toolkit/syntax';
import { builtinComponentNames, memoized, type AnalysisContext } from '../analysis/context.js';
import type { SourceFile } from '../analysis/parse.js';
import { labeledConfigBlocks, nonConfigurableServices, referenceFor, type NodeEntry, type Scope, type ValueReferences } from '../analysis/scope.js';
import { literalKind, literalString, type ValueKind } from '../expressions.js';
import { durationFix, enumCaseFix } from '../certain-fixes.js';
import { cachedGoDuration } from '../go-duration.js';
import type { DeclareInfo, Reference } from '../model.js';
import { closestCandidate, type CandidateSource } from '../suggestions.js';
import { blockHeaderRange, blockNameRange, closestName, countBlocks, didYouMean, writesAttribute, type NameSet } from '../util.js';
import { defineFamily } from './family.js';

export const family = defineFamily({
  name: 'arguments-and-types',
  title: 'Arguments and types',
  description:
    'Component and config blocks against the schema of the targeted release: known names (with a "did you mean"), labels, ids unique in their scope, attributes and blocks the block defines, required ones present, blocks repeated only where allowed; values against the argument types: type mismatches (also of capsule references), Go durations, enum values, and names Alloy silently ignores.',
  phases: ['index', 'validate'],
  categories: ['component', 'type'],
});

// ---------------------------------------------------------------- blocks

/** An attribute at the top level of a file. */
export function checkTopLevelAttribute(context: AnalysisContext, source: SourceFile, statement: Attribute): void {
  context.error(source, 'alloy/top-level-attribute', `unrecognized attribute ${statement.name}`, source.parse.lines.rangeOf(attributeNameSpan(statement)));
}

/** A second block registering node `id` in a scope (found while indexing). */
export function reportDuplicateBlock(context: AnalysisContext, source: SourceFile, id: string, existing: NodeEntry, block: Block): void {
  context.error(source, 'alloy/duplicate-block', `block ${id} already declared at ${context.formatLocation(existing.source, existing.block)}`, blockHeaderRange(source.parse.lines, block));
}

/** A `declare` block without a label. */
export function checkDeclareLabel(context: AnalysisContext, source: SourceFile, block: Block, label: string): void {
  if (label === '') context.error(source, 'alloy/missing-label', 'declare block must have a label', blockNameRange(source.parse.lines, block));
}

/** A config block's label: required for `argument`, `export`, `foreach` and imports, refused by the others. */
export function checkConfigBlockLabel(context: AnalysisContext, source: SourceFile, block: Block, name: string, label: string): void {
  if (labeledConfigBlocks.has(name) && label === '') {
    context.error(source, 'alloy/missing-label', `${name} block must have a label`, blockNameRange(source.parse.lines, block));
  }
  if (!labeledConfigBlocks.has(name) && block.label) {
    context.error(source, 'alloy/unexpected-label', `block "${name}" does not support specifying labels`, source.parse.lines.rangeOf(block.label), {
      title: 'Remove the label',
      edits: [{ range: { start: blockNameRange(source.parse.lines, block).end, end: source.parse.lines.positionAt(block.label.end) }, newText: '' }],
    });
  }
}

/** A block for a service that cannot be configured (`cluster`, `otel`, `ui`). */
export function checkServiceConfigurable(context: AnalysisContext, source: SourceFile, block: Block, name: string): void {
  if (nonConfigurableServices.has(name)) {
    context.error(source, 'alloy/service-not-configurable', `service "${name}" does not support being configured`, blockNameRange(source.parse.lines, block));
  }
}

/** A `foreach` without `template`, where the schema of the release does not say so itself. */
export function checkForeachTemplates(context: AnalysisContext, source: SourceFile, block: Block, templateCount: number): void {
  if (!getConfigBlock('foreach', context.options.release) && templateCount === 0) {
    context.error(source, 'alloy/missing-block', 'missing required block "template"', source.parse.lines.rangeOf(block));
  }
}

/** A component block without a label. */
export function checkComponentLabel(context: AnalysisContext, source: SourceFile, block: Block, label: string): void {
  if (label === '') context.error(source, 'alloy/missing-label', `component "${block.fullName}" must have a label`, blockNameRange(source.parse.lines, block));
}

/** A block naming no built-in component, custom component or import namespace in `scope`. */
export function reportUnknownComponent(context: AnalysisContext, scope: Scope, source: SourceFile, block: Block): void {
  const name = block.fullName;
  const diagnostic = context.error(
    source,
    'alloy/unknown-component',
    context.versionNoted(`cannot find the definition of component name "${name}"`, 'component', name, [], name) ??
      didYouMean(`cannot find the definition of component name "${name}"`, suggestComponent(context, scope, name)),
    blockNameRange(source.parse.lines, block),
  );
  const loader = /^module\.(file|git|http|string)$/.exec(name);
  if (loader) {
    diagnostic.hint =
      `${name} is Grafana Agent Flow's classic module loader, which Alloy does not have: rewrite the module as declare blocks, load it with import.${loader[1]} and use the custom components it defines`;
  }
}

/** A community component (needs a feature flag); true when reported, and then its stability is not. */
export function checkCommunityComponent(context: AnalysisContext, source: SourceFile, block: Block, schema: ComponentSchema): boolean {
  if (schema.community !== true) return false;
  context.report(
    source,
    'alloy/community-component',
    'warning',
    `the component "${block.fullName}" is a community component. Use the --feature.community-components.enabled command-line flag to enable community components`,
    blockNameRange(source.parse.lines, block),
  );
  return true;
}

/** Suggestion among built-in names per release and unknown name (`''`: none); the lists never change. */
const builtinSuggestions = new Map<string, Map<string, string>>();

/** The declare names visible in `scope` as "did you mean" candidates, with a number that changes when they do. */
function visibleDeclareCandidates(context: AnalysisContext, scope: Scope): { sources: CandidateSource[]; version: number } {
  const sources: CandidateSource[] = [];
  let version = 0;
  for (let current: Scope | undefined = scope; current; current = current.definitionParent) {
    sources.push({ index: current.declareNames, segmentCounts: current.declareNames.segmentCounts });
    version += current.declares.size;
    if (current.fallback) {
      context.siblingDeclareCandidates ??= context.siblings!.declareNameCandidates();
      sources.push(context.siblingDeclareCandidates);
    }
  }
  return { sources, version };
}

/** "Did you mean" for an unknown component name: a built-in component or a declare in scope. */
function suggestComponent(context: AnalysisContext, scope: Scope, name: string): string | undefined {
  const { sources, version } = visibleDeclareCandidates(context, scope);
  return memoized(context.componentSuggestions, scope, version, name, () => {
    const release = context.options.release;
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
    const outcome = closestCandidate(name, 0, sources, context.suggestionBudget);
    const candidates: string[] = [];
    if (builtinSuggestion !== '') candidates.push(builtinSuggestion);
    if ('found' in outcome && outcome.found !== undefined) candidates.push(outcome.found);
    return closestName(name, candidates);
  });
}

// ---------------------------------------------------------------- bodies

export type BodySchema = { arguments: ArgumentSchema[]; blocks: BlockSchema[]; open?: boolean };

export interface SchemaIndex {
  arguments: Map<string, ArgumentSchema>;
  blocks: Map<string, BlockSchema>;
  requiredArguments: ArgumentSchema[];
  requiredBlocks: BlockSchema[];
}

const schemaIndexes = new WeakMap<object, SchemaIndex>();

/** Name lookups for a schema, built once per schema object. */
export function schemaIndexOf(schema: BodySchema | ConfigBlockSchema | ComponentSchema): SchemaIndex {
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

/** Per declare: the body its instances take, built once (with its `schemaIndexOf`) for all of them. */
const declareBodySchemas = new WeakMap<DeclareInfo, BodySchema>();

/** The body a custom component takes: its declare's arguments, of any type. */
export function declareBodySchema(declare: DeclareInfo): BodySchema {
  let schema = declareBodySchemas.get(declare);
  if (!schema) {
    schema = {
      arguments: declare.arguments.map((argument) => ({
        name: argument.name,
        typeText: 'any',
        type: { kind: 'any' },
        required: !argument.optional,
      })),
      blocks: [],
    };
    declareBodySchemas.set(declare, schema);
  }
  return schema;
}

/** An attribute the body's schema does not define as an argument (`owner`: the node whose body it is). */
export function checkUnknownAttribute(
  context: AnalysisContext,
  source: SourceFile,
  owner: NodeEntry | undefined,
  block: Block,
  schema: BodySchema | ConfigBlockSchema | ComponentSchema,
  index: SchemaIndex,
  statement: Attribute,
): void {
  const name = statement.name;
  if (index.blocks.has(name)) {
    context.error(source, 'alloy/block-as-attribute', `"${name}" must be a block, but is used as an attribute`, source.parse.lines.rangeOf(statement));
  } else if ((schema as BodySchema).open !== true) {
    const message = `unrecognized attribute name "${name}"`;
    const noted = context.versionNotedInBody(message, 'argument', owner, block, name);
    const suggestion = noted === undefined ? closestName(name, schema.arguments.map((candidate) => candidate.name)) : undefined;
    context.error(source, 'alloy/unknown-attribute', noted ?? didYouMean(message, suggestion), source.parse.lines.rangeOf(statement));
  }
}

/** An argument written twice in one body (`writtenBefore`: the body writes it before `statement`). */
export function checkDuplicateAttribute(context: AnalysisContext, source: SourceFile, statement: Attribute, writtenBefore: boolean): void {
  if (writtenBefore) {
    context.error(source, 'alloy/duplicate-attribute', `attribute "${statement.name}" may only be provided once`, source.parse.lines.rangeOf(statement));
  }
}

/** A nested block the body's schema does not define. */
export function checkUnknownBlock(
  context: AnalysisContext,
  source: SourceFile,
  owner: NodeEntry | undefined,
  block: Block,
  schema: BodySchema | ConfigBlockSchema | ComponentSchema,
  index: SchemaIndex,
  statement: Block,
): void {
  const name = statement.fullName;
  if (index.arguments.has(name)) {
    context.error(source, 'alloy/attribute-as-block', `"${name}" must be an attribute, but is used as a block`, blockNameRange(source.parse.lines, statement));
  } else if ((schema as BodySchema).open !== true) {
    const message = `unrecognized block name "${name}"`;
    const noted = context.versionNotedInBody(message, 'block', owner, block, name);
    const suggestion = noted === undefined ? closestName(name, schema.blocks.map((candidate) => candidate.name)) : undefined;
    context.error(source, 'alloy/unknown-block', noted ?? didYouMean(message, suggestion), blockNameRange(source.parse.lines, statement));
  }
}

/** The `count`th block of its name in a body, where the schema allows one. */
export function checkRepeatedBlock(context: AnalysisContext, source: SourceFile, statement: Block, nested: BlockSchema, count: number): void {
  if (count === 2 && !nested.repeatable) {
    context.error(source, 'alloy/repeated-block', `block "${statement.fullName}" may only be specified once`, blockNameRange(source.parse.lines, statement));
  }
}

/**
 * Required arguments and blocks a body does not write. `seenAttributes` and `blockCounts` hold the
 * arguments and blocks written, collected by the walk of a large body; for a small one (both
 * undefined) the body is searched.
 */
export function checkRequired(
  context: AnalysisContext,
  source: SourceFile,
  block: Block,
  index: SchemaIndex,
  seenAttributes: NameSet | undefined,
  blockCounts: Map<string, number> | undefined,
): void {
  for (const argument of index.requiredArguments) {
    if (!(seenAttributes ? seenAttributes.has(argument.name) : writesAttribute(block.body, argument.name))) {
      context.error(source, 'alloy/missing-attribute', `missing required attribute "${argument.name}"`, source.parse.lines.rangeOf(block));
    }
  }
  for (const nested of index.requiredBlocks) {
    if (!(seenAttributes ? blockCounts?.has(nested.name) : countBlocks(block.body, nested.name) > 0)) {
      context.error(source, 'alloy/missing-block', `missing required block "${nested.name}"`, source.parse.lines.rangeOf(block));
    }
  }
}

// ---------------------------------------------------------------- values

export function typeNameForMessage(type: AlloyType): string {
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

/** A value against its argument's type, with the references linked in it. */
export function checkValue(
  context: AnalysisContext,
  source: SourceFile,
  expression: Expression,
  type: AlloyType,
  argument: ArgumentSchema,
  references: ValueReferences,
  depth: number,
): void {
  if (depth > 64) return;
  if (expression.type === 'Paren') {
    checkValue(context, source, expression.expression, type, argument, references, depth + 1);
    return;
  }
  const reference = referenceFor(references, expression);
  if (reference) {
    checkReferenceType(context, source, reference, type);
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
        checkAllowedValues(context, source, expression, argument);
        checkKnownValues(context, source, expression, argument);
        return;
      }
      typeMismatch(context, source, 'string', kind, expression);
      return;
    case 'number':
      // Strings are accepted: many number-typed arguments are Go types that parse text ("10KiB").
      if (kind === 'number' || kind === 'string') return;
      typeMismatch(context, source, 'number', kind, expression);
      return;
    case 'bool':
      if (kind !== 'bool') typeMismatch(context, source, 'bool', kind, expression);
      return;
    case 'duration': {
      if (kind === 'number') return;
      if (kind !== 'string') {
        typeMismatch(context, source, 'string', kind, expression);
        return;
      }
      const text = literalString(expression);
      const parsed = text === undefined ? undefined : cachedGoDuration(text);
      if (parsed !== undefined && !parsed.ok) context.error(source, 'alloy/invalid-duration', parsed.error, source.parse.lines.rangeOf(expression), durationFix(source.parse.lines, expression));
      return;
    }
    case 'list':
      if (kind !== 'array') {
        typeMismatch(context, source, 'array', kind, expression);
        return;
      }
      if (expression.type === 'Array') {
        for (const element of expression.elements) checkValue(context, source, element, type.element, argument, references, depth + 1);
      }
      return;
    case 'map':
      if (kind !== 'object') {
        typeMismatch(context, source, 'object', kind, expression);
        return;
      }
      if (expression.type === 'Object') {
        for (const field of expression.fields) checkValue(context, source, field.value, type.value, argument, references, depth + 1);
      }
      return;
    case 'object':
      if (kind !== 'object') typeMismatch(context, source, 'object', kind, expression);
      return;
    case 'capsule':
      if (kind !== 'object') typeMismatch(context, source, typeNameForMessage(type), kind, expression);
      return;
  }
}

/**
 * The first of `values` equal to `value` but for letter case. A loop, not a closure: a closure over
 * `value` would make every call of the checks above allocate, reported or not.
 */
function sameExceptCase(values: readonly string[], value: string): string | undefined {
  const lower = value.toLowerCase();
  for (const candidate of values) if (candidate.toLowerCase() === lower) return candidate;
  return undefined;
}

function typeMismatch(context: AnalysisContext, source: SourceFile, expected: string, kind: ValueKind, expression: Expression): void {
  context.error(source, 'alloy/type-mismatch', `expected ${expected}, got ${kind}`, source.parse.lines.rangeOf(expression));
}

function checkAllowedValues(context: AnalysisContext, source: SourceFile, expression: Expression, argument: ArgumentSchema): void {
  const allowed = argument.allowedValues;
  if (!allowed || allowed.length === 0) return;
  const value = literalString(expression);
  if (value === undefined) return;
  if (allowed.includes(value)) return;
  if (sameExceptCase(allowed, value) !== undefined) return;
  context.error(
    source,
    'alloy/invalid-enum',
    `unknown ${argument.name} ${value}; expected one of ${allowed.map((candidate) => `"${candidate}"`).join(', ')}`,
    source.parse.lines.rangeOf(expression),
  );
}

/**
 * Alloy silently drops a value outside `knownValues` (a collector name node_exporter does not
 * register), so the config loads but collects nothing for it: a warning, on plain literals only.
 */
function checkKnownValues(context: AnalysisContext, source: SourceFile, expression: Expression, argument: ArgumentSchema): void {
  const known = argument.knownValues;
  if (!known || known.length === 0 || expression.type !== 'Literal') return;
  const value = literalString(expression);
  if (value === undefined || known.includes(value)) return;
  context.report(
    source,
    'alloy/unknown-value',
    'warning',
    didYouMean(`unknown ${argument.name} name "${value}": Alloy ignores names it does not know`, sameExceptCase(known, value) ?? closestName(value, known)),
    source.parse.lines.rangeOf(expression),
    // A name that differs from one known name only in case has one repair; a typo's closest name is a guess.
    enumCaseFix(source.parse.lines, expression, known),
  );
}

/** A reference to a capsule export where another capsule type is expected. */
function checkReferenceType(context: AnalysisContext, source: SourceFile, reference: Reference, expected: AlloyType): void {
  const target = reference.target;
  if (target.kind !== 'component' || !target.exportType) return;
  const actual = target.exportType;
  if (actual.kind !== 'capsule') return;
  const expectedType = expected;
  if (expectedType.kind !== 'capsule' && expectedType.kind !== 'list') return;
  if (expectedType.kind === 'list' && expectedType.element.kind !== 'capsule') return;
  if (isTypeAssignable(actual, expectedType)) return;
  context.error(
    source,
    'alloy/type-mismatch',
    `"${reference.text}" is a ${formatAlloyType(actual)}, but ${formatAlloyType(expectedType)} is expected here`,
    reference.range,
  );
}
