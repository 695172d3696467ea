/**
 * Alloy inside other documents ("hosts"): YAML (Helm values, Kubernetes manifests) and templates
 * of Alloy files (`config.alloy.j2`, `.tmpl`, `.tftpl`). `@alloy-toolkit/embedded` finds the
 * configurations of a host; each becomes an embedded document with a URI of its own
 * (`<host URI>#alloy-embedded-<n>`), whose text is the configuration and whose positions are the
 * host's: `positionAt` and `offsetAt` go through the configuration's offset mapping. So every
 * provider, unchanged, reads Alloy text and answers in host positions. `EmbeddedRequests` sends a
 * request on a host to the configuration at its position (or to each configuration) and gives the
 * answer the host's URI back; outside the configurations a host gets nothing.
 */
import type { DocumentSymbol, Position, Range, SemanticTokens, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  extractFromTemplate,
  extractFromYaml,
  formatAlloy,
  indentLike,
  mayContainEmbeddedAlloy,
  relocateMessage,
  replaceEmbedded,
  restorePlaceholders,
  templateFlavorOf,
  type AlloyDiagnostic,
  type EmbeddedConfig,
  type Extraction,
  type ExtractOptions,
  type TemplateFlavor,
} from '../toolkit.js';
import { minimalEdit } from './positions.js';
import { uriToPath } from './uris.js';
import type { ParsedDocument } from './workspace.js';

/** What a host holds: YAML with block scalars, or one template of an Alloy file; `none`: nothing served. */
export type HostKind = { kind: 'yaml' } | { kind: 'template'; flavor: TemplateFlavor } | { kind: 'none' };

const embeddedUriMarker = '#alloy-embedded-';

/** The path of a URI, or for other schemes its text without query and fragment: what kinds are decided by. */
function nameOf(uri: string): string {
  return uriToPath(uri) ?? uri.replace(/[?#].*$/, '');
}

/**
 * Which documents are hosts: a `.yaml`/`.yml` URI or the `yaml`/`helm` language is YAML; a URI named
 * like an Alloy template (`*.alloy.j2`, `*.alloy.jinja`, `*.alloy.jinja2`, `*.alloy.tmpl`,
 * `*.alloy.gotmpl`, `*.alloy.tftpl`) is a template whatever its language; any other `jinja`
 * document is not Alloy. Everything else is an Alloy document (undefined).
 */
export function hostKindOfDocument(uri: string, languageId: string): HostKind | undefined {
  if (uri.includes(embeddedUriMarker)) return undefined;
  const name = nameOf(uri);
  const flavor = templateFlavorOf(name);
  if (flavor !== undefined) return { kind: 'template', flavor };
  if (languageId === 'yaml' || languageId === 'helm' || /\.ya?ml$/i.test(name)) return { kind: 'yaml' };
  if (languageId === 'jinja') return { kind: 'none' };
  return undefined;
}

/** The embedded offset of `hostOffset`, or the nearest one after it (in a line's indentation: the line's start; after the configuration: its end). */
function embeddedOffsetNear(config: EmbeddedConfig, hostOffset: number): number {
  const exact = config.toEmbeddedOffset(hostOffset);
  if (exact !== undefined) return exact;
  // toHostOffset is increasing: the first embedded offset at or after `hostOffset`.
  let low = 0;
  let high = config.text.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (config.toHostOffset(middle) < hostOffset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A configuration seen as a document: its own text, the host's positions. */
export class EmbeddedTextDocument implements TextDocument {
  constructor(
    readonly uri: string,
    readonly host: TextDocument,
    readonly config: EmbeddedConfig,
  ) {}

  get languageId(): string {
    return 'alloy';
  }

  get version(): number {
    return this.host.version;
  }

  get lineCount(): number {
    return this.host.lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this.config.text;
    return this.config.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(Math.floor(offset), this.config.text.length));
    return this.host.positionAt(this.config.toHostOffset(clamped));
  }

  offsetAt(position: Position): number {
    return embeddedOffsetNear(this.config, this.host.offsetAt(position));
  }

  // Lines are the host's, as positions are.
  getLineRange(line: number): Range {
    return this.host.getLineRange(line);
  }

  getEOLCharacters(line: number): string {
    return this.host.getEOLCharacters(line);
  }
}

/** One configuration of a host. */
export interface EmbeddedDocument {
  /** `<host URI>#alloy-embedded-<index>`. */
  readonly uri: string;
  readonly hostUri: string;
  readonly index: number;
  readonly config: EmbeddedConfig;
  readonly document: EmbeddedTextDocument;
}

/** A host at one version: what was extracted from it. */
export interface HostDocument {
  readonly uri: string;
  /** The open document: updated in place by later edits, hence `version`. */
  readonly document: TextDocument;
  /** The version extracted. */
  readonly version: number;
  readonly kind: HostKind;
  /** The file name the extraction and `replaceEmbedded` go by (a YAML document without a `.yaml` name gets one). */
  readonly fileName: string;
  readonly options: ExtractOptions;
  readonly extraction: Extraction;
  readonly embedded: readonly EmbeddedDocument[];
}

const nothingExtracted = (kind: Extraction['kind']): Extraction => ({ kind, configs: [], problems: [], hostIsValid: true });

function extract(kind: HostKind, fileName: string, text: string, options: ExtractOptions): Extraction {
  try {
    switch (kind.kind) {
      case 'yaml':
        // A YAML file that names no key holding Alloy is not read further: no YAML error of its own is reported.
        return mayContainEmbeddedAlloy(fileName, text, options) ? extractFromYaml(text, options) : nothingExtracted('yaml');
      case 'template':
        return extractFromTemplate(text, kind.flavor);
      case 'none':
        return nothingExtracted('alloy');
    }
  } catch {
    // The extraction promises never to throw; should it, the host is served as holding nothing.
    return nothingExtracted(kind.kind === 'template' ? 'template' : 'yaml');
  }
}

/** What a host's settings say about it: the YAML keys, and whether its kind is served at all. */
export interface HostSettings {
  readonly options: ExtractOptions;
  /** False when the lint configuration turns the kind off (`"embedded": { "yaml": false }`). */
  readonly served: boolean;
}

function sameSettings(a: HostSettings, b: HostSettings): boolean {
  return a.served === b.served && JSON.stringify(a.options.yamlKeys ?? null) === JSON.stringify(b.options.yamlKeys ?? null);
}

/**
 * The host documents among the open documents, extracted once per version, and their configurations
 * as embedded documents, parsed once per version.
 */
export class EmbeddedDocuments {
  private readonly hosts = new Map<string, HostDocument>();
  private readonly parsedByUri = new Map<string, ParsedDocument>();
  private readonly settingsByHost = new Map<string, HostSettings>();

  constructor(
    private readonly openDocument: (uri: string) => TextDocument | undefined,
    private readonly parseEmbedded: (embedded: EmbeddedDocument) => ParsedDocument,
  ) {}

  /** What an open document is, as a host (undefined: an Alloy document, or not open). */
  kindOf(uri: string): HostKind | undefined {
    const document = this.openDocument(uri);
    return document ? hostKindOfDocument(uri, document.languageId) : undefined;
  }

  isHost(uri: string): boolean {
    return this.kindOf(uri) !== undefined;
  }

  isEmbeddedUri(uri: string): boolean {
    return uri.includes(embeddedUriMarker);
  }

  /** The host URI of an embedded document's URI (itself for any other URI). */
  hostUriOf(uri: string): string {
    const marker = uri.lastIndexOf(embeddedUriMarker);
    return marker === -1 ? uri : uri.slice(0, marker);
  }

  /** A host's settings (from the lint configuration, known once its check read them); a change extracts it again. */
  configure(hostUri: string, settings: HostSettings): void {
    const previous = this.settingsByHost.get(hostUri);
    if (previous && sameSettings(previous, settings)) return;
    this.settingsByHost.set(hostUri, settings);
    this.hosts.delete(hostUri);
  }

  /** An open host at its current version (undefined for an Alloy document). */
  host(uri: string): HostDocument | undefined {
    const document = this.openDocument(uri);
    if (!document) return undefined;
    const kind = hostKindOfDocument(uri, document.languageId);
    if (!kind) return undefined;
    const cached = this.hosts.get(uri);
    if (cached && cached.document === document && cached.version === document.version) return cached;
    for (const embedded of cached?.embedded ?? []) this.parsedByUri.delete(embedded.uri);
    const name = nameOf(uri);
    const fileName = kind.kind === 'yaml' && !/\.ya?ml$/i.test(name) ? `${name}.yaml` : name;
    const settings = this.settingsByHost.get(uri) ?? { options: {}, served: true };
    const options = settings.options;
    const extraction = settings.served ? extract(kind, fileName, document.getText(), options) : nothingExtracted(kind.kind === 'template' ? 'template' : 'yaml');
    const embedded = extraction.configs.map((config, index): EmbeddedDocument => {
      const embeddedUri = `${uri}${embeddedUriMarker}${index}`;
      return { uri: embeddedUri, hostUri: uri, index, config, document: new EmbeddedTextDocument(embeddedUri, document, config) };
    });
    const host: HostDocument = { uri, document, version: document.version, kind, fileName, options, extraction, embedded };
    this.hosts.set(uri, host);
    return host;
  }

  /** The embedded document a URI names, at its host's current version. */
  embeddedDocument(uri: string): EmbeddedDocument | undefined {
    const marker = uri.lastIndexOf(embeddedUriMarker);
    if (marker === -1) return undefined;
    const index = Number(uri.slice(marker + embeddedUriMarker.length));
    return this.host(uri.slice(0, marker))?.embedded[index];
  }

  /** The parse of an embedded document (for `AlloyWorkspace.parsed`). */
  parsed(uri: string): ParsedDocument | undefined {
    const embedded = this.embeddedDocument(uri);
    if (!embedded) return undefined;
    const cached = this.parsedByUri.get(uri);
    if (cached && cached.document === embedded.document) return cached;
    const parsed = this.parseEmbedded(embedded);
    this.parsedByUri.set(uri, parsed);
    return parsed;
  }

  /** The parse of an embedded document, only if made already. */
  parsedIfReady(uri: string): ParsedDocument | undefined {
    const cached = this.parsedByUri.get(uri);
    const embedded = cached ? this.embeddedDocument(uri) : undefined;
    return cached && embedded && cached.document === embedded.document ? cached : undefined;
  }

  /**
   * The configuration of a host at a host position. Outside: the indentation of its lines, and the
   * start of the line after its last (where its end maps, for the round trip of offsets).
   */
  at(hostUri: string, position: Position): EmbeddedDocument | undefined {
    const host = this.host(hostUri);
    if (!host || host.embedded.length === 0) return undefined;
    const offset = host.document.offsetAt(position);
    return host.embedded.find(({ config }) => {
      if (offset >= config.hostRange.end && config.text.endsWith('\n')) return false;
      return config.toEmbeddedOffset(offset) !== undefined;
    });
  }

  forget(uri: string): void {
    for (const embedded of this.hosts.get(uri)?.embedded ?? []) this.parsedByUri.delete(embedded.uri);
    this.hosts.delete(uri);
    this.settingsByHost.delete(uri);
  }

  /**
   * Formatting of a host: each configuration (those meeting `range`, when given) that parses and can
   * be rewritten is formatted (in YAML with the spaces its lines use: `indentLike` of
   * @alloy-toolkit/embedded, as `alloy-lint fmt` does), its template tags put back byte for byte
   * (`restorePlaceholders`, which verifies them), and goes back into the host through
   * `replaceEmbedded`, which keeps its indentation and changes nothing outside it: one edit per
   * configuration, inside it. Nothing when the host is invalid (YAML errors); a configuration with
   * syntax errors, a tag never closed, or tags that cannot be put back exactly is left alone.
   */
  async formattingEdits(hostUri: string, range?: Range): Promise<TextEdit[]> {
    const host = this.host(hostUri);
    if (!host || !host.extraction.hostIsValid) return [];
    const hostText = host.document.getText();
    const edits: TextEdit[] = [];
    for (const embedded of host.embedded) {
      if (!embedded.config.rewritable) continue;
      if (range && !meets(host.document, embedded.config, range)) continue;
      const parsed = this.parsed(embedded.uri);
      if (!parsed || parsed.parse.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) continue;
      let formatted: string;
      try {
        formatted = await formatAlloy(embedded.config.text);
      } catch {
        continue;
      }
      if (host.kind.kind === 'yaml') formatted = indentLike(formatted, embedded.config.text);
      // The host changed while the formatter ran: its edits would be at stale positions.
      if (this.host(hostUri) !== host) return [];
      if (formatted === embedded.config.text) continue;
      const restored = restorePlaceholders(embedded.config, formatted);
      if (!restored.ok) continue;
      const outcome = replaceEmbedded(hostText, host.fileName, [{ config: embedded.config, newText: restored.text }], host.options);
      if (outcome.ok) edits.push(...minimalEdit(host.document, hostText, outcome.text));
    }
    return edits;
  }
}

function meets(document: TextDocument, config: EmbeddedConfig, range: Range): boolean {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  return start <= config.hostRange.end && end >= config.hostRange.start;
}

/** The host text before an embedded line: the indentation lines added inside the configuration need. */
function indentationAt(embedded: EmbeddedDocument, embeddedOffset: number): string {
  const text = embedded.config.text;
  const lineStart = text.lastIndexOf('\n', embeddedOffset - 1) + 1;
  const hostOffset = embedded.config.toHostOffset(lineStart);
  const hostText = embedded.document.host.getText();
  const hostLineStart = Math.max(hostText.lastIndexOf('\n', hostOffset - 1) + 1, 0);
  const prefix = hostText.slice(hostLineStart, hostOffset);
  return /^[ \t]*$/.test(prefix) ? prefix : ' '.repeat(prefix.length);
}

/**
 * A configuration's diagnostics as its host shows them: none overlapping a template placeholder
 * (the tag is not Alloy), fixes that touch a placeholder dropped, the lines a fix adds indented
 * like the configuration's lines (offsets stay the configuration's: the embedded document maps
 * them), and the places a message names in the configuration (`already declared at
 * values.yaml:6:5`) moved to the host's lines and columns, as alloy-lint does (`relocateMessage`).
 */
export function diagnosticsInHost(embedded: EmbeddedDocument, diagnostics: readonly AlloyDiagnostic[]): AlloyDiagnostic[] {
  const config = embedded.config;
  const touchesPlaceholder = (start: number, end: number): boolean => config.placeholders.length > 0 && config.overlapsPlaceholder(start, end);
  // The file name the checker was given for the configuration (see `parseDocument`): the host's path.
  const fileName = uriToPath(embedded.uri) ?? embedded.uri;
  let hostText: string | undefined;
  const relocated = (message: string): string => {
    if (!message.includes(':')) return message;
    hostText ??= embedded.document.host.getText();
    return relocateMessage(message, config, hostText, fileName);
  };
  const result: AlloyDiagnostic[] = [];
  for (const original of diagnostics) {
    if (touchesPlaceholder(original.range.start.offset, original.range.end.offset)) continue;
    const diagnostic = withPlacesInHost(original, fileName, relocated);
    const fix = diagnostic.fix;
    if (!fix) {
      result.push(diagnostic);
      continue;
    }
    const { fix: _dropped, ...withoutFix } = diagnostic;
    if (fix.edits.some((edit) => touchesPlaceholder(edit.range.start.offset, edit.range.end.offset))) {
      result.push(withoutFix);
      continue;
    }
    result.push({
      ...withoutFix,
      fix: {
        ...fix,
        edits: fix.edits.map((edit) => {
          if (!edit.newText.includes('\n')) return edit;
          const indentation = indentationAt(embedded, edit.range.start.offset);
          return { ...edit, newText: edit.newText.replace(/\n(?=[^\r\n])/g, `\n${indentation}`) };
        }),
      },
    });
  }
  return result;
}

/** The diagnostic with its message, hint and same-file related messages relocated (the same object when nothing moves). */
function withPlacesInHost(diagnostic: AlloyDiagnostic, fileName: string, relocated: (message: string) => string): AlloyDiagnostic {
  const message = relocated(diagnostic.message);
  const hint = diagnostic.hint === undefined ? undefined : relocated(diagnostic.hint);
  const related = diagnostic.related?.map((item) => (item.fileName === fileName ? { ...item, message: relocated(item.message) } : item));
  const relatedMoved = related !== undefined && related.some((item, index) => item.message !== diagnostic.related![index]!.message);
  if (message === diagnostic.message && hint === diagnostic.hint && !relatedMoved) return diagnostic;
  return {
    ...diagnostic,
    message,
    ...(hint !== undefined ? { hint } : {}),
    ...(relatedMoved ? { related } : {}),
  };
}

/**
 * A document symbol whose header holds a masked template tag (`prometheus.scrape "{{ job.name }}"`)
 * is named with the host's text rather than the mask.
 */
export function withTemplateTextInName(symbol: DocumentSymbol, target: EmbeddedDocument): DocumentSymbol {
  const children = symbol.children?.map((child) => withTemplateTextInName(child, target));
  const host = target.document.host;
  const { start, end } = symbol.selectionRange;
  const config = target.config;
  const masked =
    config.placeholders.length > 0 && start.line === end.line && config.overlapsPlaceholder(target.document.offsetAt(start), target.document.offsetAt(end));
  const renamed = masked ? { ...symbol, name: host.getText(symbol.selectionRange) } : symbol;
  return children ? { ...renamed, children } : renamed;
}

/** `value` with every occurrence of `from` (as a string or a key) replaced by `to`. */
function withUriReplaced<R>(value: R, from: string, to: string): R {
  const replace = (item: unknown): unknown => {
    if (item === from) return to;
    if (Array.isArray(item)) return item.map(replace);
    if (typeof item === 'object' && item !== null) {
      const copy: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(item)) copy[key === from ? to : key] = replace(entry);
      return copy;
    }
    return item;
  };
  return replace(value) as R;
}

/** `value` with every occurrence of the embedded document's URI (as a string or a key) replaced by its host's. */
function withHostUri<R>(value: R, embedded: EmbeddedDocument): R {
  return withUriReplaced(value, embedded.uri, embedded.hostUri);
}

/** A semantic token at an absolute host position. */
interface HostToken {
  line: number;
  character: number;
  length: number;
  type: number;
  modifiers: number;
}

interface DocumentParams {
  textDocument: { uri: string };
}

/**
 * Request handlers made to serve hosts too. On an Alloy document a handler runs as it is; on a host
 * it runs on the embedded document at the request's position (or on each embedded document), and
 * its answer gets the host's URI back; outside every configuration the host gets `outside`.
 */
export class EmbeddedRequests {
  constructor(private readonly embedded: EmbeddedDocuments) {}

  private on<P extends DocumentParams>(params: P, target: EmbeddedDocument): P {
    return { ...params, textDocument: { ...params.textDocument, uri: target.uri } };
  }

  /** Requests at a position: completion, hover, definition, references, rename... */
  atPosition<P extends DocumentParams & { position: Position }, R, O>(handler: (params: P) => R | Promise<R>, outside: O): (params: P) => Promise<R | O> {
    return async (params) => {
      if (!this.embedded.isHost(params.textDocument.uri)) return handler(params);
      const target = this.embedded.at(params.textDocument.uri, params.position);
      return target ? withHostUri(await handler(this.on(params, target)), target) : outside;
    };
  }

  /** Requests on a range (code actions): the configuration where the range starts. */
  inRange<P extends DocumentParams & { range: Range }, R, O>(handler: (params: P) => R | Promise<R>, outside: O): (params: P) => Promise<R | O> {
    return async (params) => {
      if (!this.embedded.isHost(params.textDocument.uri)) return handler(params);
      const target = this.embedded.at(params.textDocument.uri, params.range.start);
      return target ? withHostUri(await handler(this.on(params, target)), target) : outside;
    };
  }

  /**
   * Requests on a whole document (symbols, folding, links, lenses): every configuration's answers, in
   * order; `adjust` may rework each answer with its configuration.
   */
  eachConfiguration<P extends DocumentParams, T>(
    handler: (params: P) => T[] | null | undefined | Promise<T[] | null | undefined>,
    adjust: (answer: T, target: EmbeddedDocument) => T = (answer) => answer,
  ): (params: P) => Promise<T[] | null> {
    return async (params) => {
      if (!this.embedded.isHost(params.textDocument.uri)) return (await handler(params)) ?? null;
      const results: T[] = [];
      for (const target of this.embedded.host(params.textDocument.uri)?.embedded ?? []) {
        for (const answer of (await handler(this.on(params, target))) ?? []) results.push(adjust(withHostUri(answer, target), target));
      }
      return results;
    };
  }

  /** Selection ranges: each position answered by its configuration; a position outside them gets an empty range. */
  eachPosition<P extends DocumentParams & { positions: Position[] }, T>(
    handler: (params: P) => T[] | null | Promise<T[] | null>,
    outside: (position: Position) => T,
  ): (params: P) => Promise<T[] | null> {
    return async (params) => {
      const uri = params.textDocument.uri;
      if (!this.embedded.isHost(uri)) return handler(params);
      const results: T[] = [];
      for (const position of params.positions) {
        const target = this.embedded.at(uri, position);
        const answer = target ? (await handler({ ...this.on(params, target), positions: [position] }))?.[0] : undefined;
        results.push(answer === undefined ? outside(position) : withHostUri(answer, target!));
      }
      return results;
    };
  }

  /**
   * Requests about an item an earlier answer gave with the host's URI (call hierarchy's incoming and
   * outgoing calls): the item goes back to the configuration that holds it, under that URI.
   */
  atItem<P extends { item: { uri: string; selectionRange: Range } }, R, O>(handler: (params: P) => R | Promise<R>, outside: O): (params: P) => Promise<R | O> {
    return async (params) => {
      const hostUri = params.item.uri;
      if (!this.embedded.isHost(hostUri)) return handler(params);
      const target = this.embedded.at(hostUri, params.item.selectionRange.start);
      return target ? withHostUri(await handler(withUriReplaced(params, hostUri, target.uri)), target) : outside;
    };
  }

  /**
   * Semantic tokens of a host: each configuration's tokens (at host positions already: the embedded
   * document maps them) decoded, those on a template tag dropped (the tag is not Alloy), and encoded
   * again relative to each other, in host order.
   */
  semanticTokens<P extends DocumentParams>(handler: (params: P) => SemanticTokens | Promise<SemanticTokens>): (params: P) => Promise<SemanticTokens> {
    return async (params) => {
      const uri = params.textDocument.uri;
      if (!this.embedded.isHost(uri)) return handler(params);
      const tokens: HostToken[] = [];
      for (const target of this.embedded.host(uri)?.embedded ?? []) {
        const { data } = await handler(this.on(params, target));
        const config = target.config;
        let line = 0;
        let character = 0;
        for (let index = 0; index + 4 < data.length; index += 5) {
          character = data[index] === 0 ? character + data[index + 1]! : data[index + 1]!;
          line += data[index]!;
          const length = data[index + 2]!;
          const start = target.document.offsetAt({ line, character });
          if (config.placeholders.length > 0 && config.overlapsPlaceholder(start, start + length)) continue;
          tokens.push({ line, character, length, type: data[index + 3]!, modifiers: data[index + 4]! });
        }
      }
      tokens.sort((a, b) => a.line - b.line || a.character - b.character);
      const data: number[] = [];
      let previousLine = 0;
      let previousCharacter = 0;
      for (const token of tokens) {
        const deltaLine = token.line - previousLine;
        data.push(deltaLine, deltaLine === 0 ? token.character - previousCharacter : token.character, token.length, token.type, token.modifiers);
        previousLine = token.line;
        previousCharacter = token.character;
      }
      return { data };
    };
  }

  /**
   * The pipeline graph of a host: every configuration's components, at host positions under the
   * host's URI. Each configuration is a pipeline of its own: with several, a component's id gets its
   * configuration's number (`2:loki.write.default`), so that the same name in two never merges.
   */
  pipelineGraph<P extends DocumentParams, N extends { id: string }, E extends { from: string; to: string }>(
    handler: (params: P) => { nodes: N[]; edges: E[] } | null | Promise<{ nodes: N[]; edges: E[] } | null>,
  ): (params: P) => Promise<{ nodes: N[]; edges: E[] } | null> {
    return async (params) => {
      const uri = params.textDocument.uri;
      if (!this.embedded.isHost(uri)) return handler(params);
      const targets = this.embedded.host(uri)?.embedded ?? [];
      const merged: { nodes: N[]; edges: E[] } = { nodes: [], edges: [] };
      for (const target of targets) {
        const graph = await handler(this.on(params, target));
        if (!graph) continue;
        const id = (name: string): string => (targets.length > 1 ? `${target.index + 1}:${name}` : name);
        const answer = withHostUri(graph, target);
        for (const node of answer.nodes) merged.nodes.push({ ...node, id: id(node.id) });
        for (const edge of answer.edges) merged.edges.push({ ...edge, from: id(edge.from), to: id(edge.to) });
      }
      return merged;
    };
  }

  /** Formatting: a host's configurations through `EmbeddedDocuments.formattingEdits`. */
  formatting<P extends DocumentParams & { range?: Range }>(handler: (params: P) => Promise<TextEdit[]>): (params: P) => Promise<TextEdit[]> {
    return async (params) => {
      if (!this.embedded.isHost(params.textDocument.uri)) return handler(params);
      return this.embedded.formattingEdits(params.textDocument.uri, params.range);
    };
  }
}
