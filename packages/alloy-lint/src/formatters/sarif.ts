import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleInfo, RuleSetting } from '../engine.js';
import type { ReportFormatter } from './types.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const TOOL_URI = 'https://github.com/alloy-toolkit/alloy-toolkit/tree/main/packages/alloy-lint';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

function levelOfSetting(setting: RuleSetting): SarifLevel {
  return setting === 'error' ? 'error' : setting === 'warn' ? 'warning' : setting === 'info' ? 'note' : 'none';
}

function encodePath(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

function artifactLocation(filePath: string, cwd: string): ArtifactLocation {
  if (!isAbsolute(filePath)) return { uri: encodePath(filePath) }; // `<stdin>`
  const relativePath = relative(cwd, filePath);
  if (relativePath !== '' && !relativePath.startsWith('..') && !isAbsolute(relativePath)) {
    return { uri: encodePath(relativePath.split(sep).join('/')), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(filePath).href };
}

interface SarifRule {
  id: string;
  name?: string;
  shortDescription?: { text: string };
  helpUri?: string;
  help?: { text: string };
  defaultConfiguration?: { level: SarifLevel };
  properties?: { tags: string[]; fixable: boolean };
}

function sarifRule(code: string, info: RuleInfo | undefined): SarifRule {
  if (!info) return { id: code };
  return {
    id: code,
    name: code.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase()),
    shortDescription: { text: info.description },
    helpUri: info.docsUrl,
    help: { text: `${info.description} See ${info.docsUrl}` },
    defaultConfiguration: { level: levelOfSetting(info.defaultSeverity) },
    properties: { tags: [info.category], fixable: info.fixable },
  };
}

/** SARIF 2.1.0, as GitHub code scanning accepts it (`github/codeql-action/upload-sarif`). */
export const formatSarif: ReportFormatter = (reports, context) => {
  const ruleIndex = new Map<string, number>();
  const rules: SarifRule[] = [];
  const results: object[] = [];
  for (const report of reports) {
    const location = artifactLocation(report.filePath, context.cwd);
    for (const diagnostic of report.diagnostics) {
      let index = ruleIndex.get(diagnostic.code);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(diagnostic.code, index);
        rules.push(sarifRule(diagnostic.code, context.rules.get(diagnostic.code)));
      }
      const { start, end } = diagnostic.range;
      const related = (diagnostic.related ?? []).map((item, id) => ({
        id,
        message: { text: item.message },
        physicalLocation: {
          artifactLocation: artifactLocation(item.fileName, context.cwd),
          region: { startLine: item.range.start.line, startColumn: item.range.start.column, endLine: item.range.end.line, endColumn: item.range.end.column },
        },
      }));
      results.push({
        ruleId: diagnostic.code,
        ruleIndex: index,
        level: diagnostic.severity === 'error' ? 'error' : diagnostic.severity === 'warning' ? 'warning' : 'note',
        message: { text: diagnostic.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
            },
          },
        ],
        ...(related.length > 0 ? { relatedLocations: related } : {}),
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'alloy-lint',
            informationUri: TOOL_URI,
            semanticVersion: context.version,
            version: context.version,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(context.cwd.endsWith(sep) ? context.cwd : `${context.cwd}${sep}`).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
