#!/usr/bin/env bash
# The public site under load across a flip to the static page and back, the
# way the console does it (SiteFlipper: audit, build from the database,
# upload, switch). Starts a private PostgreSQL and organizer-hubsim, drives
# `wrk` against the site's "/" and prints one row per phase. About a minute.
# Run inside the project environment:
#   installer/env.sh bench/flip/run.sh [--build-dir DIR] [bench_flip options]
# bench_flip options: --seconds N (steady phases, default 8), --transition N
# (phases with a flip at their start, default 4), --connections N (64),
# --threads N (2), --events N (seeded events, 2000), --path P ("/").
set -euo pipefail

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$SRC/build-bench"
if [ "${1:-}" = --build-dir ]; then
    BUILD="$(cd "$2" 2>/dev/null && pwd || echo "$2")"
    shift 2
fi
command -v wrk >/dev/null || { echo "run.sh: wrk is missing (Debian package wrk)" >&2; exit 1; }
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
case "$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")" in
    Debug|"") echo "run.sh: warning: $BUILD is not an optimized build; figures will mean little" >&2 ;;
esac
if ! cmake --build "$BUILD" --target bench_flip organizer-hubsim -j "${OC_BUILD_JOBS:-2}" \
        >"$BUILD/bench_flip-build.log" 2>&1; then
    cat "$BUILD/bench_flip-build.log" >&2
    exit 1
fi
exec "$BUILD/bin/bench_flip" "$@"
