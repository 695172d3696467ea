import { isAbsolute } from 'node:path';
import {
  ErrorCodes,
  ResponseError,
  type DefinitionParams,
  type Location,
  type LocationLink,
  type PrepareRenameParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Block } from '../toolkit.js';
import type { Definition } from '../analysis/fileModel.js';
import { labelTextRange, referencesTo, symbolAt, type SymbolAt } from '../analysis/symbolAt.js';
import { nodePathAt } from '../analysis/syntaxTree.js';
import { offsetsToRange } from '../workspace/positions.js';
import { pathToUri } from '../workspace/uris.js';
import { importFilePath, type AlloyWorkspace, type ParsedDocument } from '../workspace/workspace.js';
import { resolveDeclare, type LanguageContext } from './languageContext.js';

const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const reservedWords = new Set(['true', 'false', 'null']);

/** The document a definition's file refers to, open or on disk. */
function documentOfFile(workspace: AlloyWorkspace, current: ParsedDocument, file: string): ParsedDocument | undefined {
  if (file === current.model.file) return current;
  return isAbsolute(file) ? workspace.parsedPath(file) : undefined;
}

function blockSelection(block: Block): { start: number; end: number } {
  if (block.label) return { start: block.label.start, end: block.label.end };
  return { start: block.name[0]!.start, end: block.name[block.name.length - 1]!.end };
}

function blockLink(target: ParsedDocument, block: Block, origin: Range | undefined): LocationLink {
  const selection = blockSelection(block);
  const link: LocationLink = {
    targetUri: target.uri,
    targetRange: offsetsToRange(target.document, block.start, block.end),
    targetSelectionRange: offsetsToRange(target.document, selection.start, selection.end),
  };
  if (origin) link.originSelectionRange = origin;
  return link;
}

/** The definition a symbol stands for: the referenced block, or the statement block whose label it is. */
function definitionOfSymbol(parsed: ParsedDocument, symbol: SymbolAt): Definition | undefined {
  if (symbol.kind === 'reference') return symbol.resolution?.definition;
  if (symbol.kind === 'block-label' || symbol.kind === 'block-name') {
    const info = parsed.model.blocks.get(symbol.block);
    if (!info) return undefined;
    for (const definition of info.scope.definitions.values()) if (definition.block === symbol.block) return definition;
  }
  return undefined;
}

/** Go to definition: references to their block, custom components to their `declare`, `import.file` paths to the file. */
export class DefinitionProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: DefinitionParams): LocationLink[] | null {
    const workspace = this.context.workspace;
    const parsed = workspace.parsed(params.textDocument.uri);
    if (!parsed) return null;
    const offset = parsed.document.offsetAt(params.position);
    const importTarget = importFileAt(parsed, offset);
    if (importTarget) {
      const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      return [{ targetUri: pathToUri(importTarget.path), targetRange: zero, targetSelectionRange: zero, originSelectionRange: importTarget.origin }];
    }
    const symbol = symbolAt(parsed, offset, workspace);
    if (symbol.kind === 'reference' && symbol.resolution) {
      const definition = symbol.resolution.definition;
      const target = documentOfFile(workspace, parsed, definition.file);
      if (!target) return null;
      const segments = symbol.reference.traversal.segments;
      const origin = offsetsToRange(parsed.document, segments[0]!.startOffset, segments[symbol.resolution.matchedSegments - 1]!.endOffset);
      return [blockLink(target, definition.block, origin)];
    }
    if (symbol.kind === 'block-name' || symbol.kind === 'block-label') {
      const info = parsed.model.blocks.get(symbol.block);
      if (info?.role.kind === 'custom') {
        const declare = resolveDeclare(info.role, parsed, workspace);
        if (declare) return [blockLink(declare.parsed, declare.declare, undefined)];
      }
      if (symbol.kind === 'block-name' && symbol.block.fullName === 'import.file') {
        const path = importFilePath(symbol.block, parsed.path);
        if (path) {
          const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
          return [{ targetUri: pathToUri(path), targetRange: zero, targetSelectionRange: zero }];
        }
      }
    }
    return null;
  }
}

/** The `filename` string of an `import.file` block under the cursor, resolved. */
function importFileAt(parsed: ParsedDocument, offset: number): { path: string; origin: Range } | undefined {
  const path = nodePathAt(parsed.parse.file, offset);
  const literal = path[path.length - 1];
  const attribute = path[path.length - 2];
  const block = path[path.length - 3];
  if (literal?.type !== 'Literal' || attribute?.type !== 'Attribute' || block?.type !== 'Block') return undefined;
  if (attribute.name !== 'filename' || block.fullName !== 'import.file') return undefined;
  const target = importFilePath(block, parsed.path);
  return target ? { path: target, origin: offsetsToRange(parsed.document, literal.start, literal.end) } : undefined;
}

/** The documents where references to `definition` may stand. */
function searchDocuments(workspace: AlloyWorkspace, parsed: ParsedDocument, definition: Definition): ParsedDocument[] {
  const home = documentOfFile(workspace, parsed, definition.file);
  if (!home) return [parsed];
  if (definition.scope.parent !== null) return [home];
  return [home, ...workspace.siblings(home)];
}

/** Find references of a block: every traversal resolving to it, plus its own label. */
export class ReferencesProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: ReferenceParams): Location[] {
    const workspace = this.context.workspace;
    const parsed = workspace.parsed(params.textDocument.uri);
    if (!parsed) return [];
    const symbol = symbolAt(parsed, parsed.document.offsetAt(params.position), workspace);
    const definition = definitionOfSymbol(parsed, symbol);
    if (!definition) return [];
    const locations: Location[] = [];
    if (params.context.includeDeclaration) {
      const home = documentOfFile(workspace, parsed, definition.file);
      if (home) {
        const selection = blockSelection(definition.block);
        locations.push({ uri: home.uri, range: offsetsToRange(home.document, selection.start, selection.end) });
      }
    }
    for (const found of referencesTo(definition, searchDocuments(workspace, parsed, definition), workspace)) {
      const segments = found.reference.traversal.segments;
      locations.push({
        uri: found.parsed.uri,
        range: offsetsToRange(found.parsed.document, segments[0]!.startOffset, segments[found.resolution.matchedSegments - 1]!.endOffset),
      });
    }
    return locations;
  }
}

type RenameTarget =
  | { kind: 'label'; definition: Definition; range: Range; placeholder: string }
  | { kind: 'declare'; declare: Block; home: ParsedDocument; range: Range; placeholder: string };

/** Rename of a component label or a `declare` name, with every reference. */
export class RenameProvider {
  constructor(private readonly context: LanguageContext) {}

  prepare(params: PrepareRenameParams): { range: Range; placeholder: string } {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) throw new ResponseError(ErrorCodes.InvalidRequest, 'The document is not open.');
    const target = this.targetAt(parsed, parsed.document.offsetAt(params.position));
    return { range: target.range, placeholder: target.placeholder };
  }

  rename(params: RenameParams): WorkspaceEdit {
    const workspace = this.context.workspace;
    const parsed = workspace.parsed(params.textDocument.uri);
    if (!parsed) throw new ResponseError(ErrorCodes.InvalidRequest, 'The document is not open.');
    const newName = params.newName;
    if (!identifierPattern.test(newName) || reservedWords.has(newName)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is not a valid identifier: use letters, digits and '_', not starting with a digit.`);
    }
    const target = this.targetAt(parsed, parsed.document.offsetAt(params.position));
    const changes: Record<string, TextEdit[]> = {};
    const add = (document: ParsedDocument, start: number, end: number): void => {
      (changes[document.uri] ??= []).push({ range: offsetsToRange(document.document, start, end), newText: newName });
    };
    if (target.kind === 'label') {
      const { definition } = target;
      if (definition.block.fullName === 'declare') return this.renameDeclare(parsed, definition.block, newName, add, changes);
      const newId = [...definition.segments.slice(0, -1), newName].join('.');
      if (newId !== definition.id && definition.scope.definitions.has(newId)) {
        throw new ResponseError(ErrorCodes.InvalidParams, `'${newId}' already exists.`);
      }
      const home = documentOfFile(workspace, parsed, definition.file) ?? parsed;
      const label = labelTextRange(definition.block)!;
      add(home, label.start, label.end);
      const labelIndex = definition.segments.length - 1;
      for (const found of referencesTo(definition, searchDocuments(workspace, parsed, definition), workspace)) {
        const segment = found.reference.traversal.segments[labelIndex]!;
        add(found.parsed, segment.startOffset, segment.endOffset);
      }
      return { changes };
    }
    return this.renameDeclare(target.home, target.declare, newName, add, changes);
  }

  private renameDeclare(
    home: ParsedDocument,
    declare: Block,
    newName: string,
    add: (document: ParsedDocument, start: number, end: number) => void,
    changes: Record<string, TextEdit[]>,
  ): WorkspaceEdit {
    const workspace = this.context.workspace;
    const oldName = declare.label!.value;
    const scope = home.model.blocks.get(declare)?.scope;
    if (scope?.declares.has(newName) && newName !== oldName) throw new ResponseError(ErrorCodes.InvalidParams, `A declare named '${newName}' already exists.`);
    const label = labelTextRange(declare)!;
    add(home, label.start, label.end);
    const documents = scope?.parent === null ? [home, ...workspace.siblings(home)] : [home];
    for (const document of documents) {
      for (const [block, info] of document.model.blocks) {
        if (info.role.kind !== 'custom' || info.role.importLabel || info.role.declare !== declare) continue;
        if (block.name.length !== 1) continue;
        add(document, block.name[0]!.start, block.name[0]!.end);
        for (const definition of info.scope.definitions.values()) {
          if (definition.block !== block) continue;
          for (const found of referencesTo(definition, [document, ...(info.scope.parent === null ? workspace.siblings(document) : [])], workspace)) {
            const segment = found.reference.traversal.segments[0]!;
            add(found.parsed, segment.startOffset, segment.endOffset);
          }
        }
      }
    }
    return { changes };
  }

  private targetAt(parsed: ParsedDocument, offset: number): RenameTarget {
    const workspace = this.context.workspace;
    const symbol = symbolAt(parsed, offset, workspace);
    if (symbol.kind === 'block-name') {
      const info = parsed.model.blocks.get(symbol.block);
      if (info?.role.kind === 'custom' && info.role.declare && !info.role.importLabel) {
        const name = symbol.block.name[0]!;
        return { kind: 'declare', declare: info.role.declare, home: parsed, range: offsetsToRange(parsed.document, name.start, name.end), placeholder: name.name };
      }
    }
    const definition = definitionOfSymbol(parsed, symbol);
    if (definition && definition.block.label && definition.block.label.value !== '') {
      if (symbol.kind === 'block-label') {
        const label = labelTextRange(symbol.block)!;
        return { kind: 'label', definition, range: offsetsToRange(parsed.document, label.start, label.end), placeholder: symbol.block.label!.value };
      }
      if (symbol.kind === 'reference' && symbol.resolution && symbol.segmentIndex === symbol.resolution.matchedSegments - 1) {
        return { kind: 'label', definition, range: offsetsToRange(parsed.document, symbol.segment.startOffset, symbol.segment.endOffset), placeholder: symbol.segment.name };
      }
    }
    throw new ResponseError(ErrorCodes.InvalidRequest, 'Only a component label or a declare name can be renamed.');
  }
}
