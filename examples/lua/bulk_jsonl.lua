-- Score every organisation of a JSON Lines file, one at a time.
--
--     lua5.4 examples/lua/bulk_jsonl.lua [ORGANISATIONS.jsonl]
--
-- SPDX-License-Identifier: CC0-1.0
-- To the extent possible under law, the libassoc authors have waived all
-- copyright and related or neighboring rights to this example: copy it freely.
local assoc = require "assoc"

local here = arg[0]:match("^(.*)/") or "."
local path = arg[1] or (here .. "/../data/organisations.jsonl")

local function show(v) return v and string.format("%.1f", v) or "-" end

-- A bad line is reported and reading goes on with the next one.
local orgs = assoc.read_jsonl(path, {
  on_error = function(err, line) io.stderr:write("line ", line, ": ", tostring(err), "\n") end,
})

print(string.format("%-40s %4s %8s %14s", "organisation", "year", "overall", "cash (months)"))
for report in assoc.score_many(orgs, nil, { values_only = true }) do
  local year = 0
  for _, r in ipairs(report.results) do
    if r.year and r.year > year then year = r.year end
  end
  local overall = assoc.find(report, "score.overall", year)
  local months = assoc.find(report, "finance.months_of_cash", year)
  print(string.format("%-40s %4d %8s %14s", report.organisation.name, year,
    show(overall and overall.value), show(months and months.value)))
end
