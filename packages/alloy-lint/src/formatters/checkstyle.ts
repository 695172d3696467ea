import { xmlEscape } from './counts.js';
import type { ReportFormatter } from './types.js';

/** Checkstyle XML, as ESLint's checkstyle formatter writes it. */
export const formatCheckstyle: ReportFormatter = (reports) => {
  let output = '<?xml version="1.0" encoding="utf-8"?><checkstyle version="4.3">';
  for (const report of reports) {
    output += `<file name="${xmlEscape(report.filePath)}">`;
    for (const diagnostic of report.diagnostics) {
      const severity = diagnostic.severity === 'warning' ? 'warning' : diagnostic.severity === 'error' ? 'error' : 'info';
      output +=
        `<error line="${diagnostic.range.start.line}" column="${diagnostic.range.start.column}" ` +
        `severity="${severity}" message="${xmlEscape(`${diagnostic.message} (${diagnostic.code})`)}" ` +
        `source="${xmlEscape(`alloy-lint.rules.${diagnostic.code}`)}" />`;
    }
    output += '</file>';
  }
  output += '</checkstyle>\n';
  return output;
};
