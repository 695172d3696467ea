// Minimal reader for the reference docs' markdown: shared includes, headings,
// pipe tables and link reference definitions.
import fs from 'node:fs';
import path from 'node:path';

// The include's attributes contain `<ALLOY_VERSION>`, so the end is `>}}`, not the first `>`.
const INCLUDE_PATTERN = /\{\{<\s*docs\/shared\s+lookup="([^"]+)".*?>\}\}/g;

export function stripFrontMatter(text) {
  if (!text.startsWith('---')) return text;
  const end = text.indexOf('\n---', 3);
  return end < 0 ? text : text.slice(text.indexOf('\n', end + 1) + 1);
}

export function readFrontMatter(text) {
  if (!text.startsWith('---')) return {};
  const end = text.indexOf('\n---', 3);
  const header = text.slice(3, end);
  const stage = /\n\s*stage:\s*([a-z-]+)/.exec(header);
  return { stage: stage ? stage[1] : undefined };
}

/**
 * Replaces every `{{< docs/shared lookup="..." >}}` by the fragment's body.
 * Unresolvable includes are reported through `unresolved`.
 */
/**
 * Fragments that older releases include under a name the newest shared directory no
 * longer has (the only shared fragments available are the newest release's).
 */
const RENAMED_FRAGMENTS = new Map([
  ['reference/components/loki-server-http.md', 'reference/components/server-http.md'],
  ['reference/components/managed_identity-block.md', 'reference/components/azure-managed_identity-block.md'],
]);

export function resolveIncludes(text, sharedRoot, unresolved, depth = 0) {
  return text.replace(INCLUDE_PATTERN, (_whole, lookup) => {
    let file = path.join(sharedRoot, lookup);
    if (!fs.existsSync(file) && RENAMED_FRAGMENTS.has(lookup)) file = path.join(sharedRoot, RENAMED_FRAGMENTS.get(lookup));
    if (depth > 5 || !fs.existsSync(file)) {
      unresolved.push(lookup);
      return '';
    }
    const body = stripFrontMatter(fs.readFileSync(file, 'utf8'));
    return `\n${resolveIncludes(body, sharedRoot, unresolved, depth + 1)}\n`;
  });
}

/** Splits a document into lines and records its headings outside code fences. */
export function indexDocument(text) {
  const lines = text.split('\n');
  const headings = [];
  let inFence = false;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    if (/^\s*```/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (heading) headings.push({ level: heading[1].length, text: heading[2], line: index });
  }
  const references = new Map();
  for (const line of lines) {
    const reference = /^\[([^\]]+)\]:\s*(\S+)/.exec(line);
    if (reference && !references.has(reference[1])) references.set(reference[1], reference[2]);
  }
  return { lines, headings, references };
}

/** Line range [start, end) of a heading's section: up to the next heading of the same or higher level. */
export function sectionRange(document, heading) {
  const position = document.headings.indexOf(heading);
  let end = document.lines.length;
  for (let index = position + 1; index < document.headings.length; index += 1) {
    if (document.headings[index].level <= heading.level) {
      end = document.headings[index].line;
      break;
    }
  }
  return { start: heading.line + 1, end };
}

/** Line range of a heading's own text, up to the next heading of any level. */
export function directRange(document, heading) {
  const position = document.headings.indexOf(heading);
  const next = document.headings[position + 1];
  return { start: heading.line + 1, end: next ? next.line : document.lines.length };
}

export function splitTableRow(line) {
  const cells = [];
  let current = '';
  let inCode = false;
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let index = 0; index < body.length; index += 1) {
    const character = body[index];
    if (character === '\\' && body[index + 1] === '|') {
      current += '|';
      index += 1;
      continue;
    }
    // A stray backtick without a partner on the line does not open code.
    if (character === '`' && (inCode || body.indexOf('`', index + 1) >= 0)) inCode = !inCode;
    if (character === '|' && !inCode) {
      cells.push(current.trim());
      current = '';
      continue;
    }
    current += character;
  }
  cells.push(current.trim());
  return cells;
}

/** Pipe tables within a line range, with their header cells and rows, and the line after the table. */
export function tablesIn(document, range) {
  const tables = [];
  let index = range.start;
  let inFence = false;
  while (index < range.end) {
    const line = document.lines[index];
    if (/^\s*```/.test(line)) inFence = !inFence;
    const leadingPipe = /^\s*\|/.test(line);
    // Older releases' pages write tables without the outer pipes: `Name | Type | ...` over `---- | ---- | ...`.
    const pipeless = !leadingPipe && line.includes('|') && index + 1 < range.end && /^\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/.test(document.lines[index + 1]);
    if (!inFence && (pipeless || (leadingPipe && index + 1 < range.end && /^\s*\|[\s:|-]+\|?\s*$/.test(document.lines[index + 1])))) {
      const header = splitTableRow(line).map((cell) => cell.toLowerCase());
      const rows = [];
      let rowIndex = index + 2;
      const isRow = (text) => (pipeless ? text.trim() !== '' && text.includes('|') : /^\s*\|/.test(text));
      while (rowIndex < range.end && isRow(document.lines[rowIndex])) {
        rows.push(splitTableRow(document.lines[rowIndex]));
        rowIndex += 1;
      }
      tables.push({ header, rows, line: index, endLine: rowIndex });
      index = rowIndex;
      continue;
    }
    index += 1;
  }
  return tables;
}

/** Hugo-style heading anchor: `endpoint` > `tls_config` -> endpoint--tls_config. */
export function headingAnchor(text) {
  return text
    .toLowerCase()
    .replace(/\{#([^}]+)\}\s*$/, '')
    .replace(/[^a-z0-9 _-]/g, '')
    .trim()
    .replace(/ /g, '-');
}

/** Backticked names of a heading like "`endpoint` > `tls_config`" or "`rule` block"; undefined for prose headings. */
export function headingBlockPath(text) {
  const match = /^((?:\[?`[^`]+`\]?(?:\[[^\]]*\])?\s*>\s*)*\[?`[^`]+`\]?(?:\[[^\]]*\])?)(?:\s+blocks?)?(?:\s*\{#[^}]+\})?$/.exec(text.trim());
  if (!match) {
    // Older releases: "tls block", "keepalive > server_parameters block".
    const plain = /^([a-z_][a-z0-9_.]*(?:\s*>\s*[a-z_][a-z0-9_.]*)*)\s+blocks?(?:\s*\{#[^}]+\})?$/.exec(text.trim());
    return plain ? plain[1].split('>').map((name) => name.trim()) : undefined;
  }
  return [...match[1].matchAll(/`([^`]+)`/g)].map((name) => name[1]);
}
