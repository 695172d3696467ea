/**
 * What the text before the cursor says about the place being edited.
 *
 * Completion runs on half-written text that often does not parse, so this is
 * a small lexical scan rather than a walk of the (recovered) syntax tree: it
 * tracks strings, comments and brackets, and tells block bodies from object
 * literals by what precedes the `{`.
 */

export interface BlockFrame {
  kind: 'block';
  name: string;
  label: string | undefined;
  /** Offset of the `{`. */
  openOffset: number;
}

interface ExpressionFrame {
  kind: 'object' | 'array' | 'paren';
  /** The attribute whose value holds this bracket, when it is directly in a block body. */
  attribute: string | undefined;
  openOffset: number;
}

type Frame = BlockFrame | ExpressionFrame;

export type CursorPlace =
  /** Where a statement may start: an attribute or block name; `prefix` is the dotted word typed so far. */
  | { kind: 'statement'; prefix: string; prefixStart: number }
  /** Inside an expression; `attribute` is the block-body attribute being assigned, if known. */
  | {
      kind: 'expression';
      attribute: string | undefined;
      /** The dotted reference typed so far: `prometheus.exporter.` gives ['prometheus', 'exporter', '']. */
      path: string[];
      pathStart: number;
      /** Inside an array (directly in the attribute's value). */
      inArray: boolean;
      /** Inside a string literal; `stringStart` is the offset after the opening quote. */
      inString: boolean;
      stringStart: number;
    }
  /** A block label, a comment, or after the block header. */
  | { kind: 'none' };

export interface CursorContext {
  /** Enclosing blocks, outermost first. */
  blocks: BlockFrame[];
  place: CursorPlace;
}

const identifierChain = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(?:"((?:[^"\\\n]|\\.)*)")?\s*$/;

export function cursorContext(text: string, offset: number): CursorContext {
  const stack: Frame[] = [];
  let statementStart = 0;
  let index = 0;
  let inString = false;
  let stringStart = 0;
  const end = Math.min(offset, text.length);
  const atBlockLevel = (): boolean => stack.length === 0 || stack[stack.length - 1]!.kind === 'block';

  while (index < end) {
    const character = text[index]!;
    if (character === '"') {
      const close = scanQuoted(text, index, end);
      if (close === undefined) {
        inString = true;
        stringStart = index + 1;
        break;
      }
      index = close;
      continue;
    }
    if (character === '`') {
      const close = text.indexOf('`', index + 1);
      if (close === -1 || close >= end) {
        inString = true;
        stringStart = index + 1;
        break;
      }
      index = close + 1;
      continue;
    }
    if (character === '/' && text[index + 1] === '/') {
      const newline = text.indexOf('\n', index);
      if (newline === -1 || newline >= end) return { blocks: blocksOf(stack), place: { kind: 'none' } };
      index = newline;
      continue;
    }
    if (character === '#') {
      const newline = text.indexOf('\n', index);
      if (newline === -1 || newline >= end) return { blocks: blocksOf(stack), place: { kind: 'none' } };
      index = newline;
      continue;
    }
    if (character === '/' && text[index + 1] === '*') {
      const close = text.indexOf('*/', index + 2);
      if (close === -1 || close + 2 > end) return { blocks: blocksOf(stack), place: { kind: 'none' } };
      index = close + 2;
      continue;
    }
    if (character === '{') {
      if (atBlockLevel()) {
        const header = identifierChain.exec(text.slice(statementStart, index));
        if (header) {
          stack.push({ kind: 'block', name: header[1]!, label: header[2], openOffset: index });
          statementStart = index + 1;
          index++;
          continue;
        }
      }
      stack.push({ kind: 'object', attribute: attributeOf(stack, text, statementStart, index), openOffset: index });
    } else if (character === '[') {
      stack.push({ kind: 'array', attribute: attributeOf(stack, text, statementStart, index), openOffset: index });
    } else if (character === '(') {
      stack.push({ kind: 'paren', attribute: attributeOf(stack, text, statementStart, index), openOffset: index });
    } else if (character === '}' || character === ']' || character === ')') {
      const top = stack.pop();
      if (top?.kind === 'block') statementStart = index + 1;
    } else if (character === '\n' && atBlockLevel()) {
      statementStart = index + 1;
    }
    index++;
  }

  const blocks = blocksOf(stack);
  const top = stack[stack.length - 1];
  const expressionFrame = top && top.kind !== 'block' ? top : undefined;
  if (inString) {
    const attribute = expressionFrame ? expressionFrame.attribute : assignedAttribute(text.slice(statementStart, stringStart - 1));
    if (!expressionFrame && attribute === undefined) return { blocks, place: { kind: 'none' } };
    return {
      blocks,
      place: { kind: 'expression', attribute, path: [], pathStart: offset, inArray: expressionFrame?.kind === 'array', inString: true, stringStart },
    };
  }
  const wordText = dottedWordBefore(text, end);
  const wordStart = end - wordText.length;
  if (expressionFrame) {
    return {
      blocks,
      place: {
        kind: 'expression',
        attribute: expressionFrame.attribute,
        path: wordText === '' ? [''] : wordText.split('.'),
        pathStart: wordStart,
        inArray: expressionFrame.kind === 'array',
        inString: false,
        stringStart: 0,
      },
    };
  }
  const statement = text.slice(statementStart, wordStart);
  if (/^\s*$/.test(statement)) return { blocks, place: { kind: 'statement', prefix: wordText, prefixStart: wordStart } };
  const attribute = assignedAttribute(statement);
  if (attribute !== undefined) {
    return {
      blocks,
      place: {
        kind: 'expression',
        attribute,
        path: wordText === '' ? [''] : wordText.split('.'),
        pathStart: wordStart,
        inArray: false,
        inString: false,
        stringStart: 0,
      },
    };
  }
  return { blocks, place: { kind: 'none' } };
}

const isWordCharacter = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
const isWordStart = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;

/**
 * The dotted word (`prometheus.exporter.`) ending at `end`: from the first identifier start in the
 * run of word characters and dots before `end`; empty when that run holds no identifier start.
 * Scans backwards, so its cost is the word's length, not the text's.
 */
export function dottedWordBefore(text: string, end: number): string {
  let runStart = end;
  while (runStart > 0) {
    const code = text.charCodeAt(runStart - 1);
    if (!isWordCharacter(code) && code !== 46) break;
    runStart--;
  }
  for (let index = runStart; index < end; index++) if (isWordStart(text.charCodeAt(index))) return text.slice(index, end);
  return '';
}

/** `name =` (and anything after it) at the start of a statement gives `name`. */
function assignedAttribute(statement: string): string | undefined {
  const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/.exec(statement);
  return match ? match[1] : undefined;
}

function attributeOf(stack: readonly Frame[], text: string, statementStart: number, index: number): string | undefined {
  const top = stack[stack.length - 1];
  if (top && top.kind !== 'block') return top.kind === 'array' || top.kind === 'paren' ? top.attribute : undefined;
  return assignedAttribute(text.slice(statementStart, index));
}

function blocksOf(stack: readonly Frame[]): BlockFrame[] {
  return stack.filter((frame): frame is BlockFrame => frame.kind === 'block');
}

/** The offset after the closing quote, or undefined when the string is still open at `end`. */
function scanQuoted(text: string, start: number, end: number): number | undefined {
  let index = start + 1;
  while (index < end) {
    const character = text[index];
    if (character === '\\') {
      index += 2;
      continue;
    }
    if (character === '"') return index + 1;
    if (character === '\n') return index;
    index++;
  }
  return undefined;
}
