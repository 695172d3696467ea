import type { AlloyType } from '@alloy-toolkit/schema';
import type { ComponentInstance, SemanticModel } from './model.js';

export interface ComponentGraphNode {
  /** Unique in the graph: the component id, prefixed by its declare/foreach scope path when nested. */
  id: string;
  name: string;
  label: string;
  fileName?: string;
}

/**
 * An edge follows the data: from the component whose export is used to the one using it
 * (`exporter --targets--> scrape`), except for receivers and consumers, through which data
 * flows into the referenced component (`scrape --receiver--> remote_write`).
 */
export interface ComponentGraphEdge {
  from: string;
  to: string;
  /** The export used (`receiver`, `targets`), `''` when the whole component is referenced. */
  export: string;
}

export interface ComponentGraph {
  nodes: ComponentGraphNode[];
  edges: ComponentGraphEdge[];
}

function graphId(component: ComponentInstance): string {
  return component.scope.path === '' ? component.id : `${component.scope.path}/${component.id}`;
}

function nodeOf(component: ComponentInstance): ComponentGraphNode {
  const node: ComponentGraphNode = { id: graphId(component), name: component.name, label: component.label };
  if (component.fileName !== undefined) node.fileName = component.fileName;
  return node;
}

const sinkCapsules = /Receiver$|Consumer$/;

/** Whether data flows from the referencing component into the referenced one. */
function flowsIntoTarget(exportName: string, exportType: AlloyType | undefined): boolean {
  if (exportType?.kind === 'capsule') return sinkCapsules.test(exportType.name);
  return /receiver|input/i.test(exportName);
}

/** Components as nodes, references between them as edges in the direction the data flows. */
export function componentGraph(model: SemanticModel | SemanticModel[]): ComponentGraph {
  const models = Array.isArray(model) ? model : [model];
  const nodes = new Map<string, ComponentGraphNode>();
  const byBlock = new Map<object, ComponentInstance>();
  for (const current of models) {
    for (const component of current.components) {
      if (component.label === '') continue;
      byBlock.set(component.block, component);
      const node = nodeOf(component);
      if (!nodes.has(node.id)) nodes.set(node.id, node);
    }
  }
  const edges: ComponentGraphEdge[] = [];
  const seen = new Set<string>();
  // Files checked one by one (siblings off) leave references to each other unresolved: match them by id here.
  const rootIds = new Set<string>();
  for (const node of nodes.values()) if (!node.id.includes('/')) rootIds.add(node.id);
  for (const current of models) {
    for (const reference of current.references) {
      if (!reference.owner) continue;
      const from = byBlock.get(reference.owner);
      if (!from) continue;
      let to: string | undefined;
      let exportName = '';
      let exportType: AlloyType | undefined;
      if (reference.target.kind === 'component') {
        const target = reference.target.component;
        to = graphId(target);
        if (!nodes.has(to)) nodes.set(to, nodeOf(target));
        exportName = reference.target.export ?? '';
        exportType = reference.target.exportType;
      } else if (reference.target.kind === 'unresolved' && reference.scope.kind === 'root') {
        const names = reference.segments.map((segment) => segment.name);
        for (let length = 1; length <= names.length && to === undefined; length++) {
          const candidate = names.slice(0, length).join('.');
          if (rootIds.has(candidate)) {
            to = candidate;
            exportName = names[length] ?? '';
          }
        }
      }
      if (to === undefined) continue;
      const user = graphId(from);
      if (user === to) continue;
      const edge = flowsIntoTarget(exportName, exportType)
        ? { from: user, to, export: exportName }
        : { from: to, to: user, export: exportName };
      const key = `${edge.from}\u0000${edge.to}\u0000${edge.export}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push(edge);
    }
  }
  return { nodes: [...nodes.values()], edges };
}
