import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildFileModel, type FileModel, type Scope } from '../analysis/fileModel.js';
import { parse, type Block, type ParseResult } from '../toolkit.js';
import { documentKey, pathToUri, uriToPath } from './uris.js';

/** A document after the parse phase: text, syntax tree and light semantic model. */
export interface ParsedDocument {
  uri: string;
  /** File-system path, or the URI for documents without one. */
  key: string;
  path: string | undefined;
  version: number;
  document: TextDocument;
  parse: ParseResult;
  model: FileModel;
}

const maxWorkspaceFiles = 5000;

/**
 * Every document the server knows: the open buffers first, the disk second.
 * Parsing is cached per document version (and, for files read from disk, per text).
 */
export class AlloyWorkspace {
  private readonly parsedOpen = new Map<string, ParsedDocument>();
  private readonly parsedDisk = new Map<string, ParsedDocument>();
  workspaceFolders: string[] = [];

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  /** The parsed state of an open document, parsing it if this version is new. */
  parsed(uri: string): ParsedDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const cached = this.parsedOpen.get(uri);
    if (cached && cached.version === document.version && cached.document === document) return cached;
    const parsed = parseDocument(document);
    this.parsedOpen.set(uri, parsed);
    return parsed;
  }

  forget(uri: string): void {
    this.parsedOpen.delete(uri);
  }

  openUris(): string[] {
    return this.documents.keys();
  }

  /** Open buffers by file-system path, for the checker's overlay file system. */
  openBuffers(): Map<string, string> {
    const buffers = new Map<string, string>();
    for (const document of this.documents.all()) {
      const path = uriToPath(document.uri);
      if (path) buffers.set(path, document.getText());
    }
    return buffers;
  }

  /** The open document for a path, if any. */
  openDocumentFor(path: string): TextDocument | undefined {
    for (const document of this.documents.all()) if (uriToPath(document.uri) === path) return document;
    return undefined;
  }

  /** Text of a file: the open buffer first, the disk second. */
  readText(path: string): string | undefined {
    const open = this.openDocumentFor(path);
    if (open) return open.getText();
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The parsed state of any file, open or on disk. */
  parsedPath(path: string): ParsedDocument | undefined {
    const open = this.openDocumentFor(path);
    if (open) return this.parsed(open.uri);
    const text = this.readText(path);
    if (text === undefined) return undefined;
    const cached = this.parsedDisk.get(path);
    if (cached && cached.document.getText() === text) return cached;
    const parsed = parseDocument(TextDocument.create(pathToUri(path), 'alloy', 0, text));
    this.parsedDisk.set(path, parsed);
    return parsed;
  }

  /** The other `.alloy` files of the directory of `path` (one Alloy configuration). */
  siblingPaths(path: string | undefined): string[] {
    if (!path) return [];
    const directory = dirname(path);
    return listAlloyFiles(directory).filter((candidate) => candidate !== path);
  }

  /** The parsed siblings of a document. */
  siblings(parsed: ParsedDocument): ParsedDocument[] {
    if (parsed.model.root.isModule) return [];
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
    try {
      if (statSync(target).isDirectory()) return listAlloyFiles(target);
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
      const path = uriToPath(uri);
      if (path) {
        files.add(path);
        for (const sibling of listAlloyFiles(dirname(path))) files.add(sibling);
      }
    }
    return [...files];
  }
}

export function parseDocument(document: TextDocument): ParsedDocument {
  const path = uriToPath(document.uri);
  const parseResult = parse(document.getText(), { fileName: path ?? document.uri });
  return {
    uri: document.uri,
    key: documentKey(document.uri),
    path,
    version: document.version,
    document,
    parse: parseResult,
    model: buildFileModel(path ?? document.uri, parseResult.file),
  };
}

/** The path written in an `import.file` block's `filename`, resolved against the importing file's directory. */
export function importFilePath(importBlock: Block, fromPath: string | undefined): string | undefined {
  if (importBlock.fullName !== 'import.file') return undefined;
  for (const statement of importBlock.body) {
    if (statement.type !== 'Attribute' || statement.name.name !== 'filename') continue;
    const value = statement.value;
    if (value.type !== 'Literal' || value.kind !== 'string' || typeof value.value !== 'string') return undefined;
    if (isAbsolute(value.value)) return value.value;
    return resolve(fromPath ? dirname(fromPath) : process.cwd(), value.value);
  }
  return undefined;
}

export function listAlloyFiles(directory: string): string[] {
  try {
    return readdirSync(directory)
      .filter((name) => extname(name) === '.alloy')
      .sort()
      .map((name) => join(directory, name));
  } catch {
    return [];
  }
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
