// Merges the schemas of every minor release into the history file
// (data/alloy-history.json): for each item, the releases it exists in and how its
// facts differed in older releases, relative to the newest release's data
// (data/alloy-<newest>.json), which stays the one file the default lookups read.
//
// A record describes one item (component, config block, block, argument, export,
// function, constant):
//   since / until    first release with the item / first release without it again;
//                    left out when equal to the owner's (top level: the first
//                    release / still present in the newest)
//   absentIn         releases between since and until without the item (rare)
//   deprecatedSince  first release whose page marks the component deprecated
//   variants         [{ from, until, ...fields }]: in releases from <= r < until the
//                    listed fields had these values instead of the newest ones
//                    (null: the field was absent)
//   values           per allowed/known value of an argument, its own since/until
//                    (a release whose argument enumerates no values accepts any:
//                    the value counts as present; the variant's `allowedValues`
//                    is then null, or true where only older releases enumerate)
//   arguments, blocks, exports: records of the children, by name
//   node             the item as in the last release that had it, for items gone
//                    before their owner (top level: before the newest release);
//                    parsed `type` fields left out: the loader derives them from
//                    `typeText`
// Items that exist unchanged in every release get no record.
import { compareMinors } from './releases.mjs';

const CHILD_KINDS = ['arguments', 'blocks', 'exports'];
const VALUE_KINDS = ['allowedValues', 'knownValues'];
const NOT_COMPARED = new Set(['name', 'type', 'returnType', ...CHILD_KINDS, ...VALUE_KINDS]);

/** A copy without the parsed type fields, which the loader derives from the type text. */
export function withoutParsedTypes(value) {
  if (Array.isArray(value)) return value.map(withoutParsedTypes);
  if (value === null || typeof value !== 'object') return value;
  const result = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'type' || key === 'returnType') continue;
    result[key] = withoutParsedTypes(field);
  }
  return result;
}

function comparedFields(node) {
  return Object.keys(node).filter((key) => !NOT_COMPARED.has(key));
}

function sameValue(left, right) {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** The fields of `node` that differ from `latest` (null where `node` lacks one). */
function differences(node, latest) {
  const result = {};
  const keys = [...new Set([...comparedFields(latest), ...comparedFields(node)])].sort();
  for (const key of keys) {
    if (!sameValue(node[key], latest[key])) result[key] = node[key] === undefined ? null : withoutParsedTypes(node[key]);
  }
  // Whether an argument enumerates values at all (which values: see `values`).
  for (const kind of VALUE_KINDS) {
    if ((node[kind] === undefined) !== (latest[kind] === undefined)) result[kind] = node[kind] === undefined ? null : true;
  }
  return result;
}

/**
 * Presence of an item over `versions`: since, until, and the releases in between
 * without it. `nodes[i]` is the item in `versions[i]`, or undefined.
 */
function presence(nodes, versions) {
  const present = nodes.map((node) => node !== undefined);
  const first = present.indexOf(true);
  const last = present.lastIndexOf(true);
  const absentIn = [];
  for (let index = first; index <= last; index += 1) if (!present[index]) absentIn.push(versions[index]);
  return { first, last, absentIn };
}

/**
 * The record of one item over the releases, or undefined when there is nothing to
 * say (present and unchanged wherever its owner is). `ownerFirst` / `ownerLast` are
 * the owner's first and last present release indexes.
 */
function recordOf(nodes, versions, ownerFirst, ownerLast, deprecatedIn) {
  const { first, last, absentIn } = presence(nodes, versions);
  if (first < 0) return undefined;
  const record = {};
  if (first !== ownerFirst) record.since = versions[first];
  if (last !== ownerLast) record.until = versions[last + 1];
  if (absentIn.length > 0) record.absentIn = absentIn;
  if (deprecatedIn) {
    const deprecatedFirst = deprecatedIn.indexOf(true);
    if (deprecatedFirst >= 0) record.deprecatedSince = versions[deprecatedFirst];
  }
  const latest = nodes[last];
  const variants = [];
  let previousPresent = -1;
  for (let index = first; index <= last; index += 1) {
    if (nodes[index] === undefined) continue;
    const fields = differences(nodes[index], latest);
    const previous = variants.at(-1);
    if (Object.keys(fields).length > 0) {
      // Releases without the item (absentIn) do not break a run of equal variants.
      if (previous && previous.lastIndex === previousPresent && sameValue(previous.fields, fields)) previous.lastIndex = index;
      else variants.push({ fromIndex: index, lastIndex: index, fields });
    }
    previousPresent = index;
  }
  if (variants.length > 0) {
    record.variants = variants.map((variant) => ({ from: versions[variant.fromIndex], until: versions[variant.lastIndex + 1], ...variant.fields }));
  }
  for (const kind of VALUE_KINDS) {
    const values = valueRecords(nodes, versions, first, last, kind);
    if (values) (record.values ??= {})[kind] = values;
  }
  for (const kind of CHILD_KINDS) {
    const children = childRecords(nodes, versions, first, last, kind);
    if (children) record[kind] = children;
  }
  if (last !== ownerLast && typeof latest === 'object') record.node = withoutParsedTypes(latest);
  return Object.keys(record).length > 0 ? record : undefined;
}

function valueRecords(nodes, versions, first, last, kind) {
  const names = [];
  for (let index = first; index <= last; index += 1) for (const value of nodes[index]?.[kind] ?? []) if (!names.includes(value)) names.push(value);
  const result = {};
  for (const value of names) {
    // Where the argument enumerates no values, any value is accepted: the value counts as present.
    const present = nodes.map((node, index) =>
      index >= first && index <= last && node !== undefined && (node[kind] === undefined || node[kind].includes(value)) ? true : undefined,
    );
    const record = recordOf(present, versions, first, last);
    if (record) result[value] = record;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * An open owner (a component or block its release's docs describe only partly)
 * that lacks a child is no evidence that the child did not exist then: the child
 * counts as present there when the next (else the previous) release lists it.
 */
function fillUnderOpenOwners(owners, children, kind) {
  if (kind === 'exports') return;
  const known = children.map((child) => child);
  for (let index = 0; index < owners.length; index += 1) {
    if (children[index] !== undefined || !owners[index]?.open) continue;
    // Only from a neighbouring release: a child first listed much later was probably added then.
    children[index] = known[index + 1] ?? known[index - 1];
  }
}

function childRecords(nodes, versions, first, last, kind) {
  const names = [];
  for (let index = first; index <= last; index += 1) for (const child of nodes[index]?.[kind] ?? []) if (!names.includes(child.name)) names.push(child.name);
  const result = {};
  for (const name of names) {
    const children = nodes.map((node, index) => (index >= first && index <= last ? node?.[kind]?.find((child) => child.name === name) : undefined));
    fillUnderOpenOwners(nodes, children, kind);
    const record = recordOf(children, versions, first, last);
    if (record) result[name] = record;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function topLevelRecords(releases, versions, key, deprecatedOf) {
  const names = [...new Set(releases.flatMap((release) => release.schema[key].map((item) => item.name)))].sort();
  const result = {};
  for (const name of names) {
    const nodes = releases.map((release) => release.schema[key].find((item) => item.name === name));
    const deprecatedIn = deprecatedOf ? releases.map((release) => deprecatedOf(release).has(name)) : undefined;
    const record = recordOf(nodes, versions, 0, versions.length - 1, deprecatedIn);
    if (record) result[name] = record;
  }
  return result;
}

/**
 * `releases`: oldest first, each `{ minor, tag, schema, deprecatedComponents }`; the
 * last one is the newest, whose schema is the committed latest data file.
 */
export function mergeReleaseHistory(releases, inputsDigest) {
  const sorted = [...releases].sort((left, right) => compareMinors(left.minor, right.minor));
  const versions = sorted.map((release) => release.minor);
  return {
    format: 1,
    versions,
    tags: Object.fromEntries(sorted.map((release) => [release.minor, release.tag])),
    inputsDigest,
    components: topLevelRecords(sorted, versions, 'components', (release) => release.deprecatedComponents),
    configBlocks: topLevelRecords(sorted, versions, 'configBlocks'),
    functions: topLevelRecords(sorted, versions, 'functions'),
    constants: topLevelRecords(sorted, versions, 'constants'),
  };
}

/** One line per top-level item: compact, and diffs stay readable. */
export function serializeHistory(history) {
  const lines = ['{'];
  const entries = Object.entries(history);
  entries.forEach(([key, value], position) => {
    const comma = position < entries.length - 1 ? ',' : '';
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && ['components', 'configBlocks', 'functions', 'constants'].includes(key)) {
      const items = Object.entries(value);
      lines.push(`${JSON.stringify(key)}: {`);
      items.forEach(([name, record], index) => lines.push(`${JSON.stringify(name)}: ${JSON.stringify(record)}${index < items.length - 1 ? ',' : ''}`));
      lines.push(`}${comma}`);
    } else {
      lines.push(`${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
    }
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
