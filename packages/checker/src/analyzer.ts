/**
 * The analysis of a set of files that form one configuration: the phases of ARCHITECTURE.md over
 * one `AnalysisContext`. The files are parsed (`analysis/parse.ts`); their top-level blocks are
 * indexed (`analysis/indexing.ts`); the walk of `analysis/validation.ts` links each value as it
 * goes (`analysis/linking.ts`) and runs the checks of the rule families (`rules/`); the checks of
 * the whole graph run last.
 */
import type { Block, LineIndex } from '@alloy-toolkit/syntax';
import { AnalysisContext, type AnalyzerOptions, type SiblingIndex } from './analysis/context.js';
import { register } from './analysis/indexing.js';
import type { SourceFile } from './analysis/parse.js';
import { Scope } from './analysis/scope.js';
import { checkMembers } from './analysis/validation.js';
import * as bestPractices from './rules/best-practices.js';
import * as references from './rules/references.js';
import { SuggestionBudget } from './suggestions.js';

export { createSource, type SourceFile } from './analysis/parse.js';
export type { AnalyzerOptions, SiblingIndex } from './analysis/context.js';
export { mayDefineNode, mayHoldDefinition, topLevelDefinitions, type TopLevelDefinitions } from './analysis/indexing.js';

/**
 * Builds the semantic model of a set of files that form one configuration,
 * and reports what is wrong with them.
 */
export class Analyzer {
  /** The context of the last run. */
  private context: AnalysisContext | undefined;

  constructor(private readonly options: AnalyzerOptions) {}

  /**
   * Analyzes `sources` as one configuration; `siblings` are consulted for names the sources do not
   * define. Sibling blocks are registered in a fallback scope only when a lookup needs them, and
   * the diagnostics they get there are not reported.
   */
  run(sources: SourceFile[], siblings?: SiblingIndex): void {
    const context = new AnalysisContext(this.options);
    this.context = context;
    let textLength = 0;
    for (const source of sources) textLength += source.text.length;
    context.suggestionBudget = SuggestionBudget.forText(textLength);
    const root = new Scope({ kind: 'root', path: '' }, false, false);
    if (siblings) {
      context.siblings = siblings;
      context.siblingScope = new Scope({ kind: 'root', path: '' }, false, false);
      root.fallback = context.siblingScope;
    }
    const members = sources.map((source) => ({ statements: source.parse.file.body, source }));
    // Indexed, then linked and validated in one walk.
    register(context, root, members);
    checkMembers(context, root, members);
    // The whole graph.
    references.checkCycles(context);
    bestPractices.checkUnused(context);
  }

  /**
   * The lines of the files of the sibling blocks the last run registered (so far, when it threw),
   * by block: a reference of the sources may link to one of them.
   */
  siblingBlockLines(): Map<Block, LineIndex> | undefined {
    const scope = this.context?.siblingScope;
    if (!scope || scope.nodes.size === 0) return undefined;
    const lines = new Map<Block, LineIndex>();
    for (const entry of scope.nodes.values()) lines.set(entry.block, entry.source.parse.lines);
    return lines;
  }
}
