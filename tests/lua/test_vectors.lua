-- The shared table of expected values (tests/vectors/*.json, format in
-- tests/vectors/README.md), asserted through Lua as the C suite and the
-- Python tests assert it: in a full report, in a values-only report and
-- through a single-measure call. The vector files are the arguments (ctest
-- passes every tests/vectors/*.json).
local T = dofile((arg[0]:match("^(.*)/") or ".") .. "/testing.lua")
local assoc = require "assoc"

local function organisation(case)
  if case.organisation then return assoc.from_table(case.organisation) end
  return assoc.load(T.SRC .. "/" .. case.file)
end

local function profile(case)
  local p = case.profile
  if p == nil or p == assoc.null then return nil end
  if type(p) == "string" then return assoc.load_profile(T.SRC .. "/" .. p) end
  return assoc.loads_profile(assoc.json_encode(p))
end

local function given(e, key) return e[key] ~= nil end
local function null(v) return v == nil or v == assoc.null end

local function check(r, e, where, sentences)
  T.ok(r ~= nil, where .. ": no such result")
  if given(e, "status") then T.eq(r.status, e.status, where .. " status") end
  if given(e, "value") then
    if null(e.value) then
      T.eq(r.value, nil, where .. " value")
    else
      T.ok(r.value ~= nil, where .. ": not computable (" .. tostring(r.reason) .. ")")
      T.near(r.value, e.value, e.tol or 1e-9, where .. " value")
    end
  end
  if given(e, "label") then
    T.eq(r.label, not null(e.label) and e.label or nil, where .. " label")
  end
  if given(e, "coverage") then T.near(r.coverage, e.coverage, 1e-9, where .. " coverage") end
  if sentences and given(e, "explanation_contains") then
    T.ok(r.explanation:find(e.explanation_contains, 1, true), where .. ": explanation " .. r.explanation)
  end
end

local function check_concentration(case, where)
  local c = assoc.concentration(case.concentration.amounts, case.concentration.k)
  for _, e in ipairs(case.expect) do
    if given(e, "value") then
      local v = c[e.measure]
      if null(e.value) then
        T.ok(v ~= v, where .. " " .. e.measure .. " must be NaN")
      else
        T.near(v, e.value, e.tol or 1e-9, where .. " " .. e.measure)
      end
    end
  end
end

local files = { ... }
if #files == 0 then files = arg end
T.test("there are vector files", function() T.ok(#files > 0, "no vector file given") end)
for _, file in ipairs(files) do
  local doc = assoc.json_decode(T.read(file))
  for i, case in ipairs(doc.cases) do
    local where = file:match("[^/]*$") .. "[" .. (i - 1) .. "] " .. (case.name or "")
    T.test(where, function()
      if case.concentration then return check_concentration(case, where) end
      local org, prof = organisation(case), profile(case)
      local full = org:score(prof)
      local fast = org:score(prof, { values_only = true })
      for _, e in ipairs(case.expect) do
        local year = not null(e.year) and e.year or 0
        local subject = not null(e.subject) and e.subject or nil
        local what = string.format("%s %s %s", e.measure, year, subject or "")
        check(assoc.find(full, e.measure, year, subject), e, what .. " (report)", true)
        check(assoc.find(fast, e.measure, year, subject), e, what .. " (values only)", false)
        check(org:measure(e.measure, year, subject, prof), e, what .. " (single measure)", true)
      end
    end)
  end
end
T.run()
