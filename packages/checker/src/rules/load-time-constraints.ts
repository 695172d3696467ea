/**
 * Load-time constraints: what a component's `Validate()` (or the decoding of its arguments)
 * refuses when Alloy loads the configuration. The rules are data in `load-time/`; this family runs
 * them over each built-in component, its values folded to constants (a foreach variable is not one).
 */
import type { ComponentSchema } from '@alloy-toolkit/schema';
import type { Block } from '@alloy-toolkit/syntax';
import type { AnalysisContext } from '../analysis/context.js';
import type { SourceFile } from '../analysis/parse.js';
import type { Scope } from '../analysis/scope.js';
import { checkLoadTimeRules } from '../load-time/index.js';
import { defineFamily } from './family.js';

export const family = defineFamily({
  name: 'load-time-constraints',
  title: 'Load-time constraints',
  description:
    "What a component's Validate() refuses when Alloy loads it, with upstream's message: arguments configured together or missing together, numbers and durations out of range or in the wrong order (with the schema's defaults), regular expressions Go refuses, URLs Go's url.Parse refuses, values a component refuses; and a number given for a duration (reported as alloy/invalid-duration). Only values folded to constants are checked.",
  phases: ['validate'],
  categories: ['load-time'],
});

/** The load-time rules of a built-in component in `scope`. */
export function checkComponent(context: AnalysisContext, scope: Scope, source: SourceFile, block: Block, schema: ComponentSchema): void {
  checkLoadTimeRules(block, schema, {
    report: (code, message, range, fix) => context.error(source, code, message, range, fix),
    lines: source.parse.lines,
    isShadowed: (name) => {
      for (let current: Scope | undefined = scope; current; current = current.nodeParent) if (current.foreachVariable?.name === name) return true;
      return false;
    },
  });
}
