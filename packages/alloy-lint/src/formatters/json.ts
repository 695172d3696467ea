import type { Diagnostic } from '../engine.js';
import type { FileReport } from '../lint.js';
import { countDiagnostics, eslintSeverity } from './counts.js';
import type { ReportFormatter } from './types.js';

/** ESLint's fix shape: one replacement over `[start, end)` offsets. */
export interface EslintFix {
  range: [number, number];
  text: string;
}

export interface EslintMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: EslintFix;
  /** Where else the problem shows (an unresolved name defined in another directory), not in ESLint's format. */
  related?: { message: string; filePath: string; line: number; column: number; endLine: number; endColumn: number }[];
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: EslintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  output?: string;
}

/** Merges a fix's edits into one replacement, as ESLint does for multi-edit fixes. */
export function mergeFix(diagnostic: Diagnostic, source: string | undefined): EslintFix | undefined {
  const edits = [...(diagnostic.fix?.edits ?? [])].sort((left, right) => left.range.start.offset - right.range.start.offset);
  if (edits.length === 0) return undefined;
  const start = edits[0]!.range.start.offset;
  let end = start;
  let text = '';
  for (const edit of edits) {
    if (edit.range.start.offset > end && source !== undefined) text += source.slice(end, edit.range.start.offset);
    text += edit.newText;
    end = Math.max(end, edit.range.end.offset);
  }
  return { range: [start, end], text };
}

export function toEslintMessage(diagnostic: Diagnostic, source: string | undefined): EslintMessage {
  const message: EslintMessage = {
    ruleId: diagnostic.code,
    severity: eslintSeverity(diagnostic),
    message: diagnostic.message,
    line: diagnostic.range.start.line,
    column: diagnostic.range.start.column,
    endLine: diagnostic.range.end.line,
    endColumn: diagnostic.range.end.column,
  };
  const fix = mergeFix(diagnostic, source);
  if (fix) message.fix = fix;
  if (diagnostic.related?.length) {
    message.related = diagnostic.related.map((item) => ({
      message: item.message,
      filePath: item.fileName,
      line: item.range.start.line,
      column: item.range.start.column,
      endLine: item.range.end.line,
      endColumn: item.range.end.column,
    }));
  }
  return message;
}

export function toEslintResult(report: FileReport): EslintResult {
  const counts = countDiagnostics(report.diagnostics);
  const result: EslintResult = {
    filePath: report.filePath,
    messages: report.diagnostics.map((diagnostic) => toEslintMessage(diagnostic, report.source)),
    suppressedMessages: [],
    errorCount: counts.errorCount,
    fatalErrorCount: report.diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('syntax/')).length,
    // ESLint has no level below warning: informational messages count as warnings there.
    warningCount: counts.warningCount + counts.infoCount,
    fixableErrorCount: counts.fixableErrorCount,
    fixableWarningCount: counts.fixableWarningCount,
  };
  if (report.output !== undefined) result.output = report.output;
  return result;
}

export const formatJson: ReportFormatter = (reports) => `${JSON.stringify(reports.map(toEslintResult))}\n`;
