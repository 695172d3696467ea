// Non-component blocks: their arguments and blocks come from
// reference/config-blocks/*.md; label, placement, stability and the facts the
// docs leave out come from BLOCKS.md (Go sources).
import fs from 'node:fs';
import path from 'node:path';
import { parseTypeText } from './alloy-type.mjs';

const CONFIG_BLOCKS_BASE = 'https://grafana.com/docs/alloy/latest/reference/config-blocks';

/** name, needs a label, where it may stand, stability, service block. */
const CONFIG_BLOCKS = [
  ['argument', true, 'module', 'generally-available', false],
  ['declare', true, 'anywhere', 'generally-available', false],
  ['export', true, 'module', 'generally-available', false],
  ['foreach', true, 'anywhere', 'experimental', false],
  ['http', false, 'top-level', 'generally-available', true],
  ['import.file', true, 'anywhere', 'generally-available', false],
  ['import.git', true, 'anywhere', 'generally-available', false],
  ['import.http', true, 'anywhere', 'generally-available', false],
  ['import.string', true, 'anywhere', 'generally-available', false],
  ['labelstore', false, 'top-level', 'generally-available', true],
  ['livedebugging', false, 'top-level', 'generally-available', true],
  ['logging', false, 'top-level', 'generally-available', false],
  ['remotecfg', false, 'top-level', 'generally-available', true],
  ['tracing', false, 'top-level', 'generally-available', false],
];

function argument(name, typeText, required, defaultText) {
  const result = { name, typeText, type: parseTypeText(typeText), required };
  if (defaultText !== undefined) result.default = defaultText;
  return result;
}

function setDefault(block, name, defaultText) {
  const target = block.arguments.find((candidate) => candidate.name === name);
  if (target) target.default = defaultText;
}

function setAllowed(block, name, values) {
  const target = block.arguments.find((candidate) => candidate.name === name);
  if (target && !target.allowedValues) target.allowedValues = values;
}

/** Facts from the Go sources that the docs' tables miss or state differently (BLOCKS.md §2). */
function applyConfigBlockOverrides(block) {
  switch (block.name) {
    case 'import.http':
      if (!block.arguments.some((candidate) => candidate.name === 'body')) {
        block.arguments.push(argument('body', 'string', false));
      }
      break;
    case 'import.git':
      setDefault(block, 'revision', '"main"');
      break;
    case 'logging':
      setAllowed(block, 'level', ['error', 'warn', 'info', 'debug']);
      setAllowed(block, 'format', ['logfmt', 'json']);
      setAllowed(block, 'destination', ['stderr', 'windows_event_log']);
      break;
    case 'import.file':
      setAllowed(block, 'detector', ['fsnotify', 'poll']);
      break;
    case 'export':
      for (const value of block.arguments) if (value.name === 'value') value.required = true;
      break;
    case 'foreach': {
      // The template's body is a pipeline of arbitrary components.
      const template = block.blocks.find((candidate) => candidate.name === 'template');
      if (template) template.open = true;
      break;
    }
    case 'declare':
      // The body of a declare block is a whole module.
      block.open = true;
      break;
    default:
      break;
  }
}

/**
 * `onlyDocumented`: leave out a block without a reference page (an older release
 * documents the blocks it has; `labelstore`, which never had a page, stays).
 */
export function buildConfigBlocks(componentDocsRoot, problems, readReferencePage, { onlyDocumented = false } = {}) {
  const result = [];
  for (const [name, labelRequired, placement, stability, service] of CONFIG_BLOCKS) {
    const file = path.join(componentDocsRoot, 'reference', 'config-blocks', `${name}.md`);
    if (onlyDocumented && name !== 'labelstore' && !fs.existsSync(file)) continue;
    const block = {
      name,
      labelRequired,
      placement,
      stability,
      docsUrl: `${CONFIG_BLOCKS_BASE}/${name}/`,
      arguments: [],
      blocks: [],
      exports: [],
    };
    if (service) block.service = true;
    if (fs.existsSync(file)) {
      const page = readReferencePage(file, componentDocsRoot, name, problems);
      block.arguments = page.arguments;
      block.blocks = page.blocks;
      block.exports = page.exports;
      if (page.open) block.open = true;
    } else if (name === 'labelstore') {
      // A configurable service with an empty schema and no reference page.
      block.docsUrl = `${CONFIG_BLOCKS_BASE}/`;
    } else {
      problems.push(`${name}: no reference page`);
      block.open = true;
    }
    applyConfigBlockOverrides(block);
    result.push(block);
  }
  return result;
}
