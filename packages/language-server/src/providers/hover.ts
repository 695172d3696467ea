import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import {
  availability,
  getComponent,
  getConfigBlock,
  getConstant,
  getFunction,
  type ArgumentSchema,
  type Block,
  type BlockSchema,
  type ComponentSchema,
  type ConfigBlockSchema,
} from '../toolkit.js';
import { declareArguments, declareExports } from '../analysis/blockContext.js';
import { bodySchemaOf, type BlockRole } from '../analysis/fileModel.js';
import { symbolAt } from '../analysis/symbolAt.js';
import { blockTitle } from '../analysis/syntaxTree.js';
import { offsetsToRange, toLspRange } from '../workspace/positions.js';
import type { ParsedDocument } from '../workspace/workspace.js';
import { resolveDeclare, type LanguageContext } from './languageContext.js';

/** Hover for components, config blocks, nested blocks, arguments, references and stdlib names. */
export class HoverProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: HoverParams): Hover | null {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return null;
    const offset = parsed.document.offsetAt(params.position);
    const symbol = symbolAt(parsed, offset, this.context.workspace);
    switch (symbol.kind) {
      case 'block-name':
      case 'block-label': {
        const markdown = this.blockMarkdown(parsed, symbol.block);
        if (!markdown) return null;
        const range = symbol.kind === 'block-label' && symbol.block.label ? toLspRange(parsed.document, symbol.block.label) : offsetsToRange(parsed.document, symbol.block.name[0]!.start.offset, symbol.block.name[symbol.block.name.length - 1]!.end.offset);
        return this.hover(markdown, range);
      }
      case 'attribute-name': {
        const role = symbol.block ? parsed.model.blocks.get(symbol.block)?.role : undefined;
        const markdown = role ? this.argumentMarkdown(parsed, role, symbol.attribute.name.name) : undefined;
        return markdown ? this.hover(markdown, toLspRange(parsed.document, symbol.attribute.name)) : null;
      }
      case 'reference': {
        const segments = symbol.reference.traversal.segments;
        const names = segments.map((segment) => segment.name);
        const range = offsetsToRange(parsed.document, segments[0]!.startOffset, segments[segments.length - 1]!.endOffset);
        if (symbol.resolution) {
          const { definition, matchedSegments } = symbol.resolution;
          const lines = [`\`${blockTitle(definition.block)}\`${definition.file !== parsed.model.file ? ` (in ${definition.file})` : ''} — line ${definition.block.start.line}`];
          const exportName = names[matchedSegments];
          if (exportName !== undefined) lines.push('', this.exportMarkdown(parsed, definition.block, exportName));
          const blockDoc = this.blockMarkdown(definition.file === parsed.model.file ? parsed : undefined, definition.block);
          if (blockDoc && exportName === undefined) lines.push('', blockDoc);
          return this.hover(lines.join('\n'), range);
        }
        const fullName = names.join('.');
        const fn = getFunction(fullName);
        if (fn) {
          const lines = [`\`\`\`alloy\n${fn.signature}\n\`\`\``, `Standard library function (${fn.stability}).`];
          if (fn.deprecatedReplacement) lines.push(`Deprecated: use \`${fn.deprecatedReplacement}\`.`);
          lines.push(`[Documentation](${fn.docsUrl})`);
          return this.hover(lines.join('\n\n'), range);
        }
        const constant = getConstant(fullName);
        if (constant) {
          const lines = [`\`${constant.name}\`: \`${constant.typeText}\``, 'Standard library constant.'];
          if (constant.deprecatedReplacement) lines.push(`Deprecated: use \`${constant.deprecatedReplacement}\`.`);
          lines.push(`[Documentation](${constant.docsUrl})`);
          return this.hover(lines.join('\n\n'), range);
        }
        return null;
      }
      default:
        return null;
    }
  }

  private hover(markdown: string, range: Hover['range']): Hover {
    const contents = this.context.clientSupportsMarkdown
      ? { kind: MarkupKind.Markdown, value: markdown }
      : { kind: MarkupKind.PlainText, value: markdown };
    return range ? { contents, range } : { contents };
  }

  private blockMarkdown(parsed: ParsedDocument | undefined, block: Block): string | undefined {
    const info = parsed?.model.blocks.get(block);
    const role: BlockRole | undefined = info?.role ?? roleByName(block.fullName);
    if (!role) return undefined;
    switch (role.kind) {
      case 'component':
        return componentMarkdown(role.schema);
      case 'config':
        return configMarkdown(role.schema);
      case 'nested':
        return role.schema ? nestedMarkdown(role.owner.schema, role.path, role.schema) : undefined;
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
          lines.push('', `Declared in ${declare.parsed.path ?? declare.parsed.uri}, line ${declare.declare.start.line}`);
        }
        return lines.join('\n');
      }
      default:
        return undefined;
    }
  }

  private argumentMarkdown(parsed: ParsedDocument, role: BlockRole, name: string): string | undefined {
    if (role.kind === 'custom') {
      const declare = resolveDeclare(role, parsed, this.context.workspace);
      const argument = declare ? declareArguments(declare.declare).find((candidate) => candidate.name === name) : undefined;
      if (!argument) return undefined;
      return [`**${name}** — argument of custom component \`${role.declareName}\``, argument.required ? 'Required.' : 'Optional.', argument.comment ?? '']
        .filter((line) => line !== '')
        .join('\n\n');
    }
    const schema = bodySchemaOf(role);
    const argument = schema?.arguments.find((candidate) => candidate.name === name);
    if (!argument) return undefined;
    const owner = role.kind === 'nested' ? role.owner.schema : role.kind === 'component' || role.kind === 'config' ? role.schema : undefined;
    const where = role.kind === 'nested' ? `${owner?.name} > ${role.path.join(' > ')}` : owner?.name;
    const path = role.kind === 'nested' ? [...role.path, name] : [name];
    return argumentMarkdown(argument, where ?? '', owner, owner && releaseNote('argument', owner.name, path));
  }

  private exportMarkdown(parsed: ParsedDocument, block: Block, name: string): string {
    const owner = getComponent(block.fullName) ?? getConfigBlock(block.fullName);
    const exported = owner?.exports.find((candidate) => candidate.name === name);
    if (owner && exported) {
      return [`export \`${exported.name}\`: \`${exported.typeText}\` of \`${owner.name}\``, `Stability: ${owner.stability}`, `[Documentation](${owner.docsUrl})`].join('\n\n');
    }
    if (block.fullName === 'argument' && name === 'value') return 'export `value`: the value passed for this argument';
    const info = parsed.model.blocks.get(block);
    const declare = info ? resolveDeclare(info.role, parsed, this.context.workspace) : undefined;
    if (declare && declareExports(declare.declare).includes(name)) return `export \`${name}\` of custom component \`${declare.declare.label?.value ?? ''}\``;
    return `field \`${name}\` (not a known export)`;
  }
}

function roleByName(name: string): BlockRole | undefined {
  const component = getComponent(name);
  if (component) return { kind: 'component', schema: component };
  const config = getConfigBlock(name);
  if (config) return { kind: 'config', schema: config };
  return undefined;
}

/**
 * The releases of an item when not every release has it: "Since Alloy v1.9.", "Deprecated since
 * Alloy v1.11.". Empty when the history is unknown (a bundle without it).
 */
function releaseNote(kind: 'component' | 'argument', name: string, path: readonly string[] = []): string {
  let item: ReturnType<typeof availability>;
  try {
    item = availability(kind, name, path);
  } catch {
    return '';
  }
  if (!item) return '';
  const notes: string[] = [];
  if (item.since !== '1.0') notes.push(`Since Alloy v${item.since}.`);
  if (item.deprecatedSince) notes.push(`Deprecated since Alloy v${item.deprecatedSince}.`);
  if (item.until) notes.push(`Removed in Alloy v${item.until}.`);
  return notes.join(' ');
}

function componentMarkdown(schema: ComponentSchema): string {
  const lines = [`**${schema.name}** — component (${schema.stability})`];
  const releases = releaseNote('component', schema.name);
  if (releases !== '') lines.push('', releases);
  const required = schema.arguments.filter((argument) => argument.required).map((argument) => `\`${argument.name}\``);
  if (required.length > 0) lines.push('', `Required arguments: ${required.join(', ')}`);
  if (schema.exports.length > 0) lines.push('', `Exports: ${schema.exports.map((exported) => `\`${exported.name}\`: \`${exported.typeText}\``).join(', ')}`);
  lines.push('', `[Documentation](${schema.docsUrl})`);
  return lines.join('\n');
}

function configMarkdown(schema: ConfigBlockSchema): string {
  const lines = [`**${schema.name}** — configuration block (${schema.stability})`];
  if (schema.labelRequired) lines.push('', 'Needs a label.');
  const required = schema.arguments.filter((argument) => argument.required).map((argument) => `\`${argument.name}\``);
  if (required.length > 0) lines.push('', `Required arguments: ${required.join(', ')}`);
  lines.push('', `[Documentation](${schema.docsUrl})`);
  return lines.join('\n');
}

function nestedMarkdown(owner: ComponentSchema | ConfigBlockSchema, path: readonly string[], schema: BlockSchema): string {
  const lines = [`**${path.join(' > ')}** — block of \`${owner.name}\``, '', `${schema.required ? 'Required' : 'Optional'}${schema.repeatable ? ', may repeat' : ''}.`];
  const required = schema.arguments.filter((argument) => argument.required).map((argument) => `\`${argument.name}\``);
  if (required.length > 0) lines.push('', `Required arguments: ${required.join(', ')}`);
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

function argumentMarkdown(argument: ArgumentSchema, where: string, owner: ComponentSchema | ConfigBlockSchema | undefined, releases = ''): string {
  const lines = [`**${argument.name}**: \`${argument.typeText}\` — argument of \`${where}\``, '', argument.required ? 'Required.' : 'Optional.'];
  if (releases !== '') lines.push('', releases);
  if (argument.default !== undefined) lines.push('', `Default: \`${argument.default}\``);
  if (argument.allowedValues && argument.allowedValues.length > 0) lines.push('', `Allowed values: ${valueList(argument.allowedValues)}`);
  if (argument.knownValues && argument.knownValues.length > 0) {
    lines.push('', `Known values (Alloy ignores other names): ${valueList(argument.knownValues)}`);
  }
  if (owner) lines.push('', `Stability: ${owner.stability}`, '', `[Documentation](${owner.docsUrl})`);
  return lines.join('\n');
}
