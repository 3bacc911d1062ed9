#!/bin/sh
# bench/report.sh [BUILD_DIR]: every figure the project reports, measured in one
# run on this machine (ratios only: these machines are shared and noisy).
#  1. single thread: torii (no GIL) vs torii-gil vs CPython 3.13 (if installed),
#     hyperfine when available, and instruction counts with callgrind
#     (repeatable whatever the load) when valgrind is installed;
#  2. parallel scaling: median tp/t2 (bench/scaling.sh) for the demo and for the
#     shared-read workload, under both builds.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build/release}
n_single=${N_SINGLE:-3000000}
echo "== single thread, examples/parallel_sum.py 1 $n_single"
cmds="'$build/torii examples/parallel_sum.py 1 $n_single' '$build/torii-gil examples/parallel_sum.py 1 $n_single'"
if env PYENV_VERSION=3.13.0 python3.13 -c 'pass' 2>/dev/null; then
    cmds="$cmds 'env PYENV_VERSION=3.13.0 python3.13 examples/parallel_sum.py 1 $n_single'"
fi
if command -v hyperfine >/dev/null; then
    eval hyperfine -N -w 2 -r "${RUNS:-20}" "$cmds" | grep -E 'Benchmark|Time|faster'
fi
if command -v valgrind >/dev/null; then
    for b in torii torii-gil; do
        ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$build/$b" examples/parallel_sum.py 1 300000 2>&1 |
             sed -n 's/.*Collected : *//p')
        echo "callgrind $b (N=300000): $ir instructions"
    done
fi
echo "== parallel scaling (tp/t2, ideal 1.00; a GIL gives about 0.5)"
for b in torii torii-gil; do
    echo "-- $b, examples/parallel_sum.py"
    sh bench/scaling.sh "$build/$b" examples/parallel_sum.py "${N_SUM:-10000000}" "${ROUNDS:-7}" | tail -1
    echo "-- $b, bench/shared_read.py (global function, shared global list and dict)"
    sh bench/scaling.sh "$build/$b" bench/shared_read.py "${N_SHARED:-3000000}" "${ROUNDS:-7}" | tail -1
    echo "-- $b, bench/shared_object.py (methods and attributes of one shared instance)"
    sh bench/scaling.sh "$build/$b" bench/shared_object.py "${N_OBJECT:-2000000}" "${ROUNDS:-7}" | tail -1
done
