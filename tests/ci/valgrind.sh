#!/usr/bin/env bash
# Valgrind memcheck over the C unit suites (tests/unit/test_*.c), built
# without sanitizers: zero errors and zero leaks (definite, indirect or
# possible) or the run fails. Memory still reachable at exit (the built-in
# default profile, created once and kept for the process) is not a leak.
#
#   tests/ci/valgrind.sh [build-dir]      default: build-valgrind beside the sources
#                                         (configured there if it does not exist)
#
# test_alloc fails every allocation in turn; under valgrind it fails every
# 25th (ASSOC_FAULT_STRIDE) to stay within a few minutes: the sanitizer
# build covers every one.
set -uo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$src/build-valgrind}
# An existing plain build (e.g. ./build.sh test's build/) is reused as it is;
# a sanitizer build cannot run under valgrind.
if [ -f "$build/CMakeCache.txt" ]; then
	if grep -q '^ASSOC_SANITIZE:BOOL=ON' "$build/CMakeCache.txt"; then
		echo "valgrind: $build is a sanitizer build; give a plain one"
		exit 1
	fi
else
	cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DASSOC_SANITIZE=OFF \
		-DASSOC_PYTHON=OFF -DASSOC_LUA=OFF -DASSOC_EXAMPLES=OFF >"$build.configure.log" 2>&1 \
		|| { cat "$build.configure.log"; exit 1; }
fi
cmake --build "$build" -j "${JOBS:-$(nproc)}" >"$build.build.log" 2>&1 || { tail -50 "$build.build.log"; exit 1; }

logs=$build/valgrind
rm -rf "$logs"
mkdir -p "$logs"
run_one() { # executable
	local exe=$1 name
	name=$(basename "$exe")
	if ASSOC_FAULT_STRIDE=${ASSOC_FAULT_STRIDE:-25} valgrind --quiet --error-exitcode=99 \
		--leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --track-fds=no \
		--log-file="$logs/$name.valgrind" "$exe" >"$logs/$name.out" 2>&1; then
		echo "valgrind: $name clean"
	else
		echo "valgrind: $name FAILED (exit $?): $logs/$name.valgrind"
		return 1
	fi
}
export -f run_one
export logs
start=$(date +%s)
find "$build/tests" -maxdepth 1 -type f -name 'test_*' -perm -u+x | sort |
	xargs -P "${JOBS:-$(nproc)}" -I{} bash -c 'run_one "$@"' _ {} | tee "$logs/summary.txt"
failed=$(grep -c FAILED "$logs/summary.txt")
total=$(wc -l <"$logs/summary.txt")
for f in $(grep FAILED "$logs/summary.txt" | sed 's/.*: //'); do
	head -60 "$f"
done
echo "valgrind: $total suites, $failed failing, $(( $(date +%s) - start )) s"
[ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
