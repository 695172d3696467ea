import type * as vscode from 'vscode';

export type TraceSetting = 'off' | 'messages' | 'verbose';

/** The parts of the `vscode` module the trace channel needs (a stub suffices in tests). */
export interface TraceChannelHost {
  createOutputChannel(name: string): vscode.OutputChannel;
  newEventEmitter(): vscode.EventEmitter<vscode.LogLevel>;
  logLevel: { Off: vscode.LogLevel; Trace: vscode.LogLevel };
}

/**
 * The channel the language client writes its LSP trace to. vscode-languageclient traces only when
 * its channel's log level is Trace, so `alloy.trace.server` alone showed nothing. This channel
 * reports the Trace level exactly when the setting asks for a trace, and writes every trace line
 * to a plain output channel of its own, whatever the log level chosen in the Output view.
 */
export class TraceChannel implements vscode.LogOutputChannel {
  private readonly output: vscode.OutputChannel;
  private readonly levelChanged: vscode.EventEmitter<vscode.LogLevel>;
  private setting: TraceSetting;

  constructor(
    private readonly host: TraceChannelHost,
    name: string,
    setting: TraceSetting,
  ) {
    this.output = host.createOutputChannel(name);
    this.levelChanged = host.newEventEmitter();
    this.setting = setting;
  }

  get name(): string {
    return this.output.name;
  }

  get logLevel(): vscode.LogLevel {
    return this.setting === 'off' ? this.host.logLevel.Off : this.host.logLevel.Trace;
  }

  get onDidChangeLogLevel(): vscode.Event<vscode.LogLevel> {
    return this.levelChanged.event;
  }

  /** Called when `alloy.trace.server` changes: the client then sends `$/setTrace` to the server. */
  updateSetting(setting: TraceSetting): void {
    if (setting === this.setting) return;
    this.setting = setting;
    this.levelChanged.fire(this.logLevel);
  }

  trace(message: string): void {
    if (this.setting !== 'off') this.output.appendLine(message);
  }

  debug(message: string): void {
    this.output.appendLine(message);
  }

  info(message: string): void {
    this.output.appendLine(message);
  }

  warn(message: string): void {
    this.output.appendLine(message);
  }

  error(error: string | Error): void {
    this.output.appendLine(typeof error === 'string' ? error : (error.stack ?? error.message));
  }

  append(value: string): void {
    this.output.append(value);
  }

  appendLine(value: string): void {
    this.output.appendLine(value);
  }

  replace(value: string): void {
    this.output.replace(value);
  }

  clear(): void {
    this.output.clear();
  }

  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean') this.output.show(columnOrPreserveFocus);
    else this.output.show(columnOrPreserveFocus, preserveFocus);
  }

  hide(): void {
    this.output.hide();
  }

  dispose(): void {
    this.levelChanged.dispose();
    this.output.dispose();
  }
}
