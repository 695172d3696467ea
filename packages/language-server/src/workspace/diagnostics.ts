import { dirname } from 'node:path';
import {
  DiagnosticSeverity,
  type Connection,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { definitionId } from '../analysis/fileModel.js';
import { collectTraversals, type Traversal } from '../analysis/syntaxTree.js';
import { checkText, type AlloyDiagnostic, type Block, type Statement } from '../toolkit.js';
import { diagnosticsInHost, type HostDocument } from './embeddedDocuments.js';
import { offsetsToRange, toLspRange } from './positions.js';
import type { EffectiveSettings, RuleLevel } from './settings.js';
import { pathToUri, uriToPath } from './uris.js';
import { importFilePath, type AlloyWorkspace, type ParsedDocument } from './workspace.js';

/** The diagnostics last published for a document version, kept for code actions. */
export interface CheckedDocument {
  uri: string;
  version: number;
  diagnostics: AlloyDiagnostic[];
}

export interface DiagnosticsOptions {
  /** Wait after a change before checking; a newer change restarts the wait. */
  changeDelayMs: number;
}

const severityByLevel: Record<Exclude<RuleLevel, 'off'>, AlloyDiagnostic['severity']> = {
  error: 'error',
  warn: 'warning',
  info: 'info',
};

const lspSeverity: Record<AlloyDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The check phase: the checker's diagnostics (which include the parser's),
 * published per document with debouncing; a newer version of a document
 * supersedes a pending or running check of an older one.
 */
export class DiagnosticsService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();
  private readonly checked = new Map<string, CheckedDocument>();
  /** Documents whose next check must run even if nothing they depend on changed. */
  private readonly mustCheck = new Set<string>();
  /** Per document: what its open dependencies looked like (`dependencyKeys`) when it was last checked. */
  private readonly checkedAgainst = new Map<string, Map<string, string>>();
  /** Per host document checked: whether its last notification had diagnostics (a host that never had any gets none). */
  private readonly hostHadDiagnostics = new Map<string, boolean>();

  constructor(
    private readonly connection: Connection,
    private readonly workspace: AlloyWorkspace,
    private readonly settingsFor: (uri: string) => Promise<EffectiveSettings>,
    private readonly options: DiagnosticsOptions,
  ) {}

  /** The last published result for a document, when it still matches `version`. */
  lastResult(uri: string, version: number): CheckedDocument | undefined {
    const result = this.checked.get(uri);
    return result && result.version === version ? result : undefined;
  }

  /**
   * A document changed: check it, then the open documents that depend on it. A dependant
   * is checked again only if what it can see of its open dependencies changed (a keystroke
   * inside a value of one file does not re-check the other files of the directory).
   */
  documentChanged(uri: string, immediate: boolean): void {
    this.mustCheck.add(uri);
    this.schedule(uri, immediate ? 0 : this.options.changeDelayMs);
    for (const dependant of this.dependantsOf(uri)) this.schedule(dependant, this.options.changeDelayMs);
  }

  documentClosed(uri: string): void {
    this.cancel(uri);
    this.checked.delete(uri);
    this.checkedAgainst.delete(uri);
    this.mustCheck.delete(uri);
    const hostHadDiagnostics = this.hostHadDiagnostics.get(uri);
    this.hostHadDiagnostics.delete(uri);
    if (hostHadDiagnostics !== false) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    // The closed buffer gives way to the file on disk, which may differ.
    for (const dependant of this.dependantsOf(uri)) {
      this.mustCheck.add(dependant);
      this.schedule(dependant, this.options.changeDelayMs);
    }
  }

  /** Settings or files on disk changed: check every open document again. */
  recheckAll(): void {
    for (const uri of this.workspace.openUris()) {
      this.mustCheck.add(uri);
      this.schedule(uri, this.options.changeDelayMs);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    this.generations.set(uri, (this.generations.get(uri) ?? 0) + 1);
  }

  private schedule(uri: string, delayMs: number): void {
    this.cancel(uri);
    const generation = this.generations.get(uri)!;
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.run(uri, generation).catch((error: unknown) => {
        this.connection.console.error(`alloy-language-server: checking ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      });
    }, delayMs);
    this.timers.set(uri, timer);
  }

  private isCurrent(uri: string, generation: number): boolean {
    return this.generations.get(uri) === generation;
  }

  private async run(uri: string, generation: number): Promise<void> {
    const document = this.workspace.document(uri);
    if (!document) return;
    const forced = this.mustCheck.delete(uri);
    // Checked at this version already: check again only if an open dependency changed in a way it can
    // see. (A change of settings or of files on disk forces the check: see `recheckAll`.)
    if (!forced && this.lastResult(uri, document.version) && sameEntries(this.checkedAgainst.get(uri), this.dependencyKeys(uri))) return;
    let settings: EffectiveSettings;
    try {
      settings = await this.settingsFor(uri);
    } catch {
      settings = { rules: {}, ignored: false };
    }
    if (this.workspace.embedded.isHost(uri)) {
      if (this.isCurrent(uri, generation)) await this.publishHost(uri, document, settings);
      else if (forced) this.mustCheck.add(uri);
      return;
    }
    // A newer change (and so a newer document version) supersedes this run.
    const diagnostics = this.isCurrent(uri, generation) ? this.diagnosticsOf(document, settings) : undefined;
    if (diagnostics === undefined || !this.isCurrent(uri, generation)) {
      if (forced) this.mustCheck.add(uri);
      return;
    }
    this.checked.set(uri, { uri, version: document.version, diagnostics });
    // After the check, whose parse the workspace keeps: nothing is parsed for this.
    this.checkedAgainst.set(uri, this.dependencyKeys(uri));
    const lspDiagnostics = diagnostics.map((diagnostic) => toLspDiagnostic(document, diagnostic));
    if (settings.configProblem) {
      lspDiagnostics.unshift({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Warning,
        source: 'alloy',
        code: 'alloy-lint/config',
        message: settings.configProblem,
      });
    }
    await this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: lspDiagnostics });
  }

  /**
   * A host document (YAML, a template): its own problems (invalid YAML, a key whose value cannot be
   * checked), then each configuration's diagnostics at host positions. A host that holds no Alloy
   * and never had diagnostics gets no notification at all.
   */
  private async publishHost(uri: string, document: TextDocument, settings: EffectiveSettings): Promise<void> {
    const kind = this.workspace.embedded.kindOf(uri)?.kind;
    this.workspace.embedded.configure(uri, {
      options: settings.yamlKeys ? { yamlKeys: settings.yamlKeys } : {},
      served: kind === 'yaml' ? settings.embedded?.yaml !== false : kind === 'template' ? settings.embedded?.templates !== false : true,
    });
    const host = this.workspace.embedded.host(uri);
    if (!host) return;
    const lspDiagnostics = this.hostDiagnostics(host, settings);
    this.checked.set(uri, { uri, version: document.version, diagnostics: [] });
    const hadDiagnostics = this.hostHadDiagnostics.get(uri) === true;
    this.hostHadDiagnostics.set(uri, lspDiagnostics.length > 0);
    if (lspDiagnostics.length === 0 && !hadDiagnostics) return;
    await this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: lspDiagnostics });
  }

  /** The diagnostics of a host document, as published (see `publishHost`). */
  hostDiagnostics(host: HostDocument, settings: EffectiveSettings): LspDiagnostic[] {
    const result: LspDiagnostic[] = [];
    for (const problem of host.extraction.problems) {
      const level = settings.rules[problem.code];
      if (level === 'off') continue;
      result.push({
        range: offsetsToRange(host.document, problem.range.start, problem.range.end),
        severity: lspSeverity[level ? severityByLevel[level] : problem.severity],
        source: 'alloy',
        code: problem.code,
        message: problem.message,
      });
    }
    for (const embedded of host.embedded) {
      const ownFileName = uriToPath(embedded.uri) ?? embedded.uri;
      for (const diagnostic of this.diagnosticsOf(embedded.document, settings)) {
        const lsp = toLspDiagnostic(embedded.document, diagnostic);
        // Related places in this configuration are at its own positions: the embedded document maps them.
        diagnostic.related?.forEach((item, index) => {
          const related = lsp.relatedInformation?.[index];
          if (related && item.fileName === ownFileName) related.location = { uri: host.uri, range: toLspRange(embedded.document, item.range) };
        });
        result.push(lsp);
      }
    }
    return result;
  }

  /**
   * The checker's diagnostics, which include the parser's. The checker is handed the
   * workspace's parse of this version (re-parsed incrementally after an edit), so the text
   * is parsed once whether the features or the check come first. The checker never takes
   * the server down: when it fails, the parser's diagnostics are published.
   */
  diagnosticsOf(document: TextDocument, settings: EffectiveSettings): AlloyDiagnostic[] {
    const path = uriToPath(document.uri);
    const parsed = this.workspace.parsed(document.uri);
    // A configuration inside a host: checked alone (no sibling files), its diagnostics as the host shows them.
    const embedded = parsed?.embeddedIn !== undefined ? this.workspace.embedded.embeddedDocument(document.uri) : undefined;
    if (embedded) return diagnosticsInHost(embedded, this.checkedDiagnostics(document, parsed!, { ...settings, assembly: undefined, workspaceRoot: undefined }, false));
    if (settings.ignored || !parsed) return [...(parsed?.parse.diagnostics ?? [])];
    return this.checkedDiagnostics(document, parsed, settings, path !== undefined);
  }

  private checkedDiagnostics(document: TextDocument, parsed: ParsedDocument, settings: EffectiveSettings, siblings: boolean): AlloyDiagnostic[] {
    if (settings.ignored) return [...parsed.parse.diagnostics];
    const path = parsed.path;
    let checked: AlloyDiagnostic[];
    try {
      const result = checkText(document.getText(), {
        parse: parsed.parse,
        fileName: path ?? document.uri,
        fileSystem: this.workspace.fileSystem,
        ...(settings.importRoots ? { importRoots: settings.importRoots } : {}),
        ...(settings.stabilityLevel ? { stabilityLevel: settings.stabilityLevel } : {}),
        ...(settings.alloyVersion ? { alloyVersion: settings.alloyVersion, alloyVersionSource: settings.alloyVersionSource } : {}),
        ...(settings.assembly ? { assembly: settings.assembly } : {}),
        ...(settings.workspaceRoot ? { workspaceRoot: settings.workspaceRoot } : {}),
        rules: settings.rules,
        siblings,
      });
      checked = result.diagnostics;
    } catch (error) {
      this.connection.console.error(`alloy checker failed on ${document.uri}: ${error instanceof Error ? error.message : String(error)}`);
      checked = parsed.parse.diagnostics;
    }
    const seen = new Set<string>();
    const merged: AlloyDiagnostic[] = [];
    for (const diagnostic of checked) {
      const key = diagnosticKey(diagnostic);
      if (seen.has(key)) continue;
      seen.add(key);
      const level = settings.rules[diagnostic.code];
      if (level === 'off') continue;
      merged.push(level ? { ...diagnostic, severity: severityByLevel[level] } : diagnostic);
    }
    return merged;
  }

  /**
   * The open documents `uri` depends on, each with a key that changes when what `uri` can
   * see of it changes: for a module it imports, its version; for another file of its
   * directory, its outward signature.
   */
  private dependencyKeys(uri: string): Map<string, string> {
    const keys = new Map<string, string>();
    const ownPath = uriToPath(uri);
    // Host documents (YAML, templates) are nothing an Alloy file can see.
    const others = this.workspace.openUris().filter((other) => other !== uri && !this.workspace.embedded.isHost(other));
    if (!ownPath || others.length === 0) return keys;
    const own = this.workspace.parsedIfReady(uri);
    const imported = own ? importedPaths(own) : undefined;
    const directory = dirname(ownPath);
    for (const other of others) {
      const path = uriToPath(other);
      if (!path) continue;
      const version = this.workspace.document(other)?.version ?? -1;
      if (!imported) {
        keys.set(other, `unknown imports, version ${version}`);
      } else if (importsPath(imported, path)) {
        keys.set(other, `imported, version ${version}`);
      } else if (dirname(path) === directory) {
        // A sibling whose current version is not parsed yet will be checked (and parsed) soon: do not parse it here.
        const sibling = this.workspace.parsedIfReady(other);
        keys.set(other, sibling ? outwardSignature(sibling) : `not parsed yet, version ${version}`);
      }
    }
    return keys;
  }

  /** Open documents whose result may change when `uri` changes: same directory, or importing it. */
  private dependantsOf(uri: string): string[] {
    const changed = uriToPath(uri);
    if (!changed || this.workspace.embedded.isHost(uri)) return [];
    const changedDirectory = dirname(changed);
    const dependants: string[] = [];
    for (const other of this.workspace.openUris()) {
      if (other === uri) continue;
      const otherPath = uriToPath(other);
      if (!otherPath) continue;
      // Same directory: no need to parse the other file to know it depends on this one.
      if (dirname(otherPath) === changedDirectory) {
        dependants.push(other);
        continue;
      }
      const parsed = this.workspace.parsed(other);
      if (parsed && importsPath(importedPaths(parsed), changed)) dependants.push(other);
    }
    return dependants;
  }
}

/** The `import.file` targets of a file (at the top level, in `declare` bodies and `foreach` templates), from its syntax tree. */
function importedPaths(parsed: ParsedDocument): string[] {
  const paths: string[] = [];
  const visit = (statements: readonly Statement[]): void => {
    for (const statement of statements) {
      if (statement.type !== 'Block') continue;
      if (statement.fullName === 'import.file') {
        const path = importFilePath(statement, parsed.path);
        if (path) paths.push(path);
      } else if (statement.fullName === 'declare' || statement.fullName === 'foreach' || statement.fullName === 'template') {
        visit(statement.body);
      }
    }
  };
  visit(parsed.parse.file.body);
  return paths;
}

/** Whether one of `imported` (see `importedPaths`) is the file `target` or its directory. */
function importsPath(imported: readonly string[], target: string): boolean {
  return imported.some((path) => path === target || path === dirname(target));
}

function sameEntries(before: ReadonlyMap<string, string> | undefined, after: ReadonlyMap<string, string>): boolean {
  if (!before || before.size !== after.size) return false;
  for (const [key, value] of after) if (before.get(key) !== value) return false;
  return true;
}

/** Blocks whose whole text other files may depend on (with `import.*`, tested by prefix): module definitions and templates. */
const opaqueBlocks: ReadonlySet<string> = new Set(['declare', 'argument', 'export', 'foreach']);

/**
 * What the other files of a directory can see of a file: its syntax errors, the ids of its
 * top-level blocks, the whole text of its `declare`, `import.*`, `argument`, `export` and
 * `foreach` blocks, and the references each top-level block makes (component graph edges,
 * unused components). Attribute values other than references are invisible to them.
 */
export function outwardSignature(parsed: ParsedDocument): string {
  let signature = signatures.get(parsed);
  if (signature === undefined) {
    signature = computeOutwardSignature(parsed);
    signatures.set(parsed, signature);
  }
  return signature;
}

/** Per parsed version: `dependencyKeys` asks for a sibling's signature before and after each check of every file of its directory. */
const signatures = new WeakMap<ParsedDocument, string>();

function computeOutwardSignature(parsed: ParsedDocument): string {
  const text = parsed.document.getText();
  const parts: string[] = parsed.parse.diagnostics.map((diagnostic) => `syntax ${diagnostic.range.start.offset} ${diagnostic.message}`);
  for (const statement of parsed.parse.file.body) {
    if (statement.type === 'Attribute') {
      parts.push(`attribute ${statement.name}`);
      continue;
    }
    if (opaqueBlocks.has(statement.fullName) || statement.fullName.startsWith('import.')) {
      parts.push(text.slice(statement.start, statement.end));
      continue;
    }
    const traversals: Traversal[] = [];
    collectBlockTraversals(statement, traversals);
    parts.push(`block ${definitionId(statement)} -> ${traversals.map((traversal) => traversal.segments.map((segment) => segment.name).join('.')).join(' ')}`);
  }
  return parts.join('\n');
}

function collectBlockTraversals(block: Block, into: Traversal[]): void {
  for (const statement of block.body) {
    if (statement.type === 'Attribute') collectTraversals(statement.value, into);
    else collectBlockTraversals(statement, into);
  }
}

function diagnosticKey(diagnostic: AlloyDiagnostic): string {
  return `${diagnostic.code}|${diagnostic.range.start.offset}|${diagnostic.range.end.offset}|${diagnostic.message}`;
}

/**
 * A diagnostic as the client gets it. LSP has no field for the checker's hint (what to do about it,
 * as alloy-lint prints under the message): it follows the message on a line of its own.
 */
export function toLspDiagnostic(document: TextDocument, diagnostic: AlloyDiagnostic): LspDiagnostic {
  return {
    range: toLspRange(document, diagnostic.range),
    severity: lspSeverity[diagnostic.severity] ?? DiagnosticSeverity.Error,
    source: 'alloy',
    code: diagnostic.code,
    message: diagnostic.hint === undefined ? diagnostic.message : `${diagnostic.message}\nhint: ${diagnostic.hint}`,
    ...(diagnostic.related?.length
      ? {
          relatedInformation: diagnostic.related.map((item) => ({
            message: item.message,
            location: {
              uri: pathToUri(item.fileName),
              range: {
                start: { line: item.range.start.line - 1, character: item.range.start.column - 1 },
                end: { line: item.range.end.line - 1, character: item.range.end.column - 1 },
              },
            },
          })),
        }
      : {}),
  };
}
