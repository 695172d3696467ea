import type { Diagnostic } from '../engine.js';
import { countReports, plural } from './counts.js';
import { escapeTerminalText } from './escape.js';
import type { FormatContext, ReportFormatter } from './types.js';

interface Palette {
  underline(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  green(text: string): string;
}

function ansi(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const colored: Palette = {
  underline: ansi(4, 24),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  blue: ansi(34, 39),
  green: ansi(32, 39),
};

const identity = (text: string): string => text;
const plain: Palette = { underline: identity, dim: identity, bold: identity, red: identity, yellow: identity, blue: identity, green: identity };

function severityLabel(diagnostic: Diagnostic, palette: Palette): { text: string; width: number } {
  const word = diagnostic.severity === 'warning' ? 'warning' : diagnostic.severity === 'error' ? 'error' : 'info';
  const paint = diagnostic.severity === 'error' ? palette.red : diagnostic.severity === 'warning' ? palette.yellow : palette.blue;
  return { text: paint(word), width: word.length };
}

/** A source line as a code frame shows it: tabs as four spaces, control characters escaped. */
function shownAsFrameText(line: string): string {
  return escapeTerminalText(line.replace(/\t/g, '    '));
}

/** A few lines of source around the problem with a caret under its start, like Babel's code frame. */
export function codeFrame(source: string, diagnostic: Diagnostic, palette: Palette = plain): string[] {
  const lines = source.split('\n');
  const line = diagnostic.range.start.line;
  if (line < 1 || line > lines.length) return [];
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 2);
  const gutterWidth = String(last).length;
  const frame: string[] = [];
  for (let number = first; number <= last; number += 1) {
    const text = shownAsFrameText((lines[number - 1] ?? '').replace(/\r$/, ''));
    const marker = number === line ? palette.red('>') : ' ';
    const gutter = ` ${String(number).padStart(gutterWidth)} |`;
    frame.push(`${marker}${palette.dim(gutter)}${text === '' ? '' : ` ${text}`}`);
    if (number === line) {
      const rawLine = lines[number - 1] ?? '';
      const startColumn = diagnostic.range.start.column;
      const prefix = ' '.repeat(shownAsFrameText(rawLine.slice(0, startColumn - 1)).length);
      const sameLine = diagnostic.range.end.line === line;
      const length = sameLine
        ? Math.max(1, shownAsFrameText(rawLine.slice(startColumn - 1, diagnostic.range.end.column - 1)).length)
        : 1;
      frame.push(` ${palette.dim(`${' '.repeat(gutterWidth + 2)}|`)} ${prefix}${palette.red('^'.repeat(length))}`);
    }
  }
  return frame;
}

/** ESLint's "stylish" report: a block per file, then a summary line. */
export const formatStylish: ReportFormatter = (reports, context: FormatContext) => {
  const palette = context.color ? colored : plain;
  const totals = countReports(reports);
  const total = totals.errorCount + totals.warningCount + totals.infoCount;
  if (total === 0) {
    // Quiet when clean, as ESLint; --verbose names every file it checked.
    if (!context.verbose || reports.length === 0) return '';
    const lines = reports.map((report) => `${palette.green('\u2714')} ${escapeTerminalText(report.displayPath)}`);
    return `${lines.join('\n')}\n${palette.bold(palette.green(`\u2714 ${plural(reports.length, 'file')} checked, no problems`))}\n`;
  }
  let output = '\n';
  for (const report of reports) {
    if (report.diagnostics.length === 0) {
      if (context.verbose) output += `${palette.green('\u2714')} ${escapeTerminalText(report.displayPath)}\n\n`;
      continue;
    }
    output += `${palette.underline(escapeTerminalText(report.displayPath))}\n`;
    const lineWidth = Math.max(...report.diagnostics.map((d) => String(d.range.start.line).length));
    const columnWidth = Math.max(...report.diagnostics.map((d) => String(d.range.start.column).length));
    const severityWidth = Math.max(...report.diagnostics.map((d) => severityLabel(d, plain).width));
    const messageWidth = Math.max(...report.diagnostics.map((d) => oneLine(d.message).length));
    for (const diagnostic of report.diagnostics) {
      const location = `${String(diagnostic.range.start.line).padStart(lineWidth)}:${String(diagnostic.range.start.column).padEnd(columnWidth)}`;
      const severity = severityLabel(diagnostic, palette);
      const message = oneLine(diagnostic.message);
      output += `  ${palette.dim(location)}  ${severity.text}${' '.repeat(severityWidth - severity.width)}  ${message}${' '.repeat(messageWidth - message.length)}  ${palette.dim(escapeTerminalText(diagnostic.code))}\n`;
      if (context.verbose) {
        if (diagnostic.hint) output += `    ${palette.dim(`hint: ${oneLine(diagnostic.hint)}`)}\n`;
        if (report.source !== undefined) {
          for (const frameLine of codeFrame(report.source, diagnostic, palette)) output += `    ${frameLine}\n`;
        }
        output += '\n';
      }
    }
    output += '\n';
  }
  const parts = [plural(totals.errorCount, 'error'), plural(totals.warningCount, 'warning')];
  if (totals.infoCount > 0) parts.push(`${totals.infoCount} info`);
  const summary = `\u2716 ${plural(total, 'problem')} (${parts.join(', ')})`;
  const paint = totals.errorCount > 0 ? palette.red : totals.warningCount > 0 ? palette.yellow : palette.blue;
  output += `${palette.bold(paint(summary))}\n`;
  if (totals.fixableErrorCount > 0 || totals.fixableWarningCount > 0) {
    output += `${palette.bold(
      paint(
        `  ${plural(totals.fixableErrorCount, 'error')} and ${plural(totals.fixableWarningCount, 'warning')} potentially fixable with the \`--fix\` option.`,
      ),
    )}\n`;
  }
  return output;
};

/** A message or hint on one terminal line: line breaks as spaces, control characters escaped. */
function oneLine(text: string): string {
  return escapeTerminalText(text.replace(/\r?\n/g, ' '));
}

