#!/usr/bin/env bash
# ABI check: compare the freshly built libassoc.so with the committed
# baseline abi/libassoc.abi (libabigail: abidw / abidiff).
#
#   tests/ci/abi.sh [build-dir]            check (default build dir: build-abi)
#   tests/ci/abi.sh --update [build-dir]   rewrite abi/libassoc.abi from the build
#
# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 the ABI
# changed, 8 the change is incompatible. Incompatible -> fail. Compatible
# (an addition) -> fail too, until the baseline is updated in the same
# commit, so that every ABI change is reviewed where it is made.
# Only types reachable from the public headers (include/) are compared.
set -uo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
update=0
if [ "${1:-}" = "--update" ]; then
	update=1
	shift
fi
build=${1:-$src/build-abi}
baseline=$src/abi/libassoc.abi

# A plain build with debug information (abidw reads DWARF); only the library.
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DASSOC_SANITIZE=OFF -DASSOC_TESTS=OFF \
	-DASSOC_EXAMPLES=OFF -DASSOC_PYTHON=OFF -DASSOC_LUA=OFF >"$build.configure.log" 2>&1 \
	|| { cat "$build.configure.log"; exit 1; }
cmake --build "$build" --target assoc -j "${JOBS:-$(nproc)}" >/dev/null || exit 1
so=$(find "$build/lib" -maxdepth 1 -name 'libassoc.so.*.*' -type f | head -1)
[ -n "$so" ] || { echo "abi: libassoc.so not found under $build/lib"; exit 1; }

if [ $update -eq 1 ]; then
	mkdir -p "$(dirname "$baseline")"
	# Source locations stay in: abidiff uses them to tell public types
	# (declared under include/) from private ones.
	abidw --headers-dir "$src/include" --drop-private-types --no-corpus-path --no-comp-dir-path \
		--out-file "$baseline" "$so" || exit 1
	echo "abi: baseline written to abi/libassoc.abi ($(grep -c '<elf-symbol ' "$baseline") symbols); commit it with the change"
	exit 0
fi

[ -f "$baseline" ] || { echo "abi: no baseline abi/libassoc.abi: run tests/ci/abi.sh --update"; exit 1; }
abidiff --headers-dir2 "$src/include" --drop-private-types "$baseline" "$so" >"$build/abidiff.txt" 2>&1
rc=$?
cat "$build/abidiff.txt"
if (( rc & 3 )); then
	echo "abi: abidiff failed (exit $rc)"
	exit 1
elif (( rc & 8 )); then
	echo "abi: INCOMPATIBLE ABI change (abidiff exit $rc): the change breaks programs built against the baseline."
	echo "     Revert it, or make it in a new major version (new SONAME, docs/api-stability.md)."
	exit 1
elif (( rc & 4 )); then
	# abidiff only sets bit 8 for removed or retyped symbols; a changed
	# public struct (size, member offsets) is bit 4 too. Say which it is.
	if grep -q "Functions changes summary: 0 Removed, 0 Changed" "$build/abidiff.txt" &&
	   grep -q "Variables changes summary: 0 Removed, 0 Changed" "$build/abidiff.txt"; then
		echo "abi: compatible ABI change (additions only, abidiff exit $rc)."
	else
		echo "abi: ABI CHANGE (abidiff exit $rc) that may break existing binaries: review the report"
		echo "     above (a public struct whose size or member offsets change is incompatible)."
	fi
	echo "     Update abi/libassoc.abi in the same commit (tests/ci/abi.sh --update), and put new"
	echo "     symbols in a new version node of lib/libassoc.map when a release is made."
	exit 1
fi
echo "abi: no change against abi/libassoc.abi"
