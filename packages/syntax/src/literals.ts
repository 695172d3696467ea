/**
 * Literal values: string escapes (validated with upstream's error texts and
 * unescaped with Go's `strconv.Unquote` semantics) and number evaluation.
 */

export interface EscapeProblem {
  /** Offset inside the token text where upstream reports it: the character after the backslash. */
  index: number;
  /**
   * Offset inside the token text of the character upstream's scanner had just read when it found
   * the problem (the character that ends the escape); it orders the problem among the others.
   */
  readIndex: number;
  message: string;
}

const simpleEscapes: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

/** Go's `unicode.IsPrint` for one character other than the ASCII space. */
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's `%#U`: `U+0023 '#'`, or just `U+0007` for characters that do not print. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return character === ' ' || printable.test(character) ? `U+${hex} '${character}'` : `U+${hex}`;
}

const shortEscapes: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

/**
 * Go's `%q` (`strconv.Quote`): `"` and `\` escaped, control characters as `\n`, `\x1b`…,
 * characters that do not print (Go's `unicode.IsPrint`: not a letter, mark, number,
 * punctuation, symbol or the ASCII space) as `\u00a0` or `\U000e0001`. Upstream quotes
 * labels in its messages and object keys in its output with it.
 */
export function goQuote(text: string): string {
  let quoted = '"';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (character === '"' || character === '\\') quoted += `\\${character}`;
    else if (code === 0x20 || (code > 0x20 && code < 0x7f)) quoted += character;
    else if (shortEscapes[character] !== undefined) quoted += shortEscapes[character];
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    // A lone surrogate is written out as U+FFFD, which prints.
    else if (code >= 0xd800 && code <= 0xdfff) quoted += '\ufffd';
    else if (printable.test(character)) quoted += character;
    else if (code < 0x10000) quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    else quoted += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${quoted}"`;
}

/**
 * Upstream's label value is its token's bytes without the first and the last byte, quoted with
 * `%q` in its message. When an unterminated token ends with a character of several bytes, that
 * character loses only its last byte, and `%q` prints the rest as `\xNN`. Null when the token
 * ends with an ASCII character (the value is then the text between the first and last character).
 */
export function goQuoteLabelBytes(token: string): string | null {
  const lastCode = token.charCodeAt(token.length - 1);
  // Such a character has two bytes or more, so upstream's byte length is over 2: it takes the label.
  if (token.length < 2 || lastCode < 0x80) return null;
  const lastLength = lastCode >= 0xdc00 && lastCode <= 0xdfff && token.length >= 3 ? 2 : 1;
  const bytes = Buffer.from(token.slice(token.length - lastLength), 'utf8');
  let partial = '';
  for (let index = 0; index < bytes.length - 1; index++) partial += `\\x${bytes[index]!.toString(16).padStart(2, '0')}`;
  return `${goQuote(token.slice(1, token.length - lastLength)).slice(0, -1)}${partial}"`;
}

function digitValue(character: string | undefined): number {
  if (character === undefined) return 99;
  const code = character.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return 99;
}

export interface StringScan {
  /** The unescaped value, or null when an escape is invalid or the string is unterminated. */
  value: string | null;
  terminated: boolean;
  problems: EscapeProblem[];
}

/**
 * Validates and unescapes a double-quoted string token (quotes included).
 * With `wantValue` false only the problems are found (the scanner's check);
 * `value` is then null.
 */
export function scanDoubleQuoted(raw: string, nextCharacter?: string, wantValue = true): StringScan {
  return scanQuoted(raw, '"', nextCharacter, wantValue);
}

/**
 * The escape problems of a single-quoted token (upstream rejects the token, but its scanner still
 * reads it as a string: `\'` is no escape there, so the first unescaped-looking `'` ends it).
 */
export function scanSingleQuotedProblems(raw: string, nextCharacter?: string): StringScan {
  return scanQuoted(raw, "'", nextCharacter, false);
}

function scanQuoted(raw: string, quote: '"' | "'", nextCharacter: string | undefined, wantValue: boolean): StringScan {
  const problems: EscapeProblem[] = [];
  const terminated = raw.length >= 2 && raw.endsWith(quote) && (quote === "'" || closesString(raw));
  if (raw.indexOf('\\') === -1) {
    return { value: terminated && wantValue ? raw.slice(1, -1) : null, terminated, problems };
  }
  const end = terminated ? raw.length - 1 : raw.length;
  const charAt = (position: number): string | undefined =>
    position < raw.length ? raw[position] : position === raw.length ? nextCharacter : undefined;
  const bytes: number[] = [];
  const pushText = (text: string): void => {
    if (!wantValue) return;
    for (const byte of Buffer.from(text, 'utf8')) bytes.push(byte);
  };
  let index = 1;
  let runStart = 1;
  while (index < end) {
    if (raw[index] !== '\\') {
      index++;
      continue;
    }
    pushText(raw.slice(runStart, index));
    const escapeStart = index + 1;
    const marker = charAt(escapeStart);
    if (marker === undefined) {
      problems.push({ index: escapeStart, readIndex: escapeStart, message: 'escape sequence not terminated' });
      index = escapeStart;
      runStart = index;
      break;
    }
    const simple = simpleEscapes[marker];
    if (simple !== undefined) {
      pushText(simple);
      index = escapeStart + 1;
      runStart = index;
      continue;
    }
    let digits: number;
    let base: number;
    let max: number;
    let first = escapeStart;
    if (marker >= '0' && marker <= '7') {
      digits = 3;
      base = 8;
      max = 255;
    } else if (marker === 'x') {
      digits = 2;
      base = 16;
      max = 255;
      first++;
    } else if (marker === 'u') {
      digits = 4;
      base = 16;
      max = 0x10ffff;
      first++;
    } else if (marker === 'U') {
      digits = 8;
      base = 16;
      max = 0x10ffff;
      first++;
    } else {
      problems.push({ index: escapeStart, readIndex: escapeStart, message: 'unknown escape sequence' });
      index = escapeStart;
      runStart = index;
      continue;
    }
    let value = 0;
    let position = first;
    let failed = false;
    for (let count = 0; count < digits; count++, position++) {
      const character = charAt(position);
      const digit = digitValue(character);
      if (character === undefined || digit >= base) {
        problems.push({
          index: escapeStart,
          readIndex: position,
          message:
            character === undefined
              ? 'escape sequence not terminated'
              : `illegal character ${describeCharacter(character)} in escape sequence`,
        });
        failed = true;
        break;
      }
      value = value * base + digit;
    }
    if (failed) {
      index = position;
      runStart = index;
      continue;
    }
    if (value > max || (value >= 0xd800 && value < 0xe000 && base === 16 && digits > 2)) {
      problems.push({ index: escapeStart, readIndex: position, message: 'escape sequence is invalid Unicode code point' });
    } else if (marker === 'u' || marker === 'U') {
      pushText(String.fromCodePoint(value));
    } else if (wantValue) {
      bytes.push(value);
    }
    index = position;
    runStart = index;
  }
  if (!terminated || problems.length > 0 || !wantValue) return { value: null, terminated, problems };
  pushText(raw.slice(runStart, end));
  return { value: Buffer.from(bytes).toString('utf8'), terminated, problems };
}

/** True when the final `"` of `raw` is not itself escaped. */
function closesString(raw: string): boolean {
  let backslashes = 0;
  for (let index = raw.length - 2; index >= 1 && raw[index] === '\\'; index--) backslashes++;
  return backslashes % 2 === 0;
}

/** The value of a double-quoted or raw string token, or null when it is invalid. */
export function unquoteString(raw: string): string | null {
  if (raw.startsWith('`')) {
    return raw.length >= 2 && raw.endsWith('`') ? raw.slice(1, -1).replace(/\r/g, '') : null;
  }
  return scanDoubleQuoted(raw).value;
}

/**
 * Upstream evaluates integer literals with Go's `strconv.ParseInt(text, 0, 64)`:
 * a leading zero means octal (`0644` is 420); invalid octal falls back to float.
 */
export function numberValue(raw: string): number {
  if (raw.length > 1 && raw.startsWith('0') && /^[0-7]+$/.test(raw)) return parseInt(raw, 8);
  return Number(raw);
}
