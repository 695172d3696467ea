import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentLink,
  type DocumentLinkParams,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type SelectionRange,
  type SelectionRangeParams,
  type SymbolInformation,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { attributeNameSpan, propertySpan, type Block, type Span, type Statement } from '../toolkit.js';
import type { BlockRole } from '../analysis/fileModel.js';
import { blockHeaderEnd, blockTitle, childNodes, nodePathAt, type TreeNode } from '../analysis/syntaxTree.js';
import { offsetsToRange, spanToRange } from '../workspace/positions.js';
import { pathToUri } from '../workspace/uris.js';
import { importFilePath, type ParsedDocument } from '../workspace/workspace.js';
import type { LanguageContext } from './languageContext.js';

function symbolKindOf(role: BlockRole | undefined, block: Block): SymbolKind {
  if (block.fullName === 'declare') return SymbolKind.Interface;
  if (block.fullName.startsWith('import.')) return SymbolKind.Package;
  if (block.fullName === 'argument') return SymbolKind.Variable;
  if (block.fullName === 'export') return SymbolKind.Field;
  switch (role?.kind) {
    case 'component':
    case 'custom':
      return SymbolKind.Class;
    case 'config':
      return SymbolKind.Module;
    case 'nested':
      return SymbolKind.Struct;
    default:
      return SymbolKind.Object;
  }
}

function roleDetail(role: BlockRole | undefined): string {
  switch (role?.kind) {
    case 'component':
      return `component (${role.schema.stability})`;
    case 'config':
      return 'configuration block';
    case 'custom':
      return 'custom component';
    case 'nested':
      return 'block';
    default:
      return '';
  }
}

/** The outline: blocks with their nested blocks and attributes. */
export class DocumentSymbolProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: DocumentSymbolParams): DocumentSymbol[] {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return [];
    return parsed.parse.file.body.map((statement) => this.symbolOf(parsed, statement));
  }

  private symbolOf(parsed: ParsedDocument, statement: Statement): DocumentSymbol {
    const document = parsed.document;
    if (statement.type === 'Attribute') {
      return {
        name: statement.name,
        kind: SymbolKind.Property,
        range: offsetsToRange(document, statement.start, statement.end),
        selectionRange: spanToRange(document, attributeNameSpan(statement)),
      };
    }
    const role = parsed.model.blocks.get(statement)?.role;
    const symbol: DocumentSymbol = {
      name: blockTitle(statement),
      detail: roleDetail(role),
      kind: symbolKindOf(role, statement),
      range: offsetsToRange(document, statement.start, statement.end),
      selectionRange: offsetsToRange(document, statement.name[0]?.start ?? statement.start, blockHeaderEnd(statement)),
      children: statement.body.map((child) => this.symbolOf(parsed, child)),
    };
    return symbol;
  }
}

/** Fuzzy search over the statement blocks of every Alloy file of the workspace. */
export class WorkspaceSymbolProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: WorkspaceSymbolParams): SymbolInformation[] {
    const query = params.query.toLowerCase();
    const results: SymbolInformation[] = [];
    const workspace = this.context.workspace;
    const documents: { parsed: ParsedDocument; uri: string }[] = [];
    for (const path of workspace.workspaceFiles()) {
      const parsed = workspace.parsedPath(path);
      if (parsed) documents.push({ parsed, uri: pathToUri(path) });
    }
    // The configurations of the open YAML files and templates, under the host's URI at its positions.
    for (const uri of workspace.openUris()) {
      for (const embedded of workspace.embedded.host(uri)?.embedded ?? []) {
        const parsed = workspace.embedded.parsed(embedded.uri);
        if (parsed) documents.push({ parsed, uri });
      }
    }
    for (const { parsed, uri } of documents) {
      for (const scope of parsed.model.scopes) {
        for (const block of scope.blocks) {
          const name = blockTitle(block);
          if (!fuzzyMatches(name.toLowerCase(), query)) continue;
          const symbol: SymbolInformation = {
            name,
            kind: symbolKindOf(parsed.model.blocks.get(block)?.role, block),
            location: { uri, range: offsetsToRange(parsed.document, block.start, block.end) },
          };
          if (scope.owner?.label) symbol.containerName = blockTitle(scope.owner);
          results.push(symbol);
          if (results.length >= 1000) return results;
        }
      }
    }
    return results;
  }
}

/** Every character of `query` appears in `name`, in order. */
export function fuzzyMatches(name: string, query: string): boolean {
  let position = 0;
  for (const character of query) {
    position = name.indexOf(character, position);
    if (position === -1) return false;
    position++;
  }
  return true;
}

/** Folding of blocks, multi-line objects and arrays, block comments and runs of line comments. */
export class FoldingRangeProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: FoldingRangeParams): FoldingRange[] {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return [];
    const document = parsed.document;
    const ranges: FoldingRange[] = [];
    const addRegion = (startOffset: number, endOffset: number, kind?: FoldingRangeKind): void => {
      const startLine = document.positionAt(startOffset).line;
      const endLine = document.positionAt(endOffset).line - (kind === FoldingRangeKind.Comment ? 0 : 1);
      if (endLine > startLine) ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
    };
    const visit = (node: TreeNode): void => {
      if (node.type === 'Block') addRegion(node.lbrace, node.rbrace ?? node.end);
      else if (node.type === 'Object') addRegion(node.lbrace, node.rbrace);
      else if (node.type === 'Array') addRegion(node.lbracket, node.rbracket);
      else if (node.type === 'Call') addRegion(node.lparen, node.rparen);
      for (const child of childNodes(node)) visit(child);
    };
    visit(parsed.parse.file);
    let runStart: number | undefined;
    let runEnd = 0;
    let previousLine = -2;
    const flushRun = (): void => {
      if (runStart !== undefined) addRegion(runStart, runEnd, FoldingRangeKind.Comment);
      runStart = undefined;
    };
    for (const comment of parsed.parse.comments) {
      if (comment.kind === 'block') {
        flushRun();
        addRegion(comment.start, comment.end, FoldingRangeKind.Comment);
        continue;
      }
      const line = document.positionAt(comment.start).line;
      if (line !== previousLine + 1) flushRun();
      runStart ??= comment.start;
      runEnd = comment.end;
      previousLine = line;
    }
    flushRun();
    return ranges;
  }
}

/** Expand selection: from the innermost node under the cursor outwards. */
export class SelectionRangeProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: SelectionRangeParams): SelectionRange[] {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return [];
    const document = parsed.document;
    return params.positions.map((position) => {
      const offset = document.offsetAt(position);
      const path = nodePathAt(parsed.parse.file, offset);
      const spans: Span[] = [...path];
      const name = nameSpanAt(path[path.length - 1], offset);
      if (name) spans.push(name);
      let selection: SelectionRange | undefined;
      let previous = '';
      for (const node of spans) {
        const range = offsetsToRange(document, node.start, node.end);
        const key = `${node.start}:${node.end}`;
        if (key === previous) continue;
        previous = key;
        selection = selection ? { range, parent: selection } : { range };
      }
      return selection ?? { range: { start: position, end: position } };
    });
  }
}

/** The attribute name or `.property` under the cursor: names that are not nodes of their own. */
function nameSpanAt(node: TreeNode | undefined, offset: number): Span | undefined {
  if (node?.type === 'Attribute') {
    const name = attributeNameSpan(node);
    return offset <= name.end ? name : undefined;
  }
  if (node?.type === 'Access') {
    const property = propertySpan(node);
    return offset >= property.start ? property : undefined;
  }
  return undefined;
}

/** Clickable `import.file` paths. */
export class DocumentLinkProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: DocumentLinkParams): DocumentLink[] {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return [];
    const links: DocumentLink[] = [];
    for (const scope of parsed.model.scopes) {
      for (const importBlock of scope.imports.values()) {
        const target = importFilePath(importBlock, parsed.path);
        const literal = filenameLiteral(importBlock);
        if (!target || !literal) continue;
        links.push({ range: offsetsToRange(parsed.document, literal.start + 1, literal.end - 1), target: pathToUri(target), tooltip: target });
      }
    }
    return links;
  }
}

function filenameLiteral(block: Block): { start: number; end: number } | undefined {
  for (const statement of block.body) {
    if (statement.type === 'Attribute' && statement.name === 'filename' && statement.value.type === 'Literal') {
      return { start: statement.value.start, end: statement.value.end };
    }
  }
  return undefined;
}

export type { TextDocument };
