import { readFileSync } from 'node:fs';
import type {
  AlloySchema,
  BlockSchema,
  ComponentSchema,
  ConfigBlockSchema,
  StabilityLevel,
  StdlibConstant,
  StdlibFunction,
} from './types.js';

import {
  availability as availabilityIn,
  listAlloyVersions as listVersionsOf,
  schemaForVersion,
} from './versions.js';
import type { Availability, AvailabilityKind } from './versions.js';

export type * from './types.js';
export type { Availability, AvailabilityKind, HistoricalFacts, StabilityPeriod } from './versions.js';
export { AlloyTypeSyntaxError, formatAlloyType, isTypeAssignable, parseAlloyType } from './alloy-type.js';
export { compareAlloyVersions } from './versions.js';

/** The Alloy version the bundled data describes. */
export const ALLOY_VERSION = '1.18';

/** The data file, relative to this module: works from both src/ and dist/. */
const DATA_URL = new URL(`../data/alloy-${ALLOY_VERSION}.json`, import.meta.url);

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
  return listVersionsOf(ALLOY_VERSION);
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
