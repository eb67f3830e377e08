#!/usr/bin/env bash
# The README's demo, as a test: the seed example's summary and explained
# report (text and --json), and a clear error on a bad file.
set -euo pipefail
demo=$1 src=$2 tmp=$3
mkdir -p "$tmp"
out=$("$demo" "$src/examples/data/silver-connect.json")
for want in "Silver Connect Poitou" "territory: FR, région 75, département 86, commune 86194" \
	"Lever 1 - human resources" "Lever 2 - financing" "Lever 3 - alliances" \
	"revenue.streams.hhi" "finance.months_of_cash  4 months" "score.overall"; do
	grep -qF -- "$want" <<<"$out" || { echo "demo output lacks: $want"; exit 1; }
done
# --json prints the JSON report only: it must parse and name the organisation.
"$demo" --json "$src/examples/data/silver-connect.json" >"$tmp/report.json"
grep -q '"measure"' "$tmp/report.json"
# A bad document: exit 1 and an error naming the path of the offending value.
printf '{"format":"libassoc/1","organisation":{"id":{"scheme":"rna","value":"W863000001"},"name":"X","years":[{"year":2024,"currency":"EUR","balance":{"cash":-5}}]}}' >"$tmp/bad.json"
if "$demo" "$tmp/bad.json" 2>"$tmp/err.txt"; then echo "demo accepted a negative cash"; exit 1; fi
grep -qF "/years/0/balance/cash" "$tmp/err.txt" || { echo "error lacks the path:"; cat "$tmp/err.txt"; exit 1; }
echo "demo: 3 checks passed"
