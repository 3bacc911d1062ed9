#!/bin/sh
# bench/demo.sh [BUILD_DIR] [N]: the main demo.  Runs examples/parallel_sum.py
# with 1 and 2 threads (each thread one unit of work) under the no-GIL build
# (torii) and the GIL build (torii-gil) of the same sources and prints a table.
# speedup = throughput of 2 threads / throughput of 1 thread = 2 * t1 / t2.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build/release}
n=${2:-3000000}
wall() { "$1" examples/parallel_sum.py "$2" "$n" | sed -n 's/.*wall=\([0-9.]*\)s.*/\1/p'; }
printf '%-10s %-8s %-10s %s\n' build threads wall speedup
for b in torii torii-gil; do
    t1=$(wall "$build/$b" 1)
    t2=$(wall "$build/$b" 2)
    printf '%-10s %-8s %-10s %s\n' "$b" 1 "${t1}s" "1.00"
    printf '%-10s %-8s %-10s %s\n' "$b" 2 "${t2}s" "$(echo "$t1 $t2" | awk '{ printf "%.2f", 2 * $1 / $2 }')"
done
