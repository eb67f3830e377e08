-- Memory: Lua's garbage collector frees the C objects (organisations,
-- reports, results, readers) through their __gc; 20,000 iterations must not
-- grow resident memory (/proc/self/statm) beyond a small bound once warm.
-- Under AddressSanitizer (ASSOC_SANITIZE=1) freed memory is quarantined:
-- the loop is shorter and only double frees / use after free are checked.
local T = dofile((arg[0]:match("^(.*)/") or ".") .. "/testing.lua")
local assoc = require "assoc"

local ITERATIONS = T.SANITIZED and 1000 or 20000
local BOUND = 2 * 1024 * 1024

local function rss()
  local f = assert(io.open("/proc/self/statm"))
  local pages = tonumber(f:read("a"):match("^%d+%s+(%d+)"))
  f:close()
  return pages * 4096
end

local text = T.read(T.SRC .. "/examples/data/organisations.jsonl"):match("^[^\n]+")

local function work(i)
  local org = assoc.loads(text)
  org:set("/years/0/balance/cash", 1000 + i)
  local rep = org:report(nil, { values_only = true })
  local r = rep:find("revenue.total", org:get("/years/0/year"))
  T.ok(r:value() ~= nil, "value")
  if i % 10 == 0 then
    T.ok(org:score(nil, { values_only = true }).results[1] ~= nil, "table report")
    pcall(assoc.loads, "{")
    for _ in assoc.read_jsonl_string(text) do end
  end
end

T.test("create and free in a loop", function()
  for i = 1, 500 do work(i) end
  collectgarbage("collect")
  local before = rss()
  for i = 1, ITERATIONS do work(i) end
  collectgarbage("collect")
  local grown = rss() - before
  print(string.format("  %d iterations: resident memory grew by %d bytes", ITERATIONS, grown))
  if not T.SANITIZED then T.ok(grown < BOUND, "grew by " .. grown) end
end)

T.run()
