import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type Executable,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { PipelineGraphView } from './graphView.js';
import { TraceChannel, type TraceSetting } from './traceChannel.js';
import type { PipelineGraph } from './webview/layout.js';

export { TraceChannel } from './traceChannel.js';

const CONFIGURATION_SECTION = 'alloy';
const JAVASCRIPT_FILE = /\.(c|m)?js$/i;
/**
 * Files whose change on disk the server must hear of: the other `.alloy` files of a
 * directory and imported modules (changed by git or another tool), and lint configurations.
 */
/**
 * What the server re-reads when it changes: configurations, lint settings, and the files that pin an
 * Alloy release (compose files, manifests, Helm values and Chart.yaml, Dockerfiles, Terraform).
 */
export const WATCHED_FILES =
  '**/{*.alloy,.alloy-lint.json,package.json,*.yaml,*.yml,Dockerfile,Dockerfile.*,Containerfile,*.dockerfile,*.tf,*.tfvars}';

/** Template files holding one Alloy configuration (Ansible/Jinja, Go templates, Terraform `templatefile`). */
export const TEMPLATE_FILES = '**/*.alloy.{j2,jinja,jinja2,tmpl,gotmpl,tftpl}';

/**
 * The documents the server serves: Alloy files, templates of Alloy files (the manifest gives them the
 * `alloy` language, but another extension may claim `.j2` or `.tmpl`), and YAML files (Helm values,
 * Kubernetes manifests), in which the server serves only the block scalars that hold Alloy.
 */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'alloy' },
  { scheme: 'untitled', language: 'alloy' },
  { scheme: 'file', pattern: TEMPLATE_FILES },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'file', language: 'helm' },
];

let client: LanguageClient | undefined;
let traceChannel: TraceChannel | undefined;

/** The settings of the `alloy` section, as sent to the server at start-up. */
export interface AlloySettings {
  stabilityLevel: 'generally-available' | 'public-preview' | 'experimental';
  rules: Record<string, 'off' | 'info' | 'warn' | 'error'>;
  lintConfigPath: string;
  server: { path: string };
  trace: { server: TraceSetting };
}

function readSettings(): AlloySettings {
  const configuration = vscode.workspace.getConfiguration(CONFIGURATION_SECTION);
  return {
    stabilityLevel: configuration.get<AlloySettings['stabilityLevel']>('stabilityLevel', 'generally-available'),
    rules: configuration.get<AlloySettings['rules']>('rules', {}),
    lintConfigPath: configuration.get<string>('lintConfigPath', ''),
    server: { path: configuration.get<string>('server.path', '') },
    trace: { server: configuration.get<AlloySettings['trace']['server']>('trace.server', 'off') },
  };
}

/** The bundled server, or the one named by `alloy.server.path` (a JavaScript file or an executable). */
export function serverOptionsFor(bundledServer: string, configuredPath: string): ServerOptions {
  const customPath = configuredPath.trim();
  if (customPath !== '' && !JAVASCRIPT_FILE.test(customPath)) {
    // With the stdio transport the client appends `--stdio` to the arguments itself.
    const executable: Executable = { command: customPath, transport: TransportKind.stdio };
    return { run: executable, debug: executable };
  }
  const module = customPath === '' ? bundledServer : customPath;
  return {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const settings = readSettings();
  const bundledServer = context.asAbsolutePath(path.join('dist', 'server.cjs'));
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: {
      configurationSection: CONFIGURATION_SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher(WATCHED_FILES),
    },
    initializationOptions: settings,
    outputChannelName: 'Alloy Language Server',
    traceOutputChannel: traceChannel,
  };
  // The id `alloy` makes the client honour the `alloy.trace.server` setting.
  client = new LanguageClient(
    CONFIGURATION_SECTION,
    'Alloy Language Server',
    serverOptionsFor(bundledServer, settings.server.path),
    clientOptions,
  );
  await client.start();
}

interface LspLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The command of the server's reference lenses: its arguments are LSP values, VS Code's peek wants its own. */
async function showReferences(uri: string, position: { line: number; character: number }, locations: LspLocation[]): Promise<void> {
  const toPosition = (value: { line: number; character: number }): vscode.Position => new vscode.Position(value.line, value.character);
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    vscode.Uri.parse(uri),
    toPosition(position),
    locations.map((location) => new vscode.Location(vscode.Uri.parse(location.uri), new vscode.Range(toPosition(location.range.start), toPosition(location.range.end)))),
  );
}

async function restartClient(context: vscode.ExtensionContext): Promise<void> {
  const previous = client;
  client = undefined;
  if (previous) await previous.stop();
  await startClient(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  traceChannel = new TraceChannel(
    {
      createOutputChannel: (name) => vscode.window.createOutputChannel(name),
      newEventEmitter: () => new vscode.EventEmitter<vscode.LogLevel>(),
      logLevel: { Off: vscode.LogLevel.Off, Trace: vscode.LogLevel.Trace },
    },
    'Alloy Language Server Trace',
    readSettings().trace.server,
  );
  const graphView = new PipelineGraphView(
    context.extensionUri,
    async (uri) => (client?.isRunning() ? client.sendRequest<PipelineGraph | null>('alloy/graph', { textDocument: { uri } }) : undefined),
    (document) => vscode.languages.match(DOCUMENT_SELECTOR, document) > 0,
  );
  context.subscriptions.push(
    traceChannel,
    graphView,
    vscode.commands.registerCommand('alloy.restartServer', () => restartClient(context)),
    vscode.commands.registerCommand('alloy.showPipelineGraph', () => graphView.show()),
    vscode.commands.registerCommand('alloy.showReferences', showReferences),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('alloy.server.path')) void restartClient(context);
      if (event.affectsConfiguration('alloy.trace.server')) traceChannel?.updateSetting(readSettings().trace.server);
    }),
  );
  try {
    await startClient(context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`Alloy: the language server could not start: ${message}`);
  }
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}
