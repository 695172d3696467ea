import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  type CompletionItem,
  type CompletionParams,
  type Range,
} from 'vscode-languageserver/node';
import {
  listComponents,
  listConfigBlocks,
  listConstants,
  listFunctions,
  formatAlloyType,
  stabilityAllows,
  type AvailabilityKind,
  type AlloyType,
  type ArgumentSchema,
  type BlockSchema,
  type ComponentSchema,
} from '../toolkit.js';
import {
  argumentSchemaOf,
  blockContextOf,
  declareArguments,
  schemaPathOf,
  type BlockContext,
  type SchemaLookup,
} from '../analysis/blockContext.js';
import { cursorContext, type CursorPlace } from '../analysis/cursorContext.js';
import { bodySchemaOf, type Definition } from '../analysis/fileModel.js';
import { resolveSegments, visibleDefinitions } from '../analysis/resolve.js';
import { attributeNames, blockNames } from '../analysis/syntaxTree.js';
import { offsetsToRange } from '../workspace/positions.js';
import type { EffectiveSettings } from '../workspace/settings.js';
import type { ParsedDocument } from '../workspace/workspace.js';
import { CustomExports } from './customExports.js';
import { expectedValueType, fittingExports, otelcolAcceptedSignals, outputSignalOf, typeFits } from './expectedType.js';
import { blockBodyAt, resolveDeclare, scopeAt, type LanguageContext } from './languageContext.js';
import { atTarget, completionNotes, componentAt, configBlockAt, targetRelease, type TargetRelease } from './release.js';

const keywordValues = ['true', 'false', 'null'];

// sortText prefixes where a value is expected: exports fitting the expected type, then enum values, then the rest.
const expectedRank = '0';
const enumRank = '1';
const restRank = '2';

type CompletionSettings = Pick<EffectiveSettings, 'stabilityLevel' | 'showUnstable' | 'alloyVersion' | 'alloyVersionSource'>;

/**
 * Component, block, argument, reference, enum and stdlib completions, of the Alloy release the
 * document targets: what that release does not have is not offered, what it has deprecated is
 * tagged, and an item newer than the first release says since when it exists.
 */
export class CompletionProvider {
  constructor(
    private readonly context: LanguageContext,
    private readonly settingsFor: (uri: string) => Promise<CompletionSettings> = () => Promise.resolve({}),
  ) {}

  async provide(params: CompletionParams): Promise<CompletionItem[]> {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return [];
    const text = parsed.document.getText();
    const offset = parsed.document.offsetAt(params.position);
    const cursor = cursorContext(text, offset);
    const place = cursor.place;
    if (place.kind === 'none') return [];
    const settings = await this.settingsFor(params.textDocument.uri);
    const target = targetRelease(settings);
    const blocks = blockContextOf(cursor.blocks, parsed.model, targetSchemas(target));
    if (place.kind === 'statement') {
      const range = offsetsToRange(parsed.document, place.prefixStart, offset);
      if (!blocks.atScopeLevel) return this.bodyStatements(parsed, offset, blocks, range, target);
      const level = settings.stabilityLevel ?? 'generally-available';
      const shown = (stability: ComponentSchema['stability']): boolean => settings.showUnstable === true || stabilityAllows(stability, level);
      return this.scopeStatements(parsed, offset, blocks, range, shown, target);
    }
    return this.expression(parsed, offset, blocks, place, target);
  }

  /** Components, config blocks and custom components, where a block may start. */
  private scopeStatements(
    parsed: ParsedDocument,
    offset: number,
    blocks: BlockContext,
    range: Range,
    stabilityShown: (stability: ComponentSchema['stability']) => boolean,
    target: TargetRelease,
  ): CompletionItem[] {
    const items: CompletionItem[] = [];
    for (const component of listComponents(atTarget(target))) {
      if (!stabilityShown(component.stability)) continue;
      items.push(
        withNotes(
          this.blockItem(component.name, CompletionItemKind.Class, `${component.stability} component`, range, {
            label: true,
            arguments: component.arguments.filter((argument) => argument.required),
            blocks: component.blocks.filter((block) => block.required),
          }),
          target,
          'component',
          component.name,
        ),
      );
    }
    const nestedScope = scopeAt(parsed, offset).owner !== null;
    for (const config of listConfigBlocks(atTarget(target))) {
      if (config.placement === 'top-level' && (nestedScope || blocks.inModule)) continue;
      if (config.placement === 'module' && !blocks.inModule) continue;
      items.push(
        withNotes(
          this.blockItem(config.name, CompletionItemKind.Module, 'configuration block', range, {
            label: config.labelRequired,
            arguments: config.arguments.filter((argument) => argument.required),
            blocks: config.blocks.filter((block) => block.required),
          }),
          target,
          'configBlock',
          config.name,
        ),
      );
    }
    const scope = scopeAt(parsed, offset);
    for (let current: typeof scope | null = scope; current; current = current.parent) {
      for (const [name, declare] of current.declares) {
        items.push(
          this.blockItem(name, CompletionItemKind.Class, 'custom component (declare)', range, {
            label: true,
            customArguments: declareArguments(declare).filter((argument) => argument.required).map((argument) => argument.name),
          }),
        );
      }
      for (const [namespace, importBlock] of current.imports) {
        const role = { kind: 'custom' as const, declareName: '', importLabel: namespace };
        for (const path of this.context.workspace.importedFiles(importBlock, parsed.path)) {
          const imported = this.context.workspace.parsedPath(path);
          for (const [name, declare] of imported?.model.root.declares ?? []) {
            items.push(
              this.blockItem(`${namespace}.${name}`, CompletionItemKind.Class, `custom component from ${role.importLabel}`, range, {
                label: true,
                customArguments: declareArguments(declare).filter((argument) => argument.required).map((argument) => argument.name),
              }),
            );
          }
        }
      }
    }
    return items;
  }

  /** Arguments and blocks not yet set, inside a component or block body. */
  private bodyStatements(parsed: ParsedDocument, offset: number, blocks: BlockContext, range: Range, target: TargetRelease): CompletionItem[] {
    const role = blocks.role;
    if (!role) return [];
    const body = blockBodyAt(parsed, offset);
    const setAttributes = body ? attributeNames(body.body) : new Set<string>();
    const setBlocks = body ? blockNames(body.body) : new Set<string>();
    const items: CompletionItem[] = [];
    if (role.kind === 'custom') {
      const declare = resolveDeclare(role, parsed, this.context.workspace);
      for (const argument of declare ? declareArguments(declare.declare) : []) {
        if (setAttributes.has(argument.name)) continue;
        items.push(this.attributeItem(argument.name, argument.required ? 'required' : 'optional', argument.comment, range, undefined));
      }
      return items;
    }
    const schema = bodySchemaOf(role);
    if (!schema) return [];
    const owner = schemaPathOf(role);
    for (const argument of schema.arguments) {
      if (setAttributes.has(argument.name)) continue;
      const detail = `${argument.typeText}${argument.required ? ' (required)' : ''}${argument.default !== undefined ? ` = ${argument.default}` : ''}`;
      const item = this.attributeItem(argument.name, detail, undefined, range, argument);
      items.push(owner ? withNotes(item, target, 'argument', owner.owner, [...owner.path, argument.name]) : item);
    }
    for (const block of schema.blocks) {
      if (!block.repeatable && setBlocks.has(block.name)) continue;
      const item = this.blockItem(block.name, CompletionItemKind.Struct, `block${block.required ? ' (required)' : ''}${block.repeatable ? ', repeatable' : ''}`, range, {
        label: false,
        arguments: block.arguments.filter((argument) => argument.required),
        blocks: block.blocks.filter((nested) => nested.required),
      });
      items.push(owner ? withNotes(item, target, 'block', owner.owner, [...owner.path, block.name]) : item);
    }
    return items;
  }

  private expression(
    parsed: ParsedDocument,
    offset: number,
    blocks: BlockContext,
    place: Extract<CursorPlace, { kind: 'expression' }>,
    target: TargetRelease,
  ): CompletionItem[] {
    const argument = place.attribute ? argumentSchemaOf(blocks.role, place.attribute) : undefined;
    const owner = schemaPathOf(blocks.role);
    const valueNotes = (item: CompletionItem, value: string): CompletionItem =>
      owner && place.attribute ? withNotes(item, target, 'value', owner.owner, [...owner.path, place.attribute, value]) : item;
    if (place.inString) {
      const range = offsetsToRange(parsed.document, place.stringStart, offset);
      return enumValuesOf(argument).map(({ value, detail }, index) =>
        valueNotes(
          {
            label: value,
            kind: CompletionItemKind.EnumMember,
            detail,
            sortText: String(index).padStart(4, '0'),
            textEdit: { range, newText: value },
          },
          value,
        ),
      );
    }
    const range = offsetsToRange(parsed.document, place.pathStart, offset);
    const typed = place.path.slice(0, -1);
    const items: CompletionItem[] = [];
    const scope = scopeAt(parsed, offset);
    const siblingDocuments = this.context.workspace.siblings(parsed);
    const siblings = siblingDocuments.map((sibling) => sibling.model.root);
    const custom = new CustomExports(this.context.workspace, parsed, siblingDocuments, (name) => componentAt(name, target), (component) => otelcolAcceptedSignals(component.name, component));

    const prefix = typed.join('.');
    const fullyResolved = typed.length > 0 ? resolveSegments(typed, scope, siblings) : undefined;
    if (fullyResolved && fullyResolved.matchedSegments === typed.length) {
      return this.exportItems(fullyResolved.definition, parsed, custom, argument, place.inArray, range, target);
    }
    if (fullyResolved) return [];
    const definitions = visibleDefinitions(scope, siblings);

    // The exports that fit the expected type, as whole references: before a dot, all of them; after
    // `prometheus.` or `prometheus.remote_write.`, those under what is typed (the edit replaces it).
    const expected = expectedValueType(argument, place.inArray);
    const fitting = expected
      ? fittingExports(definitions, expected, {
          ownFile: parsed.model.file,
          excludeOffset: offset,
          signal: outputSignalOf(blocks.role, place.attribute),
          component: (name) => componentAt(name, target),
          customExports: (definition) => custom.ofDefinition(definition),
        })
      : [];
    fitting
      .filter((candidate) => typed.length === 0 || candidate.reference.startsWith(`${prefix}.`))
      .forEach((candidate, index) => {
        const item: CompletionItem = {
          label: candidate.reference,
          kind: CompletionItemKind.Reference,
          detail: `${candidate.typeText}${candidate.nearness > 0 ? ' (sibling file)' : ''}`,
          sortText: `${expectedRank}${String(index).padStart(4, '0')}`,
          filterText: candidate.reference,
          textEdit: { range, newText: candidate.reference },
        };
        if (index === 0) item.preselect = true;
        items.push(item);
      });

    if (typed.length === 0) {
      enumValuesOf(argument).forEach(({ value, detail }, index) =>
        items.push(
          valueNotes(
            {
              label: JSON.stringify(value),
              kind: CompletionItemKind.EnumMember,
              detail,
              sortText: `${enumRank}${String(index).padStart(4, '0')}`,
              textEdit: { range, newText: JSON.stringify(value) },
            },
            value,
          ),
        ),
      );
      for (const keyword of keywordValues) items.push({ label: keyword, kind: CompletionItemKind.Keyword, sortText: `${restRank}0${keyword}`, textEdit: { range, newText: keyword } });
      if (blocks.inModule || scope.isModule) items.push({ label: 'argument', kind: CompletionItemKind.Module, detail: 'module arguments', sortText: `${restRank}1argument`, textEdit: { range, newText: 'argument' } });
    }

    const nextSegments = new Map<string, CompletionItem>();
    const offer = (segment: string, item: Omit<CompletionItem, 'label' | 'textEdit'>): void => {
      if (segment === '' || nextSegments.has(segment)) return;
      const newText = typed.length > 0 ? `${prefix}.${segment}` : segment;
      nextSegments.set(segment, { label: segment, filterText: newText, textEdit: { range, newText }, ...item });
    };
    for (const definition of definitions) {
      if (!startsWith(definition.segments, typed) || definition.segments.length <= typed.length) continue;
      if (definition.block.fullName === 'declare' || definition.block.fullName.startsWith('import.')) continue;
      if (definition.block.fullName === 'argument' && !(blocks.inModule || scope.isModule)) continue;
      const isLabel = definition.segments.length === typed.length + 1;
      offer(definition.segments[typed.length]!, {
        kind: isLabel ? CompletionItemKind.Reference : CompletionItemKind.Module,
        detail: isLabel ? `${definition.block.fullName} block` : 'component namespace',
        sortText: `${restRank}${isLabel ? 1 : 2}${definition.segments[typed.length]}`,
      });
    }
    for (const fn of listFunctions(atTarget(target))) {
      const segments = fn.name.split('.');
      if (!startsWith(segments, typed) || segments.length <= typed.length) continue;
      const isLeaf = segments.length === typed.length + 1;
      const item: Omit<CompletionItem, 'label' | 'textEdit'> = {
        kind: isLeaf ? CompletionItemKind.Function : CompletionItemKind.Module,
        detail: isLeaf ? fn.signature : 'standard library namespace',
        sortText: `${restRank}3${segments[typed.length]}`,
        // Deprecated in the target release: its facts name the replacement (`env` from 1.4, `sys.env`).
        ...(isLeaf && fn.deprecatedReplacement ? { tags: [CompletionItemTag.Deprecated] } : {}),
      };
      offer(segments[typed.length]!, isLeaf ? withNotes(item, target, 'function', fn.name) : item);
    }
    for (const constant of listConstants(atTarget(target))) {
      const segments = constant.name.split('.');
      if (!startsWith(segments, typed) || segments.length <= typed.length) continue;
      const isLeaf = segments.length === typed.length + 1;
      const item: Omit<CompletionItem, 'label' | 'textEdit'> = {
        kind: isLeaf ? CompletionItemKind.Constant : CompletionItemKind.Module,
        detail: isLeaf ? constant.typeText : 'standard library namespace',
        sortText: `${restRank}3${segments[typed.length]}`,
        ...(isLeaf && constant.deprecatedReplacement ? { tags: [CompletionItemTag.Deprecated] } : {}),
      };
      offer(segments[typed.length]!, isLeaf ? withNotes(item, target, 'constant', constant.name) : item);
    }
    return [...items, ...nextSegments.values()];
  }

  /**
   * The exports of a referenced node, those fitting the argument's type first (best fit first, a
   * custom component's export of unknown type last), or all of them when none fits.
   */
  private exportItems(
    definition: Definition,
    parsed: ParsedDocument,
    custom: CustomExports,
    argument: ArgumentSchema | undefined,
    inArray: boolean,
    range: Range,
    target: TargetRelease,
  ): CompletionItem[] {
    const prefix = definition.id;
    const exports: { name: string; type?: AlloyType; typeText: string }[] = [];
    const block = definition.block;
    // The exports of the component (or config block) in the target release.
    const component: ComponentSchema | undefined = componentAt(block.fullName, target);
    const config = component ? undefined : configBlockAt(block.fullName, target);
    const owner = component?.name ?? config?.name;
    if (component) exports.push(...component.exports);
    else if (block.fullName === 'argument') exports.push({ name: 'value', type: { kind: 'any' }, typeText: 'any' });
    else if (config) exports.push(...config.exports);
    else exports.push(...(custom.ofDefinition(definition) ?? []));
    const expected = expectedValueType(argument, inArray);
    const expectedText = expected ? formatAlloyType(expected) : undefined;
    const ranked = exports.map((candidate) => ({
      candidate,
      fit: !expected || expected.kind === 'any' ? 0 : !candidate.type ? 3 : !typeFits(candidate.type, expected) ? -1 : formatAlloyType(candidate.type) === expectedText ? 0 : candidate.type.kind === 'any' ? 2 : 1,
    }));
    const fitting = ranked.filter((entry) => entry.fit >= 0);
    const shown = fitting.length > 0 ? fitting : ranked.map((entry) => ({ ...entry, fit: 0 }));
    return shown.map(({ candidate, fit }) => {
      const item: CompletionItem = {
        label: candidate.name,
        kind: CompletionItemKind.Field,
        detail: candidate.typeText,
        sortText: `${expectedRank}${fit}${candidate.name}`,
        filterText: `${prefix}.${candidate.name}`,
        textEdit: { range, newText: `${prefix}.${candidate.name}` },
      };
      return owner ? withNotes(item, target, 'export', owner, [candidate.name]) : item;
    });
  }

  private attributeItem(name: string, detail: string, documentation: string | undefined, range: Range, argument: ArgumentSchema | undefined): CompletionItem {
    const item: CompletionItem = { label: name, kind: CompletionItemKind.Property, detail, sortText: `${argument?.required === false ? 1 : 0}${name}` };
    if (documentation) item.documentation = documentation;
    if (this.context.clientSupportsSnippets) {
      item.insertTextFormat = InsertTextFormat.Snippet;
      item.textEdit = { range, newText: `${name} = ${valuePlaceholder(argument?.type, 1)}` };
    } else {
      item.textEdit = { range, newText: `${name} = ` };
    }
    return item;
  }

  private blockItem(
    name: string,
    kind: CompletionItemKind,
    detail: string,
    range: Range,
    shape: { label: boolean; arguments?: ArgumentSchema[]; blocks?: BlockSchema[]; customArguments?: string[] },
  ): CompletionItem {
    const item: CompletionItem = { label: name, kind, detail, filterText: name };
    if (!this.context.clientSupportsSnippets) {
      item.textEdit = { range, newText: shape.label ? `${name} "" {\n}` : `${name} {\n}` };
      return item;
    }
    let tabStop = 1;
    const header = shape.label ? `${name} "\${${tabStop++}:default}" {` : `${name} {`;
    const lines: string[] = [];
    for (const argument of shape.arguments ?? []) lines.push(`\t${argument.name} = ${valuePlaceholder(argument.type, tabStop++)}`);
    for (const argument of shape.customArguments ?? []) lines.push(`\t${argument} = \${${tabStop++}}`);
    for (const block of shape.blocks ?? []) lines.push(`\t${block.name} {`, `\t\t\${${tabStop++}}`, '\t}');
    if (lines.length === 0) lines.push(`\t\${${tabStop++}}`);
    item.insertTextFormat = InsertTextFormat.Snippet;
    item.textEdit = { range, newText: [header, ...lines, '}'].join('\n') };
    return item;
  }
}

/** The schemas of the target release, for the roles of the blocks around the cursor. */
function targetSchemas(target: TargetRelease): SchemaLookup {
  return { component: (name) => componentAt(name, target), configBlock: (name) => configBlockAt(name, target) };
}

/**
 * An item with its release notes: "Since Alloy v1.9." (and a deprecation or a later removal) as
 * documentation, and the `deprecated` tag when the target release has it deprecated.
 */
function withNotes<T extends Omit<CompletionItem, 'label' | 'textEdit'>>(
  item: T,
  target: TargetRelease,
  kind: AvailabilityKind,
  name: string,
  path: readonly string[] = [],
): T {
  const notes = completionNotes(target, kind, name, path);
  if (notes.text !== '') item.documentation = typeof item.documentation === 'string' && item.documentation !== '' ? `${item.documentation}\n\n${notes.text}` : notes.text;
  if (notes.deprecated && !item.tags?.includes(CompletionItemTag.Deprecated)) item.tags = [...(item.tags ?? []), CompletionItemTag.Deprecated];
  return item;
}

function startsWith(segments: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((segment, index) => segments[index] === segment);
}

function valuePlaceholder(type: AlloyType | undefined, tabStop: number): string {
  switch (type?.kind) {
    case 'string':
    case 'duration':
    case 'secret':
      return `"\${${tabStop}}"`;
    case 'list':
      return `[\${${tabStop}}]`;
    case 'map':
    case 'object':
      return `{\${${tabStop}}}`;
    default:
      return `\${${tabStop}}`;
  }
}


export function describeType(type: AlloyType): string {
  return formatAlloyType(type);
}

/**
 * The string values to offer for an argument: the values it allows (others are rejected), then the
 * values Alloy knows for an argument that silently ignores others (`prometheus.exporter.unix`
 * collector names).
 */
function enumValuesOf(argument: ArgumentSchema | undefined): { value: string; detail: string }[] {
  if (!argument) return [];
  const allowed = (argument.allowedValues ?? []).map((value) => ({ value, detail: `allowed value of ${argument.name}` }));
  const known = (argument.knownValues ?? [])
    .filter((value) => !argument.allowedValues?.includes(value))
    .map((value) => ({ value, detail: `known value of ${argument.name} (Alloy ignores other names)` }));
  return [...allowed, ...known];
}
