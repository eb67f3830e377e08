-- A minimal test runner for the Lua tests (run with lua5.4 under ctest).
local M = {}
local tests = {}

M.SRC = os.getenv("ASSOC_SOURCE_DIR") or "."
M.SANITIZED = os.getenv("ASSOC_SANITIZE") == "1"

function M.test(name, fn) tests[#tests + 1] = { name = name, fn = fn } end

local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

function M.eq(got, expected, what)
  if got ~= expected then
    error(string.format("%s: got %s, expected %s", what or "value", show(got), show(expected)), 2)
  end
end

function M.near(got, expected, tol, what)
  if type(got) ~= "number" or math.abs(got - expected) > (tol or 1e-9) then
    error(string.format("%s: got %s, expected %.17g (tol %g)", what or "value", show(got), expected, tol or 1e-9), 2)
  end
end

function M.ok(cond, what)
  if not cond then error(what or "assertion failed", 2) end
end

-- Call fn, which must raise an assoc.Error with `code` (and `path` if given); returns the error.
function M.raises(fn, code, path)
  local ok, err = pcall(fn)
  if ok then error("expected an error " .. code .. ", got none", 2) end
  if type(err) ~= "table" then error("expected an assoc.Error table, got: " .. tostring(err), 2) end
  if err.code ~= code then error(string.format("expected %s, got %s", code, tostring(err)), 2) end
  if path and err.path ~= path then error(string.format("expected path %s, got %s", path, tostring(err)), 2) end
  return err
end

function M.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

function M.run()
  local failed = 0
  for _, t in ipairs(tests) do
    local ok, err = xpcall(t.fn, function(e) return debug.traceback(tostring(e), 2) end)
    if ok then
      print("ok     " .. t.name)
    else
      failed = failed + 1
      print("FAILED " .. t.name .. "\n  " .. tostring(err))
    end
  end
  print(string.format("%d tests, %d failed", #tests, failed))
  -- close = true: the state is closed first, so every __gc runs and LeakSanitizer
  -- (in the sanitizer build) checks that the module freed everything.
  os.exit(failed == 0 and 0 or 1, true)
end

return M
