#!/usr/bin/env bash
# Database cost of the console's data path against a naive dashboard, writer
# throughput with 0/10/50 consoles, and time to first totals against psql.
# Run inside the project environment: installer/env.sh bench/totals/run.sh [args]
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${OC_BENCH_BUILD_DIR:-$SRC/build-bench}"
[ -f "$BUILD/build.ninja" ] || cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOC_BUILD_TESTS=OFF
cmake --build "$BUILD" -j2 --target bench_dbcost
exec "$BUILD/bin/bench_dbcost" "$@"
