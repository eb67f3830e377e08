-- Peer benchmarking from Lua: the hand-made populations of
-- tests/unit/test_peers.c (every figure derived there, recalled here) so that
-- C, Python (tests/python/test_peers.py) and Lua agree; then the real IRS 990
-- sample of ../shared/data when it is present.
local T = dofile((arg[0]:match("^(.*)/") or ".") .. "/testing.lua")
local assoc = require "assoc"
local test, eq, near, ok, raises = T.test, T.eq, T.near, T.ok, T.raises

-- The profile of test_peers.c: winsorise at 10 % / 90 %, groups of fewer than 3
-- values not ranked, size bands (-inf, 100000), [100000, 1000000), [1000000, inf).
local MATURITY = { tag = "own", weights = {
  information_sharing = 5, coordinated_activities = 10, pooled_resources = 15, capacity_building = 15,
  co_defined_objectives = 15, shared_governance = 15, joint_evaluation = 10, co_created_solution = 10,
  multi_year = 5 } }
local PROFILE = assoc.loads_profile(assoc.json_encode({
  format = "libassoc-profile/1", id = "test-peers", version = "1", alliance_maturity = MATURITY,
  constants = {
    ["benchmark.winsor_low"] = { value = 0.1, tag = "own" },
    ["benchmark.winsor_high"] = { value = 0.9, tag = "own" },
    ["benchmark.min_group_size"] = { value = 3, tag = "own" },
    ["benchmark.size_band_edge.1"] = { value = 100000, tag = "own" },
    ["benchmark.size_band_edge.2"] = { value = 1000000, tag = "own" } } }))
local SD = math.sqrt(67.92 / 9) -- sd of the winsorised 1.9 2 3 4 5 6 7 8 9 9.1

-- a1..a10 in FR:84, naf:94.99Z, 2022, x = 1..10, revenue 50000 EUR (a1..a5) or
-- 150000 (a6..a10); a11 in FR:84 without x; b1, b2 in FR:11 with x = 100, 200;
-- c1 without région, x = 3.
local function hand_population()
  local p = assoc.Population()
  for i = 1, 10 do
    p:add_values("a" .. i, 2022, { x = i }, { sector = "naf:94.99Z", country = "FR", region = "84",
      currency = "EUR", revenue = i <= 5 and 50000 or 150000 })
  end
  p:add_values("a11", 2022, {}, { country = "FR", region = "84" })
  for i = 1, 2 do p:add_values("b" .. i, 2022, { x = 100 * i }, { country = "FR", region = "11" }) end
  p:add_values("c1", 2022, { x = 3 })
  return p
end

test("a population built by value", function()
  local p = hand_population()
  eq(#p, 14, "members")
  eq(p:members()[13].id, "b2", "13th member")
  raises(function() p:add_values("a1", 2022, { y = 1 }) end, "EDUPLICATE")
  raises(function() p:add_values("d2", 2022, { y = math.huge }) end, "EVALUE")
  raises(function() p:add_values("d3", 2022, { y = "1" }) end, "ETYPE")
  eq(#p, 14, "unchanged after failures")
end)

test("benchmark by région: quartiles, percentiles, z-scores", function()
  local b = assoc.benchmark(hand_population(), "x", { "region" }, PROFILE)
  eq(b.measure, "x")
  eq(#b.members, 14, "members")
  eq(#b.groups, 2, "groups")
  eq(b.groups[1].key, "region=FR:11")
  -- FR:84: R quantile(1:10) = 3.25 5.5 7.75; clamps 1.9 and 9.1.
  local g = assoc.find_group(b, "region=FR:84")
  eq(g.status, "ranked")
  eq(g.n, 10, "n")
  eq(g.members, 11, "members")
  near(g.q1, 3.25, 1e-12, "q1")
  near(g.median, 5.5, 1e-12, "median")
  near(g.q3, 7.75, 1e-12, "q3")
  near(g.winsor_low, 1.9, 1e-12, "winsor_low")
  near(g.winsor_high, 9.1, 1e-12, "winsor_high")
  near(g.sd, SD, 1e-12, "sd")
  -- a10: nine below -> 95, z = 3.6 / sd; a1: 5 and -z.
  local a10 = assoc.find_member(b, "a10", 2022)
  eq(a10.status, "ranked")
  eq(a10.group, "region=FR:84")
  near(a10.percentile, 95, 1e-12, "a10 percentile")
  near(a10.winsorised, 9.1, 1e-12, "a10 winsorised")
  near(a10.z, 1.31046346, 1e-8, "a10 z")
  near(b.members[1].percentile, 5, 1e-12, "a1 percentile")
  near(b.members[1].z, -1.31046346, 1e-8, "a1 z")
  near(b.members[5].median, 5.5, 1e-12, "a member carries its group's median")
  eq(b.members[5].group_size, 10, "group size")
  -- a11: not computable, nothing ranked (nil, never 0).
  local a11 = assoc.find_member(b, "a11")
  eq(a11.status, "not_computable")
  eq(a11.value, nil)
  eq(a11.percentile, nil)
  -- FR:11 too small; c1 without group.
  local small = assoc.find_group(b, "region=FR:11")
  eq(small.status, "group_too_small")
  eq(small.median, nil)
  eq(assoc.find_member(b, "b1").value, 100)
  eq(assoc.find_member(b, "b1").percentile, nil)
  eq(assoc.find_member(b, "c1").status, "no_group")
  eq(assoc.find_member(b, "c1").group, nil)
end)

test("whole population, ties, size bands, combined grouping", function()
  local p = hand_population()
  -- Sorted 1 2 3 3 4 5 6 7 8 9 10 100 200: x = 3 -> 100 (2 + 1) / 13; median 6; b2 clamped to 82.
  local b = p:benchmark("x", nil, PROFILE)
  eq(b.groups[1].key, "all")
  near(b.members[3].percentile, 300 / 13, 1e-12, "a3")
  near(assoc.find_member(b, "c1").percentile, 300 / 13, 1e-12, "c1")
  eq(b.groups[1].median, 6)
  near(assoc.find_member(b, "b2").winsorised, 82, 1e-12, "b2 winsorised")
  p:add_values("u1", 2022, { x = 4 }, { currency = "USD", revenue = 50000, sector = "naf:94.99Z" })
  b = assoc.benchmark(p, "x", "size", PROFILE)
  eq(#b.groups, 3, "size groups")
  ok(assoc.find_group(b, "size=USD:(-inf,100000)"), "a dollar band of its own")
  eq(b.members[6].median, 8, "a6's band median")
  near(b.members[6].percentile, 10, 1e-12, "a6")
  eq(assoc.find_member(b, "u1").status, "group_too_small")
  b = assoc.benchmark(p, "x", "year|sector", PROFILE)
  eq(b.groups[1].key, "year=2022|sector=naf:94.99Z")
  near(assoc.find_member(b, "u1").percentile, 400 / 11, 1e-12, "u1")
end)

test("benchmark errors", function()
  local p = hand_population()
  local e = raises(function() assoc.benchmark(p, "x", "galaxy", PROFILE) end, "ELABEL")
  ok(e.message:find("galaxy", 1, true), e.message)
  local bare = assoc.loads_profile(assoc.json_encode({ format = "libassoc-profile/1", id = "bare", version = "1",
    alliance_maturity = MATURITY }))
  raises(function() assoc.benchmark(p, "x", nil, bare) end, "ENOTFOUND", "/constants/benchmark.winsor_low")
  raises(function() assoc.benchmark(p, "x", { 1 }) end, "ETYPE")
  local b = assoc.benchmark(p, "nobody.has.this", nil, PROFILE)
  for _, m in ipairs(b.members) do eq(m.status, "not_computable") end
end)

-- t0..t9: equity_to_revenue = HHI = 0.1 (i + 1); margin -0.1, 0, 0, 0, 0, 0.05,
-- 0.05, 0.1, 0.1, 0.2; admin_to_revenue 0.05 i, missing for t0.
local function tc_population()
  local margin = { -0.1, 0, 0, 0, 0, 0.05, 0.05, 0.1, 0.1, 0.2 }
  local p = assoc.Population()
  for i = 0, 9 do
    p:add_values("t" .. i, 2021, {
      ["finance.equity_to_revenue"] = 0.1 * (i + 1), ["revenue.streams.hhi"] = 0.1 * (i + 1),
      ["finance.operating_margin"] = margin[i + 1],
      ["finance.admin_to_revenue"] = i > 0 and 0.05 * i or assoc.null })
  end
  return p
end

test("Tuckman & Chang flags beside the continuous values", function()
  local tc = assoc.tuckman_chang(tc_population(), nil, PROFILE)
  eq(#tc.members, 10)
  local function ind(i, measure) return tc.members[i + 1].indicators[measure] end
  eq(ind(0, "finance.equity_to_revenue").flag, "flagged")
  eq(ind(1, "finance.equity_to_revenue").flag, "flagged")
  eq(ind(2, "finance.equity_to_revenue").flag, "not_flagged")
  near(ind(0, "finance.equity_to_revenue").threshold, 0.28, 1e-12, "Q(0.2) equity")
  eq(ind(8, "revenue.streams.hhi").flag, "flagged")
  eq(ind(7, "revenue.streams.hhi").flag, "not_flagged")
  near(ind(7, "revenue.streams.hhi").threshold, 0.82, 1e-12, "Q(0.8) HHI")
  eq(ind(0, "finance.admin_to_revenue").flag, "not_computable")
  eq(ind(2, "finance.admin_to_revenue").flag, "flagged")
  near(ind(3, "finance.admin_to_revenue").threshold, 0.13, 1e-12, "Q(0.2) admin")
  eq(ind(0, "finance.operating_margin").flag, "flagged")
  for i = 1, 4 do eq(ind(i, "finance.operating_margin").flag, "not_flagged", "margin at exactly 0") end
  local want = { 2, 2, 1, 0, 0, 0, 0, 0, 1, 1 }
  for i, m in ipairs(tc.members) do
    eq(m.flagged, want[i], m.id .. " flagged")
    eq(m.decided, i == 1 and 3 or 4, m.id .. " decided")
  end
  near(ind(0, "finance.equity_to_revenue").percentile, 5, 1e-12, "t0 equity percentile")
  near(ind(0, "finance.operating_margin").value, -0.1, 0, "t0 margin")
  eq(ind(0, "finance.admin_to_revenue").value, nil)
  local eqb = tc.benchmarks["finance.equity_to_revenue"]
  eq(eqb.groups[1].n, 10)
  near(eqb.members[1].percentile, 5, 1e-12, "benchmark beside the flags")
  -- By région: nobody has one.
  tc = tc_population():tuckman_chang("region", PROFILE)
  eq(tc.members[6].indicators["revenue.streams.hhi"].flag, "no_group")
  eq(tc.members[1].indicators["finance.admin_to_revenue"].flag, "not_computable")
  eq(tc.members[6].decided, 0)
end)

test("a population of organisations", function()
  local org = assoc.load(T.SRC .. "/examples/data/silver-connect.json")
  local year = org:get("/years/0/year")
  local p = assoc.Population()
  p:add(org, year)
  local q = assoc.Population()
  q:add(org, year, org:report(nil, { year = year }))
  raises(function() p:add(org, year) end, "EDUPLICATE")
  raises(function() p:add(org, 1800) end, "ENOTFOUND")
  local want = assoc.find(org:score(nil, { year = year }), "revenue.streams.hhi", year).value
  ok(want ~= nil, "silver-connect has an HHI")
  for _, pop in ipairs({ p, q }) do
    local m = assoc.benchmark(pop, "revenue.streams.hhi").members[1]
    near(m.value, want, 1e-12, "copied value")
    eq(m.status, "group_too_small", "one member is too few")
  end
end)

-- ---- the real IRS 990 sample (../shared/data) ---------------------------------

-- One CSV record (no line breaks inside fields in this file).
local function csv_fields(line)
  local out, i = {}, 1
  line = line:gsub("\r$", "")
  while i <= #line + 1 do
    if line:sub(i, i) == '"' then
      local buf, j = {}, i + 1
      while true do
        local q = line:find('"', j, true)
        if not q then buf[#buf + 1] = line:sub(j); i = #line + 2; break end
        buf[#buf + 1] = line:sub(j, q - 1)
        if line:sub(q + 1, q + 1) == '"' then buf[#buf + 1] = '"'; j = q + 2
        else i = q + 2; break end
      end
      out[#out + 1] = table.concat(buf)
    else
      local c = line:find(",", i, true) or (#line + 1)
      out[#out + 1] = line:sub(i, c - 1)
      i = c + 1
    end
  end
  return out
end

test("the IRS 990 sample: total expenses by size band", function()
  local dir = os.getenv("ASSOC_SHARED_DIR")
  local path = (dir and dir ~= "" and dir or T.SRC .. "/../shared") .. "/data/us-irs990/part010810_2009.csv"
  local f = io.open(path, "r")
  if not f then
    print("skipped: " .. path .. " is absent")
    return
  end
  local header = csv_fields(f:read("l"))
  local col = {}
  for i, name in ipairs(header) do col[name] = i end
  local p, values = assoc.Population(), {}
  for line in f:lines() do
    local r = csv_fields(line)
    local ein, year = r[col.ORG_EIN], math.tointeger(tonumber(r[col.TAX_YEAR]))
    local exp, rev = tonumber(r[col.F9_09_EXP_TOT_TOT]), tonumber(r[col.F9_08_REV_TOT_TOT])
    -- A return filed twice (amended) for the same year: keep the first.
    local added = pcall(p.add_values, p, ein, year, { expenses = exp }, { country = "US", currency = "USD",
      revenue = rev })
    if added and exp then values[#values + 1] = exp end
  end
  f:close()
  ok(#p > 900, #p .. " filers")
  local b = assoc.benchmark(p, "expenses")
  local g = b.groups[1]
  eq(g.n, #values, "every expense ranked")
  -- The type-7 median recomputed here from the values read.
  table.sort(values)
  local h = (#values - 1) * 0.5
  local j = math.floor(h)
  local med = values[j + 1] + (h - j) * ((values[j + 2] or values[j + 1]) - values[j + 1])
  near(g.median, med, 1e-9 * math.abs(med), "median")
  ok(g.min <= g.q1 and g.q1 <= g.median and g.median <= g.q3 and g.q3 <= g.max, "quartiles in order")
  local sum = 0
  for _, m in ipairs(b.members) do sum = sum + (m.percentile or 0) end
  near(sum / #values, 50, 1e-9, "mid-rank percentiles average 50")
  -- By size band: every ranked group's median lies between its quartiles.
  b = assoc.benchmark(p, "expenses", "size")
  ok(#b.groups >= 3, #b.groups .. " size bands")
  for _, grp in ipairs(b.groups) do
    if grp.status == "ranked" then ok(grp.q1 <= grp.median and grp.median <= grp.q3, grp.key) end
  end
end)

T.run()
