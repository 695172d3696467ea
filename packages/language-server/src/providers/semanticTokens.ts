import type { SemanticTokens, SemanticTokensLegend, SemanticTokensParams } from 'vscode-languageserver/node';
import { attributeNameSpan, getConstant, getFunction } from '../toolkit.js';
import { resolveSegments } from '../analysis/resolve.js';
import { childNodes, type TreeNode } from '../analysis/syntaxTree.js';
import type { ParsedDocument } from '../workspace/workspace.js';
import type { LanguageContext } from './languageContext.js';

export const tokenTypes = ['namespace', 'class', 'type', 'function', 'property', 'variable', 'string', 'number', 'keyword', 'comment'] as const;
export const tokenModifiers = ['declaration', 'readonly', 'defaultLibrary', 'deprecated'] as const;
export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

type TokenType = (typeof tokenTypes)[number];
type TokenModifier = (typeof tokenModifiers)[number];

interface RawToken {
  start: number;
  end: number;
  type: TokenType;
  modifiers: number;
}

function modifierBits(modifiers: readonly TokenModifier[]): number {
  return modifiers.reduce((bits, modifier) => bits | (1 << tokenModifiers.indexOf(modifier)), 0);
}

/** Semantic highlighting from the syntax tree and the resolved references. */
export class SemanticTokensProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: SemanticTokensParams): SemanticTokens {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return { data: [] };
    return { data: encode(parsed, this.collect(parsed)) };
  }

  private collect(parsed: ParsedDocument): RawToken[] {
    const tokens: RawToken[] = [];
    const push = (start: number, end: number, type: TokenType, modifiers: readonly TokenModifier[] = []): void => {
      if (end > start) tokens.push({ start, end, type, modifiers: modifierBits(modifiers) });
    };
    const traversalStarts = new Map<number, { start: number; end: number; type: TokenType; modifiers: TokenModifier[] }[]>();
    const siblings = this.context.workspace.siblingRoots(parsed);
    for (const reference of parsed.model.references) {
      const segments = reference.traversal.segments;
      const names = segments.map((segment) => segment.name);
      const parts: { start: number; end: number; type: TokenType; modifiers: TokenModifier[] }[] = [];
      const resolution = resolveSegments(names, reference.scope, siblings);
      const fullName = names.join('.');
      segments.forEach((segment, index) => {
        let type: TokenType = 'variable';
        let modifiers: TokenModifier[] = [];
        if (resolution) {
          if (index < resolution.matchedSegments - 1) type = 'namespace';
          else if (index === resolution.matchedSegments - 1) type = 'variable';
          else type = 'property';
        } else if (getFunction(fullName)) {
          type = index === segments.length - 1 ? 'function' : 'namespace';
          modifiers = ['defaultLibrary'];
          if (getFunction(fullName)?.deprecatedReplacement) modifiers.push('deprecated');
        } else if (getConstant(fullName)) {
          type = index === segments.length - 1 ? 'variable' : 'namespace';
          modifiers = ['readonly', 'defaultLibrary'];
        } else if (index > 0) {
          type = 'property';
        }
        parts.push({ start: segment.startOffset, end: segment.endOffset, type, modifiers });
      });
      traversalStarts.set(reference.traversal.expression.start, parts);
    }
    const visit = (node: TreeNode): void => {
      switch (node.type) {
        case 'Block': {
          const role = parsed.model.blocks.get(node)?.role;
          const nested = role?.kind === 'nested';
          node.name.forEach((identifier, index) => {
            const last = index === node.name.length - 1;
            push(identifier.start, identifier.end, nested ? 'type' : last ? 'class' : 'namespace');
          });
          if (node.label) push(node.label.start, node.label.end, 'string', ['declaration']);
          for (const statement of node.body) visit(statement);
          return;
        }
        case 'Attribute': {
          const name = attributeNameSpan(node);
          push(name.start, name.end, 'property');
          visit(node.value);
          return;
        }
        case 'ObjectField':
          push(node.key.start, node.key.end, node.key.quoted ? 'string' : 'property');
          visit(node.value);
          return;
        case 'Literal':
          push(node.start, node.end, node.kind === 'string' ? 'string' : node.kind === 'number' || node.kind === 'float' ? 'number' : 'keyword');
          return;
        case 'Access':
        case 'IdentifierExpr': {
          const parts = traversalStarts.get(node.start);
          if (parts && parts[parts.length - 1]!.end === node.end) {
            for (const part of parts) push(part.start, part.end, part.type, part.modifiers);
            return;
          }
          break;
        }
        default:
          break;
      }
      for (const child of childNodes(node)) visit(child);
    };
    visit(parsed.parse.file);
    for (const comment of parsed.parse.comments) push(comment.start, comment.end, 'comment');
    tokens.sort((a, b) => a.start - b.start);
    return tokens;
  }
}

/** LSP's relative encoding; tokens spanning lines are cut at line ends, overlapping ones dropped. */
function encode(parsed: ParsedDocument, tokens: readonly RawToken[]): number[] {
  const document = parsed.document;
  const text = document.getText();
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  let lastEnd = 0;
  for (const token of tokens) {
    if (token.start < lastEnd) continue;
    lastEnd = token.end;
    let start = token.start;
    while (start < token.end) {
      const newline = text.indexOf('\n', start);
      const pieceEnd = newline === -1 || newline >= token.end ? token.end : newline;
      if (pieceEnd > start) {
        const position = document.positionAt(start);
        const deltaLine = position.line - previousLine;
        const deltaCharacter = deltaLine === 0 ? position.character - previousCharacter : position.character;
        data.push(deltaLine, deltaCharacter, pieceEnd - start, tokenTypes.indexOf(token.type), token.modifiers);
        previousLine = position.line;
        previousCharacter = position.character;
      }
      start = pieceEnd + 1;
    }
  }
  return data;
}
