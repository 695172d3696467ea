/**
 * The one place where alloy-lint talks to the toolkit's other packages.
 *
 * Each package is imported lazily, the first time it is needed, so that a
 * run which never formats does not pay for loading the formatter (start-up
 * time matters for pre-commit hooks). The structural types below name only
 * what this package uses of each contract.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Position {
  offset: number;
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
  hint?: string;
  /** Other places that explain the problem (where an unresolved name is defined in another directory). */
  related?: { message: string; fileName: string; range: Range }[];
}

export interface Comment {
  kind: 'line' | 'block';
  text: string;
  /** Offset of the comment's first character. */
  start: number;
  /** Offset just past the comment (exclusive). */
  end: number;
}

export interface ParseResult {
  file: unknown;
  /** Lines of the parsed text: turns the tree's and the comments' offsets into positions. */
  lines: LineIndexLike;
  comments: Comment[];
  diagnostics: Diagnostic[];
}

/** Offsets to positions over one text (only LF ends a line). */
export interface LineIndexLike {
  readonly lineStarts: Int32Array;
  lineOf(offset: number): number;
  positionAt(offset: number): Position;
  range(start: number, end: number): Range;
}

export interface SyntaxModule {
  parse(text: string, options?: { fileName?: string }): ParseResult;
  LineIndex: new (text: string) => LineIndexLike;
  utf8Length(text: string): number;
  formatDiagnostic(diagnostic: Diagnostic, fileName: string, text?: string): string;
  byteColumn(text: string, position: Position): number;
}

export type RuleSetting = 'off' | 'warn' | 'error' | 'info';
export type StabilityLevel = 'generally-available' | 'public-preview' | 'experimental';

export interface CheckerFileSystem {
  readFile(path: string): string | undefined;
  readDirectory(path: string): string[] | undefined;
  readonly revision?: number;
}

export interface CheckOptions {
  fileName?: string;
  fileSystem?: CheckerFileSystem;
  stabilityLevel?: StabilityLevel;
  rules?: Record<string, RuleSetting>;
  siblings?: boolean;
  importRoots?: readonly string[];
  /** The Alloy release checked against (`'1.5'`); undefined: the newest. */
  alloyVersion?: string;
  /** Where `alloyVersion` came from, named in messages: `docker-compose.yml:12`. */
  alloyVersionSource?: string;
  /** Other directories deployed with the file's directory: their files are its siblings. */
  assembly?: readonly string[];
  /** Unresolved names defined in other directories below it get `related` places and a hint. */
  workspaceRoot?: string;
  /** A parse of exactly the text the caller already has: it is not parsed again. */
  parse?: ParseResult;
}

export interface RuleInfo {
  code: string;
  defaultSeverity: RuleSetting;
  description: string;
  docsUrl: string;
  fixable: boolean;
  category: string;
}

/** The checker's semantic model is opaque here: it is only handed back to `componentGraph`. */
export type SemanticModel = object;

export interface ComponentGraph {
  nodes: { id: string; name: string; label: string; fileName?: string }[];
  edges: { from: string; to: string; export: string }[];
}

export interface CheckerModule {
  nodeFileSystem: CheckerFileSystem;
  checkText(text: string, options?: CheckOptions): { diagnostics: Diagnostic[]; model: SemanticModel };
  checkConfig(
    files: { fileName: string; text: string }[],
    options?: Omit<CheckOptions, 'fileName'>,
  ): { files: { fileName: string; diagnostics: Diagnostic[] }[] };
  rules: RuleInfo[];
  applyFixes(text: string, diagnostics: Diagnostic[]): { text: string; applied: number };
  componentGraph(model: SemanticModel | SemanticModel[]): ComponentGraph;
}

export interface FormatterModule {
  formatAlloy(text: string): string;
}

/** What alloy-lint uses of `@alloy-toolkit/embedded`: Alloy inside YAML, templates and Markdown. */
export type HostKind = 'alloy' | 'yaml' | 'template' | 'markdown';

export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

export interface HostProblem {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly range: OffsetRange;
}

export interface EmbeddedConfig {
  readonly text: string;
  readonly label: string;
  readonly hostRange: OffsetRange;
  readonly placeholders: readonly OffsetRange[];
  readonly rewritable: boolean;
  toHostOffset(embeddedOffset: number): number;
  toEmbeddedOffset(hostOffset: number): number | undefined;
  overlapsPlaceholder(embeddedStart: number, embeddedEnd: number): boolean;
}

export interface Extraction {
  readonly kind: HostKind;
  readonly configs: readonly EmbeddedConfig[];
  readonly problems: readonly HostProblem[];
  readonly hostIsValid: boolean;
}

export interface ExtractOptions {
  readonly yamlKeys?: readonly string[];
  readonly templatePlaceholders?: boolean;
}

export interface EmbeddedModule {
  readonly DEFAULT_YAML_KEYS: readonly string[];
  extractEmbedded(fileName: string, text: string, options?: ExtractOptions): Extraction;
  mayContainEmbeddedAlloy(fileName: string, text: string, options?: ExtractOptions): boolean;
  replaceEmbedded(
    hostText: string,
    fileName: string,
    replacements: readonly { readonly config: EmbeddedConfig; readonly newText: string }[],
    options?: ExtractOptions,
  ): { ok: true; text: string } | { ok: false; reason: string };
  /** alloy fmt's tabs turned into the spaces `original`'s lines use. */
  indentLike(formatted: string, original: string): string;
  /** The formatter's output for `config.text` with the template tags put back, verified; or why they cannot be. */
  restorePlaceholders(
    config: EmbeddedConfig,
    formatted: string,
  ):
    | { readonly ok: true; readonly text: string; readonly placeholders: readonly OffsetRange[] }
    | { readonly ok: false; readonly reason: string; readonly placeholder?: OffsetRange };
  /** A message's `FILE:LINE:COLUMN` places inside the configuration, moved to the host. */
  relocateMessage(message: string, config: EmbeddedConfig, hostText: string, hostFileName: string): string;
}

/** Thrown when a package of the toolkit cannot be loaded (not built, or broken). */
export class MissingDependencyError extends Error {
  constructor(packageName: string, cause: unknown) {
    const notFound = (cause as { code?: unknown } | undefined)?.code === 'ERR_MODULE_NOT_FOUND';
    const reason = notFound
      ? 'it is not installed or not built; run pnpm build'
      : cause instanceof Error
        ? cause.message.split('\n')[0]
        : String(cause);
    super(`cannot load ${packageName} (${reason})`);
    this.name = 'MissingDependencyError';
  }
}

// The specifiers are held in variables so that TypeScript does not resolve the
// packages' own declarations at build time: this package compiles against the
// structural contracts above, whatever state its siblings' builds are in.
const syntaxPackage = '@alloy-toolkit/syntax';
const checkerPackage = '@alloy-toolkit/checker';
const formatterPackage = 'prettier-plugin-alloy';
const embeddedPackage = '@alloy-toolkit/embedded';

let syntaxModule: Promise<SyntaxModule> | undefined;
let checkerModule: Promise<CheckerModule> | undefined;
let formatterModule: Promise<FormatterModule> | undefined;
let embeddedModule: Promise<EmbeddedModule> | undefined;

/** Loaders of the packages a single-file build contains, by package name (see scripts/bundle.mjs). */
export type BundledPackages = Record<string, () => Promise<unknown>>;

let bundledPackages: BundledPackages = {};

/** Called by the single-file build's entry: load the packages from the bundle, not by name. */
export function useBundledPackages(packages: BundledPackages): void {
  bundledPackages = packages;
}

async function load<T>(specifier: string): Promise<T> {
  try {
    const bundled = bundledPackages[specifier];
    return (await (bundled ? bundled() : import(specifier))) as T;
  } catch (error) {
    throw new MissingDependencyError(specifier, error);
  }
}

export function loadSyntax(): Promise<SyntaxModule> {
  syntaxModule ??= load<SyntaxModule>(syntaxPackage);
  return syntaxModule;
}

export function loadChecker(): Promise<CheckerModule> {
  checkerModule ??= load<CheckerModule>(checkerPackage);
  return checkerModule;
}

export function loadFormatter(): Promise<FormatterModule> {
  formatterModule ??= load<FormatterModule>(formatterPackage);
  return formatterModule;
}

/** The extraction of Alloy from YAML, templates and Markdown (loads `yaml`: only runs that meet such a file pay for it). */
export function loadEmbedded(): Promise<EmbeddedModule> {
  embeddedModule ??= load<EmbeddedModule>(embeddedPackage);
  return embeddedModule;
}

/** The diagnostics a formatter error carries (`AlloySyntaxError.diagnostics`), if any. */
export function syntaxErrorDiagnostics(error: unknown): Diagnostic[] | undefined {
  if (typeof error === 'object' && error !== null && 'diagnostics' in error) {
    const diagnostics = (error as { diagnostics: unknown }).diagnostics;
    if (Array.isArray(diagnostics)) return diagnostics as Diagnostic[];
  }
  return undefined;
}
