#!/usr/bin/env bash
# Fuzzing with libFuzzer (clang), AddressSanitizer and UBSan: builds the
# four targets of tests/fuzz/ and runs each for a bounded time, starting
# from the generated seeds plus the example files. Any finding (crash,
# leak, sanitizer report, broken property, timeout) fails the run; the
# input that triggered it is left in <build>/artifacts/<target>/ -- turn
# it into a regression test by copying it to tests/regress/<target>/.
#
#   tests/ci/fuzz.sh [seconds-per-target] [build-dir] [target...]
#       defaults: 60 s, build-fuzz beside the sources, all four targets
#
# The corpus grown by a run is kept in <build>/corpus/<target>, so runs
# build on each other; a summary (executions, corpus size, findings) of
# each target is appended to <build>/fuzz-summary.txt.
set -uo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
secs=${1:-60}
build=${2:-$src/build-fuzz}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(model jsonl profile label)

flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CC=${FUZZ_CC:-clang} cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
	-DASSOC_FUZZ=ON -DASSOC_PYTHON=OFF -DASSOC_LUA=OFF -DASSOC_EXAMPLES=OFF >"$build.configure.log" 2>&1 \
	|| { cat "$build.configure.log"; exit 1; }
# Only the static library: a sanitized shared one would not link with -Wl,--no-undefined.
cmake --build "$build" -j "${JOBS:-$(nproc)}" --target assoc_fuzz_seeds $(printf 'fuzz_%s ' "${targets[@]}") \
	|| exit 1

# Largest input worth trying per target: a little above its largest seed.
declare -A max_len=([model]=16384 [jsonl]=8192 [profile]=24576 [label]=256)
declare -A extra=([model]="$src/examples/data" [jsonl]="$src/examples/data" [profile]="" [label]="")
# One target: run it, print its summary line (and the finding, if any).
run_target() {
	local t=$1 corpus=$build/corpus/$1 artifacts=$build/artifacts/$1 log=$build/fuzz-$1.log rc execs findings
	# Findings of an earlier run are kept aside, not counted again.
	if [ -n "$(ls -A "$artifacts" 2>/dev/null)" ]; then
		mkdir -p "$build/artifacts-previous/$t"
		mv "$artifacts"/* "$build/artifacts-previous/$t/"
	fi
	mkdir -p "$corpus" "$artifacts"
	# libFuzzer takes directories as corpora: single seed files go into the working corpus.
	[ "$t" = profile ] && cp "$src/docs/profile-default.json" "$corpus/profile-default.json"
	ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:${ASAN_OPTIONS:-}" \
	UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}" \
		"$build/tests/fuzz_$t" -max_total_time="$secs" -max_len="${max_len[$t]}" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
		"$corpus" "$build/tests/fuzz-seeds/$t" ${extra[$t]} >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	findings=$(find "$artifacts" -type f | wc -l)
	echo "$(date -u +%Y-%m-%dT%H:%MZ) fuzz_$t: ${secs}s, ${execs:-?} executions," \
		"corpus $(ls "$corpus" | wc -l) inputs, exit $rc, $findings finding(s)"
	if [ $rc -ne 0 ] || [ "$findings" -ne 0 ]; then
		grep -E "ERROR|fuzz property|runtime error|SUMMARY|Test unit written" "$log" | head -20
		echo "    full log: $log; inputs: $artifacts/"
		return 1
	fi
}

# Targets run side by side, one per core (FUZZ_PARALLEL to change).
par=${FUZZ_PARALLEL:-$(nproc)}
status=0
running=0
echo "==> fuzzing ${targets[*]} for $secs s each, $par at a time"
for t in "${targets[@]}"; do
	run_target "$t" >"$build/fuzz-$t.summary" 2>&1 &
	running=$((running + 1))
	if [ $running -ge "$par" ]; then
		wait -n || status=1
		running=$((running - 1))
	fi
done
while [ $running -gt 0 ]; do
	wait -n || status=1
	running=$((running - 1))
done
for t in "${targets[@]}"; do
	cat "$build/fuzz-$t.summary"
	head -1 "$build/fuzz-$t.summary" >>"$build/fuzz-summary.txt"
done
exit $status
