import { extractEmbedded } from './extract.js';
import { hostKindOf } from './kinds.js';
import { rewriteInfoOf } from './rewrite-info.js';
import { sourceInfoOf, sourceOf } from './source-info.js';
import { maskWithProblems } from './template.js';
import type { EmbeddedConfig, Extraction, ExtractOptions, OffsetRange, Replacement } from './types.js';

export type ReplaceOutcome = { ok: true; text: string } | { ok: false; reason: string };

interface PlannedEdit {
  readonly range: OffsetRange;
  readonly insert: string;
  /** Index of the configuration in the host's extraction. */
  readonly configIndex: number;
  /** The text that configuration must have after the edit. */
  readonly expectedText: string;
}

const refuse = (reason: string): ReplaceOutcome => ({ ok: false, reason });

function sameConfig(a: EmbeddedConfig, b: EmbeddedConfig): boolean {
  return a.label === b.label && a.text === b.text && a.hostRange.start === b.hostRange.start && a.hostRange.end === b.hostRange.end;
}

function firstProblemOf(extraction: Extraction): string {
  const problem = extraction.problems.find((candidate) => candidate.severity === 'error') ?? extraction.problems[0];
  return problem === undefined ? '' : ` (${problem.message})`;
}

/** Plans the edit of one configuration, or says why it cannot be made. */
function planEdit(
  hostText: string,
  config: EmbeddedConfig,
  configIndex: number,
  newText: string,
  kind: 'yaml' | 'markdown',
): PlannedEdit | string {
  const info = rewriteInfoOf(config);
  if (info === undefined || info.lines.length === 0) return `${config.label} cannot be rewritten`;
  const normalized = newText.replace(/\r\n/g, '\n');
  const body = normalized.endsWith('\n') ? normalized.slice(0, -1) : normalized;
  const newLines = body.split('\n');
  const isBlankLine = (line: string): boolean => /^[ \t]*$/.test(line);
  const firstContent = newLines.find((line) => !isBlankLine(line));
  if (firstContent === undefined) return `the new text of ${config.label} is empty; a block without content would not hold Alloy any more`;
  if (isBlankLine(newLines[newLines.length - 1]!)) {
    return `the new text of ${config.label} ends with blank lines, which would become part of the block's chomping`;
  }
  if (kind === 'yaml' && !info.explicitIndentation && firstContent.startsWith(' ')) {
    return `the new text of ${config.label} starts with a space, which would change the block scalar's detected indentation; add an indentation indicator (|2) or remove the space`;
  }
  const oldLines = info.lines;
  const firstLine = oldLines[0]!;
  const lastLine = oldLines[oldLines.length - 1]!;
  const lineBreak = hostText.charCodeAt(firstLine.contentEnd) === 13 ? '\r\n' : '\n';
  const indentation = ' '.repeat(info.indentation);
  // Lines equal at the start and at the end keep their host bytes (a Markdown line indented less
  // than its fence, a blank line's spaces), so that an unchanged text gives the host back.
  const oldText = (index: number): string => hostText.slice(oldLines[index]!.contentStart, oldLines[index]!.contentEnd);
  let same = 0;
  while (same < newLines.length && same < oldLines.length && newLines[same] === oldText(same)) same++;
  let sameAtEnd = 0;
  while (
    sameAtEnd < newLines.length - same &&
    sameAtEnd < oldLines.length - same &&
    newLines[newLines.length - 1 - sameAtEnd] === oldText(oldLines.length - 1 - sameAtEnd)
  ) {
    sameAtEnd++;
  }
  const hostLineOf = (newIndex: number): number | undefined => {
    if (newIndex < same) return newIndex;
    if (newIndex >= newLines.length - sameAtEnd) return newIndex - newLines.length + oldLines.length;
    return undefined;
  };
  let insert = '';
  newLines.forEach((line, index) => {
    const hostLine = hostLineOf(index);
    if (index > 0) {
      const previous = hostLineOf(index - 1);
      const keptBreak = previous !== undefined && hostLine === previous + 1;
      insert += keptBreak ? hostText.slice(oldLines[previous]!.contentEnd, oldLines[previous]!.breakEnd) : lineBreak;
    }
    if (hostLine !== undefined) insert += hostText.slice(oldLines[hostLine]!.lineStart, oldLines[hostLine]!.contentEnd);
    else if (line !== '') insert += indentation + line;
  });
  // Content ending the host without a line break has no final newline in its text either.
  const endsWithBreak = lastLine.breakEnd > lastLine.contentEnd;
  return {
    range: { start: firstLine.lineStart, end: lastLine.contentEnd },
    insert,
    configIndex,
    expectedText: endsWithBreak ? `${body}\n` : body,
  };
}

/**
 * Replaces the text of embedded configurations in their host, re-indented as the host needs and
 * changing no other byte. Refuses when the host is invalid, a configuration is not rewritable or
 * no longer in the host, or the result would not read back as exactly the new texts.
 */
export function replaceEmbedded(
  hostText: string,
  fileName: string,
  replacements: readonly Replacement[],
  options: ExtractOptions = {},
): ReplaceOutcome {
  try {
    return replaceChecked(hostText, fileName, replacements, options);
  } catch (error) {
    return refuse(`the file could not be rewritten: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function replaceChecked(hostText: string, fileName: string, replacements: readonly Replacement[], options: ExtractOptions): ReplaceOutcome {
  const kind = hostKindOf(fileName);
  if (replacements.length === 0) return { ok: true, text: hostText };
  if (kind === 'alloy') {
    if (replacements.length > 1) return refuse('an Alloy file is one configuration; give one replacement');
    return { ok: true, text: replacements[0]!.newText };
  }
  const extraction = extractEmbedded(fileName, hostText, options);
  if (!extraction.hostIsValid) return refuse(`the host file is not valid${firstProblemOf(extraction)}; it is never rewritten`);

  const edits: PlannedEdit[] = [];
  for (const replacement of replacements) {
    const configIndex = extraction.configs.findIndex((config) => sameConfig(config, replacement.config));
    const current = extraction.configs[configIndex];
    if (current === undefined) return refuse(`${replacement.config.label} is not in this host text any more; extract it again`);
    if (edits.some((edit) => edit.configIndex === configIndex)) return refuse(`${current.label} is replaced twice`);
    if (!current.rewritable) return refuse(`${current.label} cannot be rewritten safely (a template tag in it is never closed)`);
    const tagsProblem = keepsPlaceholders(current, replacement.newText);
    if (tagsProblem !== undefined) return refuse(tagsProblem);
    if (kind === 'template') {
      edits.push({
        range: { start: 0, end: hostText.length },
        insert: replacement.newText,
        configIndex,
        expectedText: replacement.newText,
      });
      continue;
    }
    const planned = planEdit(hostText, current, configIndex, replacement.newText, kind);
    if (typeof planned === 'string') return refuse(planned);
    edits.push(planned);
  }

  edits.sort((a, b) => a.range.start - b.range.start);
  let text = '';
  let copied = 0;
  for (const edit of edits) {
    if (edit.range.start < copied) return refuse('two replacements overlap');
    text += hostText.slice(copied, edit.range.start) + edit.insert;
    copied = edit.range.end;
  }
  text += hostText.slice(copied);

  const problem = verify(hostText, text, fileName, options, extraction, edits);
  return problem === undefined ? { ok: true, text } : refuse(problem);
}

/**
 * Why `newText` cannot replace a configuration with template placeholders, if it cannot: it must
 * hold the same tags, byte for byte and in the same order, none left open (what
 * `restorePlaceholders` gives). A masked text, or one whose tags were changed, is refused: the
 * masks would be written into the host, or the template's meaning changed.
 */
function keepsPlaceholders(config: EmbeddedConfig, newText: string): string | undefined {
  if (config.placeholders.length === 0) return undefined;
  const info = sourceInfoOf(config);
  if (info === undefined) return `the template tags of ${config.label} are not known here; extract it again`;
  const tagsOf = (text: string, ranges: readonly OffsetRange[]): string[] => ranges.map((range) => text.slice(range.start, range.end));
  const before = tagsOf(info.source, config.placeholders);
  const normalized = newText.replace(/\r\n/g, '\n');
  const masked = maskWithProblems(normalized, info.flavor);
  const after = tagsOf(normalized, masked.placeholders);
  if (masked.unclosed.length > 0 || after.length !== before.length || after.some((tag, index) => tag !== before[index]!.replace(/\r\n/g, '\n'))) {
    return `the new text of ${config.label} does not keep its template tags as they were (the same tags, byte for byte, in the same order): put them back with restorePlaceholders`;
  }
  return undefined;
}

/** Reads the result back: the replaced configurations hold their new texts, nothing else moved. */
function verify(
  hostText: string,
  text: string,
  fileName: string,
  options: ExtractOptions,
  before: Extraction,
  edits: readonly PlannedEdit[],
): string | undefined {
  const after = extractEmbedded(fileName, text, options);
  if (!after.hostIsValid) return `the result would not be a valid file${firstProblemOf(after)}`;
  if (after.configs.length !== before.configs.length)
    return 'the result would not hold the same configurations (a new text would end its block or fence early)';
  let shift = 0;
  let previousEnd = 0;
  for (const edit of edits) {
    if (text.slice(previousEnd + shift, edit.range.start + shift) !== hostText.slice(previousEnd, edit.range.start)) {
      return 'the result would change the host outside the replaced configurations';
    }
    shift += edit.insert.length - (edit.range.end - edit.range.start);
    previousEnd = edit.range.end;
  }
  if (text.slice(previousEnd + shift) !== hostText.slice(previousEnd))
    return 'the result would change the host outside the replaced configurations';
  for (let index = 0; index < after.configs.length; index++) {
    const was = before.configs[index]!;
    const is = after.configs[index]!;
    const edit = edits.find((candidate) => candidate.configIndex === index);
    // The texts with their template tags: a replaced configuration's new text is that (its masks follow from it).
    const expected = edit === undefined ? sourceOf(was) : edit.expectedText;
    if (is.label !== was.label || sourceOf(is) !== expected || (edit === undefined && is.text !== was.text)) {
      return edit === undefined
        ? `the result would change ${was.label}, which was not replaced`
        : `the new text of ${was.label} would not read back unchanged from the host (it would change the meaning of the block)`;
    }
  }
  return undefined;
}
