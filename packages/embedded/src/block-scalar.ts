import type { CST } from 'yaml';

/*
 * Block scalars read from yaml's CST tokens as yaml 2's `resolveBlockScalar` reads them
 * (compose/resolve-block-scalar.js), without its arrays of lines: a token's source is the scalar's
 * lines after the header line; a line's indentation is its leading spaces; a line whose rest is
 * empty or a lone `\r` is empty.
 *
 * Composing documents resolves the value of every block scalar, most of the work for a values file
 * holding a megabyte of Alloy. For composition, `shortenBlockScalars` cuts a block scalar's source
 * after its first content line when composing the cut source reports the errors the whole one
 * would: the first lines (and the header) are where yaml reports a block scalar's errors, but for
 * a later line less indented than the first, which keeps the scalar whole; nothing else in a
 * document reads a scalar's content but a tag and key equality, which keep theirs whole too. Only
 * the positions of errors after a cut scalar move, and a stream with errors is composed again in
 * full (yaml.ts).
 */

interface BlockHeader {
  /** The indentation indicator (`|2`), 0 when absent. */
  readonly indent: number;
  readonly mode: string;
}

/** The header as yaml's `parseBlockScalarHeader` reads it (errors aside); undefined without one. */
function headerOf(token: CST.BlockScalar): BlockHeader | undefined {
  const first = token.props[0];
  if (first === undefined || first.type !== 'block-scalar-header') return undefined;
  const { source } = first as CST.SourceToken;
  let indent = 0;
  let chomp = '';
  for (let at = 1; at < source.length; at++) {
    const character = source[at]!;
    if (chomp === '' && (character === '-' || character === '+')) chomp = character;
    else {
      const digit = Number(character);
      if (indent === 0 && digit) indent = digit;
    }
  }
  return { indent, mode: source[0]! };
}

/** The end of the line starting at `start` in `source`: its `\n`, or the end of the source. */
function lineEndIn(source: string, start: number): number {
  const end = source.indexOf('\n', start);
  return end === -1 ? source.length : end;
}

/** Leading spaces of the line starting at `start`, up to `end`. */
function spacesAt(source: string, start: number, end: number): number {
  let at = start;
  while (at < end && source.charCodeAt(at) === 32) at++;
  return at - start;
}

/** Whether the line's rest after its indentation is empty or a lone `\r` (yaml's empty line). */
function isEmptyRest(source: string, restStart: number, end: number): boolean {
  return restStart === end || (restStart + 1 === end && source.charCodeAt(restStart) === 13);
}

/** Where the first content line starts and the indentation yaml removes, or undefined when all lines are empty. */
interface ContentStart {
  /** Offset in the source of the first content line. */
  readonly line: number;
  /** End of that line (its `\n`, or the end of the source). */
  readonly lineEnd: number;
  readonly trimIndent: number;
  /** Offset in the source after the last content line (its `\n` excluded). */
  readonly contentEnd: number;
}

function contentStartOf(token: CST.BlockScalar, header: BlockHeader): ContentStart | undefined {
  const { source } = token;
  // The end of the last content line: lines after it are empty.
  let contentEnd = -1;
  for (let end = source.length; end >= 0; ) {
    const start = end === 0 ? 0 : source.lastIndexOf('\n', end - 1) + 1;
    const rest = start + spacesAt(source, start, end);
    if (!isEmptyRest(source, rest, end)) {
      contentEnd = end;
      break;
    }
    if (start === 0) break;
    end = start - 1;
  }
  if (contentEnd === -1) return undefined;
  let trimIndent = token.indent + header.indent;
  for (let start = 0; ; ) {
    const end = lineEndIn(source, start);
    const spaces = spacesAt(source, start, end);
    if (!isEmptyRest(source, start + spaces, end)) {
      if (header.indent === 0) trimIndent = spaces;
      return { line: start, lineEnd: end, trimIndent, contentEnd };
    }
    if (header.indent === 0 && spaces > trimIndent) trimIndent = spaces;
    start = end + 1;
  }
}

const lessIndented = new Map<number, RegExp>();

/**
 * Whether a content line after the first is less indented than yaml removes (yaml's "Block scalar
 * lines must not be less indented than their first line"), which a shortened source would hide:
 * a line break, fewer than `trimIndent` spaces, then a rest that is neither empty nor a lone `\r`.
 * Lines after the last content line are empty, so the search needs no end.
 */
function hasLessIndentedLine(source: string, content: ContentStart): boolean {
  const { trimIndent } = content;
  if (trimIndent === 0) return false;
  let pattern = lessIndented.get(trimIndent);
  if (pattern === undefined) {
    pattern = new RegExp(`\\n {0,${trimIndent - 1}}(?:[^ \\n\\r]|\\r(?!\\n|$))`, 'g');
    lessIndented.set(trimIndent, pattern);
  }
  pattern.lastIndex = content.lineEnd;
  return pattern.test(source);
}

/** A block scalar's source before `shortenBlockScalars`, and how many characters it lost. */
export interface ShortenedSource {
  readonly source: string;
  readonly removed: number;
}

/** The props (tags, anchors, indicators) before a value: a tag makes the value's resolution read the content. */
const hasTag = (props: readonly CST.SourceToken[] | undefined): boolean => props?.some((token) => token.type === 'tag') === true;

/**
 * Shortens the source of each block scalar that is the value of a document, a mapping entry or a
 * sequence item, with no tag on it or on a collection around it (never a key: key equality reads
 * the value), when that keeps composition's errors; returns the original sources, which
 * `restoreBlockScalars` puts back (a composed node's range then ends `removed` characters early).
 */
export function shortenBlockScalars(tokens: readonly CST.Token[]): Map<CST.BlockScalar, ShortenedSource> {
  const originals = new Map<CST.BlockScalar, ShortenedSource>();
  const shorten = (value: CST.Token | undefined, props: readonly CST.SourceToken[] | undefined): void => {
    // A tag on the value or on a collection around it may read the scalar's value (`!!int`, `!!omap`).
    if (value === undefined || hasTag(props)) return;
    if (value.type === 'block-map' || value.type === 'block-seq') {
      stack.push(value);
      return;
    }
    if (value.type !== 'block-scalar') return;
    const header = headerOf(value);
    if (header === undefined) return;
    const content = contentStartOf(value, header);
    if (content === undefined || content.lineEnd >= value.source.length) return;
    if (hasLessIndentedLine(value.source, content)) return;
    originals.set(value, { source: value.source, removed: value.source.length - content.lineEnd });
    value.source = value.source.slice(0, content.lineEnd);
  };
  // An explicit stack: YAML nesting is as deep as the input makes it.
  const stack: Array<CST.BlockMap | CST.BlockSequence> = [];
  for (const token of tokens) {
    if (token.type === 'document') shorten(token.value, token.start);
    while (stack.length > 0) {
      const collection = stack.pop()!;
      if (collection.type === 'block-map') {
        for (const item of collection.items) shorten(item.value, item.sep);
      } else {
        for (const item of collection.items) shorten(item.value, item.start);
      }
    }
  }
  return originals;
}

export function restoreBlockScalars(originals: ReadonlyMap<CST.BlockScalar, ShortenedSource>): void {
  for (const [token, { source }] of originals) token.source = source;
}

/** The indentation yaml removes from a literal block scalar's lines; undefined when it has no content line. */
export function literalTrimIndent(token: CST.BlockScalar): number | undefined {
  const header = headerOf(token);
  if (header === undefined || header.mode !== '|') return undefined;
  return contentStartOf(token, header)?.trimIndent;
}

/**
 * The value yaml gives a literal block scalar (`|`), up to its last content line: what follows
 * is line breaks and spaces, whatever the chomping. yaml's `resolveBlockScalar` for `|`, reading
 * the same lines; for a token yaml reports no error for.
 */
export function literalValueUpToContent(token: CST.BlockScalar): string | undefined {
  const header = headerOf(token);
  if (header === undefined || header.mode !== '|') return undefined;
  const content = contentStartOf(token, header);
  if (content === undefined) return '';
  const { source } = token;
  const { trimIndent } = content;
  let value = '';
  // Leading empty lines keep their spaces beyond the indentation.
  for (let start = 0; start < content.line; ) {
    const end = lineEndIn(source, start);
    const spaces = spacesAt(source, start, end);
    value += `${' '.repeat(Math.max(0, spaces - trimIndent))}\n`;
    start = end + 1;
  }
  let separator = '';
  for (let start = content.line; start < content.contentEnd; ) {
    const end = lineEndIn(source, start);
    const spaces = spacesAt(source, start, end);
    let contentEnd = end;
    if (end > start + spaces && source.charCodeAt(end - 1) === 13) contentEnd--;
    // yaml keeps the spaces beyond trimIndent (none on a less indented line, which it reports).
    value += separator + source.slice(start + Math.min(spaces, trimIndent), contentEnd);
    separator = '\n';
    start = end + 1;
  }
  return value;
}
