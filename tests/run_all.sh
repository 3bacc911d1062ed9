#!/bin/sh
# tests/run_all.sh: the README's test command.  Builds the release preset
# (torii + torii-gil) and the tsan preset, then runs every test through ctest:
# unit, differential (both builds) and stress tests, then all of them again
# (but the GIL twin) under ThreadSanitizer.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
ctest --preset release -j "$jobs"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs"
ctest --preset tsan -j "$jobs"
