/**
 * `alloy fmt` indents with tabs; the Alloy in YAML files and Markdown is indented with spaces by
 * nearly everyone. `indentLike` turns the formatter's tabs back into the spaces the configuration
 * used, for every caller that formats embedded Alloy (alloy-lint `fmt` and `--fix`, the language
 * server's Format Document), so that they give the same text.
 */

/**
 * `formatted` (the formatter's output for `original`) indented as `original` was: when the
 * original's lines are indented with spaces, each leading tab of the formatted text becomes one
 * indentation unit of spaces (the original's, when all its indented lines are multiples of their
 * smallest indentation of 2 to 8 spaces; else two), except on lines that continue a raw string or
 * a block comment, whose leading whitespace is content. An original with a tab in the indentation
 * of any of its lines (tabs only, or tabs and spaces mixed) keeps the formatter's tabs. The lines
 * inside raw strings and block comments of the original are not looked at either.
 */
export function indentLike(formatted: string, original: string): string {
  const widths: number[] = [];
  const originalContent = linesInsideRawStringsOrComments(original);
  for (const [index, line] of original.split('\n').entries()) {
    if (originalContent.has(index)) continue;
    const indentation = /^[ \t]*/.exec(line)![0];
    if (indentation.length === line.length) continue; // a blank line
    if (indentation.includes('\t')) return formatted;
    if (indentation.length > 0) widths.push(indentation.length);
  }
  const smallest = Math.min(...widths);
  const unit = smallest >= 2 && smallest <= 8 && widths.every((width) => width % smallest === 0) ? smallest : 2;
  const spaces = ' '.repeat(unit);
  const formattedContent = linesInsideRawStringsOrComments(formatted);
  return formatted
    .split('\n')
    .map((line, index) => (formattedContent.has(index) ? line : line.replace(/^\t+/, (tabs) => spaces.repeat(tabs.length))))
    .join('\n');
}

/** The indexes of the lines that start inside a raw string (backquotes) or a block comment. */
function linesInsideRawStringsOrComments(text: string): Set<number> {
  const inside = new Set<number>();
  let line = 0;
  let state: 'code' | 'string' | 'raw' | 'line-comment' | 'block-comment' = 'code';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (character === '\n') {
      line += 1;
      if (state === 'line-comment' || state === 'string') state = 'code';
      if (state === 'raw' || state === 'block-comment') inside.add(line);
      continue;
    }
    switch (state) {
      case 'code':
        if (character === '"') state = 'string';
        else if (character === '`') state = 'raw';
        else if (character === '/' && text[index + 1] === '/') state = 'line-comment';
        else if (character === '/' && text[index + 1] === '*') {
          state = 'block-comment';
          index += 1;
        }
        break;
      case 'string':
        if (character === '\\') index += 1;
        else if (character === '"') state = 'code';
        break;
      case 'raw':
        if (character === '`') state = 'code';
        break;
      case 'block-comment':
        if (character === '*' && text[index + 1] === '/') {
          state = 'code';
          index += 1;
        }
        break;
      case 'line-comment':
        break;
    }
  }
  return inside;
}
