#!/usr/bin/env bash
# Static analysis: cppcheck and clang-tidy (configuration: .clang-tidy,
# tests/ci/cppcheck.supp). Fails on any cppcheck finding, and on any
# clang-tidy finding that is not in the reviewed list
# tests/ci/clang-tidy.known (each entry: file, check, message, how many
# times, and why it is not a bug). A finding in that list that disappears
# is reported so the entry can be removed.
#
#   tests/ci/static.sh [build-dir]      default: build-static beside the sources
set -uo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$src/build-static}
jobs=${JOBS:-$(nproc)}
status=0
cd "$src"

echo "==> cppcheck"
# Bugs and portability everywhere; style in the library and the fuzz targets.
common=(--std=c11 --quiet --inline-suppr --error-exitcode=1 --suppressions-list=tests/ci/cppcheck.supp
	-I include -I lib -I tests/unit -I tests/fuzz -D__GNUC__ -DASSOC_BUILDING
	-DASSOC_SOURCE_DIR=\"src\" -DASSOC_SHARED_DIR=\"shared\" -j "$jobs")
cppcheck "${common[@]}" --enable=warning,style,performance,portability lib tests/fuzz || status=1
cppcheck "${common[@]}" --enable=warning,portability tests/unit examples || status=1

echo "==> clang-tidy"
cmake -S "$src" -B "$build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DASSOC_PYTHON=OFF -DASSOC_LUA=OFF \
	-DASSOC_SANITIZE=OFF >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
# Generated sources (the embedded default profile) must exist for the database.
cmake --build "$build" --target assoc_objects -j "$jobs" >"$build.build.log" 2>&1 || { tail -30 "$build.build.log"; exit 1; }
files=$(ls lib/*.c tests/fuzz/fuzz_*.c tests/fuzz/replay.c)
run-clang-tidy -p "$build" -j "$jobs" -quiet $files >"$build/clang-tidy.log" 2>&1
sed 's/\x1b\[[0-9;]*m//g' "$build/clang-tidy.log" | grep -E '^/.*: (warning|error): ' |
	sed -E "s|^$src/||" | sort -u >"$build/clang-tidy.findings"
# Count by (file, check, message) without line numbers, which move with every edit.
key() { sed -E 's/^([^:]+):[0-9]+:[0-9]+: (warning|error): (.*) \[([^]]+)\]$/\1\t\4\t\3/'; }
key <"$build/clang-tidy.findings" | sort | uniq -c | sed -E 's/^ *([0-9]+) /\1\t/' >"$build/clang-tidy.counts"
grep -vE '^(#|$)' tests/ci/clang-tidy.known | cut -f1-4 | sort >"$build/clang-tidy.known" || true
new=0
while IFS=$'\t' read -r n file check msg; do
	allowed=$(awk -F'\t' -v f="$file" -v c="$check" -v m="$msg" '$2==f && $3==c && $4==m {print $1}' \
		"$build/clang-tidy.known")
	if [ -z "$allowed" ] || [ "$n" -gt "$allowed" ]; then
		new=1
		echo "clang-tidy: NEW: $file [$check] $msg (x$n, known: ${allowed:-0})"
		grep -F "$file:" "$build/clang-tidy.findings" | grep -F "$msg [$check]" | sed 's/^/    /'
	fi
done <"$build/clang-tidy.counts"
while IFS=$'\t' read -r n file check msg; do
	grep -qF "$(printf '%s\t%s\t%s' "$file" "$check" "$msg")" "$build/clang-tidy.counts" ||
		echo "clang-tidy: fixed, remove from tests/ci/clang-tidy.known: $file [$check] $msg"
done <"$build/clang-tidy.known"
if [ $new -ne 0 ]; then
	status=1
	echo "clang-tidy: fix the findings above, or, if one is a false positive, add it to"
	echo "            tests/ci/clang-tidy.known with the reason (full log: $build/clang-tidy.log)"
fi
echo "static: cppcheck and clang-tidy $([ $status -eq 0 ] && echo clean || echo FAILED)" \
	"($(wc -l <"$build/clang-tidy.findings") clang-tidy finding(s), $(wc -l <"$build/clang-tidy.known") known)"
exit $status
