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

export type * from './types.js';
export { AlloyTypeSyntaxError, formatAlloyType, isTypeAssignable, parseAlloyType } from './alloy-type.js';

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

let loaded: SchemaIndex | undefined;

function load(): SchemaIndex {
  if (loaded) return loaded;
  const schema = JSON.parse(readFileSync(DATA_URL, 'utf8')) as AlloySchema;
  loaded = {
    schema,
    components: new Map(schema.components.map((component) => [component.name, component])),
    configBlocks: new Map(schema.configBlocks.map((block) => [block.name, block])),
    functions: new Map(schema.functions.map((fn) => [fn.name, fn])),
    constants: new Map(schema.constants.map((constant) => [constant.name, constant])),
  };
  return loaded;
}

/** The whole schema (loaded once, on first use). */
export function getSchema(): AlloySchema {
  return load().schema;
}

/** A built-in component by full dotted name, e.g. `prometheus.scrape`. */
export function getComponent(name: string): ComponentSchema | undefined {
  return load().components.get(name);
}

/** All built-in components, sorted by name. */
export function listComponents(): readonly ComponentSchema[] {
  return load().schema.components;
}

/** A non-component block: `logging`, `import.file`, `http`, ... */
export function getConfigBlock(name: string): ConfigBlockSchema | undefined {
  return load().configBlocks.get(name);
}

export function listConfigBlocks(): readonly ConfigBlockSchema[] {
  return load().schema.configBlocks;
}

/** A stdlib function by full name (`string.format`, `coalesce`, deprecated `env`). */
export function getFunction(name: string): StdlibFunction | undefined {
  return load().functions.get(name);
}

export function listFunctions(): readonly StdlibFunction[] {
  return load().schema.functions;
}

/** A stdlib constant by full name, e.g. `constants.hostname`. */
export function getConstant(name: string): StdlibConstant | undefined {
  return load().constants.get(name);
}

export function listConstants(): readonly StdlibConstant[] {
  return load().schema.constants;
}

/**
 * Every top-level identifier the stdlib puts in scope, sorted: the namespaces
 * (`array`, `coalesce`, `constants`, `convert`, `encoding`, `file`, `json_path`,
 * `string`, `sys`) and the deprecated top-level functions (`env`, `concat`,
 * `format`, ...), which are identifiers in scope as well.
 */
export function stdlibNamespaces(): string[] {
  const { schema } = load();
  const names = new Set<string>();
  for (const item of [...schema.functions, ...schema.constants]) names.add(item.name.split('.')[0] ?? item.name);
  return [...names].sort();
}

/** The top-level identifiers of the current (non-deprecated) stdlib only. Sorted. */
export function currentStdlibNamespaces(): string[] {
  const { schema } = load();
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
