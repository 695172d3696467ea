// Standard-library facts: function signatures and deprecations from the tables
// of alloy-reference/STDLIB.md, constants from reference/stdlib/constants.md.
import fs from 'node:fs';
import path from 'node:path';
import { normalizeTypeText, parseTypeText } from './alloy-type.mjs';
import { indexDocument, tablesIn } from './markdown.mjs';

const STDLIB_BASE = 'https://grafana.com/docs/alloy/latest/reference/stdlib';

function docsUrlFor(name) {
  return `${STDLIB_BASE}/${name.split('.')[0]}/`;
}

function typed(typeCell, problems, context) {
  let typeText = normalizeTypeText(typeCell);
  if (typeText === undefined) {
    // e.g. "bytes (see note)": Go []byte, not a plain Alloy type.
    problems.push(`stdlib: type ${JSON.stringify(typeCell)} of ${context} read as any`);
    typeText = 'any';
  }
  return { typeText, type: parseTypeText(typeText) };
}

function parseParameters(cell, problems, functionName) {
  const parameters = [];
  for (const match of cell.matchAll(/`([^`]+)`/g)) {
    const parameter = /^(\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)(\?)?\s*:\s*(.+)$/.exec(match[1].trim());
    if (!parameter) continue;
    const entry = { name: parameter[2], ...typed(parameter[4], problems, `${functionName}(${parameter[2]})`) };
    if (parameter[1]) entry.variadic = true;
    if (parameter[3]) entry.optional = true;
    parameters.push(entry);
  }
  return parameters;
}

function signatureOf(name, parameters, returnTypeText) {
  const list = parameters
    .map((parameter) => `${parameter.variadic ? '...' : ''}${parameter.name}${parameter.optional ? '?' : ''}`)
    .join(', ');
  return `${name}(${list}) -> ${returnTypeText}`;
}

export function buildStdlib(componentDocsRoot, problems) {
  const referenceRoot = path.dirname(componentDocsRoot);
  const document = indexDocument(fs.readFileSync(path.join(referenceRoot, 'STDLIB.md'), 'utf8'));
  const functions = [];
  const tables = tablesIn(document, { start: 0, end: document.lines.length });
  const functionTable = tables.find((table) => table.header[0] === 'name' && table.header.includes('parameters'));
  const deprecationTable = tables.find((table) => table.header[0] === 'deprecated name');
  if (!functionTable) throw new Error('STDLIB.md: function table not found');
  const returnsColumn = functionTable.header.indexOf('returns');
  const notesColumn = functionTable.header.indexOf('notes');
  for (const row of functionTable.rows) {
    const name = /`([^`]+)`/.exec(row[0] ?? '')?.[1];
    if (!name || (row[1] ?? '').trim() === '—') continue;
    const parameters = parseParameters(row[1] ?? '', problems, name);
    const returned = typed(row[returnsColumn] ?? '', problems, `${name} result`);
    const experimental = /\*\*experimental\*\*/i.test(row[notesColumn] ?? '');
    functions.push({
      name,
      parameters,
      returnType: returned.type,
      returnTypeText: returned.typeText,
      signature: signatureOf(name, parameters, returned.typeText),
      docsUrl: docsUrlFor(name),
      stability: experimental ? 'experimental' : 'generally-available',
    });
  }
  if (deprecationTable) {
    for (const row of deprecationTable.rows) {
      const deprecated = /`([^`]+)`/.exec(row[0] ?? '')?.[1];
      const replacement = /`([^`]+)`/.exec(row[1] ?? '')?.[1];
      const current = functions.find((fn) => fn.name === replacement);
      if (!deprecated || !current) {
        problems.push(`stdlib: deprecated ${deprecated} -> ${replacement} not resolved`);
        continue;
      }
      functions.push({
        ...current,
        name: deprecated,
        signature: signatureOf(deprecated, current.parameters, current.returnTypeText),
        deprecatedReplacement: replacement,
      });
    }
  }
  functions.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));

  const constantsDoc = fs.readFileSync(path.join(componentDocsRoot, 'reference', 'stdlib', 'constants.md'), 'utf8');
  const constants = [];
  for (const match of constantsDoc.matchAll(/^\s*[*-]\s+`(constants\.[a-z_]+)`/gm)) {
    if (constants.some((constant) => constant.name === match[1])) continue;
    constants.push({ name: match[1], type: { kind: 'string' }, typeText: 'string', docsUrl: docsUrlFor(match[1]) });
  }
  constants.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  return { functions, constants };
}
