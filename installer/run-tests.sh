#!/usr/bin/env bash
# README command (2), also what CI runs: set up what is missing, build, and
# run the whole test suite (unit, db and gui tests; each db test starts its
# own private PostgreSQL cluster), then the quality gates: clang-format, and
# an AddressSanitizer + UndefinedBehaviorSanitizer build running the unit
# and db tests. Warnings are errors for our code in every build. The ops API
# contract is linted (installer/lint-openapi.sh), the desktop entry and the
# AppStream metainfo validated (installer/validate-desktop.sh).
# OC_SANITIZERS=0 skips the sanitizer build (a quicker local run); CI runs it.
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${OC_TEST_BUILD_DIR:-$SRC/build-tests}"
ASAN="${OC_ASAN_BUILD_DIR:-$SRC/build-asan}"
t0=$SECONDS
"$SRC/installer/env.sh" true
t1=$SECONDS
"$SRC/installer/format.sh" --check || { echo "[tests] clang-format check failed: run installer/format.sh" >&2; exit 1; }
"$SRC/installer/lint-openapi.sh" || { echo "[tests] resources/openapi/ops-api.yaml does not lint (installer/lint-openapi.sh)" >&2; exit 1; }
"$SRC/installer/validate-desktop.sh" || { echo "[tests] the desktop entry or the AppStream metainfo is not valid (installer/validate-desktop.sh)" >&2; exit 1; }
"$SRC/installer/build.sh" "$BUILD" -DOC_BUILD_BENCHMARKS=OFF
t2=$SECONDS
"$SRC/installer/env.sh" ctest --test-dir "$BUILD" --output-on-failure -j2 --timeout 600
t3=$SECONDS
if [ "${OC_SANITIZERS:-1}" = 1 ]; then
  "$SRC/installer/env.sh" bash -c "
    set -e
    [ -f '$ASAN/build.ninja' ] || cmake -S '$SRC' -B '$ASAN' -G Ninja -DCMAKE_BUILD_TYPE=Debug -DOC_SANITIZE=ON -DOC_BUILD_BENCHMARKS=OFF
    cmake --build '$ASAN' -j2 --target oc_nongui_tests organizer-hubsim
    ctest --test-dir '$ASAN' --output-on-failure -j2 -LE gui --timeout 900"
fi
t4=$SECONDS
echo "[tests] set-up $((t1 - t0)) s, build $((t2 - t1)) s, tests $((t3 - t2)) s, sanitizer build+tests $((t4 - t3)) s, total $((t4 - t0)) s"
