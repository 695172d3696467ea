/**
 * Prettier plugin for the Grafana Alloy configuration language. The output is
 * computed by a port of `alloy fmt` (`formatAlloy`) and handed to Prettier as
 * one string: Prettier's layout primitives cannot express upstream's
 * elastic-tabstop alignment.
 */
import type { Parser, Plugin, Printer, SupportLanguage, SupportOptions } from 'prettier';
import { AlloySyntaxError, formatAlloy } from './format.js';
import { formatAlloyRange } from './range.js';

export { AlloySyntaxError, formatAlloy } from './format.js';
export { formatAlloyRange } from './range.js';

/** The only node Prettier sees: the whole file, already formatted. */
export interface AlloyFormattedRoot {
  type: 'AlloyFormattedRoot';
  formatted: string;
  start: number;
  end: number;
}

const AST_FORMAT = 'alloy-formatted';

export const languages: SupportLanguage[] = [
  {
    name: 'Alloy',
    parsers: ['alloy'],
    extensions: ['.alloy', '.river'],
    vscodeLanguageIds: ['alloy'],
    aliases: ['river'],
  },
];

interface RangeOptions {
  rangeStart?: number;
  rangeEnd?: number;
}

function requestedRange(text: string, options: RangeOptions): [number, number] | null {
  const start = typeof options.rangeStart === 'number' ? Math.max(0, options.rangeStart) : 0;
  const end = typeof options.rangeEnd === 'number' ? Math.min(text.length, options.rangeEnd) : text.length;
  return start > 0 || end < text.length ? [start, end] : null;
}

const alloyParser: Parser<AlloyFormattedRoot> = {
  astFormat: AST_FORMAT,
  // Prettier formats a range only for the node types of its built-in
  // languages; for any other parser it would leave the text as it is. So the
  // range is formatted here, and Prettier returns the preprocessed text.
  preprocess(text, options) {
    const range = requestedRange(text, options as RangeOptions);
    if (range === null) return text;
    try {
      return formatAlloyRange(text, range[0], range[1]);
    } catch (error) {
      // Leave the text alone: `parse` reports the syntax error with a code frame.
      if (error instanceof AlloySyntaxError) return text;
      throw error;
    }
  },
  parse(text) {
    return { type: 'AlloyFormattedRoot', formatted: formatAlloy(text), start: 0, end: text.length };
  },
  locStart: (node) => node.start,
  locEnd: (node) => node.end,
};

export const parsers: Record<'alloy', Parser<AlloyFormattedRoot>> = { alloy: alloyParser };

const alloyPrinter: Printer<AlloyFormattedRoot> = {
  print(path) {
    return path.node.formatted;
  },
  getVisitorKeys: () => [],
};

export const printers: Record<typeof AST_FORMAT, Printer<AlloyFormattedRoot>> = { [AST_FORMAT]: alloyPrinter };

/** The plugin has no options of its own: `alloy fmt` has none. */
export const options: SupportOptions = {};

const plugin: Plugin<AlloyFormattedRoot> = { languages, parsers, printers, options };
export default plugin;
