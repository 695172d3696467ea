import type { Block, LineIndex } from '@alloy-toolkit/syntax';
import type { SourceFile } from './analysis/parse.js';
import type { Definition, Reference, SemanticModel } from './model.js';
import { blockHeaderRange } from './util.js';

/** `siblingLines`: the lines of the sibling files' blocks a reference may link to (the others are in `source`). */
export function buildModel(source: SourceFile, siblingLines?: ReadonlyMap<Block, LineIndex>): SemanticModel {
  const linesOf = (block: Block): LineIndex => siblingLines?.get(block) ?? source.parse.lines;
  // References are collected in source order almost always; the (stable) sort is only needed otherwise.
  const references = isSortedByStart(source.references)
    ? source.references.slice()
    : [...source.references].sort((a, b) => a.range.start.offset - b.range.start.offset);
  const model: SemanticModel = {
    text: source.text,
    parse: source.parse,
    components: source.components,
    configBlocks: source.configBlocks,
    declares: source.declares,
    imports: source.imports,
    references,
    referenceAt(offset: number): Reference | undefined {
      let low = 0;
      let high = references.length - 1;
      let found: Reference | undefined;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const candidate = references[middle]!;
        if (candidate.range.start.offset <= offset) {
          if (offset <= candidate.range.end.offset) found = candidate;
          low = middle + 1;
        } else high = middle - 1;
      }
      return found;
    },
    definitionOf(reference: Reference): Definition | undefined {
      const target = reference.target;
      switch (target.kind) {
        case 'component':
          return withFile({ range: blockHeaderRange(linesOf(target.component.block), target.component.block), node: target.component.block }, target.component.fileName);
        case 'config-block':
          return withFile({ range: blockHeaderRange(linesOf(target.configBlock.block), target.configBlock.block), node: target.configBlock.block }, target.configBlock.fileName);
        case 'argument':
          return withFile({ range: blockHeaderRange(linesOf(target.block), target.block), node: target.block }, target.fileName);
        case 'foreach-variable': {
          const variable = target.foreach.body.find((statement) => statement.type === 'Attribute' && statement.name === 'var');
          const node = variable ?? target.foreach;
          return withFile({ range: linesOf(target.foreach).rangeOf(node), node }, target.fileName);
        }
        case 'import-namespace':
          return withFile({ range: blockHeaderRange(linesOf(target.import.block), target.import.block), node: target.import.block }, target.import.fileName);
        default:
          return undefined;
      }
    },
  };
  if (source.fileName !== undefined) model.fileName = source.fileName;
  return model;
}

function isSortedByStart(references: readonly Reference[]): boolean {
  for (let index = 1; index < references.length; index++) {
    if (references[index - 1]!.range.start.offset > references[index]!.range.start.offset) return false;
  }
  return true;
}

function withFile(definition: Definition, fileName: string | undefined): Definition {
  if (fileName !== undefined) definition.fileName = fileName;
  return definition;
}
