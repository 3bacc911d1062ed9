#!/bin/sh
# bench/memory.sh [BUILD_DIR]: peak memory of allocation-heavy programs.
# Runs every bench/memory/*.py under torii (no GIL), torii-gil and CPython 3.13
# (if pyenv has it; run as the interpreter itself, not the shim), RUNS times
# each (default 3), the runtimes interleaved within each round, and measures
# each whole process's peak resident set (max RSS, as the kernel reports it to
# wait4: /usr/bin/time -f %M, or, where that is missing, a small python3 wrapper
# reading resource.getrusage(RUSAGE_CHILDREN).ru_maxrss).  Prints the median
# in MB (1 MB = 1024 KiB) and
#   nogil/gil  = torii MB / torii-gil MB   (target: at most 1.10)
#   nogil/3.13 = torii MB / cpython3.13 MB (target: at most 1.00)
# and which of those targets the row misses.  The first row, startup, is the
# interpreter alone (a one-line script): every other figure includes it.
# Every program's output is checked against CPython 3.13's (or, without it,
# torii-gil's): '!' marks a difference, 'fail' a run that exited non-zero or
# ran past TIMEOUT seconds (default 120, where coreutils' timeout exists); the
# exit status is 1 when any run failed or differed.
# BUILD_DIR defaults to $BUILD_DIR, else build/release.
# ONLY="binary_trees word_count" runs only those workloads; METER=python uses
# the python3 wrapper even where /usr/bin/time exists.
set -eu
cd "$(dirname "$0")/.."
build=${1:-${BUILD_DIR:-build/release}}
runs=${RUNS:-3}
limit=${TIMEOUT:-120}
to=""
if command -v timeout >/dev/null 2>&1; then to="timeout $limit"; fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/torii-mem.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

for b in torii torii-gil; do
    if [ ! -x "$build/$b" ]; then
        echo "bench/memory.sh: $build/$b is missing (build it, or pass BUILD_DIR)" >&2
        exit 2
    fi
done

# The runtimes: a short key each; rt_cmd KEY prints the interpreter.
rts="torii gil"
have_cpy=0
cpy=""
if cpy=$(env PYENV_VERSION=3.13.0 python3.13 -c 'import sys; print(sys.executable)' 2>/dev/null) &&
   [ -n "$cpy" ] && "$cpy" -c 'pass' >/dev/null 2>&1; then
    have_cpy=1; rts="$rts cpy"
fi
rt_cmd() {
    case $1 in
        torii) echo "$build/torii" ;;
        gil) echo "$build/torii-gil" ;;
        cpy) echo "$cpy" ;;
    esac
}

# The meter: measure FILE CMD ARGS... runs CMD (its stdout and stderr are the
# caller's) and writes its peak RSS in KiB to FILE; returns CMD's status.
# (sh has no local variables: the functions use names of their own, mf, mrc.)
# METER=python forces the fallback.  Either way a child's max RSS includes
# what its parent had resident when it forked, until its exec: the meter's
# own size is a floor under every figure (printed as "floor", and the startup
# row shows it): about 1 MB for GNU time, 7-10 MB for the python3 wrapper.
meter=""
if [ "${METER:-}" != python ] && [ -x /usr/bin/time ] &&
   /usr/bin/time -f %M -o "$tmp/probe" true 2>/dev/null && grep -q '^[0-9][0-9]*$' "$tmp/probe"; then
    meter="/usr/bin/time -f %M"
    measure() {
        mf=$1; shift
        # GNU time writes "Command exited with non-zero status N" first when
        # the command fails: the figure is the last line
        /usr/bin/time -f %M -o "$mf.raw" "$@" && mrc=0 || mrc=$?
        tail -n 1 "$mf.raw" >"$mf"
        return "$mrc"
    }
else
    py=""
    for p in /usr/bin/python3 python3 "$cpy"; do
        if [ -n "$p" ] && "$p" -S -E -c 'import os, resource' >/dev/null 2>&1; then py=$p; break; fi
    done
    if [ -z "$py" ]; then
        echo "bench/memory.sh: neither /usr/bin/time nor a python3 with resource is available" >&2
        exit 2
    fi
    meter="$py resource.getrusage(RUSAGE_CHILDREN).ru_maxrss"
    # fork and exec by hand (no subprocess import: a smaller parent, a
    # lower floor); the status as a shell reports it
    cat >"$tmp/maxrss.py" <<'PY'
import os, resource, sys
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, st = os.waitpid(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write("%d\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(os.WEXITSTATUS(st) if os.WIFEXITED(st) else 128 + os.WTERMSIG(st))
PY
    measure() {
        mf=$1; shift
        "$py" -S -E "$tmp/maxrss.py" "$mf" "$@"
    }
fi
measure "$tmp/floor" true >/dev/null 2>&1 || :
floor=$(awk '{ printf "%.1f MB", $1 / 1024 }' "$tmp/floor" 2>/dev/null || echo '?')

median() { sort -n "$1" | awk '{ a[NR] = $1 } END { if (NR == 0) exit; printf "%.1f", ((NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) / 1024 }'; }
ratio() { # ratio A B: A / B, or '-' where either is not a number
    echo "$1 $2" | awk '$1 ~ /^[0-9.]+$/ && $2 ~ /^[0-9.]+$/ && $2 > 0 { printf "%.2f", $1 / $2; next } { printf "-" }'
}
over() { # over RATIO LIMIT: true when RATIO is a number above LIMIT
    echo "$1 $2" | awk '$1 ~ /^[0-9.]+$/ && $1 > $2 + 0 { ok = 1 } END { exit !ok }'
}

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'; }
echo "torii peak memory: build=$build runs=$runs cores=$(nproc 2>/dev/null || echo '?') arch=$(uname -m) load=$(load)"
echo "meter: $meter (floor: $floor, the peak RSS it reports for true)"
echo "torii: $("$build/torii" -VV 2>/dev/null || echo '?')"
echo "torii-gil: $("$build/torii-gil" -VV 2>/dev/null || echo '?')"
if [ "$have_cpy" = 1 ]; then echo "cpython3.13: $("$cpy" -V 2>&1) ($cpy)"; else echo "cpython3.13: absent (its columns are left out)"; fi
echo

if [ "$have_cpy" = 1 ]; then
    row() { printf '| %-14s | %8s | %12s | %14s | %9s | %10s | %-12s |\n' "$@"; }
    sep='|----------------|---------:|-------------:|---------------:|----------:|-----------:|--------------|'
else
    row() { printf '| %-14s | %8s | %12s | %9s | %-12s |\n' "$1" "$2" "$3" "$5" "$7"; }
    sep='|----------------|---------:|-------------:|----------:|--------------|'
fi
table=$tmp/table
{
    row workload "torii MB" "torii-gil MB" "cpython3.13 MB" nogil/gil nogil/3.13 targets
    echo "$sep"
} >"$table"
ref=gil; [ "$have_cpy" = 1 ] && ref=cpy
status=0
# startup (the interpreter alone) first, then the workloads
for f in bench/memory/startup.py bench/memory/*.py; do
    prog=$(basename "$f" .py)
    case $f in */startup.py) [ -n "${done_startup:-}" ] && continue; done_startup=1 ;; esac
    if [ -n "${ONLY:-}" ] && ! echo " $ONLY " | grep -q " $prog "; then continue; fi
    echo "memory: $prog" >&2
    for k in $rts; do : >"$tmp/$k.m"; rm -f "$tmp/$k.out" "$tmp/$k.fail"; done
    i=0
    while [ "$i" -lt "$runs" ]; do
        for k in $rts; do
            [ -e "$tmp/$k.fail" ] && continue
            # shellcheck disable=SC2086
            if measure "$tmp/$k.cur.m" $to "$(rt_cmd "$k")" "$f" >"$tmp/$k.cur" 2>"$tmp/$k.err" &&
               grep -q '^[0-9][0-9]*$' "$tmp/$k.cur.m"; then
                cat "$tmp/$k.cur.m" >>"$tmp/$k.m"
                [ -e "$tmp/$k.out" ] || cp "$tmp/$k.cur" "$tmp/$k.out"
            else
                rc=$?
                touch "$tmp/$k.fail"
                status=1
                echo "  $prog failed under $k (exit $rc): $(tail -n 3 "$tmp/$k.err" | tr '\n' ' ')" >&2
            fi
        done
        i=$((i + 1))
    done
    for k in torii gil cpy; do
        if ! echo " $rts " | grep -q " $k "; then eval "m_$k=n/a"; eval "c_$k=n/a"; continue; fi
        if [ -e "$tmp/$k.fail" ]; then eval "m_$k=fail"; eval "c_$k=fail"; continue; fi
        m=$(median "$tmp/$k.m")
        eval "m_$k=$m"
        mark=""
        if [ "$k" != "$ref" ] && [ -e "$tmp/$ref.out" ] && ! cmp -s "$tmp/$k.out" "$tmp/$ref.out"; then
            # shellcheck disable=SC2034
            mark="!"
            status=1
            echo "  $prog: output under $k differs from $ref's: $(head -c 200 "$tmp/$k.out")" >&2
        fi
        eval "c_$k=\$m\$mark"
    done
    # shellcheck disable=SC2154
    ng=$(ratio "$m_torii" "$m_gil")
    # shellcheck disable=SC2154
    vs=$(ratio "$m_torii" "$m_cpy")
    t=""
    over "$ng" 1.10 && t="${t} gil"
    over "$vs" 1.00 && t="${t} 3.13"
    if [ -n "$t" ]; then t="miss:$t"
    elif [ "$ng" = - ] || { [ "$have_cpy" = 1 ] && [ "$vs" = - ]; }; then t="?"
    else t=ok; fi
    # shellcheck disable=SC2154
    row "$prog" "$c_torii" "$c_gil" "$c_cpy" "$ng" "$vs" "$t" >>"$table"
done

echo "load average at the end: $(load)"
echo
echo "== peak RSS, median of $runs whole-process runs, MB ('!' output differs from $ref's)"
echo "nogil/gil = torii / torii-gil (target <= 1.10); nogil/3.13 = torii / cpython3.13 (target <= 1.00)"
echo
cat "$table"
exit "$status"
