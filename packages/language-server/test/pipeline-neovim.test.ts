import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Fixture, serverBuilt, serverPath } from './helpers/client.js';

const nvimAvailable = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
if (!nvimAvailable) console.warn('Neovim pipeline navigation test skipped: nvim is not installed (scripts/install-test-tools.sh installs it)');

const config = `prometheus.exporter.unix "node" {
}

prometheus.scrape "default" {
  targets    = prometheus.exporter.unix.node.targets
  forward_to = [prometheus.remote_write.cloud.receiver]
}

prometheus.remote_write "cloud" {
  endpoint {
    url = "http://localhost:9009/api/v1/push"
  }
}
`;

// Written next to the configuration and run with `nvim --headless`: the requests go through Neovim's own
// LSP client (0.7+), which writes what it got to $ALLOY_RESULT.
const script = `
local root = os.getenv('ALLOY_TEST_ROOT')
local result = { steps = {} }
local function run()
  local client_id = vim.lsp.start_client({ name = 'alloy', cmd = { os.getenv('ALLOY_NODE'), os.getenv('ALLOY_SERVER'), '--stdio' }, root_dir = root })
  vim.cmd('edit ' .. root .. '/config.alloy')
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  vim.wait(20000, function() return client.initialized end, 50)
  local uri = vim.uri_from_bufnr(bufnr)
  result.capabilities = {
    call_hierarchy = client.server_capabilities.callHierarchyProvider == true,
    code_lens = client.server_capabilities.codeLensProvider ~= nil,
    highlight = client.server_capabilities.documentHighlightProvider == true,
  }
  local prepared = client.request_sync('textDocument/prepareCallHierarchy', { textDocument = { uri = uri }, position = { line = 8, character = 26 } }, 10000, bufnr)
  local item = prepared and prepared.result and prepared.result[1]
  result.prepared = item and item.name
  local incoming = client.request_sync('callHierarchy/incomingCalls', { item = item }, 10000, bufnr)
  result.incoming = {}
  for _, call in ipairs(incoming and incoming.result or {}) do table.insert(result.incoming, call.from.name) end
  local lenses = client.request_sync('textDocument/codeLens', { textDocument = { uri = uri } }, 10000, bufnr)
  result.lenses = {}
  for _, lens in ipairs(lenses and lenses.result or {}) do table.insert(result.lenses, { line = lens.range.start.line, title = lens.command.title }) end
  local highlights = client.request_sync('textDocument/documentHighlight', { textDocument = { uri = uri }, position = { line = 0, character = 27 } }, 10000, bufnr)
  result.highlights = {}
  for _, highlight in ipairs(highlights and highlights.result or {}) do table.insert(result.highlights, highlight.range.start.line) end
  local graph = client.request_sync('alloy/graph', { textDocument = { uri = uri } }, 10000, bufnr)
  result.graph_edges = {}
  for _, edge in ipairs(graph and graph.result and graph.result.edges or {}) do table.insert(result.graph_edges, edge.from .. ' -> ' .. edge.to) end
  client.stop()
end
local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
local handle = io.open(os.getenv('ALLOY_RESULT'), 'w')
handle:write(vim.fn.json_encode(result))
handle:close()
vim.cmd('qa!')
`;

interface PipelineResult {
  error?: string;
  capabilities: { call_hierarchy: boolean; code_lens: boolean; highlight: boolean };
  prepared?: string;
  incoming: string[];
  lenses: Array<{ line: number; title: string }>;
  highlights: number[];
  graph_edges: string[];
}

describe.skipIf(!nvimAvailable || !serverBuilt)('pipeline navigation from Neovim (vim.lsp.start_client)', () => {
  const fixture = new Fixture({ 'config.alloy': config, 'pipeline.lua': script });
  afterAll(() => fixture.dispose());

  it('answers call hierarchy, code lens, document highlight and alloy/graph', () => {
    const resultFile = fixture.path('result.json');
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${fixture.path('pipeline.lua')}`], {
      env: { ...process.env, ALLOY_TEST_ROOT: fixture.root, ALLOY_SERVER: serverPath, ALLOY_NODE: process.execPath, ALLOY_RESULT: resultFile },
      encoding: 'utf8',
      timeout: 90_000,
    });
    let result: PipelineResult;
    try {
      result = JSON.parse(readFileSync(resultFile, 'utf8')) as PipelineResult;
    } catch {
      throw new Error(`Neovim wrote no result (status ${run.status}): ${run.stderr}${run.stdout}`);
    }
    expect(result.error).toBeUndefined();
    expect(result.capabilities).toEqual({ call_hierarchy: true, code_lens: true, highlight: true });
    expect(result.prepared).toBe('prometheus.remote_write.cloud');
    expect(result.incoming).toEqual(['prometheus.scrape.default']);
    expect(result.lenses).toEqual([
      { line: 0, title: '1 reference' },
      { line: 3, title: '0 references' },
      { line: 8, title: '1 reference' },
    ]);
    expect(result.highlights).toEqual([0, 4]);
    expect([...result.graph_edges].sort()).toEqual([
      'prometheus.exporter.unix.node -> prometheus.scrape.default',
      'prometheus.scrape.default -> prometheus.remote_write.cloud',
    ]);
  });
});
