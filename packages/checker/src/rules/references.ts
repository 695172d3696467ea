/**
 * References: every identifier path must resolve to something in scope, name an export the
 * component has, and the components must not depend on each other in a cycle. The linking phase
 * calls the reference checks as it resolves each path; the cycle check runs over the graph.
 */
import { getFunction } from '@alloy-toolkit/schema';
import type { Range } from '@alloy-toolkit/syntax';
import { memoized, stdlibNames, type AnalysisContext } from '../analysis/context.js';
import type { SourceFile } from '../analysis/parse.js';
import type { NodeEntry, Scope } from '../analysis/scope.js';
import type { ReferenceSegment } from '../model.js';
import { closestCandidate, type CandidateSource } from '../suggestions.js';
import { blockOpeningRange, closestName, didYouMean } from '../util.js';
import { defineFamily } from './family.js';

export const family = defineFamily({
  name: 'references',
  title: 'References',
  description:
    'Every identifier path resolves to a component export, a standard-library function or constant, a module argument, a foreach variable, module_path or an import namespace, and names an export the component has; components do not depend on each other in a cycle.',
  phases: ['link'],
  categories: ['reference'],
});

/** A path whose head names a component shadowing a standard-library name (`sys "s" {}`). */
export function checkStdlibShadowing(context: AnalysisContext, source: SourceFile, head: string, headSegment: { readonly range: Range }): void {
  if (stdlibNames(context.options.release).has(head) || getFunction(head, context.options.release)) {
    context.report(source, 'alloy/stdlib-shadowing', 'warning', 'a component is shadowing an existing stdlib name', headSegment.range);
  }
}

/** An export `exportName` of a component whose exports are `exports`. */
export function checkComponentExport(
  context: AnalysisContext,
  source: SourceFile,
  exportName: string,
  exports: readonly string[] | undefined,
  exportSegment: { readonly range: Range },
): void {
  if (exports && !exports.includes(exportName)) {
    context.error(source, 'alloy/unknown-export', didYouMean(`field "${exportName}" does not exist`, closestName(exportName, exports)), exportSegment.range);
  }
}

/** A field of a module argument, which has only `value`. */
export function checkArgumentField(context: AnalysisContext, source: SourceFile, exportName: string | undefined, exportSegment: { readonly range: Range } | undefined): void {
  if (exportName !== undefined && exportName !== 'value') {
    context.error(source, 'alloy/unknown-export', didYouMean(`field "${exportName}" does not exist`, 'value'), exportSegment!.range);
  }
}

function stdlibMembers(context: AnalysisContext, namespace: string): string[] {
  const members: string[] = [];
  for (const name of stdlibNames(context.options.release)) if (name.startsWith(`${namespace}.`)) members.push(name.slice(namespace.length + 1));
  return members;
}

/** A name in a standard-library namespace that the namespace does not have (`sys.envv`). */
export function reportUnknownStdlibName(context: AnalysisContext, source: SourceFile, head: string, field: ReferenceSegment): void {
  const candidates = stdlibMembers(context, head);
  context.error(
    source,
    'alloy/unknown-stdlib-name',
    context.versionNoted(`field "${field.name}" does not exist`, 'function', `${head}.${field.name}`, [], `${head}.${field.name}`) ??
      didYouMean(`field "${field.name}" does not exist`, closestName(field.name, candidates)),
    field.range,
  );
}

/** A path that resolves to nothing in scope. */
export function reportUnresolved(context: AnalysisContext, scope: Scope, source: SourceFile, segments: readonly ReferenceSegment[], text: string, range: Range): void {
  const message = segments.length === 1 ? `identifier "${text}" does not exist` : `component "${text}" does not exist or is out of scope`;
  const names = segments.map((segment) => segment.name);
  context.error(source, 'alloy/unresolved-reference', didYouMean(message, suggestReference(context, scope, names)), range);
}

/**
 * "Did you mean" for an unresolved path: for each segment count (in the order the scope's ids
 * first have it), the id closest to the path's prefix of that many segments, the remaining
 * segments kept; for a single name, also foreach variables and the standard library.
 */
function suggestReference(context: AnalysisContext, scope: Scope, names: string[]): string | undefined {
  const scopes: Scope[] = [];
  let version = 0;
  for (let current: Scope | undefined = scope; current; current = current.nodeParent) {
    scopes.push(current);
    version += current.nodes.size;
  }
  return memoized(context.referenceSuggestions, scope, version, names.join('.'), () => {
    const sources: CandidateSource[] = scopes.map((current) => ({ index: current.nodeNames, segmentCounts: current.nodeNames.segmentCounts }));
    if (scope.fallback) {
      // The siblings' ids come after those in scope, indexed once per check (there may be thousands).
      context.siblingNodeCandidates ??= context.siblings!.nodeIdCandidates();
      sources.push(context.siblingNodeCandidates);
    }
    const segmentCounts = new Set<number>();
    for (const candidates of sources) for (const count of candidates.segmentCounts) if (count <= names.length) segmentCounts.add(count);
    for (const count of segmentCounts) {
      const outcome = closestCandidate(names.slice(0, count).join('.'), count, sources, context.suggestionBudget);
      if (!('found' in outcome)) return undefined;
      if (outcome.found !== undefined) return [outcome.found, ...names.slice(count)].join('.');
    }
    if (names.length !== 1) return undefined;
    const variables: string[] = [];
    for (const current of scopes) if (current.foreachVariable) variables.push(current.foreachVariable.name);
    return closestName(names[0]!, [...variables, ...stdlibNames(context.options.release)]);
  });
}

const noDependencies: ReadonlySet<NodeEntry> = new Set();

/**
 * Tarjan's per-entry state, indexed by `order`: kept between checks and grown when a graph is
 * larger (a check fills the part it uses), instead of three typed arrays per check.
 */
let tarjanIndex = new Int32Array(256);
let tarjanLowLink = new Int32Array(256);
let tarjanOnStack = new Uint8Array(256);

/** Self references and cycles of the whole graph (Tarjan's strongly connected components, iterative). */
export function checkCycles(context: AnalysisContext): void {
  const entries = context.entries;
  // Per-entry state indexed by `order`.
  const entryCount = entries.length;
  if (tarjanIndex.length < entryCount) {
    const capacity = Math.max(entryCount, tarjanIndex.length * 2);
    tarjanIndex = new Int32Array(capacity);
    tarjanLowLink = new Int32Array(capacity);
    tarjanOnStack = new Uint8Array(capacity);
  }
  const index = tarjanIndex.fill(-1, 0, entryCount);
  const lowLink = tarjanLowLink;
  const onStack = tarjanOnStack.fill(0, 0, entryCount);
  const stack: NodeEntry[] = [];
  let counter = 0;
  let selfReported: Set<NodeEntry> | undefined;
  for (const entry of entries) {
    if (entry.dependencies?.has(entry) && !selfReported?.has(entry)) {
      (selfReported ??= new Set()).add(entry);
      context.error(entry.source, 'alloy/self-reference', 'cannot reference self', blockOpeningRange(entry.source.parse.lines, entry.block));
    }
  }
  const work: { node: NodeEntry; iterator: Iterator<NodeEntry> }[] = [];
  const visit = (node: NodeEntry): void => {
    index[node.order] = counter;
    lowLink[node.order] = counter;
    counter++;
    stack.push(node);
    onStack[node.order] = 1;
    work.push({ node, iterator: (node.dependencies ?? noDependencies).values() });
  };
  for (const start of entries) {
    if (index[start.order] !== -1) continue;
    if (!start.dependencies) {
      // A node without dependencies is a component of its own: no cycle.
      index[start.order] = counter;
      lowLink[start.order] = counter;
      counter++;
      continue;
    }
    visit(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const next = frame.iterator.next();
      if (!next.done) {
        const dependency = next.value;
        if (dependency === frame.node) continue;
        if (index[dependency.order] === -1) visit(dependency);
        else if (onStack[dependency.order] === 1) lowLink[frame.node.order] = Math.min(lowLink[frame.node.order]!, index[dependency.order]!);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink[parent.node.order] = Math.min(lowLink[parent.node.order]!, lowLink[frame.node.order]!);
      if (lowLink[frame.node.order] === index[frame.node.order]) {
        if (stack[stack.length - 1] === frame.node) {
          // A component of one node: no cycle (self-references are reported above).
          stack.pop();
          onStack[frame.node.order] = 0;
          continue;
        }
        const members: NodeEntry[] = [];
        let member: NodeEntry;
        do {
          member = stack.pop()!;
          onStack[member.order] = 0;
          members.push(member);
        } while (member !== frame.node);
        if (members.length > 1) {
          const ids = members.map((entry) => entry.id).sort();
          const message = `cycle detected: ${ids.join(', ')}`;
          const ordered = [...members].sort((a, b) => a.block.start - b.block.start);
          for (const entry of ordered) context.error(entry.source, 'alloy/cycle', message, blockOpeningRange(entry.source.parse.lines, entry.block));
        }
      }
    }
  }
}
