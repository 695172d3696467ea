import type { Comment, Diagnostic, Expression, Identifier, ParseResult, Position, Statement } from './ast.js';
import { parse } from './index.js';
import { LineIndex } from './positions.js';

/**
 * One text change as an editor sends it: the replaced span, given either as
 * `range` (0-based LSP line and UTF-16 character) or as offsets, and the new text.
 */
export type IncrementalChange =
  | { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }
  | { startOffset: number; endOffset: number; text: string };

export interface ReparseOptions {
  /**
   * The caller gives `previous` up (an editor replacing a document's parse): the statements and
   * comments after the change are moved in place instead of copied, which saves copying and
   * collecting most of the tree. `previous` and its nodes must not be used afterwards.
   */
  consumePrevious?: boolean;
}

/** How `reparse` produced its result. */
export interface IncrementalParse {
  result: ParseResult;
  /** `true` when untouched top-level statements were reused, `false` after a full parse. */
  incremental: boolean;
  /** The text after the change. */
  text: string;
}

/**
 * Applies `change` to `previousText` and returns the parse of the new text, equal to
 * `parse(newText)`. Top-level statements the change does not touch are reused (the
 * ones after it with shifted positions, as new objects: `previous` is not mutated unless
 * `consumePrevious` gives it up);
 * only the whole statements around the change are parsed again. Whenever reuse could
 * differ from a fresh parse (syntax errors before or after the change, statements
 * that would no longer be separated by a newline), the whole text is parsed.
 */
export function reparse(previousText: string, previous: ParseResult, change: IncrementalChange, options: ReparseOptions = {}): IncrementalParse {
  const [changeStart, changeEnd] = changeOffsets(previousText, change);
  const text = previousText.slice(0, changeStart) + change.text + previousText.slice(changeEnd);
  const result = reuseStatements(previousText, previous, text, changeStart, changeEnd, change.text, options.consumePrevious === true);
  return result ? { result, incremental: true, text } : { result: parse(text), incremental: false, text };
}

function changeOffsets(text: string, change: IncrementalChange): [number, number] {
  if ('range' in change) {
    const start = offsetOfLspPosition(text, change.range.start.line, change.range.start.character);
    const end = offsetOfLspPosition(text, change.range.end.line, change.range.end.character);
    return start <= end ? [start, end] : [end, start];
  }
  const start = clamp(change.startOffset, text.length);
  const end = clamp(change.endOffset, text.length);
  return start <= end ? [start, end] : [end, start];
}

function clamp(offset: number, length: number): number {
  return Math.max(0, Math.min(Number.isFinite(offset) ? Math.trunc(offset) : 0, length));
}

/**
 * As LSP text documents do: lines end at `\r\n`, `\r` or `\n` (Alloy counts only `\n`, but LSP
 * positions are the editor's); a line past the last is the end of the text, and a character past
 * the end of its line is that end.
 */
function offsetOfLspPosition(text: string, line: number, character: number): number {
  if (line < 0) return 0;
  let lineStart = 0;
  for (let current = 0; current < line; current++) {
    const next = nextLspLineStart(text, lineStart);
    if (next === -1) return text.length;
    lineStart = next;
  }
  let lineEnd = lineStart;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  return lineStart + Math.max(0, Math.min(character, lineEnd - lineStart));
}

/** The offset after the line break that ends the line at `from`, or -1 on the last line. */
function nextLspLineStart(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) return index + 1;
    if (code === 13) return text.charCodeAt(index + 1) === 10 ? index + 2 : index + 1;
  }
  return -1;
}

function reuseStatements(
  previousText: string,
  previous: ParseResult,
  text: string,
  changeStart: number,
  changeEnd: number,
  insertedText: string,
  consumePrevious: boolean,
): ParseResult | undefined {
  const body = previous.file.body;
  // Statements before `kept` end strictly before the change; those from `resumed` on start strictly after it.
  const kept = firstIndex(body, (statement) => statement.end >= changeStart);
  const resumed = firstIndex(body, (statement) => statement.start > changeEnd);
  if (kept === 0 && resumed === body.length) return undefined;
  const delta = insertedText.length - (changeEnd - changeStart);
  const sliceStart = kept === 0 ? 0 : body[kept - 1]!.end;
  const previousSliceEnd = resumed === body.length ? previousText.length : body[resumed]!.start;
  const sliceEnd = previousSliceEnd + delta;
  const keptStart = kept === 0 ? 0 : body[kept - 1]!.start;
  // The first statement after the slice must be error-free too: an error at its start may be the
  // old slice's (a missing newline), and the parser's one-error-per-line rule may have hidden others.
  const resumedEnd = resumed === body.length ? Infinity : body[resumed]!.end;
  if (!errorsStayOutside(previous, keptStart, resumedEnd)) return undefined;

  const sliceText = text.slice(sliceStart, sliceEnd);
  const slice = parse(sliceText);
  const sliceBody = slice.file.body;
  const sliceComments = slice.comments;
  // The re-parsed text must start a statement on a new line after the reused statement before it.
  if (kept > 0 && !contentStartsOnNewLine(sliceText, sliceComments)) return undefined;
  const lines = new LineIndex(text);
  if (slice.diagnostics.length > 0) {
    // After an error the parser may still be recovering when the slice ends, so the statements
    // after it would parse differently: errors in the slice are kept only when it runs to the end.
    if (resumed < body.length) return undefined;
    // The parser reports one error per line: an error just before must not be on a line the slice
    // reports on (lines before the slice are the same in both texts).
    const lastKeptErrorLine = lastErrorLineBefore(previous, previousSliceEnd);
    if (slice.diagnostics.some((diagnostic) => lines.lineOf(diagnostic.range.start.offset + sliceStart) === lastKeptErrorLine)) return undefined;
  }
  if (resumed < body.length) {
    // Nothing re-parsed may run into the statements after it (a comment or token cut by the slice end).
    const finalNewline = sliceText.lastIndexOf('\n');
    const lastStatement = sliceBody[sliceBody.length - 1];
    const lastStatementEnd = lastStatement ? lastStatement.end : 0;
    const lastCommentEnd = sliceComments.length > 0 ? sliceComments[sliceComments.length - 1]!.end : 0;
    if (finalNewline < Math.max(lastStatementEnd, lastCommentEnd)) return undefined;
  }

  // Diagnostics carry positions: the slice's and the later ones are placed again in the new text.
  const toNewText = (offsetDelta: number) => (position: Position): Position => lines.positionAt(position.offset + offsetDelta);
  const diagnostics: Diagnostic[] = [];
  let next = 0;
  const previousDiagnostics = previous.diagnostics;
  for (; next < previousDiagnostics.length && previousDiagnostics[next]!.range.start.offset < previousSliceEnd; next++) diagnostics.push(previousDiagnostics[next]!);
  const fromSlice = toNewText(sliceStart);
  for (const diagnostic of slice.diagnostics) diagnostics.push(mapDiagnostic(diagnostic, fromSlice));
  const moved = toNewText(delta);
  for (; next < previousDiagnostics.length; next++) diagnostics.push(mapDiagnostic(previousDiagnostics[next]!, moved));

  // The slice's tree and comments are this function's own: shifted in place. The statements after
  // it are shifted in place only when the caller gives `previous` up, and copied otherwise.
  const newBody: Statement[] = body.slice(0, kept);
  for (const statement of sliceBody) {
    shiftInPlace(statement, sliceStart);
    newBody.push(statement);
  }
  for (let index = resumed; index < body.length; index++) {
    const statement = body[index]!;
    if (delta === 0) newBody.push(statement);
    else if (consumePrevious) {
      shiftInPlace(statement, delta);
      newBody.push(statement);
    } else newBody.push(shiftedCopy(statement, delta));
  }

  const comments: Comment[] = [];
  const previousComments = previous.comments;
  let index = 0;
  for (; index < previousComments.length && previousComments[index]!.end <= sliceStart; index++) comments.push(previousComments[index]!);
  for (const comment of sliceComments) {
    comment.start += sliceStart;
    comment.end += sliceStart;
    comments.push(comment);
  }
  while (index < previousComments.length && previousComments[index]!.start < previousSliceEnd) index++;
  for (; index < previousComments.length; index++) {
    const comment = previousComments[index]!;
    if (delta === 0) comments.push(comment);
    else if (consumePrevious) {
      comment.start += delta;
      comment.end += delta;
      comments.push(comment);
    } else comments.push({ kind: comment.kind, text: comment.text, start: comment.start + delta, end: comment.end + delta });
  }

  return {
    file: { type: 'File', body: newBody, start: 0, end: text.length },
    comments,
    diagnostics,
    lines,
  };
}

/**
 * The parser recovers from an error by skipping tokens, possibly past the end of the statement
 * holding it (to the end of the file), and reports at most one error per line. Previous errors
 * are harmless only before the last reused statement in front of the change (nothing after it
 * can alter how they were found) or after the first reused statement behind it (parsed from the
 * same state and tokens).
 */
function errorsStayOutside(previous: ParseResult, keptStart: number, resumedEnd: number): boolean {
  for (const diagnostic of previous.diagnostics) {
    if (diagnostic.range.end.offset < keptStart || diagnostic.range.start.offset >= resumedEnd) continue;
    return false;
  }
  return true;
}

function firstIndex(body: readonly Statement[], predicate: (statement: Statement) => boolean): number {
  let low = 0;
  let high = body.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (predicate(body[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Whether a newline outside comments comes before the first token of `text` (true when there is none). */
function contentStartsOnNewLine(text: string, comments: readonly Comment[]): boolean {
  let sawNewline = false;
  let comment = 0;
  for (let index = 0; index < text.length; ) {
    const character = text[index];
    if (character === '\n') sawNewline = true;
    else if (comments[comment]?.start === index) {
      index = comments[comment]!.end;
      comment++;
      continue;
    } else if (character !== ' ' && character !== '\t' && character !== '\r') return sawNewline;
    index++;
  }
  return true;
}

/** The line of the last error that starts before `offset`, or -1 (diagnostics come in upstream's order, not by offset). */
function lastErrorLineBefore(previous: ParseResult, offset: number): number {
  let line = -1;
  let lastStart = -1;
  for (const diagnostic of previous.diagnostics) {
    const start = diagnostic.range.start;
    if (start.offset < offset && start.offset >= lastStart) {
      lastStart = start.offset;
      line = start.line;
    }
  }
  return line;
}

type MapPosition = (position: Position) => Position;

function mapDiagnostic(diagnostic: Diagnostic, map: MapPosition): Diagnostic {
  const shifted: Diagnostic = { ...diagnostic, range: { start: map(diagnostic.range.start), end: map(diagnostic.range.end) } };
  if (diagnostic.fix) {
    shifted.fix = {
      title: diagnostic.fix.title,
      edits: diagnostic.fix.edits.map((edit) => ({ range: { start: map(edit.range.start), end: map(edit.range.end) }, newText: edit.newText })),
    };
  }
  return shifted;
}

/**
 * Adds `delta` to every offset of a statement, in place. Recursive: the parser bounds nesting
 * (MAX_NESTING_DEPTH), and an editor shifts every statement after each edit, so no walker frames.
 */
function shiftInPlace(statement: Statement, delta: number): void {
  statement.start += delta;
  statement.end += delta;
  if (statement.type === 'Attribute') {
    shiftExpression(statement.value, delta);
    return;
  }
  for (const fragment of statement.name) shiftIdentifier(fragment, delta);
  if (statement.label) {
    statement.label.start += delta;
    statement.label.end += delta;
  }
  statement.lbrace += delta;
  if (statement.rbrace !== null) statement.rbrace += delta;
  for (const child of statement.body) shiftInPlace(child, delta);
}

function shiftIdentifier(identifier: Identifier, delta: number): void {
  identifier.start += delta;
  identifier.end += delta;
}

function shiftExpression(expression: Expression, delta: number): void {
  expression.start += delta;
  expression.end += delta;
  switch (expression.type) {
    case 'Access':
      shiftExpression(expression.object, delta);
      break;
    case 'Index':
      expression.lbracket += delta;
      expression.rbracket += delta;
      shiftExpression(expression.object, delta);
      shiftExpression(expression.index, delta);
      break;
    case 'Call':
      expression.lparen += delta;
      expression.rparen += delta;
      shiftExpression(expression.callee, delta);
      for (const argument of expression.args) shiftExpression(argument, delta);
      break;
    case 'Unary':
      shiftExpression(expression.operand, delta);
      break;
    case 'Binary':
      expression.operatorStart += delta;
      shiftExpression(expression.left, delta);
      shiftExpression(expression.right, delta);
      break;
    case 'Array':
      expression.lbracket += delta;
      expression.rbracket += delta;
      for (const element of expression.elements) shiftExpression(element, delta);
      break;
    case 'Object':
      expression.lbrace += delta;
      expression.rbrace += delta;
      for (const field of expression.fields) {
        field.start += delta;
        field.end += delta;
        field.key.start += delta;
        field.key.end += delta;
        shiftExpression(field.value, delta);
      }
      break;
    case 'Paren':
      expression.lparen += delta;
      expression.rparen += delta;
      shiftExpression(expression.expression, delta);
      break;
    default:
      break;
  }
}

/** A copy of a statement with `delta` added to every offset; `statement` is left as it was. */
function shiftedCopy(statement: Statement, delta: number): Statement {
  const copy = structuredClone(statement);
  shiftInPlace(copy, delta);
  return copy;
}
