import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type DocumentFormattingParams,
  type DocumentRangeFormattingParams,
  type TextEdit,
} from 'vscode-languageserver/node';
import { formatAlloy, formatAlloyRange, type AlloyDiagnostic } from '../toolkit.js';
import { minimalEdit, rangesIntersect, toLspRange } from '../workspace/positions.js';
import type { ParsedDocument } from '../workspace/workspace.js';
import { toLspDiagnostic } from '../workspace/diagnostics.js';
import type { LanguageContext } from './languageContext.js';

/** Formatting with the toolkit's formatter (identical to `alloy fmt`); a file with syntax errors is left alone. */
export class FormattingProvider {
  constructor(private readonly context: LanguageContext) {}

  async formatDocument(params: DocumentFormattingParams): Promise<TextEdit[]> {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return [];
    const text = parsed.document.getText();
    try {
      const formatted = await formatAlloy(text);
      return minimalEdit(parsed.document, text, formatted);
    } catch {
      return [];
    }
  }

  async formatRange(params: DocumentRangeFormattingParams): Promise<TextEdit[]> {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return [];
    const text = parsed.document.getText();
    try {
      const formatted = await formatAlloyRange(text, parsed.document.offsetAt(params.range.start), parsed.document.offsetAt(params.range.end));
      return minimalEdit(parsed.document, text, formatted);
    } catch {
      return [];
    }
  }
}

/** Quick fixes for every diagnostic that carries a fix, and one "fix all". */
export class CodeActionProvider {
  constructor(
    private readonly context: LanguageContext,
    private readonly diagnosticsFor: (parsed: ParsedDocument) => Promise<AlloyDiagnostic[]>,
  ) {}

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    const parsed = this.context.workspace.parsed(params.textDocument.uri);
    if (!parsed) return [];
    const diagnostics = await this.diagnosticsFor(parsed);
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
    const actions: CodeAction[] = [];
    const fixable = diagnostics.filter((diagnostic) => diagnostic.fix && diagnostic.fix.edits.length > 0);
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of fixable) {
        const range = toLspRange(parsed.document, diagnostic.range);
        if (!rangesIntersect(range, params.range)) continue;
        actions.push({
          title: diagnostic.fix!.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [toLspDiagnostic(parsed.document, diagnostic)],
          isPreferred: true,
          edit: { changes: { [parsed.uri]: diagnostic.fix!.edits.map((edit) => ({ range: toLspRange(parsed.document, edit.range), newText: edit.newText })) } },
        });
      }
    }
    if (wants(CodeActionKind.SourceFixAll) && fixable.length > 0) {
      const edits: TextEdit[] = [];
      let lastEnd = -1;
      const allEdits = fixable.flatMap((diagnostic) => diagnostic.fix!.edits).sort((a, b) => a.range.start.offset - b.range.start.offset);
      for (const edit of allEdits) {
        if (edit.range.start.offset < lastEnd) continue;
        lastEnd = Math.max(edit.range.end.offset, edit.range.start.offset + 1);
        edits.push({ range: toLspRange(parsed.document, edit.range), newText: edit.newText });
      }
      actions.push({ title: 'Fix all auto-fixable Alloy problems', kind: `${CodeActionKind.SourceFixAll}.alloy`, edit: { changes: { [parsed.uri]: edits } } });
    }
    return actions;
  }
}
