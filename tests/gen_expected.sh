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
for f in "$@"; do
    f=$(basename "$f"); n=${f%.py}
    args=""; [ -f "$n.args" ] && args=$(cat "$n.args")
    stdin=/dev/null; [ -f "$n.stdin" ] && stdin="$n.stdin"
    # Run as tests/run_py.sh does: in a scratch directory holding the script
    # and NAME.files/.
    run=$(mktemp -d)
    cp "$f" "$run/"
    [ -d "$n.files" ] && cp -R "$n.files/." "$run/"
    rc=0
    # shellcheck disable=SC2086
    (cd "$run" && $py "$f" $args) > "$n.out" 2> "$n.err.raw" < "$stdin" || rc=$?
    rundir=$(cd "$run" && pwd)
    sed "s#$rundir#@DIR@#g" "$n.err.raw" > "$n.err"; rm -f "$n.err.raw"
    rm -rf "$run"
    [ -s "$n.err" ] || rm -f "$n.err"
    if [ "$rc" != 0 ]; then echo "$rc" > "$n.rc"; else rm -f "$n.rc"; fi
    echo "$n: rc=$rc"
done
