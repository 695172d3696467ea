import type { Block } from '../toolkit.js';
import type { BlockRole, Scope } from '../analysis/fileModel.js';
import type { AlloyWorkspace, ParsedDocument } from '../workspace/workspace.js';

/** What every language service needs: the workspace and what the client can do. */
export interface LanguageContext {
  workspace: AlloyWorkspace;
  clientSupportsSnippets: boolean;
  clientSupportsMarkdown: boolean;
}

/** A `declare` block and the document holding it. */
export interface DeclareLocation {
  declare: Block;
  parsed: ParsedDocument;
}

/** The `declare` behind a custom component instance, following `import.file` when needed. */
export function resolveDeclare(role: BlockRole, parsed: ParsedDocument, workspace: AlloyWorkspace): DeclareLocation | undefined {
  if (role.kind !== 'custom') return undefined;
  if (role.declare) return { declare: role.declare, parsed };
  if (!role.importLabel) return undefined;
  for (const scope of parsed.model.scopes) {
    const importBlock = scope.imports.get(role.importLabel);
    if (!importBlock) continue;
    return declareInImport(importBlock, role.declareName, parsed, workspace);
  }
  return undefined;
}

export function declareInImport(
  importBlock: Block,
  declareName: string,
  parsed: ParsedDocument,
  workspace: AlloyWorkspace,
): DeclareLocation | undefined {
  for (const path of workspace.importedFiles(importBlock, parsed.path)) {
    const imported = workspace.parsedPath(path);
    const declare = imported?.model.root.declares.get(declareName);
    if (imported && declare) return { declare, parsed: imported };
  }
  return undefined;
}

/** The innermost scope (root, declare body, foreach template) containing `offset`. */
export function scopeAt(parsed: ParsedDocument, offset: number): Scope {
  let best: Scope = parsed.model.root;
  let bestSize = Number.POSITIVE_INFINITY;
  for (const scope of parsed.model.scopes) {
    const owner = scope.owner;
    if (!owner) continue;
    const end = owner.rbrace ?? owner.end;
    if (owner.lbrace < offset && offset <= end && end - owner.lbrace < bestSize) {
      best = scope;
      bestSize = end - owner.lbrace;
    }
  }
  return best;
}

/** The innermost block whose braces contain `offset`. */
export function blockBodyAt(parsed: ParsedDocument, offset: number): Block | undefined {
  let best: Block | undefined;
  for (const block of parsed.model.blocks.keys()) {
    const end = block.rbrace ?? block.end;
    if (block.lbrace < offset && offset <= end) {
      if (!best || block.lbrace > best.lbrace) best = block;
    }
  }
  return best;
}
