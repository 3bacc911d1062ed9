#!/bin/sh
# tests/race/run.sh TORII [TORII_GIL|none]: the race detector (-X race,
# docs/tools.md "Race detector") end to end, in both builds.
#  racy.py           one deliberate race of each kind (attribute, list item,
#                    dict key, global, class attribute; write-write and
#                    read-write): the reports on stderr must be racy.err to
#                    the byte, the exit status 66, stdout unchanged
#  clean.py          a correctly synchronised hand-off per primitive (Lock,
#                    RLock, Condition, Queue, Event, Barrier, join,
#                    ThreadPoolExecutor, start, _thread.start_new_thread,
#                    SimpleQueue): nothing reported, status 0
#  clean.py nosync   the same with the primitives replaced by an ordering
#                    that does not synchronise: each scenario reported
#                    (clean_nosync.summary), so the quiet run means something
# Also: TORII_RACE=1 does what -X race does; without either nothing is
# reported and the status is the script's; with it and no race, the
# script's own status is kept.
set -u
abs() { case $1 in /*|none) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
torii=$(abs "$1")
gil=$(abs "${2:-none}")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/racy.py" "$here/clean.py" "$tmp/"
cd "$tmp" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }

check() {   # check BINARY
    bin=$1
    out=$(timeout 300 "$bin" -X race racy.py 2> err.txt)
    rc=$?
    [ "$rc" = 66 ] || bad "$bin racy.py: status $rc, expected 66"
    [ "$out" = done ] || bad "$bin racy.py: stdout '$out'"
    cmp -s err.txt "$here/racy.err" || { bad "$bin racy.py: reports differ (expected vs got)"; diff "$here/racy.err" err.txt | head -40; }

    out=$(TORII_RACE=1 timeout 300 "$bin" racy.py 2> err.txt)
    [ $? = 66 ] || bad "$bin TORII_RACE=1 racy.py: status not 66"
    cmp -s err.txt "$here/racy.err" || bad "$bin TORII_RACE=1 racy.py: reports differ"

    out=$(timeout 300 "$bin" racy.py 2> err.txt)
    rc=$?
    [ "$rc" = 0 ] || bad "$bin racy.py without -X race: status $rc"
    [ -s err.txt ] && { bad "$bin racy.py without -X race: stderr"; head -5 err.txt; }

    want=$(cat "$here/clean.out")
    out=$(timeout 300 "$bin" -X race clean.py 2> err.txt)
    rc=$?
    [ "$rc" = 0 ] || bad "$bin clean.py: status $rc"
    [ "$out" = "$want" ] || bad "$bin clean.py: stdout '$out'"
    [ -s err.txt ] && { bad "$bin clean.py: reported"; head -60 err.txt; }

    out=$(timeout 300 "$bin" -X race clean.py nosync 2> err.txt)
    rc=$?
    [ "$rc" = 66 ] || bad "$bin clean.py nosync: status $rc, expected 66"
    [ "$out" = "$want" ] || bad "$bin clean.py nosync: stdout '$out'"
    grep '^SUMMARY' err.txt > summary.txt
    cmp -s summary.txt "$here/clean_nosync.summary" || {
        bad "$bin clean.py nosync: reported lines differ (expected vs got)"
        diff "$here/clean_nosync.summary" summary.txt
    }

    timeout 60 "$bin" -X race -c 'import sys; sys.exit(3)' 2> err.txt
    rc=$?
    [ "$rc" = 3 ] || bad "$bin -X race sys.exit(3): status $rc"
    [ -s err.txt ] && bad "$bin -X race sys.exit(3): stderr"
}

check "$torii"
[ "$gil" != none ] && check "$gil"
[ "$fail" = 0 ] && echo "race detector: ok"
exit $fail
