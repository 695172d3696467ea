import { existsSync, readFileSync } from 'node:fs';
import { parseAlloyType } from './alloy-type.js';
import type {
  AlloySchema,
  BlockSchema,
  ComponentSchema,
  ConfigBlockSchema,
  StabilityLevel,
  StdlibConstant,
  StdlibFunction,
} from './types.js';

export type * from './types.js';
export { AlloyTypeSyntaxError, formatAlloyType, isTypeAssignable, parseAlloyType } from './alloy-type.js';

/** The Alloy version the bundled data describes. */
export const ALLOY_VERSION = '1.18';

/** The data file, relative to this module: works from both src/ and dist/. */
const DATA_URL = new URL(`../data/alloy-${ALLOY_VERSION}.json`, import.meta.url);

// ---------------------------------------------------------------------------
// Older releases (data/alloy-history.json); kept in this module: one module less to load.

/**
 * The history of every minor release (data/alloy-history.json, written by
 * scripts/merge-history.mjs): per item, the releases it exists in and how its
 * facts differed in older releases, relative to the newest release's data.
 */
interface HistoryVariant {
  from: string;
  until: string;
  [field: string]: unknown;
}

interface HistoryRecord {
  since?: string;
  until?: string;
  absentIn?: string[];
  deprecatedSince?: string;
  variants?: HistoryVariant[];
  values?: Partial<Record<ValueKind, Record<string, HistoryRecord>>>;
  arguments?: Record<string, HistoryRecord>;
  blocks?: Record<string, HistoryRecord>;
  exports?: Record<string, HistoryRecord>;
  node?: Record<string, unknown>;
}

type TopLevelKind = 'components' | 'configBlocks' | 'functions' | 'constants';
type ChildKind = 'arguments' | 'blocks' | 'exports';
type ValueKind = 'allowedValues' | 'knownValues';

interface History {
  format: number;
  versions: string[];
  tags: Record<string, string>;
  inputsDigest: string;
  components: Record<string, HistoryRecord>;
  configBlocks: Record<string, HistoryRecord>;
  functions: Record<string, HistoryRecord>;
  constants: Record<string, HistoryRecord>;
}

const HISTORY_URL = new URL('../data/alloy-history.json', import.meta.url);
const CHILD_KINDS: readonly ChildKind[] = ['arguments', 'blocks', 'exports'];
const VALUE_KINDS: readonly ValueKind[] = ['allowedValues', 'knownValues'];

let history: History | null | undefined;

/** The history, or null when this installation ships the newest release's data only. */
function loadHistory(): History | null {
  if (history !== undefined) return history;
  history = existsSync(HISTORY_URL) ? (JSON.parse(readFileSync(HISTORY_URL, 'utf8')) as History) : null;
  return history;
}

function requireHistory(): History {
  const loaded = loadHistory();
  if (!loaded) throw new Error(`@alloy-toolkit/schema: ${HISTORY_URL.pathname} is missing; only the newest release's data is installed`);
  return loaded;
}

/** Orders `1.9` before `1.10`. */
export function compareAlloyVersions(left: string, right: string): number {
  const [leftMajor = 0, leftMinor = 0] = left.split('.').map(Number);
  const [rightMajor = 0, rightMinor = 0] = right.split('.').map(Number);
  return leftMajor - rightMajor || leftMinor - rightMinor;
}

function isPresentAt(record: HistoryRecord | undefined, version: string): boolean {
  if (!record) return true;
  if (record.since !== undefined && compareAlloyVersions(version, record.since) < 0) return false;
  if (record.until !== undefined && compareAlloyVersions(version, record.until) >= 0) return false;
  return !(record.absentIn ?? []).includes(version);
}

function variantAt(record: HistoryRecord | undefined, version: string): HistoryVariant | undefined {
  return record?.variants?.find(
    (variant) => compareAlloyVersions(version, variant.from) >= 0 && compareAlloyVersions(version, variant.until) < 0,
  );
}

/** Adds the parsed `type` / `returnType` fields the history leaves out, recursively. */
function withParsedTypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withParsedTypes);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) result[key] = withParsedTypes(field);
  if (typeof result.typeText === 'string') result.type = parseAlloyType(result.typeText);
  if (typeof result.returnTypeText === 'string') result.returnType = parseAlloyType(result.returnTypeText);
  return result;
}

/** `node` as it was in `version` (the caller has checked that it existed then). */
function materialize(node: Record<string, unknown>, record: HistoryRecord | undefined, version: string): Record<string, unknown> {
  const result: Record<string, unknown> = { ...node };
  const variant = variantAt(record, version);
  if (variant) {
    for (const [field, value] of Object.entries(variant)) {
      if (field === 'from' || field === 'until' || (VALUE_KINDS as readonly string[]).includes(field)) continue;
      if (value === null) delete result[field];
      else result[field] = withParsedTypes(value);
    }
    if (typeof result.typeText === 'string') result.type = parseAlloyType(result.typeText);
  }
  for (const kind of VALUE_KINDS) {
    const valueRecords = record?.values?.[kind];
    // A variant's null: this release enumerates no values; true: it does, where the newest does not.
    const enumerates = variant && kind in variant ? variant[kind] !== null : node[kind] !== undefined;
    if (!enumerates) {
      delete result[kind];
      continue;
    }
    if (!valueRecords) continue;
    const base = (node[kind] as string[] | undefined) ?? [];
    const values = base.filter((value) => isPresentAt(valueRecords[value], version));
    for (const [value, valueRecord] of Object.entries(valueRecords)) {
      if (!base.includes(value) && isPresentAt(valueRecord, version)) values.push(value);
    }
    if (values.length > 0) result[kind] = values;
    else delete result[kind];
  }
  for (const kind of CHILD_KINDS) {
    const children = node[kind] as Array<Record<string, unknown>> | undefined;
    const childRecords = record?.[kind];
    if (!children || !childRecords) continue;
    const present: Array<Record<string, unknown>> = [];
    for (const child of children) {
      const childRecord = childRecords[child.name as string];
      if (isPresentAt(childRecord, version)) present.push(materialize(child, childRecord, version));
    }
    for (const [name, childRecord] of Object.entries(childRecords)) {
      if (childRecord.node && !children.some((child) => child.name === name) && isPresentAt(childRecord, version)) {
        present.push(materialize(withParsedTypes(childRecord.node) as Record<string, unknown>, childRecord, version));
      }
    }
    result[kind] = present;
  }
  return result;
}

function byName(left: { name: string }, right: { name: string }): number {
  return left.name < right.name ? -1 : left.name > right.name ? 1 : 0;
}

function materializeList<T extends { name: string }>(latest: readonly T[], records: Record<string, HistoryRecord>, version: string): T[] {
  const result: T[] = [];
  for (const item of latest) {
    const record = records[item.name];
    if (isPresentAt(record, version)) result.push(materialize(item as unknown as Record<string, unknown>, record, version) as unknown as T);
  }
  for (const [name, record] of Object.entries(records)) {
    if (record.node && !latest.some((item) => item.name === name) && isPresentAt(record, version)) {
      result.push(materialize(withParsedTypes(record.node) as Record<string, unknown>, record, version) as unknown as T);
    }
  }
  return result.sort(byName);
}

/** The schema of an older release, derived from the newest one and the history. */
function schemaForVersion(latest: AlloySchema, version: string): AlloySchema {
  const loaded = requireHistory();
  return {
    alloyVersion: version,
    components: materializeList(latest.components, loaded.components, version),
    configBlocks: materializeList(latest.configBlocks, loaded.configBlocks, version),
    functions: materializeList(latest.functions, loaded.functions, version),
    constants: materializeList(latest.constants, loaded.constants, version),
  };
}

// ---------------------------------------------------------------------------
// Availability

/** What `availability` can be asked about. */
export type AvailabilityKind = 'component' | 'configBlock' | 'function' | 'constant' | 'argument' | 'block' | 'export' | 'value';

/** A run of releases with one stability level: `from` ≤ release < `until` (open-ended without `until`). */
export interface StabilityPeriod {
  from: string;
  until?: string;
  level: StabilityLevel;
}

/** Facts that differed in older releases: in `from` ≤ release < `until`, `fields` had these values (null: absent). */
export interface HistoricalFacts {
  from: string;
  until: string;
  fields: Readonly<Record<string, unknown>>;
}

export interface Availability {
  /** First release that has it, e.g. `1.9`. */
  since: string;
  /** First release that no longer has it; absent while the newest release has it. */
  until?: string;
  /** Releases between `since` and `until` whose docs do not have it. */
  absentIn?: readonly string[];
  /** First release whose docs mark it deprecated (components). */
  deprecatedSince?: string;
  /** Every release that has it, oldest first. */
  releases: readonly string[];
  /** Stability per release (components, config blocks, functions). */
  stability?: readonly StabilityPeriod[];
  /** How its facts (type, default, required, ...) differed in older releases. */
  changes?: readonly HistoricalFacts[];
}

interface Located {
  node: Record<string, unknown>;
  record: HistoryRecord | undefined;
  since: string;
  until: string | undefined;
  absentIn: readonly string[];
}

const TOP_LEVEL_KINDS: Partial<Record<AvailabilityKind, TopLevelKind>> = {
  component: 'components',
  configBlock: 'configBlocks',
  function: 'functions',
  constant: 'constants',
};

function locateChild(owner: Located, kind: ChildKind, name: string): Located | undefined {
  const record = owner.record?.[kind]?.[name];
  const node =
    ((owner.node[kind] as Array<Record<string, unknown>> | undefined) ?? []).find((child) => child.name === name) ?? record?.node;
  if (!node) return undefined;
  return {
    node,
    record,
    since: record?.since ?? owner.since,
    until: record?.until ?? owner.until,
    absentIn: [...new Set([...owner.absentIn, ...(record?.absentIn ?? [])])],
  };
}

function availabilityOf(located: Located, versions: readonly string[]): Availability {
  const releases = versions.filter(
    (version) =>
      compareAlloyVersions(version, located.since) >= 0 &&
      (located.until === undefined || compareAlloyVersions(version, located.until) < 0) &&
      !located.absentIn.includes(version),
  );
  const result: Availability = { since: located.since, releases };
  if (located.until !== undefined) result.until = located.until;
  const absentIn = located.absentIn.filter(
    (version) => compareAlloyVersions(version, located.since) >= 0 && (located.until === undefined || compareAlloyVersions(version, located.until) < 0),
  );
  if (absentIn.length > 0) result.absentIn = absentIn;
  if (located.record?.deprecatedSince !== undefined) result.deprecatedSince = located.record.deprecatedSince;
  else if (typeof located.node.deprecatedReplacement === 'string') {
    // A stdlib alias: deprecated from the first release whose facts keep its replacement.
    const deprecatedFrom = releases.find((version) => variantAt(located.record, version)?.deprecatedReplacement !== null);
    if (deprecatedFrom !== undefined) result.deprecatedSince = deprecatedFrom;
  }
  if (typeof located.node.stability === 'string') {
    const periods: StabilityPeriod[] = [];
    for (const version of releases) {
      const variant = variantAt(located.record, version);
      const level = (typeof variant?.stability === 'string' ? variant.stability : located.node.stability) as StabilityLevel;
      const last = periods.at(-1);
      if (last && last.level === level) continue;
      if (last) last.until = version;
      periods.push({ from: version, level });
    }
    result.stability = periods;
  }
  if (located.record?.variants?.length) {
    result.changes = located.record.variants.map(({ from, until, ...fields }) => ({ from, until, fields }));
  }
  return result;
}

/**
 * The releases an item exists in. `name` is the full name of a component, config
 * block, function or constant; for an argument, block or export, the name of its
 * component or config block, with `path` the blocks down to it and its own name
 * last (`availability('argument', 'prometheus.remote_write', ['endpoint', 'url'])`);
 * for an allowed or known value, `path` ends with the argument and the value.
 * Undefined when no release has it.
 */
function availabilityIn(
  latest: AlloySchema,
  kind: AvailabilityKind,
  name: string,
  path: readonly string[] = [],
): Availability | undefined {
  const loaded = requireHistory();
  const versions = loaded.versions;
  const first = versions[0] ?? latest.alloyVersion;
  const topLevel = TOP_LEVEL_KINDS[kind];
  const ownerKinds: TopLevelKind[] = topLevel ? [topLevel] : ['components', 'configBlocks'];
  let owner: Located | undefined;
  for (const ownerKind of ownerKinds) {
    const record = loaded[ownerKind][name];
    const node = (latest[ownerKind] as Array<{ name: string }>).find((item) => item.name === name) as Record<string, unknown> | undefined;
    const found = node ?? record?.node;
    if (found) {
      owner = { node: found, record, since: record?.since ?? first, until: record?.until, absentIn: record?.absentIn ?? [] };
      break;
    }
  }
  if (!owner) return undefined;
  if (topLevel) return path.length === 0 ? availabilityOf(owner, versions) : undefined;
  if (path.length === 0) return undefined;
  const blockPath = kind === 'value' ? path.slice(0, -2) : path.slice(0, -1);
  let current: Located | undefined = owner;
  for (const blockName of blockPath) {
    current = locateChild(current, 'blocks', blockName);
    if (!current) return undefined;
  }
  if (kind === 'value') {
    const argumentName = path[path.length - 2] ?? '';
    const value = path[path.length - 1] ?? '';
    const argument = locateChild(current, 'arguments', argumentName);
    if (!argument) return undefined;
    for (const valueKind of VALUE_KINDS) {
      const valueRecord = argument.record?.values?.[valueKind]?.[value];
      const inLatest = ((argument.node[valueKind] as string[] | undefined) ?? []).includes(value);
      if (!valueRecord && !inLatest) continue;
      return availabilityOf(
        {
          node: {},
          record: valueRecord,
          since: valueRecord?.since ?? argument.since,
          until: valueRecord?.until ?? argument.until,
          absentIn: [...new Set([...argument.absentIn, ...(valueRecord?.absentIn ?? [])])],
        },
        versions,
      );
    }
    return undefined;
  }
  const childKind: ChildKind = kind === 'argument' ? 'arguments' : kind === 'block' ? 'blocks' : 'exports';
  const located = locateChild(current, childKind, path[path.length - 1] ?? '');
  return located ? availabilityOf(located, versions) : undefined;
}

// ---------------------------------------------------------------------------
// Lookups

interface SchemaIndex {
  schema: AlloySchema;
  components: Map<string, ComponentSchema>;
  configBlocks: Map<string, ConfigBlockSchema>;
  functions: Map<string, StdlibFunction>;
  constants: Map<string, StdlibConstant>;
}

/**
 * Which release a lookup describes. `version` takes whatever `resolveAlloyVersion`
 * accepts (`'1.5'`, `'v1.5.1'`, `'latest'`); without it, the newest release.
 */
export interface SchemaOptions {
  version?: string;
}

/** A version that no release of the data matches. */
export class UnknownAlloyVersionError extends Error {
  readonly version: string;
  constructor(version: string, known: readonly string[]) {
    super(`unknown Alloy version ${JSON.stringify(version)}: the schema knows ${known.join(', ')} (or latest)`);
    this.name = 'UnknownAlloyVersionError';
    this.version = version;
  }
}

function indexOf(schema: AlloySchema): SchemaIndex {
  return {
    schema,
    components: new Map(schema.components.map((component) => [component.name, component])),
    configBlocks: new Map(schema.configBlocks.map((block) => [block.name, block])),
    functions: new Map(schema.functions.map((fn) => [fn.name, fn])),
    constants: new Map(schema.constants.map((constant) => [constant.name, constant])),
  };
}

let loaded: SchemaIndex | undefined;
const olderReleases = new Map<string, SchemaIndex>();

function loadLatest(): SchemaIndex {
  if (loaded) return loaded;
  loaded = indexOf(JSON.parse(readFileSync(DATA_URL, 'utf8')) as AlloySchema);
  return loaded;
}

/** The newest release's index without a version; an older one derived (once) from the history. */
function load(options?: SchemaOptions): SchemaIndex {
  if (options?.version === undefined) return loadLatest();
  const version = resolveAlloyVersion(options.version);
  if (version === undefined) throw new UnknownAlloyVersionError(options.version, listAlloyVersions());
  if (version === ALLOY_VERSION) return loadLatest();
  let index = olderReleases.get(version);
  if (!index) {
    index = indexOf(schemaForVersion(loadLatest().schema, version));
    olderReleases.set(version, index);
  }
  return index;
}

/** Every minor release the data describes, oldest first: `['1.0', '1.1', …, '1.18']`. */
export function listAlloyVersions(): readonly string[] {
  return loadHistory()?.versions ?? [ALLOY_VERSION];
}

/** Releases as a short list, consecutive ones as a range: `['1.2', '1.3', '1.4', '1.7']` -> `v1.2–v1.4, v1.7`. */
export function formatReleaseRanges(releases: readonly string[]): string {
  const all = listAlloyVersions();
  const ranges: string[] = [];
  let start: string | undefined;
  let previous: string | undefined;
  for (const release of releases) {
    if (start !== undefined && previous !== undefined && all.indexOf(release) === all.indexOf(previous) + 1) {
      previous = release;
      continue;
    }
    if (start !== undefined) ranges.push(start === previous ? `v${start}` : `v${start}–v${previous}`);
    start = release;
    previous = release;
  }
  if (start !== undefined) ranges.push(start === previous ? `v${start}` : `v${start}–v${previous}`);
  return ranges.join(', ');
}

/**
 * The minor release a version names, or undefined when the data has none:
 * `'v1.5.1'`, `'1.5.1'`, `'1.5'`, `'v1.5'` -> `'1.5'`; `'latest'` -> the newest
 * (`'1.18'`). A suffix after the patch (`'v1.5.1-rc.0'`) is ignored.
 */
export function resolveAlloyVersion(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'latest') return ALLOY_VERSION;
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*)?$/.exec(trimmed);
  if (!match) return undefined;
  const minor = `${Number(match[1])}.${Number(match[2])}`;
  return listAlloyVersions().includes(minor) ? minor : undefined;
}

/**
 * The releases a component, config block, function or constant exists in, or an
 * argument, block, export or enumerated value below one (see `AvailabilityKind`):
 * `availability('argument', 'prometheus.exporter.oracledb', ['custom_metrics'])`
 * -> `{ since: '1.9', releases: ['1.9', …], … }`. Undefined when no release has it.
 */
export function availability(kind: AvailabilityKind, name: string, path: readonly string[] = []): Availability | undefined {
  return availabilityIn(loadLatest().schema, kind, name, path);
}

/** Whether `version` (anything `resolveAlloyVersion` accepts) is one of `availability`'s releases. */
export function isAvailableIn(item: Availability, version: string): boolean {
  const resolved = resolveAlloyVersion(version);
  return resolved !== undefined && item.releases.includes(resolved);
}

/** The whole schema of a release (the newest without `version`), loaded once, on first use. */
export function getSchema(options?: SchemaOptions): AlloySchema {
  return load(options).schema;
}

/** A built-in component by full dotted name, e.g. `prometheus.scrape`. */
export function getComponent(name: string, options?: SchemaOptions): ComponentSchema | undefined {
  return load(options).components.get(name);
}

/** All built-in components, sorted by name. */
export function listComponents(options?: SchemaOptions): readonly ComponentSchema[] {
  return load(options).schema.components;
}

/** A non-component block: `logging`, `import.file`, `http`, ... */
export function getConfigBlock(name: string, options?: SchemaOptions): ConfigBlockSchema | undefined {
  return load(options).configBlocks.get(name);
}

export function listConfigBlocks(options?: SchemaOptions): readonly ConfigBlockSchema[] {
  return load(options).schema.configBlocks;
}

/** A stdlib function by full name (`string.format`, `coalesce`, deprecated `env`). */
export function getFunction(name: string, options?: SchemaOptions): StdlibFunction | undefined {
  return load(options).functions.get(name);
}

export function listFunctions(options?: SchemaOptions): readonly StdlibFunction[] {
  return load(options).schema.functions;
}

/** A stdlib constant by full name, e.g. `constants.hostname`. */
export function getConstant(name: string, options?: SchemaOptions): StdlibConstant | undefined {
  return load(options).constants.get(name);
}

export function listConstants(options?: SchemaOptions): readonly StdlibConstant[] {
  return load(options).schema.constants;
}

/**
 * Every top-level identifier the stdlib puts in scope, sorted: the namespaces
 * (`array`, `coalesce`, `constants`, `convert`, `encoding`, `file`, `json_path`,
 * `string`, `sys`) and the deprecated top-level functions (`env`, `concat`,
 * `format`, ...), which are identifiers in scope as well.
 */
export function stdlibNamespaces(options?: SchemaOptions): string[] {
  const { schema } = load(options);
  const names = new Set<string>();
  for (const item of [...schema.functions, ...schema.constants]) names.add(item.name.split('.')[0] ?? item.name);
  return [...names].sort();
}

/** The top-level identifiers of the current (non-deprecated) stdlib only. Sorted. */
export function currentStdlibNamespaces(options?: SchemaOptions): string[] {
  const { schema } = load(options);
  const names = new Set<string>();
  for (const item of [...schema.functions, ...schema.constants]) {
    if (item.deprecatedReplacement === undefined) names.add(item.name.split('.')[0] ?? item.name);
  }
  return [...names].sort();
}

/**
 * The nested block at `path` below a component, config block or block, e.g.
 * `findBlock(getComponent('prometheus.remote_write')!, ['endpoint', 'queue_config'])`.
 * An empty path returns undefined.
 */
export function findBlock(
  owner: ComponentSchema | ConfigBlockSchema | BlockSchema,
  path: readonly string[],
): BlockSchema | undefined {
  let blocks = owner.blocks;
  let found: BlockSchema | undefined;
  for (const name of path) {
    found = blocks.find((block) => block.name === name);
    if (!found) return undefined;
    blocks = found.blocks;
  }
  return found;
}

const STABILITY_RANK: Record<StabilityLevel, number> = {
  experimental: 0,
  'public-preview': 1,
  'generally-available': 2,
};

export const STABILITY_LEVELS: readonly StabilityLevel[] = ['experimental', 'public-preview', 'generally-available'];

/**
 * Whether a feature at stability `level` may be used when `--stability.level` is
 * `required` (the minimum): experimental < public-preview < generally-available.
 */
export function stabilityAllows(level: StabilityLevel, required: StabilityLevel): boolean {
  return STABILITY_RANK[level] >= STABILITY_RANK[required];
}

/** Parses a `--stability.level` flag value; undefined for anything else. */
export function parseStabilityLevel(text: string): StabilityLevel | undefined {
  return (STABILITY_LEVELS as readonly string[]).includes(text) ? (text as StabilityLevel) : undefined;
}
