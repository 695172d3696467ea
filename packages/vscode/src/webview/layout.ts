import { graphlib, layout } from '@dagrejs/dagre';

/** The answer of the server's `alloy/graph` request (see the language server's providers/graph.ts). */
export type PipelineSignal = 'metrics' | 'logs' | 'traces' | 'profiles' | 'targets' | 'mixed' | 'other';

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface PipelineGraph {
  nodes: Array<{ id: string; name: string; label: string; signal: PipelineSignal; uri: string; range: LspRange; selectionRange: LspRange }>;
  edges: Array<{ from: string; to: string; export: string; signal: PipelineSignal }>;
}

export interface PlacedNode {
  id: string;
  name: string;
  label: string;
  signal: PipelineSignal;
  /** Centre of the box. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  export: string;
  signal: PipelineSignal;
  points: Array<{ x: number; y: number }>;
}

export interface PipelineLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

/** Colours of the signals, as in Grafana's own palette for them where it has one. */
export const signalColours: Readonly<Record<PipelineSignal, string>> = {
  metrics: '#e8743b',
  logs: '#1f78c1',
  traces: '#8f3bb8',
  profiles: '#c4162a',
  targets: '#37872d',
  mixed: '#6e6e6e',
  other: '#8e8e8e',
};

const characterWidth = 7.2;
const nodeHeight = 44;

function nodeWidth(name: string, label: string): number {
  return Math.max(120, Math.ceil(Math.max(name.length, label.length + 2) * characterWidth) + 24);
}

/**
 * From this many components on, each rank keeps the order of a depth-first walk from the sources (which
 * keeps each chain of a pipeline together), the first ordering dagre itself makes, instead of dagre's
 * sweeps over the ranks until the crossings stop decreasing. On the 500-component graph of
 * bench/graph-bench.mjs the sweeps took about 40% of a first (cold) layout's CPU time (570-790 ms with
 * them, 340-420 ms without, in fresh Node processes) for fewer crossings (2,401 against 4,753, most of them
 * the edges of 99 scrapes into one shared writer). Below it, where they cost less, crossings are minimised.
 */
export const orderSweepLimit = 200;

/**
 * dagre's first ordering (its `initOrder`: nodes by rank, each followed depth-first by its successors),
 * given as `customOrder`: with `disableOptimalOrderHeuristic` dagre still builds the layer graphs the sweeps
 * would use, a fifth of the remaining layout time; the coordinates are the same.
 */
function depthFirstOrder(layered: graphlib.Graph): void {
  const visited = new Set<string>();
  const ranks: string[][] = [];
  const visit = (name: string): void => {
    if (visited.has(name)) return;
    visited.add(name);
    const rank = (layered.node(name) as { rank: number }).rank;
    (ranks[rank] ??= []).push(name);
    for (const next of (layered.successors(name) as string[] | undefined) ?? []) visit(next);
  };
  const rankOf = (name: string): number => (layered.node(name) as { rank: number }).rank;
  (layered.nodes() as string[])
    .filter((name: string) => layered.children(name).length === 0)
    .sort((a: string, b: string) => rankOf(a) - rankOf(b))
    .forEach(visit);
  for (const rank of ranks) rank?.forEach((name, index) => ((layered.node(name) as { order: number }).order = index));
}

/** Places the components left to right in the direction of the data (dagre's layered layout). */
export function layoutPipeline(graph: PipelineGraph): PipelineLayout {
  const layered = new graphlib.Graph({ multigraph: true });
  // tight-tree ranks a 500-component pipeline about 3x faster than network-simplex (bench/graph-bench.mjs),
  // with every edge still pointing forward.
  layered.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 64, edgesep: 12, marginx: 16, marginy: 16, ranker: 'tight-tree' });
  layered.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) layered.setNode(node.id, { width: nodeWidth(node.name, node.label), height: nodeHeight });
  const edges = drawnEdges(graph);
  edges.forEach((edge, index) => layered.setEdge(edge.from, edge.to, {}, String(index)));
  layout(layered, graph.nodes.length >= orderSweepLimit ? { customOrder: depthFirstOrder } : {});
  const nodes = graph.nodes.map((node): PlacedNode => {
    const placed = layered.node(node.id);
    return { id: node.id, name: node.name, label: node.label, signal: node.signal, x: placed.x, y: placed.y, width: placed.width, height: placed.height };
  });
  const placedEdges = edges.map((edge, index): PlacedEdge => {
    const points = layered.edge({ v: edge.from, w: edge.to, name: String(index) })?.points ?? [];
    return { ...edge, points: points.map((point: { x: number; y: number }) => ({ x: point.x, y: point.y })) };
  });
  const size = layered.graph();
  return { nodes, edges: placedEdges, width: Math.max(size.width ?? 0, 1), height: Math.max(size.height ?? 0, 1) };
}

/** The edges drawn: between known components, never from one to itself. */
function drawnEdges(graph: PipelineGraph): PipelineGraph['edges'] {
  const known = new Set(graph.nodes.map((node) => node.id));
  return graph.edges.filter((edge) => known.has(edge.from) && known.has(edge.to) && edge.from !== edge.to);
}

/** What the layout depends on: the components (their names and labels size the boxes) and the connections. */
function shapeOf(graph: PipelineGraph): string {
  const nodes = graph.nodes.map((node) => `${node.id}\u0000${node.name}\u0000${node.label}`).join('\u0001');
  const edges = graph.edges.map((edge) => `${edge.from}\u0000${edge.to}`).join('\u0001');
  return `${nodes}\u0002${edges}`;
}

/**
 * The layout of the last graph, reused while the pipeline keeps its shape: most edits (a value, a comment,
 * an argument) leave the components and their connections as they are, and then only the signals, exports
 * and colours are taken from the new graph.
 */
export class PipelineLayoutCache {
  private last: { shape: string; placed: PipelineLayout } | undefined;

  layout(graph: PipelineGraph): { placed: PipelineLayout; reused: boolean } {
    const shape = shapeOf(graph);
    const last = this.last;
    if (last && last.shape === shape) {
      const placed: PipelineLayout = {
        ...last.placed,
        nodes: last.placed.nodes.map((node, index) => ({ ...node, signal: graph.nodes[index]!.signal })),
        // The same edges in the same order (the shape says so), so the drawn ones line up by index.
        edges: drawnEdges(graph).map((edge, index) => ({ ...edge, points: last.placed.edges[index]!.points })),
      };
      this.last = { shape, placed };
      return { placed, reused: true };
    }
    const placed = layoutPipeline(graph);
    this.last = { shape, placed };
    return { placed, reused: false };
  }
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The layout as SVG markup: a `<g class="node" data-id>` per component, a coloured path per edge. */
export function renderPipelineSvg(placed: PipelineLayout): string {
  const markers = Object.entries(signalColours)
    .map(
      ([signal, colour]) =>
        `<marker id="arrow-${signal}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${colour}"/></marker>`,
    )
    .join('');
  const edges = placed.edges
    .map((edge) => {
      const path = edge.points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join('');
      const title = escapeXml(`${edge.from} → ${edge.to} (${edge.export || 'reference'}, ${edge.signal})`);
      return `<path class="edge signal-${edge.signal}" d="${path}" stroke="${signalColours[edge.signal]}" fill="none" stroke-width="1.6" marker-end="url(#arrow-${edge.signal})"><title>${title}</title></path>`;
    })
    .join('');
  const nodes = placed.nodes
    .map((node) => {
      const left = node.x - node.width / 2;
      const top = node.y - node.height / 2;
      const colour = signalColours[node.signal];
      return (
        `<g class="node signal-${node.signal}" data-id="${escapeXml(node.id)}" tabindex="0" role="button">` +
        `<title>${escapeXml(`${node.name} "${node.label}" (${node.signal})`)}</title>` +
        `<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${node.width}" height="${node.height}" rx="6" fill="${colour}" fill-opacity="0.16" stroke="${colour}" stroke-width="1.6"/>` +
        `<text class="name" x="${node.x.toFixed(1)}" y="${(node.y - 4).toFixed(1)}" text-anchor="middle">${escapeXml(node.name)}</text>` +
        `<text class="label" x="${node.x.toFixed(1)}" y="${(node.y + 13).toFixed(1)}" text-anchor="middle">${escapeXml(`"${node.label}"`)}</text>` +
        `</g>`
      );
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="pipeline" viewBox="0 0 ${placed.width.toFixed(0)} ${placed.height.toFixed(0)}" width="${placed.width.toFixed(0)}" height="${placed.height.toFixed(0)}">` +
    `<defs>${markers}</defs><g class="edges">${edges}</g><g class="nodes">${nodes}</g></svg>`
  );
}
