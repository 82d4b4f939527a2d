#!/usr/bin/env bash
# Install test (issue 7): installs the built package into a FRESH Debian 13
# root with apt (separate from the build root), runs the console from it, and
# checks that removing the package leaves nothing behind.
#
#   1. a pristine `debootstrap --variant=minbase trixie` root, cached as a plain
#      tarball next to the build root and unpacked anew for every run;
#   2. inside it, in a private mount and PID namespace (nothing stays mounted or
#      running afterwards): apt-get install ./organizer-console_*.deb, with the
#      Recommends as apt does by default (PostgreSQL for the demo);
#   3. as an ordinary user: organizer-console --version, organizer-hubsim
#      --version, then QT_QPA_PLATFORM=offscreen organizer-console --demo
#      --screenshot and checks on the PNG (signature, size, dimensions) and on
#      the log (no missing QML module or plugin);
#   4. no process left running; apt-get purge + autoremove --purge; no file of
#      the package left, dpkg has forgotten it, and every package the install
#      pulled in is gone except those Debian keeps on purpose (PostgreSQL while
#      a cluster exists, Protected packages) and what they need.
#
# Runs on the host, as root (re-runs itself with sudo). Exit status 0 = pass.
# Usage: installer/test-install.sh [path/to/organizer-console_*.deb]
#        (default: the newest build-package/organizer-console_*.deb;
#         installer/package.sh makes it)
# Environment:
#   ORGANIZER_MIRROR                   Debian mirror (default http://deb.debian.org/debian)
#   ORGANIZER_INSTALL_TEST_NO_RECOMMENDS=1
#                                      install with --no-install-recommends plus
#                                      postgresql: proves the hard Depends suffice
#   ORGANIZER_INSTALL_TEST_KEEP=1      keep the test root afterwards (for debugging)
#   ORGANIZER_INSTALL_TEST_REFRESH=1   re-make the cached minbase tarball
# Artifacts (screenshot, console and apt logs) go to install-test/ next to the .deb.
set -euo pipefail

TEST_DIR=/opt/organizer-install-test   # inside the test root
APP_ID=org.organizerconsole.OrganizerConsole

say() { printf '[install-test] %s\n' "$*" >&2; }
die() { printf '[install-test] FAIL: %s\n' "$*" >&2; exit 1; }
warn() { printf '[install-test] WARNING: %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------
# Inside the test root (chroot, private namespaces), as root.
# ---------------------------------------------------------------------------
STEP_T0=0
step() { STEP_NAME="$1"; STEP_T0=$SECONDS; say "── $1"; }
step_done() { printf '%-34s %4d s\n' "$STEP_NAME" $((SECONDS - STEP_T0)) >>"$TEST_DIR/out/timings.txt"; }

# Every process in this PID namespace other than PID 1 (the namespace's init,
# outside the chroot) and this script. Zombies are not running; skip them.
stray_processes() {
    STRAYS=()
    local d pid state cmd
    for d in /proc/[0-9]*; do
        pid="${d#/proc/}"
        [ "$pid" = 1 ] || [ "$pid" = "$$" ] || [ "$pid" = "$BASHPID" ] && continue
        state="$(awk '/^State:/ {print $2}' "$d/status" 2>/dev/null)" || continue
        [ -n "$state" ] && [ "$state" != Z ] || continue
        cmd="$(tr '\0' ' ' <"$d/cmdline" 2>/dev/null)" || continue
        [ -n "$cmd" ] || continue  # gone meanwhile (or the awk/tr above)
        STRAYS+=("$pid $cmd")
    done
}

# Packages known to dpkg now (in any state but not-installed) that the fresh root had not.
packages_added() {
    dpkg-query -W -f '${Package} ${db:Status-Status}\n' | awk '$2 != "not-installed" {print $1}' | sort |
        comm -13 "$TEST_DIR/out/packages-before.txt" -
}

wait_no_strays() { # $1 = seconds
    local i
    for ((i = 0; i < $1 * 4; i++)); do
        stray_processes
        [ ${#STRAYS[@]} -eq 0 ] && return 0
        sleep 0.25
    done
    return 1
}

snapshot_fs() { # $1 = output file: every path on the root fs, minus volatile places
    find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /tmp -o -path /run \
        -o -path "$TEST_DIR" -o -path /var/cache/apt -o -path /var/lib/apt/lists \
        -o -path /var/lib/dpkg -o -path /var/log -o -path /home \) -prune -o -print | sort >"$1"
}

inside() {
    local deb="$TEST_DIR/$1" out="$TEST_DIR/out"
    export DEBIAN_FRONTEND=noninteractive
    # No fsync while unpacking: the root is thrown away, and it halves the time.
    local apt=(apt-get -y -q -o Dpkg::Use-Pty=0 -o APT::Color=0 -o Dpkg::Options::=--force-unsafe-io)

    step "apt-get update"
    "${apt[@]}" update >"$out/apt-update.log" 2>&1 || { tail -20 "$out/apt-update.log" >&2; die "apt-get update failed"; }
    step_done

    dpkg-query -W -f '${Package}\n' | sort >"$out/packages-before.txt"
    snapshot_fs "$out/files-before.txt"

    step "apt-get install ./$(basename "$deb")"
    local how=()
    if [ "${NO_RECOMMENDS:-0}" = 1 ]; then
        how=(--no-install-recommends "$deb" postgresql)
        say "installing without Recommends (plus postgresql for the demo)"
    else
        how=("$deb")
        say "installing with Recommends (apt's default)"
    fi
    "${apt[@]}" install "${how[@]}" >"$out/apt-install.log" 2>&1 ||
        { tail -30 "$out/apt-install.log" >&2; die "apt-get install of the package failed (log: $HOST_OUT/apt-install.log)"; }
    step_done
    [ "$(dpkg-query -W -f '${db:Status-Status}' organizer-console 2>/dev/null)" = installed ] ||
        die "organizer-console is not installed after apt-get install"
    local added
    added="$(dpkg-query -W -f '${Package}\n' | sort | comm -13 "$out/packages-before.txt" - | wc -l)"
    say "installed organizer-console $(dpkg-query -W -f '${Version}' organizer-console) and $((added - 1)) other packages"
    dpkg-query -L organizer-console | sort >"$out/package-files.txt"

    step "static checks"
    local f
    for f in /usr/bin/organizer-console /usr/bin/organizer-hubsim \
        "/usr/share/applications/$APP_ID.desktop" "/usr/share/metainfo/$APP_ID.metainfo.xml" \
        "/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg" "/usr/share/icons/hicolor/48x48/apps/$APP_ID.png" \
        /usr/share/man/man1/organizer-console.1.gz /usr/share/man/man1/organizer-hubsim.1.gz \
        /usr/share/organizer-console/translations/organizer-console_es.qm; do
        [ -s "$f" ] || die "$f is missing after the install"
    done
    local libs
    libs="$(ldd /usr/bin/organizer-console /usr/bin/organizer-hubsim)"
    if [[ "$libs" == *"not found"* ]]; then
        grep 'not found' <<<"$libs" >&2
        die "shared libraries are missing: the package's Depends are incomplete"
    fi
    [[ "$(zcat /usr/share/man/man1/organizer-console.1.gz)" == *$'\n'".TH ORGANIZER-CONSOLE 1"* ]] ||
        die "the man page is not a man page"
    ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || die "PostgreSQL (Recommends) was not installed"
    step_done

    # An ordinary user, as the campaign staff are; PostgreSQL refuses root anyway.
    useradd --create-home --shell /bin/bash organizer
    local uid
    uid="$(id -u organizer)"
    install -d -m 0700 -o organizer -g organizer "/run/user/$uid"
    as_user() {
        runuser -u organizer -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/organizer USER=organizer \
            LOGNAME=organizer LANG=C.UTF-8 XDG_RUNTIME_DIR="/run/user/$uid" "$@"
    }

    step "organizer-console --version"
    local v
    v="$(as_user QT_QPA_PLATFORM=offscreen organizer-console --version 2>"$out/version.err")" ||
        { cat "$out/version.err" >&2; die "organizer-console --version failed"; }
    [[ "$v" == "organizer-console "[0-9]* ]] || die "unexpected --version output: $v"
    say "$v"
    v="$(as_user organizer-hubsim --version 2>&1)" || die "organizer-hubsim --version failed: $v"
    [[ "$v" == "organizer-hubsim "[0-9]* ]] || die "unexpected organizer-hubsim --version output: $v"
    say "$v"
    # In Spanish from the installed catalog (issue 16); Qt reads LANG itself.
    v="$(as_user LANG=es_US.UTF-8 QT_QPA_PLATFORM=offscreen organizer-console --help 2>&1)" ||
        die "organizer-console --help under LANG=es_US.UTF-8 failed: $v"
    [[ "$v" == *"Consola de control para organizadores de campaña"* ]] ||
        die "organizer-console --help is not in Spanish under LANG=es_US.UTF-8: $v"
    # As run from a terminal without a display (ssh): reported, not fatal.
    if ! as_user organizer-console --version >/dev/null 2>"$out/version-nodisplay.err"; then
        warn "organizer-console --version fails without a display (QApplication is created before the options are parsed):"
        grep -m1 -E 'could not connect to display|Could not load' "$out/version-nodisplay.err" >&2 ||
            tail -1 "$out/version-nodisplay.err" >&2
    fi
    step_done

    step "console --demo --screenshot (offscreen)"
    local png=/tmp/x.png rc=0
    as_user QT_QPA_PLATFORM=offscreen timeout -k 10 180 \
        organizer-console --demo --screenshot "$png" >"$out/console.log" 2>&1 || rc=$?
    step_done
    [ "$rc" -eq 0 ] || { tail -30 "$out/console.log" >&2; die "the console exited with status $rc (124 = timed out; log: $HOST_OUT/console.log)"; }
    # What the package cannot see at build time: QML imports and run-time plugins.
    if grep -En 'module "[^"]+" is not installed|Could not load the Qt platform plugin|not supported by any plugin|provider is not supported|Cannot load library|failed to load component|QQmlApplicationEngine failed|Component is not ready' \
        "$out/console.log" >&2; then
        die "the console could not load a QML module or plugin: a Depends is missing (log: $HOST_OUT/console.log)"
    fi
    [ -f "$png" ] || die "no screenshot at $png"
    cp "$png" "$out/screenshot.png"
    local size sig w h
    size="$(stat -c %s "$png")"
    sig="$(od -An -tx1 -N8 "$png" | tr -d ' \n')"
    [ "$sig" = 89504e470d0a1a0a ] || die "the screenshot is not a PNG (signature $sig)"
    [ "$size" -gt 10240 ] || die "the screenshot is only $size bytes (blank?)"
    w=$((16#$(od -An -tx1 -j16 -N4 "$png" | tr -d ' \n')))
    h=$((16#$(od -An -tx1 -j20 -N4 "$png" | tr -d ' \n')))
    [ "$w" -ge 800 ] && [ "$w" -le 8192 ] && [ "$h" -ge 500 ] && [ "$h" -le 8192 ] ||
        die "the screenshot has odd dimensions ${w}x${h}"
    say "screenshot: ${w}x${h} PNG, $size bytes"

    step "no process left, temp files"
    if ! wait_no_strays 15; then
        printf '  %s\n' "${STRAYS[@]}" >&2
        die "processes are still running after the console exited"
    fi
    local left
    left="$(find /tmp -mindepth 1 -maxdepth 1 ! -path "$png" | head -5)"
    [ -z "$left" ] || warn "the demo left files in /tmp: ${left//$'\n'/ }"
    step_done

    step "apt-get purge + autoremove --purge"
    "${apt[@]}" purge organizer-console >"$out/apt-purge.log" 2>&1 ||
        { tail -20 "$out/apt-purge.log" >&2; die "apt-get purge failed"; }
    "${apt[@]}" autoremove --purge >>"$out/apt-purge.log" 2>&1 ||
        { tail -20 "$out/apt-purge.log" >&2; die "apt-get autoremove --purge failed"; }
    step_done

    local status
    status="$(dpkg-query -W -f '${db:Status-Status}' organizer-console 2>/dev/null || true)"
    [ -z "$status" ] || [ "$status" = not-installed ] || die "dpkg still knows organizer-console (status $status)"
    local leftovers=() p
    while IFS= read -r p; do
        [ -n "$p" ] && [ "$p" != /. ] || continue
        if [ -L "$p" ] || { [ -e "$p" ] && [ ! -d "$p" ]; }; then
            leftovers+=("$p")
        elif [ -d "$p" ] && ! dpkg-query -S "$p" >/dev/null 2>&1 && [ -n "$(ls -A "$p")" ]; then
            leftovers+=("$p/ ($(ls -A "$p" | head -3 | tr '\n' ' '))")
        fi
    done <"$out/package-files.txt"
    [ ${#leftovers[@]} -eq 0 ] || { printf '  %s\n' "${leftovers[@]}" >&2; die "files of the package remain after purge"; }
    say "none of the package's $(grep -c . "$out/package-files.txt") paths remain"
    # Debian keeps two kinds of packages from autoremove on purpose: the
    # PostgreSQL server packages while a cluster exists (postgresql-common sets
    # APT::NeverAutoRemove; installing the server made the default 17/main), and
    # packages marked Protected or Essential (systemd-sysv, which the server's
    # Recommends pulled in), with everything they depend on, recommend or suggest.
    # Anything else the install pulled in must be gone.
    local extra kept held unexplained
    extra="$(packages_added)"
    if [ -z "$extra" ]; then
        say "the package set is back to the fresh root's ($(grep -c . "$out/packages-before.txt") packages)"
    else
        # shellcheck disable=SC2086
        kept="$( { grep -E '^postgresql' <<<"$extra" || true
            dpkg-query -W -f '${Package} ${Protected} ${Essential}\n' $extra | awk '$2 == "yes" || $3 == "yes" {print $1}'; } |
            sort -u)"
        held="$(if [ -n "$kept" ]; then
            # shellcheck disable=SC2086
            # (installed Suggests count too: APT::AutoRemove::SuggestsImportant)
            apt-cache depends --recurse --installed --no-conflicts --no-breaks --no-replaces \
                --no-enhances $kept | sed -E 's/^ *(\|?[A-Za-z-]+: )?//; s/[<>]//g; s/:[a-z0-9]+$//' | sort -u
        fi)"
        unexplained="$(comm -23 <(printf '%s\n' "$extra") <(printf '%s\n' "$held"))"
        [ -z "$unexplained" ] ||
            die "packages pulled in by the install remain after autoremove: ${unexplained//$'\n'/ }"
        say "$(wc -w <<<"$extra") packages the install pulled in stay, all held by Debian's keep rules" \
            "(NeverAutoRemove or Protected): ${kept//$'\n'/ } and what they need (list: $HOST_OUT/packages-kept.txt)"
        printf '%s\n' "$extra" >"$out/packages-kept.txt"
    fi
    snapshot_fs "$out/files-after.txt"
    # Paths new since before the install that no installed package owns (our
    # package has no maintainer scripts; these come from the kept packages',
    # e.g. the alternatives of the PostgreSQL man pages). None may be ours.
    dpkg-query -W -f '${Package}\n' | xargs dpkg-query -L 2>/dev/null | sort -u >"$out/owned.txt"
    comm -13 "$out/files-before.txt" "$out/files-after.txt" | comm -23 - "$out/owned.txt" >"$out/files-new.txt"
    rm -f "$out/owned.txt"
    if grep -iE 'organizer|OrganizerConsole' "$out/files-new.txt" >&2; then
        die "paths of the console remain after purge"
    fi
    if [ -s "$out/files-new.txt" ]; then
        say "$(grep -c . "$out/files-new.txt") new paths owned by no package, none of ours, e.g.:" \
            "$(head -3 "$out/files-new.txt" | tr '\n' ' ')(list: $HOST_OUT/files-new.txt)"
    fi
    say "user data kept in the home directory, as Debian does: $(cd /home/organizer && find . -type f | sed 's,^\./,,' | tr '\n' ' ')"
    stray_processes
    [ ${#STRAYS[@]} -eq 0 ] || { printf '  %s\n' "${STRAYS[@]}" >&2; die "processes running after the purge"; }

    say "inside: all checks passed"
}

if [ "${1:-}" = --inside ]; then
    inside "$2"
    exit 0
fi

# ---------------------------------------------------------------------------
# On the host.
# ---------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || exec sudo -E "$0" "$@"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/.." && pwd)"
CACHE="$(dirname "${ORGANIZER_BUILDROOT:-/var/cache/organizer-console/trixie}")"
MIRROR="${ORGANIZER_MIRROR:-http://deb.debian.org/debian}"
TARBALL="$CACHE/trixie-minbase.tar"
APT_ARCHIVES="$CACHE/install-test-apt-archives"
T_START=$SECONDS

DEB="${1:-}"
if [ -z "$DEB" ]; then
    DEB="$(ls -t "$SRC"/build-package/organizer-console_*.deb 2>/dev/null | head -1 || true)"
    [ -n "$DEB" ] || die "no build-package/organizer-console_*.deb: run installer/package.sh first"
fi
[ -f "$DEB" ] || die "no such package: $DEB"
DEB="$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")"
OUT="$(dirname "$DEB")/install-test"
rm -rf "$OUT"
mkdir -p "$OUT" "$CACHE" "$APT_ARCHIVES/partial"
say "package: $DEB ($(stat -c %s "$DEB") bytes)"

# 1. The pristine minbase root, made once and cached as a tarball.
t0=$SECONDS
exec 8>"$TARBALL.lock"
flock 8
if [ "${ORGANIZER_INSTALL_TEST_REFRESH:-0}" = 1 ] || [ ! -s "$TARBALL" ] ||
    [ -n "$(find "$TARBALL" -mtime +30 2>/dev/null)" ]; then
    command -v debootstrap >/dev/null 2>&1 || {
        say "installing debootstrap on the host"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
    }
    [ -e /usr/share/debootstrap/scripts/trixie ] || ln -s sid /usr/share/debootstrap/scripts/trixie
    say "making a pristine Debian 13 minbase root (about a minute, once)"
    rm -rf "$TARBALL.partial.d"
    debootstrap --variant=minbase trixie "$TARBALL.partial.d" "$MIRROR" >"$TARBALL.debootstrap.log" 2>&1 ||
        { tail -20 "$TARBALL.debootstrap.log" >&2; die "debootstrap failed (log: $TARBALL.debootstrap.log)"; }
    tar --numeric-owner -C "$TARBALL.partial.d" -cf "$TARBALL.partial" .
    mv "$TARBALL.partial" "$TARBALL"
    rm -rf "$TARBALL.partial.d"
fi
flock -s 8  # others may unpack it too, nobody re-makes it meanwhile
ROOT="$(mktemp -d "$CACHE/install-test.XXXXXX")"
cleanup() {
    local rc=$?
    # Mounts live only in the private namespace; make sure before deleting.
    if grep -q " $ROOT/" /proc/self/mounts; then
        warn "something is still mounted under $ROOT; not deleting it"
    elif [ "${ORGANIZER_INSTALL_TEST_KEEP:-0}" = 1 ]; then
        say "kept the test root: $ROOT"
    else
        rm -rf "$ROOT"
    fi
    exit $rc
}
trap cleanup EXIT
tar --numeric-owner -xpf "$TARBALL" -C "$ROOT"
flock -u 8
t_root=$((SECONDS - t0))
say "fresh root $ROOT unpacked in $t_root s"

# 2. Test setup: no daemons during installs, the package and this script.
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
install -d -m 0755 "$ROOT$TEST_DIR" "$ROOT$TEST_DIR/out"
install -m 0644 "$DEB" "$ROOT$TEST_DIR/"
install -m 0755 "$0" "$ROOT$TEST_DIR/test-install.sh"

# 3. Everything else inside: private mount + PID namespace (whatever is left
#    running dies with it, nothing stays mounted), chroot.
rc=0
ROOT="$ROOT" HOST_OUT="$OUT" TEST_DIR="$TEST_DIR" APT_ARCHIVES="$APT_ARCHIVES" DEBNAME="$(basename "$DEB")" \
NO_RECOMMENDS="${ORGANIZER_INSTALL_TEST_NO_RECOMMENDS:-0}" \
    unshare --mount --pid --fork --propagation private bash -euc '
    mount --rbind /dev "$ROOT/dev"
    mount -t proc proc "$ROOT/proc"
    mount -t sysfs -o ro sysfs "$ROOT/sys" 2>/dev/null || true
    mount -t tmpfs -o mode=1777,size=1g tmpfs "$ROOT/tmp"
    mount --bind "$APT_ARCHIVES" "$ROOT/var/cache/apt/archives"
    mount --bind "$HOST_OUT" "$ROOT$TEST_DIR/out"
    chroot "$ROOT" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TERM=dumb NO_RECOMMENDS="$NO_RECOMMENDS" HOST_OUT="$HOST_OUT" \
        bash "$TEST_DIR/test-install.sh" --inside "$DEBNAME"
' || rc=$?

echo >&2
say "timings:"
printf '  %-34s %4d s\n' "unpack the fresh root" "$t_root" >&2
[ -f "$OUT/timings.txt" ] && sed 's/^/  /' "$OUT/timings.txt" >&2
printf '  %-34s %4d s\n' "total" $((SECONDS - T_START)) >&2
size="$(stat -c %s "$DEB")"
say "package: $(basename "$DEB"), $size bytes ($(numfmt --to=iec-i --suffix=B "$size")), installed size $(dpkg-deb -f "$DEB" Installed-Size) KiB"
say "artifacts: $OUT"
[ "$rc" -eq 0 ] || die "the install test failed (status $rc); logs in $OUT"
say "PASS"
