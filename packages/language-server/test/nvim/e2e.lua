-- Drives the Alloy language server from a real Neovim (0.7+) and writes what
-- it observed to $ALLOY_RESULT as JSON; the vitest test makes the assertions.
local root = os.getenv('ALLOY_TEST_ROOT')
local server = os.getenv('ALLOY_SERVER')
local node = os.getenv('ALLOY_NODE') or 'node'
local out = os.getenv('ALLOY_RESULT')
local result = { steps = {} }

local function step(name, value)
  result[name] = value
  table.insert(result.steps, name)
end

local function write_result()
  local handle = io.open(out, 'w')
  handle:write(vim.fn.json_encode(result))
  handle:close()
end

local function run()
  local client_id = vim.lsp.start_client({
    name = 'alloy',
    cmd = { node, server, '--stdio' },
    root_dir = root,
  })
  step('client_started', client_id ~= nil)
  vim.cmd('edit ' .. root .. '/main.alloy')
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)

  vim.wait(20000, function() return #vim.diagnostic.get(bufnr) >= 2 end, 50)
  local diagnostics = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(diagnostics, { code = diagnostic.code, message = diagnostic.message, lnum = diagnostic.lnum, col = diagnostic.col })
  end
  step('diagnostics', diagnostics)

  local client = vim.lsp.get_client_by_id(client_id)
  local valid = {
    'prometheus.exporter.unix "node" {',
    '}',
    '',
    'prometheus.scrape "default" {',
    'targets = prometheus.exporter.unix.node.targets',
    '  forward_to = []',
    '}',
    '',
    'prometheus.scrape "other" {',
    '  targets    = prometheus.exporter.unix.',
    '  forward_to = []',
    '}',
  }
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, valid)
  local uri = vim.uri_from_bufnr(bufnr)
  vim.wait(20000, function()
    for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
      if diagnostic.code == 'alloy/unknown-attribute' then return false end
    end
    return true
  end, 50)

  local completion = client.request_sync('textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = 9, character = 40 },
  }, 10000, bufnr)
  local labels = {}
  local items = completion and completion.result or {}
  if items.items then items = items.items end
  for _, item in ipairs(items) do table.insert(labels, item.label) end
  step('completion', labels)
  vim.api.nvim_buf_set_lines(bufnr, 9, 10, false, { '  targets    = prometheus.exporter.unix.node.targets' })

  local definition = client.request_sync('textDocument/definition', {
    textDocument = { uri = uri },
    position = { line = 4, character = 36 },
  }, 10000, bufnr)
  local target = definition and definition.result and definition.result[1] or {}
  local target_range = target.targetSelectionRange or target.range or {}
  step('definition', { uri = target.targetUri or target.uri, line = target_range.start and target_range.start.line })

  local rename = client.request_sync('textDocument/rename', {
    textDocument = { uri = uri },
    position = { line = 0, character = 27 },
    newName = 'host',
  }, 10000, bufnr)
  if rename and rename.result then
    vim.lsp.util.apply_workspace_edit(rename.result, 'utf-16')
  end
  step('after_rename', table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n'))

  local formatting = client.request_sync('textDocument/formatting', {
    textDocument = { uri = uri },
    options = { tabSize = 2, insertSpaces = false },
  }, 10000, bufnr)
  if formatting and formatting.result then
    vim.lsp.util.apply_text_edits(formatting.result, bufnr, 'utf-16')
  end
  step('after_format', table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n'))
  client.stop()
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
write_result()
vim.cmd('qa!')
