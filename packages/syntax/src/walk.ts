import type { AccessExpr, Attribute, Expression, File, Node, ObjectField, Span, Statement } from './ast.js';

/** Where an attribute's name is written: it starts the attribute. */
export function attributeNameSpan(attribute: Attribute): Span {
  return { start: attribute.start, end: attribute.start + attribute.name.length };
}

/** Where the name after an access's dot is written: it ends the access. */
export function propertySpan(access: AccessExpr): Span {
  return { start: access.end - access.property.length, end: access.end };
}

/** The direct children of a node, in source order. */
export function childrenOf(node: Node): Node[] {
  switch (node.type) {
    case 'File':
      return node.body;
    case 'Attribute':
      return [node.value];
    case 'Block':
      return [...node.name, ...node.body];
    case 'Access':
      return [node.object];
    case 'Index':
      return [node.object, node.index];
    case 'Call':
      return [node.callee, ...node.args];
    case 'Unary':
      return [node.operand];
    case 'Binary':
      return [node.left, node.right];
    case 'Array':
      return node.elements;
    case 'Object':
      return node.fields;
    case 'ObjectField':
      return [node.value];
    case 'Paren':
      return [node.expression];
    default:
      return [];
  }
}

export interface Visitor {
  /** Called before the children; return `false` to skip them. */
  enter?(node: Node, parent: Node | null): boolean | void;
  /** Called after the children. */
  leave?(node: Node, parent: Node | null): void;
}

/** Depth-first walk in source order. Iterative, so deep trees cannot overflow the stack. */
export function walk(root: Node, visitor: Visitor): void {
  const stack: { node: Node; parent: Node | null; leaving: boolean }[] = [{ node: root, parent: null, leaving: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.leaving) {
      visitor.leave?.(frame.node, frame.parent);
      continue;
    }
    const descend = visitor.enter?.(frame.node, frame.parent) !== false;
    stack.push({ node: frame.node, parent: frame.parent, leaving: true });
    if (!descend) continue;
    const children = childrenOf(frame.node);
    for (let index = children.length - 1; index >= 0; index--) {
      stack.push({ node: children[index]!, parent: frame.node, leaving: false });
    }
  }
}

/** The innermost node whose range contains `offset` (end inclusive), with its ancestors from the file down. */
export function nodeAt(file: File, offset: number): { node: Node; ancestors: Node[] } {
  const ancestors: Node[] = [];
  let current: Node = file;
  for (;;) {
    const child: Node | undefined = childrenOf(current).find(
      (candidate) => candidate.start <= offset && offset <= candidate.end,
    );
    if (!child) return { node: current, ancestors };
    ancestors.push(current);
    current = child;
  }
}

export type { Expression, ObjectField, Statement };
