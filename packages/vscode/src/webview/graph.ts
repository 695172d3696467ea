/// <reference lib="dom" />
// The script of the pipeline graph webview: lays out the graph the extension posts, draws it as SVG,
// and asks the extension to reveal a component's block when its box is clicked.
import { PipelineLayoutCache, renderPipelineSvg, signalColours, type PipelineGraph, type PipelineSignal } from './layout.js';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type IncomingMessage = { type: 'graph'; graph: PipelineGraph; title: string } | { type: 'error'; message: string };

const vscode = acquireVsCodeApi();
const canvas = document.getElementById('canvas')!;
const status = document.getElementById('status')!;
const legend = document.getElementById('legend')!;
const layouts = new PipelineLayoutCache();

legend.innerHTML = (Object.keys(signalColours) as PipelineSignal[])
  // SVG swatches: the content security policy forbids inline style attributes.
  .map((signal) => `<span class="key"><svg width="10" height="10"><rect width="10" height="10" rx="2" fill="${signalColours[signal]}"/></svg> ${signal}</span>`)
  .join('');

window.addEventListener('message', (event: MessageEvent<IncomingMessage>) => {
  const message = event.data;
  if (message.type === 'error') {
    status.textContent = message.message;
    return;
  }
  // User-timing marks of the last update (bench/graph-bench.mjs reads them): layout, SVG markup, DOM insertion.
  performance.clearMarks();
  performance.mark('alloy-graph:received');
  const { placed, reused } = layouts.layout(message.graph);
  performance.mark('alloy-graph:laid-out');
  const svg = renderPipelineSvg(placed);
  performance.mark('alloy-graph:drawn');
  canvas.innerHTML = svg;
  performance.mark('alloy-graph:inserted');
  status.textContent = `${message.title}: ${placed.nodes.length} components, ${placed.edges.length} connections`;
  document.body.dataset.rendered = String(placed.nodes.length);
  document.body.dataset.layout = reused ? 'reused' : 'computed';
});

function reveal(target: EventTarget | null): void {
  const node = target instanceof Element ? target.closest('g.node') : null;
  const id = node?.getAttribute('data-id');
  if (id) vscode.postMessage({ type: 'reveal', id });
}

canvas.addEventListener('click', (event) => reveal(event.target));
canvas.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' || event.key === ' ') reveal(event.target);
});

vscode.postMessage({ type: 'ready' });
