import type { Comment, Statement } from '@alloy-toolkit/syntax';
import { formatAlloy, parseStrict } from './format.js';

function touches(statement: Statement, rangeStart: number, rangeEnd: number): boolean {
  if (rangeStart === rangeEnd) {
    return statement.start <= rangeStart && rangeStart <= statement.end;
  }
  return rangeStart < statement.end && rangeEnd > statement.start;
}

/** Moves `offset` back to the start of its line when only blanks precede it there. */
function lineStartIfIndented(text: string, offset: number): number {
  let index = offset;
  while (index > 0 && (text[index - 1] === ' ' || text[index - 1] === '\t' || text[index - 1] === '\r')) index--;
  return index === 0 || text[index - 1] === '\n' ? index : offset;
}

function commentTextsIn(comments: readonly Comment[], from: number, to: number): string {
  return comments
    .filter((comment) => comment.start >= from && comment.end <= to)
    .map((comment) => comment.text)
    .join('\u0000');
}

/**
 * Reformats only the top-level statements that the range `[start, end)`
 * (UTF-16 offsets) touches, as the whole-file formatter would print them;
 * every other byte of `text` is left as it is. Returns `text` unchanged when
 * the range touches no statement. Throws `AlloySyntaxError` when the text
 * does not parse.
 */
export function formatAlloyRange(text: string, start: number, end: number): string {
  const rangeStart = Math.max(0, Math.min(start, end));
  const rangeEnd = Math.min(text.length, Math.max(start, end));
  const original = parseStrict(text);
  const statements = original.file.body;
  let first = -1;
  let last = -1;
  for (let index = 0; index < statements.length; index++) {
    if (touches(statements[index]!, rangeStart, rangeEnd)) {
      if (first === -1) first = index;
      last = index;
    }
  }
  if (first === -1) return text;

  const formattedText = formatAlloy(text);
  const formatted = parseStrict(formattedText);
  const formattedStatements = formatted.file.body;
  if (formattedStatements.length !== statements.length) return formattedText;

  const spanStart = lineStartIfIndented(text, statements[first]!.start);
  const spanEnd = statements[last]!.end;
  const formattedStart = lineStartIfIndented(formattedText, formattedStatements[first]!.start);
  const formattedEnd = formattedStatements[last]!.end;

  // Comments are not part of statements; if the formatter moved one across the
  // span's edge, splicing would lose or duplicate it, so format everything.
  if (
    commentTextsIn(original.comments, spanStart, spanEnd) !==
    commentTextsIn(formatted.comments, formattedStart, formattedEnd)
  ) {
    return formattedText;
  }
  return text.slice(0, spanStart) + formattedText.slice(formattedStart, formattedEnd) + text.slice(spanEnd);
}
