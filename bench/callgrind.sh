#!/bin/sh
# bench/callgrind.sh [BUILD_DIR]: instruction counts (valgrind --tool=callgrind)
# of every program of bench/classic/ at its QUICK size (bench/run.sh's
# quick_n) under torii, torii-gil and CPython 3.13 (pyenv, when installed):
# repeatable whatever else the machine does, so the figure to compare builds
# with.  Prints one Markdown table: millions of instructions, nogil/gil and
# cpython/torii (above 1.00: torii runs fewer instructions), and geomeans.
# CPython's count includes its start-up (some 40M instructions; torii's is
# under 2M), which favours torii on the smallest programs.
set -eu
cd "$(dirname "$0")/.."
build=${1:-${BUILD_DIR:-build/release}}
command -v valgrind >/dev/null || { echo "valgrind not installed" >&2; exit 1; }
cpy=""
if c=$(env PYENV_VERSION=3.13.0 python3.13 -c 'import sys; print(sys.executable)' 2>/dev/null); then cpy=$c; fi
size() { sed -n "/^quick_n()/,/^}/p" bench/run.sh | grep " $1)" | sed 's/.*echo \([0-9]*\).*/\1/'; }
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : *//p'; }
echo "| program          |      N | torii M | torii-gil M | cpython3.13 M | nogil/gil | cpython/torii |"
echo "|------------------|-------:|--------:|------------:|--------------:|----------:|--------------:|"
rows=""
for f in bench/classic/*.py; do
    p=$(basename "$f" .py)
    n=$(size "$p")
    echo "callgrind: $p ${n:+N=$n}" >&2
    a=$(count "$build/torii" "$f" $n)
    b=$(count "$build/torii-gil" "$f" $n)
    c=-
    [ -n "$cpy" ] && c=$(count "$cpy" "$f" $n)
    echo "$p $n $a $b $c" | awk '{
        cp = ($5 == "-") ? "-" : sprintf("%.1f", $5 / 1e6);
        r2 = ($5 == "-") ? "-" : sprintf("%.2f", $5 / $3);
        printf "| %-16s | %6s | %7.1f | %11.1f | %13s | %9.2f | %13s |\n", $1, $2, $3 / 1e6, $4 / 1e6, cp, $3 / $4, r2 }'
    rows="$rows
$a $b $c"
done
echo "$rows" | awk 'NF == 3 { n++; g1 += log($1 / $2); if ($3 != "-") { m++; g2 += log($3 / $1) } }
    END { printf "| %-16s | %6s | %7s | %11s | %13s | %9.2f | %13s |\n", "geomean", "", "", "", "", exp(g1 / n),
          m ? sprintf("%.2f", exp(g2 / m)) : "-" }'
