import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CallHierarchyIncomingCallsParams,
  type CallHierarchyOutgoingCallsParams,
  type CallHierarchyPrepareParams,
  type CodeActionParams,
  type CodeLensParams,
  type CompletionParams,
  type Connection,
  type DefinitionParams,
  type DocumentFormattingParams,
  type DocumentHighlightParams,
  type DocumentLinkParams,
  type DocumentRangeFormattingParams,
  type DocumentSymbolParams,
  type FoldingRangeParams,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type PrepareRenameParams,
  type ReferenceParams,
  type RenameParams,
  type SelectionRangeParams,
  type SemanticTokensParams,
  type SignatureHelpParams,
} from 'vscode-languageserver/node';
import { CompletionProvider } from './providers/completion.js';
import { CodeActionProvider, FormattingProvider } from './providers/editing.js';
import { HoverProvider } from './providers/hover.js';
import type { LanguageContext } from './providers/languageContext.js';
import { CallHierarchyProvider } from './providers/callHierarchy.js';
import { CodeLensProvider } from './providers/codeLens.js';
import { DocumentHighlightProvider } from './providers/documentHighlight.js';
import { PipelineGraphProvider, pipelineGraphRequest, type PipelineGraphParams } from './providers/graph.js';
import { DefinitionProvider, ReferencesProvider, RenameProvider } from './providers/navigation.js';
import { SemanticTokensProvider, semanticTokensLegend } from './providers/semanticTokens.js';
import { SignatureHelpProvider } from './providers/signatureHelp.js';
import {
  DocumentLinkProvider,
  DocumentSymbolProvider,
  FoldingRangeProvider,
  SelectionRangeProvider,
  WorkspaceSymbolProvider,
} from './providers/structure.js';
import { clearDetectedVersions, forgetWorkspaceDefinitions } from './toolkit.js';
import { importRootsFor } from './workspace/confinement.js';
import { DiagnosticsService } from './workspace/diagnostics.js';
import { EmbeddedRequests, withTemplateTextInName } from './workspace/embeddedDocuments.js';
import { effectiveSettings, sanitizeSettings, type AlloySettings, type EffectiveSettings } from './workspace/settings.js';
import { uriToPath } from './workspace/uris.js';
import { AlloyWorkspace } from './workspace/workspace.js';

export interface AlloyLanguageServerOptions {
  /** Debounce of diagnostics after a change; default 150 ms. */
  diagnosticsDelayMs?: number;
}

export const serverName = 'alloy-language-server';
export const serverVersion = '0.1.0';

/**
 * Wires the Alloy language services to a connection and starts listening.
 * Every feature is a small provider class; this is the only place that
 * knows them all. Returns a function that stops pending work.
 */
export function createAlloyLanguageServer(connection: Connection, options: AlloyLanguageServerOptions = {}): { dispose(): void } {
  const workspace = new AlloyWorkspace();
  const documents = workspace.documents;
  const context: LanguageContext = { workspace, clientSupportsSnippets: false, clientSupportsMarkdown: true };

  let initializationSettings: AlloySettings = {};
  let pushedSettings: AlloySettings | undefined;
  let clientHasConfiguration = false;
  let clientHasWorkspaceFolders = false;
  let changeDelayMs = options.diagnosticsDelayMs ?? 150;
  const settingsCache = new Map<string, Promise<AlloySettings>>();

  const editorSettingsFor = (uri: string): Promise<AlloySettings> => {
    if (!clientHasConfiguration) return Promise.resolve({ ...initializationSettings, ...(pushedSettings ?? {}) });
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'alloy' })
        .then((value: unknown) => ({ ...initializationSettings, ...sanitizeSettings(value) }))
        .catch(() => ({ ...initializationSettings }));
      settingsCache.set(uri, cached);
    }
    return cached;
  };
  const settingsFor = async (requestedUri: string): Promise<EffectiveSettings> => {
    // A configuration inside a YAML file or a template has its host's settings.
    const uri = workspace.embedded.hostUriOf(requestedUri);
    const editor = await editorSettingsFor(uri);
    const path = uriToPath(uri);
    const settings = effectiveSettings(editor, path, workspace.workspaceFolders[0]);
    const importRoots = importRootsFor(editor, path, workspace.workspaceFolders);
    if (path !== undefined) workspace.importRootsByDocument.set(path, importRoots);
    return importRoots ? { ...settings, importRoots } : settings;
  };

  const diagnostics = new DiagnosticsService(connection, workspace, settingsFor, {
    get changeDelayMs() {
      return changeDelayMs;
    },
  });

  const completion = new CompletionProvider(context, settingsFor);
  const hover = new HoverProvider(context, settingsFor);
  const signatureHelp = new SignatureHelpProvider(context);
  const definition = new DefinitionProvider(context);
  const references = new ReferencesProvider(context);
  const rename = new RenameProvider(context);
  const documentSymbols = new DocumentSymbolProvider(context);
  const workspaceSymbols = new WorkspaceSymbolProvider(context);
  const folding = new FoldingRangeProvider(context);
  const selection = new SelectionRangeProvider(context);
  const semanticTokens = new SemanticTokensProvider(context);
  const links = new DocumentLinkProvider(context);
  const formatting = new FormattingProvider(context);
  const callHierarchy = new CallHierarchyProvider(context);
  const codeLenses = new CodeLensProvider(context);
  const highlights = new DocumentHighlightProvider(context);
  const pipelineGraph = new PipelineGraphProvider(context);
  const codeActions = new CodeActionProvider(context, async (parsed) => {
    const last = diagnostics.lastResult(parsed.uri, parsed.version);
    if (last) return last.diagnostics;
    return diagnostics.diagnosticsOf(parsed.document, await settingsFor(parsed.uri));
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    context.clientSupportsSnippets = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    const hoverFormats = capabilities.textDocument?.hover?.contentFormat;
    context.clientSupportsMarkdown = !hoverFormats || hoverFormats.includes('markdown');
    clientHasConfiguration = capabilities.workspace?.configuration === true;
    clientHasWorkspaceFolders = capabilities.workspace?.workspaceFolders === true;
    const initOptions = params.initializationOptions as Record<string, unknown> | undefined;
    initializationSettings = sanitizeSettings(initOptions);
    if (typeof initOptions?.diagnosticsDelayMs === 'number' && initOptions.diagnosticsDelayMs >= 0) {
      changeDelayMs = initOptions.diagnosticsDelayMs;
    }
    const folders = params.workspaceFolders?.map((folder) => uriToPath(folder.uri)).filter((path): path is string => !!path) ?? [];
    const rootPath = params.rootUri ? uriToPath(params.rootUri) : undefined;
    workspace.workspaceFolders = folders.length > 0 ? folders : rootPath ? [rootPath] : [];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: ['.', '"', '='], resolveProvider: false },
        hoverProvider: true,
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: true, range: false },
        documentLinkProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        callHierarchyProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentHighlightProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: serverName, version: serverVersion },
    };
  });

  connection.onInitialized(() => {
    if (clientHasConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'alloy' }).catch(() => undefined);
    }
    // The library creates this event only after `initialize`, and only for clients that support it.
    if (clientHasWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => uriToPath(folder.uri)));
        workspace.workspaceFolders = [
          ...workspace.workspaceFolders.filter((folder) => !removed.has(folder)),
          ...event.added.map((folder) => uriToPath(folder.uri)).filter((path): path is string => !!path),
        ];
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    clearDetectedVersions();
    const pushed = (change.settings as Record<string, unknown> | null | undefined)?.alloy;
    if (pushed !== undefined) pushedSettings = sanitizeSettings(pushed);
    diagnostics.recheckAll();
  });
  connection.onDidChangeWatchedFiles((change) => {
    settingsCache.clear();
    // A compose file, Dockerfile or chart may have changed the pinned Alloy release; an .alloy file what other directories define.
    clearDetectedVersions();
    forgetWorkspaceDefinitions();
    workspace.diskChanged(change.changes.map((event) => uriToPath(event.uri)).filter((path): path is string => path !== undefined));
    diagnostics.recheckAll();
  });
  // TextDocuments reports an open as a content change too: check an opened version once, at once.
  const openedVersions = new Map<string, number>();
  documents.onDidOpen((event) => {
    openedVersions.set(event.document.uri, event.document.version);
    diagnostics.documentChanged(event.document.uri, true);
  });
  documents.onDidChangeContent((event) => {
    if (openedVersions.get(event.document.uri) === event.document.version) return;
    diagnostics.documentChanged(event.document.uri, false);
  });
  documents.onDidClose((event) => {
    openedVersions.delete(event.document.uri);
    settingsCache.delete(event.document.uri);
    const path = uriToPath(event.document.uri);
    if (path !== undefined) workspace.importRootsByDocument.delete(path);
    diagnostics.documentClosed(event.document.uri);
  });

  // Host documents (YAML, templates) are served inside their Alloy configurations only, by these
  // wrappers (workspace symbols visit the open hosts' configurations themselves).
  const embedded = new EmbeddedRequests(workspace.embedded);

  // A failure inside a feature is logged and answered with InternalError; the server goes on.
  const guard =
    <P, R>(method: string, handler: (params: P) => R | Promise<R>) =>
    async (params: P): Promise<R> => {
      try {
        return await handler(params);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        connection.console.error(`alloy-language-server: ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        throw new ResponseError(ErrorCodes.InternalError, `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };

  connection.onCompletion(guard('textDocument/completion', embedded.atPosition((params: CompletionParams) => completion.provide(params), null)));
  connection.onHover(guard('textDocument/hover', embedded.atPosition((params: HoverParams) => hover.provide(params), null)));
  connection.onSignatureHelp(guard('textDocument/signatureHelp', embedded.atPosition((params: SignatureHelpParams) => signatureHelp.provide(params), null)));
  connection.onDefinition(guard('textDocument/definition', embedded.atPosition((params: DefinitionParams) => definition.provide(params), null)));
  connection.onReferences(guard('textDocument/references', embedded.atPosition((params: ReferenceParams) => references.provide(params), [])));
  connection.onPrepareRename(guard('textDocument/prepareRename', embedded.atPosition((params: PrepareRenameParams) => rename.prepare(params), null)));
  connection.onRenameRequest(guard('textDocument/rename', embedded.atPosition((params: RenameParams) => rename.rename(params), null)));
  connection.onDocumentSymbol(guard('textDocument/documentSymbol', embedded.eachConfiguration((params: DocumentSymbolParams) => documentSymbols.provide(params), withTemplateTextInName)));
  connection.onWorkspaceSymbol(guard('workspace/symbol', (params) => workspaceSymbols.provide(params)));
  connection.onFoldingRanges(guard('textDocument/foldingRange', embedded.eachConfiguration((params: FoldingRangeParams) => folding.provide(params))));
  connection.onSelectionRanges(
    guard('textDocument/selectionRange', embedded.eachPosition((params: SelectionRangeParams) => selection.provide(params), (position) => ({ range: { start: position, end: position } }))),
  );
  connection.languages.semanticTokens.on(guard('textDocument/semanticTokens/full', embedded.semanticTokens((params: SemanticTokensParams) => semanticTokens.provide(params))));
  connection.onDocumentLinks(guard('textDocument/documentLink', embedded.eachConfiguration((params: DocumentLinkParams) => links.provide(params))));
  connection.onDocumentFormatting(guard('textDocument/formatting', embedded.formatting((params: DocumentFormattingParams) => formatting.formatDocument(params))));
  connection.onDocumentRangeFormatting(guard('textDocument/rangeFormatting', embedded.formatting((params: DocumentRangeFormattingParams) => formatting.formatRange(params))));
  connection.onCodeAction(guard('textDocument/codeAction', embedded.inRange((params: CodeActionParams) => codeActions.provide(params), [])));
  connection.languages.callHierarchy.onPrepare(guard('textDocument/prepareCallHierarchy', embedded.atPosition((params: CallHierarchyPrepareParams) => callHierarchy.prepare(params), null)));
  connection.languages.callHierarchy.onIncomingCalls(guard('callHierarchy/incomingCalls', embedded.atItem((params: CallHierarchyIncomingCallsParams) => callHierarchy.incomingCalls(params), [])));
  connection.languages.callHierarchy.onOutgoingCalls(guard('callHierarchy/outgoingCalls', embedded.atItem((params: CallHierarchyOutgoingCallsParams) => callHierarchy.outgoingCalls(params), [])));
  connection.onCodeLens(guard('textDocument/codeLens', embedded.eachConfiguration((params: CodeLensParams) => codeLenses.provide(params))));
  connection.onDocumentHighlight(guard('textDocument/documentHighlight', embedded.atPosition((params: DocumentHighlightParams) => highlights.provide(params), null)));
  connection.onRequest(pipelineGraphRequest, guard(pipelineGraphRequest, embedded.pipelineGraph((params: PipelineGraphParams) => pipelineGraph.provide(params))));
  connection.onShutdown(() => diagnostics.dispose());

  documents.listen(connection);
  connection.listen();
  return { dispose: () => diagnostics.dispose() };
}
