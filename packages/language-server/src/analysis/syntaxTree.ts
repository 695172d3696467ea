import { childrenOf, type AlloyFile, type AlloyNode, type Block, type Expression, type Statement } from '../toolkit.js';

/** Any node of the tree that has a position, the file included. */
export type TreeNode = AlloyNode;

/** The direct children of a node, in source order. */
export function childNodes(node: TreeNode): TreeNode[] {
  return childrenOf(node);
}

/**
 * The chain of nodes that contain `offset`, outermost first. A node contains
 * the offset right after its last character too, so that the identifier just
 * typed is found.
 */
export function nodePathAt(file: AlloyFile, offset: number): TreeNode[] {
  const path: TreeNode[] = [file];
  let current: TreeNode = file;
  for (;;) {
    const next: TreeNode | undefined = childNodes(current).find(
      (child) => child.start <= offset && offset <= child.end && child.end > child.start,
    );
    if (!next) return path;
    path.push(next);
    current = next;
  }
}

/** The blocks among `path`, outermost first. */
export function enclosingBlocks(path: readonly TreeNode[]): Block[] {
  return path.filter((node): node is Block => node.type === 'Block');
}

/** One `.name` of a traversal (or its head identifier), with its position. */
export interface TraversalSegment {
  name: string;
  startOffset: number;
  endOffset: number;
}

/** An identifier followed by an uninterrupted chain of `.name` accesses. */
export interface Traversal {
  segments: TraversalSegment[];
  /** The outermost expression of the chain. */
  expression: Expression;
}

/** The traversal an expression is, or undefined when it is not a plain chain. */
export function traversalOf(expression: Expression): Traversal | undefined {
  const segments: TraversalSegment[] = [];
  let current: Expression = expression;
  for (;;) {
    if (current.type === 'Access') {
      // The property ends the access (propertySpan).
      segments.unshift({ name: current.property, startOffset: current.end - current.property.length, endOffset: current.end });
      current = current.object;
    } else if (current.type === 'IdentifierExpr') {
      segments.unshift({ name: current.name, startOffset: current.start, endOffset: current.end });
      return { segments, expression };
    } else {
      return undefined;
    }
  }
}

/** Every traversal inside an expression, as upstream scans them: an index or call ends a chain. */
export function collectTraversals(expression: Expression, into: Traversal[]): void {
  const traversal = traversalOf(expression);
  if (traversal) {
    into.push(traversal);
    return;
  }
  for (const child of childNodes(expression)) {
    if (child.type === 'ObjectField') collectTraversals(child.value, into);
    else if (child.type !== 'Identifier') collectTraversals(child as Expression, into);
  }
}

/** The attributes of a block body, by name. */
export function attributeNames(body: readonly Statement[]): Set<string> {
  const names = new Set<string>();
  for (const statement of body) if (statement.type === 'Attribute') names.add(statement.name);
  return names;
}

/** The nested block names of a block body. */
export function blockNames(body: readonly Statement[]): Set<string> {
  const names = new Set<string>();
  for (const statement of body) if (statement.type === 'Block') names.add(statement.fullName);
  return names;
}

/** `name "label"` as written, for outlines and messages. */
export function blockTitle(block: Block): string {
  return block.label ? `${block.fullName} ${block.label.raw}` : block.fullName;
}

/** The range of a block's header: name and label. */
export function blockHeaderEnd(block: Block): number {
  return block.label ? block.label.end : (block.name[block.name.length - 1]?.end ?? block.start);
}
