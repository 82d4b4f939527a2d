#!/usr/bin/env bash
# Configures and builds the project (inside the build environment).
# Usage: installer/build.sh [build-dir] [extra cmake args...]
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$SRC/build}"
shift || true
exec "$SRC/installer/env.sh" bash -c '
  set -euo pipefail
  src="$1"; build="$2"; shift 2
  if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
  fi
  cmake --build "$build" -j"$(nproc)"
' bash "$SRC" "$BUILD" "$@"
