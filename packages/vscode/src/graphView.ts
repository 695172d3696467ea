import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PipelineGraph } from './webview/layout.js';
import { pipelineGraphHtml } from './webview/page.js';

/** Sends the server's `alloy/graph` request; undefined while no server runs. */
export type GraphSource = (uri: string) => Promise<PipelineGraph | null | undefined>;

const refreshDelayMs = 300;

type WebviewMessage = { type: 'ready' } | { type: 'reveal'; id: string };

/**
 * The pipeline graph of the configuration the active Alloy document belongs to (or of the
 * configurations inside a YAML file or template), in a webview: laid out by dagre, coloured by signal;
 * a click on a component reveals its block; it follows edits and saves of the document and of the
 * Alloy files of its directory.
 */
export class PipelineGraphView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.Uri | undefined;
  private graph: PipelineGraph | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: GraphSource,
    /** Whether the server serves the document: an Alloy file, a template, YAML that may hold Alloy. */
    private readonly isServed: (document: vscode.TextDocument) => boolean,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.follows(event.document)) this.scheduleRefresh();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (this.follows(document)) this.scheduleRefresh();
      }),
    );
  }

  /** Opens (or focuses) the view on the active Alloy document, or YAML file holding Alloy. */
  show(): void {
    const editor = vscode.window.activeTextEditor;
    const document = editor && this.isServed(editor.document) ? editor.document : undefined;
    if (!document && !this.document) {
      void vscode.window.showInformationMessage('Alloy: open an Alloy file (or a YAML file holding Alloy) to show its pipeline graph.');
      return;
    }
    if (document) this.document = document.uri;
    if (this.panel) {
      this.panel.reveal(undefined, true);
    } else {
      this.panel = vscode.window.createWebviewPanel('alloy.pipelineGraph', 'Alloy Pipeline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        retainContextWhenHidden: true,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
      });
      this.panel.webview.html = this.html(this.panel.webview);
      this.panel.webview.onDidReceiveMessage((message: WebviewMessage) => this.receive(message));
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.graph = undefined;
      });
    }
    void this.refresh();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** Whether a change to `document` can change the graph: the document itself, or an Alloy file of its directory (siblings share one configuration). */
  private follows(document: vscode.TextDocument): boolean {
    if (!this.panel || !this.document) return false;
    if (document.uri.toString() === this.document.toString()) return true;
    if (document.languageId !== 'alloy') return false;
    return vscode.Uri.joinPath(document.uri, '..').toString() === vscode.Uri.joinPath(this.document, '..').toString();
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), refreshDelayMs);
  }

  private async refresh(): Promise<void> {
    const panel = this.panel;
    const document = this.document;
    if (!panel || !document) return;
    try {
      const graph = await this.source(document.toString());
      if (!graph) {
        await panel.webview.postMessage({ type: 'error', message: 'The Alloy language server is not running.' });
        return;
      }
      this.graph = graph;
      const title = vscode.workspace.asRelativePath(document);
      panel.title = `Alloy Pipeline: ${title.split('/').pop() ?? title}`;
      await panel.webview.postMessage({ type: 'graph', graph, title });
    } catch (error) {
      await panel.webview.postMessage({ type: 'error', message: `The graph could not be built: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private async receive(message: WebviewMessage): Promise<void> {
    if (message.type === 'ready') {
      await this.refresh();
      return;
    }
    const node = this.graph?.nodes.find((candidate) => candidate.id === message.id);
    if (!node) return;
    const { start, end } = node.selectionRange;
    const selection = new vscode.Range(start.line, start.character, end.line, end.character);
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(node.uri), { viewColumn: vscode.ViewColumn.One, selection });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private html(webview: vscode.Webview): string {
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'graph-webview.js'));
    return pipelineGraphHtml({ nonce: randomBytes(16).toString('base64'), cspSource: webview.cspSource, scriptUri: script.toString() });
  }
}
