#!/bin/sh
# tests/compare/run.sh COMPARE TORII TORII_GIL: checks torii-compare (tools/)
# end to end on the tiny scripts beside this file: the table's rows and
# columns, --json (parsed by TORII running check_json.py: no other Python is
# needed), --markdown, --processes, --plot .svg and .png (skipped, saying so,
# without gnuplot), the "output differs" warning and status 3, a failing
# script's status 2, bad options' status 2.  TORII_GIL may be "none" (a build
# without the twin): the checks then expect torii's rows only.  Each run is
# 1 and 2 threads, 2 runs, no warm-up: a few seconds in all.
set -u
abs() { case $1 in /*|none) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
cmp=$(abs "$1")
torii=$(abs "$2")
gil=$(abs "$3")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

fail=0
bad() { echo "FAIL: $*"; fail=1; }
if [ "$gil" = none ]; then builds="torii"; else builds="torii torii-gil"; fi
quick="--torii $torii --torii-gil $gil --threads 1,2 --min-runs 2 --max-runs 2 --warmup 0"

# --- the table and --json ------------------------------------------------
# shellcheck disable=SC2086
"$cmp" $quick --json out.json "$here/tiny.py" '{threads}' > table.txt 2> err.txt
rc=$?
[ "$rc" = 0 ] || { bad "plain run: status $rc"; cat err.txt; }
head -1 table.txt | grep -q 'build  *threads  *time (mean ± σ)  *min  *max  *runs  *speedup  *vs GIL  *efficiency$' \
    || { bad "table header"; cat table.txt; }
# A text row: build, threads, "T unit ± S unit", min, max, runs, speedup,
# vs GIL, efficiency: 15 fields, runs in $12.
for b in $builds; do
    for t in 1 2; do
        row=$(awk -v b="$b" -v t="$t" '$1 == b && $2 == t' table.txt)
        [ -n "$row" ] || { bad "no row for $b, $t threads"; cat table.txt; continue; }
        echo "$row" | awk '{ exit !(NF == 15 && $5 == "±" && $12 == 2) }' \
            || bad "row for $b, $t threads: $row"
        if [ "$t" = 1 ]; then
            echo "$row" | awk '{ exit !($13 == "1.00" && $15 == "1.00") }' \
                || bad "1-thread row of $b: speedup and efficiency must be 1.00: $row"
        fi
        if [ "$b" = torii-gil ]; then
            echo "$row" | awk '{ exit !($14 == "1.00") }' || bad "torii-gil vs GIL must be 1.00: $row"
        fi
    done
done
nrows=$(grep -c -E '^(torii|torii-gil) ' table.txt)
[ "$nrows" = $(( $(echo "$builds" | wc -w) * 2 )) ] || { bad "expected 2 rows per build, got $nrows"; cat table.txt; }
grep -q '^weak scaling' table.txt || bad "no formula line under the table"
# Progress: one line per measurement on stderr (not a tty: no \r).
[ "$(grep -c ' runs, ' err.txt)" = "$nrows" ] || { bad "progress lines"; cat err.txt; }
if grep -q "$(printf '\r')" err.txt; then bad "carriage return in non-tty progress"; fi
# shellcheck disable=SC2086
"$torii" "$here/check_json.py" out.json $builds > json.txt 2>&1 || { bad "--json"; cat json.txt; head -40 out.json; }

# --- --markdown, --processes, --plot out.svg -----------------------------
have_gnuplot=0
command -v gnuplot > /dev/null 2>&1 && have_gnuplot=1
plot=""
[ "$have_gnuplot" = 1 ] && plot="--plot out.svg"
# shellcheck disable=SC2086
"$cmp" $quick -q --markdown --processes $plot "$here/tiny.py" '{threads}' > md.txt 2> err.txt
rc=$?
[ "$rc" = 0 ] || { bad "--markdown run: status $rc"; cat err.txt; }
[ -s err.txt ] && { bad "-q still wrote to stderr"; cat err.txt; }
head -1 md.txt | grep -q '^| build .*| threads .*| *time (mean ± σ) |.*| *vs GIL | *efficiency | *vs procs |$' \
    || { bad "markdown header"; cat md.txt; }
sed -n 2p md.txt | grep -q '^|:-*|:-*|-*:|-*:|-*:|-*:|-*:|-*:|-*:|-*:|$' || { bad "markdown rule line"; cat md.txt; }
for b in $builds; do
    grep -q "^| $b  *| 1  *|" md.txt || bad "markdown: no $b 1-thread row"
    grep -q "^| $b  *| 2  *|" md.txt || bad "markdown: no $b 2-thread row"
    grep -q "^| $b  *| 2 procs  *|" md.txt || bad "markdown: no $b processes row"
done

# --- plots ---------------------------------------------------------------
if [ "$have_gnuplot" = 1 ]; then
    size=$(wc -c < out.svg 2>/dev/null || echo 0)
    head -c 5 out.svg 2>/dev/null | grep -q -E '^(<\?xml|<svg)' || bad "out.svg does not start as SVG"
    [ "$size" -gt 1024 ] || bad "out.svg is only $size bytes"
    # shellcheck disable=SC2086
    "$cmp" $quick -q --plot out.png --plot-y time "$here/tiny.py" '{threads}' > /dev/null 2> err.txt \
        || { bad "--plot out.png"; cat err.txt; }
    sig=$(od -An -tx1 -N8 out.png 2>/dev/null | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')
    [ "$sig" = "89 50 4e 47 0d 0a 1a 0a" ] || bad "out.png signature: '$sig'"
else
    echo "skipping the --plot checks: gnuplot not found"
fi
# Without gnuplot on PATH --plot must say so, before running anything.
# shellcheck disable=SC2086
env PATH=/nonexistent "$cmp" $quick --plot x.svg "$here/tiny.py" '{threads}' > /dev/null 2> err.txt
rc=$?
[ "$rc" = 2 ] && grep -q 'needs gnuplot' err.txt || { bad "--plot without gnuplot: status $rc"; cat err.txt; }

# --- output that differs: warning, status 3 ------------------------------
# shellcheck disable=SC2086
"$cmp" $quick "$here/racy.py" > /dev/null 2> err.txt
rc=$?
[ "$rc" = 3 ] || { bad "racy.py: status $rc, expected 3"; cat err.txt; }
grep -q 'warning: output differs between runs (torii, 1 thread): possible race in the script' err.txt \
    || { bad "racy.py: no 'output differs' warning"; cat err.txt; }

# --- a failing script: its stderr shown, status 2 ------------------------
# shellcheck disable=SC2086
"$cmp" $quick "$here/fails.py" > /dev/null 2> err.txt
rc=$?
[ "$rc" = 2 ] || { bad "fails.py: status $rc, expected 2"; cat err.txt; }
grep -q 'exited with status 1' err.txt && grep -q 'deliberate failure' err.txt \
    || { bad "fails.py: the failure and its stderr not shown"; cat err.txt; }

# --- bad options: usage error, status 2 ----------------------------------
for opts in "--no-such-option" "--threads 0" "--threads" "--scaling sideways" "--min-runs 3 --max-runs 2" \
        "--plot out.pdf" "--rsd -1"; do
    # shellcheck disable=SC2086
    "$cmp" --torii "$torii" --torii-gil "$gil" $opts "$here/tiny.py" > /dev/null 2> err.txt
    rc=$?
    [ "$rc" = 2 ] && grep -q '^usage: torii-compare' err.txt || { bad "'$opts': status $rc"; cat err.txt; }
done
"$cmp" --torii "$torii" --torii-gil "$gil" > /dev/null 2> err.txt
[ $? = 2 ] || bad "no script: status not 2"
"$cmp" --help > help.txt 2>&1 && grep -q 'TORII_THREADS' help.txt && grep -q 'efficiency = t1 / tN' help.txt \
    || bad "--help"

[ "$fail" = 0 ] && echo "torii-compare: all checks passed"
exit $fail
