/**
 * Alloy inside other files: Helm values, Kubernetes manifests (YAML block scalars), templates
 * (`config.alloy.j2`, `.tmpl`, `.tftpl`) and Markdown fences. `@alloy-toolkit/embedded` finds the
 * configurations and maps their offsets to the host file; here each one is checked like a file of
 * its own and every position is moved to the host, and rewrites (`--fix`, `fmt -w`) go back into
 * the host through `replaceEmbedded`, which changes no byte outside the configurations.
 */
import { resolve } from 'node:path';
import type { EmbeddedKinds, LintConfig } from '@alloy-toolkit/config';
import type { FileKind } from './discovery.js';
import {
  loadFormatter,
  loadSyntax,
  syntaxErrorDiagnostics,
  type Diagnostic,
  type EmbeddedConfig,
  type EmbeddedModule,
  type Extraction,
  type ExtractOptions,
  type HostProblem,
  type LineIndexLike,
  type OffsetRange,
  type Position,
  type Range,
  type SyntaxModule,
  type TextEdit,
} from './engine.js';
import { FORMAT_CODE } from './own-rules.js';
import { DIRECTIVE_MARKER, applySuppressions, parseDirectives } from './suppressions.js';

/** What the command line says about embedded Alloy (`--no-embedded`, `--yaml-key`). */
export interface EmbeddedRunOptions {
  /** `false` (`--no-embedded`): only `.alloy` and `.river` files are checked. */
  embedded?: boolean;
  /** `--yaml-key`: patterns added to the configuration's (or the default) key list. */
  yamlKeys?: readonly string[];
}

/** Which kinds of host files are checked for a file with this configuration. */
export function embeddedKindsFor(config: LintConfig, options: EmbeddedRunOptions): EmbeddedKinds {
  if (options.embedded === false) return { yaml: false, templates: false, markdown: false };
  return {
    yaml: config.embedded?.yaml ?? true,
    templates: config.embedded?.templates ?? true,
    markdown: config.embedded?.markdown ?? true,
  };
}

export function isKindChecked(kind: FileKind, kinds: EmbeddedKinds): boolean {
  switch (kind) {
    case 'alloy':
      return true;
    case 'yaml':
      return kinds.yaml;
    case 'template':
      return kinds.templates;
    case 'markdown':
      return kinds.markdown;
  }
}

/** The YAML keys searched: the configuration's `yamlKeys` (else the default list), then `--yaml-key`. */
export function yamlKeysFor(config: LintConfig, options: EmbeddedRunOptions, defaultKeys: readonly string[]): string[] {
  const keys = [...(config.yamlKeys ?? defaultKeys)];
  for (const key of options.yamlKeys ?? []) if (!keys.includes(key)) keys.push(key);
  return keys;
}

/** One host file to check. */
export interface HostCheck {
  /** Absolute path (or the `--stdin-filename`, resolved). */
  filePath: string;
  /** As shown in messages (`alloy-lint fmt -w PATH`). */
  displayPath: string;
  text: string;
  embedded: EmbeddedModule;
  extractOptions: ExtractOptions;
  /** Checks one configuration: the file's rules, Alloy release and import roots; no sibling files. */
  check(text: string): Diagnostic[];
  applyFixes(text: string, diagnostics: Diagnostic[]): { text: string; applied: number };
  fix?: boolean;
  checkFormat?: boolean;
}

export interface HostOutcome {
  /** Problems of the host and of each configuration, at host positions. */
  diagnostics: Diagnostic[];
  /** The host's new text when `fix` changed it. */
  output?: string;
}

/** Positions in the host text, and the moves between a configuration and its host. */
class HostPositions {
  readonly lines: LineIndexLike;

  constructor(
    readonly host: { filePath: string; text: string; embedded: EmbeddedModule },
    syntax: SyntaxModule,
  ) {
    this.lines = new syntax.LineIndex(host.text);
  }

  at(offset: number): Position {
    return this.lines.positionAt(offset);
  }

  range(start: number, end: number = start): Range {
    return { start: this.at(start), end: this.at(Math.max(start, end)) };
  }

  fromConfig(config: EmbeddedConfig, range: Range): Range {
    return this.range(config.toHostOffset(range.start.offset), config.toHostOffset(range.end.offset));
  }

  /** The host text before a configuration's line starts (its indentation in the scalar or fence). */
  indentationAt(config: EmbeddedConfig, embeddedOffset: number): string {
    const embeddedLineStart = config.text.lastIndexOf('\n', embeddedOffset - 1) + 1;
    const hostOffset = config.toHostOffset(embeddedLineStart);
    const hostLineStart = this.lines.lineStarts[this.lines.lineOf(hostOffset) - 1]!;
    const prefix = this.host.text.slice(hostLineStart, hostOffset);
    return /^[ \t]*$/.test(prefix) ? prefix : ' '.repeat(prefix.length);
  }

  /**
   * Messages name other places as `FILE:LINE:COLUMN` (byte column, as upstream: `block x already
   * declared at values.yaml:3:1`); those inside this configuration are moved to the host
   * (`relocateMessage` of @alloy-toolkit/embedded, which the language server uses too).
   */
  relocateText(config: EmbeddedConfig, text: string): string {
    return this.host.embedded.relocateMessage(text, config, this.host.text, this.host.filePath);
  }

  isThisFile(fileName: string): boolean {
    return resolve(fileName) === resolve(this.host.filePath);
  }
}

function hostProblemDiagnostic(problem: HostProblem, positions: HostPositions): Diagnostic {
  return {
    code: problem.code,
    severity: problem.severity,
    message: problem.message,
    range: positions.range(problem.range.start, problem.range.end),
  };
}

/** Whether `range` (in the configuration's offsets) overlaps or touches one of its masked template tags. */
export function overlapsPlaceholder(config: EmbeddedConfig, range: Range): boolean {
  return config.placeholders.length > 0 && config.overlapsPlaceholder(range.start.offset, range.end.offset);
}

/** A configuration's diagnostic at host positions; `keepFix`: the host can be rewritten by `--fix`. */
function toHostDiagnostic(diagnostic: Diagnostic, config: EmbeddedConfig, positions: HostPositions, keepFix: boolean): Diagnostic {
  const mapped: Diagnostic = {
    ...diagnostic,
    message: positions.relocateText(config, diagnostic.message),
    range: positions.fromConfig(config, diagnostic.range),
  };
  if (diagnostic.hint !== undefined) mapped.hint = positions.relocateText(config, diagnostic.hint);
  delete mapped.fix;
  if (diagnostic.fix && keepFix && !diagnostic.fix.edits.some((edit) => overlapsPlaceholder(config, edit.range))) {
    mapped.fix = {
      title: diagnostic.fix.title,
      edits: diagnostic.fix.edits.map((edit): TextEdit => {
        const indentation = positions.indentationAt(config, edit.range.start.offset);
        return {
          range: positions.fromConfig(config, edit.range),
          // The lines a fix adds sit in the scalar too: they get its indentation.
          newText: edit.newText.replace(/\n(?=[^\r\n])/g, `\n${indentation}`),
        };
      }),
    };
  }
  if (diagnostic.related) {
    mapped.related = diagnostic.related.map((item) =>
      positions.isThisFile(item.fileName)
        ? { ...item, message: positions.relocateText(config, item.message), range: positions.fromConfig(config, item.range) }
        : item,
    );
  }
  return mapped;
}

/**
 * The formatted text of a configuration in a host of this kind: in YAML and Markdown, alloy fmt's
 * tabs become the spaces the configuration's lines use (`indentLike` of @alloy-toolkit/embedded,
 * which the language server's formatting uses too).
 */
function formattedFor(embedded: EmbeddedModule, kind: Extraction['kind'], formatted: string, original: string): string {
  return kind === 'yaml' || kind === 'markdown' ? embedded.indentLike(formatted, original) : formatted;
}

/**
 * The host can be rewritten: valid, every configuration rewritable (no template tag left open). A
 * configuration with template placeholders is rewritten with its tags put back (`restorePlaceholders`).
 */
function hostIsRewritable(extraction: Extraction): boolean {
  return extraction.hostIsValid && extraction.configs.every((config) => config.rewritable);
}

function hasSyntaxError(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.code.startsWith('syntax/') && diagnostic.severity === 'error');
}

async function formatProblem(
  config: EmbeddedConfig,
  diagnostics: readonly Diagnostic[],
  host: HostCheck,
  extraction: Extraction,
  rewritable: boolean,
): Promise<Diagnostic | undefined> {
  if (hasSyntaxError(diagnostics)) return undefined;
  const formatter = await loadFormatter();
  let formatted: string;
  try {
    // The masked text: formatting changes only the Alloy around the template tags, which fmt puts back.
    formatted = formattedFor(host.embedded, extraction.kind, formatter.formatAlloy(config.text), config.text);
  } catch {
    return undefined;
  }
  if (formatted === config.text) return undefined;
  const restored = host.embedded.restorePlaceholders(config, formatted);
  const advice = !rewritable
    ? 'alloy-lint does not rewrite this file (its YAML is not valid, or a template tag is never closed); format it by hand'
    : !restored.ok
      ? `alloy-lint cannot format it: ${restored.reason}`
      : `run: alloy-lint fmt -w ${host.displayPath === '<stdin>' ? '-' : host.displayPath}`;
  const start = { offset: 0, line: 1, column: 1 };
  return { code: FORMAT_CODE, severity: 'error', message: `the configuration in ${config.label} is not formatted (${advice})`, range: { start, end: start } };
}

/** Every problem of a host file, at host positions. */
async function diagnoseHost(host: HostCheck, extraction: Extraction): Promise<Diagnostic[]> {
  const syntax = await loadSyntax();
  const positions = new HostPositions(host, syntax);
  const rewritable = hostIsRewritable(extraction);
  const result = extraction.problems.map((problem) => hostProblemDiagnostic(problem, positions));
  for (const config of extraction.configs) {
    let diagnostics = host.check(config.text);
    if (config.text.includes(DIRECTIVE_MARKER)) {
      const parsed = syntax.parse(config.text);
      const outcome = applySuppressions(diagnostics, parseDirectives(parsed.comments, parsed.lines));
      diagnostics = [...outcome.kept, ...outcome.unused];
    }
    for (const diagnostic of diagnostics) {
      if (overlapsPlaceholder(config, diagnostic.range)) continue; // nothing inside a template tag is reported
      result.push(toHostDiagnostic(diagnostic, config, positions, rewritable));
    }
    // At the configuration's first line, also when a template tag starts it.
    const problem = host.checkFormat ? await formatProblem(config, diagnostics, host, extraction, rewritable) : undefined;
    if (problem) result.push(toHostDiagnostic(problem, config, positions, rewritable));
  }
  return result;
}

export type HostRewrite = { ok: true; text: string } | { ok: false; problems: Diagnostic[] };

/**
 * Rewrites every configuration of a host with `transform` (fixes, formatting of its masked text)
 * through `replaceEmbedded`, the template tags of a configuration put back by `restorePlaceholders`.
 * Refused, with the reasons at host positions, when the host is not valid (invalid YAML), a template
 * tag is never closed, a configuration does not parse after the transform, or its tags cannot be put
 * back (the reason names the tag): such a host is never rewritten.
 */
export async function rewriteHost(
  host: Pick<HostCheck, 'filePath' | 'text' | 'embedded' | 'extractOptions'>,
  extraction: Extraction,
  transform: (config: EmbeddedConfig) => Promise<string>,
): Promise<HostRewrite> {
  const syntax = await loadSyntax();
  const positions = new HostPositions(host, syntax);
  if (!extraction.hostIsValid) {
    const problems = extraction.problems.filter((problem) => problem.severity === 'error').map((problem) => hostProblemDiagnostic(problem, positions));
    return { ok: false, problems: problems.length > 0 ? problems : [notRewritten(positions, 0, 'the file is not valid')] };
  }
  const blocked = extraction.configs.filter((config) => !config.rewritable);
  if (blocked.length > 0) {
    return {
      ok: false,
      problems: blocked.map((config) =>
        notRewritten(positions, config.toHostOffset(0), `${config.label} cannot be rewritten safely (a template tag in it is never closed)`),
      ),
    };
  }
  const replacements: { config: EmbeddedConfig; newText: string }[] = [];
  const problems: Diagnostic[] = [];
  for (const config of extraction.configs) {
    let newText: string;
    try {
      newText = await transform(config);
    } catch (error) {
      const diagnostics = syntaxErrorDiagnostics(error);
      if (!diagnostics) throw error;
      for (const diagnostic of diagnostics) {
        if (diagnostic.severity === 'error') problems.push(toHostDiagnostic(diagnostic, config, positions, false));
      }
      continue;
    }
    const errors = syntax.parse(newText).diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.length > 0) {
      // The new text is checked against the old one's positions only when it is the old one.
      const shown = newText === config.text ? errors : syntax.parse(config.text).diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      problems.push(...(shown.length > 0 ? shown : errors).map((diagnostic) => toHostDiagnostic(diagnostic, config, positions, false)));
      continue;
    }
    if (newText === config.text) continue;
    const restored = host.embedded.restorePlaceholders(config, newText);
    if (!restored.ok) {
      const at = restored.placeholder === undefined ? config.toHostOffset(0) : config.toHostOffset(restored.placeholder.start);
      problems.push(notRewritten(positions, at, `not formatted: ${restored.reason}`));
      continue;
    }
    replacements.push({ config, newText: restored.text });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (replacements.length === 0) return { ok: true, text: host.text };
  const replaced = host.embedded.replaceEmbedded(host.text, host.filePath, replacements, host.extractOptions);
  if (!replaced.ok) return { ok: false, problems: [notRewritten(positions, replacements[0]!.config.toHostOffset(0), `not rewritten: ${replaced.reason}`)] };
  return { ok: true, text: replaced.text };
}

export const NOT_REWRITTEN_CODE = 'alloy-lint/embedded-not-rewritten';

function notRewritten(positions: HostPositions, offset: number, message: string): Diagnostic {
  return { code: NOT_REWRITTEN_CODE, severity: 'error', message, range: positions.range(offset) };
}

const MAX_FIX_PASSES = 10;

/** Whether an edit's range overlaps or touches one of `placeholders` (sorted). */
function touchesAny(placeholders: readonly OffsetRange[], range: Range): boolean {
  return placeholders.some((placeholder) => range.start.offset <= placeholder.end && range.end.offset >= placeholder.start);
}

/**
 * The checker's safe fixes applied to one configuration's masked text until none is left, then
 * formatted. A fix with an edit overlapping or touching a template placeholder is never applied
 * (the placeholders are followed from pass to pass with `restorePlaceholders`); when the formatted
 * text's tags cannot be put back, the fixed text is kept unformatted.
 */
async function fixedText(host: HostCheck, kind: Extraction['kind'], config: EmbeddedConfig): Promise<string> {
  let text = config.text;
  let placeholders: readonly OffsetRange[] = config.placeholders;
  let diagnostics = host.check(text);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass += 1) {
    const fixable = diagnostics.filter((diagnostic) => diagnostic.fix !== undefined && !diagnostic.fix.edits.some((edit) => touchesAny(placeholders, edit.range)));
    if (fixable.length === 0) break;
    const fixed = host.applyFixes(text, fixable);
    if (fixed.applied === 0 || fixed.text === text) break;
    if (placeholders.length > 0) {
      const restored = host.embedded.restorePlaceholders(config, fixed.text);
      if (!restored.ok) break;
      placeholders = restored.placeholders;
    }
    text = fixed.text;
    diagnostics = host.check(text);
  }
  const formatter = await loadFormatter();
  let formatted: string;
  try {
    formatted = formattedFor(host.embedded, kind, formatter.formatAlloy(text), config.text);
  } catch {
    return text; // does not parse: rewriteHost refuses the host and says where
  }
  return placeholders.length === 0 || host.embedded.restorePlaceholders(config, formatted).ok ? formatted : text;
}

/** Checks a host file (and with `fix`, computes its fixed text): `alloy-lint` on a YAML, template or Markdown file. */
export async function checkHost(host: HostCheck): Promise<HostOutcome> {
  const extraction = host.embedded.extractEmbedded(host.filePath, host.text, host.extractOptions);
  if (!host.fix || !hostIsRewritable(extraction)) return { diagnostics: await diagnoseHost(host, extraction) };
  const rewrite = await rewriteHost(host, extraction, (config) => fixedText(host, extraction.kind, config));
  if (rewrite.ok && rewrite.text !== host.text) {
    const fixedHost = { ...host, text: rewrite.text };
    const again = host.embedded.extractEmbedded(host.filePath, rewrite.text, host.extractOptions);
    return { diagnostics: await diagnoseHost(fixedHost, again), output: rewrite.text };
  }
  const diagnostics = await diagnoseHost(host, extraction);
  // A refusal for another reason than a configuration that does not parse (its syntax errors are reported already).
  if (!rewrite.ok) diagnostics.push(...rewrite.problems.filter((problem) => problem.code === NOT_REWRITTEN_CODE));
  return { diagnostics };
}

/** `alloy-lint fmt` of a host: its text with every configuration formatted, or why it cannot be. */
export async function formatHost(host: Pick<HostCheck, 'filePath' | 'text' | 'embedded' | 'extractOptions'>): Promise<HostRewrite> {
  const extraction = host.embedded.extractEmbedded(host.filePath, host.text, host.extractOptions);
  const formatter = await loadFormatter();
  return rewriteHost(host, extraction, async (config) => formattedFor(host.embedded, extraction.kind, formatter.formatAlloy(config.text), config.text));
}
