#!/usr/bin/env bash
# Validates the desktop entry (desktop-file-validate, desktop-file-utils) and
# the AppStream metainfo (appstreamcli validate, appstream; --no-net: CI
# reaches no web site) inside the build environment (installer/env.sh installs
# both packages, installer/packages-trixie.txt). CI runs it from
# installer/run-tests.sh, so a broken file fails there and not only when
# installer/package.sh builds the .deb.
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${ORGANIZER_IN_BUILDROOT:-}" != 1 ] && [ -z "${OC_VALIDATE_DESKTOP_INNER:-}" ]; then
    exec env OC_VALIDATE_DESKTOP_INNER=1 "$SRC/installer/env.sh" "$SRC/installer/validate-desktop.sh" "$@"
fi
app_id=org.organizerconsole.OrganizerConsole
desktop-file-validate "$SRC/installer/package/$app_id.desktop"
appstreamcli validate --no-net "$SRC/installer/package/$app_id.metainfo.xml"
echo "[validate-desktop] $app_id.desktop and $app_id.metainfo.xml are valid"
