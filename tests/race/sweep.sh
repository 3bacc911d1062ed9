#!/bin/sh
# tests/race/sweep.sh TORII: every threaded script of the suite (all of
# tests/stress/, and the tests/py/ scripts that use threads) run under
# -X race.  Each must print what it prints without the detector (its
# committed NAME.out): the detector never changes a result.  And each must
# report no race, except the scripts listed in RACY below, which make
# unsynchronised accesses on purpose (they test that the runtime stays
# memory-safe when Python code races), and the races of the standard library
# written in Python listed in STDLIB_RACES, which any script that reaches
# that code may hit, depending on the schedule.  Both are what docs/tools.md
# lists as the races the detector found in the suite; a report of either is
# printed here, not hidden.
set -u
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
torii=$(abs "$1")
tests=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# name: why it races (each checked by hand; see docs/tools.md)
RACY="
cell_owner_reads: a Box published through a closure cell without a lock
class_mutation: class attribute rebinding and a polled global 'stop'
dict_owner_reads: attributes and dict keys rebound with no lock, by design
init_rebind: a polled global 'stop'
list_owner_reads: list items stored by several threads with no lock, by design
poly_sites: a polled list item 'stop[0]', class attributes rebound while read
rebind_shared: a global rebound while read, a polled global 'stop'
shared_dict: overlapping dict keys written by four threads, by design
slots_cached: slots and attributes rebound while read, by design
weakref_threads: list items and attributes shared with no lock, by design
inline_attrs_threads: inline attributes written and read by several threads with no lock, by design
slots_threads: slots written with no lock (and one read outside the lock)
std_logging_threads: Logger.level rebound by setLevel() with no lock while other threads log (stdlib/py/logging, as CPython's)
"
is_racy() { echo "$RACY" | grep -q "^$1:"; }

# The SUMMARY lines of the standard library's own races (checked by hand):
#  abc.py: _Ledger.fresh_rejections checks and resets `epoch` and `rejected`
#          with no lock (isinstance against one ABC from two threads)
#  enum.py: Flag caches a composite member in a class dict; another thread
#          reads its `_value_` / `_name_` with no lock between
STDLIB_RACES='^SUMMARY: torii: data race <frozen abc>:[0-9]+ in fresh_rejections$|^SUMMARY: torii: data race <frozen enum>:[0-9]+ in _(value|name)_of$'

fail=0
n=0
for script in "$tests"/stress/*.py $(grep -lE '^ *(import threading|import _thread|from concurrent|import queue)' "$tests"/py/*.py); do
    dir=$(dirname "$script")
    name=$(basename "$script" .py)
    [ -f "$dir/$name.out" ] || continue
    args=""
    [ -f "$dir/$name.args" ] && args=$(cat "$dir/$name.args")
    stdin=/dev/null
    [ -f "$dir/$name.stdin" ] && stdin="$dir/$name.stdin"
    want_rc=0
    [ -f "$dir/$name.rc" ] && want_rc=$(cat "$dir/$name.rc")
    rm -rf "$tmp/run"
    mkdir "$tmp/run"
    cp "$script" "$tmp/run/"
    [ -d "$dir/$name.files" ] && cp -R "$dir/$name.files/." "$tmp/run/"
    # shellcheck disable=SC2086
    (cd "$tmp/run" && timeout 300 "$torii" -X race "$name.py" $args) > "$tmp/out" 2> "$tmp/err" < "$stdin"
    rc=$?
    n=$((n + 1))
    races=$(grep -c '^WARNING: torii: data race' "$tmp/err")
    stdlib=$(grep -cE "$STDLIB_RACES" "$tmp/err")
    if grep -qE '(ThreadSanitizer|AddressSanitizer|runtime error:)' "$tmp/err"; then
        echo "FAIL: $name: sanitizer report:"; grep -E -A20 '(ThreadSanitizer|AddressSanitizer|runtime error:)' "$tmp/err" | head -40; fail=1
    fi
    cmp -s "$tmp/out" "$dir/$name.out" || { echo "FAIL: $name: stdout differs under -X race"; diff "$dir/$name.out" "$tmp/out" | head -10; fail=1; }
    if is_racy "$name"; then
        [ "$rc" = 66 ] || [ "$rc" = "$want_rc" ] || { echo "FAIL: $name: status $rc"; fail=1; }
        echo "$name: $races race(s) reported (known: $(echo "$RACY" | grep "^$name:" | cut -d: -f2-))"
    else
        if [ "$stdlib" != 0 ]; then
            echo "$name: $stdlib race(s) of the standard library reported (STDLIB_RACES):"
            grep -E "$STDLIB_RACES" "$tmp/err" | sed 's/^/  /'
        fi
        [ "$rc" = "$want_rc" ] || { [ "$rc" = 66 ] && [ "$races" = "$stdlib" ]; } ||
            { echo "FAIL: $name: status $rc, expected $want_rc"; fail=1; }
        if [ "$races" != "$stdlib" ]; then
            echo "FAIL: $name: $races race(s) reported in a script listed as synchronised:"
            grep -A12 '^WARNING: torii' "$tmp/err" | head -40
            fail=1
        fi
    fi
done
echo "$n scripts run under -X race"
[ "$fail" = 0 ] && echo "race sweep: ok"
exit $fail
