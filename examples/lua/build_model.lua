-- Build an association from Lua tables, check it, save it, score it.
--
--     lua5.4 examples/lua/build_model.lua [OUTPUT.json]
--
-- SPDX-License-Identifier: CC0-1.0
-- To the extent possible under law, the libassoc authors have waived all
-- copyright and related or neighboring rights to this example: copy it freely.
local assoc = require "assoc"

local org = assoc.from_table {
  id = { scheme = "rna", value = "W751234567" },
  name = "Les Jardins Partagés du Canal",
  territory = { country = "FR", region = "11", departement = "75", commune = "75119" },
  scope = "local",
  years = { { year = 2024, currency = "EUR" } },
}
-- Labels are matched caselessly, in French or English; identifiers are stored.
org:append("/years/0/revenue", { label = "Cotisations", category = "Cotisations", amount = 2400 })
org:append("/years/0/revenue", { label = "Ville de Paris", category = "Subvention de la commune", amount = 6000,
  funder = { name = "Ville de Paris", kind = "public_authority", public_level = "commune" } })
org:append("/years/0/revenue", { label = "Vente de plants", category = "sales_goods", amount = 1600 })
org:set("/years/0/expenses", { total = 9200, program = 7600, admin = 1600 })
org:set("/years/0/balance/cash", 3100)
org:set("/years/0/people/volunteers", { headcount = 25, hours = 1800 })

local ok, err = pcall(org.set, org, "/years/0/expenses/total", -1)
print("refused as expected: " .. tostring(err))
assert(not ok and err.code == "EVALUE")
org:validate()

local out = arg[1] or os.tmpname()
org:save(out, { pretty = true })
local again = assoc.load(out)
assert(again:to_json() == org:to_json())
if not arg[1] then os.remove(out) end

local report = again:score()
for _, m in ipairs { "revenue.public_share", "finance.months_of_cash", "hr.fte.volunteers", "score.overall" } do
  local r = assoc.find(report, m, 2024)
  print(string.format("%-26s %8s  %s", m, r.value and string.format("%.3g", r.value) or "-", r.explanation))
end
