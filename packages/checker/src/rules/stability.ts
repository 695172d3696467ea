/**
 * Stability and deprecations: components, config blocks and standard-library functions above the
 * stability level the check allows, and what the targeted release deprecates.
 */
import { stabilityAllows } from '@alloy-toolkit/schema';
import type { ComponentSchema, ConfigBlockSchema, StabilityLevel, StdlibConstant, StdlibFunction } from '@alloy-toolkit/schema';
import type { Block, Range } from '@alloy-toolkit/syntax';
import type { AnalysisContext } from '../analysis/context.js';
import type { SourceFile } from '../analysis/parse.js';
import { blockNameRange } from '../util.js';
import { deprecationNote } from '../versions.js';
import { defineFamily } from './family.js';

export const family = defineFamily({
  name: 'stability',
  title: 'Stability and deprecations',
  description:
    'Components, config blocks and standard-library functions above the allowed stability level (warnings naming the --stability.level needed), deprecated standard-library names (with a fix to the new name), and components the targeted Alloy release deprecates.',
  phases: ['link', 'validate'],
  categories: ['stability'],
});

function stabilityMessage(subject: string, required: StabilityLevel, level: StabilityLevel): string {
  return `${subject} is at stability level "${required}", which is below the minimum allowed stability level "${level}". Use --stability.level command-line flag to enable "${required}" features`;
}

/** A config block (`livedebugging`, `import.git`...) above the allowed stability level. */
export function checkConfigBlock(context: AnalysisContext, source: SourceFile, block: Block, schema: ConfigBlockSchema | undefined, name: string, label: string): void {
  if (schema && !stabilityAllows(schema.stability, context.options.stabilityLevel)) {
    context.report(
      source,
      'alloy/stability',
      'warning',
      stabilityMessage(`${name} block "${label || name}"`, schema.stability, context.options.stabilityLevel),
      blockNameRange(source.parse.lines, block),
    );
  }
}

/** A built-in component above the allowed stability level (community components excepted: another rule). */
export function checkComponentStability(context: AnalysisContext, source: SourceFile, block: Block, schema: ComponentSchema): void {
  if (!stabilityAllows(schema.stability, context.options.stabilityLevel)) {
    context.report(
      source,
      'alloy/stability',
      'warning',
      stabilityMessage(`component "${block.fullName}"`, schema.stability, context.options.stabilityLevel),
      blockNameRange(source.parse.lines, block),
    );
  }
}

/** A built-in component the targeted release deprecates. */
export function checkComponentDeprecation(context: AnalysisContext, source: SourceFile, block: Block): void {
  const name = block.fullName;
  const deprecation = context.options.target && deprecationNote(context.options.target, 'component', name, name);
  if (deprecation) context.report(source, 'alloy/deprecated', 'warning', deprecation, blockNameRange(source.parse.lines, block));
}

const deprecatedStdlibMessage = 'this stdlib function is deprecated; please refer to the documentation for updated usage and alternatives';

/**
 * A standard-library function above the allowed stability level, or deprecated (the range covers
 * its name; asked for only when there is something to report: most calls are fine).
 */
export function checkStdlibFunction(context: AnalysisContext, source: SourceFile, name: string, stdlibFunction: StdlibFunction, rangeOfName: () => Range): void {
  if (!stabilityAllows(stdlibFunction.stability, context.options.stabilityLevel)) {
    context.report(source, 'alloy/stability', 'warning', stabilityMessage(name, stdlibFunction.stability, context.options.stabilityLevel), rangeOfName());
  }
  if (stdlibFunction.deprecatedReplacement) {
    const range = rangeOfName();
    context.report(source, 'alloy/deprecated', 'warning', deprecatedStdlibMessage, range, {
      title: `Replace '${name}' with '${stdlibFunction.deprecatedReplacement}'`,
      edits: [{ range, newText: stdlibFunction.deprecatedReplacement }],
    });
  }
}

/** A deprecated standard-library constant (`range` covers its name). */
export function checkStdlibConstant(context: AnalysisContext, source: SourceFile, name: string, constant: StdlibConstant, range: Range): void {
  if (constant.deprecatedReplacement) {
    context.report(source, 'alloy/deprecated', 'warning', deprecatedStdlibMessage, range, {
      title: `Replace '${name}' with '${constant.deprecatedReplacement}'`,
      edits: [{ range, newText: constant.deprecatedReplacement }],
    });
  }
}
