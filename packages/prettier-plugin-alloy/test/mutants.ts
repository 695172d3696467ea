/**
 * Seeded mutants of corpus files for the differential test: the same seed gives the same
 * mutants on every run and machine.
 */

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What mutations insert: operators and their halves, quotes and escapes, illegal characters
 * (NUL, BOM, `#`, `'`), CR and CRLF, form feeds, comment markers (also a line comment after a dot,
 * inside a block name), numbers, keywords, non-ASCII text.
 */
const fragments = [
  '|', '&', '||', '&&', '"', '\\', '\\u', '\\x4', '\\U0011ffff', '\\q', ';', '#', "'", '@', '$', '~', '?', '`',
  '\r', '\r\n', '/*', '*/', '//', '{', '}', '[', ']', '(', ')', ',', '=', '==', '.', '1e', '0x', '07', '1.5',
  'foo', 'true', 'null', '\n', '\t', ' ', 'é', '日本', '😀', '\0', '\uFEFF', '!', '-', '+', '*', '/', '%', '^',
  '<', '>', '<=', '!=', ':', '"a\\', '"\\', '\\"', 'a.b', 'x = ', 'blk "l" {', '\u00a0', '\u2028', '\u0007',
  '\f', '.\n// c\n',
];

/** Moves an offset that falls between the two halves of a surrogate pair to the pair's start. */
function atCharacter(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  return code >= 0xdc00 && code <= 0xdfff ? offset - 1 : offset;
}

/** One to three random edits: insertions, short and long deletions, replacements, copies, truncations. */
export function mutate(text: string, random: () => number): string {
  const below = (limit: number): number => Math.floor(random() * limit);
  const fragment = (): string => fragments[below(fragments.length)]!;
  let result = text;
  const edits = 1 + below(3);
  for (let edit = 0; edit < edits; edit++) {
    const at = atCharacter(result, below(result.length + 1));
    const kind = below(10);
    if (kind < 4) {
      result = result.slice(0, at) + fragment() + result.slice(at);
    } else if (kind < 6) {
      const end = atCharacter(result, Math.min(result.length, at + 1 + below(kind === 4 ? 3 : 40)));
      result = result.slice(0, at) + result.slice(end);
    } else if (kind < 8) {
      const end = atCharacter(result, Math.min(result.length, at + 1));
      result = result.slice(0, at) + fragment() + result.slice(end);
    } else if (kind < 9) {
      const from = atCharacter(result, below(result.length + 1));
      const to = atCharacter(result, Math.min(result.length, from + below(60)));
      result = result.slice(0, at) + result.slice(from, to) + result.slice(at);
    } else if (random() < 0.3) {
      result = result.slice(0, at);
    }
  }
  return result;
}
