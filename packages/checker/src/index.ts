import path from 'node:path';
import { ALLOY_VERSION, type StabilityLevel } from '@alloy-toolkit/schema';
import type { Diagnostic, ParseResult } from '@alloy-toolkit/syntax';
import { Analyzer, createSource, type AnalyzerOptions, type SourceFile } from './analyzer.js';
import { enrichParserDiagnostics, type CheckerDiagnostic } from './fixes.js';
import { confinedFileSystem, createNodeFileSystem, isFileOnDisk, nodeFileSystem, realPathThrough, type CheckerFileSystem } from './filesystem.js';
import { buildModel } from './semantic-model.js';
import { cachedParse, siblingIndex } from './siblings.js';
import type { SemanticModel } from './model.js';
import { ruleInfo, type RuleSetting } from './rules.js';
import { targetVersion } from './versions.js';
import { assemblyFileSystem } from './assembly.js';
import { relateToOtherDirectories } from './workspace-definitions.js';

export {
  nodeFileSystem,
  createNodeFileSystem,
  overlayFileSystem,
  confinedFileSystem,
  snapshotFileSystem,
  realPathAsFarAsItExists,
  isInsideRoots,
} from './filesystem.js';
export type { CheckerFileSystem, NodeFileSystemOptions } from './filesystem.js';
export { rules, ruleInfo, rulePageName } from './rules.js';
export type { RuleInfo, RuleSetting, RuleCategory } from './rules.js';
export { ruleFamilies } from './rules/families.js';
export { familyPageName, type RuleFamily, type RuleFamilyName, type AnalysisPhase } from './rules/family.js';
export { applyFixes } from './fixes.js';
export type { CheckerDiagnostic } from './fixes.js';
export { componentGraph } from './graph.js';
export { constraintsFor, describeConstraints, loadTimeMessages, loadTimeRuleSets, messagesOfRule, namesOfRule, LOAD_TIME_CODES } from './load-time/index.js';
export type { ConstraintDescription } from './load-time/index.js';
export type { ArgumentConstraint, LoadTimeRule, RuleSet as LoadTimeRuleSet, UpstreamMessage } from './load-time/index.js';
export { evaluate, type AlloyValue, type EvaluateOptions, type FoldedValue, type GoNumber } from './evaluate.js';
export { goRegexpError } from './regexp.js';
export { targetVersion, unavailableNote, deprecationNote, type TargetVersion } from './versions.js';
export { forgetWorkspaceDefinitions } from './workspace-definitions.js';
export { parseGoDuration, goTimeQuote, type GoDurationResult } from './go-duration.js';
export { parseGoUrl, goUrlHostname, goUrlPort, type GoUrl, type GoUrlResult } from './go-url.js';
export type { ComponentGraph, ComponentGraphNode, ComponentGraphEdge } from './graph.js';
export type {
  SemanticModel,
  ComponentInstance,
  ConfigBlockInstance,
  DeclareInfo,
  DeclareArgument,
  DeclareExport,
  ImportInfo,
  ImportKind,
  Reference,
  ReferenceSegment,
  ReferenceTarget,
  ScopeInfo,
  Definition,
} from './model.js';

export interface CheckOptions {
  /** Absolute or relative path; used for imports, sibling files and messages. */
  fileName?: string;
  /** Default: the real file system when `fileName` names a file on disk, otherwise none. */
  fileSystem?: CheckerFileSystem;
  /** Default `generally-available`. */
  stabilityLevel?: StabilityLevel;
  /** Per-rule severity; `off` removes the rule's diagnostics. */
  rules?: Record<string, RuleSetting>;
  /** Look up unresolved references in the other `.alloy` files of the directory (default true). */
  siblings?: boolean;
  /** A parse of exactly `text` the caller already has (an editor's incremental re-parse): it is not parsed again. */
  parse?: ParseResult;
  /**
   * Directories that files read for the check (imported modules, files of imported directories,
   * sibling files) must lie in, after symbolic links are resolved; relative paths are resolved
   * against the working directory. An `import.file` outside them is not read and gets
   * `alloy/import-outside-root`; siblings outside them are ignored. Undefined: no limit.
   */
  importRoots?: readonly string[];
  /** The most bytes the default file system reads from one file (default 32 MiB); a larger file is not read. */
  maxFileSize?: number;
  /**
   * The Alloy release the configuration is checked against: `'1.5'`, `'v1.5.1'`, `'latest'`
   * (default: the newest). Components, arguments, blocks, functions and stability levels are
   * that release's; a name another release has is reported with the releases that have it.
   * A version no release matches throws `UnknownAlloyVersionError`.
   */
  alloyVersion?: string;
  /** Where `alloyVersion` was found, named in messages: `docker-compose.yml:12`. */
  alloyVersionSource?: string;
  /**
   * The other directories deployed together with this file's directory (an assembly): their
   * `.alloy` files are siblings of this file, so references between them resolve.
   */
  assembly?: readonly string[];
  /**
   * The workspace (a repository) around the file: an unresolved reference that a file in another
   * directory below it defines keeps its error and gains `related` (where it is defined) and a
   * hint to declare the directories an assembly. Undefined: not searched.
   */
  workspaceRoot?: string;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  model: SemanticModel;
}

const sizedFileSystems = new Map<number, CheckerFileSystem>();

function defaultFileSystem(fileName: string | undefined, maxFileSize: number | undefined): CheckerFileSystem | undefined {
  if (fileName === undefined || !isFileOnDisk(fileName)) return undefined;
  if (maxFileSize === undefined) return nodeFileSystem;
  let sized = sizedFileSystems.get(maxFileSize);
  if (!sized) {
    sized = createNodeFileSystem({ maxFileSize });
    sizedFileSystems.set(maxFileSize, sized);
  }
  return sized;
}

/** The file system a check reads through, and the analyzer options that depend on the check's options. */
function checkEnvironment(
  fileName: string | undefined,
  options: Omit<CheckOptions, 'fileName'>,
): { fileSystem: CheckerFileSystem | undefined; analyzerOptions: AnalyzerOptions } {
  const target = targetVersion(options.alloyVersion, options.alloyVersionSource);
  const analyzerOptions: AnalyzerOptions = { stabilityLevel: options.stabilityLevel ?? 'generally-available', target };
  if (target.version !== ALLOY_VERSION) analyzerOptions.release = target;
  let fileSystem = options.fileSystem ?? defaultFileSystem(fileName, options.maxFileSize);
  if (fileSystem && options.importRoots !== undefined) {
    const base = fileSystem;
    const roots = options.importRoots.map((root) => realPathThrough(base, root));
    fileSystem = confinedFileSystem(base, roots);
    analyzerOptions.importRoots = roots;
  }
  if (fileSystem) analyzerOptions.fileSystem = fileSystem;
  return { fileSystem, analyzerOptions };
}

/**
 * Upstream stops at the first syntax error. We keep the semantic diagnostics of the top-level
 * statements that parsed cleanly, and drop those of statements holding a syntax error, whose
 * partial tree would mislead them.
 */
function semanticDiagnosticsBesideSyntaxErrors(source: SourceFile, parserDiagnostics: Diagnostic[]): Diagnostic[] {
  const errorOffsets = parserDiagnostics
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => diagnostic.range.start.offset)
    .sort((a, b) => a - b);
  if (errorOffsets.length === 0) return source.diagnostics;
  // Statements are in source order, so the broken ranges are found and searched in n log n.
  const brokenStarts: number[] = [];
  const brokenEnds: number[] = [];
  for (const statement of source.parse.file.body) {
    const start = statement.start;
    const end = statement.end;
    const firstError = errorOffsets[firstIndexAtLeast(errorOffsets, start)];
    let brokenEnd: number | undefined;
    if (firstError !== undefined && firstError <= end) brokenEnd = end;
    else if (statement.type === 'Block' && statement.rbrace === null) brokenEnd = Infinity;
    if (brokenEnd === undefined) continue;
    brokenStarts.push(start);
    // The running maximum, so that one search finds whether any range from the left covers an offset.
    brokenEnds.push(Math.max(brokenEnd, brokenEnds[brokenEnds.length - 1] ?? -Infinity));
  }
  return source.diagnostics.filter((diagnostic) => {
    const offset = diagnostic.range.start.offset;
    // Whole-graph findings depend on the broken statements too.
    if (diagnostic.code === 'alloy/cycle' || diagnostic.code === 'best-practice/unused-component') return false;
    const last = firstIndexAtLeast(brokenStarts, offset + 1) - 1;
    return last < 0 || brokenEnds[last]! < offset;
  });
}

/** The index of the first element of the ascending `values` that is at least `target` (`values.length` if none). */
function firstIndexAtLeast(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Sets severities from the rule settings, drops `off` rules, sorts by position. */
function finalize(source: SourceFile, settings: Record<string, RuleSetting> | undefined): Diagnostic[] {
  const parserDiagnostics: CheckerDiagnostic[] = enrichParserDiagnostics(source.text, source.parse);
  const all = [...parserDiagnostics, ...semanticDiagnosticsBesideSyntaxErrors(source, parserDiagnostics)];
  const result: Diagnostic[] = [];
  for (const diagnostic of all) {
    const setting = settings?.[diagnostic.code] ?? ruleInfo(diagnostic.code)?.defaultSeverity;
    if (setting === 'off') continue;
    if (setting !== undefined) diagnostic.severity = setting === 'warn' ? 'warning' : setting;
    result.push(diagnostic);
  }
  return result.sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
}

/** Parses and checks one file. Never throws on any text (an unknown `alloyVersion` throws `UnknownAlloyVersionError`). */
export function checkText(text: string, options: CheckOptions = {}): CheckResult {
  const fileName = options.fileName;
  const { fileSystem, analyzerOptions } = checkEnvironment(fileName, options);
  const parseResult = options.parse ?? (fileName !== undefined && fileSystem ? cachedParse(fileName, text) : undefined);
  const source = createSource(text, fileName, parseResult);
  const analyzer = new Analyzer(analyzerOptions);
  try {
    const siblingFileSystem =
      fileSystem && fileName !== undefined && options.assembly?.length ? assemblyFileSystem(fileSystem, path.dirname(path.resolve(fileName)), options.assembly) : fileSystem;
    const siblings = options.siblings !== false && fileName !== undefined && siblingFileSystem ? siblingIndex(fileName, siblingFileSystem) : undefined;
    analyzer.run([source], siblings);
  } catch (error) {
    source.diagnostics.push(internalError(source, error));
  }
  const diagnostics = finalize(source, options.rules);
  const model = buildModel(source, analyzer.siblingBlockLines());
  if (options.workspaceRoot !== undefined && fileName !== undefined && fileSystem) {
    try {
      relateToOtherDirectories(diagnostics, model.references, fileName, options.workspaceRoot, fileSystem);
    } catch {
      // Only advice: a failure leaves the diagnostics as they are.
    }
  }
  return { diagnostics, model };
}

/** Checks a set of files strictly as one configuration (one namespace, duplicates across files included). */
export function checkConfig(
  files: { fileName: string; text: string }[],
  options: Omit<CheckOptions, 'fileName'> = {},
): { files: { fileName: string; diagnostics: Diagnostic[] }[] } {
  const { analyzerOptions } = checkEnvironment(files[0]?.fileName, options);
  const sources = [...files]
    .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0))
    .map((file) => createSource(file.text, file.fileName));
  try {
    new Analyzer(analyzerOptions).run(sources);
  } catch (error) {
    if (sources[0]) sources[0].diagnostics.push(internalError(sources[0], error));
  }
  const byName = new Map(sources.map((source) => [source.fileName, source]));
  return {
    files: files.map((file) => ({ fileName: file.fileName, diagnostics: finalize(byName.get(file.fileName)!, options.rules) })),
  };
}

function internalError(source: SourceFile, error: unknown): Diagnostic {
  const start = source.parse.lines.positionAt(source.parse.file.start);
  return {
    code: 'alloy/internal-error',
    severity: 'error',
    message: `internal checker error: ${error instanceof Error ? error.message : String(error)}`,
    range: { start, end: start },
  };
}
