#!/usr/bin/env bash
# README command (1): set up what is missing, build, and open the console on
# the demo (a private PostgreSQL plus the backend simulator). Extra arguments
# go to the console (e.g. --wallboard).
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$SRC/installer/build.sh" "$SRC/build"
args=(--demo "$@")
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "[demo] no display found: rendering offscreen and saving build/demo.png instead of opening a window" >&2
  export QT_QPA_PLATFORM=offscreen
  args+=(--screenshot "$SRC/build/demo.png")
fi
exec "$SRC/installer/env.sh" "$SRC/build/bin/organizer-console" "${args[@]}"
