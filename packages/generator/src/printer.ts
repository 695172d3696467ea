/**
 * Turns a syntax tree into Alloy text.
 *
 * The layout follows `alloy fmt`: tab indentation, `=` aligned within runs of
 * single-line attributes or object fields, a blank line before blocks,
 * `name "label" { }` for empty blocks, one element per line with a trailing
 * comma for arrays and objects built as multi-line (`trailingComma: true`).
 * `formatAlloy` is still applied by `renderConfig` as the authority.
 */
import type { Block, Expression, File, ObjectExpr, ObjectField, Statement } from '@alloy-toolkit/syntax';
import { leadingComments } from './builder.js';

const INDENT = '\t';

function indentOf(depth: number): string {
  return INDENT.repeat(depth);
}

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** Precedence of binary operators, lowest first (upstream's table). */
const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  '^': 6,
};

/** Prints an expression whose first line starts at nesting `depth`. */
export function printExpression(expression: Expression, depth = 0): string {
  switch (expression.type) {
    case 'Literal':
      return expression.raw;
    case 'IdentifierExpr':
      return expression.name;
    case 'Access':
      return `${printExpression(expression.object, depth)}.${expression.property}`;
    case 'Index':
      return `${printExpression(expression.object, depth)}[${printExpression(expression.index, depth)}]`;
    case 'Call':
      return `${printExpression(expression.callee, depth)}(${expression.args.map((arg) => printExpression(arg, depth)).join(', ')})`;
    case 'Unary':
      return `${expression.operator}${printOperand(expression.operand, 7, depth)}`;
    case 'Binary': {
      const precedence = BINARY_PRECEDENCE[expression.operator] ?? 0;
      // `^` is right-associative; every other operator is left-associative.
      const rightAssociative = expression.operator === '^';
      const left = printOperand(expression.left, rightAssociative ? precedence + 1 : precedence, depth);
      const right = printOperand(expression.right, rightAssociative ? precedence : precedence + 1, depth);
      return `${left} ${expression.operator} ${right}`;
    }
    case 'Paren':
      return `(${printExpression(expression.expression, depth)})`;
    case 'Array':
      if (expression.elements.length === 0) return '[]';
      if (!expression.trailingComma) {
        return `[${expression.elements.map((element) => printExpression(element, depth)).join(', ')}]`;
      }
      return [
        '[',
        ...expression.elements.map((element) => `${indentOf(depth + 1)}${printExpression(element, depth + 1)},`),
        `${indentOf(depth)}]`,
      ].join('\n');
    case 'Object':
      return printObject(expression, depth);
    case 'Error':
      throw new TypeError('cannot print an error expression');
  }
}

function printOperand(operand: Expression, minimumPrecedence: number, depth: number): string {
  const text = printExpression(operand, depth);
  if (operand.type === 'Binary' && (BINARY_PRECEDENCE[operand.operator] ?? 0) < minimumPrecedence) return `(${text})`;
  if (operand.type === 'Unary' && minimumPrecedence > 7) return `(${text})`;
  return text;
}

interface AlignedItem {
  comments: readonly string[];
  key: string;
  value: string;
}

/**
 * Lays out `key = value` items: `=` aligned within runs; a comment line starts
 * a new run and a multi-line value ends the run after itself.
 */
function printAlignedItems(items: AlignedItem[], depth: number, suffix: string): string[] {
  const lines: string[] = [];
  let index = 0;
  while (index < items.length) {
    let end = index;
    while (end < items.length) {
      const item = items[end];
      if (item === undefined || (end > index && item.comments.length > 0)) break;
      end++;
      if (item.value.includes('\n')) break;
    }
    const run = items.slice(index, end);
    const width = Math.max(...run.map((item) => codePointLength(item.key)));
    for (const item of run) {
      for (const comment of item.comments) lines.push(`${indentOf(depth)}//${comment}`);
      const padding = ' '.repeat(width - codePointLength(item.key));
      lines.push(`${indentOf(depth)}${item.key}${padding} = ${item.value}${suffix}`);
    }
    index = end;
  }
  return lines;
}

function printObject(object: ObjectExpr, depth: number): string {
  if (object.fields.length === 0) return '{}';
  if (!object.trailingComma) {
    return `{${object.fields.map((entry) => `${entry.key.raw} = ${printExpression(entry.value, depth + 1)}`).join(', ')}}`;
  }
  const items = object.fields.map((entry: ObjectField) => ({
    comments: leadingComments(entry),
    key: entry.key.raw,
    value: printExpression(entry.value, depth + 1),
  }));
  return ['{', ...printAlignedItems(items, depth + 1, ','), `${indentOf(depth)}}`].join('\n');
}

function blockHeader(statement: Block): string {
  const name = statement.name.map((fragment) => fragment.name).join('.');
  return statement.label && statement.label.value !== '' ? `${name} "${statement.label.value}"` : name;
}

function printBody(body: Statement[], depth: number): string[] {
  const lines: string[] = [];
  let pending: AlignedItem[] = [];
  const flushAttributes = (): void => {
    lines.push(...printAlignedItems(pending, depth, ''));
    pending = [];
  };
  body.forEach((statement, index) => {
    if (statement.type === 'Attribute') {
      pending.push({
        comments: leadingComments(statement),
        key: statement.name,
        value: printExpression(statement.value, depth),
      });
      return;
    }
    flushAttributes();
    if (index > 0) lines.push('');
    for (const comment of leadingComments(statement)) lines.push(`${indentOf(depth)}//${comment}`);
    const header = `${indentOf(depth)}${blockHeader(statement)}`;
    if (statement.body.length === 0) {
      lines.push(`${header} { }`);
    } else {
      lines.push(`${header} {`, ...printBody(statement.body, depth + 1), `${indentOf(depth)}}`);
    }
  });
  flushAttributes();
  return lines;
}

/** Prints a whole file, ending with one newline (as `alloy fmt` does). */
export function printFile(file: File): string {
  return `${printBody(file.body, 0).join('\n')}\n`;
}
