#!/bin/sh
# scripts/install-deps.sh: installs torii's build and test dependencies from
# Debian 12's packages (root, or sudo when available).
set -eu
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    build-essential cmake ninja-build pkg-config clang-14 clang libclang-rt-14-dev \
    libjemalloc-dev libatomic-ops-dev libgmp-dev check hyperfine \
    zlib1g-dev libssl-dev libbz2-dev liblzma-dev libsqlite3-dev gnuplot-nox >/dev/null
