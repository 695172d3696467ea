import type { Range } from 'vscode-languageserver/node';
import { getComponent, type Block, type Statement } from '../toolkit.js';
import type { Definition } from '../analysis/fileModel.js';
import { resolveSegments } from '../analysis/resolve.js';
import { collectTraversals, type Traversal } from '../analysis/syntaxTree.js';
import { offsetsToRange } from '../workspace/positions.js';
import type { AlloyWorkspace, ParsedDocument } from '../workspace/workspace.js';
import type { LanguageContext } from './languageContext.js';

/** The custom request that returns the pipeline of a document's configuration (the document and its siblings). */
export const pipelineGraphRequest = 'alloy/graph';

export interface PipelineGraphParams {
  textDocument: { uri: string };
}

/** What flows through a component or an edge; `mixed` when several signals do, `other` when none is known. */
export type PipelineSignal = 'metrics' | 'logs' | 'traces' | 'profiles' | 'targets' | 'mixed' | 'other';

export interface PipelineGraphNode {
  /** The component's id: `prometheus.scrape.default`. */
  id: string;
  /** The component name: `prometheus.scrape`. */
  name: string;
  label: string;
  signal: PipelineSignal;
  uri: string;
  /** The whole block. */
  range: Range;
  /** Its name and label. */
  selectionRange: Range;
}

/**
 * An edge follows the data, as the checker's `componentGraph` does: from the component whose export
 * is read to its reader (`exporter --targets--> scrape`), except for receivers and inputs, through
 * which data flows into the referenced component (`scrape --receiver--> remote_write`).
 */
export interface PipelineGraphEdge {
  from: string;
  to: string;
  /** The export used (`receiver`, `targets`), `''` when the whole component is referenced. */
  export: string;
  signal: PipelineSignal;
}

export interface PipelineGraph {
  nodes: PipelineGraphNode[];
  edges: PipelineGraphEdge[];
}

/** A component instance of the configuration: a labelled component or custom component block at the root of a file. */
export interface PipelineComponent {
  id: string;
  definition: Definition;
  parsed: ParsedDocument;
}

/** One reference from a component's body to another component. */
export interface PipelineLink {
  /** The component whose body holds the reference. */
  user: PipelineComponent;
  /** The component referenced. */
  target: PipelineComponent;
  exportName: string;
  /** Attribute path of the reference inside the user: `['output', 'metrics']`, `['forward_to']`. */
  attributePath: string[];
  /** Where the reference stands (in the user's document): its node id part, `a.b.label`. */
  start: number;
  end: number;
  /** Whether data flows from the user into the target (a receiver or an input), not the other way. */
  intoTarget: boolean;
  signal: PipelineSignal;
}

export interface Pipeline {
  components: PipelineComponent[];
  links: PipelineLink[];
  byBlock: Map<Block, PipelineComponent>;
}

const namespaceSignals: ReadonlyArray<[RegExp, PipelineSignal]> = [
  [/^discovery\.|^local\.file_match$/, 'targets'],
  [/^prometheus\./, 'metrics'],
  [/^loki\./, 'logs'],
  [/^pyroscope\./, 'profiles'],
];

function namespaceSignal(name: string): PipelineSignal | undefined {
  for (const [pattern, signal] of namespaceSignals) if (pattern.test(name)) return signal;
  return undefined;
}

const sinkCapsules = /Receiver$|Consumer$/;

function flowsIntoTarget(target: Block, exportName: string): boolean {
  const exportType = getComponent(target.fullName)?.exports.find((candidate) => candidate.name === exportName)?.type;
  if (exportType?.kind === 'capsule') return sinkCapsules.test(exportType.name);
  return /receiver|input/i.test(exportName);
}

function linkSignal(user: Block, target: Block, exportName: string, attributePath: readonly string[], intoTarget: boolean): PipelineSignal {
  // otelcol: `output { metrics = [...] }` names the signal.
  const attribute = attributePath[attributePath.length - 1];
  if (attribute === 'metrics' || attribute === 'logs' || attribute === 'traces' || attribute === 'profiles') return attribute;
  if (exportName === 'targets' || (exportName === 'output' && namespaceSignal(target.fullName) === 'targets')) return 'targets';
  const receiving = intoTarget ? target : user;
  return namespaceSignal(receiving.fullName) ?? namespaceSignal(intoTarget ? user.fullName : target.fullName) ?? 'other';
}

/** Each attribute of a block body, nested blocks included, with its path of names. */
function forEachAttribute(body: readonly Statement[], path: string[], visit: (path: string[], traversals: Traversal[]) => void): void {
  for (const statement of body) {
    if (statement.type === 'Attribute') {
      const traversals: Traversal[] = [];
      collectTraversals(statement.value, traversals);
      if (traversals.length > 0) visit([...path, statement.name], traversals);
    } else {
      forEachAttribute(statement.body, [...path, statement.fullName], visit);
    }
  }
}

function isComponent(parsed: ParsedDocument, block: Block): boolean {
  if (!block.label || block.label.value === '') return false;
  const role = parsed.model.blocks.get(block)?.role;
  return role?.kind === 'component' || role?.kind === 'custom';
}

/** The components of the configuration `parsed` belongs to (its file and the other files of its directory) and the references between them. */
export function buildPipeline(parsed: ParsedDocument, workspace: AlloyWorkspace): Pipeline {
  const documents = [parsed, ...workspace.siblings(parsed)];
  const components: PipelineComponent[] = [];
  const byBlock = new Map<Block, PipelineComponent>();
  const ids = new Set<string>();
  for (const document of documents) {
    for (const definition of document.model.root.definitions.values()) {
      if (ids.has(definition.id) || !isComponent(document, definition.block)) continue;
      ids.add(definition.id);
      const component = { id: definition.id, definition, parsed: document };
      components.push(component);
      byBlock.set(definition.block, component);
    }
  }
  const links: PipelineLink[] = [];
  for (const user of components) {
    const siblingRoots = workspace.siblingRoots(user.parsed);
    const root = user.parsed.model.root;
    forEachAttribute(user.definition.block.body, [], (attributePath, traversals) => {
      for (const traversal of traversals) {
        const names = traversal.segments.map((segment) => segment.name);
        const resolution = resolveSegments(names, root, siblingRoots);
        const target = resolution ? byBlock.get(resolution.definition.block) : undefined;
        if (!resolution || !target || target === user) continue;
        const exportName = names[resolution.matchedSegments] ?? '';
        const intoTarget = flowsIntoTarget(target.definition.block, exportName);
        links.push({
          user,
          target,
          exportName,
          attributePath,
          start: traversal.segments[0]!.startOffset,
          end: traversal.segments[resolution.matchedSegments - 1]!.endOffset,
          intoTarget,
          signal: linkSignal(user.definition.block, target.definition.block, exportName, attributePath, intoTarget),
        });
      }
    });
  }
  return { components, links, byBlock };
}

/** The range of a block's name and label. */
export function blockHeaderRange(parsed: ParsedDocument, block: Block): Range {
  const end = block.label ? block.label.end : block.name[block.name.length - 1]!.end;
  return offsetsToRange(parsed.document, block.name[0]!.start, end);
}

function nodeSignal(component: PipelineComponent, links: readonly PipelineLink[]): PipelineSignal {
  const own = namespaceSignal(component.definition.block.fullName);
  if (own) return own;
  // Components of no one signal (otelcol, custom components) take the signals of their edges.
  const signals = new Set<PipelineSignal>();
  for (const link of links) {
    if ((link.user === component || link.target === component) && link.signal !== 'other' && link.signal !== 'targets') signals.add(link.signal);
  }
  if (signals.size === 1) return [...signals][0]!;
  return signals.size > 1 ? 'mixed' : 'other';
}

/** `alloy/graph`: the pipeline of the configuration a document belongs to. */
export class PipelineGraphProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: PipelineGraphParams): PipelineGraph | null {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return null;
    const pipeline = buildPipeline(parsed, this.context.workspace);
    const nodes = pipeline.components.map((component): PipelineGraphNode => {
      const block = component.definition.block;
      return {
        id: component.id,
        name: block.fullName,
        label: block.label!.value,
        signal: nodeSignal(component, pipeline.links),
        uri: component.parsed.uri,
        range: offsetsToRange(component.parsed.document, block.start, block.end),
        selectionRange: blockHeaderRange(component.parsed, block),
      };
    });
    const edges: PipelineGraphEdge[] = [];
    const seen = new Set<string>();
    for (const link of pipeline.links) {
      const [from, to] = link.intoTarget ? [link.user.id, link.target.id] : [link.target.id, link.user.id];
      // One edge per signal: an otelcol output sends metrics and traces to one input as two edges.
      const key = `${from}\u0000${to}\u0000${link.exportName}\u0000${link.signal}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({ from, to, export: link.exportName, signal: link.signal });
    }
    return { nodes, edges };
  }
}
