#!/bin/sh
# bench/scaling.sh BIN SCRIPT N [ROUNDS] [THREADS]: parallel efficiency held
# against the machine itself.  Each round times one process whose THREADS
# threads do one unit of work each (tN), then THREADS separate processes doing
# one unit each, started together (tp).  Prints each round and the median of
# tp/tN: 1.00 means threads scale exactly as well as processes on this machine
# at this minute; a GIL gives about 1/THREADS.
set -eu
bin=$1; script=$2; n=$3; rounds=${4:-7}; threads=${5:-2}
now() { date +%s.%N; }
ratios=""
i=0
while [ "$i" -lt "$rounds" ]; do
    t0=$(now); "$bin" "$script" "$threads" "$n" >/dev/null; t1=$(now)
    k=0; pids=""
    while [ "$k" -lt "$threads" ]; do "$bin" "$script" 1 "$n" >/dev/null & pids="$pids $!"; k=$((k + 1)); done
    # shellcheck disable=SC2086
    wait $pids; t2=$(now)
    r=$(echo "$t0 $t1 $t2" | awk '{ tn = $2 - $1; tp = $3 - $2; printf "%.3f %.3f %.3f", tn, tp, tp / tn }')
    echo "round $i: tN tp tp/tN = $r"
    ratios="$ratios $(echo "$r" | cut -d' ' -f3)"
    i=$((i + 1))
done
echo "$ratios" | tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { printf "median tp/t%s = %.2f\n", "'"$threads"'", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
