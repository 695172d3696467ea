import { attributeNameSpan, type Attribute, type Block } from '../toolkit.js';
import type { Definition, ReferenceInfo } from './fileModel.js';
import { resolveSegments, type Resolution } from './resolve.js';
import { nodePathAt, type TraversalSegment } from './syntaxTree.js';
import type { ParsedDocument } from '../workspace/workspace.js';
import type { AlloyWorkspace } from '../workspace/workspace.js';

/** What the cursor is on, as far as navigation and hover care. */
export type SymbolAt =
  | { kind: 'block-name'; block: Block; ancestors: Block[] }
  | { kind: 'block-label'; block: Block; ancestors: Block[] }
  | { kind: 'attribute-name'; attribute: Attribute; block: Block | undefined; ancestors: Block[] }
  | {
      kind: 'reference';
      reference: ReferenceInfo;
      /** The segment under the cursor. */
      segmentIndex: number;
      segment: TraversalSegment;
      resolution: Resolution | undefined;
    }
  | { kind: 'none' };

export function symbolAt(parsed: ParsedDocument, offset: number, workspace: AlloyWorkspace): SymbolAt {
  const reference = referenceAt(parsed, offset);
  if (reference) {
    const segmentIndex = reference.traversal.segments.findIndex((segment) => segment.startOffset <= offset && offset <= segment.endOffset);
    const index = segmentIndex === -1 ? reference.traversal.segments.length - 1 : segmentIndex;
    const resolution = resolveSegments(
      reference.traversal.segments.map((segment) => segment.name),
      reference.scope,
      workspace.siblingRoots(parsed),
    );
    return { kind: 'reference', reference, segmentIndex: index, segment: reference.traversal.segments[index]!, resolution };
  }
  const path = nodePathAt(parsed.parse.file, offset);
  const ancestors = path.filter((node): node is Block => node.type === 'Block');
  const block = ancestors[ancestors.length - 1];
  const innermost = path[path.length - 1];
  if (innermost?.type === 'Identifier') {
    const parent = path[path.length - 2];
    if (parent?.type === 'Block') return { kind: 'block-name', block: parent, ancestors: ancestors.slice(0, -1) };
  }
  // An attribute's name is not a node of its own: it is the attribute's first characters.
  if (innermost?.type === 'Attribute' && offset <= attributeNameSpan(innermost).end) {
    return { kind: 'attribute-name', attribute: innermost, block, ancestors };
  }
  if (block?.label && block.label.start <= offset && offset <= block.label.end) {
    return { kind: 'block-label', block, ancestors: ancestors.slice(0, -1) };
  }
  return { kind: 'none' };
}

export function referenceAt(parsed: ParsedDocument, offset: number): ReferenceInfo | undefined {
  for (const reference of parsed.model.references) {
    const segments = reference.traversal.segments;
    if (segments[0]!.startOffset <= offset && offset <= segments[segments.length - 1]!.endOffset) return reference;
  }
  return undefined;
}

/** The range of the label text (between the quotes) of a block. */
export function labelTextRange(block: Block): { start: number; end: number } | undefined {
  if (!block.label) return undefined;
  return { start: block.label.start + 1, end: block.label.end - 1 };
}

/** Every reference (in the given documents) that resolves to `definition`, with the segment naming its label. */
export function referencesTo(
  definition: Definition,
  documents: readonly ParsedDocument[],
  workspace: AlloyWorkspace,
): { parsed: ParsedDocument; reference: ReferenceInfo; resolution: Resolution }[] {
  const found: { parsed: ParsedDocument; reference: ReferenceInfo; resolution: Resolution }[] = [];
  for (const parsed of documents) {
    const siblings = workspace.siblingRoots(parsed);
    for (const reference of parsed.model.references) {
      const resolution = resolveSegments(reference.traversal.segments.map((segment) => segment.name), reference.scope, siblings);
      if (resolution && resolution.definition.block === definition.block) found.push({ parsed, reference, resolution });
    }
  }
  return found;
}
