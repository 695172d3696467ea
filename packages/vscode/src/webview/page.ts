// The HTML of the pipeline graph webview, without the `vscode` module: the extension (graphView.ts)
// and the graph benchmark (bench/graph-bench.mjs, which renders it in chromium) build the same page.

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export interface PipelineGraphPage {
  /** A fresh nonce: the only inline style and the script carry it. */
  nonce: string;
  /** The webview's `cspSource`. */
  cspSource: string;
  /** The URI of dist/graph-webview.js as the webview sees it. */
  scriptUri: string;
}

export function pipelineGraphHtml({ nonce, cspSource, scriptUri }: PipelineGraphPage): string {
  const csp = `default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Alloy Pipeline</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); margin: 0; padding: 8px; }
  #status { margin-bottom: 6px; opacity: 0.8; }
  #legend { margin-bottom: 8px; display: flex; gap: 12px; flex-wrap: wrap; font-size: 12px; }
  #canvas { overflow: auto; }
  /* Narrower than its panel when it can be: a pipeline grows in height with its components, in width only with its stages. */
  svg.pipeline { max-width: 100%; height: auto; }
  svg.pipeline text { fill: var(--vscode-foreground); font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
  svg.pipeline text.label { opacity: 0.75; }
  svg.pipeline g.node { cursor: pointer; }
  svg.pipeline g.node:hover rect, svg.pipeline g.node:focus rect { stroke-width: 3; }
</style>
</head>
<body>
<div id="status">Building the pipeline graph…</div>
<div id="legend"></div>
<div id="canvas"></div>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>`;
}
