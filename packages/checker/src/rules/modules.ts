/**
 * Modules: `declare` blocks, `argument` and `export` placement, blocks only the root may hold,
 * and imports (`import.file` read and resolved while indexing; the others not fetched).
 */
import type { Block, Range } from '@alloy-toolkit/syntax';
import type { AnalysisContext } from '../analysis/context.js';
import type { SourceFile } from '../analysis/parse.js';
import { loggingLike, serviceNames, type Scope } from '../analysis/scope.js';
import type { DeclareInfo, ImportInfo } from '../model.js';
import { closestCandidate, NameIndex } from '../suggestions.js';
import { blockHeaderRange, blockNameRange, didYouMean } from '../util.js';
import { defineFamily } from './family.js';

export const family = defineFamily({
  name: 'modules',
  title: 'Modules',
  description:
    'declare blocks, argument and export blocks only inside a module, root-only blocks (logging, tracing, services) outside modules and foreach templates, import.file resolved and read (unreadable, outside the import roots, not a module), the components an imported namespace defines, and the imports the checker does not fetch.',
  phases: ['index', 'validate'],
  categories: ['module'],
});

/** A `declare` block's label. */
export function checkDeclare(context: AnalysisContext, source: SourceFile, block: Block, label: string): void {
  if (label === 'declare') {
    context.error(source, 'alloy/invalid-declare-label', "'declare' is not a valid label for a declare block", blockHeaderRange(source.parse.lines, block));
  }
}

/** Grafana Agent Flow's classic modules have top-level `argument` blocks; Alloy removed their loaders. */
const CLASSIC_MODULE_HINT =
  "argument and export blocks belong in a declare block, and a module that import.file, import.git, import.http or import.string loads holds only declare and import blocks; a Grafana Agent Flow classic module (loaded with module.file, module.git, ...) must be rewritten this way for Alloy";

/** Where a config block stands: `argument`/`export` only in a module, root-only blocks not in one. */
export function checkConfigBlockPlacement(context: AnalysisContext, scope: Scope, source: SourceFile, block: Block, name: string, id: string): void {
  if ((name === 'argument' || name === 'export') && !scope.inModule) {
    const diagnostic = context.error(source, 'alloy/module-only-block', `${name} blocks only allowed inside a module`, source.parse.lines.rangeOf(block));
    if (scope.info.kind === 'root') diagnostic.hint = CLASSIC_MODULE_HINT;
  }
  if (loggingLike.has(name) || serviceNames.has(name)) {
    if (scope.inForeach) context.error(source, 'alloy/not-allowed-in-module', `${id} not allowed in foreach`, blockNameRange(source.parse.lines, block));
    else if (scope.inModule) context.error(source, 'alloy/not-allowed-in-module', `${id} not allowed in module`, blockNameRange(source.parse.lines, block));
  }
}

/** `import.git`, `import.http` and `import.string`: not fetched, so their components are not checked. */
export function checkImportNotFetched(context: AnalysisContext, source: SourceFile, block: Block, name: string, label: string): void {
  if (name.startsWith('import.') && name !== 'import.file' && label !== '') {
    context.report(
      source,
      'alloy/import-not-fetched',
      'info',
      `${name} "${label}" is not fetched by the checker: components of namespace "${label}" are not checked`,
      blockHeaderRange(source.parse.lines, block),
    );
  }
}

/** An `import.file` whose file or directory cannot be read (`message` names it as written). */
export function reportImportNotFound(context: AnalysisContext, source: SourceFile, message: string, range: Range): void {
  context.report(source, 'alloy/import-not-found', 'warning', message, range);
}

/** An `import.file` outside the directories imports may be read from: not read. */
export function reportOutsideRoots(context: AnalysisContext, source: SourceFile, info: ImportInfo, what: string, range: Range): void {
  source.diagnostics.push({
    code: 'alloy/import-outside-root',
    severity: 'warning',
    message: `import.file "${info.namespace}": ${what} is outside the directories imports may be read from; it was not read`,
    range,
    hint: `imports may be read from: ${(context.options.importRoots ?? []).join(', ')}`,
  });
}

/** An imported file that does not parse or holds other statements than declare and import blocks. */
export function reportInvalidModuleContent(context: AnalysisContext, source: SourceFile, problem: string, block: Block): void {
  context.error(source, 'alloy/invalid-module-content', problem, blockHeaderRange(source.parse.lines, block));
}

/** The declare names of an imported module (keyed by its name map), for "did you mean". */
const importedDeclareNames = new WeakMap<Map<string, DeclareInfo>, NameIndex>();

/** An imported module's declare name close to `name`. */
function suggestImportedDeclare(context: AnalysisContext, imported: ImportInfo, name: string): string | undefined {
  const byName = context.importedDeclaresByName(imported);
  let index = importedDeclareNames.get(byName);
  if (!index) {
    index = new NameIndex();
    for (const declareName of byName.keys()) index.add(declareName, 0);
    importedDeclareNames.set(byName, index);
  }
  const outcome = closestCandidate(name, 0, [{ index, segmentCounts: index.segmentCounts }], context.suggestionBudget);
  return 'found' in outcome ? outcome.found : undefined;
}

/** A component of an import namespace (`imported`) whose module, read, does not define it. */
export function checkImportedComponent(context: AnalysisContext, source: SourceFile, block: Block, imported: ImportInfo | undefined): void {
  if (!imported?.fetched) return;
  const fragments = block.name.map((identifier) => identifier.name);
  const componentName = fragments.slice(1).join('.');
  context.error(
    source,
    'alloy/unknown-custom-component',
    didYouMean(
      `custom component config not found in the registry, namespace: "${fragments[0]}", componentName: "${componentName}"`,
      suggestImportedDeclare(context, imported, componentName),
    ),
    blockNameRange(source.parse.lines, block),
  );
}
