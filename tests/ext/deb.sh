#!/bin/sh
# tests/ext/deb.sh BUILD_DIR: `cpack -G DEB` of the build into a temporary
# directory, then checks the package with dpkg-deb -I / -c (never installs
# it).  Exits 77 (skipped) without cpack or dpkg-deb.
set -eu
build=$1
command -v cpack >/dev/null 2>&1 || { echo "SKIP: no cpack"; exit 77; }
command -v dpkg-deb >/dev/null 2>&1 || { echo "SKIP: no dpkg-deb"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/torii-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp" >/dev/null
deb=$(ls "$tmp"/torii_*.deb)
dpkg-deb -I "$deb" > "$tmp/info"
dpkg-deb -c "$deb" > "$tmp/files"
fail=0
for want in "Package: torii" "Depends:.*libgmp10" "Depends:.*zlib1g" "Depends:.*libssl3"; do
    grep -q "$want" "$tmp/info" || { echo "control lacks: $want"; fail=1; }
done
for want in ./usr/bin/torii ./usr/bin/torii-compare ./usr/include/torii/ext.h \
            ./usr/lib/pkgconfig/torii.pc ./usr/share/man/man1/torii.1 ./usr/share/doc/torii/capi.md; do
    grep -q " $want\$" "$tmp/files" || { echo "package lacks: $want"; fail=1; }
done
# only the extension header: the runtime's own headers stay private
if grep -q "usr/include/torii/object.h" "$tmp/files"; then echo "internal header packaged"; fail=1; fi
[ $fail = 0 ] && echo "ok: $(basename "$deb")"
exit $fail
