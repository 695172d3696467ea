import type { StabilityLevel } from '@alloy-toolkit/schema';
import type { Diagnostic, ParseResult } from '@alloy-toolkit/syntax';
import { Analyzer, createSource, type SourceFile } from './analyzer.js';
import { enrichParserDiagnostics, type CheckerDiagnostic } from './fixes.js';
import { isFileOnDisk, nodeFileSystem, type CheckerFileSystem } from './filesystem.js';
import { buildModel } from './semantic-model.js';
import { cachedParse, siblingIndex } from './siblings.js';
import type { SemanticModel } from './model.js';
import { ruleInfo, type RuleSetting } from './rules.js';

export { nodeFileSystem, overlayFileSystem } from './filesystem.js';
export type { CheckerFileSystem } from './filesystem.js';
export { rules, ruleInfo, rulePageName } from './rules.js';
export type { RuleInfo, RuleSetting, RuleCategory } from './rules.js';
export { applyFixes } from './fixes.js';
export type { CheckerDiagnostic } from './fixes.js';
export { componentGraph } from './graph.js';
export { parseGoDuration, goTimeQuote, type GoDurationResult } from './go-duration.js';
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
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  model: SemanticModel;
}

function defaultFileSystem(fileName: string | undefined): CheckerFileSystem | undefined {
  return fileName !== undefined && isFileOnDisk(fileName) ? nodeFileSystem : undefined;
}

/**
 * Upstream stops at the first syntax error. We keep the semantic diagnostics of the top-level
 * statements that parsed cleanly, and drop those of statements holding a syntax error, whose
 * partial tree would mislead them.
 */
function semanticDiagnosticsBesideSyntaxErrors(source: SourceFile, parserDiagnostics: Diagnostic[]): Diagnostic[] {
  const errors = parserDiagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length === 0) return source.diagnostics;
  const broken: { start: number; end: number }[] = [];
  for (const statement of source.parse.file.body) {
    const start = statement.start.offset;
    const end = statement.end.offset;
    if (errors.some((error) => error.range.start.offset >= start && error.range.start.offset <= end)) broken.push({ start, end });
    else if (statement.type === 'Block' && statement.rbrace === null) broken.push({ start, end: Infinity });
  }
  return source.diagnostics.filter((diagnostic) => {
    const offset = diagnostic.range.start.offset;
    // Whole-graph findings depend on the broken statements too.
    if (diagnostic.code === 'alloy/cycle' || diagnostic.code === 'best-practice/unused-component') return false;
    return !broken.some((range) => offset >= range.start && offset <= range.end);
  });
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

/** Parses and checks one file. Never throws. */
export function checkText(text: string, options: CheckOptions = {}): CheckResult {
  const fileName = options.fileName;
  const fileSystem = options.fileSystem ?? defaultFileSystem(fileName);
  const parseResult = options.parse ?? (fileName !== undefined && fileSystem ? cachedParse(fileName, text) : undefined);
  const source = createSource(text, fileName, parseResult);
  try {
    const siblings = options.siblings !== false && fileName !== undefined && fileSystem ? siblingIndex(fileName, fileSystem) : undefined;
    const analyzerOptions = { stabilityLevel: options.stabilityLevel ?? 'generally-available' } as const;
    new Analyzer(fileSystem ? { ...analyzerOptions, fileSystem } : analyzerOptions).run([source], siblings);
  } catch (error) {
    source.diagnostics.push(internalError(source, error));
  }
  return { diagnostics: finalize(source, options.rules), model: buildModel(source) };
}

/** Checks a set of files strictly as one configuration (one namespace, duplicates across files included). */
export function checkConfig(
  files: { fileName: string; text: string }[],
  options: Omit<CheckOptions, 'fileName'> = {},
): { files: { fileName: string; diagnostics: Diagnostic[] }[] } {
  const fileSystem = options.fileSystem ?? defaultFileSystem(files[0]?.fileName);
  const sources = [...files]
    .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0))
    .map((file) => createSource(file.text, file.fileName));
  try {
    const analyzerOptions = { stabilityLevel: options.stabilityLevel ?? 'generally-available' } as const;
    new Analyzer(fileSystem ? { ...analyzerOptions, fileSystem } : analyzerOptions).run(sources);
  } catch (error) {
    if (sources[0]) sources[0].diagnostics.push(internalError(sources[0], error));
  }
  const byName = new Map(sources.map((source) => [source.fileName, source]));
  return {
    files: files.map((file) => ({ fileName: file.fileName, diagnostics: finalize(byName.get(file.fileName)!, options.rules) })),
  };
}

function internalError(source: SourceFile, error: unknown): Diagnostic {
  const start = source.parse.file.start;
  return {
    code: 'alloy/internal-error',
    severity: 'error',
    message: `internal checker error: ${error instanceof Error ? error.message : String(error)}`,
    range: { start, end: start },
  };
}
