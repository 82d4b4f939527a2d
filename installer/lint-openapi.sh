#!/usr/bin/env bash
# Lints the ops API contract, resources/openapi/ops-api.yaml, with Redocly
# CLI's `redocly lint` (recommended-strict: resources/openapi/redocly.yaml),
# inside the build environment (installer/env.sh, which brings nodejs and
# npm). The CLI is an npm package pinned below and installed on first use
# into a cache folder of the build environment, so a fresh machine gets it
# and the checkout gets no node_modules.
# Usage: installer/lint-openapi.sh [FILE.yaml]   (default: the ops API)
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${ORGANIZER_IN_BUILDROOT:-}" != 1 ] && [ -z "${OC_LINT_OPENAPI_INNER:-}" ]; then
    exec env OC_LINT_OPENAPI_INNER=1 "$SRC/installer/env.sh" "$SRC/installer/lint-openapi.sh" "$@"
fi
# 2.77.0 runs on Debian 13's Node 20 (later 2.x want Node 22).
REDOCLY_VERSION=2.77.0
TOOLS="${OC_NPM_TOOLS:-/var/cache/organizer-console/npm-tools}"
SPEC="${1:-$SRC/resources/openapi/ops-api.yaml}"
installed="$(node -p "require('$TOOLS/node_modules/@redocly/cli/package.json').version" 2>/dev/null || true)"
if [ "$installed" != "$REDOCLY_VERSION" ]; then
    echo "[lint-openapi] installing @redocly/cli@$REDOCLY_VERSION into $TOOLS" >&2
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --no-save --loglevel=error "@redocly/cli@$REDOCLY_VERSION" >&2
fi
# No telemetry, no update check: CI reaches only the package registry.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
exec "$TOOLS/node_modules/.bin/redocly" lint --config "$SRC/resources/openapi/redocly.yaml" --format=stylish "$SPEC"
