/**
 * The shape of the Alloy schema: components, config blocks and the standard
 * library, as facts derived from the reference docs.
 *
 * This file is the contract between the schema package and its consumers
 * (checker, language server, linter, generator).
 */

export type StabilityLevel = 'generally-available' | 'public-preview' | 'experimental';

/**
 * An Alloy type as written in the docs, parsed:
 * `string`, `number`, `bool`, `duration`, `secret`, `any`, `object`,
 * `list(T)`, `map(T)`, and capsule types such as `MetricsReceiver`
 * (for example `list(MetricsReceiver)` for `forward_to`).
 */
export type AlloyType =
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'bool' }
  | { kind: 'duration' }
  | { kind: 'secret' }
  | { kind: 'any' }
  | { kind: 'object' }
  | { kind: 'function' }
  | { kind: 'list'; element: AlloyType }
  | { kind: 'map'; value: AlloyType }
  | { kind: 'capsule'; name: string };

export interface ArgumentSchema {
  name: string;
  /** The type text as the docs write it, e.g. `list(MetricsReceiver)`. */
  typeText: string;
  type: AlloyType;
  required: boolean;
  /** The default as Alloy source text where the docs give one, e.g. `"1m"`, `true`, `[]`. */
  default?: string;
  /**
   * Allowed values where the docs enumerate them (strings without quotes); for a
   * `list(string)` argument, the values each element may take. Upstream rejects
   * any other value.
   */
  allowedValues?: string[];
  /**
   * Values upstream recognises for an argument that does not reject others: an
   * unknown value is silently ignored (the collector names of
   * `prometheus.exporter.unix`). For completion and for generators; another value
   * is not an error. For a `list(string)` argument, the values of each element.
   */
  knownValues?: string[];
}

export interface BlockSchema {
  /** The block name as written in the config, possibly dotted (`stage.json`). */
  name: string;
  required: boolean;
  /** May appear more than once. */
  repeatable: boolean;
  /** Written with a label, `target "name" { ... }` (six blocks in Alloy 1.18). */
  labelRequired?: boolean;
  arguments: ArgumentSchema[];
  blocks: BlockSchema[];
  /**
   * True when the docs describe the block only partly (for example a shared
   * fragment that could not be resolved): unknown arguments inside it are not errors.
   */
  open?: boolean;
}

export interface ExportSchema {
  name: string;
  typeText: string;
  type: AlloyType;
}

export interface ComponentSchema {
  /** Full dotted name, e.g. `prometheus.exporter.unix`. */
  name: string;
  stability: StabilityLevel;
  /** URL of the component's page on the official docs site. */
  docsUrl: string;
  arguments: ArgumentSchema[];
  blocks: BlockSchema[];
  exports: ExportSchema[];
  /** True when the docs do not describe every argument (unknown names are then not errors). */
  open?: boolean;
  /** True when the component exports fields that the docs do not list. */
  exportsOpen?: boolean;
  /**
   * A community component: it has no stability level (`stability` is then
   * `generally-available`) and needs `--feature.community-components.enabled`.
   */
  community?: boolean;
}

/**
 * A non-component block: `logging`, `tracing`, `http`, `remotecfg`,
 * `livedebugging`, `argument`, `export`, `declare`, `import.file`,
 * `import.string`, `import.http`, `import.git`, `foreach`, and the
 * configurable services.
 */
export interface ConfigBlockSchema {
  name: string;
  /** Needs a label (`argument "x"`, `declare "x"`, `import.file "x"`, `foreach "x"`). */
  labelRequired: boolean;
  /** Where the block may stand. */
  placement: 'top-level' | 'module' | 'anywhere';
  stability: StabilityLevel;
  docsUrl: string;
  arguments: ArgumentSchema[];
  blocks: BlockSchema[];
  exports: ExportSchema[];
  /**
   * True when the body holds more than the listed arguments and blocks
   * (`declare` holds a whole module).
   */
  open?: boolean;
  /** A service block (`http`, `remotecfg`, `livedebugging`, `labelstore`) rather than a config block. */
  service?: boolean;
}

export interface FunctionParameter {
  name: string;
  type: AlloyType;
  typeText: string;
  variadic?: boolean;
  /** May be left out (e.g. the fourth argument of `array.combine_maps`). */
  optional?: boolean;
}

export interface StdlibFunction {
  /** Full dotted name, e.g. `string.format`, `sys.env`, `coalesce`. */
  name: string;
  parameters: FunctionParameter[];
  returnType: AlloyType;
  returnTypeText: string;
  /** Signature as shown to users: `string.format(format, ...args) -> string`. */
  signature: string;
  docsUrl: string;
  stability: StabilityLevel;
  /** Set when the name is deprecated: the name to use instead. */
  deprecatedReplacement?: string;
}

export interface StdlibConstant {
  /** Full dotted name, e.g. `constants.hostname`. */
  name: string;
  type: AlloyType;
  typeText: string;
  docsUrl: string;
  deprecatedReplacement?: string;
}

export interface AlloySchema {
  /** The Alloy version these facts describe, e.g. `1.18`. */
  alloyVersion: string;
  components: ComponentSchema[];
  configBlocks: ConfigBlockSchema[];
  functions: StdlibFunction[];
  constants: StdlibConstant[];
}
