import { escapeTerminalText } from './formatters/escape.js';
import { MissingDependencyError, loadChecker, loadSyntax, type ComponentGraph, type ParseResult, type SemanticModel } from './engine.js';

export type GraphFormat = 'mermaid' | 'dot';

export interface GraphSource {
  fileName: string;
  text: string;
  /** The parse of `text` when the caller has it already (to report its errors): not parsed again. */
  parse?: ParseResult;
}

/** The component graph of a file or a directory's files, from the checker's semantic model. */
export async function buildGraph(sources: readonly GraphSource[]): Promise<ComponentGraph> {
  let checker;
  try {
    checker = await loadChecker();
  } catch (error) {
    if (!(error instanceof MissingDependencyError)) throw error;
    return syntaxGraph(sources);
  }
  const models: SemanticModel[] = sources.map(
    (source) => checker.checkText(source.text, { fileName: source.fileName, siblings: false, ...(source.parse ? { parse: source.parse } : {}) }).model,
  );
  return checker.componentGraph(models);
}

interface SyntaxNode {
  type?: string;
  [key: string]: unknown;
}

const configBlockPrefixes = ['import.'];

/**
 * A graph from the syntax tree alone (used when the checker is not
 * available): components are top-level labelled blocks with dotted names,
 * references are identifier paths `name.label.export` found in expressions.
 * Edges point from the referenced component to the one that uses it, except
 * for receivers and inputs, through which data flows the other way.
 */
export async function syntaxGraph(sources: readonly GraphSource[]): Promise<ComponentGraph> {
  const syntax = await loadSyntax();
  const nodes: ComponentGraph['nodes'] = [];
  const parsed = sources.map((source) => ({ source, file: (source.parse ?? syntax.parse(source.text, { fileName: source.fileName })).file as SyntaxNode }));
  const blocksById = new Map<string, SyntaxNode>();
  for (const { source, file } of parsed) {
    for (const statement of (file.body as SyntaxNode[] | undefined) ?? []) {
      if (statement.type !== 'Block') continue;
      const name = statement.fullName as string;
      const label = (statement.label as { value: string } | null)?.value ?? '';
      if (!name.includes('.') || label === '' || configBlockPrefixes.some((prefix) => name.startsWith(prefix))) continue;
      const id = `${name}.${label}`;
      if (blocksById.has(id)) continue;
      blocksById.set(id, statement);
      nodes.push({ id, name, label, fileName: source.fileName });
    }
  }
  const edges: ComponentGraph['edges'] = [];
  const seen = new Set<string>();
  for (const [id, block] of blocksById) {
    visit(block.body, (path) => {
      for (let length = path.length - 1; length >= 2; length -= 1) {
        const target = path.slice(0, length).join('.');
        if (!blocksById.has(target)) continue;
        const exportName = path[length]!;
        const reversed = /receiver|input/i.test(exportName);
        const edge = reversed ? { from: id, to: target, export: exportName } : { from: target, to: id, export: exportName };
        const key = `${edge.from}\u0000${edge.to}\u0000${edge.export}`;
        if (!seen.has(key) && target !== id) {
          seen.add(key);
          edges.push(edge);
        }
        return;
      }
    });
  }
  return { nodes, edges };
}

/** Calls `onPath` with the segments of every outermost `a.b.c` identifier path under `value`. */
function visit(value: unknown, onPath: (path: string[]) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, onPath);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as SyntaxNode;
  if (node.type === 'Access') {
    const path = accessPath(node);
    if (path) {
      onPath(path);
      return;
    }
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === 'start' || key === 'end' || key === 'name' || key === 'label') continue;
    if (typeof child === 'object' && child !== null) visit(child, onPath);
  }
}

function accessPath(node: SyntaxNode): string[] | undefined {
  if (node.type === 'IdentifierExpr') return [node.name as string];
  if (node.type === 'Access') {
    const head = accessPath(node.object as SyntaxNode);
    return head ? [...head, node.property as string] : undefined;
  }
  return undefined;
}

/** Mermaid ids of one graph: each component's id with every other character made `_`, kept distinct. */
class MermaidIds {
  private readonly byId = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly prefix: string) {}

  of(id: string): string {
    const existing = this.byId.get(id);
    if (existing) return existing;
    let candidate = this.prefix + id.replace(/[^A-Za-z0-9_]/g, '_');
    while (this.taken.has(candidate)) candidate += '_';
    this.byId.set(id, candidate);
    this.taken.add(candidate);
    return candidate;
  }
}

// Names and labels come from the configuration: control characters are shown escaped, never printed.
function mermaidText(text: string): string {
  return escapeTerminalText(text).replace(/"/g, '#quot;');
}

function dotQuote(text: string): string {
  return `"${escapeTerminalText(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** One configuration's graph, titled by where it is (`alloy.configMap.content`, `fence at line 12`). */
export interface GraphSection {
  title: string;
  graph: ComponentGraph;
}

/** The lines of one graph's nodes and edges, each node id given `prefix` (distinct per section). */
function graphLines(graph: ComponentGraph, format: GraphFormat, indent: string, prefix: string): string {
  let output = '';
  if (format === 'dot') {
    for (const node of graph.nodes) output += `${indent}${dotQuote(prefix + node.id)} [label=${dotQuote(`${node.name}.${node.label}`)}];\n`;
    for (const edge of graph.edges) output += `${indent}${dotQuote(prefix + edge.from)} -> ${dotQuote(prefix + edge.to)} [label=${dotQuote(edge.export)}];\n`;
    return output;
  }
  const ids = new MermaidIds(prefix);
  for (const node of graph.nodes) output += `${indent}${ids.of(node.id)}["${mermaidText(`${node.name}.${node.label}`)}"]\n`;
  for (const edge of graph.edges) output += `${indent}${ids.of(edge.from)} -->|${mermaidText(edge.export)}| ${ids.of(edge.to)}\n`;
  return output;
}

function graphHeader(format: GraphFormat): string {
  return format === 'dot' ? 'digraph alloy {\n  rankdir=LR;\n  node [shape=box];\n' : 'flowchart LR\n';
}

export function renderGraph(graph: ComponentGraph, format: GraphFormat): string {
  return `${graphHeader(format)}${graphLines(graph, format, format === 'dot' ? '  ' : '    ', '')}${format === 'dot' ? '}\n' : ''}`;
}

/**
 * Several configurations (the Alloy in one YAML or Markdown file) in one diagram: each one a Mermaid
 * subgraph or a Graphviz cluster titled by its place, its node ids prefixed so that a component of one
 * never merges with the same name in another. A single section is rendered as `renderGraph` renders it.
 */
export function renderGraphs(sections: readonly GraphSection[], format: GraphFormat): string {
  if (sections.length === 1) return renderGraph(sections[0]!.graph, format);
  let output = graphHeader(format);
  sections.forEach((section, index) => {
    const number = index + 1;
    if (format === 'dot') {
      output += `  subgraph cluster_${number} {\n    label=${dotQuote(section.title)};\n`;
      output += graphLines(section.graph, format, '    ', `${number}:`);
      output += '  }\n';
    } else {
      output += `    subgraph config_${number}["${mermaidText(section.title)}"]\n`;
      output += graphLines(section.graph, format, '        ', `c${number}_`);
      output += '    end\n';
    }
  });
  return format === 'dot' ? `${output}}\n` : output;
}
