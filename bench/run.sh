#!/bin/sh
# bench/run.sh [BUILD_DIR]: the whole benchmark suite in one run, two tables.
#  1. bench/classic/*.py, classic single-thread programs: the median wall time
#     of RUNS whole-process runs (default 3) under torii, torii-gil, CPython
#     3.13 (if pyenv has it; run as the interpreter itself, not the shim) and /usr/bin/python3 (if present), the runtimes
#     interleaved within each round so that the machine's noise hits all alike.
#     Every output is checked against CPython 3.13's ('!' marks a difference,
#     'fail' a run that exited non-zero or ran past TIMEOUT seconds).
#     nogil/gil = torii s / torii-gil s (under 1: the no-GIL build is faster);
#     vs 3.13 = cpython3.13 s / torii s (over 1: torii is faster).
#  2. the threaded workloads: median tp/t2 of bench/scaling.sh over ROUNDS
#     rounds (default 5) under both builds (1.00: two threads scale as well as
#     two processes; a GIL gives about 0.5), and the single-thread wall time
#     (the script's own wall= figure, median of RUNS) under each build.
# QUICK=1 cuts every size and defaults RUNS and ROUNDS to 1: a smoke run.
# TIMEOUT (default 120) bounds one process, where coreutils' timeout exists.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build/release}
quick=${QUICK:-0}
if [ "$quick" = 1 ]; then
    runs=${RUNS:-1}; rounds=${ROUNDS:-1}
else
    runs=${RUNS:-3}; rounds=${ROUNDS:-5}
fi
limit=${TIMEOUT:-120}
to=""
if command -v timeout >/dev/null 2>&1; then to="timeout $limit"; fi
now() { date +%s.%N; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/torii-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# The runtimes: a short key each; rt_exec KEY ARGS... runs one.
rts="torii gil"
have_cpy=0; have_py3=0
# CPython 3.13 through pyenv, resolved once to the interpreter itself: the
# pyenv shim alone costs some 60 ms a process, which is not CPython's time.
cpy=""
if cpy=$(env PYENV_VERSION=3.13.0 python3.13 -c 'import sys; print(sys.executable)' 2>/dev/null) &&
   [ -n "$cpy" ] && "$cpy" -c 'pass' >/dev/null 2>&1; then
    have_cpy=1; rts="$rts cpy"
fi
if [ -x /usr/bin/python3 ]; then have_py3=1; rts="$rts py3"; fi
rt_exec() {
    k=$1; shift
    # shellcheck disable=SC2086
    case $k in
        torii) $to "$build/torii" "$@" ;;
        gil) $to "$build/torii-gil" "$@" ;;
        cpy) $to "$cpy" "$@" ;;
        py3) $to /usr/bin/python3 "$@" ;;
    esac
}

# Sizes for QUICK=1 (an empty answer: the program's own default).
quick_n() {
    case $1 in
        richards) echo 1 ;;
        nbody) echo 5000 ;;
        spectral_norm) echo 60 ;;
        fannkuch) echo 7 ;;
        nqueens) echo 1 ;;
        mandelbrot) echo 80 ;;
        binary_trees) echo 8 ;;
        word_freq) echo 30000 ;;
        pidigits) echo 400 ;;
        generators) echo 50000 ;;
        closures) echo 30000 ;;
        json_roundtrip) echo 60 ;;
        regex_scan) echo 1500 ;;
        queue_pipeline) echo 5000 ;;
        thread_pool_map) echo 500 ;;
        *) echo "" ;;
    esac
}

median() { sort -n "$1" | awk '{ a[NR] = $1 } END { if (NR == 0) exit; printf "%.3f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { # ratio A B: A / B, or '-' where either is not a number
    echo "$1 $2" | awk '$1 ~ /^[0-9.]+$/ && $2 ~ /^[0-9.]+$/ && $2 > 0 { printf "%.2f", $1 / $2; next } { printf "-" }'
}
geomean() { # geomean FILE: geometric mean of the numeric lines
    awk '$1 ~ /^[0-9.]+$/ && $1 > 0 { s += log($1); n++ } END { if (n) printf "%.2f", exp(s / n); else printf "-" }' "$1"
}

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'; }
echo "torii benchmark suite: build=$build runs=$runs rounds=$rounds quick=$quick cores=$(nproc 2>/dev/null || echo '?') arch=$(uname -m) load=$(load)"
echo "torii: $("$build/torii" -VV 2>/dev/null || echo missing)"
[ "$have_cpy" = 1 ] && echo "cpython3.13: $("$cpy" -V 2>&1) ($cpy)"
[ "$have_py3" = 1 ] && echo "python3: $(/usr/bin/python3 -V 2>&1)"
echo

# ---- 1. classic single-thread programs -------------------------------------
row1() { printf '| %-16s | %9s | %11s | %13s | %9s | %9s | %7s |\n' "$@"; }
: >"$tmp/g_ng"; : >"$tmp/g_vs"
table1="$tmp/table1"
{
    row1 program "torii s" "torii-gil s" "cpython3.13 s" "python3 s" nogil/gil "vs 3.13"
    echo '|------------------|----------:|------------:|--------------:|----------:|----------:|--------:|'
} >"$table1"
for f in bench/classic/*.py; do
    prog=$(basename "$f" .py)
    n=""
    [ "$quick" = 1 ] && n=$(quick_n "$prog")
    echo "classic: $prog ${n:+N=$n}" >&2
    for k in $rts; do : >"$tmp/$k.t"; rm -f "$tmp/$k.out" "$tmp/$k.fail"; done
    i=0
    while [ "$i" -lt "$runs" ]; do
        for k in $rts; do
            [ -e "$tmp/$k.fail" ] && continue
            t0=$(now)
            # shellcheck disable=SC2086
            if rt_exec "$k" "$f" $n >"$tmp/$k.cur" 2>"$tmp/$k.err"; then
                t1=$(now)
                echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$tmp/$k.t"
                [ -e "$tmp/$k.out" ] || cp "$tmp/$k.cur" "$tmp/$k.out"
            else
                rc=$?
                touch "$tmp/$k.fail"
                echo "  $prog failed under $k (exit $rc): $(tail -n 3 "$tmp/$k.err" | tr '\n' ' ')" >&2
            fi
        done
        i=$((i + 1))
    done
    for k in torii gil cpy py3; do
        if ! echo " $rts " | grep -q " $k "; then
            eval "t_$k=n/a"; eval "c_$k=n/a"; continue
        fi
        if [ -e "$tmp/$k.fail" ]; then
            eval "t_$k=fail"; eval "c_$k=fail"; continue
        fi
        t=$(median "$tmp/$k.t")
        eval "t_$k=$t"
        mark=""
        if [ "$have_cpy" = 1 ] && [ -e "$tmp/cpy.out" ] && ! cmp -s "$tmp/$k.out" "$tmp/cpy.out"; then
            # shellcheck disable=SC2034
            mark="!"
            echo "  $prog: output under $k differs from CPython 3.13's: $(head -c 200 "$tmp/$k.out")" >&2
        fi
        eval "c_$k=\$t\$mark"
    done
    # shellcheck disable=SC2154
    ng=$(ratio "$t_torii" "$t_gil")
    # shellcheck disable=SC2154
    vs=$(ratio "$t_cpy" "$t_torii")
    echo "$ng" >>"$tmp/g_ng"; echo "$vs" >>"$tmp/g_vs"
    # shellcheck disable=SC2154
    row1 "$prog" "$c_torii" "$c_gil" "$c_cpy" "$c_py3" "$ng" "$vs" >>"$table1"
done
row1 geomean "" "" "" "" "$(geomean "$tmp/g_ng")" "$(geomean "$tmp/g_vs")" >>"$table1"

# ---- 2. threaded workloads --------------------------------------------------
threaded="bench/oo_alloc.py:150000 bench/oo_super.py:300000 bench/shared_instance.py:2000000 bench/shared_read.py:4000000
bench/nbody.py:18000 bench/lock_counter.py:1500000 bench/shared_object.py:5000000
examples/parallel_sum.py:10000000"
row2() { printf '| %-24s | %8s | %11s | %15s | %10s | %14s | %9s |\n' "$@"; }
table2="$tmp/table2"
: >"$tmp/g_sn"; : >"$tmp/g_sg"; : >"$tmp/g_1t"
{
    row2 script N "torii tp/t2" "torii-gil tp/t2" "torii 1T s" "torii-gil 1T s" "nogil/gil"
    echo '|--------------------------|---------:|------------:|----------------:|-----------:|---------------:|----------:|'
} >"$table2"
wall_of() { sed -n 's/.*wall=\([0-9.]*\)s.*/\1/p' "$1" | head -n 1; }
for entry in $threaded; do
    script=${entry%%:*}; n=${entry##*:}
    [ "$quick" = 1 ] && n=$((n / 10))
    echo "threaded: $script N=$n" >&2
    # single thread, the two builds interleaved
    for k in torii gil; do : >"$tmp/$k.t"; rm -f "$tmp/$k.fail"; done
    i=0
    while [ "$i" -lt "$runs" ]; do
        for k in torii gil; do
            [ -e "$tmp/$k.fail" ] && continue
            if rt_exec "$k" "$script" 1 "$n" >"$tmp/$k.cur" 2>"$tmp/$k.err" && w=$(wall_of "$tmp/$k.cur") && [ -n "$w" ]; then
                echo "$w" >>"$tmp/$k.t"
            else
                rc=$?
                touch "$tmp/$k.fail"
                echo "  $script failed under $k (exit $rc, or no wall= printed): $(tail -n 3 "$tmp/$k.err" | tr '\n' ' ')" >&2
            fi
        done
        i=$((i + 1))
    done
    for k in torii gil; do
        if [ -e "$tmp/$k.fail" ]; then eval "w_$k=fail"; else eval "w_$k=$(median "$tmp/$k.t")"; fi
    done
    # parallel scaling
    for k in torii gil; do
        bin=$build/torii; [ "$k" = gil ] && bin=$build/torii-gil
        s=""; rc=0
        # shellcheck disable=SC2086
        if out=$($to sh bench/scaling.sh "$bin" "$script" "$n" "$rounds" 2 2>"$tmp/$k.err"); then
            s=$(echo "$out" | tail -n 1 | sed -n 's/^median tp\/t2 = //p')
        else
            rc=$?
        fi
        if [ -z "$s" ]; then
            s=fail
            echo "  scaling of $script failed under $k (exit $rc): $(tail -n 3 "$tmp/$k.err" | tr '\n' ' ')" >&2
        fi
        eval "s_$k=$s"
    done
    # shellcheck disable=SC2154
    r=$(ratio "$w_torii" "$w_gil")
    # shellcheck disable=SC2154
    { echo "$s_torii" >>"$tmp/g_sn"; echo "$s_gil" >>"$tmp/g_sg"; echo "$r" >>"$tmp/g_1t"; }
    row2 "$script" "$n" "$s_torii" "$s_gil" "$w_torii" "$w_gil" "$r" >>"$table2"
done
row2 geomean "" "$(geomean "$tmp/g_sn")" "$(geomean "$tmp/g_sg")" "" "" "$(geomean "$tmp/g_1t")" >>"$table2"

echo "load average at the end: $(load) (over the core count, every figure below is suspect)"
echo
echo "== classic programs, single process, median wall seconds of $runs (whole process; '!' output differs from CPython 3.13)"
echo "nogil/gil = torii / torii-gil (under 1: no-GIL build faster); vs 3.13 = cpython3.13 / torii (over 1: torii faster)"
echo
cat "$table1"
echo
echo "== threaded workloads: median tp/t2 of $rounds rounds (bench/scaling.sh, ideal 1.00, a GIL gives about 0.5), single-thread wall= median of $runs"
echo
cat "$table2"
