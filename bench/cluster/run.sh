#!/usr/bin/env bash
# Builds bench_cluster if needed, installs supercluster 9 from npm into the
# build tree, and prints the comparison table. Meant to run in the project
# environment:
#   installer/env.sh bench/cluster/run.sh [bench_cluster options]
# e.g. --sizes 10000,100000 for a quick run. OC_BENCH_BUILD_DIR picks the
# build tree (default build-bench, configured RelWithDebInfo).
set -euo pipefail

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${OC_BENCH_BUILD_DIR:-$SRC/build-bench}"

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
case "$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")" in
    Debug|"") echo "run.sh: warning: $BUILD is not an optimized build; timings will mean little" >&2 ;;
esac
if ! cmake --build "$BUILD" --target bench_cluster -j "${OC_BUILD_JOBS:-2}" >"$BUILD/bench_cluster-build.log" 2>&1; then
    cat "$BUILD/bench_cluster-build.log" >&2
    exit 1
fi

SC_DIR="$BUILD/bench/cluster/supercluster"
if [ ! -f "$SC_DIR/node_modules/supercluster/package.json" ]; then
    echo "[bench] installing supercluster into $SC_DIR" >&2
    (cd "$SC_DIR" && npm install --no-audit --no-fund --loglevel=error >&2)
fi

exec "$BUILD/bin/bench_cluster" --sc-dir "$SC_DIR" "$@"
