-- Every Lua snippet of docs/lua.md runs: the ```lua blocks are joined in
-- order into one chunk (locals carry over, as in one session) and run from
-- the project's root.
local T = dofile((arg[0]:match("^(.*)/") or ".") .. "/testing.lua")

local doc = T.read(T.SRC .. "/docs/lua.md")
local blocks = {}
for code in doc:gmatch("```lua\n(.-)```") do blocks[#blocks + 1] = code end

T.test("docs/lua.md has snippets", function() T.ok(#blocks >= 8, #blocks .. " snippets") end)

T.test("docs/lua.md snippets run", function()
  local chunk, err = load(table.concat(blocks, "\n"), "=docs/lua.md", "t")
  T.ok(chunk, err)
  local ok, e = xpcall(chunk, function(x) return debug.traceback(tostring(x), 2) end)
  T.ok(ok, e)
end)

T.run()
