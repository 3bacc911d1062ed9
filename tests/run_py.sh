#!/bin/sh
# tests/run_py.sh TORII SCRIPT: runs SCRIPT (tests/py/NAME.py) with TORII in a
# scratch directory and compares stdout, stderr and the exit status with the
# CPython 3.13 results committed beside it: NAME.out, NAME.err (if CPython wrote
# to stderr) and NAME.rc (if the status was not 0).  In NAME.err the script's
# directory is written as @DIR@.  Optional NAME.args holds extra arguments;
# NAME.errlines (instead of NAME.err) lists lines stderr must contain; NAME.stdin,
# if present, is fed as standard input (else /dev/null).
set -u
torii=$1
script=$2
dir=$(cd "$(dirname "$script")" && pwd)
name=$(basename "$script" .py)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
args=""
[ -f "$dir/$name.args" ] && args=$(cat "$dir/$name.args")
# Each run gets its own directory (the py/ and py-gil/ runs of one script go in
# parallel, and scripts may write files in their directory).
mkdir "$tmp/run"
cp "$dir/$name.py" "$tmp/run/"
# NAME.files/ holds modules and data the script uses beside it.
[ -d "$dir/$name.files" ] && cp -R "$dir/$name.files/." "$tmp/run/"
cd "$tmp/run" || exit 2
rundir=$(pwd)
stdin=/dev/null
[ -f "$dir/$name.stdin" ] && stdin="$dir/$name.stdin"
# shellcheck disable=SC2086
timeout 120 "$torii" "$name.py" $args > "$tmp/out" 2> "$tmp/err.raw" < "$stdin"
rc=$?
sed "s#$rundir#@DIR@#g" "$tmp/err.raw" > "$tmp/err"
want_rc=0
[ -f "$dir/$name.rc" ] && want_rc=$(cat "$dir/$name.rc")
fail=0
if ! cmp -s "$tmp/out" "$dir/$name.out"; then
    echo "--- stdout differs (expected vs torii):"; diff "$dir/$name.out" "$tmp/out" | head -40; fail=1
fi
if [ -f "$dir/$name.errlines" ]; then
    # Threads' reports name CPython's own threading.py frames, which torii
    # (whose threading is built in) cannot show: require the other lines.
    while IFS= read -r line; do
        grep -qxF -- "$line" "$tmp/err" || { echo "--- stderr lacks: $line"; fail=1; }
    done < "$dir/$name.errlines"
elif [ -f "$dir/$name.err" ]; then
    if ! cmp -s "$tmp/err" "$dir/$name.err"; then
        echo "--- stderr differs (expected vs torii):"; diff "$dir/$name.err" "$tmp/err" | head -40; fail=1
    fi
elif [ -s "$tmp/err" ]; then
    echo "--- unexpected stderr:"; head -40 "$tmp/err"; fail=1
fi
# A sanitizer's report fails the test even where stderr is matched by lines.
if grep -qE '(AddressSanitizer|LeakSanitizer|ThreadSanitizer|runtime error:)' "$tmp/err"; then
    echo "--- sanitizer report:"; grep -E -A8 '(AddressSanitizer|LeakSanitizer|ThreadSanitizer|runtime error:)' "$tmp/err" | head -40; fail=1
fi
if [ "$rc" != "$want_rc" ]; then
    echo "--- exit status $rc, expected $want_rc"; fail=1
fi
exit $fail
