import { stripInvalidXml, xmlEscape } from './counts.js';
import type { ReportFormatter } from './types.js';

function cdata(text: string): string {
  return `<![CDATA[${stripInvalidXml(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** JUnit XML, as ESLint's junit formatter writes it: one suite per file, one case per problem. */
export const formatJunit: ReportFormatter = (reports) => {
  let output = '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n';
  for (const report of reports) {
    const className = xmlEscape(report.filePath.replace(/\.[^./\\]+$/, ''));
    const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    const failures = report.diagnostics.length - errors;
    const tests = Math.max(1, report.diagnostics.length);
    output += `<testsuite package="org.alloy-lint" time="0" tests="${tests}" errors="${errors}" failures="${failures}" name="${xmlEscape(report.filePath)}">\n`;
    if (report.diagnostics.length === 0) {
      output += `<testcase time="0" name="${xmlEscape(report.filePath)}" classname="${className}" />\n`;
    }
    for (const diagnostic of report.diagnostics) {
      const kind = diagnostic.severity === 'error' ? 'error' : 'failure';
      const label = diagnostic.severity === 'error' ? 'Error' : diagnostic.severity === 'warning' ? 'Warning' : 'Info';
      const detail = `line ${diagnostic.range.start.line}, col ${diagnostic.range.start.column}, ${label} - ${diagnostic.message} (${diagnostic.code})`;
      output += `<testcase time="0" name="alloy-lint.rules.${xmlEscape(diagnostic.code)}" classname="${className}">`;
      output += `<${kind} message="${xmlEscape(diagnostic.message)}">${cdata(detail)}</${kind}>`;
      output += '</testcase>\n';
    }
    output += '</testsuite>\n';
  }
  output += '</testsuites>\n';
  return output;
};
