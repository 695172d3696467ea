import { identityConfig } from './line-map.js';
import { recordSource } from './source-info.js';
import type { Extraction, HostProblem, OffsetRange, TemplateFlavor } from './types.js';

/** The template tags of a text, and the tags opened but never closed. */
export interface TemplateTags {
  readonly tags: OffsetRange[];
  readonly unclosed: OffsetRange[];
}

/**
 * Remembers, per searched string, an offset after which it does not occur, so that many openers
 * without a closer (or quotes without their pair) cost one scan to the end, not one each.
 */
class AbsenceMemo {
  private readonly absentFrom = new Map<string, number>();
  constructor(private readonly text: string) {}

  known(what: string, from: number): boolean {
    return (this.absentFrom.get(what) ?? Infinity) <= from;
  }

  learn(what: string, from: number): void {
    this.absentFrom.set(what, Math.min(from, this.absentFrom.get(what) ?? Infinity));
  }

  indexOf(what: string, from: number): number {
    if (this.known(what, from)) return -1;
    const index = this.text.indexOf(what, from);
    if (index === -1) this.learn(what, from);
    return index;
  }
}

/** The end of the quoted string starting at `start` (after its closing quote), or -1. Only backtick strings span lines. */
function endOfQuoted(text: string, start: number, memo: AbsenceMemo): number {
  const quote = text[start]!;
  if (memo.known(quote, start + 1)) return -1;
  for (let at = start + 1; at < text.length; at++) {
    const character = text[at];
    if (character === quote) return at + 1;
    if (character === '\\' && quote !== '`') at++;
    else if (character === '\n' && quote !== '`') return -1;
  }
  memo.learn(quote, start + 1);
  return -1;
}

interface TagSyntax {
  readonly closer: string;
  /** Quote characters that open strings inside the tag. */
  readonly quotes: string;
  /** Whether braces opened inside the tag must close before `closer` counts (Jinja, Terraform). */
  readonly balanceBraces: boolean;
  /** Where the next tag would open: a tag does not hold one outside its strings. */
  readonly opener: RegExp;
}

const goAction: TagSyntax = { closer: '}}', quotes: '"\'`', balanceBraces: false, opener: /\{\{/y };
const jinjaExpression: TagSyntax = { closer: '}}', quotes: '"\'', balanceBraces: true, opener: /\{[{%#]/y };
const jinjaStatement: TagSyntax = { ...jinjaExpression, closer: '%}' };
const terraformTemplate: TagSyntax = { closer: '}', quotes: '"', balanceBraces: true, opener: /[$%]\{/y };

/**
 * The end of a tag's body: the offset after `closer`, found outside quoted strings (and, when
 * `balanceBraces`, outside braces opened in the tag). Falls back to the first `closer` when a
 * stray quote or brace leaves none before the next tag opens: the template engine would then fail
 * anyway, the tag stays short, and no text is scanned twice over.
 */
function endOfTag(text: string, bodyStart: number, syntax: TagSyntax, memo: AbsenceMemo): number {
  const { closer, quotes, balanceBraces } = syntax;
  if (memo.known(closer, bodyStart)) return -1;
  let depth = 0;
  const opener = syntax.opener;
  for (let at = bodyStart; at < text.length; at++) {
    const character = text[at]!;
    if (depth === 0 && text.startsWith(closer, at)) return at + closer.length;
    opener.lastIndex = at;
    if (opener.test(text)) break;
    if (quotes.includes(character)) {
      const end = endOfQuoted(text, at, memo);
      if (end === -1) break;
      at = end - 1;
    } else if (balanceBraces && character === '{') depth++;
    else if (balanceBraces && character === '}' && depth > 0) depth--;
  }
  const plain = memo.indexOf(closer, bodyStart);
  return plain === -1 ? -1 : plain + closer.length;
}

function goTagEnd(text: string, start: number, memo: AbsenceMemo): number {
  // A comment action, `{{/* … */}}` or `{{- /* … */ -}}`, may hold anything, quotes included.
  const comment = /^\{\{(?:-[ \t\r\n]+)?\/\*/.exec(text.slice(start, start + 8));
  if (comment !== null) {
    const bodyStart = start + comment[0].length;
    if (memo.known('*/}}', bodyStart)) return -1;
    const closer = /\*\/(?:[ \t\r\n]+-)?\}\}/g;
    closer.lastIndex = bodyStart;
    const match = closer.exec(text);
    if (match === null) memo.learn('*/}}', bodyStart);
    return match === null ? -1 : match.index + match[0].length;
  }
  return endOfTag(text, start + 2, goAction, memo);
}

const jinjaRawStart = /^\{%[-+]?\s*raw\s*[-+]?%\}$/;
const jinjaRawEnd = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;

/** Finds the template tags of `text` for `flavor`. */
export function findTemplateTags(text: string, flavor: TemplateFlavor): TemplateTags {
  const tags: OffsetRange[] = [];
  const unclosed: OffsetRange[] = [];
  const memo = new AbsenceMemo(text);
  let at = 0;
  while (at < text.length) {
    const next = flavor === 'terraform' ? nextTerraformOpener(text, at) : text.indexOf('{', at);
    if (next === -1) break;
    let end = -2;
    if (flavor === 'go') {
      if (text.startsWith('{{', next)) end = goTagEnd(text, next, memo);
    } else if (flavor === 'jinja') {
      const second = text[next + 1];
      if (second === '{') end = endOfTag(text, next + 2, jinjaExpression, memo);
      else if (second === '%') end = endOfTag(text, next + 2, jinjaStatement, memo);
      else if (second === '#') {
        const close = memo.indexOf('#}', next + 2);
        end = close === -1 ? -1 : close + 2;
      }
    } else if (text[next] === text[next + 1]) {
      at = next + 3; // `$${` and `%%{` are escapes: literal `${` and `%{`
      continue;
    } else {
      end = endOfTag(text, next + 2, terraformTemplate, memo);
    }
    if (end === -2) {
      at = next + 1;
      continue;
    }
    if (end === -1) {
      unclosed.push({ start: next, end: Math.min(next + 2, text.length) });
      at = next + 2;
      continue;
    }
    tags.push({ start: next, end });
    at = end;
    if (flavor === 'jinja' && jinjaRawStart.test(text.slice(next, end))) {
      // `{% raw %}…{% endraw %}` is literal text: no tags inside.
      jinjaRawEnd.lastIndex = end;
      const rawEnd = jinjaRawEnd.exec(text);
      if (rawEnd !== null) {
        tags.push({ start: rawEnd.index, end: rawEnd.index + rawEnd[0].length });
        at = rawEnd.index + rawEnd[0].length;
      }
    }
  }
  return { tags, unclosed };
}

const terraformOpener = /\$\$\{|%%\{|\$\{|%\{/g;

/** The next `${`, `%{` or escape (`$${`, `%%{`) at or after `from`, or -1. */
function nextTerraformOpener(text: string, from: number): number {
  terraformOpener.lastIndex = from;
  return terraformOpener.exec(text)?.index ?? -1;
}

type AlloyContext = 'code' | 'literal';

/**
 * Where each tag stands in the Alloy text around it: in code, or inside a string literal or a
 * comment. The tags are skipped as units, so quotes inside a tag do not open Alloy strings.
 */
function tagContexts(text: string, tags: readonly OffsetRange[]): AlloyContext[] {
  const contexts: AlloyContext[] = [];
  let state: 'code' | 'string' | 'raw' | 'line-comment' | 'block-comment' = 'code';
  let tagIndex = 0;
  let at = 0;
  while (at < text.length) {
    const tag = tags[tagIndex];
    if (tag !== undefined && tag.start <= at) {
      contexts.push(state === 'code' ? 'code' : 'literal');
      at = Math.max(at, tag.end);
      tagIndex++;
      continue;
    }
    const character = text[at];
    switch (state) {
      case 'code':
        if (character === '"') state = 'string';
        else if (character === '`') state = 'raw';
        else if (character === '/' && text[at + 1] === '/') {
          state = 'line-comment';
          at++;
        } else if (character === '/' && text[at + 1] === '*') {
          state = 'block-comment';
          at++;
        }
        break;
      case 'string':
        if (character === '\\' && !(tags[tagIndex]?.start === at + 1)) at++;
        else if (character === '"' || character === '\n') state = 'code';
        break;
      case 'raw':
        if (character === '`') state = 'code';
        break;
      case 'line-comment':
        if (character === '\n') state = 'code';
        break;
      case 'block-comment':
        if (character === '*' && text[at + 1] === '/') {
          state = 'code';
          at++;
        }
        break;
    }
    at++;
  }
  while (contexts.length < tags.length) contexts.push(state === 'code' ? 'code' : 'literal');
  return contexts;
}

const isLineBreak = (character: string | undefined): boolean => character === '\n' || character === '\r';
const isSpace = (character: string | undefined): boolean => character === ' ' || character === '\t' || character === '\r';

/**
 * Which tags stand alone: in code, with only whitespace and other such tags on their lines. Each
 * side is decided once per tag, reusing the neighbour's answer, so a line of many tags stays linear.
 */
function aloneTags(text: string, tags: readonly OffsetRange[], contexts: readonly AlloyContext[]): boolean[] {
  const count = tags.length;
  const clearBefore: boolean[] = new Array<boolean>(count);
  for (let index = 0; index < count; index++) {
    let at = tags[index]!.start - 1;
    let clear = true;
    while (at >= 0 && text[at] !== '\n') {
      if (index > 0 && tags[index - 1]!.end - 1 === at) {
        clear = contexts[index - 1] === 'code' && clearBefore[index - 1]!;
        break;
      }
      if (!isSpace(text[at])) {
        clear = false;
        break;
      }
      at--;
    }
    clearBefore[index] = clear;
  }
  const clearAfter: boolean[] = new Array<boolean>(count);
  for (let index = count - 1; index >= 0; index--) {
    let at = tags[index]!.end;
    let clear = true;
    while (at < text.length && text[at] !== '\n') {
      if (index + 1 < count && tags[index + 1]!.start === at) {
        clear = contexts[index + 1] === 'code' && clearAfter[index + 1]!;
        break;
      }
      if (!isSpace(text[at])) {
        clear = false;
        break;
      }
      at++;
    }
    clearAfter[index] = clear;
  }
  return tags.map((_, index) => contexts[index] === 'code' && clearBefore[index]! && clearAfter[index]!);
}

/** Every character `x`, line breaks kept. */
function crossOut(tagText: string): string[] {
  return Array.from(tagText, (character) => (isLineBreak(character) ? character : 'x'));
}

function maskTag(tagText: string, context: AlloyContext, alone: boolean): string {
  const length = tagText.length;
  if (context === 'literal') return 'x'.repeat(length);
  const breakAt = (index: number): boolean => isLineBreak(tagText[index]);
  if (alone) {
    // A tag on a line of its own stands for statements (a block, an `if`): a comment.
    if (length < 4 || breakAt(0) || breakAt(1) || breakAt(length - 2) || breakAt(length - 1)) {
      return Array.from(tagText, (character) => (isLineBreak(character) ? character : ' ')).join('');
    }
    const masked = crossOut(tagText);
    masked[0] = '/';
    masked[1] = '*';
    masked[length - 2] = '*';
    masked[length - 1] = '/';
    return masked.join('');
  }
  const hasLineBreak = /[\r\n]/.test(tagText);
  if (!hasLineBreak) return '_'.repeat(length);
  // A value spanning lines: an identifier and a comment that keeps the line breaks.
  const masked = crossOut(tagText);
  if (length >= 5 && ![0, 1, 2, length - 2, length - 1].some(breakAt)) {
    masked[0] = '_';
    masked[1] = '/';
    masked[2] = '*';
    masked[length - 2] = '*';
    masked[length - 1] = '/';
    return masked.join('');
  }
  if (length >= 5 && ![0, 1, length - 3, length - 2, length - 1].some(breakAt)) {
    masked[0] = '/';
    masked[1] = '*';
    masked[length - 3] = '*';
    masked[length - 2] = '/';
    masked[length - 1] = '_';
    return masked.join('');
  }
  return '_'.repeat(length);
}

/** Masking with the tags that were never closed, for callers that report them. */
export function maskWithProblems(
  alloyText: string,
  flavor: TemplateFlavor,
): { text: string; placeholders: OffsetRange[]; unclosed: OffsetRange[] } {
  const { tags, unclosed } = findTemplateTags(alloyText, flavor);
  if (tags.length === 0) return { text: alloyText, placeholders: [], unclosed };
  const contexts = tagContexts(alloyText, tags);
  const alone = aloneTags(alloyText, tags, contexts);
  let text = '';
  let copied = 0;
  tags.forEach((tag, index) => {
    text += alloyText.slice(copied, tag.start);
    text += maskTag(alloyText.slice(tag.start, tag.end), contexts[index]!, alone[index]!);
    copied = tag.end;
  });
  text += alloyText.slice(copied);
  return { text, placeholders: tags, unclosed };
}

/**
 * Replaces every template tag of `alloyText` by Alloy of the same length, so that the text around
 * the tags is checked and nothing inside them: `x`s inside a string or comment, a block comment
 * for a tag alone on its line, underscores (an identifier) elsewhere. Returns the tag ranges.
 */
export function maskTemplatePlaceholders(alloyText: string, flavor: TemplateFlavor): { text: string; placeholders: OffsetRange[] } {
  const { text, placeholders } = maskWithProblems(alloyText, flavor);
  return { text, placeholders };
}

export function unclosedTagProblem(range: OffsetRange, severity: 'error' | 'warning'): HostProblem {
  return {
    code: 'alloy-lint/unclosed-template-tag',
    severity,
    message: 'template tag opened here is never closed; the text after it is checked as Alloy',
    range,
  };
}

/** `extractFromTemplate` without the guard against exceptions. */
export function readTemplate(text: string, flavor: TemplateFlavor): Extraction {
  const masked = maskWithProblems(text, flavor);
  // A tag that never closes is a file we do not understand: it is not rewritten.
  const config = identityConfig({ label: 'template', text: masked.text, placeholders: masked.placeholders, rewritable: masked.unclosed.length === 0 });
  if (masked.placeholders.length > 0) recordSource(config, { source: text, flavor });
  return {
    kind: 'template',
    configs: [config],
    problems: masked.unclosed.map((range) => unclosedTagProblem(range, 'error')),
    hostIsValid: true,
  };
}
