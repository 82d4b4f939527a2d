#!/usr/bin/env bash
# Builds bench_mapframes if needed and prints the frame-time and memory
# tables. Meant to run in the project environment:
#   installer/env.sh bench/map/run.sh [bench_mapframes options]
# e.g. --steps 60 for a quick run. `--build-dir DIR` (first argument) picks
# the build tree; default build-bench, configured RelWithDebInfo.
# Offscreen with the software scene graph unless QT_QUICK_BACKEND /
# QSG_RHI_BACKEND / QT_QPA_PLATFORM say otherwise (env.sh passes no
# environment through, so set them inside: env.sh env QSG_RHI_BACKEND=... run.sh).
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
if ! cmake --build "$BUILD" --target bench_mapframes -j "${OC_BUILD_JOBS:-2}" >"$BUILD/bench_mapframes-build.log" 2>&1; then
    cat "$BUILD/bench_mapframes-build.log" >&2
    exit 1
fi

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
if [ -z "${QSG_RHI_BACKEND:-}" ]; then
    export QT_QUICK_BACKEND="${QT_QUICK_BACKEND:-software}"
fi
exec "$BUILD/bench/map/bench_mapframes" "$@"
