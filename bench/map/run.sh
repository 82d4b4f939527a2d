#!/usr/bin/env bash
# Builds bench_mapframes if needed and prints the frame-time and memory
# tables. Meant to run in the project environment:
#   installer/env.sh bench/map/run.sh [--gl] [bench_mapframes options]
# e.g. --steps 60 for a quick run. `--build-dir DIR` (first argument) picks
# the build tree; default build-bench, configured RelWithDebInfo.
#
# The main table uses the offscreen platform with the software scene graph
# (what runs headless everywhere). `--gl` adds a frame-time table on the
# OpenGL scene graph -- the path the console takes on a desktop -- through
# Xvfb and Mesa's llvmpipe: a CPU rasteriser, so read its ratios, not its
# absolute times.
set -euo pipefail

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$SRC/build-bench"
if [ "${1:-}" = --build-dir ]; then
    BUILD="$(cd "$2" 2>/dev/null && pwd || echo "$2")"
    shift 2
fi
GL=0
if [ "${1:-}" = --gl ]; then
    GL=1
    shift
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
BIN="$(find "$BUILD" -name bench_mapframes -type f -perm -u+x | head -1)"

env QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software "$BIN" "$@"

if [ "$GL" = 1 ]; then
    if ! command -v xvfb-run >/dev/null; then
        echo "run.sh: --gl needs xvfb-run (package xvfb)" >&2
        exit 1
    fi
    # The basic render loop renders on the GUI thread, so grabWindow() times
    # exactly one frame.
    xvfb-run -a -s "-screen 0 1600x1000x24" \
        env QT_QPA_PLATFORM=xcb QSG_RHI_BACKEND=opengl QSG_RENDER_LOOP=basic "$BIN" --skip-rss "$@"
fi
