import { DocumentHighlightKind, type DocumentHighlight, type DocumentHighlightParams } from 'vscode-languageserver/node';
import type { Block } from '../toolkit.js';
import { labelTextRange, referencesTo, symbolAt } from '../analysis/symbolAt.js';
import { offsetsToRange } from '../workspace/positions.js';
import type { LanguageContext } from './languageContext.js';

/**
 * Highlights a component where the cursor is on its name, its label or a reference to it: its label
 * (as the write) and every reference to it in the document (as reads).
 */
export class DocumentHighlightProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: DocumentHighlightParams): DocumentHighlight[] | null {
    const workspace = this.context.workspace;
    const parsed = workspace.parsed(params.textDocument.uri);
    if (!parsed) return null;
    const symbol = symbolAt(parsed, parsed.document.offsetAt(params.position), workspace);
    let block: Block | undefined;
    if (symbol.kind === 'block-name' || symbol.kind === 'block-label') block = symbol.block;
    else if (symbol.kind === 'reference') block = symbol.resolution?.definition.block;
    if (!block) return null;
    const info = parsed.model.blocks.get(block);
    const definition =
      symbol.kind === 'reference'
        ? symbol.resolution?.definition
        : [...(info?.scope.definitions.values() ?? [])].find((candidate) => candidate.block === block);
    if (!definition || !definition.block.label) return null;
    const highlights: DocumentHighlight[] = [];
    if (definition.file === parsed.model.file) {
      const label = labelTextRange(definition.block)!;
      highlights.push({ range: offsetsToRange(parsed.document, label.start, label.end), kind: DocumentHighlightKind.Write });
    }
    for (const found of referencesTo(definition, [parsed], workspace)) {
      const segments = found.reference.traversal.segments;
      highlights.push({
        range: offsetsToRange(parsed.document, segments[0]!.startOffset, segments[found.resolution.matchedSegments - 1]!.endOffset),
        kind: DocumentHighlightKind.Read,
      });
    }
    return highlights.length > 0 ? highlights : null;
  }
}
