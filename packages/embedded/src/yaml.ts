import { Composer, isAlias, isCollection, isMap, isPair, isScalar, isSeq, Parser, Scalar, type CST, type Document, type Node } from 'yaml';
import { literalTrimIndent, literalValueUpToContent, restoreBlockScalars, shortenBlockScalars, type ShortenedSource } from './block-scalar.js';
import { DEFAULT_YAML_KEYS, keyPathMatches } from './key-patterns.js';
import { contentLineAt, contentLinesOf, LineTableBuilder, tableMappedConfig, type ContentLine, type LineTable } from './line-map.js';
import { recordRewriteInfo } from './rewrite-info.js';
import { recordSource } from './source-info.js';
import { maskWithProblems, unclosedTagProblem } from './template.js';
import type { EmbeddedConfig, Extraction, ExtractOptions, HostProblem, OffsetRange } from './types.js';

/** A step from a document's root: a mapping key, or the index of a sequence item. */
type PathStep = string | number;

const plainKey = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `alloy.configMap.content`, `data["config.alloy"]`, `configs[2]`; a key at the root is written as it is (`config.alloy`). */
export function formatYamlPath(path: readonly PathStep[]): string {
  let label = '';
  for (const step of path) {
    if (typeof step === 'number') label += `[${step}]`;
    else if (label === '') label = step;
    else if (plainKey.test(step)) label += `.${step}`;
    else label += `[${JSON.stringify(step)}]`;
  }
  return label === '' ? 'document root' : label;
}

const languageComment = /^[ \t]*#[ \t]*language[ \t]*[=:][ \t]*alloy[ \t]*\r?$/i;
/** What every `languageComment` line holds: a text without it has none. */
const languageCommentAnywhere = /#[ \t]*language[ \t]*[=:][ \t]*alloy/i;

/** Answers "is the line before this offset a `# language=alloy` comment?", each line read once. */
class LanguageComments {
  private lineStarts: Int32Array | undefined;
  private readonly answers = new Map<number, boolean>();
  private readonly any: boolean;

  constructor(private readonly text: string) {
    this.any = languageCommentAnywhere.test(text);
  }

  before(offset: number): boolean {
    if (!this.any) return false;
    const starts = (this.lineStarts ??= this.indexLines());
    let first = 0;
    let last = starts.length - 1;
    while (first < last) {
      const middle = (first + last + 1) >>> 1;
      if (starts[middle]! <= offset) first = middle;
      else last = middle - 1;
    }
    if (first === 0) return false;
    let answer = this.answers.get(first);
    if (answer === undefined) {
      answer = languageComment.test(this.text.slice(starts[first - 1], starts[first]! - 1));
      this.answers.set(first, answer);
    }
    return answer;
  }

  private indexLines(): Int32Array {
    const { text } = this;
    let count = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    const starts = new Int32Array(count);
    let index = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[index++] = at + 1;
    return starts;
  }
}

function describeNonText(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (value === null) return 'null';
  if (value instanceof Date) return 'a timestamp';
  return 'a value that is not text';
}

function rangeOf(node: Node | null | undefined, fallback: OffsetRange, shortened?: ReadonlyMap<CST.BlockScalar, ShortenedSource>): OffsetRange {
  const range = node?.range;
  if (range === undefined || range === null) return fallback;
  // A block scalar composed from a shortened source: its range ends that much early.
  const removed = shortened === undefined || shortened.size === 0 ? 0 : (shortened.get(node!.srcToken as CST.BlockScalar)?.removed ?? 0);
  return { start: range[0], end: Math.max(range[0], range[1] + removed) };
}

/** The index after the last character of `value` that is not a space, tab or line break. */
function trimmedLength(value: string): number {
  let end = value.length;
  for (; end > 0; end--) {
    const code = value.charCodeAt(end - 1);
    if (code !== 32 && code !== 9 && code !== 13 && code !== 10) break;
  }
  return end;
}

/** Whether two texts are equal once spaces, tabs and line breaks at their ends are removed. */
function equalTrimmingEnds(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  const length = trimmedLength(a);
  if (trimmedLength(b) !== length) return false;
  return (length === a.length ? a : a.slice(0, length)) === (length === b.length ? b : b.slice(0, length));
}

/** Whether the host text holds only spaces and tabs from `start` to `end`. */
function isBlankRange(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

const indentationPatterns = new Map<number, RegExp>();

/** Up to `indentation` spaces at the start of each line, and each `\r` before a `\n`. */
function indentationPattern(indentation: number): RegExp {
  let pattern = indentationPatterns.get(indentation);
  if (pattern === undefined) {
    pattern = new RegExp(indentation === 0 ? '\\r(?=\\n)' : `(?:^|(?<=\\n)) {1,${indentation}}|\\r(?=\\n)`, 'g');
    indentationPatterns.set(indentation, pattern);
  }
  return pattern;
}

/**
 * The host lines from `start` (a line's start) to `end` (after the last one's line break, or the
 * end of the text), each without up to `indentation` leading spaces.
 */
function readLines(text: string, start: number, end: number, indentation: number): LineTable {
  const indent = ' '.repeat(indentation);
  const table = new LineTableBuilder(Math.ceil((end - start) / 24) + 8);
  for (let lineStart = start; lineStart < end; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    const breakEnd = lineEnd === -1 ? text.length : lineEnd + 1;
    if (lineEnd === -1) lineEnd = text.length;
    else if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd -= 1;
    // Most lines start with the whole indentation: one comparison.
    let contentStart = lineStart + indentation;
    if (contentStart > lineEnd || !text.startsWith(indent, lineStart)) {
      contentStart = lineStart;
      while (contentStart < lineEnd && contentStart - lineStart < indentation && text.charCodeAt(contentStart) === 32) contentStart++;
    }
    table.push(lineStart, contentStart, lineEnd, breakEnd);
    lineStart = breakEnd;
  }
  return table;
}

/**
 * yaml's value of a literal block scalar, for `takeLiteral`'s check; `sameAsYaml` answers whether
 * the lines from `firstLine` de-indented by `indentation` give it (undefined: compare the texts).
 */
interface YamlLiteralValue {
  value(): string | undefined;
  sameAsYaml?(firstLine: number, indentation: number): true | undefined;
}

/** What one document's walk found. */
interface DocumentFindings {
  configs: EmbeddedConfig[];
  problems: HostProblem[];
}

interface Target {
  readonly node: Node | null;
  readonly path: readonly PathStep[];
  /** The key (or sequence item) that made the value a target, for problem ranges. */
  readonly keyRange: OffsetRange;
}

class DocumentExtractor {
  readonly findings: DocumentFindings = { configs: [], problems: [] };
  private readonly extracted = new Set<Node>();
  private readonly pathOfNode = new Map<Node, readonly PathStep[]>();

  constructor(
    private readonly text: string,
    private readonly languageComments: LanguageComments,
    private readonly document: Document.Parsed,
    private readonly labelPrefix: string,
    private readonly patterns: readonly string[],
    private readonly maskPlaceholders: boolean,
    /** False when another document of the stream is invalid: the host is then never rewritten. */
    private readonly hostIsValid: boolean,
    /** Block scalars composed from a shortened source (`shortenBlockScalars`), their sources restored. */
    private readonly shortened: ReadonlyMap<CST.BlockScalar, ShortenedSource>,
  ) {}

  private rangeOf(node: Node | null | undefined, fallback: OffsetRange): OffsetRange {
    return rangeOf(node, fallback, this.shortened);
  }

  run(): DocumentFindings {
    const targets: Target[] = [];
    const aliases: Target[] = [];
    const root = this.document.contents;
    if (root === null) return this.findings;
    // An explicit stack: YAML nesting is as deep as the input makes it.
    const stack: Array<{ node: Node; path: readonly PathStep[]; keys: readonly string[] }> = [{ node: root, path: [], keys: [] }];
    while (stack.length > 0) {
      const { node, path, keys } = stack.pop()!;
      if (isMap(node)) {
        for (const pair of node.items) {
          const keyNode = isScalar(pair.key) ? pair.key : null;
          const keyValue = keyNode?.value;
          const key =
            typeof keyValue === 'string' || typeof keyValue === 'number' || typeof keyValue === 'boolean' ? String(keyValue) : undefined;
          const value = isPair(pair) ? (pair.value as Node | null) : null;
          if (key === undefined) {
            if (value !== null && isCollection(value)) stack.push({ node: value, path: [...path, '?'], keys });
            continue;
          }
          const valuePath = [...path, key];
          const valueKeys = [...keys, key];
          if (value?.anchor !== undefined) this.pathOfNode.set(value, valuePath);
          const keyRange = this.rangeOf(keyNode, { start: 0, end: 0 });
          const matched =
            this.patterns.some((pattern) => keyPathMatches(pattern, valueKeys)) || this.languageComments.before(keyRange.start);
          if (matched) targets.push({ node: value, path: valuePath, keyRange });
          if (value !== null && isCollection(value)) stack.push({ node: value, path: valuePath, keys: valueKeys });
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => {
          const child = item as Node | null;
          if (child === null || typeof child !== 'object') return;
          const itemPath = [...path, index];
          if (child.anchor !== undefined) this.pathOfNode.set(child, itemPath);
          const itemRange = this.rangeOf(child, { start: 0, end: 0 });
          // Before `- key: |` the comment marks the key, which the mapping's walk finds.
          if (isCollection(child)) stack.push({ node: child, path: itemPath, keys });
          else if (this.languageComments.before(itemRange.start)) targets.push({ node: child, path: itemPath, keyRange: itemRange });
        });
      }
    }
    for (const target of targets) {
      if (isAlias(target.node)) aliases.push(target);
      else this.take(target);
    }
    for (const alias of aliases) this.takeAlias(alias);
    return this.findings;
  }

  private label(path: readonly PathStep[]): string {
    return this.labelPrefix + formatYamlPath(path);
  }

  private problem(code: string, severity: HostProblem['severity'], message: string, range: OffsetRange): void {
    this.findings.problems.push({ code, severity, message, range });
  }

  private takeAlias(target: Target): void {
    const alias = target.node;
    if (!isAlias(alias)) return;
    const label = this.label(target.path);
    const range = this.rangeOf(alias, target.keyRange);
    const resolved = alias.resolve(this.document) as Node | undefined;
    this.problem(
      'alloy-lint/embedded-alias',
      'info',
      `${label} is the alias *${alias.source}: its Alloy is checked where the anchor &${alias.source} is defined`,
      range,
    );
    if (resolved === undefined || this.extracted.has(resolved)) return;
    const definedAt = this.pathOfNode.get(resolved) ?? target.path;
    this.take({ node: resolved, path: definedAt, keyRange: this.rangeOf(resolved, range) });
  }

  /** A value that should hold Alloy: extracted when it is a literal block scalar, else a problem. */
  private take(target: Target): void {
    const { node } = target;
    const label = this.label(target.path);
    if (node !== null) this.extracted.add(node);
    if (node === null || (isScalar(node) && node.value === null && node.source === '')) {
      this.problem('alloy-lint/embedded-empty', 'info', `${label} is empty: there is no Alloy to check`, target.keyRange);
      return;
    }
    if (isMap(node) || isSeq(node)) {
      const what = isMap(node) ? 'a mapping' : 'a sequence';
      this.problem(
        'alloy-lint/embedded-not-checked',
        'warning',
        `${label} holds ${what}, not Alloy text; it is not checked`,
        target.keyRange,
      );
      return;
    }
    if (!isScalar(node)) return;
    const range = this.rangeOf(node, target.keyRange);
    if (typeof node.value !== 'string') {
      this.problem('alloy-lint/embedded-not-text', 'error', `${label} holds ${describeNonText(node.value)}, not Alloy text`, range);
      return;
    }
    switch (node.type) {
      case Scalar.BLOCK_LITERAL: {
        const token = node.srcToken as CST.BlockScalar | undefined;
        if (token === undefined || !this.shortened.has(token)) {
          this.takeLiteral(node as Scalar<string>, label, range, { value: () => node.value as string });
          return;
        }
        // A shortened scalar's composed value is its first lines: its value is read from its token.
        const sourceStart = range.end - token.source.length;
        this.takeLiteral(node as Scalar<string>, label, range, {
          value: () => literalValueUpToContent(token),
          sameAsYaml: (firstLine, indentation) =>
            firstLine === sourceStart && literalTrimIndent(token) === indentation ? true : undefined,
        });
        return;
      }
      case Scalar.BLOCK_FOLDED:
        this.problem(
          'alloy-lint/embedded-not-checked',
          'warning',
          `folded block scalar (>) under ${label} is not checked: folding changes newlines; use a literal block scalar (|)`,
          { start: range.start, end: this.headerEnd(range.start) },
        );
        return;
      default: {
        if (node.value === '') {
          this.problem('alloy-lint/embedded-empty', 'info', `${label} is empty: there is no Alloy to check`, range);
          return;
        }
        const style =
          node.type === Scalar.QUOTE_DOUBLE
            ? 'double-quoted scalar'
            : node.type === Scalar.QUOTE_SINGLE
              ? 'single-quoted scalar'
              : 'plain scalar';
        this.problem(
          'alloy-lint/embedded-not-checked',
          'warning',
          `${style} under ${label} is not checked: write it as a literal block scalar (|) to have it checked`,
          range,
        );
      }
    }
  }

  /** The end of a block scalar header (`|2-`, `>`): the indicator characters after `start`. */
  private headerEnd(start: number): number {
    let end = start + 1;
    while (end < this.text.length && /[0-9+-]/.test(this.text[end]!)) end++;
    return end;
  }

  /**
   * The content lines of a literal block scalar, de-indented, mapped line by line. `yamlValue` is
   * the scalar's value as yaml reads it, compared with the text the lines give; `sameAsYaml`, when
   * given, answers that comparison from the indentation alone.
   */
  private takeLiteral(node: Scalar<string>, label: string, range: OffsetRange, yamlValue: YamlLiteralValue): void {
    const { text } = this;
    const headerStart = range.start;
    const headerEnd = this.headerEnd(headerStart);
    const notMapped = (): void =>
      this.problem(
        'alloy-lint/embedded-not-checked',
        'warning',
        `the literal block scalar under ${label} could not be mapped to exact positions; it is not checked`,
        { start: headerStart, end: headerEnd },
      );
    if (text[headerStart] !== '|') return notMapped();
    const header = text.slice(headerStart + 1, headerEnd);
    const indicator = Number(/[1-9]/.exec(header)?.[0] ?? '0');
    const headerLineEnd = text.indexOf('\n', headerStart);
    const contentEnd = range.end;
    const firstLine = headerLineEnd + 1;
    // The first line holding more than spaces and tabs gives the indentation.
    let firstContent = -1;
    for (let lineStart = firstLine; headerLineEnd !== -1 && lineStart < contentEnd; ) {
      const { contentEnd: lineEnd, breakEnd } = contentLineAt(text, lineStart, 0);
      if (!isBlankRange(text, lineStart, lineEnd)) {
        firstContent = lineStart;
        break;
      }
      if (breakEnd === lineEnd) break;
      lineStart = breakEnd;
    }
    if (firstContent === -1) {
      this.problem('alloy-lint/embedded-empty', 'info', `${label} is empty: there is no Alloy to check`, {
        start: headerStart,
        end: headerEnd,
      });
      return;
    }
    let indentation: number;
    if (indicator > 0) {
      const parentIndent = (node.srcToken as { indent?: unknown } | undefined)?.indent;
      if (typeof parentIndent !== 'number') return notMapped();
      indentation = parentIndent + indicator;
    } else {
      indentation = 0;
      while (text.charCodeAt(firstContent + indentation) === 32) indentation++;
    }
    // The last line holding more than spaces and tabs ends the configuration, found from the end.
    const lineStartBefore = (offset: number): number => Math.max(firstLine, text.lastIndexOf('\n', offset - 2) + 1);
    let lastBreakEnd = -1;
    for (let lineStart = lineStartBefore(contentEnd); lastBreakEnd === -1; lineStart = lineStartBefore(lineStart)) {
      const { contentEnd: lineEnd, breakEnd } = contentLineAt(text, lineStart, 0);
      if (!isBlankRange(text, lineStart, lineEnd)) lastBreakEnd = breakEnd;
    }
    // The lines with their indentation removed and `\r\n` read as `\n`, in one replacement; the
    // offsets of each line (for mapping and rewriting) are read when first asked for.
    const embeddedText = text.slice(firstLine, lastBreakEnd).replace(indentationPattern(indentation), '');
    let table: LineTable | undefined;
    const lineTable = (): LineTable => (table ??= readLines(text, firstLine, lastBreakEnd, indentation));
    // yaml resolved the same scalar: a different value means our line arithmetic missed something.
    if (!(yamlValue.sameAsYaml?.(firstLine, indentation) ?? equalTrimmingEnds(embeddedText, yamlValue.value()))) return notMapped();
    const masked = this.maskPlaceholders ? maskWithProblems(embeddedText, 'go') : { text: embeddedText, placeholders: [], unclosed: [] };
    const rewritable = this.hostIsValid && masked.unclosed.length === 0;
    const hostRange = { start: firstLine, end: lastBreakEnd };
    const config = tableMappedConfig({ label, hostRange, table: lineTable, text: masked.text, placeholders: masked.placeholders, rewritable });
    if (masked.placeholders.length > 0) recordSource(config, { source: embeddedText, flavor: 'go' });
    // replaceEmbedded reads the lines as objects: made when it asks.
    let lines: ContentLine[] | undefined;
    recordRewriteInfo(config, {
      get lines(): ContentLine[] {
        return (lines ??= contentLinesOf(lineTable()));
      },
      indentation,
      explicitIndentation: indicator > 0,
    });
    this.findings.configs.push(config);
    for (const unclosed of masked.unclosed) {
      this.findings.problems.push(
        unclosedTagProblem({ start: config.toHostOffset(unclosed.start), end: config.toHostOffset(unclosed.end) }, 'warning'),
      );
    }
  }
}

function yamlErrorProblem(text: string, error: { pos: readonly [number, number]; message: string }): HostProblem {
  const start = Math.min(Math.max(error.pos[0], 0), text.length);
  const end = Math.min(Math.max(error.pos[1], start), text.length);
  return { code: 'alloy-lint/invalid-yaml', severity: 'error', message: `invalid YAML: ${error.message}`, range: { start, end } };
}

/**
 * yaml's own duplicate-key check compares each key with every earlier one, which takes seconds on
 * a mapping of 20,000 keys; this pass finds the same duplicates (scalar keys with equal values)
 * with one set per mapping, and reports them with yaml's message.
 */
function duplicateKeyErrors(document: Document.Parsed): Array<{ pos: [number, number]; message: string }> {
  const errors: Array<{ pos: [number, number]; message: string }> = [];
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as unknown;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) {
            const start = key.range?.[0] ?? 0;
            errors.push({ pos: [start, start + 1], message: 'Map keys must be unique' });
          }
          seen.add(key.value);
        } else if (isCollection(key)) stack.push(key);
        if (isCollection(pair.value)) stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (isCollection(item)) stack.push(item);
        else if (isPair(item)) stack.push(item.key, item.value);
      }
    }
  }
  return errors;
}

const byPosition = (a: { range: OffsetRange }, b: { range: OffsetRange }): number => a.range.start - b.range.start;

/** The options of yaml's `parseAllDocuments` for extraction; its own duplicate-key check is replaced by `duplicateKeyErrors`. */
const composeOptions = { keepSourceTokens: true, prettyErrors: false, uniqueKeys: false } as const;

interface Composed {
  readonly documents: Document.Parsed[];
  /** Each document's errors, duplicate keys included. */
  readonly errorsOf: ReadonlyArray<ReadonlyArray<{ pos: readonly [number, number]; message: string }>>;
  /** The errors of a stream without documents. */
  readonly streamErrors: ReadonlyArray<{ pos: readonly [number, number]; message: string }>;
}

/** What `parseAllDocuments(text, composeOptions)` gives, composed from the text's CST tokens. */
function compose(tokens: readonly CST.Token[]): Composed {
  const composer = new Composer(composeOptions);
  const documents = Array.from(composer.compose(tokens)) as Document.Parsed[];
  const errorsOf = documents.map((document) => [...document.errors, ...duplicateKeyErrors(document)]);
  return { documents, errorsOf, streamErrors: documents.length === 0 ? composer.streamInfo().errors : [] };
}

/** How `readYaml` composes: from shortened block scalars when that keeps yaml's errors (the default), or in full. */
export interface ReadYamlMode {
  readonly compose?: 'shortened' | 'full';
}

/** `extractFromYaml` without the guard against exceptions. */
export function readYaml(text: string, options: ExtractOptions = {}, mode: ReadYamlMode = {}): Extraction {
  const patterns = options.yamlKeys ?? DEFAULT_YAML_KEYS;
  const maskPlaceholders = options.templatePlaceholders ?? true;
  // yaml's parseAllDocuments is its Parser and its Composer; composing the Documents resolves every
  // block scalar's value, most of the work for a file of large configurations, which are read from
  // their lines instead (see block-scalar.ts).
  const tokens = Array.from(new Parser().parse(text));
  let shortened = mode.compose === 'full' ? new Map<CST.BlockScalar, ShortenedSource>() : shortenBlockScalars(tokens);
  let composed: Composed;
  try {
    composed = compose(tokens);
  } finally {
    restoreBlockScalars(shortened);
  }
  if (shortened.size > 0 && composed.errorsOf.some((errors) => errors.length > 0)) {
    // The same errors, but those after a shortened scalar at moved positions: yaml's own, in full.
    shortened = new Map();
    composed = compose(tokens);
  }
  const { documents, errorsOf } = composed;
  const problems: HostProblem[] = [];
  const configs: EmbeddedConfig[] = [];
  if (documents.length === 0) {
    problems.push(...composed.streamErrors.map((error) => yamlErrorProblem(text, error)));
    return { kind: 'yaml', configs, problems, hostIsValid: problems.length === 0 };
  }
  const hostIsValid = errorsOf.every((errors) => errors.length === 0);
  const languageComments = new LanguageComments(text);
  documents.forEach((document, index) => {
    const errors = errorsOf[index]!;
    if (errors.length > 0) {
      problems.push(...errors.map((error) => yamlErrorProblem(text, error)));
      return;
    }
    const prefix = documents.length > 1 ? `document ${index + 1}: ` : '';
    const extractor = new DocumentExtractor(text, languageComments, document, prefix, patterns, maskPlaceholders, hostIsValid, shortened);
    const findings = extractor.run();
    configs.push(...findings.configs);
    problems.push(...findings.problems);
  });
  configs.sort((a, b) => a.hostRange.start - b.hostRange.start);
  problems.sort(byPosition);
  return { kind: 'yaml', configs, problems, hostIsValid };
}
