/**
 * Elastic-tabstop alignment and trailing-blank trimming, as `alloy fmt` does them
 * (Go's text/tabwriter with minwidth 0, tabwidth 8, padding 1, pad char ' ',
 * flags DiscardEmptyColumns | TabIndent, followed by the printer's trimmer).
 *
 * Input cells are terminated by `\t` (hard) or `\v` (soft); lines end at `\n`
 * or `\f` (`\f` also ends every alignment column). Text between two `escape`
 * characters is opaque: it belongs to the current cell and its width is its
 * code-point count.
 */

const TAB_WIDTH = 8;
const PADDING = 1;

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

function codePointCount(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    // A low surrogate continues the code point its high surrogate started.
    if (code < 0xdc00 || code > 0xdfff) count++;
  }
  return count;
}

class TabWriter {
  private readonly output: string[] = [];
  private lines: Cell[][] = [[]];
  private cellText = '';
  private cellWidth = 0;
  private widths: number[] = [];

  constructor(private readonly escape: string) {}

  write(input: string): void {
    const escape = this.escape.charCodeAt(0);
    let segmentStart = 0;
    let inEscape = false;
    const length = input.length;
    for (let index = 0; index < length; index++) {
      const code = input.charCodeAt(index);
      if (code > 12) {
        if (code === escape) {
          if (inEscape) {
            this.cellText += input.slice(segmentStart, index + 1);
            this.cellWidth += codePointCount(input, segmentStart + 1, index);
            segmentStart = index + 1;
            inEscape = false;
          } else {
            this.appendText(input, segmentStart, index);
            segmentStart = index;
            inEscape = true;
          }
        }
        continue;
      }
      if (inEscape || code < 9) continue;
      // 9 = \t, 10 = \n, 11 = \v, 12 = \f
      this.appendText(input, segmentStart, index);
      segmentStart = index + 1;
      const cellCount = this.terminateCell(code === 9);
      if (code === 10 || code === 12) {
        this.lines.push([]);
        // A single-cell line cannot influence the alignment of later lines.
        if (code === 12 || cellCount === 1) this.flush();
      }
    }
    if (inEscape) {
      this.cellText += input.slice(segmentStart);
      this.cellWidth += codePointCount(input, segmentStart + 1, length);
    } else {
      this.appendText(input, segmentStart, length);
    }
  }

  finish(): string {
    this.flush();
    return this.output.join('');
  }

  private appendText(input: string, from: number, to: number): void {
    if (to <= from) return;
    this.cellText += input.slice(from, to);
    this.cellWidth += codePointCount(input, from, to);
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1]!;
    line.push({ text: this.cellText, width: this.cellWidth, htab });
    this.cellText = '';
    this.cellWidth = 0;
    return line.length;
  }

  private flush(): void {
    if (this.cellText.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  private format(firstLine: number, endLine: number): void {
    let line0 = firstLine;
    const column = this.widths.length;
    for (let current = firstLine; current < endLine; current++) {
      if (column >= this.lines[current]!.length - 1) continue;
      // This line has a cell in `column`: print the lines before it, then
      // measure the block of consecutive lines that share the column.
      this.writeLines(line0, current);
      line0 = current;
      let width = 0;
      let discardable = true;
      for (; current < endLine; current++) {
        const line = this.lines[current]!;
        if (column >= line.length - 1) break;
        const cell = line[column]!;
        if (cell.width + PADDING > width) width = cell.width + PADDING;
        if (cell.width > 0 || cell.htab) discardable = false;
      }
      if (discardable) width = 0;
      this.widths.push(width);
      this.format(line0, current);
      this.widths.pop();
      line0 = current;
    }
    this.writeLines(line0, endLine);
  }

  private writeLines(line0: number, line1: number): void {
    const widths = this.widths;
    for (let index = line0; index < line1; index++) {
      const line = this.lines[index]!;
      let useTabs = true;
      for (let column = 0; column < line.length; column++) {
        const cell = line[column]!;
        if (cell.text.length === 0) {
          if (column < widths.length) this.writePadding(cell.width, widths[column]!, useTabs);
        } else {
          useTabs = false;
          this.output.push(cell.text);
          if (column < widths.length) this.writePadding(cell.width, widths[column]!, false);
        }
      }
      if (index + 1 === this.lines.length) {
        this.output.push(this.cellText);
      } else {
        this.output.push('\n');
      }
    }
  }

  private writePadding(textWidth: number, cellWidth: number, useTabs: boolean): void {
    if (useTabs) {
      const rounded = Math.ceil(cellWidth / TAB_WIDTH) * TAB_WIDTH;
      this.output.push('\t'.repeat(Math.ceil((rounded - textWidth) / TAB_WIDTH)));
      return;
    }
    this.output.push(' '.repeat(cellWidth - textWidth));
  }
}

/**
 * Removes blanks before line ends and at the end, and the escape characters;
 * escaped text is kept verbatim. (Go's trimmer as a state machine; the
 * aligner's output has no `\v` or `\f` left outside escaped text.)
 */
function trim(input: string, escape: string): string {
  const parts = input.split(escape);
  // Even parts are outside escaped text, odd parts inside.
  for (let index = 0; index < parts.length; index += 2) {
    const part = parts[index]!;
    if (part.includes(' \n') || part.includes('\t\n')) parts[index] = part.replace(/[ \t]+\n/g, '\n');
  }
  const lastOutside = parts.length % 2 === 1 ? parts.length - 1 : -1;
  if (lastOutside >= 0) parts[lastOutside] = parts[lastOutside]!.replace(/[ \t]+$/, '');
  return parts.join('');
}

/** Aligns the printer's cell stream and trims it into the final text. */
export function alignAndTrim(stream: string, escape: string): string {
  const writer = new TabWriter(escape);
  writer.write(stream);
  return trim(writer.finish(), escape);
}
