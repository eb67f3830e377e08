-- The Lua module: loading, reading, editing, scoring, errors.
-- Expected values computed by hand from examples/data/silver-connect.json,
-- year 2022: revenue 35000 + 25000 (public subsidies) + 4000 (dues) +
-- 8000 + 10000 (gifts) + 8000 (private earned) = 90000; expenses 88000 of
-- which depreciation 4000; cash 28000.
local T = dofile((arg[0]:match("^(.*)/") or ".") .. "/testing.lua")
local assoc = require "assoc"
local test, eq, near, ok, raises = T.test, T.eq, T.near, T.ok, T.raises
local DATA = T.SRC .. "/examples/data/"

local function silver() return assoc.load(DATA .. "silver-connect.json") end

local function minimal()
  return {
    id = { scheme = "rna", value = "W751234567" },
    name = "Les Amis du Quartier",
    years = { {
      year = 2023, currency = "EUR",
      revenue = { { category = "membership_dues", amount = 3000 }, { category = "subsidy_commune", amount = 7000 } },
      expenses = { total = 9000 },
      balance = { cash = 1500 },
    } },
  }
end

-- ---- loading ----------------------------------------------------------------

test("load, loads and from_table give the same organisation", function()
  local a = assoc.load(DATA .. "silver-connect.json")
  local b = assoc.loads(T.read(DATA .. "silver-connect.json"))
  local c = assoc.from_table(a:to_table())
  local d = assoc.from_table({ format = "libassoc/1", organisation = a:to_table() })
  eq(b:to_json(), a:to_json(), "loads")
  eq(c:to_json(), a:to_json(), "from_table (bare)")
  eq(d:to_json(), a:to_json(), "from_table (document)")
end)

test("collections", function()
  local orgs = assoc.load_collection(DATA .. "collection.json")
  local doc = assoc.json_decode(T.read(DATA .. "collection.json"))
  eq(#orgs, #doc.organisations, "count")
  for i, org in ipairs(orgs) do eq(org:get("/name"), doc.organisations[i].name, "name " .. i) end
  local again = assoc.loads_collection(assoc.collection_to_json(orgs))
  eq(again[1]:to_json(), orgs[1]:to_json(), "round trip")
  raises(function() assoc.collection_to_json({ orgs[1], orgs[1]:clone() }) end, "EDUPLICATE")
end)

test("JSON Lines, one organisation at a time", function()
  local names = {}
  for org in assoc.read_jsonl(DATA .. "organisations.jsonl") do names[#names + 1] = org:get("/name") end
  eq(#names, 3, "count")
  eq(names[2], "Repair Café Nantes Nord", "second")
  local text = T.read(DATA .. "organisations.jsonl")
  local n = 0
  for _ in assoc.read_jsonl_string(text) do n = n + 1 end
  eq(n, 3, "from a string")
end)

test("JSON Lines errors carry the line number; on_error goes on", function()
  local good = {}
  for line in T.read(DATA .. "organisations.jsonl"):gmatch("[^\n]+") do good[#good + 1] = line end
  local text = table.concat({ good[1], '{"name": ', "", '{"name": "No id"}', good[2] }, "\n")
  local seen, names = {}, {}
  for org in assoc.read_jsonl_string(text, { on_error = function(err, line) seen[#seen + 1] = err.code .. "@" .. line end }) do
    names[#names + 1] = org:get("/name")
  end
  eq(#names, 2, "good lines")
  eq(table.concat(seen, " "), "EPARSE@2 EMISSING@4", "errors")
  local err = raises(function() for _ in assoc.read_jsonl_string(text) do end end, "EPARSE")
  eq(err.line, 2, "line")
end)

-- ---- reading ------------------------------------------------------------------

test("read fields; absent is nil, never 0", function()
  local org = silver()
  eq(org:get("/name"), "Silver Connect Poitou", "name")
  eq(org:get("/years/0/year"), 2022, "year")
  eq(math.type(org:get("/years/0/year")), "integer", "year is an integer")
  eq(org:get("/years/0/balance/cash"), 28000, "cash")
  eq(org:get("/years/0/revenue/0/category"), "subsidy_departement", "category")
  eq(org:get("/priority_areas/qpv"), true, "qpv")
  eq(org:get("/priority_areas/frr"), false, "frr")
  eq(org:get("/years/0/total_revenue"), nil, "total_revenue absent")
  eq(org:get("/alliances/0/practices/joint_evaluation"), nil, "unknown practice")
  eq(org:count("/years"), 3, "count")
  eq(org:kind("/years"), "array", "kind")
  eq(org:get("/years/0/expenses").depreciation, 4000, "object as a table")
  eq(#org:get("/years/0/revenue"), 6, "array as a table")
  raises(function() org:get("/years/0/nonsense") end, "ENOTFOUND", "/years/0/nonsense")
  raises(function() org:get("/years/7") end, "ENOTFOUND")
end)

test("to_table has the keys of the JSON format", function()
  local t = silver():to_table()
  eq(t.years[2].people.employees.fte, 2.5, "2023 employees fte")
  eq(t.alliances[1].practices.shared_governance, true, "practice")
  eq(t.years[1].total_revenue, nil, "absent key")
end)

-- ---- editing --------------------------------------------------------------------

test("set numbers, strings, booleans, nil", function()
  local org = silver()
  org:set("/years/0/balance/cash", 12345.5)
  eq(org:get("/years/0/balance/cash"), 12345.5, "cash")
  org:set("/years/0/balance/cash", nil)
  eq(org:get("/years/0/balance/cash"), nil, "unset")
  org:set("/alliances/1/family", "Mécénat")
  eq(org:get("/alliances/1/family"), "mecenat", "label normalised")
  org:set("/years/0/revenue/0/category", "MECENAT D'ENTREPRISE")
  eq(org:get("/years/0/revenue/0/category"), "corporate_patronage", "French label, any case")
  org:set("/alliances/0/practices/joint_evaluation", false)
  eq(org:get("/alliances/0/practices/joint_evaluation"), false, "practice")
end)

test("build an organisation from Lua values", function()
  local org = assoc.Organisation()
  org:set("/id", { scheme = "rna", value = "W751234567" })
  org:set("/name", "Les Amis")
  eq(org:append("/years", { year = 2024, currency = "EUR" }), 0, "index of the first year")
  org:append("/years/0/revenue", { category = "Subvention de la commune", amount = 5000 })
  org:set("/years/0/expenses", { total = 5500, program = 4000 })
  org:validate()
  eq(org:get("/years/0/revenue/0/category"), "subsidy_commune", "category")
  -- A table replaces an object: fields it does not give become absent.
  org:set("/years/0/expenses", { total = 6000 })
  eq(org:get("/years/0/expenses/program"), nil, "replaced")
  org:set("/years/0/revenue", { { category = "rent", amount = 100 } })
  eq(org:count("/years/0/revenue"), 1, "array replaced")
  org:remove("/years/0/revenue", 0)
  eq(org:count("/years/0/revenue"), 0, "removed")
end)

test("a refused append leaves the array unchanged", function()
  local org = silver()
  local n = org:count("/years/0/revenue")
  raises(function() org:append("/years/0/revenue", { category = "not a category", amount = 1 }) end,
    "ELABEL", "/years/0/revenue/" .. n .. "/category")
  eq(org:count("/years/0/revenue"), n, "unchanged")
end)

test("round trip", function()
  local org = silver()
  eq(assoc.loads(org:to_json()):to_json(), org:to_json(), "json")
  eq(assoc.from_table(org:to_table()):to_json(), org:to_json(), "table")
  local path = os.tmpname()
  org:save(path, { pretty = true })
  eq(assoc.load(path):to_json(), org:to_json(), "file")
  os.remove(path)
  ok(org:to_json({ pretty = true }):find("\n"), "pretty")
  eq(assoc.json_decode(org:to_json({ bare = true })).name, "Silver Connect Poitou", "bare")
end)

-- ---- scoring ------------------------------------------------------------------------

test("a report is a table with the keys of the JSON report", function()
  local rep = silver():score()
  eq(rep.format, "libassoc-report/1", "format")
  eq(rep.organisation.name, "Silver Connect Poitou", "organisation")
  eq(rep.profile.id, "libassoc-default", "profile")
  eq(rep.territory_override, "FR-75 Nouvelle-Aquitaine (demonstration)", "override")
  local r = assoc.find(rep, "revenue.streams.hhi", 2022)
  -- H = (2/3)^2 + 0.2^2 + (8/90)^2 + (4/90)^2
  near(r.value, (2 / 3) ^ 2 + 0.2 ^ 2 + (8 / 90) ^ 2 + (4 / 90) ^ 2, 1e-12, "hhi")
  eq(r.status, "ok", "status")
  eq(r.unit, "index", "unit")
  ok(r.explanation:find("HHI"), "explanation")
  eq(r.source.tag, "V", "source tag")
  local d = assoc.find(rep, "revenue.streams.dependence", 2022)
  eq(d.label, "public_subsidies", "label")
  near(d.contributions.gifts, 0.2, 1e-12, "contribution")
  near(assoc.find(rep, "finance.months_of_cash", 2022).value, 4, 1e-12, "months of cash")
  eq(assoc.find(rep, "revenue.total", 2022).inputs.declared_total, nil, "missing input is nil")
end)

test("not computable: value nil and a reason", function()
  local r = assoc.find(silver():score(), "hr.fte.skills_sponsorship", 2022)
  eq(r.status, "not_computable", "status")
  eq(r.value, nil, "value")
  ok(r.reason and #r.reason > 0, "reason")
end)

test("options: one year, values only; profiles", function()
  local org = silver()
  local one = org:score(nil, { year = 2023, values_only = true })
  eq(assoc.find(one, "revenue.streams.hhi", 2022), nil, "2022 left out")
  ok(assoc.find(one, "revenue.streams.hhi", 2023).value, "2023 kept")
  local p = assoc.default_profile()
  eq(p:id(), "libassoc-default", "profile id")
  eq(p:constant("fte_hours"), 1607, "fte hours")
  local t = assoc.json_decode(p:to_json())
  t.constants.fte_hours.value = 1600
  -- 2022: 2400 volunteer hours / 1600 = 1.5 FTE
  near(assoc.find(org:score(t), "hr.fte.volunteers", 2022).value, 1.5, 1e-12, "profile table")
  near(assoc.find(org:score(assoc.loads_profile(assoc.json_encode(t))), "hr.fte.volunteers", 2022).value,
    1.5, 1e-12, "Profile object")
  raises(function() org:score(5) end, "ETYPE")
end)

test("stress tests, single measures, logit, report objects", function()
  local org = silver()
  -- Largest funder (35000) gone: gap (84000 - 55000)/12; 28000 / gap
  near(org:stress_remove_largest(2022).value, 28000 / (29000 / 12), 1e-9, "largest funder")
  near(org:stress_remove_largest(2022, "streams").value, 28000 / 4500, 1e-9, "largest stream")
  near(org:stress_stream_drop(2022, "public_subsidies", 0.5).value, 14, 1e-9, "stream drop")
  near(org:measure("finance.months_of_cash", 2022).value, 4, 1e-12, "single measure")
  local p = 1 / (1 + math.exp(-(-1 + 0.5 * 4)))
  near(org:logit(2022, -1, { { "finance.months_of_cash", 0.5 } }).value, p, 1e-12, "logit pairs")
  near(org:logit(2022, -1, { ["finance.months_of_cash"] = 0.5 }).value, p, 1e-12, "logit map")
  local rep = org:report()
  ok(rep:count() > 0, "count")
  near(rep:find("finance.months_of_cash", 2022):value(), 4, 1e-12, "Report:find")
  ok(rep:to_text():find("Lever 1"), "text")
  near(rep:logit(2022, -1, { { "finance.months_of_cash", 0.5 } }).value, p, 1e-12, "Report:logit")
  raises(function() org:stress_remove_largest(2022, "donors") end, "ELABEL")
end)

test("score_many over JSON Lines", function()
  local names = {}
  for rep in assoc.score_many(assoc.read_jsonl(DATA .. "organisations.jsonl"), nil, { values_only = true }) do
    names[#names + 1] = rep.organisation.name
  end
  eq(#names, 3, "reports")
  local reps = {}
  for rep in assoc.score_many({ minimal(), assoc.from_table(minimal()) }) do reps[#reps + 1] = rep end
  -- dues 3000 + commune subsidy 7000: public share 0.7
  near(assoc.find(reps[1], "revenue.public_share", 2023).value, 0.7, 1e-12, "public share")
  near(assoc.find(reps[2], "revenue.public_share", 2023).value, 0.7, 1e-12, "public share")
end)

test("score_jsonl: the batch path in one call", function()
  local text = T.read(DATA .. "organisations.jsonl")
  local lines = {}
  for line in assoc.score_jsonl(text .. '{"name": 5}\n', { threads = 2 }):gmatch("[^\n]+") do
    lines[#lines + 1] = assoc.json_decode(line)
  end
  eq(#lines, 4, "one output record per input line")
  eq(lines[4].line, 4, "the bad line is named")
  ok(lines[4].error ~= nil, "and reported as an error record")
  -- The same values as scoring the organisation alone.
  local org = assoc.read_jsonl(DATA .. "organisations.jsonl")()
  local rep = assoc.score(org)
  local batch = lines[1]
  local want = assoc.find(rep, "revenue.streams.hhi", batch.results[1].year)
  ok(want ~= nil, "the first organisation has a stream HHI")
  local found
  for _, r in ipairs(batch.results) do
    if r.measure == "revenue.streams.hhi" and r.year == want.year then found = r end
  end
  ok(found ~= nil, "the batch has the same result")
  if want.value == nil then eq(found.value, nil, "not computable in both") else near(found.value, want.value, 1e-12, "HHI") end
  raises(function() assoc.score_jsonl(text, { format = "xml" }) end, "EINVAL")
end)

test("vocabularies, measures, concentration", function()
  eq(assoc.vocab_match("family", "Mécénat"), "mecenat", "match")
  eq(assoc.vocab_id("stream", 0), "dues", "id")
  eq(assoc.vocab_size("stream"), 6, "size")
  eq(assoc.category_stream("crowdfunding"), "gifts", "stream of a category")
  ok(assoc.measure_count() > 50, "measures")
  eq(assoc.measure_unit("revenue.streams.hhi"), "index", "unit")
  -- formulas.md 1.2: shares (0.3, 0.7): H = 0.58, H* = 0.16
  local c = assoc.concentration({ 0.3, 0.7 }, 2)
  near(c.hhi, 0.58, 1e-12, "hhi")
  near(c.hhi_normalised, 0.16, 1e-12, "hhi normalised")
  raises(function() assoc.vocab_match("family", "charity") end, "ELABEL")
  raises(function() assoc.concentration({ 0, 0 }, 2) end, "EVALUE")
end)

-- ---- errors ---------------------------------------------------------------------------

test("errors are assoc.Error tables with message and path", function()
  local err = raises(function() assoc.loads("{\n\"format\": ,}") end, "EPARSE")
  eq(err.line, 2, "line")
  ok(err.column > 0, "column")
  eq(err.number, -5, "number")
  eq(getmetatable(err), assoc.Error, "metatable")
  ok(tostring(err):find("^EPARSE at line 2"), "tostring: " .. tostring(err))
  local t = minimal()
  t.years[1].revenue[2].category = "subsidy_moon"
  err = raises(function() assoc.from_table(t) end, "ELABEL", "/years/0/revenue/1/category")
  ok(err.message:find("subsidy_commune"), "lists the valid labels")
  t = minimal()
  t.years[1].revenue[2].amount = "7000"
  raises(function() assoc.from_table(t) end, "ETYPE", "/years/0/revenue/1/amount")
  raises(function() assoc.loads('{"format":"libassoc/1","organisation":{"name":"\xff"}}') end, "EUTF8")
  raises(function() assoc.load(DATA .. "absent.json") end, "EIO")
  raises(function() assoc.read_jsonl(DATA .. "absent.jsonl") end, "EIO")
end)

test("wrong Lua values: clear errors with paths, nothing changed", function()
  local org = assoc.from_table(minimal())
  local before = org:to_json()
  raises(function() org:set("/years/0/balance/cash", "1500") end, "ETYPE", "/years/0/balance/cash")
  raises(function() org:set("/years/0/balance/cash", true) end, "ETYPE", "/years/0/balance/cash")
  raises(function() org:set("/name", 5) end, "ETYPE", "/name")
  raises(function() org:set("/priority_areas/qpv", 1) end, "ETYPE", "/priority_areas/qpv")
  raises(function() org:set("/years/0/expenses", 5) end, "ETYPE", "/years/0/expenses")
  raises(function() org:set("/years/0/expenses/total", -5) end, "EVALUE", "/years/0/expenses/total")
  raises(function() org:set("/years/0/expenses/total", 0 / 0) end, "EVALUE")
  raises(function() org:set("/years/0/currency", "EURO") end, "ECURRENCY")
  raises(function() org:set("/nonsense", 1) end, "ENOTFOUND", "/nonsense")
  eq(org:to_json(), before, "unchanged")
  local t = minimal()
  t.years[1].revenue[1].amount = print
  raises(function() assoc.from_table(t) end, "ETYPE", "/years/0/revenue/0/amount")
  t = minimal()
  t.years[1].revenue[1].amount = math.huge
  raises(function() assoc.from_table(t) end, "EVALUE", "/years/0/revenue/0/amount")
  t = minimal()
  t.years[1][5] = "mixed keys"
  raises(function() assoc.from_table(t) end, "ETYPE", "/years/0")
  raises(function() assoc.from_table("not a table") end, "ETYPE")
  raises(function() assoc.load(5) end, "ETYPE")
  -- The low-level methods check their arguments too (SWIG): a string error, not a crash.
  local okc, msg = pcall(org.set_number, org, "/years/0/balance/cash", "x")
  ok(not okc and type(msg) == "string", "SWIG argument check")
end)

test("json_decode / json_encode", function()
  local t = assoc.json_decode('{"a": [1, 2.5, null, true], "b": {}, "c": "x"}')
  eq(t.a[1], 1, "number")
  eq(math.type(t.a[1]), "integer", "whole number")
  eq(t.a[2], 2.5, "float")
  eq(t.a[3], assoc.null, "null in an array")
  eq(t.a[4], true, "bool")
  eq(assoc.json_encode(t.b), "{}", "empty object stays an object")
  eq(assoc.json_encode({}), "[]", "an empty table is an array")
  eq(assoc.json_encode(assoc.object()), "{}", "assoc.object()")
  eq(assoc.json_decode(assoc.json_encode(t)).c, "x", "round trip")
  raises(function() assoc.json_decode("[1,") end, "EPARSE")
end)

T.run()
