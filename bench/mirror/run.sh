#!/usr/bin/env bash
# Database cost of the console on a Mobilize mirror against a naive dashboard,
# with and without an index on modified_date, and time to first totals
# against psql. Run inside the project environment:
#   installer/env.sh bench/mirror/run.sh [--events N] [--participations N] [--window S]
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${OC_BENCH_BUILD_DIR:-$SRC/build-bench}"
[ -f "$BUILD/build.ninja" ] || cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOC_BUILD_BENCHMARKS=ON
cmake --build "$BUILD" -j1 --target bench_mirror
exec "$BUILD/bin/bench_mirror" "$@"
