import {
  SymbolKind,
  type CallHierarchyIncomingCall,
  type CallHierarchyIncomingCallsParams,
  type CallHierarchyItem,
  type CallHierarchyOutgoingCall,
  type CallHierarchyOutgoingCallsParams,
  type CallHierarchyPrepareParams,
  type Range,
} from 'vscode-languageserver/node';
import type { Block } from '../toolkit.js';
import { symbolAt } from '../analysis/symbolAt.js';
import { offsetsToRange } from '../workspace/positions.js';
import type { ParsedDocument } from '../workspace/workspace.js';
import { blockHeaderRange, buildPipeline, type Pipeline, type PipelineComponent } from './graph.js';
import type { LanguageContext } from './languageContext.js';

/** What an item carries between prepare and the calls requests: the document asked about and the component. */
interface ItemData {
  documentUri: string;
  id: string;
}

function isItemData(value: unknown): value is ItemData {
  const data = value as Partial<ItemData> | null | undefined;
  return typeof data?.documentUri === 'string' && typeof data.id === 'string';
}

/**
 * Call hierarchy over the pipeline: incoming calls of a component are the components that send to it
 * or read its exports (every component whose body references it); outgoing calls are the components
 * its body references. The ranges are those of the references.
 */
export class CallHierarchyProvider {
  constructor(private readonly context: LanguageContext) {}

  prepare(params: CallHierarchyPrepareParams): CallHierarchyItem[] | null {
    const workspace = this.context.workspace;
    const parsed = workspace.parsed(params.textDocument.uri);
    if (!parsed) return null;
    const pipeline = buildPipeline(parsed, workspace);
    const symbol = symbolAt(parsed, parsed.document.offsetAt(params.position), workspace);
    let block: Block | undefined;
    if (symbol.kind === 'block-name' || symbol.kind === 'block-label') block = symbol.block;
    else if (symbol.kind === 'reference') block = symbol.resolution?.definition.block;
    const component = block ? pipeline.byBlock.get(block) : undefined;
    return component ? [this.item(component, parsed.uri)] : null;
  }

  incomingCalls(params: CallHierarchyIncomingCallsParams): CallHierarchyIncomingCall[] {
    const found = this.resolve(params.item);
    if (!found) return [];
    const calls = new Map<PipelineComponent, Range[]>();
    for (const link of found.pipeline.links) {
      if (link.target !== found.component) continue;
      const ranges = calls.get(link.user) ?? [];
      ranges.push(offsetsToRange(link.user.parsed.document, link.start, link.end));
      calls.set(link.user, ranges);
    }
    return [...calls].map(([user, fromRanges]) => ({ from: this.item(user, found.documentUri), fromRanges }));
  }

  outgoingCalls(params: CallHierarchyOutgoingCallsParams): CallHierarchyOutgoingCall[] {
    const found = this.resolve(params.item);
    if (!found) return [];
    const calls = new Map<PipelineComponent, Range[]>();
    for (const link of found.pipeline.links) {
      if (link.user !== found.component) continue;
      const ranges = calls.get(link.target) ?? [];
      ranges.push(offsetsToRange(found.component.parsed.document, link.start, link.end));
      calls.set(link.target, ranges);
    }
    return [...calls].map(([target, fromRanges]) => ({ to: this.item(target, found.documentUri), fromRanges }));
  }

  private resolve(item: CallHierarchyItem): { pipeline: Pipeline; component: PipelineComponent; documentUri: string } | undefined {
    if (!isItemData(item.data)) return undefined;
    const parsed: ParsedDocument | undefined = this.context.workspace.parsed(item.data.documentUri);
    if (!parsed) return undefined;
    const pipeline = buildPipeline(parsed, this.context.workspace);
    const component = pipeline.components.find((candidate) => candidate.id === (item.data as ItemData).id);
    return component ? { pipeline, component, documentUri: parsed.uri } : undefined;
  }

  private item(component: PipelineComponent, documentUri: string): CallHierarchyItem {
    const block = component.definition.block;
    const data: ItemData = { documentUri, id: component.id };
    return {
      name: component.id,
      kind: SymbolKind.Module,
      detail: block.fullName,
      uri: component.parsed.uri,
      range: offsetsToRange(component.parsed.document, block.start, block.end),
      selectionRange: blockHeaderRange(component.parsed, block),
      data,
    };
  }
}
