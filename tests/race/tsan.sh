#!/bin/sh
# tests/race/tsan.sh TORII: hammer.py under -X race.  It races on purpose, so
# the detector must report (status 66) and the program's own result stay
# right; in the TSan build (where ctest runs it as stress/race_detector)
# ThreadSanitizer must find nothing in the detector or the runtime
# (TSAN_OPTIONS exitcode 67 keeps its status apart from the detector's 66).
set -u
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
torii=$(abs "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
cp "$here/hammer.py" .
fail=0
out=$(timeout 900 "$torii" -X race hammer.py 2> err.txt)
rc=$?
[ "$rc" = 66 ] || { echo "FAIL: status $rc, expected 66"; fail=1; }
[ "$out" = "True True" ] || { echo "FAIL: stdout '$out'"; fail=1; }
grep -q '^WARNING: torii: data race on attribute .a. of Shared object' err.txt || { echo "FAIL: the race on Shared.a not reported"; fail=1; }
grep -q "^WARNING: torii: data race on attribute 'b'" err.txt && { echo "FAIL: Shared.b (under a lock) reported"; fail=1; }
grep -q '^torii: reported [0-9]* data races$' err.txt || { echo "FAIL: no summary"; fail=1; }
if grep -q 'ThreadSanitizer' err.txt; then
    echo "FAIL: ThreadSanitizer report:"; grep -A30 'ThreadSanitizer' err.txt | head -60; fail=1
fi
[ "$fail" = 0 ] && echo "race detector under threads: ok ($(grep -c '^WARNING: torii' err.txt) reports)"
exit $fail
