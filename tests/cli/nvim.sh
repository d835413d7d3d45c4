#!/bin/sh
# The language server in a real Neovim (Debian 12 ships 0.7.2), headless,
# configured with the Neovim 0.7 snippet of docs/editors.md taken word for
# word: a PO file gets its diagnostic at the flagged words (line, column,
# rule), and the quick fix, applied as a code action, changes the buffer.
# Usage: nvim.sh TONELINT SOURCE_DIR; exit 77 when nvim is not installed.
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
command -v nvim >/dev/null 2>&1 || { echo "skip: nvim is not installed (Debian: apt install neovim)"; exit 77; }

# tonelint on PATH, as the snippet expects; Neovim's own files stay here.
mkdir -p "$tmp/bin" "$tmp/home" "$tmp/work"
ln -s "$bin" "$tmp/bin/tonelint"
export PATH="$tmp/bin:$PATH" HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" \
  XDG_DATA_HOME="$tmp/home/.local/share" XDG_STATE_HOME="$tmp/home/.local/state" \
  XDG_CACHE_HOME="$tmp/home/.cache"

awk '/<!-- nvim-0.7:/ { on = 1; next } on && /^```lua/ { inb = 1; next } inb && /^```/ { exit } inb { print }' \
  "$src/docs/editors.md" >"$tmp/snippet.lua"
grep -q "start_client" "$tmp/snippet.lua" || { echo "FAIL no Neovim 0.7 snippet in docs/editors.md"; exit 1; }

{
  echo "vim.cmd('filetype on')"
  cat "$tmp/snippet.lua"
} >"$tmp/init.lua"

cat >"$tmp/check.lua" <<'LUA'
-- Run after the file is open: wait for diagnostics, check the position,
-- apply the quick fix, check the text; write one line per check.
local out = {}
local function say(ok, what) table.insert(out, (ok and 'ok   ' or 'FAIL ') .. what) end
local buf = vim.api.nvim_get_current_buf()
local got = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
say(got, 'diagnostics arrive')
local d = vim.diagnostic.get(buf)[1]
if d then
  say(d.lnum == 3 and d.col == 14 and d.end_col == 21,
      string.format('the diagnostic is at the flagged words (line %d, columns %d-%d)', d.lnum, d.col, d.end_col or -1))
  say(d.code == 'wordy.utilize' or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == 'wordy.utilize'),
      'the diagnostic names its rule')
  local client = vim.lsp.get_client_by_id(1)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.lnum, character = d.end_col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum) },
  }
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
  local action = nil
  for _, r in pairs(res) do
    for _, a in ipairs(r.result or {}) do
      if a.edit and not action then action = a end
    end
  end
  say(action ~= nil, 'a quick fix is offered' .. (action and (' (' .. action.title .. ')') or ''))
  if action then
    vim.lsp.util.apply_workspace_edit(action.edit, client and client.offset_encoding or 'utf-16')
    local line = vim.api.nvim_buf_get_lines(buf, 3, 4, false)[1]
    say(line == 'msgid "Please use the form."', 'the quick fix changed the buffer: ' .. line)
  end
end
vim.fn.writefile(out, vim.env.TL_NVIM_OUT)
vim.cmd('qa!')
LUA

cat >"$tmp/work/app.po" <<'PO'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgid "Please utilize the form."
msgstr ""
PO

cd "$tmp/work" || exit 1
TL_NVIM_OUT=$tmp/result timeout 60 nvim --headless -u "$tmp/init.lua" app.po -c "luafile $tmp/check.lua" \
  >"$tmp/nvim.log" 2>&1
status=$?
[ -f "$tmp/result" ] || { echo "FAIL nvim gave no result (exit $status):"; cat "$tmp/nvim.log"; exit 1; }
cat "$tmp/result"
nvim --version | head -n 1
! grep -q '^FAIL' "$tmp/result" && grep -q 'quick fix changed' "$tmp/result"
