import type { Expression, IdentifierExpr, AccessExpr, LineIndex, Range } from '@alloy-toolkit/syntax';
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
export function traversalSegments(expression: Expression, lines: LineIndex): ReferenceSegment[] | undefined {
  let length = 1;
  let current: Expression = expression;
  while (current.type === 'Access') {
    length++;
    current = current.object;
  }
  if (current.type !== 'IdentifierExpr') return undefined;
  const segments = new Array<ReferenceSegment>(length);
  segments[0] = new Segment(current.name, current.start, current.end, lines);
  current = expression;
  for (let index = length - 1; index > 0; index--) {
    const access = current as AccessExpr;
    // The property ends the access (propertySpan).
    segments[index] = new Segment(access.property, access.end - access.property.length, access.end, lines);
    current = access.object;
  }
  return segments;
}

/**
 * A name of a path. Its range is computed on first use: a file's every reference has segments,
 * and positions for all of them (two objects and two line lookups each) cost an editor's checks
 * more than the rest of linking.
 */
class Segment implements ReferenceSegment {
  readonly #lines: LineIndex;
  #range: Range | undefined;

  constructor(
    readonly name: string,
    readonly start: number,
    readonly end: number,
    lines: LineIndex,
  ) {
    this.#lines = lines;
  }

  get range(): Range {
    // After a syntax error the token standing for a name may span lines: the range is the index's.
    return (this.#range ??= this.#lines.range(this.start, this.end));
  }
}

/** Returned for expressions without traversals (most values are literals); never modified. */
const noTraversals: readonly Traversal[] = Object.freeze([]);

/** Nesting depth from which `collectTraversals` continues with an explicit stack. */
const maximumRecursionDepth = 200;

/**
 * Every traversal in an expression, in source order, as upstream scans them: an index or a call
 * ends a traversal; the indexed or called part is one traversal, arguments are scanned separately.
 * Recursive up to a depth, then iterative, so that very deep expressions cannot overflow the stack.
 */
export function collectTraversals(root: Expression, lines: LineIndex): readonly Traversal[] {
  return collectInto(root, false, undefined, 0, lines) ?? noTraversals;
}

function traversalOf(expression: IdentifierExpr | AccessExpr, segments: ReferenceSegment[], isCallee: boolean, lines: LineIndex): Traversal {
  const range = lines.range(segments[0]!.start, segments[segments.length - 1]!.end);
  return { expression, segments, range, isCallee };
}

/** Appends the traversals of `expression` to `found` (created on the first one) and returns it. */
function collectInto(expression: Expression, isCallee: boolean, found: Traversal[] | undefined, depth: number, lines: LineIndex): Traversal[] | undefined {
  if (depth > maximumRecursionDepth) return collectIteratively(expression, isCallee, found, lines);
  switch (expression.type) {
    case 'IdentifierExpr':
    case 'Access': {
      const segments = traversalSegments(expression, lines);
      if (segments) {
        const traversal = traversalOf(expression, segments, isCallee, lines);
        if (found) found.push(traversal);
        else found = [traversal];
        return found;
      }
      return expression.type === 'Access' ? collectInto(expression.object, false, found, depth + 1, lines) : found;
    }
    case 'Index':
      found = collectInto(expression.object, false, found, depth + 1, lines);
      return collectInto(expression.index, false, found, depth + 1, lines);
    case 'Call':
      found = collectInto(expression.callee, true, found, depth + 1, lines);
      for (const argument of expression.args) found = collectInto(argument, false, found, depth + 1, lines);
      return found;
    case 'Unary':
      return collectInto(expression.operand, false, found, depth + 1, lines);
    case 'Binary':
      found = collectInto(expression.left, false, found, depth + 1, lines);
      return collectInto(expression.right, false, found, depth + 1, lines);
    case 'Array':
      for (const element of expression.elements) {
        if (element.type !== 'Literal') found = collectInto(element, false, found, depth + 1, lines);
      }
      return found;
    case 'Object':
      for (const field of expression.fields) {
        if (field.value.type !== 'Literal') found = collectInto(field.value, false, found, depth + 1, lines);
      }
      return found;
    case 'Paren':
      return collectInto(expression.expression, isCallee, found, depth + 1, lines);
    case 'Literal':
    case 'Error':
      return found;
  }
}

/** `collectInto` with an explicit stack. */
function collectIteratively(root: Expression, rootIsCallee: boolean, found: Traversal[] | undefined, lines: LineIndex): Traversal[] | undefined {
  // Pending expressions, last first; a callee (or a parenthesised callee) is pushed with its flag set.
  const pending: Expression[] = [root];
  const calleeFlags: boolean[] = [rootIsCallee];
  while (pending.length > 0) {
    const expression = pending.pop()!;
    const isCallee = calleeFlags.pop()!;
    switch (expression.type) {
      case 'IdentifierExpr':
      case 'Access': {
        const segments = traversalSegments(expression, lines);
        if (segments) {
          (found ??= []).push(traversalOf(expression, segments, isCallee, lines));
        } else if (expression.type === 'Access') {
          pending.push(expression.object);
          calleeFlags.push(false);
        }
        break;
      }
      case 'Index':
        pending.push(expression.index, expression.object);
        calleeFlags.push(false, false);
        break;
      case 'Call':
        for (let index = expression.args.length - 1; index >= 0; index--) {
          pending.push(expression.args[index]!);
          calleeFlags.push(false);
        }
        pending.push(expression.callee);
        calleeFlags.push(true);
        break;
      case 'Unary':
        pending.push(expression.operand);
        calleeFlags.push(false);
        break;
      case 'Binary':
        pending.push(expression.right, expression.left);
        calleeFlags.push(false, false);
        break;
      case 'Array':
        for (let index = expression.elements.length - 1; index >= 0; index--) {
          pending.push(expression.elements[index]!);
          calleeFlags.push(false);
        }
        break;
      case 'Object':
        for (let index = expression.fields.length - 1; index >= 0; index--) {
          pending.push(expression.fields[index]!.value);
          calleeFlags.push(false);
        }
        break;
      case 'Paren':
        pending.push(expression.expression);
        calleeFlags.push(isCallee);
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
