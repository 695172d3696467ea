import { parse } from '@alloy-toolkit/syntax';
import type { Diagnostic, ParseResult } from '@alloy-toolkit/syntax';
import { printFile } from './printer.js';

/** Thrown when the text is not valid Alloy syntax; nothing is formatted. */
export class AlloySyntaxError extends Error {
  /** Every error diagnostic of the parser, in source order. */
  readonly diagnostics: Diagnostic[];
  /** The first error's position, in the shape Prettier expects (1-based line and column). */
  readonly loc: { start: { line: number; column: number } };

  constructor(diagnostics: Diagnostic[], fileName?: string) {
    const first = diagnostics[0]!;
    const { line, column } = first.range.start;
    const where = fileName === undefined ? '' : `${fileName}:`;
    super(`${where}${first.message} (${line}:${column})`);
    this.name = 'AlloySyntaxError';
    this.diagnostics = diagnostics;
    this.loc = { start: { line, column } };
  }
}

/** Parses `text`, throwing `AlloySyntaxError` if it has syntax errors. */
export function parseStrict(text: string, fileName?: string): ParseResult {
  const result = parse(text, fileName === undefined ? {} : { fileName });
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) throw new AlloySyntaxError(errors, fileName);
  return result;
}

/**
 * Formats a whole Alloy file exactly as `alloy fmt` does (with the
 * deviations listed in the README), including the final newline.
 * Throws `AlloySyntaxError` when the text does not parse.
 */
export function formatAlloy(text: string): string {
  const { file, comments, lines } = parseStrict(text);
  return printFile(text, file, comments, lines, '\n');
}
