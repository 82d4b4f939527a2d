#!/usr/bin/env bash
# Builds bench_cluster if needed, installs supercluster 9 from npm into the
# build tree, and prints the comparison table. Meant to run in the project
# environment:
#   installer/env.sh bench/cluster/run.sh [bench_cluster options]
# e.g. --sizes 10000,100000 for a quick run. `--build-dir DIR` (first
# argument) picks the build tree; default build-bench, configured
# RelWithDebInfo. (env.sh passes no environment variables through.)
set -euo pipefail

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$SRC/build-bench"
if [ "${1:-}" = --build-dir ]; then
    BUILD="$(cd "$2" 2>/dev/null && pwd || echo "$2")"
    shift 2
fi

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
    if ! (cd "$SC_DIR" && npm install --no-audit --no-fund --loglevel=error >&2); then
        # Seen when the registry is reached through a TLS proxy whose CA the
        # build root does not trust; node_modules is plain JavaScript, so an
        # install from the host works just as well.
        echo "run.sh: npm install failed in the build root; install supercluster from the host with" >&2
        echo "  (cd '$SC_DIR' && npm install) && installer/env.sh bench/cluster/run.sh --build-dir '$BUILD'" >&2
        exit 1
    fi
fi

exec "$BUILD/bin/bench_cluster" --sc-dir "$SC_DIR" "$@"
