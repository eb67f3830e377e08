-- Load one association, print its three levers, territory and overall score
-- with their explanations, then a stress test.
--
--     lua5.4 examples/lua/score_one.lua [ORGANISATION.json]
--
-- SPDX-License-Identifier: CC0-1.0
-- To the extent possible under law, the libassoc authors have waived all
-- copyright and related or neighboring rights to this example: copy it freely.
local assoc = require "assoc"

local here = arg[0]:match("^(.*)/") or "."
local path = arg[1] or (here .. "/../data/silver-connect.json")

local ok, org = pcall(assoc.load, path)
if not ok then
  -- org is an assoc.Error: code, message, path (JSON Pointer), line, column
  io.stderr:write(path, ": ", tostring(org), "\n")
  os.exit(1)
end

local report = org:score()
local last = 0
for _, y in ipairs(org:get("/years")) do last = math.max(last, y.year) end
print(org:get("/name") .. " - " .. last)

local levers = {
  { "score.human_resources", "Lever 1 - human resources" },
  { "score.financing", "Lever 2 - financing" },
  { "score.alliances", "Lever 3 - alliances" },
  { "score.territory", "Territorial anchoring" },
  { "score.overall", "Overall" },
}
for _, lever in ipairs(levers) do
  -- Lever 3 is about the organisation's alliances as a whole (year 0).
  local r = assoc.find(report, lever[1], last) or assoc.find(report, lever[1])
  local shown = r.value and string.format("%.0f/100", r.value) or "not computable"
  print(string.format("  %-24s %15s  %s", lever[2], shown, r.explanation))
end
print("  Stress test: " .. org:stress_remove_largest(last).explanation)
