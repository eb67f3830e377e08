#!/bin/sh
# Install the library and both modules into a staging directory (DESTDIR) as
# `cmake --install` would into the prefix, then import them from there the
# way docs/python.md and docs/lua.md say: python3 -c "import assoc" and
# lua5.4 -e 'require "assoc"' (with the staged directories on the paths,
# which a real install under /usr/local does not need).
#   check_install.sh BUILD_DIR STAGE_DIR PYTHON PYTHON_INSTALL_DIR LUA LUA_INSTALL_DIR PREFIX
set -eu
build=$1 stage=$2 python=$3 pydir=$4 lua=$5 luadir=$6 prefix=$7
rm -rf "$stage"
for component in libassoc python lua; do
	DESTDIR="$stage" cmake --install "$build" --component "$component" >/dev/null
done
case "$pydir" in /*) ;; *) pydir="$prefix/$pydir" ;; esac
case "$luadir" in /*) ;; *) luadir="$prefix/$luadir" ;; esac
cd "$stage"
# The modules must find the staged libassoc through their $ORIGIN RPATH, not the build tree.
unset LD_LIBRARY_PATH
PYTHONPATH="$stage$pydir" "$python" -c '
import assoc, sys
assert assoc.__file__.startswith(sys.argv[1]), assoc.__file__
org = assoc.loads(b"{\"id\": {\"scheme\": \"rna\", \"value\": \"W751234567\"}, \"name\": \"X\"}")
print("python:", assoc.__version__, assoc.__file__, org.name)
' "$stage"
LUA_CPATH="$stage$luadir/?.so" "$lua" -e '
local assoc = require "assoc"
print("lua:", assoc.version_string(), package.searchpath("assoc", package.cpath))
'
