import type { SignatureHelp, SignatureHelpParams, SignatureInformation } from 'vscode-languageserver/node';
import { getFunction } from '../toolkit.js';
import { cursorContext } from '../analysis/cursorContext.js';
import type { LanguageContext } from './languageContext.js';

interface OpenCall {
  callee: string;
  activeParameter: number;
}

/** Parameter hints while writing the arguments of a standard-library call. */
export class SignatureHelpProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: SignatureHelpParams): SignatureHelp | null {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return null;
    const text = parsed.document.getText();
    const offset = parsed.document.offsetAt(params.position);
    const blocks = cursorContext(text, offset).blocks;
    const from = blocks.length > 0 ? blocks[blocks.length - 1]!.openOffset + 1 : 0;
    const call = innermostOpenCall(text, from, offset);
    if (!call) return null;
    const fn = getFunction(call.callee);
    if (!fn) return null;
    const parameters = fn.parameters.map((parameter) => ({
      label: `${parameter.variadic ? '...' : ''}${parameter.name}`,
      documentation: parameter.typeText,
    }));
    const signature: SignatureInformation = {
      label: fn.signature,
      documentation: fn.deprecatedReplacement ? `Deprecated: use ${fn.deprecatedReplacement}.` : `Standard library function (${fn.stability}).`,
      parameters,
    };
    const lastIndex = parameters.length - 1;
    const variadic = fn.parameters[lastIndex]?.variadic === true;
    const activeParameter = variadic ? Math.min(call.activeParameter, lastIndex) : call.activeParameter;
    return { signatures: [signature], activeSignature: 0, activeParameter };
  }
}

/** Scans `text[from, to)` and returns the innermost call still open at `to`. */
function innermostOpenCall(text: string, from: number, to: number): OpenCall | undefined {
  const stack: (OpenCall | null)[] = [];
  let index = from;
  while (index < to) {
    const character = text[index]!;
    if (character === '"') {
      index++;
      while (index < to && text[index] !== '"' && text[index] !== '\n') index += text[index] === '\\' ? 2 : 1;
      index++;
      continue;
    }
    if (character === '`') {
      const close = text.indexOf('`', index + 1);
      if (close === -1 || close >= to) return undefined;
      index = close + 1;
      continue;
    }
    if (character === '/' && text[index + 1] === '/') {
      const newline = text.indexOf('\n', index);
      if (newline === -1 || newline >= to) return undefined;
      index = newline;
      continue;
    }
    if (character === '/' && text[index + 1] === '*') {
      const close = text.indexOf('*/', index + 2);
      if (close === -1 || close >= to) return undefined;
      index = close + 2;
      continue;
    }
    if (character === '(') {
      const callee = /([A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*)\s*$/.exec(text.slice(Math.max(from, index - 200), index));
      stack.push(callee ? { callee: callee[1]!.replace(/\s+/g, ''), activeParameter: 0 } : null);
    } else if (character === '[' || character === '{') {
      stack.push(null);
    } else if (character === ')' || character === ']' || character === '}') {
      stack.pop();
    } else if (character === ',') {
      const top = stack[stack.length - 1];
      if (top) top.activeParameter++;
    }
    index++;
  }
  const top = stack[stack.length - 1];
  return top ?? undefined;
}
