/**
 * Rule families, as ESLint and tflint lay out their rules: each module of `rules/` holds the
 * checks of one family and exports its `family` (this interface) and its check functions. A check
 * is a function of the analysis context (`AnalysisContext`, the state of one analysis) and the
 * node the walk of a phase hands it; it reports through the context, and never walks the tree
 * itself beyond that node. The phases (`analysis/indexing.ts`, `linking.ts`, `validation.ts`)
 * call the checks at fixed points, so diagnostics come out in one order whatever the families.
 */
import { rules, type RuleCategory } from '../rules.js';

export type RuleFamilyName = 'syntax' | 'references' | 'arguments-and-types' | 'load-time-constraints' | 'modules' | 'stability' | 'best-practices';

/** The phases of ARCHITECTURE.md: parsed, indexed, linked, validated. */
export type AnalysisPhase = 'parse' | 'index' | 'link' | 'validate';

export interface RuleFamily {
  name: RuleFamilyName;
  /** A title for its page: `References`. */
  title: string;
  /** What the family checks, in a sentence or two. */
  description: string;
  /** The phases whose walks call its checks. */
  phases: readonly AnalysisPhase[];
  /** The rule categories (`RuleInfo.category`) of its codes. */
  categories: readonly RuleCategory[];
  /** The codes of those categories, in the order of `rules`: what its checks report. */
  codes: readonly string[];
}

/** A family with the codes of its categories. */
export function defineFamily(family: Omit<RuleFamily, 'codes'>): RuleFamily {
  return { ...family, codes: rules.filter((rule) => family.categories.includes(rule.category)).map((rule) => rule.code) };
}

/** The file name of a family's page under `docs/rules/families/`: `references.md`. */
export function familyPageName(name: RuleFamilyName): string {
  return `${name}.md`;
}
