import type { ReportFormatter } from './types.js';

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one annotation per problem. */
export const formatGithub: ReportFormatter = (reports) => {
  let output = '';
  for (const report of reports) {
    for (const diagnostic of report.diagnostics) {
      const command = diagnostic.severity === 'error' ? 'error' : diagnostic.severity === 'warning' ? 'warning' : 'notice';
      const { start, end } = diagnostic.range;
      const properties = [
        `file=${escapeProperty(report.displayPath)}`,
        `line=${start.line}`,
        `col=${start.column}`,
        `endLine=${end.line}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(diagnostic.code)}`,
      ];
      output += `::${command} ${properties.join(',')}::${escapeData(diagnostic.message)}\n`;
    }
  }
  return output;
};
