-- Runs the README's Neovim setup as a user would paste it into init.lua, opens
-- $ALLOY_FILE and writes the diagnostics it receives to $ALLOY_RESULT as JSON.
local result = {}

local function run()
  dofile(os.getenv('ALLOY_SETUP'))
  vim.cmd('edit ' .. os.getenv('ALLOY_FILE'))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype
  vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.clients = #vim.lsp.get_active_clients()
  result.diagnostics = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { code = diagnostic.code, lnum = diagnostic.lnum, col = diagnostic.col })
  end
  for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop() end
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
local handle = io.open(os.getenv('ALLOY_RESULT'), 'w')
handle:write(vim.fn.json_encode(result))
handle:close()
vim.cmd('qa!')
