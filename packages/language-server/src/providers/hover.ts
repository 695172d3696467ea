import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import {
  attributeNameSpan,
  describeConstraints,
  getConstant,
  getFunction,
  type ArgumentSchema,
  type AvailabilityKind,
  type Block,
  type BlockSchema,
  type ComponentSchema,
  type ConfigBlockSchema,
  type Expression,
} from '../toolkit.js';
import { blockContextOf, declareArguments, declareExports, framesOf, schemaPathOf, type SchemaLookup } from '../analysis/blockContext.js';
import { bodySchemaOf, type BlockRole } from '../analysis/fileModel.js';
import { symbolAt } from '../analysis/symbolAt.js';
import { blockTitle, nodePathAt } from '../analysis/syntaxTree.js';
import { offsetsToRange, spanToRange } from '../workspace/positions.js';
import type { ParsedDocument } from '../workspace/workspace.js';
import { resolveDeclare, type LanguageContext } from './languageContext.js';
import { availabilityOf, componentAt, configBlockAt, hoverNotes, targetRelease, type TargetRelease, type TargetSettings } from './release.js';

/**
 * Hover for components, config blocks, nested blocks, arguments, enumerated values, references and
 * stdlib names, described as the Alloy release the document targets has them, with the releases
 * they exist in relative to that target.
 */
export class HoverProvider {
  constructor(
    private readonly context: LanguageContext,
    private readonly settingsFor: (uri: string) => Promise<TargetSettings> = () => Promise.resolve({}),
  ) {}

  async provide(params: HoverParams): Promise<Hover | null> {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return null;
    const offset = parsed.document.offsetAt(params.position);
    const symbol = symbolAt(parsed, offset, this.context.workspace);
    if (symbol.kind === 'none' && !stringLiteralAt(parsed, offset)) return null;
    const target = targetRelease(await this.settingsFor(params.textDocument.uri));
    switch (symbol.kind) {
      case 'block-name':
      case 'block-label': {
        const markdown = this.blockMarkdown(parsed, symbol.block, [...symbol.ancestors, symbol.block], target);
        if (!markdown) return null;
        const range = symbol.kind === 'block-label' && symbol.block.label ? spanToRange(parsed.document, symbol.block.label) : offsetsToRange(parsed.document, symbol.block.name[0]!.start, symbol.block.name[symbol.block.name.length - 1]!.end);
        return this.hover(markdown, range);
      }
      case 'attribute-name': {
        // `ancestors` ends with the attribute's own block.
        const role = symbol.block ? roleOf(parsed, symbol.block, symbol.ancestors.slice(0, -1), target) : undefined;
        const markdown = role ? this.argumentMarkdown(parsed, role, symbol.attribute.name, target) : undefined;
        return markdown ? this.hover(markdown, spanToRange(parsed.document, attributeNameSpan(symbol.attribute))) : null;
      }
      case 'reference': {
        const segments = symbol.reference.traversal.segments;
        const names = segments.map((segment) => segment.name);
        const range = offsetsToRange(parsed.document, segments[0]!.startOffset, segments[segments.length - 1]!.endOffset);
        if (symbol.resolution) {
          const { definition, matchedSegments } = symbol.resolution;
          // In this document, the editor's line (a configuration inside YAML counts the host's lines).
          const line = definition.file === parsed.model.file ? parsed.document.positionAt(definition.block.start).line + 1 : definition.lines.lineOf(definition.block.start);
          const lines = [`\`${blockTitle(definition.block)}\`${definition.file !== parsed.model.file ? ` (in ${definition.file})` : ''} — line ${line}`];
          const exportName = names[matchedSegments];
          if (exportName !== undefined) lines.push('', this.exportMarkdown(parsed, definition.block, exportName, target));
          const own = definition.file === parsed.model.file ? parsed : undefined;
          const blockDoc = this.blockMarkdown(own, definition.block, own ? ancestorsOf(own, definition.block) : [definition.block], target);
          if (blockDoc && exportName === undefined) lines.push('', blockDoc);
          return this.hover(lines.join('\n'), range);
        }
        const fullName = names.join('.');
        const fn = getFunction(fullName, { version: target.version }) ?? lastKnown('function', fullName, (version) => getFunction(fullName, { version }));
        if (fn) {
          const lines = [`\`\`\`alloy\n${fn.signature}\n\`\`\``, `Standard library function (${fn.stability}).`];
          if (fn.deprecatedReplacement) lines.push(`Deprecated: use \`${fn.deprecatedReplacement}\`.`);
          const releases = hoverNotes(target, 'function', fn.name).text;
          if (releases !== '') lines.push(releases);
          lines.push(`[Documentation](${fn.docsUrl})`);
          return this.hover(lines.join('\n\n'), range);
        }
        const constant = getConstant(fullName, { version: target.version }) ?? lastKnown('constant', fullName, (version) => getConstant(fullName, { version }));
        if (constant) {
          const lines = [`\`${constant.name}\`: \`${constant.typeText}\``, 'Standard library constant.'];
          if (constant.deprecatedReplacement) lines.push(`Deprecated: use \`${constant.deprecatedReplacement}\`.`);
          const releases = hoverNotes(target, 'constant', constant.name).text;
          if (releases !== '') lines.push(releases);
          lines.push(`[Documentation](${constant.docsUrl})`);
          return this.hover(lines.join('\n\n'), range);
        }
        return null;
      }
      default: {
        const literal = stringLiteralAt(parsed, offset);
        if (!literal) return null;
        const markdown = this.valueMarkdown(parsed, literal, target);
        return markdown ? this.hover(markdown, spanToRange(parsed.document, literal.literal)) : null;
      }
    }
  }

  /** An enumerated value of an argument (`"client_credentials"` of `grant_type`), with its releases. */
  private valueMarkdown(parsed: ParsedDocument, found: StringLiteralAt, target: TargetRelease): string | undefined {
    const role = roleOf(parsed, found.block, found.ancestors, target);
    const owner = schemaPathOf(role);
    if (!role || !owner) return undefined;
    const value = found.literal.value;
    const argument = bodySchemaOf(role)?.arguments.find((candidate) => candidate.name === found.attribute);
    const notes = hoverNotes(target, 'value', owner.owner, [...owner.path, found.attribute, value]);
    const allowed = argument?.allowedValues?.includes(value) === true;
    const known = argument?.knownValues?.includes(value) === true;
    // A value no release enumerates: nothing to say.
    if (!allowed && !known && notes.available) return undefined;
    const what = allowed
      ? `allowed value of \`${found.attribute}\``
      : known
        ? `known value of \`${found.attribute}\` (Alloy ignores other names)`
        : `value of \`${found.attribute}\``;
    const lines = [`\`"${value}"\` — ${what} in \`${owner.owner}\``];
    if (notes.text !== '') lines.push('', notes.text);
    return lines.join('\n');
  }

  private hover(markdown: string, range: Hover['range']): Hover {
    const contents = this.context.clientSupportsMarkdown
      ? { kind: MarkupKind.Markdown, value: markdown }
      : { kind: MarkupKind.PlainText, value: markdown };
    return range ? { contents, range } : { contents };
  }

  /** `chain`: the block and its enclosing blocks, outermost first. */
  private blockMarkdown(parsed: ParsedDocument | undefined, block: Block, chain: readonly Block[], target: TargetRelease): string | undefined {
    const role = parsed ? roleOf(parsed, block, chain.slice(0, -1), target) : roleByName(block.fullName, target);
    if (!role) return undefined;
    switch (role.kind) {
      case 'component':
        return componentMarkdown(role.schema, target);
      case 'config':
        return configMarkdown(role.schema, target);
      case 'nested': {
        const schema = role.schema ?? lastKnownChild('block', role.owner.schema, role.path);
        return schema ? nestedMarkdown(role.owner.schema, role.path, schema, target, constraintLines(role.owner.schema, role.path, target)) : undefined;
      }
      case 'custom': {
        const declare = parsed ? resolveDeclare(role, parsed, this.context.workspace) : undefined;
        const lines = [`**${block.fullName}** — custom component${role.importLabel ? ` from import \`${role.importLabel}\`` : ''}`];
        if (declare) {
          const argumentsList = declareArguments(declare.declare);
          if (argumentsList.length > 0) {
            lines.push('', 'Arguments:', ...argumentsList.map((argument) => `- \`${argument.name}\`${argument.required ? ' (required)' : ''}${argument.comment ? ` — ${argument.comment}` : ''}`));
          }
          const exports = declareExports(declare.declare);
          if (exports.length > 0) lines.push('', `Exports: ${exports.map((name) => `\`${name}\``).join(', ')}`);
          lines.push('', `Declared in ${declare.parsed.path ?? declare.parsed.uri}, line ${declare.parsed.document.positionAt(declare.declare.start).line + 1}`);
        }
        return lines.join('\n');
      }
      default:
        return undefined;
    }
  }

  private argumentMarkdown(parsed: ParsedDocument, role: BlockRole, name: string, target: TargetRelease): string | undefined {
    if (role.kind === 'custom') {
      const declare = resolveDeclare(role, parsed, this.context.workspace);
      const argument = declare ? declareArguments(declare.declare).find((candidate) => candidate.name === name) : undefined;
      if (!argument) return undefined;
      return [`**${name}** — argument of custom component \`${role.declareName}\``, argument.required ? 'Required.' : 'Optional.', argument.comment ?? '']
        .filter((line) => line !== '')
        .join('\n\n');
    }
    const owner = role.kind === 'nested' ? role.owner.schema : role.kind === 'component' || role.kind === 'config' ? role.schema : undefined;
    const path = role.kind === 'nested' ? [...role.path, name] : [name];
    // The argument as the target has it; one the target lacks, as the last release that has it.
    const argument = bodySchemaOf(role)?.arguments.find((candidate) => candidate.name === name) ?? (owner ? lastKnownChild('argument', owner, path) : undefined);
    if (!argument) return undefined;
    const where = role.kind === 'nested' ? `${owner?.name} > ${role.path.join(' > ')}` : owner?.name;
    return argumentMarkdown(argument, where ?? '', owner, owner ? hoverNotes(target, 'argument', owner.name, path).text : '', owner ? constraintLines(owner, path, target) : []);
  }

  private exportMarkdown(parsed: ParsedDocument, block: Block, name: string, target: TargetRelease): string {
    const owner = componentAt(block.fullName, target, true) ?? configBlockAt(block.fullName, target, true);
    const exported = owner?.exports.find((candidate) => candidate.name === name) ?? (owner ? lastKnownChild('export', owner, [name]) : undefined);
    if (owner && exported) {
      const lines = [`export \`${exported.name}\`: \`${exported.typeText}\` of \`${owner.name}\``];
      const releases = hoverNotes(target, 'export', owner.name, [name]).text;
      if (releases !== '') lines.push(releases);
      lines.push(`Stability: ${owner.stability}`, `[Documentation](${owner.docsUrl})`);
      return lines.join('\n\n');
    }
    if (block.fullName === 'argument' && name === 'value') return 'export `value`: the value passed for this argument';
    const info = parsed.model.blocks.get(block);
    const declare = info ? resolveDeclare(info.role, parsed, this.context.workspace) : undefined;
    if (declare && declareExports(declare.declare).includes(name)) return `export \`${name}\` of custom component \`${declare.declare.label?.value ?? ''}\``;
    return `field \`${name}\` (not a known export)`;
  }
}

/**
 * The schemas hover describes: the target release's; for a component or config block the target
 * lacks, the last release that has it (the hover then says where it exists).
 */
function hoverSchemas(target: TargetRelease): SchemaLookup {
  return { component: (name) => componentAt(name, target, true), configBlock: (name) => configBlockAt(name, target, true) };
}

/**
 * The role of a parsed block (`ancestors`: its enclosing blocks, outermost first) with the schemas
 * of the target release. Custom components keep the file model's role, which knows their scope.
 */
function roleOf(parsed: ParsedDocument, block: Block, ancestors: readonly Block[], target: TargetRelease): BlockRole | undefined {
  const modelRole = parsed.model.blocks.get(block)?.role;
  if (modelRole?.kind === 'custom') return modelRole;
  const context = blockContextOf(framesOf([...ancestors, block]), parsed.model, hoverSchemas(target));
  const role = context.role;
  if (!role || role.kind === 'unknown' || role.kind === 'custom') return modelRole ?? role;
  return role;
}

function roleByName(name: string, target: TargetRelease): BlockRole | undefined {
  const component = componentAt(name, target, true);
  if (component) return { kind: 'component', schema: component };
  const config = configBlockAt(name, target, true);
  if (config) return { kind: 'config', schema: config };
  return undefined;
}

/** The blocks enclosing `block` in its file, outermost first. */
function ancestorsOf(parsed: ParsedDocument, block: Block): Block[] {
  const path = nodePathAt(parsed.parse.file, block.name[0]!.start);
  const blocks = path.filter((node): node is Block => node.type === 'Block');
  const index = blocks.indexOf(block);
  return index >= 0 ? blocks.slice(0, index + 1) : [block];
}

/** A stdlib name the target lacks, as the last release that has it. */
function lastKnown<T>(kind: AvailabilityKind, name: string, lookup: (version: string) => T | undefined): T | undefined {
  const last = availabilityOf(kind, name)?.releases.at(-1);
  return last === undefined ? undefined : lookup(last);
}

interface ChildSchemas {
  argument: ArgumentSchema;
  block: BlockSchema;
  export: ComponentSchema['exports'][number];
}

/**
 * An argument, block or export the target lacks, as the last release that has it (`owner`: the
 * component or config block; `path`: the blocks down to the item, its name last).
 */
function lastKnownChild<K extends keyof ChildSchemas>(kind: K, owner: ComponentSchema | ConfigBlockSchema, path: readonly string[]): ChildSchemas[K] | undefined {
  const last = availabilityOf(kind, owner.name, path)?.releases.at(-1);
  if (last === undefined) return undefined;
  const release = { version: last };
  const schema = 'placement' in owner ? configBlockAt(owner.name, release) : componentAt(owner.name, release);
  if (!schema) return undefined;
  const name = path[path.length - 1];
  if (kind === 'export') return schema.exports.find((candidate) => candidate.name === name) as ChildSchemas[K] | undefined;
  let body: { arguments: readonly ArgumentSchema[]; blocks: readonly BlockSchema[] } | undefined = schema;
  for (const blockName of path.slice(0, -1)) body = body?.blocks.find((candidate) => candidate.name === blockName);
  const found = kind === 'argument' ? body?.arguments.find((candidate) => candidate.name === name) : body?.blocks.find((candidate) => candidate.name === name);
  return found as ChildSchemas[K] | undefined;
}

interface StringLiteralAt {
  literal: Expression & { type: 'Literal'; value: string };
  attribute: string;
  /** The block whose body holds the attribute. */
  block: Block;
  ancestors: Block[];
}

/** A string literal at `offset` that is an argument's value, or an element of its list value. */
function stringLiteralAt(parsed: ParsedDocument, offset: number): StringLiteralAt | undefined {
  const path = nodePathAt(parsed.parse.file, offset);
  const literal = path[path.length - 1];
  if (literal?.type !== 'Literal' || literal.kind !== 'string' || typeof literal.value !== 'string') return undefined;
  let index = path.length - 2;
  if (path[index]?.type === 'Array') index -= 1;
  const attribute = path[index];
  const block = path[index - 1];
  if (attribute?.type !== 'Attribute' || block?.type !== 'Block') return undefined;
  const blocks = path.slice(0, index).filter((node): node is Block => node.type === 'Block');
  return {
    literal: literal as StringLiteralAt['literal'],
    attribute: attribute.name,
    block,
    ancestors: blocks.slice(0, -1),
  };
}

function componentMarkdown(schema: ComponentSchema, target: TargetRelease): string {
  const lines = [`**${schema.name}** — component (${schema.stability})`];
  const releases = hoverNotes(target, 'component', schema.name).text;
  if (releases !== '') lines.push('', releases);
  const required = schema.arguments.filter((argument) => argument.required).map((argument) => `\`${argument.name}\``);
  if (required.length > 0) lines.push('', `Required arguments: ${required.join(', ')}`);
  if (schema.exports.length > 0) lines.push('', `Exports: ${schema.exports.map((exported) => `\`${exported.name}\`: \`${exported.typeText}\``).join(', ')}`);
  lines.push('', `[Documentation](${schema.docsUrl})`);
  return lines.join('\n');
}

function configMarkdown(schema: ConfigBlockSchema, target: TargetRelease): string {
  const lines = [`**${schema.name}** — configuration block (${schema.stability})`];
  const releases = hoverNotes(target, 'configBlock', schema.name).text;
  if (releases !== '') lines.push('', releases);
  if (schema.labelRequired) lines.push('', 'Needs a label.');
  const required = schema.arguments.filter((argument) => argument.required).map((argument) => `\`${argument.name}\``);
  if (required.length > 0) lines.push('', `Required arguments: ${required.join(', ')}`);
  lines.push('', `[Documentation](${schema.docsUrl})`);
  return lines.join('\n');
}

function nestedMarkdown(owner: ComponentSchema | ConfigBlockSchema, path: readonly string[], schema: BlockSchema, target: TargetRelease, constraints: string[] = []): string {
  const lines = [`**${path.join(' > ')}** — block of \`${owner.name}\``, '', `${schema.required ? 'Required' : 'Optional'}${schema.repeatable ? ', may repeat' : ''}.`];
  const releases = hoverNotes(target, 'block', owner.name, path).text;
  if (releases !== '') lines.push('', releases);
  const required = schema.arguments.filter((argument) => argument.required).map((argument) => `\`${argument.name}\``);
  if (required.length > 0) lines.push('', `Required arguments: ${required.join(', ')}`);
  if (constraints.length > 0) lines.push('', constraintsHeading, ...constraints);
  lines.push('', `Stability: ${owner.stability}`, '', `[Documentation](${owner.docsUrl})`);
  return lines.join('\n');
}

/** Values shown in a hover; a long list (the collector names) is cut so the hover stays readable. */
const hoverValueLimit = 20;

function valueList(values: readonly string[]): string {
  const shown = values.slice(0, hoverValueLimit).map((value) => `\`"${value}"\``).join(', ');
  const more = values.length - hoverValueLimit;
  return more > 0 ? `${shown}, … and ${more} more` : shown;
}

const constraintsHeading = 'Checked when Alloy loads the component:';

/**
 * What Alloy checks about an argument or nested block when it loads the component (the checker's
 * load-time rules and the parsing of a duration), as the targeted release's schema has it: nothing
 * for a config block, or an item the target lacks (the hover then says where it exists).
 */
function constraintLines(owner: ComponentSchema | ConfigBlockSchema, path: readonly string[], target: TargetRelease): string[] {
  if ('placement' in owner) return [];
  const atTarget = componentAt(owner.name, target);
  if (!atTarget) return [];
  return describeConstraints(atTarget, path).map((constraint) => `- ${constraint.text}${constraint.reason ? ` Alloy: "${constraint.reason}"` : ''}`);
}

function argumentMarkdown(
  argument: ArgumentSchema,
  where: string,
  owner: ComponentSchema | ConfigBlockSchema | undefined,
  releases = '',
  constraints: string[] = [],
): string {
  const lines = [`**${argument.name}**: \`${argument.typeText}\` — argument of \`${where}\``, '', argument.required ? 'Required.' : 'Optional.'];
  if (releases !== '') lines.push('', releases);
  if (argument.default !== undefined) lines.push('', `Default: \`${argument.default}\``);
  if (argument.allowedValues && argument.allowedValues.length > 0) lines.push('', `Allowed values: ${valueList(argument.allowedValues)}`);
  if (argument.knownValues && argument.knownValues.length > 0) {
    lines.push('', `Known values (Alloy ignores other names): ${valueList(argument.knownValues)}`);
  }
  if (constraints.length > 0) lines.push('', constraintsHeading, ...constraints);
  if (owner) lines.push('', `Stability: ${owner.stability}`, '', `[Documentation](${owner.docsUrl})`);
  return lines.join('\n');
}
