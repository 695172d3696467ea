/**
 * Formatting that keeps template placeholders. A configuration with template tags is formatted as
 * its masked text (`EmbeddedConfig.text`, where each tag is an identifier, a comment or string
 * characters of the same length, which the formatter writes verbatim and in order); then each
 * tag's own text is put back where its mask is in the formatted text, and the result is verified.
 * This package never formats: the caller does, and hands the formatted masked text here.
 */
import { sourceInfoOf } from './source-info.js';
import { maskWithProblems } from './template.js';
import type { EmbeddedConfig, OffsetRange } from './types.js';

export type RestoreOutcome =
  | {
      readonly ok: true;
      /** The formatted text with every template tag back, byte for byte: the configuration's new text in its host. */
      readonly text: string;
      /** Where the tags are in `text` (and their masks in the formatted text), in order. */
      readonly placeholders: readonly OffsetRange[];
    }
  | {
      readonly ok: false;
      /** A sentence saying why the tags cannot be put back; the configuration is then not formatted. */
      readonly reason: string;
      /** The tag the reason is about, in the configuration's (masked) offsets, when it is about one. */
      readonly placeholder?: OffsetRange;
    };

/** A token of Alloy text: `[start, end)`; whitespace is not a token. */
interface Token {
  readonly start: number;
  readonly end: number;
}

const isWhitespace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
const isIdentifierStart = (character: string): boolean => /[\p{L}_]/u.test(character);
const isIdentifierPart = (character: string): boolean => /[\p{L}\p{N}_]/u.test(character);

/**
 * The tokens of an Alloy text, as far as restoring needs them: identifiers, numbers, strings, raw
 * strings and comments whole, any other character alone. Total: any text gives tokens.
 */
export function alloyTokens(text: string): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let at = 0;
  while (at < length) {
    const code = text.charCodeAt(at);
    if (isWhitespace(code)) {
      at++;
      continue;
    }
    const start = at;
    const character = text[at]!;
    if (character === '"') {
      at++;
      while (at < length && text[at] !== '"' && text[at] !== '\n') at += text[at] === '\\' ? 2 : 1;
      at = Math.min(at + 1, length);
    } else if (character === '`') {
      const close = text.indexOf('`', at + 1);
      at = close === -1 ? length : close + 1;
    } else if (character === '/' && text[at + 1] === '/') {
      const newline = text.indexOf('\n', at);
      at = newline === -1 ? length : newline;
    } else if (character === '/' && text[at + 1] === '*') {
      const close = text.indexOf('*/', at + 2);
      at = close === -1 ? length : close + 2;
    } else if (code >= 48 && code <= 57) {
      at++;
      while (at < length && /[0-9A-Za-z_.]/.test(text[at]!)) at++;
    } else if (isIdentifierStart(character)) {
      at++;
      while (at < length && isIdentifierPart(text[at]!)) at++;
    } else {
      at += code >= 0xd800 && code <= 0xdbff && at + 1 < length ? 2 : 1;
    }
    tokens.push({ start, end: at });
  }
  return tokens;
}

/** The most edits (inserted plus deleted tokens) the alignment looks for before giving up. */
const MAX_TOKEN_EDITS = 2000;

/**
 * For each token of `a`, the index of the token of `b` it is aligned with (-1: deleted), by a
 * shortest edit script over the tokens' texts (Myers); undefined when more than `MAX_TOKEN_EDITS`
 * edits would be needed.
 */
function alignTokens(aText: string, a: readonly Token[], bText: string, b: readonly Token[]): Int32Array | undefined {
  const ids = new Map<string, number>();
  // Carriage returns are dropped by the formatter (inside comments too): they do not make a token differ.
  const idOf = (text: string, token: Token): number => {
    const key = text.slice(token.start, token.end).replace(/\r/g, '');
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const aIds = Int32Array.from(a, (token) => idOf(aText, token));
  const bIds = Int32Array.from(b, (token) => idOf(bText, token));
  const matched = new Int32Array(a.length).fill(-1);
  let prefix = 0;
  while (prefix < aIds.length && prefix < bIds.length && aIds[prefix] === bIds[prefix]) {
    matched[prefix] = prefix;
    prefix++;
  }
  let suffix = 0;
  while (suffix < aIds.length - prefix && suffix < bIds.length - prefix && aIds[aIds.length - 1 - suffix] === bIds[bIds.length - 1 - suffix]) {
    matched[aIds.length - 1 - suffix] = bIds.length - 1 - suffix;
    suffix++;
  }
  const n = aIds.length - prefix - suffix;
  const m = bIds.length - prefix - suffix;
  if (n === 0 || m === 0) return matched;
  const same = (x: number, y: number): boolean => aIds[prefix + x] === bIds[prefix + y];
  const max = Math.min(n + m, MAX_TOKEN_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  v[offset + 1] = 0;
  // trace[d]: v for k in [-d - 1, d + 1] before step d.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found === -1; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && same(x, y)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found === -1) return undefined;
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const before = trace[d]!;
    const at = (k: number): number => before[k + d + 1]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
      matched[prefix + x] = prefix + y;
    }
    x = previousX;
    y = previousY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    matched[prefix + x] = prefix + y;
  }
  return matched;
}

/** A tag as messages show it: its first line, shortened. */
function describeTag(tag: string): string {
  const firstLine = tag.split(/\r?\n/, 1)[0]!;
  const shown = firstLine.length > 40 ? `${firstLine.slice(0, 39)}…` : firstLine;
  return firstLine === tag ? shown : `${shown}… (spanning lines)`;
}

/** The 1-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/**
 * Puts the template tags of `config` back into `formatted`, the formatter's output for
 * `config.text` (its masked text; `indentLike` may have turned its tabs into spaces). Each mask is
 * found by aligning the tokens of both texts (the formatter changes whitespace, commas and the
 * quoting of object keys, never a mask), and replaced by its tag's own text. The result is then
 * verified: masked again, it must give exactly `formatted`, with the same tags in the same order.
 * Otherwise the configuration is not to be formatted, and the reason says why: a tag standing
 * where the formatter moves or splits its mask (a tag spanning lines in the middle of a value), a
 * tag that would no longer be where it was (alone on its line, inside a string), a tag never closed.
 * A configuration without placeholders gives `formatted` back.
 */
export function restorePlaceholders(config: EmbeddedConfig, formatted: string): RestoreOutcome {
  if (config.placeholders.length === 0) return { ok: true, text: formatted, placeholders: [] };
  const info = sourceInfoOf(config);
  if (info === undefined || info.source.length !== config.text.length) {
    return { ok: false, reason: `the template tags of ${config.label} are not known here (extract the configuration with @alloy-toolkit/embedded)` };
  }
  const tags = config.placeholders.map((range) => info.source.slice(range.start, range.end));
  const refuse = (index: number, why: string): RestoreOutcome => {
    const range = config.placeholders[index]!;
    return {
      ok: false,
      reason: `the template tag ${describeTag(tags[index]!)} (line ${lineOf(config.text, range.start)} of ${config.label}) ${why}`,
      placeholder: { start: range.start, end: range.end },
    };
  };
  const unclosed = maskWithProblems(info.source, info.flavor).unclosed;
  if (unclosed.length > 0) {
    return {
      ok: false,
      reason: `a template tag of ${config.label} (line ${lineOf(config.text, unclosed[0]!.start)}) is never closed: its text cannot be told from the Alloy`,
      placeholder: unclosed[0]!,
    };
  }

  const before = alloyTokens(config.text);
  const after = alloyTokens(formatted);
  const aligned = alignTokens(config.text, before, formatted, after);
  if (aligned === undefined) {
    return { ok: false, reason: `formatting changes ${config.label} too much to find its template tags again` };
  }
  const moved: OffsetRange[] = [];
  let token = 0;
  for (const [index, range] of config.placeholders.entries()) {
    while (token < before.length && before[token]!.end <= range.start) token++;
    let last = token;
    while (last < before.length && before[last]!.start < range.end) last++;
    // The tokens [token, last) hold the mask.
    if (last === token) return refuse(index, 'stands for nothing the formatter keeps (it is masked as whitespace)');
    const first = aligned[token]!;
    const final = aligned[last - 1]!;
    if (first === -1 || final === -1) return refuse(index, 'would be changed by formatting');
    const start = after[first]!.start + (range.start - before[token]!.start);
    const end = after[final]!.start + (range.end - before[last - 1]!.start);
    const previousEnd = moved.length === 0 ? 0 : moved[moved.length - 1]!.end;
    if (start < previousEnd || end - start !== range.end - range.start || formatted.slice(start, end) !== config.text.slice(range.start, range.end)) {
      return refuse(index, 'would be split or moved by formatting (a tag spanning lines in the middle of a value?); write it on one line, or on lines of its own');
    }
    moved.push({ start, end });
  }

  let text = '';
  let copied = 0;
  moved.forEach((range, index) => {
    text += formatted.slice(copied, range.start) + tags[index]!;
    copied = range.end;
  });
  text += formatted.slice(copied);

  // Verify: the restored text, masked again, is the formatted text, with the same tags in order.
  const again = maskWithProblems(text, info.flavor);
  const sameTags =
    again.unclosed.length === 0 &&
    again.placeholders.length === moved.length &&
    again.placeholders.every((range, index) => range.start === moved[index]!.start && range.end === moved[index]!.end);
  if (!sameTags) {
    const differs = moved.findIndex((range, index) => again.placeholders[index]?.start !== range.start || again.placeholders[index]?.end !== range.end);
    return refuse(Math.max(differs, 0), 'would not read back as the same tag after formatting (the text around it would change its meaning)');
  }
  if (again.text !== formatted) {
    const differs = moved.findIndex((range) => again.text.slice(range.start, range.end) !== formatted.slice(range.start, range.end));
    return differs === -1
      ? { ok: false, reason: `${config.label} would not read back as the formatted text once its template tags are put back` }
      : refuse(differs, 'would stand somewhere else after formatting (alone on its line, or inside a string or comment, where it was not): its meaning would change');
  }
  return { ok: true, text, placeholders: moved };
}
