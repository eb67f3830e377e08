-- libassoc's Lua layer. Compiled into the assoc module and run once when it
-- loads, with the module table (the SWIG wrapper of bindings/assoc.i) as its
-- argument. It turns the wrapper into plain Lua: tables in, tables out,
-- errors raised with error() as assoc.Error objects.
-- SPDX-License-Identifier: MIT
local assoc = ...

local classes = assoc._classes
local json_decode, json_encode = assoc.json_decode, assoc.json_encode
local WRITE_PRETTY, WRITE_BARE, VALUES_ONLY = assoc.WRITE_PRETTY, assoc.WRITE_BARE, assoc.SCORE_VALUES_ONLY

-- Error numbers the layer raises itself (include/assoc/errors.h).
local EINVAL, ETYPE = -3, -7

local function raise(code, message, path)
  error(assoc._error(code, message, path or ""), 2)
end

local function check(value, expected, what, path)
  if type(value) ~= expected then
    error(assoc._error(ETYPE, string.format("%s must be a %s, got %s", what, expected, type(value)), path or ""), 3)
  end
end

local function options(opts)
  if opts == nil then return {} end
  if type(opts) ~= "table" then
    error(assoc._error(EINVAL, "options must be a table, e.g. {lenient = true}", ""), 3)
  end
  return opts
end

local function lenient(opts) return options(opts).lenient and 1 or 0 end

local function write_flags(opts)
  if type(opts) == "number" then return opts end
  opts = options(opts)
  return (opts.pretty and WRITE_PRETTY or 0) | (opts.bare and WRITE_BARE or 0)
end

-- A profile argument: nil (the built-in default), a Profile, a path or a profile table.
local function profile_arg(p)
  if p == nil or getmetatable(p) == classes.Profile then return p end
  if type(p) == "string" then return assoc.Profile.load(p) end
  if type(p) == "table" then return assoc.Profile.from_json(json_encode(p)) end
  error(assoc._error(ETYPE, "a profile must be a Profile, a path or a table, got " .. type(p), ""), 3)
end

local function score_args(opts)
  opts = options(opts)
  return opts.year or 0, opts.values_only and VALUES_ONLY or 0
end

-- Whole numbers as Lua integers, as json_decode gives them.
local function number(v)
  if v ~= nil then return math.tointeger(v) or v end
  return nil
end

--- assoc.object([t]): mark a table as a JSON object (needed only for an empty one).
function assoc.object(t)
  return setmetatable(t or {}, assoc._object_mt)
end

-- ---- loading and saving ----------------------------------------------------

--- assoc.load(path [, {lenient = true}]) -> Organisation
function assoc.load(path, opts)
  check(path, "string", "path")
  return assoc.Organisation.load(path, lenient(opts))
end

--- assoc.loads(json_text [, opts]) -> Organisation
function assoc.loads(text, opts)
  check(text, "string", "JSON text")
  return assoc.Organisation.from_json(text, lenient(opts))
end

--- assoc.from_table(t [, opts]) -> Organisation, from a document or a bare organisation table.
function assoc.from_table(t, opts)
  check(t, "table", "organisation")
  return assoc.Organisation.from_json(json_encode(t), lenient(opts))
end

local function collection_list(coll)
  local list = {}
  for i = 0, coll:count() - 1 do list[#list + 1] = coll:get(i) end
  return list
end

--- assoc.load_collection(path [, opts]) -> {Organisation...}
function assoc.load_collection(path, opts)
  check(path, "string", "path")
  return collection_list(assoc.Collection.load(path, lenient(opts)))
end

--- assoc.loads_collection(json_text [, opts]) -> {Organisation...}
function assoc.loads_collection(text, opts)
  check(text, "string", "JSON text")
  return collection_list(assoc.Collection.from_json(text, lenient(opts)))
end

--- assoc.collection_to_json(orgs [, {pretty = true}]) -> text of a collection document
function assoc.collection_to_json(orgs, opts)
  check(orgs, "table", "organisations")
  local coll = assoc.Collection()
  for _, org in ipairs(orgs) do coll:add(org) end
  return coll:to_json(write_flags(opts))
end

local function jsonl_iterator(reader, opts)
  opts = options(opts)
  local on_error = opts.on_error
  local function step()
    while true do
      local ok, org = pcall(reader.next, reader)
      if ok then
        if org == nil then reader:close() end
        return org
      end
      if not on_error then
        reader:close()
        error(org, 0)
      end
      on_error(org, reader:line())
    end
  end
  -- The reader as the to-be-closed value: breaking out of the loop closes the file.
  local closer = setmetatable({}, { __close = function() reader:close() end })
  return step, nil, nil, closer
end

--- for org in assoc.read_jsonl(path [, {on_error = function(err, line) end}]) do ... end
-- One organisation per line, read one at a time. Without on_error the first
-- bad line raises its error (err.line is the line number); with it, the bad
-- line is reported and reading goes on.
function assoc.read_jsonl(path, opts)
  check(path, "string", "path")
  return jsonl_iterator(assoc.JsonlReader.open(path, lenient(opts)), opts)
end

--- for org in assoc.read_jsonl_string(text [, opts]) do ... end
function assoc.read_jsonl_string(text, opts)
  check(text, "string", "JSON Lines text")
  return jsonl_iterator(assoc.JsonlReader.from_string(text, lenient(opts)), opts)
end

-- ---- profiles --------------------------------------------------------------

--- assoc.default_profile() -> the built-in Profile
function assoc.default_profile() return assoc.Profile.builtin() end

--- assoc.load_profile(path) -> Profile
function assoc.load_profile(path)
  check(path, "string", "path")
  return assoc.Profile.load(path)
end

--- assoc.loads_profile(json_text) -> Profile
function assoc.loads_profile(text)
  check(text, "string", "JSON text")
  return assoc.Profile.from_json(text)
end

-- ---- scoring ---------------------------------------------------------------

--- assoc.score(org [, profile [, {year = 0, values_only = false}]]) -> report table
-- The table has the keys of the JSON report; results is an array of tables
-- with measure, year, status, value (nil when not computable), explanation...
function assoc.score(org, profile, opts)
  return org:score(profile, opts)
end

--- assoc.find(report, measure [, year [, subject]]) -> the result table or nil
function assoc.find(report, measure, year, subject)
  check(report, "table", "report")
  year = year or 0
  for _, r in ipairs(report.results or {}) do
    if r.measure == measure and (r.year or 0) == year and r.subject == subject then return r end
  end
  return nil
end

--- text = assoc.score_jsonl(jsonl_text [, opts])
-- The batch path: loads, validates and scores every line of a JSON Lines
-- text in ONE call into the C library and returns the whole output, JSON
-- Lines of reports or (opts.format = "csv") one CSV row per
-- organisation-year. opts: format, threads, explain, year, profile, lenient.
-- A bad line gives an error record in its place.
local raw_score_jsonl = assoc.score_jsonl
function assoc.score_jsonl(text, opts)
  check(text, "string", "JSON Lines text")
  opts = options(opts)
  local formats = { jsonl = 0, csv = 1 }
  local format = formats[opts.format or "jsonl"]
  if format == nil then raise(EINVAL, "format must be 'jsonl' or 'csv'") end
  return raw_score_jsonl(text, format, opts.threads or 0, opts.explain and 1 or 0, opts.year or 0,
                         profile_arg(opts.profile), opts.lenient and 1 or 0)
end

--- for report in assoc.score_many(iterator_or_array [, profile [, opts]]) do ... end
-- Scores organisations one at a time (from assoc.read_jsonl, an array, or any
-- iterator function) and yields report tables.
function assoc.score_many(source, profile, opts)
  local nextorg
  if type(source) == "table" then
    local i = 0
    nextorg = function() i = i + 1; return source[i] end
  elseif type(source) == "function" then
    nextorg = source
  else
    raise(ETYPE, "score_many needs an array or an iterator of organisations")
  end
  return function()
    local org = nextorg()
    if org == nil then return nil end
    if type(org) == "table" then org = assoc.from_table(org) end
    return org:score(profile, opts)
  end
end

local function result_table(r) return json_decode(r:to_json()) end

-- Coefficients of the logit: {{"measure", beta}, ...} or {measure = beta, ...} (sorted by name).
local function coefficients(coeffs)
  check(coeffs, "table", "coefficients")
  if #coeffs > 0 or next(coeffs) == nil then return coeffs end
  local names, list = {}, {}
  for name in pairs(coeffs) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do list[#list + 1] = { name, coeffs[name] } end
  return list
end

-- ---- methods added to the wrapper's classes --------------------------------

local Org = classes.Organisation[".fn"]
local Rep = classes.Report[".fn"]
local swig = {
  to_json = Org.to_json, save = Org.save, append = Org.append, score = Org.score, measure = Org.measure,
  stress_remove_largest = Org.stress_remove_largest, stress_stream_drop = Org.stress_stream_drop,
  report_to_json = Rep.to_json, logit = Rep.logit,
}

--- org:to_json([{pretty = true, bare = true}]) -> text
function Org.to_json(self, opts) return swig.to_json(self, write_flags(opts)) end

--- org:save(path [, {pretty = true, bare = true}])
function Org.save(self, path, opts)
  check(path, "string", "path")
  return swig.save(self, path, write_flags(opts))
end

--- org:to_table() -> the organisation as a table (the keys of the JSON format)
function Org.to_table(self) return json_decode(swig.to_json(self, WRITE_BARE)) end

-- One JSON Pointer segment.
local function esc(key) return (tostring(key):gsub("~", "~0"):gsub("/", "~1")) end

-- Follow a JSON Pointer in a table (keys unescaped, array indices 0-based).
local function walk(t, path)
  for seg in path:gmatch("/([^/]*)") do
    seg = seg:gsub("~1", "/"):gsub("~0", "~")
    if type(t) ~= "table" then return nil end
    local i = math.tointeger(tonumber(seg))
    if i and t[1] ~= nil then t = t[i + 1] else t = t[seg] end
  end
  return t
end

--- org:get(path) -> number, string, boolean, a table (arrays, objects) or nil when absent
function Org.get(self, path)
  check(path, "string", "path")
  local kind = self:kind(path)
  if kind == "number" then return number(self:get_number(path)) end
  if kind == "string" then return self:get_string(path) end
  if kind == "bool" then return self:get_bool(path) end
  return walk(self:to_table(), path) or (kind == "array" and {} or assoc.object())
end

local set

-- Fill the element just appended at `path` from a table; on error remove it again.
local function append_value(self, path, value)
  local i = swig.append(self, path)
  local ok, err = pcall(function()
    if type(value) ~= "table" then
      error(assoc._error(ETYPE, string.format("an element of %s must be a table, got %s", path, type(value)), path), 0)
    end
    for k, v in pairs(value) do set(self, path .. "/" .. i .. "/" .. esc(k), v) end
  end)
  if not ok then
    self:remove(path, i)
    error(err, 0)
  end
  return i
end

set = function(self, path, value)
  local kind = self:kind(path)
  local t = type(value)
  if value == nil or value == assoc.null then return self:unset(path) end
  if kind == "number" then
    if t ~= "number" then raise(ETYPE, string.format("%s must be a number, got %s", path, t), path) end
    return self:set_number(path, value)
  elseif kind == "string" then
    if t ~= "string" then raise(ETYPE, string.format("%s must be a string, got %s", path, t), path) end
    return self:set_string(path, value)
  elseif kind == "bool" then
    if t ~= "boolean" then raise(ETYPE, string.format("%s must be a boolean, got %s", path, t), path) end
    return self:set_bool(path, value)
  elseif kind == "array" then
    if t ~= "table" then raise(ETYPE, string.format("%s must be an array table, got %s", path, t), path) end
    for i = self:count(path) - 1, 0, -1 do self:remove(path, i) end
    for _, v in ipairs(value) do append_value(self, path, v) end
  else
    if t ~= "table" then raise(ETYPE, string.format("%s must be a table, got %s", path, t), path) end
    -- A table replaces the object: the fields it does not give become absent.
    local current = walk(self:to_table(), path)
    if type(current) == "table" then
      for k in pairs(current) do
        if value[k] == nil then self:unset(path .. "/" .. esc(k)) end
      end
    end
    for k, v in pairs(value) do set(self, path .. "/" .. esc(k), v) end
  end
end

--- org:set(path, value): a number, string, boolean, nil (absent) or a table for an object or array.
-- Every value goes through the library's setters, which check its type and domain.
function Org.set(self, path, value)
  check(path, "string", "path")
  return set(self, path, value)
end

--- org:append(array_path [, table]) -> index (0-based, as in paths) of the new element
function Org.append(self, path, value)
  check(path, "string", "path")
  if value == nil then return swig.append(self, path) end
  return append_value(self, path, value)
end

--- org:warnings() -> {{message =, path =}, ...} recorded while loading
function Org.warnings(self)
  local list = {}
  for i = 0, self:warning_count() - 1 do
    list[#list + 1] = { message = self:warning_message(i), path = self:warning_path(i) }
  end
  return list
end

--- org:report([profile [, opts]]) -> Report object (to_text, logit, find...)
function Org.report(self, profile, opts)
  local year, flags = score_args(opts)
  return swig.score(self, profile_arg(profile), year, flags)
end

--- org:score([profile [, {year =, values_only =}]]) -> report table
function Org.score(self, profile, opts)
  local year, flags = score_args(opts)
  return json_decode(swig.report_to_json(swig.score(self, profile_arg(profile), year, flags)))
end

--- org:measure(measure [, year [, subject [, profile]]]) -> result table
function Org.measure(self, measure, year, subject, profile)
  check(measure, "string", "measure")
  return result_table(swig.measure(self, measure, year or 0, subject, profile_arg(profile)))
end

--- org:stress_remove_largest(year [, "funders" | "streams" [, profile]]) -> result table
function Org.stress_remove_largest(self, year, level, profile)
  check(year, "number", "year")
  return result_table(swig.stress_remove_largest(self, year, level or "funders", profile_arg(profile)))
end

--- org:stress_stream_drop(year, stream, share [, profile]) -> result table
function Org.stress_stream_drop(self, year, stream, share, profile)
  check(year, "number", "year")
  check(stream, "string", "stream")
  check(share, "number", "share")
  return result_table(swig.stress_stream_drop(self, year, stream, share, profile_arg(profile)))
end

--- org:logit(year, beta0, coefficients [, profile]) -> result table
function Org.logit(self, year, beta0, coeffs, profile)
  check(year, "number", "year")
  check(beta0, "number", "beta0")
  local rep = swig.score(self, profile_arg(profile), 0, 0)
  return result_table(swig.logit(rep, year, beta0, coefficients(coeffs)))
end

--- report:to_table() -> report table
function Rep.to_table(self) return json_decode(swig.report_to_json(self)) end

--- report:to_json([{pretty = true}]) -> text
function Rep.to_json(self, opts) return swig.report_to_json(self, write_flags(opts)) end

--- report:logit(year, beta0, coefficients) -> result table
function Rep.logit(self, year, beta0, coeffs)
  return result_table(swig.logit(self, year, beta0, coefficients(coeffs)))
end

-- ---- peer benchmarking (docs/benchmarking.md) -------------------------------

-- A grouping: nil / "all" (the whole population), "sector|size", or an array {"sector", "size"}.
local function grouping_arg(g)
  if g == nil or type(g) == "string" then return g end
  if type(g) == "table" then
    for i, d in ipairs(g) do
      if type(d) ~= "string" then
        error(assoc._error(ETYPE, string.format("grouping dimension %d must be a string, got %s", i, type(d)), ""), 3)
      end
    end
    return table.concat(g, "|")
  end
  error(assoc._error(ETYPE, "a grouping must be a string or an array of dimension names, got " .. type(g), ""), 3)
end

local Pop = classes.Population[".fn"]
swig.pop_add, swig.pop_add_values = Pop.add, Pop.add_values
local KEYS = { "sector", "country", "region", "departement", "commune", "currency" }

--- pop:add(org, year [, report]): the organisation-year with the values of a Report object
-- (org:report(...)), or scored with the default profile when nil.
function Pop.add(self, org, year, report)
  check(year, "number", "year")
  return swig.pop_add(self, org, year, report)
end

--- pop:add_values(id, year, {measure = value, ...} [, {sector =, country =, region =, departement =,
-- commune =, currency =, revenue =}]): a member given by value; a measure left out (or assoc.null) is missing.
function Pop.add_values(self, id, year, values, keys)
  check(id, "string", "id")
  check(year, "number", "year")
  check(values, "table", "values")
  keys = options(keys)
  local names, list = {}, {}
  for name, v in pairs(values) do
    if v ~= assoc.null then
      if type(name) ~= "string" then raise(ETYPE, "measure names must be strings", "/measures") end
      if type(v) ~= "number" then
        raise(ETYPE, string.format("the value of %s must be a number, got %s", name, type(v)), "/values/" .. esc(name))
      end
      names[#names + 1] = name
    end
  end
  table.sort(names) -- a stable order: pairs() has none
  for _, name in ipairs(names) do list[#list + 1] = { name, values[name] } end
  local k = {}
  for i, key in ipairs(KEYS) do
    if keys[key] ~= nil and type(keys[key]) ~= "string" then raise(ETYPE, key .. " must be a string", "/" .. key) end
    k[i] = keys[key]
  end
  if keys.revenue ~= nil and type(keys.revenue) ~= "number" then raise(ETYPE, "revenue must be a number", "/revenue") end
  return swig.pop_add_values(self, id, year, list, k[1], k[2], k[3], k[4], k[5], k[6], keys.revenue or 0 / 0)
end

--- pop:members() -> {{id =, year =}, ...} in the order they were added
function Pop.members(self)
  local list = {}
  for i = 0, self:count() - 1 do list[#list + 1] = { id = self:member_id(i), year = self:member_year(i) } end
  return list
end

--- #pop: the number of organisation-years
classes.Population.__len = function(self) return self:count() end

-- The benchmark table: the library's JSON, each member also given its group's
-- median, q1, q3 and group_size (nil when it has no ranked group).
local function bench_table(json)
  local t = json_decode(json)
  local groups = {}
  for _, g in ipairs(t.groups) do groups[g.key] = g end
  for _, m in ipairs(t.members) do
    local g = m.group and groups[m.group]
    if g then m.median, m.q1, m.q3, m.group_size = g.median, g.q1, g.q3, g.n end
  end
  return t
end

--- assoc.benchmark(pop, measure [, grouping [, profile]]) -> table
-- {measure =, grouping = {...}, parameters = {...}, groups = {{key =, status =, n =, members =, min =,
-- q1 =, median =, q3 =, max =, winsor_low =, winsor_high =, mean =, sd =}, ...}, members = {{id =,
-- year =, group =, status =, value =, winsorised =, percentile =, z =, median =, q1 =, q3 =,
-- group_size =}, ...}}; a missing value is nil, never 0.
function assoc.benchmark(pop, measure, grouping, profile)
  check(measure, "string", "measure")
  local b = assoc.Benchmark(pop, measure, grouping_arg(grouping), profile_arg(profile))
  return bench_table(b:to_json())
end

--- assoc.tuckman_chang(pop [, grouping [, profile]]) -> table
-- {indicators = {{measure =, worst =, threshold_quantile =}, ...}, members = {{id =, year =,
-- flagged =, decided =, indicators = {[measure] = {flag =, value =, percentile =, z =, threshold =,
-- group =}}}, ...}, benchmarks = {[measure] = benchmark table}}.
function assoc.tuckman_chang(pop, grouping, profile)
  local tc = assoc.TuckmanChang(pop, grouping_arg(grouping), profile_arg(profile))
  local t = json_decode(tc:to_json())
  t.benchmarks = {}
  for k, ind in ipairs(t.indicators) do t.benchmarks[ind.measure] = bench_table(tc:benchmark_json(k - 1)) end
  return t
end

--- pop:benchmark(measure [, grouping [, profile]]) and pop:tuckman_chang([grouping [, profile]])
function Pop.benchmark(self, measure, grouping, profile) return assoc.benchmark(self, measure, grouping, profile) end
function Pop.tuckman_chang(self, grouping, profile) return assoc.tuckman_chang(self, grouping, profile) end

--- assoc.find_member(benchmark_or_flags, id [, year]) -> the member table or nil
function assoc.find_member(t, id, year)
  check(t, "table", "benchmark")
  for _, m in ipairs(t.members or {}) do
    if m.id == id and (year == nil or m.year == year) then return m end
  end
  return nil
end

--- assoc.find_group(benchmark, key) -> the group table or nil
function assoc.find_group(t, key)
  check(t, "table", "benchmark")
  for _, g in ipairs(t.groups or {}) do
    if g.key == key then return g end
  end
  return nil
end

--- tostring(org): "Organisation <name>"
local org_mt = classes.Organisation
local base_tostring = org_mt.__tostring
org_mt.__tostring = function(self)
  local ok, name = pcall(self.get_string, self, "/name")
  if ok and name then return "assoc.Organisation: " .. name end
  return base_tostring(self)
end

return assoc
