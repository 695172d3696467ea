import type { Comment, Diagnostic, LineIndexLike, Range } from './engine.js';

export const UNUSED_SUPPRESSION_CODE = 'alloy-lint/unused-suppression';
export const DIRECTIVE_MARKER = 'alloy-lint-disable';

export type DirectiveKind = 'file' | 'line' | 'next-line';

/** One `alloy-lint-disable*` comment. */
export interface SuppressionDirective {
  kind: DirectiveKind;
  /** The rule codes named; empty means every rule. */
  codes: string[];
  range: Range;
  /** The line whose problems are suppressed (`line`/`next-line` only). */
  targetLine?: number;
}

const directivePattern = /^alloy-lint-disable(-next-line|-line)?(?=\s|$)\s*([\s\S]*)$/;

function commentBody(comment: Comment): string {
  const text = comment.text;
  if (comment.kind === 'line') return text.replace(/^\/\//, '').trim();
  return text.replace(/^\/\*/, '').replace(/\*\/$/, '').trim();
}

/** The suppression directives among a file's comments (`lines`: the lines of the parse result the comments come from). */
export function parseDirectives(comments: readonly Comment[], lines: LineIndexLike): SuppressionDirective[] {
  const directives: SuppressionDirective[] = [];
  for (const comment of comments) {
    if (!comment.text.includes(DIRECTIVE_MARKER)) continue;
    const match = directivePattern.exec(commentBody(comment));
    if (!match) continue;
    const suffix = match[1];
    const codeList = (match[2] ?? '').split(/\s--\s|^--\s|^--$/)[0] ?? '';
    const codes = codeList
      .split(/[,\s]+/)
      .map((code) => code.trim())
      .filter((code) => code !== '');
    const range = lines.range(comment.start, comment.end);
    if (suffix === '-next-line') {
      directives.push({ kind: 'next-line', codes, range, targetLine: range.end.line + 1 });
    } else if (suffix === '-line') {
      directives.push({ kind: 'line', codes, range, targetLine: range.start.line });
    } else {
      directives.push({ kind: 'file', codes, range });
    }
  }
  return directives;
}

function covers(directive: SuppressionDirective, diagnostic: Diagnostic): boolean {
  if (directive.kind !== 'file' && diagnostic.range.start.line !== directive.targetLine) return false;
  return directive.codes.length === 0 || directive.codes.includes(diagnostic.code);
}

function directiveName(kind: DirectiveKind): string {
  return kind === 'file' ? DIRECTIVE_MARKER : `${DIRECTIVE_MARKER}-${kind}`;
}

export interface SuppressionOutcome {
  /** The diagnostics no directive covers. */
  kept: Diagnostic[];
  /** How many diagnostics were suppressed. */
  suppressedCount: number;
  /** One warning per directive, or per code of a directive, that suppressed nothing. */
  unused: Diagnostic[];
}

/**
 * Removes the diagnostics that directives cover and reports the directives
 * (or the codes in them) that covered nothing. Problems about suppression
 * itself are never suppressed.
 */
export function applySuppressions(
  diagnostics: readonly Diagnostic[],
  directives: readonly SuppressionDirective[],
): SuppressionOutcome {
  if (directives.length === 0) return { kept: [...diagnostics], suppressedCount: 0, unused: [] };
  const usedCodes = directives.map(() => new Set<string>());
  const kept: Diagnostic[] = [];
  let suppressedCount = 0;
  for (const diagnostic of diagnostics) {
    let suppressed = false;
    directives.forEach((directive, index) => {
      if (diagnostic.code !== UNUSED_SUPPRESSION_CODE && covers(directive, diagnostic)) {
        usedCodes[index]!.add(diagnostic.code);
        suppressed = true;
      }
    });
    if (suppressed) suppressedCount += 1;
    else kept.push(diagnostic);
  }
  const unused: Diagnostic[] = [];
  directives.forEach((directive, index) => {
    const used = usedCodes[index]!;
    const name = directiveName(directive.kind);
    if (directive.codes.length === 0) {
      if (used.size === 0) {
        unused.push({
          code: UNUSED_SUPPRESSION_CODE,
          severity: 'warning',
          message: `unused ${name} directive (no problems were reported)`,
          range: directive.range,
        });
      }
      return;
    }
    for (const code of directive.codes) {
      if (used.has(code)) continue;
      unused.push({
        code: UNUSED_SUPPRESSION_CODE,
        severity: 'warning',
        message: `unused ${name} directive (no problems were reported from '${code}')`,
        range: directive.range,
      });
    }
  });
  return { kept, suppressedCount, unused };
}
