#!/bin/sh
# tests/contention/run.sh TORII [TORII_GIL|none]: the contention report
# (docs/contention.md) end to end.  contended.py forces each kind of wait;
# the report (-X contention=FILE) must have its four sections, the
# threading.Lock wait at the line of the `with lock:`, the reference counts
# the reader thread wrote on the main thread's dict, the gc.collect() pause
# (no-GIL build) and the GIL waits of spin() (GIL build).  Also: the report
# goes to stderr with -X contention and with TORII_CONTENTION=1, other -X
# options are ignored, and nothing is printed without them.
set -u
abs() { case $1 in /*|none) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
torii=$(abs "$1")
gil=$(abs "${2:-none}")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/contended.py" "$tmp/"
cd "$tmp" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }
line_of() { grep -n "# MARK: $1\$" contended.py | cut -d: -f1; }
lock_line=$(line_of lock)
gc_line=$(line_of gc)

# The rows of section N of report $2 (between its header and the next one).
section() {
    awk -v n="$1" '/^[1-4]\. / { on = ($1 == n ".") ; next } on' "$2"
}

check() {   # check BINARY GIL(0/1)
    bin=$1
    is_gil=$2
    rm -f report.txt
    out=$(timeout 120 "$bin" -X contention=report.txt contended.py 2> err.txt)
    rc=$?
    [ "$rc" = 0 ] || { bad "$bin: status $rc"; cat err.txt; }
    [ "$out" = done ] || bad "$bin: stdout '$out'"
    [ -s err.txt ] && { bad "$bin: stderr not empty with =FILE"; head -20 err.txt; }
    [ -f report.txt ] || { bad "$bin: no report file"; return; }
    for h in "1. Object locks" "2. Reference counts" "3. Stop-the-world pauses" "4. GIL waits"; do
        grep -q "^$h" report.txt || bad "$bin: no section '$h'"
    done
    section 1 report.txt | grep -E "^  threading\.Lock +_thread\.lock object at 0x[0-9a-f]+ +contended\.py:$lock_line +waiter +[1-9]" >/dev/null \
        || bad "$bin: no threading.Lock wait at contended.py:$lock_line"
    # header columns of section 1
    section 1 report.txt | head -1 | grep -qE '^  type +object +site +function +waits +parked +total ms +max ms$' \
        || bad "$bin: section 1 header"
    # times in ms with 3 decimals
    section 1 report.txt | grep "threading.Lock" | grep -qE ' [0-9]+\.[0-9]{3} +[0-9]+\.[0-9]{3}$' \
        || bad "$bin: section 1 times"
    if [ "$is_gil" = 1 ]; then
        section 2 report.txt | grep -q "no contention recorded" || bad "$bin: refcounts in the GIL build"
        section 3 report.txt | grep -q "no contention recorded" || bad "$bin: pauses in the GIL build"
        section 4 report.txt | grep -E "^  contended\.py:[0-9]+ +spin +[1-9]" >/dev/null \
            || bad "$bin: no GIL wait in spin()"
    else
        section 2 report.txt | grep -E "^  dict +dict of 1 items +contended\.py:[0-9]+ +reader +[1-9]" >/dev/null \
            || bad "$bin: no shared refcount writes by reader()"
        section 3 report.txt | grep -E "^  gc +[0-9]+ +contended\.py:$gc_line +collector +1 " >/dev/null \
            || bad "$bin: no gc pause at contended.py:$gc_line"
        section 4 report.txt | grep -q "no contention recorded" || bad "$bin: GIL waits without a GIL"
    fi
    [ "$fail" = 0 ] || cat report.txt

    # -X contention (stderr), TORII_CONTENTION=1, an unknown -X, none at all
    timeout 120 "$bin" -X contention -X nosuchoption contended.py > out.txt 2> err.txt \
        || bad "$bin -X contention: status $?"
    grep -q "^1. Object locks" err.txt || bad "$bin -X contention: no report on stderr"
    TORII_CONTENTION=1 timeout 120 "$bin" -Xfrozen_modules=off contended.py > out.txt 2> err.txt \
        || bad "$bin TORII_CONTENTION=1: status $?"
    grep -q "^4. GIL waits" err.txt || bad "$bin TORII_CONTENTION=1: no report on stderr"
    timeout 120 "$bin" -X nosuchoption contended.py > out.txt 2> err.txt || bad "$bin plain: status $?"
    [ -s err.txt ] && { bad "$bin: stderr without the report on"; head -5 err.txt; }
}

check "$torii" 0
[ "$gil" != none ] && check "$gil" 1
[ "$fail" = 0 ] && echo "contention report: ok"
exit $fail
