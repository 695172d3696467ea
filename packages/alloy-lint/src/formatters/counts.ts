import type { Diagnostic } from '../engine.js';
import type { FileReport } from '../lint.js';

export interface ProblemCounts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): ProblemCounts {
  const counts: ProblemCounts = { errorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'error') {
      counts.errorCount += 1;
      if (diagnostic.fix) counts.fixableErrorCount += 1;
    } else if (diagnostic.severity === 'warning') {
      counts.warningCount += 1;
      if (diagnostic.fix) counts.fixableWarningCount += 1;
    } else {
      counts.infoCount += 1;
    }
  }
  return counts;
}

export function countReports(reports: readonly FileReport[]): ProblemCounts {
  return countDiagnostics(reports.flatMap((report) => report.diagnostics));
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** ESLint's numeric severity: 2 error, 1 anything lower. */
export function eslintSeverity(diagnostic: Diagnostic): 1 | 2 {
  return diagnostic.severity === 'error' ? 2 : 1;
}

/** Replaces the characters XML 1.0 cannot carry at all (lone surrogates included). */
export function stripInvalidXml(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

export function xmlEscape(text: string): string {
  return stripInvalidXml(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Attribute values would have their line breaks normalised to spaces.
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
