#!/usr/bin/env bash
# ThreadSanitizer: build the library and tests/unit/test_threads.c with
# -fsanitize=thread and run that one suite (several threads load and score
# different organisations sharing one read-only profile). Any data race
# reported by TSan fails the run (halt_on_error).
#
#   tests/ci/tsan.sh [build-dir]      default: build-tsan beside the sources
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$src/build-tsan}
flags="-fsanitize=thread -fno-omit-frame-pointer"
CC=${CC:-clang} cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" \
	-DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread" \
	-DASSOC_PYTHON=OFF -DASSOC_LUA=OFF -DASSOC_EXAMPLES=OFF >"$build.configure.log" 2>&1 \
	|| { cat "$build.configure.log"; exit 1; }
cmake --build "$build" --target test_threads -j "${JOBS:-$(nproc)}"
# cJSON and utf8proc come from Debian, not instrumented: TSan cannot see
# inside them, but they keep no shared state between calls.
TSAN_OPTIONS="halt_on_error=1 abort_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}" \
	"$build/tests/test_threads"
echo "tsan: clean"
