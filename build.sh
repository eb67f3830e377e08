#!/usr/bin/env bash
# libassoc build helper: installs what is missing (Debian 12 packages),
# configures, builds, and runs the demo or the tests.
#
#   ./build.sh demo    build the library and run the demo on the seed example
#   ./build.sh test    build everything (library, bindings, examples) and run every test
#   ./build.sh asan    the same test suite built with AddressSanitizer + UBSan
#   ./build.sh deps [demo|test|ci]   only install the packages
#
# Python: the build and the tests use Debian's /usr/bin/python3 (its packages
# python3-pytest, python3-pandas... come from apt). Override with PYTHON=...
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

# Packages each command needs (all from Debian 12).
pkgs_build="build-essential cmake pkg-config libcjson-dev libutf8proc-dev"
pkgs_test="$pkgs_build libcunit1-dev swig python3 python3-dev liblua5.4-dev lua5.4 \
python3-pytest python3-jsonschema python3-pandas python3-matplotlib \
jupyter-nbconvert python3-nbconvert python3-ipykernel"
pkgs_ci="$pkgs_test clang libclang-rt-14-dev valgrind cppcheck clang-tidy abigail-tools"

install_missing() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "==> installing: ${missing[*]}"
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_build() { # dir, extra cmake args...
	local dir=$1; shift
	cmake -S "$here" -B "$dir" -DPython3_EXECUTABLE="$PYTHON" "$@" >"$dir.configure.log" 2>&1 \
		|| { cat "$dir.configure.log"; exit 1; }
	cmake --build "$dir" -j "$JOBS"
}

cmd=${1:-}
case "$cmd" in
demo)
	install_missing $pkgs_build
	mkdir -p "$here/build-demo"
	configure_build "$here/build-demo" -DASSOC_TESTS=OFF -DASSOC_PYTHON=OFF -DASSOC_LUA=OFF
	"$here/build-demo/examples/assoc_demo" "$here/examples/data/silver-connect.json"
	;;
test)
	install_missing $pkgs_test
	mkdir -p "$here/build"
	configure_build "$here/build"
	ctest --test-dir "$here/build" --output-on-failure -j "$JOBS"
	;;
asan)
	install_missing $pkgs_test
	mkdir -p "$here/build-asan"
	# The bindings run too: their tests preload the ASan runtime into the interpreters.
	configure_build "$here/build-asan" -DASSOC_SANITIZE=ON
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --test-dir "$here/build-asan" --output-on-failure -j "$JOBS" -LE nosan
	;;
deps)
	case "${2:-test}" in
	demo) install_missing $pkgs_build ;;
	ci) install_missing $pkgs_ci ;;
	*) install_missing $pkgs_test ;;
	esac
	;;
*)
	sed -n '2,12p' "$0"
	exit 2
	;;
esac
