#!/usr/bin/env bash
# Formats our C++ with the project's .clang-format, or checks it (--check),
# inside the build environment so everyone uses the same clang-format.
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="-i"
[ "${1:-}" = "--check" ] && mode="--dry-run --Werror"
cd "$SRC"
files=$(git ls-files '*.cpp' '*.h')
exec "$SRC/installer/env.sh" bash -c "cd '$SRC' && clang-format $mode $(echo $files | tr '\n' ' ')"
