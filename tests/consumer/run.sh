#!/usr/bin/env bash
# Install the build tree into a temporary prefix, then build and run a
# consumer against it: with find_package(libassoc) (shared and static
# targets) and with pkg-config (shared and --static).
set -euo pipefail
build=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
# Only the library component: the bindings install into the interpreters' own paths.
cmake --install "$build" --prefix "$work/prefix" --component libassoc >/dev/null
libdir=$(ls -d "$work"/prefix/lib*/ | head -n1)

# 1. CMake package
cmake -S "$src/tests/consumer" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/cmake" >/dev/null
LD_LIBRARY_PATH="$libdir" "$work/cmake/consumer_shared"
"$work/cmake/consumer_static"
# The shared consumer really uses libassoc.so.0 (SONAME), the static one does not.
LD_LIBRARY_PATH="$libdir" ldd "$work/cmake/consumer_shared" | grep -q 'libassoc.so.0'
! ldd "$work/cmake/consumer_static" | grep -q 'libassoc'

# 2. pkg-config
export PKG_CONFIG_PATH="$libdir/pkgconfig"
cc -std=c11 -o "$work/pc_shared" "$src/tests/consumer/main.c" $(pkg-config --define-prefix --cflags --libs libassoc)
LD_LIBRARY_PATH="$libdir" "$work/pc_shared"
cc -std=c11 -o "$work/pc_static" "$src/tests/consumer/main.c" $(pkg-config --define-prefix --cflags libassoc) \
	-Wl,-Bstatic $(pkg-config --define-prefix --libs-only-L libassoc) -lassoc -Wl,-Bdynamic $(pkg-config --define-prefix --static --libs-only-l libassoc | sed 's/-lassoc//')
"$work/pc_static"
echo "consumer: 4 builds against the installed library passed"
