#!/usr/bin/env bash
# README command (2), also what CI runs: set up what is missing, build, and
# run the whole test suite (unit, db and gui tests; each db test starts its
# own private PostgreSQL cluster).
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${OC_TEST_BUILD_DIR:-$SRC/build-tests}"
t0=$SECONDS
"$SRC/installer/env.sh" true
t1=$SECONDS
"$SRC/installer/build.sh" "$BUILD"
t2=$SECONDS
"$SRC/installer/env.sh" ctest --test-dir "$BUILD" --output-on-failure -j2 --timeout 600
t3=$SECONDS
echo "[tests] set-up $((t1 - t0)) s, build $((t2 - t1)) s, tests $((t3 - t2)) s"
