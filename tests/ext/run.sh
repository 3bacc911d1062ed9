#!/bin/sh
# tests/ext/run.sh BUILD_DIR SOURCE_DIR [CC [EXTRA_CFLAGS]]: the C API end to
# end.  Installs BUILD_DIR into a temporary prefix (cmake --install), builds
# the example extensions (examples/ext) and this directory's broken ones with
# a plain `CC -shared -fPIC $(pkg-config --cflags --libs torii)` against the
# installed tree only, then runs tests/ext/ext_test.py under the installed
# `torii` and, when installed, `torii-gil`.  Exits 77 (skipped) without a C
# compiler or pkg-config.
set -eu
build=$1
src=$2
cc=${3:-cc}
extra=${4:-}
command -v "$cc" >/dev/null 2>&1 || { echo "SKIP: no C compiler ($cc)"; exit 77; }
command -v pkg-config >/dev/null 2>&1 || { echo "SKIP: no pkg-config"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/torii-ext.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
flags=$(pkg-config --cflags --libs torii)
mkdir "$tmp/mods"
for m in "$src/examples/ext/kernel.c" "$src/examples/ext/counter.c" \
         "$src/tests/ext/bad_noinit.c" "$src/tests/ext/bad_abi.c" "$src/tests/ext/bad_exec.c"; do
    name=$(basename "$m" .c)
    # shellcheck disable=SC2086  # $flags and $extra are word lists
    "$cc" -shared -fPIC -O2 -Wall -Werror $extra -o "$tmp/mods/$name.so" "$m" $flags
done
cp "$src/tests/ext/ext_test.py" "$tmp/mods/"
status=0
for exe in torii torii-gil; do
    [ -x "$tmp/prefix/bin/$exe" ] || continue
    if out=$("$tmp/prefix/bin/$exe" "$tmp/mods/ext_test.py" 2>&1) && [ "$out" = ok ]; then
        echo "$exe: ok"
    else
        echo "$exe: FAILED"
        echo "$out"
        status=1
    fi
done
exit $status
