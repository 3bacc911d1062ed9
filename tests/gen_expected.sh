#!/bin/sh
# tests/gen_expected.sh [NAME.py ...]: (re)creates the expected results of the
# differential tests by running them under CPython 3.13 (needed only when a
# test is added or changed; the results are committed, tests never need
# CPython).  Default: every tests/py/*.py without a NAME.out; TESTDIR=stress
# works on tests/stress instead.  NAME.stdin, if present, is the standard input.
set -eu
cd "$(dirname "$0")/${TESTDIR:-py}"
py="env PYENV_VERSION=3.13.0 python3.13"
if [ $# -eq 0 ]; then
    set --
    for f in *.py; do [ -f "${f%.py}.out" ] || set -- "$@" "$f"; done
fi
dir=$(pwd)
for f in "$@"; do
    f=$(basename "$f"); n=${f%.py}
    args=""; [ -f "$n.args" ] && args=$(cat "$n.args")
    stdin=/dev/null; [ -f "$n.stdin" ] && stdin="$n.stdin"
    rc=0
    # shellcheck disable=SC2086
    $py "$f" $args > "$n.out" 2> "$n.err.raw" < "$stdin" || rc=$?
    sed "s#$dir#@DIR@#g" "$n.err.raw" > "$n.err"; rm -f "$n.err.raw"
    [ -s "$n.err" ] || rm -f "$n.err"
    if [ "$rc" != 0 ]; then echo "$rc" > "$n.rc"; else rm -f "$n.rc"; fi
    echo "$n: rc=$rc"
done
