// The extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3), installed by
// scripts/install-vscode-e2e.sh, driven through Debian's chromium with playwright-core.
// Skips with a message when either is missing. Screenshots go to test-results/e2e/ (ignored).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageDirectory, repositoryRoot } from './paths.js';

const CODE_SERVER_VERSION = '4.100.3';
const toolsDirectory = join(repositoryRoot, '.tools', 'code-server');
const readyFile = join(toolsDirectory, `ready-${CODE_SERVER_VERSION}`);
const codeServerEntry = join(toolsDirectory, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = '/usr/lib/chromium/chromium';
const serverDist = join(repositoryRoot, 'packages/language-server/dist/server.js');
const artifactsDirectory = join(packageDirectory, 'test-results', 'e2e');

/** The Node that built code-server's native modules (the Node 22 run must not start it). */
function codeServerNode(): string | undefined {
  if (!existsSync(readyFile) || !existsSync(codeServerEntry)) return undefined;
  const node = readFileSync(readyFile, 'utf8').trim();
  return existsSync(node) ? node : undefined;
}

const nodeForCodeServer = codeServerNode();
const skipReason = !nodeForCodeServer
  ? `code-server ${CODE_SERVER_VERSION} is not installed (scripts/install-vscode-e2e.sh)`
  : !existsSync(chromiumPath)
    ? `${chromiumPath} is missing (apt-get install chromium)`
    : !existsSync(serverDist)
      ? `${serverDist} is absent (build the language server)`
      : undefined;
if (skipReason) console.warn(`[alloy-vscode] ${skipReason}: the code-server end-to-end test is skipped`);

// Two-space indentation on purpose: Format Document must turn it into tabs.
const CONFIG = `prometheus.exporter.unix "node" {
  set_collectors = ["cpu"]
  unknown_setting = 1
}

prometheus.scrape "node" {
  targets    = prometheus.exporter.unix.node.targets
  forward_to = [prometheus.remote_write.default.receiver]
}

prometheus.remote_write "default" {
  endpoint {
    url = "http://localhost:9009/api/v1/push"
  }
}
`;

// Alloy inside a Helm values file (the grafana/alloy chart's alloy.configMap.content): the
// extension registers for YAML, and the server checks the block scalar and reports at values.yaml lines.
// The extension's README shows this file.
const VALUES_YAML = `alloy:
  configMap:
    create: true
    content: |
      prometheus.exporter.unix "node" {
        yaml_only_setting = 1
      }
`;
const VALUES_PROBLEM = { message: 'unrecognized attribute name "yaml_only_setting"', line: 6, column: 9 };

const USER_SETTINGS = {
  'files.autoSave': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'editor.quickSuggestionsDelay': 0,
  'editor.hover.delay': 100,
  // The trace output channel must show the JSON-RPC messages with this setting alone.
  'alloy.trace.server': 'verbose',
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `condition` until it holds or `timeoutMs` passes: a wait on a condition, not a speed check. */
async function waitFor(description: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(skipReason !== undefined)('the extension in code-server (a real VS Code)', () => {
  let temporaryDirectory = '';
  let workspaceDirectory = '';
  let configFile = '';
  let codeServer: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const codeServerLog: string[] = [];

  async function screenshot(name: string): Promise<void> {
    mkdirSync(artifactsDirectory, { recursive: true });
    await page.screenshot({ path: join(artifactsDirectory, `${name}.png`) }).catch(() => undefined);
  }

  /** Runs a UI step; a failed first attempt is screenshotted, the UI reset with Escape, and the step tried once more. */
  async function step(name: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      await screenshot(`${name}-first-attempt-failed`);
      console.warn(`[alloy-vscode] e2e step "${name}" failed once, retrying: ${String(error)}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await action();
    }
    await screenshot(name);
  }

  function editor(): Locator {
    return page.locator('.editor-instance .monaco-editor').first();
  }

  /** Focuses the first editor group (View: Focus First Editor Group): clicking would race code lenses moving the lines. */
  async function focusEditor(): Promise<void> {
    await page.keyboard.press('Control+1');
    await editor().locator('textarea.inputarea, .native-edit-context').first().waitFor({ state: 'attached' });
    await expect.poll(async () => editor().evaluate((element) => element.classList.contains('focused')), { timeout: 20_000 }).toBe(true);
  }

  /** Runs a command from the command palette by its exact title; `opensPicker`: the command asks with a quick pick of its own. */
  async function runCommand(title: string, opensPicker = false): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    await input.fill(`>${title}`);
    const row = page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
      .first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
    if (opensPicker) return;
    // Keys pressed while the palette closes would go to it, not to the editor.
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 20_000 });
  }

  /** Puts the cursor at a 1-based line and column with Go to Line. */
  async function goTo(line: number, column: number): Promise<void> {
    await focusEditor();
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 20_000 });
  }

  beforeAll(async () => {
    const node = nodeForCodeServer as string;
    temporaryDirectory = mkdtempSync(join(tmpdir(), 'alloy-e2e-'));
    const userDataDirectory = join(temporaryDirectory, 'user-data');
    const extensionsDirectory = join(temporaryDirectory, 'extensions');
    workspaceDirectory = join(temporaryDirectory, 'workspace');
    mkdirSync(join(userDataDirectory, 'User'), { recursive: true });
    mkdirSync(extensionsDirectory, { recursive: true });
    mkdirSync(workspaceDirectory, { recursive: true });
    writeFileSync(join(userDataDirectory, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
    configFile = join(workspaceDirectory, 'config.alloy');
    writeFileSync(configFile, CONFIG);
    writeFileSync(join(workspaceDirectory, 'values.yaml'), VALUES_YAML);
    rmSync(artifactsDirectory, { recursive: true, force: true });

    // Packed into this test's own directory: the .vsix test packs dist/alloy-vscode.vsix at the same time.
    const vsixPath = join(temporaryDirectory, 'alloy-vscode.vsix');
    execFileSync(process.execPath, [join(packageDirectory, 'scripts', 'build.mjs')], { cwd: packageDirectory, stdio: 'pipe' });
    execFileSync(
      process.execPath,
      [join(packageDirectory, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '-o', vsixPath],
      { cwd: packageDirectory, stdio: 'pipe' },
    );
    const codeServerConfig = join(temporaryDirectory, 'code-server.yaml');
    writeFileSync(codeServerConfig, 'auth: none\ncert: false\n');
    const common = ['--config', codeServerConfig, '--user-data-dir', userDataDirectory, '--extensions-dir', extensionsDirectory];
    execFileSync(node, [codeServerEntry, ...common, '--install-extension', vsixPath], { stdio: 'pipe', timeout: 120_000 });

    const port = await freePort();
    codeServer = spawn(
      node,
      [
        codeServerEntry,
        ...common,
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        workspaceDirectory,
      ],
      // Its own process group, so that the extension host and the language server die with it.
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    codeServer.stdout?.on('data', (chunk: Buffer) => codeServerLog.push(chunk.toString()));
    codeServer.stderr?.on('data', (chunk: Buffer) => codeServerLog.push(chunk.toString()));
    const url = `http://127.0.0.1:${port}/`;
    await waitFor(
      `code-server to listen (log: ${codeServerLog.join('')})`,
      async () => {
        try {
          return (await fetch(`${url}healthz`)).ok;
        } catch {
          return false;
        }
      },
      60_000,
    );

    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'], headless: true, timeout: 60_000 });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(30_000);
    await page.goto(`${url}?folder=${encodeURIComponent(workspaceDirectory)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });

    await step('open-file', async () => {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 20_000 });
      await input.fill('config.alloy');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'config.alloy' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await editor().locator('.view-lines', { hasText: 'prometheus.exporter.unix' }).waitFor({ state: 'visible', timeout: 30_000 });
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (codeServer?.pid !== undefined && codeServer.exitCode === null) {
      const group = -codeServer.pid;
      try {
        process.kill(group, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const exited = new Promise<void>((resolve) => codeServer?.once('exit', () => resolve()));
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    if (temporaryDirectory) rmSync(temporaryDirectory, { recursive: true, force: true });
  });

  it('shows the checker diagnostic in the Problems panel', async () => {
    await step('problems', async () => {
      await runCommand('Problems: Focus on Problems View');
      await page
        .locator('.markers-panel')
        .getByText('unrecognized attribute name "unknown_setting"')
        .first()
        .waitFor({ state: 'visible', timeout: 60_000 });
    });
  });

  it('shows the documentation of a component on hover', async () => {
    await step('hover', async () => {
      await goTo(6, 14);
      await runCommand('Show or Focus Hover');
      const hover = page.locator('.monaco-hover:not(.hidden)').first();
      await hover.waitFor({ state: 'visible', timeout: 30_000 });
      await expect.poll(async () => hover.innerText(), { timeout: 30_000 }).toContain('prometheus.scrape');
      expect(await hover.innerText()).toMatch(/Required arguments:.*forward_to/s);
    });
    await page.keyboard.press('Escape');
  });

  it('formats the document with tabs (command palette) and saves it', async () => {
    await step('format', async () => {
      await focusEditor();
      await runCommand('Format Document');
      await focusEditor();
      await page.keyboard.press('Control+S');
      await waitFor('the formatted file on disk', () => readFileSync(configFile, 'utf8').includes('\n\tset_collectors'), 30_000);
    });
    const saved = readFileSync(configFile, 'utf8');
    expect(saved).toContain('\n\t\turl = "http://localhost:9009/api/v1/push"\n');
    expect(saved).not.toMatch(/^ {2}\S/m);
  });

  it('indents a new line in a block with a tab (the extension\'s defaults for Alloy files)', async () => {
    await step('enter-indents-with-tab', async () => {
      await goTo(2, 1);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('enter_check = 1');
      await page.keyboard.press('Control+S');
      await waitFor('the typed line on disk', () => readFileSync(configFile, 'utf8').includes('enter_check = 1'), 30_000);
    });
    expect(readFileSync(configFile, 'utf8')).toMatch(/\n\tenter_check = 1\n/);
  });

  /** The 1-based line of `needle` in the saved file (the editor holds the same text before the completion step). */
  function savedLineOf(needle: string): number {
    return readFileSync(configFile, 'utf8').split('\n').findIndex((line) => line.includes(needle)) + 1;
  }

  it('shows the callers of a component in the call hierarchy', async () => {
    await step('call-hierarchy', async () => {
      await goTo(savedLineOf('prometheus.remote_write "default"'), 27);
      await runCommand('Calls: Show Call Hierarchy');
      await page
        .locator('.pane-body .monaco-list-row', { hasText: 'prometheus.scrape.node' })
        .first()
        .waitFor({ state: 'visible', timeout: 30_000 });
    });
  });

  it('draws the pipeline graph in a webview, and a click on a component reveals its block', async () => {
    const graph = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await step('pipeline-graph', async () => {
      await focusEditor();
      await runCommand('Alloy: Show Pipeline Graph');
      for (const id of ['prometheus.exporter.unix.node', 'prometheus.scrape.node', 'prometheus.remote_write.default']) {
        await graph.locator(`svg.pipeline g.node[data-id="${id}"]`).waitFor({ state: 'visible', timeout: 30_000 });
      }
      expect(await graph.locator('svg.pipeline text.name').allTextContents()).toEqual(
        expect.arrayContaining(['prometheus.exporter.unix', 'prometheus.scrape', 'prometheus.remote_write']),
      );
      expect(await graph.locator('svg.pipeline path.edge').count()).toBe(2);
    });
    await step('pipeline-graph-reveal', async () => {
      await graph.locator('svg.pipeline g.node[data-id="prometheus.remote_write.default"] rect').click();
      const line = savedLineOf('prometheus.remote_write "default"');
      await page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col`) }).first().waitFor({ state: 'visible', timeout: 30_000 });
    });
    await step('pipeline-graph-follows-edits', async () => {
      await focusEditor();
      // On the last line, empty or holding a failed first attempt (braces and quotes close themselves).
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type('loki.echo "extra" {');
      await graph.locator('svg.pipeline g.node[data-id="loki.echo.extra"]').waitFor({ state: 'visible', timeout: 30_000 });
    });
  });

  it('completes component names after `prometheus.`', async () => {
    await step('completion', async () => {
      await focusEditor();
      // The file ends with a newline: the last line is empty, or holds what a failed first attempt typed.
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type('prometheus.');
      const suggestions = page.locator('.suggest-widget .monaco-list-row');
      try {
        await suggestions.first().waitFor({ state: 'visible', timeout: 10_000 });
      } catch {
        await page.keyboard.press('Control+Space');
      }
      await page.locator('.suggest-widget .monaco-list-row', { hasText: 'prometheus.exporter' }).first().waitFor({ state: 'visible' });
      await screenshot('completion-list');
      // The list is virtual: narrow it to bring a given component into view.
      await page.keyboard.type('scr');
      await page.locator('.suggest-widget .monaco-list-row', { hasText: 'prometheus.scrape' }).first().waitFor({ state: 'visible' });
    });
    await page.keyboard.press('Escape');
  });

  /** Opens the suggest widget (typing may have opened it already) and gives its first row. */
  async function firstSuggestion(): Promise<Locator> {
    const first = page.locator('.suggest-widget .monaco-list-row[data-index="0"]');
    try {
      await first.waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      await page.keyboard.press('Control+Space');
      await first.waitFor({ state: 'visible', timeout: 20_000 });
    }
    return first;
  }

  it('offers the receiver that fits first in `forward_to = [`, and still after `prometheus.`', async () => {
    await step('expected-type-completion', async () => {
      await page.keyboard.press('Escape');
      await focusEditor();
      // On the last line (what the previous step typed): a scrape whose forward_to is being written.
      // Quotes, braces and brackets close themselves: Enter between the braces opens an indented line.
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type('prometheus.scrape "typed" {');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      await page.keyboard.type('forward_to = [');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Space');
      const first = await firstSuggestion();
      await expect.poll(async () => first.innerText(), { timeout: 30_000 }).toContain('prometheus.remote_write.default.receiver');
      await screenshot('expected-type-completion-list');
      await page.keyboard.type('prometheus.');
      const afterDot = await firstSuggestion();
      await expect.poll(async () => afterDot.innerText(), { timeout: 30_000 }).toContain('prometheus.remote_write.default.receiver');
    });
    await page.keyboard.press('Escape');
  });

  it('checks the Alloy inside a Helm values file and shows its problem at the values file line', async () => {
    await step('values-yaml', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 20_000 });
      await input.fill('values.yaml');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'values.yaml' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await editor().locator('.view-lines', { hasText: 'configMap' }).waitFor({ state: 'visible', timeout: 30_000 });
      // The injection grammar: the Alloy line is several tokens of different colours, not one YAML string.
      const alloyLine = editor().locator('.view-line', { hasText: 'prometheus.exporter.unix' }).first();
      await expect
        .poll(async () => new Set(await alloyLine.locator('span > span').evaluateAll((spans) => spans.filter((span) => span.textContent?.trim()).map((span) => span.className))).size, { timeout: 30_000 })
        .toBeGreaterThanOrEqual(3);
      await runCommand('Problems: Focus on Problems View');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: VALUES_PROBLEM.message }).first();
      await row.waitFor({ state: 'visible', timeout: 60_000 });
      await expect.poll(async () => row.innerText(), { timeout: 30_000 }).toContain(`Ln ${VALUES_PROBLEM.line}, Col ${VALUES_PROBLEM.column}`);
    });
  });

  it('draws the pipeline graph of the Alloy inside the Helm values file, and a click reveals its block there', async () => {
    const graph = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await step('values-yaml-pipeline-graph', async () => {
      await page.keyboard.press('Escape');
      await focusEditor();
      await runCommand('Alloy: Show Pipeline Graph');
      // The view showed config.alloy's pipeline: it now shows the values file's one component.
      await graph.locator('#status', { hasText: /^values\.yaml: 1 components, 0 connections$/ }).waitFor({ state: 'visible', timeout: 30_000 });
      expect(await graph.locator('svg.pipeline g.node').getAttribute('data-id')).toBe('prometheus.exporter.unix.node');
    });
    await step('values-yaml-pipeline-graph-reveal', async () => {
      await graph.locator('svg.pipeline g.node[data-id="prometheus.exporter.unix.node"] rect').click();
      // The block's header is on line 5 of values.yaml, selected (the cursor at its end).
      const line = VALUES_YAML.split('\n').findIndex((text) => text.includes('prometheus.exporter.unix')) + 1;
      await page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col \\d+ \\(31 selected\\)`) }).first().waitFor({ state: 'visible', timeout: 30_000 });
    });
  });

  it('shows the JSON-RPC messages in the trace output channel with alloy.trace.server = "verbose"', async () => {
    await step('trace-output', async () => {
      await page.keyboard.press('Escape');
      await runCommand('Output: Show Output Channels...', true);
      const input = page.locator('.quick-input-widget input');
      await expect.poll(async () => input.getAttribute('placeholder'), { timeout: 20_000 }).toBe('Select Output Channel');
      await input.fill('Alloy Language Server Trace');
      const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^Alloy Language Server Trace$/ }) });
      await row.first().waitFor({ state: 'visible' });
      await row.first().click();
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 20_000 });
      // The Output view is an editor in the panel; it follows the end of the channel.
      const output = page.locator('.part.panel .monaco-editor .view-lines').first();
      // Monaco renders spaces as no-break spaces.
      const outputText = async (): Promise<string> => (await output.innerText()).replace(/\u00a0/g, ' ');
      await expect.poll(outputText, { timeout: 30_000 }).toMatch(/(Sending|Received) (request|response|notification) '[a-zA-Z$/]+/);
      // Verbose: the messages' parameters and results too.
      await expect.poll(outputText, { timeout: 30_000 }).toMatch(/^(Params|Result): /m);
    });
  });
});
