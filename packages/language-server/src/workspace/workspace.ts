import { readdirSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { TextDocuments, type TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildFileModel, type FileModel, type Scope } from '../analysis/fileModel.js';
import {
  DEFAULT_MAX_READ_BYTES,
  describeFileKind,
  parse,
  readRegularTextFile,
  realPathAsFarAsItExists,
  reparse,
  type Block,
  type CheckerFileSystem,
  type ParseResult,
} from '../toolkit.js';
import { importRootsFor, isWithinRoots } from './confinement.js';
import { EmbeddedDocuments } from './embeddedDocuments.js';
import { documentKey, pathToUri, uriToPath } from './uris.js';

/** A document after the parse phase: text, syntax tree and light semantic model. */
export interface ParsedDocument {
  readonly uri: string;
  /** File-system path, or the URI for documents without one. */
  readonly key: string;
  readonly path: string | undefined;
  readonly version: number;
  readonly document: TextDocument;
  readonly parse: ParseResult;
  /** Built on first use: the diagnostics path never needs it. */
  readonly model: FileModel;
  /** For a configuration inside a host document (YAML, a template): the host's URI. Such a document has no sibling files. */
  readonly embeddedIn?: string;
}

const maxWorkspaceFiles = 5000;

/** One change of an open document, as offsets into the text it applied to; `undefined` offsets replace the whole text. */
interface OffsetChange {
  startOffset?: number;
  endOffset?: number;
  text: string;
}

/** The edits made to an open document since the parse of one of its versions. */
interface PendingChanges {
  baseText: string;
  baseParse: ParseResult;
  changes: OffsetChange[];
  /** The version the changes lead to. */
  version: number;
}

/** Beyond this many edits since the last parse, one full parse is cheaper than replaying them. */
const maxReplayedChanges = 64;

/**
 * Every document the server knows: the open buffers first, the disk second.
 * Parsing is cached per document version (and, for files read from disk, per text);
 * disk reads are cached and revalidated with `stat`, so unchanged files on disk are
 * neither read nor parsed again.
 */
export class AlloyWorkspace {
  private readonly parsedOpen = new Map<string, ParsedDocument>();
  /** Per open document: the edits since its last parse, re-parsed incrementally when a feature or a check asks. */
  private readonly pendingChanges = new Map<string, PendingChanges>();
  private readonly parsedDisk = new Map<string, ParsedDocument>();
  /** Open documents by file-system path. */
  private readonly openByPath = new Map<string, TextDocument>();
  readonly disk = new DiskCache();
  workspaceFolders: string[] = [];

  /** The open documents, kept with `documentUpdates`, so that edits are re-parsed incrementally. */
  readonly documents: TextDocuments<TextDocument>;
  /**
   * The open documents that hold Alloy rather than being Alloy (YAML, templates): `parsed` gives
   * nothing for them, and the parse of each of their configurations for its embedded URI.
   */
  readonly embedded: EmbeddedDocuments;

  constructor() {
    this.documents = new TextDocuments(this.documentUpdates);
    this.embedded = new EmbeddedDocuments(
      (uri) => this.documents.get(uri),
      (embedded) => parseDocument(embedded.document, undefined, embedded.hostUri),
    );
    this.documents.onDidOpen((event) => this.indexOpen(event.document));
    this.documents.onDidClose((event) => {
      const path = uriToPath(event.document.uri);
      if (path && this.openByPath.get(path)?.uri === event.document.uri) this.openByPath.delete(path);
      this.parsedOpen.delete(event.document.uri);
      this.pendingChanges.delete(event.document.uri);
      this.embedded.forget(event.document.uri);
    });
  }

  /**
   * How `TextDocuments` applies `didChange`: one change at a time, noting each as offsets into
   * the text it applies to, so that the next parse re-parses only what the changes touched.
   */
  readonly documentUpdates: TextDocumentsConfiguration<TextDocument> = {
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update: (document, changes, version) => {
      const pending = this.pendingFor(document);
      let current = document;
      for (const change of changes) {
        if (pending) {
          if ('range' in change) pending.changes.push({ startOffset: current.offsetAt(change.range.start), endOffset: current.offsetAt(change.range.end), text: change.text });
          else pending.changes.push({ text: change.text });
        }
        current = TextDocument.update(current, [change], version);
      }
      if (pending) {
        pending.version = version;
        this.pendingChanges.set(document.uri, pending);
      } else this.pendingChanges.delete(document.uri);
      return current;
    },
  };

  /** The pending edits `document`'s next changes extend: since the parse of its current version, or since an earlier parse. */
  private pendingFor(document: TextDocument): PendingChanges | undefined {
    const pending = this.pendingChanges.get(document.uri);
    if (pending && pending.version === document.version) return pending.changes.length < maxReplayedChanges ? pending : undefined;
    const cached = this.parsedOpen.get(document.uri);
    if (cached && cached.version === document.version && cached.document === document) {
      return { baseText: document.getText(), baseParse: cached.parse, changes: [], version: document.version };
    }
    return undefined;
  }

  /** The parse of `document`'s current text by replaying its pending edits on an earlier parse, if there is one. */
  private incrementalParse(document: TextDocument): ParseResult | undefined {
    const pending = this.pendingChanges.get(document.uri);
    this.pendingChanges.delete(document.uri);
    if (!pending || pending.version !== document.version) return undefined;
    let text = pending.baseText;
    let result = pending.baseParse;
    for (const change of pending.changes) {
      if (change.startOffset === undefined || change.endOffset === undefined) return undefined;
      // The previous version's parse is replaced by this one: nothing reads it any more, so it is moved, not copied.
      const next = reparse(text, result, { startOffset: change.startOffset, endOffset: change.endOffset, text: change.text }, { consumePrevious: true });
      text = next.text;
      result = next.result;
    }
    // A guard, not an expected case: the replayed text must be the document's.
    return text === document.getText() ? result : undefined;
  }

  private indexOpen(document: TextDocument): void {
    const path = uriToPath(document.uri);
    if (path) this.openByPath.set(path, document);
  }

  /** The open document for a URI, at its current version. */
  document(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** The parsed state of an open document (or of a configuration in one), parsing it if this version is new. */
  parsed(uri: string): ParsedDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return this.embedded.parsed(uri);
    if (this.embedded.isHost(uri)) return undefined;
    const cached = this.parsedOpen.get(uri);
    if (cached && cached.version === document.version && cached.document === document) return cached;
    const parsed = parseDocument(document, this.incrementalParse(document));
    this.parsedOpen.set(uri, parsed);
    return parsed;
  }

  /** The parse of the current version of an open document, only if it was made already (never parses). */
  parsedIfReady(uri: string): ParsedDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return this.embedded.parsedIfReady(uri);
    const cached = this.parsedOpen.get(uri);
    return document && cached && cached.version === document.version && cached.document === document ? cached : undefined;
  }

  openUris(): string[] {
    return this.documents.keys();
  }

  /** The open document for a path, if any. */
  openDocumentFor(path: string): TextDocument | undefined {
    const indexed = this.openByPath.get(path);
    if (indexed && this.documents.get(indexed.uri)) return this.documents.get(indexed.uri);
    return undefined;
  }

  /** What the checker reads: open buffers first, the (cached) disk second. */
  readonly fileSystem: CheckerFileSystem = {
    readFile: (path: string): string | undefined => this.readText(resolve(path)),
    readDirectory: (path: string): string[] | undefined => {
      const directory = resolve(path);
      const onDisk = this.disk.readDirectory(directory);
      let extra: string[] | undefined;
      for (const openPath of this.openByPath.keys()) {
        if (dirname(openPath) !== directory || !this.openDocumentFor(openPath)) continue;
        const name = openPath.slice(directory.length + (directory.endsWith('/') ? 0 : 1));
        if (onDisk?.includes(name)) continue;
        (extra ??= []).push(name);
      }
      if (!extra) return onDisk;
      return [...(onDisk ?? []), ...extra].sort();
    },
    unreadableReason: (path: string): string | undefined => (this.openDocumentFor(resolve(path)) ? undefined : this.disk.unreadableReason(resolve(path))),
    realPath: realPathAsFarAsItExists,
  };

  /**
   * Per importing document (by path): where its imports may be read from, as its settings say
   * (see `importRootsFor`); the features that look into imported modules follow it as the
   * checker does. A document not listed gets the default: its workspace folders.
   */
  readonly importRootsByDocument = new Map<string, string[] | undefined>();

  private importRootsOf(fromPath: string | undefined): string[] | undefined {
    if (fromPath !== undefined && this.importRootsByDocument.has(fromPath)) return this.importRootsByDocument.get(fromPath);
    return importRootsFor({}, fromPath, this.workspaceFolders);
  }

  /** Text of a file: the open buffer first, the disk second. */
  readText(path: string): string | undefined {
    const open = this.openDocumentFor(path);
    if (open) return open.getText();
    return this.disk.readFile(path);
  }

  /** The parsed state of any file, open or on disk. */
  parsedPath(path: string): ParsedDocument | undefined {
    const open = this.openDocumentFor(path);
    if (open) return this.parsed(open.uri);
    const text = this.disk.readFile(path);
    if (text === undefined) return undefined;
    const cached = this.parsedDisk.get(path);
    if (cached && cached.document.getText() === text) return cached;
    const parsed = parseDocument(TextDocument.create(pathToUri(path), 'alloy', 0, text));
    this.parsedDisk.set(path, parsed);
    return parsed;
  }

  /** Files changed on disk (watched-file notifications): drop what was cached about them. */
  diskChanged(paths: readonly string[]): void {
    for (const path of paths) {
      this.disk.forget(path);
      this.parsedDisk.delete(path);
    }
  }

  /** The other `.alloy` files of the directory of `path` (one Alloy configuration). */
  siblingPaths(path: string | undefined): string[] {
    if (!path) return [];
    return this.alloyFilesOf(dirname(path)).filter((candidate) => candidate !== path);
  }

  /** The `.alloy` files of a directory, on disk or open. */
  alloyFilesOf(directory: string): string[] {
    return (this.fileSystem.readDirectory(directory) ?? [])
      .filter((name) => extname(name) === '.alloy')
      .sort()
      .map((name) => join(directory, name));
  }

  /** The parsed siblings of a document. */
  siblings(parsed: ParsedDocument): ParsedDocument[] {
    if (parsed.embeddedIn !== undefined || parsed.model.root.isModule) return [];
    const result: ParsedDocument[] = [];
    for (const path of this.siblingPaths(parsed.path)) {
      const sibling = this.parsedPath(path);
      if (sibling && !sibling.model.root.isModule) result.push(sibling);
    }
    return result;
  }

  siblingRoots(parsed: ParsedDocument): Scope[] {
    return this.siblings(parsed).map((sibling) => sibling.model.root);
  }

  /** The files an `import.file` block points at (a file, or the `.alloy` files of a directory). */
  importedFiles(importBlock: Block, fromPath: string | undefined): string[] {
    const target = importFilePath(importBlock, fromPath);
    if (!target) return [];
    const roots = this.importRootsOf(fromPath);
    if (!isWithinRoots(target, roots)) return [];
    try {
      if (statSync(target).isDirectory()) return this.alloyFilesOf(target).filter((file) => isWithinRoots(file, roots));
    } catch {
      return this.openDocumentFor(target) ? [target] : [];
    }
    return [target];
  }

  /** The `.alloy` files of the workspace folders and of the open documents' directories. */
  workspaceFiles(): string[] {
    const files = new Set<string>();
    for (const folder of this.workspaceFolders) collectAlloyFiles(folder, files, 0);
    for (const uri of this.openUris()) {
      const path = this.embedded.isHost(uri) ? undefined : uriToPath(uri);
      if (path) {
        files.add(path);
        for (const sibling of this.alloyFilesOf(dirname(path))) files.add(sibling);
      }
    }
    return [...files];
  }
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  text: string | undefined;
}

interface CachedDirectory {
  mtimeMs: number;
  entries: string[] | undefined;
}

/** The most bytes the server reads from one file on disk (siblings, imported modules). */
export const maxDiskFileBytes = DEFAULT_MAX_READ_BYTES;

/**
 * Reads of files and directory listings, kept until `stat` says they changed
 * (modification time or size), so a keystroke does not re-read a directory of
 * unchanged files.
 */
export class DiskCache {
  private readonly files = new Map<string, CachedFile>();
  private readonly directories = new Map<string, CachedDirectory>();
  /** Why the last read of a path returned nothing, for messages ("not a regular file (a fifo)"). */
  private readonly reasons = new Map<string, string>();

  readFile(path: string): string | undefined {
    let mtimeMs: number;
    let size: number;
    try {
      const stats = statSync(path);
      // Decided on `stat`, without opening: opening some devices has effects of its own.
      if (!stats.isFile()) return this.refuse(path, stats.isDirectory() ? 'is a directory' : `not a regular file (${describeFileKind(stats)})`);
      if (stats.size > maxDiskFileBytes) return this.refuse(path, `file is too large (${stats.size} bytes; the limit is ${maxDiskFileBytes})`);
      mtimeMs = stats.mtimeMs;
      size = stats.size;
    } catch (error) {
      this.files.delete(path);
      const code = (error as NodeJS.ErrnoException).code;
      return this.refuse(path, code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'cannot be read'));
    }
    const cached = this.files.get(path);
    if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.text;
    // Regular files only, capped: a file replaced by a fifo or a /proc file between the stat and the read
    // (or one whose size stat does not know) cannot block the server or exhaust its memory.
    const outcome = readRegularTextFile(path, { maxBytes: maxDiskFileBytes });
    const text = outcome.ok ? outcome.text : undefined;
    if (outcome.ok) this.reasons.delete(path);
    else this.refuse(path, outcome.message);
    this.files.set(path, { mtimeMs, size, text });
    return text;
  }

  unreadableReason(path: string): string | undefined {
    return this.reasons.get(path);
  }

  private refuse(path: string, reason: string): undefined {
    if (this.reasons.size >= 1000) this.reasons.clear();
    this.reasons.set(path, reason);
    return undefined;
  }

  /** Entry names, sorted, or undefined when `path` is not a directory. */
  readDirectory(path: string): string[] | undefined {
    let mtimeMs: number;
    try {
      const stats = statSync(path);
      if (!stats.isDirectory()) return undefined;
      mtimeMs = stats.mtimeMs;
    } catch {
      this.directories.delete(path);
      return undefined;
    }
    const cached = this.directories.get(path);
    if (cached && cached.mtimeMs === mtimeMs) return cached.entries;
    let entries: string[] | undefined;
    try {
      entries = readdirSync(path).sort();
    } catch {
      entries = undefined;
    }
    this.directories.set(path, { mtimeMs, entries });
    return entries;
  }

  forget(path: string): void {
    this.files.delete(path);
    this.directories.delete(path);
    this.directories.delete(dirname(path));
  }
}

/**
 * The parse phase of a document; `parseResult` is a parse of the same text made elsewhere.
 * `embeddedIn`: the document is a configuration inside that host document, whose path it shares
 * (its embedded URI is the host's with a fragment).
 */
export function parseDocument(document: TextDocument, parseResult?: ParseResult, embeddedIn?: string): ParsedDocument {
  const path = uriToPath(document.uri);
  const result = parseResult ?? parse(document.getText(), { fileName: path ?? document.uri });
  let model: FileModel | undefined;
  return {
    uri: document.uri,
    key: documentKey(document.uri),
    path,
    version: document.version,
    document,
    parse: result,
    get model(): FileModel {
      model ??= buildFileModel(path ?? document.uri, result.file, result.lines);
      return model;
    },
    ...(embeddedIn !== undefined ? { embeddedIn } : {}),
  };
}

/** The path written in an `import.file` block's `filename`, resolved against the importing file's directory. */
export function importFilePath(importBlock: Block, fromPath: string | undefined): string | undefined {
  if (importBlock.fullName !== 'import.file') return undefined;
  for (const statement of importBlock.body) {
    if (statement.type !== 'Attribute' || statement.name !== 'filename') continue;
    const value = statement.value;
    if (value.type !== 'Literal' || value.kind !== 'string' || typeof value.value !== 'string') return undefined;
    if (isAbsolute(value.value)) return value.value;
    return resolve(fromPath ? dirname(fromPath) : process.cwd(), value.value);
  }
  return undefined;
}

function collectAlloyFiles(directory: string, into: Set<string>, depth: number): void {
  if (depth > 8 || into.size >= maxWorkspaceFiles) return;
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (into.size >= maxWorkspaceFiles) return;
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(directory, entry.name);
    if (entry.isDirectory()) collectAlloyFiles(full, into, depth + 1);
    else if (entry.isFile() && extname(entry.name) === '.alloy') into.add(full);
  }
}
