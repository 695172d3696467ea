#!/usr/bin/env node
// Derives packages/schema/data/alloy-1.18.json from the reference docs in
// ../shared/alloy-reference, and data/alloy-history.json (every minor release
// since v1.0, see merge-history.mjs) from the docs of each release in
// alloy-reference/docs-by-version. Only facts are extracted (names, types,
// defaults, enumerated values, required/repeatable flags); no prose.
//
// Usage: node scripts/generate-schema.mjs [--shared <dir>] [--out <file>] [--history-out <file>]
//                                         [--go-overrides-out <file>] [--report]
// With --out alone only the newest release's file is written. The 1.18 data applies upstream's Go
// struct tags where they disagree with the docs (go-reconcile.mjs); the list of those overrides
// goes to data/alloy-1.18-go-overrides.txt.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeTypeText, parseTypeText } from './alloy-type.mjs';
import {
  directRange,
  headingAnchor,
  headingBlockPath,
  indexDocument,
  resolveIncludes,
  sectionRange,
  stripFrontMatter,
  tablesIn,
} from './markdown.mjs';
import { buildConfigBlocks } from './config-blocks.mjs';
import { buildStdlib } from './stdlib.mjs';
import { KNOWN_REPEATABLE_BLOCKS, applyComponentOverrides } from './overrides.mjs';
import { converterGoldens, reconcileWithGoldens } from './corpus-reconcile.mjs';
import { applyCollectorNames } from './collector-names.mjs';
import { formatOverrideList, groupUnresolved, reconcileWithGo } from './go-reconcile.mjs';
import {
  componentEntriesOf,
  componentPageFacts,
  digestOfFiles,
  extractReleases,
  filesBelow,
  listReleaseArchives,
  stdlibNamesOf,
} from './releases.mjs';
import { mergeReleaseHistory, serializeHistory } from './merge-history.mjs';

export const ALLOY_VERSION = '1.18';
const DOCS_BASE = 'https://grafana.com/docs/alloy/latest/reference/components';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repositoryRoot = path.resolve(packageRoot, '../..');

function parseCommandLine(argv) {
  const options = {
    shared: path.resolve(repositoryRoot, '../shared'),
    out: path.join(packageRoot, 'data', `alloy-${ALLOY_VERSION}.json`),
    historyOut: path.join(packageRoot, 'data', 'alloy-history.json'),
    goOverridesOut: path.join(packageRoot, 'data', `alloy-${ALLOY_VERSION}-go-overrides.txt`),
    report: false,
  };
  let goOverridesOutGiven = false;
  let outGiven = false;
  let historyOutGiven = false;
  for (let index = 0; index < argv.length; index += 1) {
    if (argv[index] === '--shared') options.shared = path.resolve(argv[++index]);
    else if (argv[index] === '--out') {
      options.out = path.resolve(argv[++index]);
      outGiven = true;
    } else if (argv[index] === '--history-out') {
      options.historyOut = path.resolve(argv[++index]);
      historyOutGiven = true;
    }
    else if (argv[index] === '--go-overrides-out') {
      options.goOverridesOut = path.resolve(argv[++index]);
      goOverridesOutGiven = true;
    } else if (argv[index] === '--report') options.report = true;
    else throw new Error(`unknown option ${argv[index]}`);
  }
  if (outGiven && !historyOutGiven) options.historyOut = undefined;
  if (outGiven && !goOverridesOutGiven) options.goOverridesOut = undefined;
  return options;
}

const STABILITY_FROM_GO = new Map([
  ['GenerallyAvailable', 'generally-available'],
  ['PublicPreview', 'public-preview'],
  ['Experimental', 'experimental'],
]);

function readComponentList(referenceRoot) {
  const text = fs.readFileSync(path.join(referenceRoot, 'COMPONENTS.tsv'), 'utf8');
  const [headerLine, ...rows] = text.split('\n').filter((line) => line.trim() !== '');
  const header = headerLine.split('\t');
  const column = (name) => header.indexOf(name);
  const components = [];
  for (const row of rows) {
    const cells = row.split('\t');
    const goStability = cells[column('go_stability')];
    const community = cells[column('community')] === 'true';
    // A documented but unregistered component (a removed one) has no Go stability.
    if (!goStability) continue;
    // pyroscope.java is GA on Linux and public-preview in the non-Linux stub: the first value is the Linux one.
    const stability = community ? 'generally-available' : STABILITY_FROM_GO.get(goStability.split(',')[0]);
    if (!stability) throw new Error(`unknown stability ${goStability} for ${cells[0]}`);
    components.push({
      name: cells[column('component')],
      namespace: cells[column('namespace')],
      stability,
      community,
      docPath: cells[column('doc_path')],
      goExports: cells[column('go_exports_type')] ?? '',
    });
  }
  return components;
}

// ---------------------------------------------------------------------------
// Table interpretation

function isArgumentTable(table) {
  const [first, second] = table.header;
  return (first === 'name' || first === 'attribute' || first === 'argument') && second === 'type' && table.header.includes('required');
}

function isBlockTable(table) {
  const first = table.header[0];
  return (first === 'block' || first === 'name' || first === 'hierarchy') && !table.header.includes('type') && table.header.includes('required');
}

/** Within an "Exported fields" section: some pages reuse the argument header there. */
function isExportTable(table) {
  return (table.header[0] === 'name' || table.header[0] === 'field') && table.header[1] === 'type';
}

/** The export fields of the shared Go export structs (COMPONENTS.tsv `go_exports_type`). */
const SHARED_GO_EXPORTS = new Map([
  ['otelcol.ConsumerExports{}', [['input', 'otelcol.Consumer']]],
  ['discovery.Exports{}', [['targets', 'list(map(string))']]],
  ['exporter.Exports{}', [['targets', 'list(map(string))']]],
  ['auth.Exports{}', [['handler', 'otelcol.Handler']]],
  ['extension.Exports{}', [['handler', 'otelcol.Handler']]],
  ['write.Exports{}', [['receiver', 'ProfilesReceiver']]],
]);

function cellName(cell) {
  const match = /`([^`]+)`/.exec(cell);
  return (match ? match[1] : cell).trim();
}

function isYes(cell) {
  return /^\**\s*yes/i.test(cell.replace(/`/g, '').trim());
}

/** Turns a default cell into Alloy source text, or undefined when it is prose or empty. */
function defaultSource(cell, typeText) {
  let text = cell.trim();
  if (text === '' || text === '-' || text === '—') return undefined;
  const code = /^`([^`]*)`$/.exec(text);
  if (code) text = code[1].trim();
  else if (text.includes('`') || /[_*[\]]/.test(text[0] ?? '')) return undefined;
  if (text === '') return undefined;
  if (/^"(?:[^"\\]|\\.)*"$/.test(text)) return text;
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return text;
  if (text === 'true' || text === 'false' || text === 'null') return text;
  if (/^\[\s*\]$/.test(text) || /^\{\s*\}$/.test(text)) return text;
  if (/^\[\s*(?:(?:"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)\s*,\s*)*(?:"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)\s*,?\s*\]$/.test(text)) return text;
  const stringLike = typeText === 'string' || typeText === 'duration' || typeText === 'secret';
  // Unquoted single tokens in string columns (`replace`, `(.*)`, `;`) are string values.
  if (stringLike && !/\s/.test(text) && code !== null) return JSON.stringify(text);
  if (stringLike && !/\s/.test(text) && /^[\w.:/$()*+^;-]+$/.test(text) && !/^[A-Z]/.test(text)) return JSON.stringify(text);
  return undefined;
}

const ENUM_INTRODUCERS = [
  /\bone of\b/i,
  /\ballowed values (?:are|include)\b/i,
  /\bsupported values (?:are|include)\b/i,
  /\bvalid values (?:are|include)\b/i,
  /\bvalid actions are\b/i,
  /\bvalid options are\b/i,
  /\bpossible values are\b/i,
  /\bcan be (?:set to )?either\b/i,
  /\bmust be either\b/i,
  /\bcan be (?=`[^`]+`(?:, `[^`]+`)*,? or `[^`]+`)/i,
  /\bcan be set to\b/i,
  /\bmust be (?=[`"])/i,
  /(?:^|\. )either (?=[`"])/i,
  /\bvalid values:/i,
];

/** Enumerated values from a description ("Must be one of `a`, `b`"), if any. */
function allowedValuesFrom(description) {
  for (const introducer of ENUM_INTRODUCERS) {
    const match = introducer.exec(description);
    if (!match) continue;
    let rest = description.slice(match.index + match[0].length);
    const sentenceEnd = rest.search(/\.(\s|$)/);
    if (sentenceEnd >= 0) rest = rest.slice(0, sentenceEnd);
    let values = [...rest.matchAll(/`([^`]+)`/g)].map((value) => value[1].replace(/^"(.*)"$/, '$1'));
    if (values.length === 0) values = [...rest.matchAll(/"([^"\s]+)"/g)].map((value) => value[1]);
    if (values.length >= 2 && values.every((value) => !/\s/.test(value) || value.length < 40)) {
      return [...new Set(values)];
    }
  }
  return undefined;
}

function receiverNameFor(componentName) {
  if (componentName.startsWith('loki.') || componentName === 'otelcol.exporter.loki') return 'LogsReceiver';
  if (componentName.startsWith('pyroscope.')) return 'ProfilesReceiver';
  if (componentName.startsWith('prometheus.')) return 'MetricsReceiver';
  return undefined;
}

let currentReceiverName;

function argumentFromRow(row, header, problems) {
  const get = (key) => {
    const position = header.indexOf(key);
    return position >= 0 ? (row[position] ?? '') : '';
  };
  const name = cellName(row[0]);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  const rawType = row[1] ?? '';
  let typeText = normalizeTypeText(rawType, currentReceiverName);
  let open = false;
  if (typeText === undefined) {
    problems.push(`type ${JSON.stringify(rawType)} of ${name}`);
    typeText = 'any';
    open = true;
  }
  const argument = {
    name,
    typeText,
    type: parseTypeText(typeText),
    required: isYes(get('required')),
  };
  // `yes*`: required with a footnote (relaxFootnotedEitherOr decides once the section is read).
  if (argument.required && /yes\s*\\?\*/i.test(get('required'))) Object.defineProperty(argument, 'footnoted', { value: true });
  const defaultText = defaultSource(get('default'), typeText);
  if (defaultText !== undefined) argument.default = defaultText;
  const allowed = typeText === 'string' || typeText === 'list(string)' ? allowedValuesFrom(get('description')) : undefined;
  if (allowed) argument.allowedValues = allowed;
  return { argument, open };
}

/**
 * Arguments marked `yes*` whose section says that either one or the other is needed ("A `multiline`
 * block must contain either `line_start_pattern` or `line_end_pattern`.", "Exactly one of `strict`
 * or `regexp` must be specified.") are each optional: the Go tags make them optional and a
 * Validate() method checks the combination.
 */
function relaxFootnotedEitherOr(argumentList, body) {
  const footnoted = argumentList.filter((argument) => argument.required && argument.footnoted);
  if (footnoted.length < 2) return;
  const sentences = body.replace(/\s+/g, ' ').split(/(?<=\.)\s+/);
  const saysEitherOr = sentences.some(
    (sentence) =>
      /\b(?:either|exactly one of|one of|at least one of)\b/i.test(sentence) && footnoted.every((argument) => sentence.includes(`\`${argument.name}\``)),
  );
  if (saysEitherOr) for (const argument of footnoted) argument.required = false;
}

function argumentsFromTables(tables, problems) {
  const result = [];
  const blockRows = [];
  let open = false;
  for (const table of tables) {
    if (!isArgumentTable(table)) continue;
    for (const row of table.rows) {
      // A "type" that links to a section (`[\`resource_attributes\`][res-attr-cfg]`) is a block.
      if (/^\[`/.test((row[1] ?? '').trim())) {
        const name = cellName(row[0] ?? '');
        const requiredPosition = table.header.indexOf('required');
        blockRows.push({ path: [name], required: isYes(row[requiredPosition] ?? ''), anchor: undefined, link: row[1].trim() });
        continue;
      }
      const parsed = argumentFromRow(row, table.header, problems);
      if (!parsed) continue;
      if (parsed.open) open = true;
      if (!result.some((existing) => existing.name === parsed.argument.name)) result.push(parsed.argument);
    }
  }
  return { arguments: result, open, blockRows };
}

/** `* \`drop\` - ...` bullet lists after "following actions" give the values of `action`. */
function actionListIn(document, range) {
  for (let index = range.start; index < range.end; index += 1) {
    if (!/following actions/i.test(document.lines[index])) continue;
    const values = [];
    for (let next = index + 1; next < range.end; next += 1) {
      const bullet = /^\s*[*-]\s+`([a-z_]+)`/.exec(document.lines[next]);
      if (bullet) values.push(bullet[1]);
      else if (values.length > 0 && document.lines[next].trim() !== '') break;
    }
    if (values.length > 0) return values;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Components

function findLevel2(document, pattern) {
  return document.headings.find((heading) => heading.level === 2 && pattern.test(heading.text));
}

function linkAnchor(document, cell) {
  const names = [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1].trim());
  const link = /\]\[([^\]]*)\]\s*$/.exec(cell.trim());
  // `[name][]` without backticks (older releases): the link text is the reference name.
  const linkText = /\[([^\]`]+)\]\[\]\s*$/.exec(cell.trim())?.[1];
  const linkName = link ? (link[1] === '' ? (names[names.length - 1] ?? linkText) : link[1]) : undefined;
  const anchorTarget = linkName ? document.references.get(linkName) : undefined;
  const inlineLink = /\]\((#[^)]+)\)\s*$/.exec(cell.trim());
  if (anchorTarget?.startsWith('#')) return anchorTarget.slice(1);
  return inlineLink ? inlineLink[1].slice(1) : undefined;
}

function blockRowsIn(document, range) {
  const rows = [];
  for (const table of tablesIn(document, range)) {
    if (!isBlockTable(table)) continue;
    for (const row of table.rows) {
      const cell = row[0] ?? '';
      let names = [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1].trim());
      // Older releases write names without backticks: `oauth2 > [tls_config][]`, or a plain
      // `Hierarchy` cell (`keepalive > server_parameters`) with the link in the `Block` cell.
      const plainCell = cell.replace(/\[([^\]]*)\](?:\[[^\]]*\]|\([^)]*\))/g, '$1').trim();
      const plainNames = names.length === 0 && /^[a-z_][a-z0-9_.]*(?:\s*>\s*[a-z_][a-z0-9_.]*)*$/.test(plainCell);
      if (plainNames) names = plainCell.split('>').map((name) => name.trim());
      const anchor = linkAnchor(document, cell) ?? (plainNames && table.header[0] === 'hierarchy' ? linkAnchor(document, row[1] ?? '') : undefined);
      if (names.length === 0 && anchor && /^\[``\]/.test(cell.trim())) {
        // An empty link text, [``](#ec2--resource_attributes): the anchor names the block.
        names = [anchor.split('--').pop()];
      }
      if (names.length === 0) {
        // A typo'd cell such as [resource_attr`ibutes](#x): use the link text.
        const linkText = /^\[([^\]]+)\]/.exec(cell.trim());
        const name = linkText ? linkText[1].replace(/`/g, '') : '';
        if (!/^[a-z_][a-z0-9_.]*$/.test(name)) continue;
        names = [name];
      }
      rows.push({ path: names, required: isYes(row[row.length - 1] ?? ''), anchor });
    }
  }
  return rows;
}

/**
 * Rows of the component's own blocks table: the one directly under "## Blocks".
 * Tables inside the block subsections list nested blocks relative to that block.
 */
function blockRowsOf(document) {
  const blocksHeading = findLevel2(document, /^blocks$/i);
  if (!blocksHeading) return [];
  const direct = blockRowsIn(document, directRange(document, blocksHeading));
  if (direct.length > 0) return direct;
  const firstTable = tablesIn(document, sectionRange(document, blocksHeading)).find(isBlockTable);
  return firstTable ? blockRowsIn(document, { start: firstTable.line, end: firstTable.endLine }) : [];
}

function findBlockHeading(document, row) {
  const candidates = document.headings.filter((heading) => heading.level >= 3);
  if (row.anchor) {
    const byAnchor = candidates.find((heading) => headingAnchor(heading.text) === row.anchor.toLowerCase());
    if (byAnchor) return byAnchor;
  }
  const name = row.sectionName ?? row.path[row.path.length - 1];
  let best;
  let bestScore = -1;
  for (const heading of candidates) {
    const headingPath = headingBlockPath(heading.text);
    if (!headingPath || headingPath[headingPath.length - 1] !== name) continue;
    // Prefer headings whose path matches more of the block's parents.
    let score = 0;
    while (
      score < headingPath.length &&
      score < row.path.length &&
      (score === 0 || headingPath[headingPath.length - 1 - score] === row.path[row.path.length - 1 - score])
    ) {
      score += 1;
    }
    if (headingPath.length > score) score -= 10;
    if (score > bestScore) {
      best = heading;
      bestScore = score;
    }
  }
  return best;
}

/** Repeatable blocks named in prose ("You can specify multiple `x` blocks"). */
function repeatableNamesIn(text) {
  const names = new Set();
  const patterns = [
    /multiple `([a-z_.]+)` blocks/gi,
    /`([a-z_.]+)` blocks? (?:may|can) be (?:specified|repeated|defined|provided|configured)[^.]*multiple times/gi,
    /`([a-z_.]+)` block (?:can be repeated|one or (?:more|multiple) times|multiple times)/gi,
    /(?:specify|configure|define|provide|use) the `([a-z_.]+)` block (?:one or )?multiple times/gi,
    /`([a-z_.]+)` blocks? can be (?:specified|provided|defined) (?:more than once|multiple times)/gi,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) names.add(match[1]);
  }
  return names;
}

function buildBlock(document, row, problems, proseRepeatable, componentName, visiting = new Set()) {
  const name = row.path[row.path.length - 1];
  const block = {
    name,
    required: row.required,
    repeatable: proseRepeatable.has(name) || KNOWN_REPEATABLE_BLOCKS.has(name) || KNOWN_REPEATABLE_BLOCKS.has(`${componentName}:${row.path.join('>')}`),
    arguments: [],
    blocks: [],
  };
  const heading = findBlockHeading(document, row);
  if (!heading) {
    block.open = true;
    problems.push(`no section for block ${row.path.join(' > ')}`);
    return block;
  }
  Object.defineProperty(block, 'heading', { value: heading, enumerable: false });
  let range = directRange(document, heading);
  let tables = tablesIn(document, range).filter(isArgumentTable);
  if (tables.length === 0) {
    // Some sections put their table below a prose sub-heading.
    const full = sectionRange(document, heading);
    const nestedBlockHeading = document.headings.find(
      (other) => other.line > heading.line && other.line < full.end && headingBlockPath(other.text) !== undefined,
    );
    range = { start: full.start, end: nestedBlockHeading ? nestedBlockHeading.line : full.end };
    tables = tablesIn(document, range).filter(isArgumentTable);
  }
  const parsed = argumentsFromTables(tables, problems);
  block.arguments = parsed.arguments;
  if (parsed.open) block.open = true;
  const actions = actionListIn(document, range);
  const action = block.arguments.find((argument) => argument.name === 'action');
  if (actions && action && !action.allowedValues) action.allowedValues = actions;

  // Nested blocks listed inside the block's own section.
  const childRows = [
    ...parsed.blockRows.map((child) => ({
      ...child,
      anchor: linkAnchor(document, child.link),
      sectionName: cellName(child.link),
    })),
    ...blockRowsIn(document, range),
  ];
  if (childRows.length > 0 && visiting.size < 6 && !visiting.has(heading)) {
    const nextVisiting = new Set(visiting).add(heading);
    for (const child of childRows) {
      const absolute = { ...child, path: [...row.path, ...child.path] };
      const childBlock = buildBlock(document, absolute, problems, proseRepeatable, componentName, nextVisiting);
      insertBlock([block], { ...absolute, path: [block.name, ...child.path] }, childBlock, problems);
    }
  }

  const body = document.lines.slice(range.start, range.end).join('\n');
  relaxFootnotedEitherOr(block.arguments, body);
  const sameAs =
    /same (?:configuration options|configuration structure|arguments|attributes|options)[^.]*? as (?:the )?\[?`([a-z_.]+)`/i.exec(body) ??
    /match(?:es)? the \[?`([a-z_.]+)`\]?(?:\([^)]*\)|\[[^\]]*\])? block/i.exec(body);
  if (tables.length === 0 && childRows.length === 0 && sameAs && sameAs[1] !== name && visiting.size < 6) {
    // "uses the same configuration options as the `instrument` block": copy that block's schema.
    const source = buildBlock(
      document,
      { path: [...row.path.slice(0, -1), sameAs[1]], required: row.required, anchor: undefined },
      problems,
      proseRepeatable,
      componentName,
      new Set(visiting).add(heading),
    );
    block.arguments = source.arguments;
    block.blocks = source.blocks;
    if (source.open) block.open = true;
    return block;
  }
  if (/\brefer to\b.{0,200}?\bfor the full list of supported arguments/is.test(body)) {
    block.open = true;
    problems.push(`block ${row.path.join(' > ')} is described on another page`);
  }
  const saysNoArguments =
    /\b(no|any) (arguments|attributes|configuration)\b|doesn't (support|have|accept|take)|does not (support|have|accept|take)|takes no\b|(contains|supports|uses) (only )?(the following|zero or one of|one of) (the )?\[?`?[a-z_]*`?\]?\s*(blocks|block)?|following blocks/i.test(
      body,
    );
  if (tables.length === 0 && childRows.length === 0 && !saysNoArguments) {
    // Decided once the children from the blocks table are known (settleProseOnlyBlocks).
    Object.defineProperty(block, 'proseNames', {
      value: [...body.matchAll(/`([a-z][a-z0-9_]*)`/g)].map((match) => match[1]),
      enumerable: false,
    });
    Object.defineProperty(block, 'problemPath', { value: row.path.join(' > '), enumerable: false });
  }
  return block;
}

/**
 * A block section without an argument table is open (arguments in prose only,
 * or not described) unless it is a plain container: it has child blocks and its
 * text names nothing but them.
 */
function settleProseOnlyBlocks(blocks, problems, ownerName) {
  for (const block of blocks) {
    if (block.proseNames) {
      const known = new Set([...block.blocks.map((child) => child.name), ...block.problemPath.split(' > '), ...ownerName.split('.')]);
      const unexplained = block.proseNames.filter((name) => !known.has(name));
      if (block.blocks.length === 0 || unexplained.length > 0) {
        block.open = true;
        problems.push(`block ${block.problemPath} has no argument table`);
      }
    }
    settleProseOnlyBlocks(block.blocks, problems, ownerName);
  }
}

function cloneBlock(block) {
  return { ...block, arguments: block.arguments.map((argument) => ({ ...argument })), blocks: block.blocks.map(cloneBlock) };
}

/**
 * A block listed under two parents shares one section, but the table may list
 * its children under one parent only (`cloud_provider` > `aws`, not
 * `database_instance` > `cloud_provider` > `aws`): give both the same children.
 */
function shareChildrenOfSharedSections(roots) {
  const withChildren = new Map();
  const visit = (blocks, action) => blocks.forEach((block) => { action(block); visit(block.blocks, action); });
  visit(roots, (block) => {
    if (block.heading && block.blocks.length > 0 && !withChildren.has(block.heading)) withChildren.set(block.heading, block);
  });
  visit(roots, (block) => {
    const source = block.heading ? withChildren.get(block.heading) : undefined;
    if (source && source !== block && block.blocks.length === 0) block.blocks = source.blocks.map(cloneBlock);
  });
}

/**
 * Children all marked "Required: yes" under a parent whose text says exactly one
 * of them is needed (`azuread` > `managed_identity` | `oauth` | `sdk` | ...) are
 * each optional (SCHEMA-NOTES §4.3: the Go tags make each optional).
 */
function relaxOneOfChildren(document, blocks) {
  for (const block of blocks) {
    const required = block.blocks.filter((child) => child.required);
    if (block.heading && required.length >= 2) {
      const range = directRange(document, block.heading);
      const body = document.lines.slice(range.start, range.end).join('\n');
      if (/\bexactly one of\b|\bone of the following\b|\bonly one of\b/i.test(body)) {
        for (const child of required) child.required = false;
      }
    }
    relaxOneOfChildren(document, block.blocks);
  }
}

/** Names that are only ever nested blocks, never top-level ones. */
const NESTED_ONLY_BLOCK_NAMES = new Set(['tpm', 'tls', 'tls_config', 'oauth2', 'basic_auth', 'authorization', 'keepalive']);

function insertBlock(roots, row, block, problems) {
  let siblings = roots;
  for (const parentName of row.path.slice(0, -1)) {
    let parent = siblings.find((candidate) => candidate.name === parentName);
    if (!parent) {
      // The table lists a child without its parent row: keep the parent, but open.
      problems.push(`parent ${parentName} of ${row.path.join(' > ')} not listed`);
      parent = { name: parentName, required: false, repeatable: false, arguments: [], blocks: [], open: true };
      siblings.push(parent);
    }
    siblings = parent.blocks;
  }
  if (!siblings.some((existing) => existing.name === block.name)) siblings.push(block);
}

/**
 * Arguments, blocks and exports described by one reference page
 * (component or config block). `name` is used for messages and overrides.
 */
export function readReferencePage(file, componentDocsRoot, name, problems) {
  const raw = fs.readFileSync(file, 'utf8');
  const unresolved = [];
  const text = resolveIncludes(stripFrontMatter(raw), path.join(componentDocsRoot, 'shared'), unresolved).replace(
    /<!--[\s\S]*?-->/g,
    (comment) => '\n'.repeat(comment.split('\n').length - 1),
  );
  const document = indexDocument(text);
  const pageProblems = [];
  for (const lookup of unresolved) pageProblems.push(`unresolved include ${lookup}`);
  currentReceiverName = receiverNameFor(name);
  const page = { arguments: [], blocks: [], exports: [], open: unresolved.length > 0 };

  const argumentsHeading = findLevel2(document, /^arguments$/i);
  if (argumentsHeading) {
    const range = sectionRange(document, argumentsHeading);
    const parsed = argumentsFromTables(tablesIn(document, range), pageProblems);
    page.arguments = parsed.arguments;
    for (const row of parsed.blockRows) pageProblems.push(`argument ${row.path[0]} typed as a block link`);
    if (parsed.open) page.open = true;
    const body = document.lines.slice(range.start, range.end).join('\n');
    relaxFootnotedEitherOr(page.arguments, body);
    if (parsed.arguments.length === 0 && !/(doesn't|does not|don't) support any arguments|no arguments/i.test(body)) {
      page.open = true;
      pageProblems.push('no argument table');
    }
  }

  const proseRepeatable = repeatableNamesIn(text);
  for (const row of blockRowsOf(document)) {
    const block = buildBlock(document, row, pageProblems, proseRepeatable, name);
    insertBlock(page.blocks, row, block, pageProblems);
  }
  shareChildrenOfSharedSections(page.blocks);
  relaxOneOfChildren(document, page.blocks);
  settleProseOnlyBlocks(page.blocks, pageProblems, name);
  // Sections under "## Blocks" for blocks the table forgot (or a page without a table).
  const blocksHeading = findLevel2(document, /^blocks$/i);
  if (blocksHeading) {
    const range = sectionRange(document, blocksHeading);
    // Names already used by a block or an argument (some pages give an argument its own section).
    const known = new Set(page.arguments.map((argument) => argument.name));
    const collect = (blocks) =>
      blocks.forEach((block) => {
        known.add(block.name);
        block.arguments.forEach((argument) => known.add(argument.name));
        collect(block.blocks);
      });
    collect(page.blocks);
    for (const heading of document.headings) {
      if (heading.level !== 3 || heading.line < range.start || heading.line >= range.end) continue;
      const headingPath = /^`[a-z][a-z0-9_.]*`$/.test(heading.text.trim()) ? headingBlockPath(heading.text) : undefined;
      if (!headingPath || headingPath.length !== 1 || known.has(headingPath[0])) continue;
      if (NESTED_ONLY_BLOCK_NAMES.has(headingPath[0])) continue;
      const row = { path: headingPath, required: false, anchor: headingAnchor(heading.text) };
      pageProblems.push(`block ${headingPath[0]} has a section but no row in the blocks table`);
      const extra = buildBlock(document, row, pageProblems, proseRepeatable, name);
      settleProseOnlyBlocks([extra], pageProblems, name);
      insertBlock(page.blocks, row, extra, pageProblems);
      known.add(headingPath[0]);
    }
  }

  const exportsHeading = findLevel2(document, /^(exported fields|exports)$/i);
  if (exportsHeading) {
    for (const table of tablesIn(document, sectionRange(document, exportsHeading))) {
      if (!isExportTable(table)) continue;
      for (const row of table.rows) {
        const exportName = cellName(row[0] ?? '');
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(exportName)) continue;
        // "`string` or `secret`" depends on an argument (`is_secret`): either may come out.
        let typeText = /\bor\b/.test(row[1] ?? '') ? 'any' : normalizeTypeText(row[1] ?? '', currentReceiverName);
        if (typeText === undefined) {
          pageProblems.push(`export type ${JSON.stringify(row[1])} of ${exportName}`);
          typeText = 'any';
        }
        if (!page.exports.some((existing) => existing.name === exportName)) {
          page.exports.push({ name: exportName, typeText, type: parseTypeText(typeText) });
        }
      }
    }
  }
  for (const problem of pageProblems) problems.push(`${name}: ${problem}`);
  return page;
}

export function buildComponent(entry, componentDocsRoot, problems) {
  const file = path.join(componentDocsRoot, entry.docPath.replace(/^docs\/sources\//, ''));
  const page = readReferencePage(file, componentDocsRoot, entry.name, problems);
  const component = {
    name: entry.name,
    stability: entry.stability,
    docsUrl: `${DOCS_BASE}/${entry.namespace}/${entry.name}/`,
    arguments: page.arguments,
    blocks: page.blocks,
    exports: page.exports,
  };
  if (page.open) component.open = true;
  if (entry.community) component.community = true;
  if (component.exports.length === 0 && SHARED_GO_EXPORTS.has(entry.goExports)) {
    component.exports = SHARED_GO_EXPORTS.get(entry.goExports).map(([name, typeText]) => ({ name, typeText, type: parseTypeText(typeText) }));
    problems.push(`${entry.name}: exports taken from the Go export type ${entry.goExports}`);
  } else if (component.exports.length === 0 && entry.goExports !== '' && entry.goExports !== 'nil') {
    // The Go registration has exports the docs do not list.
    component.exportsOpen = true;
    problems.push(`${entry.name}: exports of ${entry.goExports} not documented`);
  }
  applyComponentOverrides(component);
  applyCollectorNames(component, file, componentDocsRoot, problems);
  return component;
}

/**
 * The 1.18 data: the docs (generateDocsSchema) with upstream's Go struct tags applied where they
 * disagree (go-reconcile.mjs). `goResult` receives the overrides and what could not be resolved.
 */
export function generateSchema(sharedRoot, problems = [], goResult = {}) {
  const docs = {};
  const schema = generateDocsSchema(sharedRoot, problems, docs);
  const result = reconcileWithGo(schema, path.join(sharedRoot, 'alloy-reference'), { released: docs.released });
  for (const line of groupUnresolved(result.unresolved)) problems.push(`Go: not resolved, docs kept: ${line}`);
  Object.assign(goResult, result);
  return schema;
}

/**
 * The 1.18 data as the docs alone describe it (component-docs with v1.18.1's pages);
 * `docs.released` receives the schema of v1.18.1's own pages (undefined without the archives).
 */
export function generateDocsSchema(sharedRoot, problems = [], docs = {}) {
  const referenceRoot = path.join(sharedRoot, 'alloy-reference');
  const componentDocsRoot = path.join(referenceRoot, 'component-docs');
  const entries = readComponentList(referenceRoot);
  const components = entries
    .map((entry) => buildComponent(entry, componentDocsRoot, problems))
    .sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  reconcileWithGoldens({ components }, converterGoldens(sharedRoot), problems);
  const { functions, constants } = buildStdlib(componentDocsRoot, problems);
  const later = {
    alloyVersion: ALLOY_VERSION,
    components,
    configBlocks: buildConfigBlocks(componentDocsRoot, problems, readReferencePage),
    functions,
    constants,
  };
  const released = newestReleaseSchema(sharedRoot, later, problems);
  docs.released = released?.schema;
  return released ? mergeNewestRelease(later, released.schema, released.tag, problems) : later;
}

/**
 * The schema of the newest release from its own archive (`docs-by-version/v1.18.1.tar.xz`), read
 * like every older release, with `later` (the docs of `component-docs`, a commit after that tag)
 * as the newest facts. Undefined when the archives are absent; an error when they lack the
 * newest release.
 */
function newestReleaseSchema(sharedRoot, later, problems) {
  const referenceRoot = path.join(sharedRoot, 'alloy-reference');
  const componentDocsRoot = path.join(referenceRoot, 'component-docs');
  const archives = listReleaseArchives(path.join(referenceRoot, 'docs-by-version'));
  if (archives.length === 0) return undefined;
  const newest = archives.at(-1);
  if (newest.minor !== ALLOY_VERSION) throw new Error(`the newest archive is ${newest.tag}, the data describes ${ALLOY_VERSION}`);
  const { releases, cleanup } = extractReleases([newest], path.join(componentDocsRoot, 'shared'));
  try {
    const releaseProblems = [];
    const generated = generateReleaseSchema(releases[0].docsRoot, { ...releaseContext(sharedRoot, later), minor: newest.minor }, releaseProblems);
    for (const problem of releaseProblems) problems.push(`${newest.tag}: ${problem}`);
    return { tag: newest.tag, schema: generated.schema, deprecatedComponents: generated.deprecatedComponents };
  } finally {
    cleanup();
  }
}

/**
 * The newest release's data: the later docs (`component-docs`, which the corpus of upstream's
 * main branch follows) together with everything the release's own docs have that the later docs
 * no longer do: a component removed after the tag (`prometheus.write.queue`, deprecated and still
 * shipped in v1.18.1), arguments, blocks and exports renamed or dropped since, enumerated values.
 * The later docs' facts (types, defaults, required) win where both have an item: the data accepts
 * what either accepts; a component's stability is the release's. Items only the release has keep
 * its facts.
 */
function mergeNewestRelease(later, released, tag, problems) {
  const merged = { ...later };
  for (const kind of ['components', 'configBlocks', 'functions', 'constants']) {
    const byName = new Map(later[kind].map((item) => [item.name, item]));
    const items = later[kind].map((item) => item);
    for (const item of released[kind]) {
      const existing = byName.get(item.name);
      if (!existing) {
        items.push(item);
        problems.push(`${tag}: ${item.name} documented in ${tag}, not in the later docs: kept`);
      } else {
        let mergedItem = mergeChildren(existing, item, item.name, tag, problems);
        // Stability is the release's: a level the later docs raised (loki.secretfilter) is not v1.18.1's.
        if (kind === 'components' && item.stability !== existing.stability) {
          mergedItem = { ...mergedItem, stability: item.stability };
          problems.push(`${tag}: ${item.name} is ${item.stability} in ${tag}, ${existing.stability} in the later docs: ${item.stability}`);
        }
        items[items.indexOf(existing)] = mergedItem;
      }
    }
    merged[kind] = items.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  }
  return merged;
}

/** `node` with the children and enumerated values of `released` it lacks (recursively), else unchanged. */
function mergeChildren(node, released, where, tag, problems) {
  let result = node;
  const copy = () => {
    if (result === node) result = { ...node };
    return result;
  };
  for (const kind of ['allowedValues', 'knownValues']) {
    if (!node[kind] || !released[kind]) continue;
    const extra = released[kind].filter((value) => !node[kind].includes(value));
    if (extra.length === 0) continue;
    copy()[kind] = [...node[kind], ...extra];
    problems.push(`${tag}: ${where}: ${kind} ${extra.join(', ')} documented in ${tag}, not in the later docs: kept`);
  }
  for (const kind of ['arguments', 'blocks', 'exports']) {
    if (!node[kind] || !released[kind]) continue;
    let children = node[kind];
    for (const child of released[kind]) {
      const existing = children.find((candidate) => candidate.name === child.name);
      if (!existing) {
        // After the sibling it follows in the release, as the release's docs list it.
        const releasedIndex = released[kind].indexOf(child);
        const previous = released[kind].slice(0, releasedIndex).reverse().find((sibling) => children.some((candidate) => candidate.name === sibling.name));
        const at = previous ? children.findIndex((candidate) => candidate.name === previous.name) + 1 : 0;
        children = [...children.slice(0, at), child, ...children.slice(at)];
        problems.push(`${tag}: ${where} > ${child.name} documented in ${tag}, not in the later docs: kept`);
        continue;
      }
      const mergedChild = mergeChildren(existing, child, `${where} > ${child.name}`, tag, problems);
      if (mergedChild !== existing) children = children.map((candidate) => (candidate === existing ? mergedChild : candidate));
    }
    if (children !== node[kind]) copy()[kind] = children;
  }
  return result;
}

/** Facts of COMPONENTS.tsv (newest release) that no page states: the Go export type. */
function goExportsByName(referenceRoot) {
  const text = fs.readFileSync(path.join(referenceRoot, 'COMPONENTS.tsv'), 'utf8');
  const [headerLine, ...rows] = text.split('\n').filter((line) => line.trim() !== '');
  const header = headerLine.split('\t');
  return new Map(rows.map((row) => row.split('\t')).map((cells) => [cells[0], cells[header.indexOf('go_exports_type')] ?? '']));
}

/**
 * The schema of an older release from its own pages, through the same reading as
 * the newest one. Corrections keyed by name (overrides.mjs, collector-names.mjs,
 * corpus-reconcile.mjs, config-blocks.mjs) apply wherever their item exists.
 * Stability comes from the pages; where the newest pages state a component's level
 * differently from its Go registration (COMPONENTS.tsv), an older release with the
 * same page level gets the Go level.
 */
export function generateReleaseSchema(docsRoot, context, problems) {
  const entries = componentEntriesOf(docsRoot, context.goExports);
  const components = entries
    .map((entry) => {
      const component = buildComponent(entry, docsRoot, problems);
      const latest = context.latestComponents.get(entry.name);
      if (latest && context.latestPageStability.get(entry.name) === entry.stability) component.stability = latest.stability;
      return component;
    })
    .sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  reconcileWithGoldens({ components }, context.goldens, problems);
  const documented = stdlibNamesOf(docsRoot);
  const functions = [];
  for (const fn of context.latest.functions) {
    if (fn.deprecatedReplacement === undefined) {
      if (documented.has(fn.name)) functions.push(fn);
    } else if (documented.has(fn.deprecatedReplacement)) {
      functions.push(fn);
    } else if (documented.has(fn.name)) {
      // Before the namespaced name existed, the old name was the function itself.
      const { deprecatedReplacement: _replacement, ...current } = fn;
      functions.push(current);
    }
  }
  const constantsDoc = fs.readFileSync(path.join(docsRoot, 'reference', 'stdlib', 'constants.md'), 'utf8');
  const documentedConstants = new Set([...constantsDoc.matchAll(/^\s*[*-]\s+`(constants\.[a-z_]+)`/gm)].map((match) => match[1]));
  return {
    schema: {
      alloyVersion: context.minor,
      components,
      configBlocks: buildConfigBlocks(docsRoot, problems, readReferencePage, { onlyDocumented: true }),
      functions,
      constants: context.latest.constants.filter((constant) => documentedConstants.has(constant.name)),
    },
    deprecatedComponents: new Set(entries.filter((entry) => entry.deprecated).map((entry) => entry.name)),
  };
}

/**
 * The inputs of the history: the release archives, the shared fragments and the
 * newest release's inputs (COMPONENTS.tsv, STDLIB.md, component-docs, the converter
 * goldens), and the generator's own scripts.
 */
export function historyInputsDigest(sharedRoot) {
  const referenceRoot = path.join(sharedRoot, 'alloy-reference');
  const goldensRoot = path.join(sharedRoot, 'corpus', 'alloy-repo');
  const goldens = fs.existsSync(goldensRoot)
    ? fs.readdirSync(goldensRoot).filter((name) => /^internal__converter__.*__testdata__.*\.alloy$/.test(name)).sort().map((name) => path.join(goldensRoot, name))
    : [];
  return digestOfFiles([
    ...listReleaseArchives(path.join(referenceRoot, 'docs-by-version')).map((release) => release.archive),
    path.join(referenceRoot, 'COMPONENTS.tsv'),
    path.join(referenceRoot, 'STDLIB.md'),
    ...filesBelow(path.join(referenceRoot, 'component-docs')),
    ...filesBelow(path.join(referenceRoot, 'component-go')),
    ...goldens,
    ...filesBelow(path.join(packageRoot, 'scripts')),
  ]);
}

/**
 * The history of every release in docs-by-version; the newest minor is the
 * given latest schema (the committed data), not its archive.
 */
export function generateHistory(sharedRoot, latest, problems = []) {
  const referenceRoot = path.join(sharedRoot, 'alloy-reference');
  const componentDocsRoot = path.join(referenceRoot, 'component-docs');
  const archives = listReleaseArchives(path.join(referenceRoot, 'docs-by-version'));
  if (archives.length === 0) throw new Error(`no release archives under ${path.join(referenceRoot, 'docs-by-version')}`);
  const newest = archives.at(-1);
  if (newest.minor !== ALLOY_VERSION) throw new Error(`the newest archive is ${newest.tag}, the data describes ${ALLOY_VERSION}`);
  const context = releaseContext(sharedRoot, latest);
  const { releases, cleanup } = extractReleases(archives, path.join(componentDocsRoot, 'shared'));
  try {
    const schemas = releases.slice(0, -1).map((release) => {
      const releaseProblems = [];
      const generated = generateReleaseSchema(release.docsRoot, { ...context, minor: release.minor }, releaseProblems);
      for (const problem of releaseProblems) problems.push(`${release.tag}: ${problem}`);
      return { minor: release.minor, tag: release.tag, ...generated };
    });
    // The newest release is the committed data; deprecated where its own pages or the later ones say so.
    const deprecated = [...componentEntriesOf(componentDocsRoot, new Map()), ...componentEntriesOf(releases.at(-1).docsRoot, new Map())]
      .filter((entry) => entry.deprecated)
      .map((entry) => entry.name);
    schemas.push({ minor: newest.minor, tag: newest.tag, schema: latest, deprecatedComponents: new Set(deprecated) });
    return mergeReleaseHistory(schemas, historyInputsDigest(sharedRoot));
  } finally {
    cleanup();
  }
}

/** What reading a release needs from the newest facts: stdlib, Go stability and exports, the converter goldens. */
function releaseContext(sharedRoot, latest) {
  const referenceRoot = path.join(sharedRoot, 'alloy-reference');
  const componentDocsRoot = path.join(referenceRoot, 'component-docs');
  const latestPageStability = new Map(
    readComponentList(referenceRoot).map((entry) => [
      entry.name,
      componentPageFacts(fs.readFileSync(path.join(componentDocsRoot, entry.docPath.replace(/^docs\/sources\//, '')), 'utf8')).stability,
    ]),
  );
  return {
    latest,
    latestComponents: new Map(latest.components.map((component) => [component.name, component])),
    latestPageStability,
    goExports: goExportsByName(referenceRoot),
    goldens: converterGoldens(sharedRoot),
  };
}

export function serializeSchema(schema) {
  return `${JSON.stringify(schema, null, 1)}\n`;
}

function main() {
  let options;
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`generate-schema: ${error.message}\n`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(options.shared, 'alloy-reference', 'COMPONENTS.tsv'))) {
    process.stderr.write(`generate-schema: reference docs not found under ${options.shared}\n`);
    process.exit(1);
  }
  const problems = [];
  const goResult = {};
  const schema = generateSchema(options.shared, problems, goResult);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, serializeSchema(schema));
  if (options.goOverridesOut) {
    fs.mkdirSync(path.dirname(options.goOverridesOut), { recursive: true });
    fs.writeFileSync(options.goOverridesOut, formatOverrideList(goResult));
    process.stdout.write(`wrote ${path.relative(process.cwd(), options.goOverridesOut)}: ${goResult.overrides.length} overrides from the Go struct tags\n`);
  }
  process.stdout.write(
    `wrote ${path.relative(process.cwd(), options.out)}: ${schema.components.length} components, ` +
      `${schema.configBlocks.length} config blocks, ${schema.functions.length} functions, ` +
      `${schema.constants.length} constants, ${problems.length} open points\n`,
  );
  if (options.historyOut) {
    const historyProblems = [];
    let history;
    try {
      history = generateHistory(options.shared, schema, historyProblems);
    } catch (error) {
      process.stderr.write(`generate-schema: ${error.message}\n`);
      process.exit(1);
    }
    fs.mkdirSync(path.dirname(options.historyOut), { recursive: true });
    fs.writeFileSync(options.historyOut, serializeHistory(history));
    process.stdout.write(
      `wrote ${path.relative(process.cwd(), options.historyOut)}: releases ${history.versions.join(', ')}, ` +
        `${Object.keys(history.components).length} component records, ${historyProblems.length} open points in older releases\n`,
    );
    if (options.report) for (const problem of historyProblems) process.stdout.write(`  ${problem}\n`);
  }
  if (options.report) for (const problem of problems) process.stdout.write(`  ${problem}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
