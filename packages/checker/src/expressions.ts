import type { Expression, Identifier, IdentifierExpr, AccessExpr, Range } from '@alloy-toolkit/syntax';
import type { ReferenceSegment } from './model.js';

/** An identifier followed by an uninterrupted chain of `.name` accesses. */
export interface Traversal {
  expression: IdentifierExpr | AccessExpr;
  segments: ReferenceSegment[];
  range: Range;
  /** The traversal is the callee of a call: `sys.env(...)`. */
  isCallee: boolean;
}

/** The segments of `a.b.c`, or `undefined` when the expression is not a plain traversal. */
export function traversalSegments(expression: Expression): ReferenceSegment[] | undefined {
  const reversed: ReferenceSegment[] = [];
  let current: Expression = expression;
  while (current.type === 'Access') {
    reversed.push(segmentOf(current.property));
    current = current.object;
  }
  if (current.type !== 'IdentifierExpr') return undefined;
  reversed.push({ name: current.name, range: { start: current.start, end: current.end } });
  return reversed.reverse();
}

function segmentOf(identifier: Identifier): ReferenceSegment {
  return { name: identifier.name, range: { start: identifier.start, end: identifier.end } };
}

/**
 * Every traversal in an expression, in source order, as upstream scans them: an index or a call
 * ends a traversal; the indexed or called part is one traversal, arguments are scanned separately.
 * Iterative, so that very deep expressions cannot overflow the stack.
 */
export function collectTraversals(root: Expression): Traversal[] {
  const found: Traversal[] = [];
  const stack: { expression: Expression; isCallee: boolean }[] = [{ expression: root, isCallee: false }];
  while (stack.length > 0) {
    const { expression, isCallee } = stack.pop()!;
    switch (expression.type) {
      case 'IdentifierExpr':
      case 'Access': {
        const segments = traversalSegments(expression);
        if (segments) {
          const first = segments[0]!;
          const last = segments[segments.length - 1]!;
          found.push({ expression, segments, range: { start: first.range.start, end: last.range.end }, isCallee });
        } else if (expression.type === 'Access') {
          stack.push({ expression: expression.object, isCallee: false });
        }
        break;
      }
      case 'Index':
        stack.push({ expression: expression.index, isCallee: false });
        stack.push({ expression: expression.object, isCallee: false });
        break;
      case 'Call':
        for (let index = expression.args.length - 1; index >= 0; index--) {
          stack.push({ expression: expression.args[index]!, isCallee: false });
        }
        stack.push({ expression: expression.callee, isCallee: true });
        break;
      case 'Unary':
        stack.push({ expression: expression.operand, isCallee: false });
        break;
      case 'Binary':
        stack.push({ expression: expression.right, isCallee: false });
        stack.push({ expression: expression.left, isCallee: false });
        break;
      case 'Array':
        for (let index = expression.elements.length - 1; index >= 0; index--) {
          stack.push({ expression: expression.elements[index]!, isCallee: false });
        }
        break;
      case 'Object':
        for (let index = expression.fields.length - 1; index >= 0; index--) {
          stack.push({ expression: expression.fields[index]!.value, isCallee: false });
        }
        break;
      case 'Paren':
        stack.push({ expression: expression.expression, isCallee });
        break;
      case 'Literal':
      case 'Error':
        break;
    }
  }
  return found;
}

export type ValueKind = 'string' | 'number' | 'bool' | 'null' | 'array' | 'object';

const arithmetic = new Set(['-', '*', '/', '%', '^']);
const comparison = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** The type of a literal expression (literals, arrays, objects, and operators over literals), or `undefined`. */
export function literalKind(expression: Expression, depth = 0): ValueKind | undefined {
  if (depth > 200) return undefined;
  switch (expression.type) {
    case 'Literal':
      if (expression.kind === 'float') return 'number';
      return expression.kind;
    case 'Array':
      return 'array';
    case 'Object':
      return 'object';
    case 'Paren':
      return literalKind(expression.expression, depth + 1);
    case 'Unary': {
      const operand = literalKind(expression.operand, depth + 1);
      if (expression.operator === '-' && operand === 'number') return 'number';
      if (expression.operator === '!' && operand === 'bool') return 'bool';
      return undefined;
    }
    case 'Binary': {
      const left = literalKind(expression.left, depth + 1);
      const right = literalKind(expression.right, depth + 1);
      if (left === undefined || right === undefined) return undefined;
      if (comparison.has(expression.operator)) return 'bool';
      if (expression.operator === '&&' || expression.operator === '||') return left === 'bool' && right === 'bool' ? 'bool' : undefined;
      if (expression.operator === '+') {
        if (left === right && (left === 'number' || left === 'string')) return left;
        return undefined;
      }
      if (arithmetic.has(expression.operator)) return left === 'number' && right === 'number' ? 'number' : undefined;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The value of a string expression built from literals and `+`, or `undefined`. */
export function literalString(expression: Expression, depth = 0): string | undefined {
  if (depth > 200) return undefined;
  switch (expression.type) {
    case 'Literal':
      return expression.kind === 'string' && typeof expression.value === 'string' ? expression.value : undefined;
    case 'Paren':
      return literalString(expression.expression, depth + 1);
    case 'Binary': {
      if (expression.operator !== '+') return undefined;
      const left = literalString(expression.left, depth + 1);
      const right = left === undefined ? undefined : literalString(expression.right, depth + 1);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    default:
      return undefined;
  }
}
