import type { FormatName, ReportFormatter } from './types.js';

/** Loads one report formatter (each lives in its own module so a run loads only the one it uses). */
export async function loadReportFormatter(name: FormatName): Promise<ReportFormatter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'github':
      return (await import('./github.js')).formatGithub;
    case 'checkstyle':
      return (await import('./checkstyle.js')).formatCheckstyle;
    case 'junit':
      return (await import('./junit.js')).formatJunit;
  }
}

export { FORMAT_NAMES, type FormatContext, type FormatName, type ReportFormatter } from './types.js';
