#!/usr/bin/env bash
# Builds the Debian package (issue 7): a Release build without tests and
# benchmarks in build-package/, then `cpack -G DEB`, all inside the build
# environment (installer/env.sh). Validates the desktop file and the AppStream
# metainfo, checks the package contents, and prints the .deb path and size.
#
# Usage: installer/package.sh [build-dir]       (default: build-package)
# Environment: ORGANIZER_JOBS   parallel compile jobs (default: nproc)
# Then: installer/test-install.sh installs it into a fresh Debian 13 root.
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$SRC/build-package}"
case "$BUILD" in /*) ;; *) BUILD="$PWD/$BUILD" ;; esac
JOBS="${ORGANIZER_JOBS:-$(nproc)}"

exec "$SRC/installer/env.sh" bash -c '
set -euo pipefail
src="$1"; build="$2"; jobs="$3"
say() { printf "[package] %s\n" "$*" >&2; }
die() { printf "[package] error: %s\n" "$*" >&2; exit 1; }
t0=$SECONDS

app_id=org.organizerconsole.OrganizerConsole
say "validating the desktop file and the AppStream metainfo"
desktop-file-validate "$src/installer/package/$app_id.desktop" || die "desktop-file-validate failed"
appstreamcli validate --no-net "$src/installer/package/$app_id.metainfo.xml" >&2 ||
    die "appstreamcli validate failed"
version="$(sed -n "s/^project([^)]*VERSION \([0-9.]*\).*/\1/p" "$src/CMakeLists.txt" | head -1)"
grep -q "<release version=\"$version\"" "$src/installer/package/$app_id.metainfo.xml" ||
    die "the metainfo has no <release version=\"$version\"> (project version)"

say "configuring and building (Release) in $build"
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DOC_BUILD_TESTS=OFF -DOC_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j"$jobs"
t1=$SECONDS

say "running cpack"
rm -f "$build"/organizer-console_*.deb "$build"/organizer-console_*.deb.sha256
(cd "$build" && cpack -G DEB) >"$build/cpack.log" 2>&1 || { cat "$build/cpack.log" >&2; die "cpack failed"; }
debs=("$build"/organizer-console_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || die "cpack made no single organizer-console_*.deb"
deb="${debs[0]}"

# Only what we mean to ship: the binaries and the desktop integration.
files="$(dpkg-deb -c "$deb" | awk "{print \$6}" | sed "s,^\./,/," | grep -v "/$")"
unexpected="$(printf "%s\n" "$files" |
    grep -vE "^/usr/bin/organizer-(console|hubsim)$|^/usr/share/applications/$app_id\.desktop$|^/usr/share/metainfo/$app_id\.metainfo\.xml$|^/usr/share/icons/hicolor/([0-9]+x[0-9]+/apps/$app_id\.png|scalable/apps/$app_id\.svg)$|^/usr/share/man/man1/organizer-(console|hubsim)\.1\.gz$|^/usr/share/doc/organizer-console/copyright$|^/usr/share/organizer-console/translations/organizer-console_[a-z]{2,3}(_[A-Z]{2})?\.qm$" || true)"
[ -z "$unexpected" ] || die "unexpected files in the package:
$unexpected"
for s in 16 32 48 64 128 256; do
    printf "%s\n" "$files" | grep -qx "/usr/share/icons/hicolor/${s}x${s}/apps/$app_id.png" ||
        die "the ${s}x${s} icon is missing (is librsvg2-bin installed?)"
done

# The console's catalogs (issue 16), loaded by TranslationLoader for the user's locale.
printf "%s\n" "$files" | grep -qx "/usr/share/organizer-console/translations/organizer-console_es.qm" ||
    die "the Spanish translation is missing (resources/translations, the install() rule beside it)"

printf "%s\n" "$files" | grep -qx "/usr/share/doc/organizer-console/copyright" ||
    die "the package has no /usr/share/doc/organizer-console/copyright (Debian policy 12.5)"

# The installed tree as a whole: desktop file, metainfo and icons agree.
tree="$(mktemp -d)"
trap "rm -rf \"$tree\"" EXIT
dpkg-deb -x "$deb" "$tree"
appstreamcli validate-tree --no-net "$tree" >&2 || die "appstreamcli validate-tree failed on the package contents"

dpkg-deb -f "$deb" Package Version Architecture Installed-Size Depends Recommends Suggests >&2
size=$(stat -c %s "$deb")
say "cpack took $((SECONDS - t1)) s, all $((SECONDS - t0)) s"
printf "%s\n" "$deb"
printf "size: %s bytes (%s), installed %s KiB\n" "$size" "$(numfmt --to=iec-i --suffix=B "$size")" \
    "$(dpkg-deb -f "$deb" Installed-Size)"
' bash "$SRC" "$BUILD" "$JOBS"
