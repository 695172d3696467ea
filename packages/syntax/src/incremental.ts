import type { Block, BlockLabel, Comment, Diagnostic, Expression, Identifier, ObjectField, ParseResult, Position, Statement } from './ast.js';
import { parse } from './index.js';

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
  const kept = firstIndex(body, (statement) => statement.end.offset >= changeStart);
  const resumed = firstIndex(body, (statement) => statement.start.offset > changeEnd);
  if (kept === 0 && resumed === body.length) return undefined;
  const delta = insertedText.length - (changeEnd - changeStart);
  const sliceStart = kept === 0 ? 0 : body[kept - 1]!.end.offset;
  const previousSliceEnd = resumed === body.length ? previousText.length : body[resumed]!.start.offset;
  const sliceEnd = previousSliceEnd + delta;
  const keptStart = kept === 0 ? 0 : body[kept - 1]!.start.offset;
  // The first statement after the slice must be error-free too: an error at its start may be the
  // old slice's (a missing newline), and the parser's one-error-per-line rule may have hidden others.
  const resumedEnd = resumed === body.length ? Infinity : body[resumed]!.end.offset;
  if (!errorsStayOutside(previous, keptStart, resumedEnd)) return undefined;

  const sliceText = text.slice(sliceStart, sliceEnd);
  const slice = parse(sliceText);
  const base: Position = kept === 0 ? { offset: 0, line: 1, column: 1 } : body[kept - 1]!.end;
  const sliceBody = slice.file.body;
  const sliceComments = slice.comments;
  // The re-parsed text must start a statement on a new line after the reused statement before it.
  if (kept > 0 && !contentStartsOnNewLine(sliceText, sliceComments)) return undefined;
  if (slice.diagnostics.length > 0) {
    // After an error the parser may still be recovering when the slice ends, so the statements
    // after it would parse differently: errors in the slice are kept only when it runs to the end.
    if (resumed < body.length) return undefined;
    // The parser reports one error per line: an error just before must not be on a line the slice reports on.
    const lastKeptErrorLine = lastErrorLineBefore(previous, previousSliceEnd);
    if (slice.diagnostics.some((diagnostic) => diagnostic.range.start.line + base.line - 1 === lastKeptErrorLine)) return undefined;
  }
  if (resumed < body.length) {
    // Nothing re-parsed may run into the statements after it (a comment or token cut by the slice end).
    const finalNewline = sliceText.lastIndexOf('\n');
    const lastStatement = sliceBody[sliceBody.length - 1];
    const lastStatementEnd = lastStatement ? lastStatement.end.offset : 0;
    const lastCommentEnd = sliceComments.length > 0 ? sliceComments[sliceComments.length - 1]!.end.offset : 0;
    if (finalNewline < Math.max(lastStatementEnd, lastCommentEnd)) return undefined;
  }

  const lineBase = base.line - 1;
  const columnBase = base.column - 1;
  const rebase = (position: Position): Position => ({
    offset: position.offset + sliceStart,
    line: position.line + lineBase,
    column: position.line === 1 ? position.column + columnBase : position.column,
  });
  // The slice's tree and comments are this function's own: their positions are rebased in place
  // (each object once, see `forEachPosition`) instead of copied.
  const rebaseInPlace = (position: Position): void => {
    if (position.line === 1) position.column += columnBase;
    position.offset += sliceStart;
    position.line += lineBase;
  };
  const changedLine = base.line + countNewlines(previousText, sliceStart, changeEnd);
  const lineDelta = countNewlines(insertedText, 0, insertedText.length) - countNewlines(previousText, changeStart, changeEnd);
  const newChangeEndColumn = columnOfOffset(text, changeStart + insertedText.length);
  const columnDelta = newChangeEndColumn - columnOfOffset(previousText, changeEnd);
  const shift =
    delta === 0 && lineDelta === 0 && columnDelta === 0
      ? undefined
      : (position: Position): Position => ({
          offset: position.offset + delta,
          line: position.line + lineDelta,
          column: position.line === changedLine ? position.column + columnDelta : position.column,
        });

  // `forEachPosition` visits each position object once, skipping the ones a node shares with its
  // children (and the one object of a zero-width node), so each moves once.
  const moveInPlace = (position: Position): void => {
    if (position.line === changedLine) position.column += columnDelta;
    position.offset += delta;
    position.line += lineDelta;
  };
  const move = shift && consumePrevious ? moveInPlace : undefined;

  // Before anything moves in place: a diagnostic or its fix may share a position with a node.
  const diagnostics: Diagnostic[] = [];
  let next = 0;
  const previousDiagnostics = previous.diagnostics;
  for (; next < previousDiagnostics.length && previousDiagnostics[next]!.range.start.offset < previousSliceEnd; next++) diagnostics.push(previousDiagnostics[next]!);
  for (const diagnostic of slice.diagnostics) diagnostics.push(mapDiagnostic(diagnostic, rebase));
  for (; next < previousDiagnostics.length; next++) {
    const diagnostic = previousDiagnostics[next]!;
    diagnostics.push(shift ? mapDiagnostic(diagnostic, shift) : diagnostic);
  }
  const newBody: Statement[] = body.slice(0, kept);
  for (const statement of sliceBody) {
    forEachPosition(statement, rebaseInPlace);
    newBody.push(statement);
  }
  for (let index = resumed; index < body.length; index++) {
    const statement = body[index]!;
    if (move) forEachPosition(statement, move);
    newBody.push(shift && !move ? mapStatement(statement, shift) : statement);
  }

  const comments: Comment[] = [];
  const previousComments = previous.comments;
  let index = 0;
  for (; index < previousComments.length && previousComments[index]!.end.offset <= sliceStart; index++) comments.push(previousComments[index]!);
  for (const comment of sliceComments) {
    rebaseInPlace(comment.start);
    rebaseInPlace(comment.end);
    comments.push(comment);
  }
  while (index < previousComments.length && previousComments[index]!.start.offset < previousSliceEnd) index++;
  for (; index < previousComments.length; index++) {
    const comment = previousComments[index]!;
    if (move) {
      move(comment.start);
      move(comment.end);
    }
    comments.push(shift && !move ? mapComment(comment, shift) : comment);
  }

  const lastNewline = text.lastIndexOf('\n');
  const fileEnd: Position = {
    offset: text.length,
    line: previous.file.end.line + lineDelta,
    column: text.length - lastNewline,
  };
  return {
    file: { type: 'File', body: newBody, start: { offset: 0, line: 1, column: 1 }, end: fileEnd },
    comments,
    diagnostics,
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
    else if (comments[comment]?.start.offset === index) {
      index = comments[comment]!.end.offset;
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

function columnOfOffset(text: string, offset: number): number {
  return offset - (offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1) + 1;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  let index = text.indexOf('\n', from);
  while (index !== -1 && index < to) {
    count++;
    index = text.indexOf('\n', index + 1);
  }
  return count;
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

function mapComment(comment: Comment, map: MapPosition): Comment {
  return { kind: comment.kind, text: comment.text, start: map(comment.start), end: map(comment.end) };
}

function mapIdentifier(identifier: Identifier, map: MapPosition): Identifier {
  return { type: 'Identifier', name: identifier.name, start: map(identifier.start), end: map(identifier.end) };
}

/** The parser shares position objects between a node and its first or last child: keep that sharing, with one new object. */
function shared(position: Position, childPosition: Position, mappedChildPosition: Position, map: MapPosition): Position {
  return position === childPosition ? mappedChildPosition : map(position);
}

function mapStatement(statement: Statement, map: MapPosition): Statement {
  if (statement.type === 'Attribute') {
    const name = mapIdentifier(statement.name, map);
    const value = mapExpression(statement.value, map);
    return {
      type: 'Attribute',
      name,
      value,
      start: shared(statement.start, statement.name.start, name.start, map),
      end: shared(statement.end, statement.value.end, value.end, map),
    };
  }
  return mapBlock(statement, map);
}

function mapBlock(block: Block, map: MapPosition): Block {
  const label: BlockLabel | null = block.label === null ? null : { value: block.label.value, raw: block.label.raw, start: map(block.label.start), end: map(block.label.end) };
  const name = block.name.map((identifier) => mapIdentifier(identifier, map));
  return {
    type: 'Block',
    name,
    fullName: block.fullName,
    label,
    body: block.body.map((statement) => mapStatement(statement, map)),
    lbrace: map(block.lbrace),
    rbrace: block.rbrace === null ? null : map(block.rbrace),
    start: name.length > 0 ? shared(block.start, block.name[0]!.start, name[0]!.start, map) : map(block.start),
    end: map(block.end),
  };
}

function mapExpression(expression: Expression, map: MapPosition): Expression {
  switch (expression.type) {
    case 'Literal':
      return { type: 'Literal', kind: expression.kind, raw: expression.raw, value: expression.value, start: map(expression.start), end: map(expression.end) };
    case 'IdentifierExpr':
      return { type: 'IdentifierExpr', name: expression.name, start: map(expression.start), end: map(expression.end) };
    case 'Access': {
      const object = mapExpression(expression.object, map);
      const property = mapIdentifier(expression.property, map);
      return {
        type: 'Access',
        object,
        property,
        start: shared(expression.start, expression.object.start, object.start, map),
        end: shared(expression.end, expression.property.end, property.end, map),
      };
    }
    case 'Index': {
      const object = mapExpression(expression.object, map);
      return {
        type: 'Index',
        object,
        index: mapExpression(expression.index, map),
        lbracket: map(expression.lbracket),
        rbracket: map(expression.rbracket),
        start: shared(expression.start, expression.object.start, object.start, map),
        end: map(expression.end),
      };
    }
    case 'Call': {
      const callee = mapExpression(expression.callee, map);
      return {
        type: 'Call',
        callee,
        args: expression.args.map((argument) => mapExpression(argument, map)),
        lparen: map(expression.lparen),
        rparen: map(expression.rparen),
        trailingComma: expression.trailingComma,
        start: shared(expression.start, expression.callee.start, callee.start, map),
        end: map(expression.end),
      };
    }
    case 'Unary': {
      const operand = mapExpression(expression.operand, map);
      return { type: 'Unary', operator: expression.operator, operand, start: map(expression.start), end: shared(expression.end, expression.operand.end, operand.end, map) };
    }
    case 'Binary': {
      const left = mapExpression(expression.left, map);
      const right = mapExpression(expression.right, map);
      return {
        type: 'Binary',
        operator: expression.operator,
        left,
        right,
        operatorStart: map(expression.operatorStart),
        start: shared(expression.start, expression.left.start, left.start, map),
        end: shared(expression.end, expression.right.end, right.end, map),
      };
    }
    case 'Array':
      return {
        type: 'Array',
        elements: expression.elements.map((element) => mapExpression(element, map)),
        lbracket: map(expression.lbracket),
        rbracket: map(expression.rbracket),
        trailingComma: expression.trailingComma,
        start: map(expression.start),
        end: map(expression.end),
      };
    case 'Object':
      return {
        type: 'Object',
        fields: expression.fields.map((field) => mapField(field, map)),
        lbrace: map(expression.lbrace),
        rbrace: map(expression.rbrace),
        trailingComma: expression.trailingComma,
        start: map(expression.start),
        end: map(expression.end),
      };
    case 'Paren':
      return {
        type: 'Paren',
        expression: mapExpression(expression.expression, map),
        lparen: map(expression.lparen),
        rparen: map(expression.rparen),
        start: map(expression.start),
        end: map(expression.end),
      };
    case 'Error':
      return { type: 'Error', start: map(expression.start), end: map(expression.end) };
  }
}

function mapField(field: ObjectField, map: MapPosition): ObjectField {
  const key = { name: field.key.name, quoted: field.key.quoted, raw: field.key.raw, start: map(field.key.start), end: map(field.key.end) };
  const value = mapExpression(field.value, map);
  return { type: 'ObjectField', key, value, start: shared(field.start, field.key.start, key.start, map), end: shared(field.end, field.value.end, value.end, map) };
}

/**
 * Calls `visit` for the position objects of a statement, skipping those the parser is known to
 * share with a child or an opening bracket: each position object once.
 */
function forEachPosition(statement: Statement, visit: (position: Position) => void): void {
  if (statement.type === 'Attribute') {
    visitIdentifier(statement.name, visit);
    forEachExpressionPosition(statement.value, visit);
    if (statement.start !== statement.name.start) visit(statement.start);
    if (statement.end !== statement.value.end) visit(statement.end);
    return;
  }
  for (const identifier of statement.name) visitIdentifier(identifier, visit);
  if (statement.label) {
    visit(statement.label.start);
    if (statement.label.end !== statement.label.start) visit(statement.label.end);
  }
  for (const child of statement.body) forEachPosition(child, visit);
  visit(statement.lbrace);
  if (statement.rbrace) visit(statement.rbrace);
  if (statement.start !== statement.name[0]?.start) visit(statement.start);
  visit(statement.end);
}

function visitIdentifier(identifier: Identifier, visit: (position: Position) => void): void {
  visit(identifier.start);
  if (identifier.end !== identifier.start) visit(identifier.end);
}

function forEachExpressionPosition(expression: Expression, visit: (position: Position) => void): void {
  let start = true;
  let end = true;
  switch (expression.type) {
    case 'Access':
      forEachExpressionPosition(expression.object, visit);
      visitIdentifier(expression.property, visit);
      start = expression.start !== expression.object.start;
      end = expression.end !== expression.property.end;
      break;
    case 'Index':
      forEachExpressionPosition(expression.object, visit);
      forEachExpressionPosition(expression.index, visit);
      visit(expression.lbracket);
      visit(expression.rbracket);
      start = expression.start !== expression.object.start;
      break;
    case 'Call':
      forEachExpressionPosition(expression.callee, visit);
      for (const argument of expression.args) forEachExpressionPosition(argument, visit);
      visit(expression.lparen);
      visit(expression.rparen);
      start = expression.start !== expression.callee.start;
      break;
    case 'Unary':
      forEachExpressionPosition(expression.operand, visit);
      end = expression.end !== expression.operand.end;
      break;
    case 'Binary':
      forEachExpressionPosition(expression.left, visit);
      forEachExpressionPosition(expression.right, visit);
      visit(expression.operatorStart);
      start = expression.start !== expression.left.start;
      end = expression.end !== expression.right.end;
      break;
    case 'Array':
      for (const element of expression.elements) forEachExpressionPosition(element, visit);
      visit(expression.lbracket);
      visit(expression.rbracket);
      start = expression.start !== expression.lbracket;
      break;
    case 'Object':
      for (const field of expression.fields) {
        visit(field.key.start);
        if (field.key.end !== field.key.start) visit(field.key.end);
        forEachExpressionPosition(field.value, visit);
        if (field.start !== field.key.start) visit(field.start);
        if (field.end !== field.value.end) visit(field.end);
      }
      visit(expression.lbrace);
      visit(expression.rbrace);
      start = expression.start !== expression.lbrace;
      break;
    case 'Paren':
      forEachExpressionPosition(expression.expression, visit);
      visit(expression.lparen);
      visit(expression.rparen);
      start = expression.start !== expression.lparen;
      break;
    default:
      break;
  }
  if (start) visit(expression.start);
  if (end && expression.end !== expression.start) visit(expression.end);
}
