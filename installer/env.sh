#!/usr/bin/env bash
# Runs a command in an environment that has Qt >= 6.8 with QtLocation, QtCharts,
# libpq, spdlog and PostgreSQL 17:
#   - natively, when the host is Debian 13+ / Ubuntu 25.04+ (missing packages
#     are installed with apt);
#   - otherwise inside a Debian 13 "trixie" build root made with debootstrap,
#     entered in a private mount namespace so nothing stays mounted afterwards.
#
# Usage: installer/env.sh COMMAND [ARGS...]
# Environment:
#   ORGANIZER_BUILDROOT   where the build root lives
#                         (default /var/cache/organizer-console/trixie)
#   ORGANIZER_MIRROR      Debian mirror (default http://deb.debian.org/debian)
#   ORGANIZER_NATIVE=1|0  force native (1) or build root (0)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/.." && pwd)"
ROOT="${ORGANIZER_BUILDROOT:-/var/cache/organizer-console/trixie}"
MIRROR="${ORGANIZER_MIRROR:-http://deb.debian.org/debian}"
PKGFILE="$HERE/packages-trixie.txt"
mapfile -t PKGS < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PKGFILE")

log() { printf '[env] %s\n' "$*" >&2; }
die() { printf '[env] error: %s\n' "$*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: $0 COMMAND [ARGS...]"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Whether the host's own distribution ships Qt >= 6.8 (the minimum CMakeLists.txt
# asks for) with QtLocation.
host_is_new_enough() {
    case "${ORGANIZER_NATIVE:-}" in 1) return 0 ;; 0) return 1 ;; esac
    command -v apt-cache >/dev/null 2>&1 || return 1
    local v
    v="$(apt-cache policy qt6-location-dev 2>/dev/null | awk '/Candidate:/ {print $2}')"
    [ -n "$v" ] && [ "$v" != "(none)" ] || return 1
    dpkg --compare-versions "$v" ge 6.8
}

missing_pkgs() { # $1 = dpkg admin root prefix ("" for host)
    local prefix="$1" p
    for p in "${PKGS[@]}"; do
        if ! dpkg-query --admindir="$prefix/var/lib/dpkg" -W -f '${Status}\n' "$p" 2>/dev/null |
            grep -q '^install ok installed$'; then
            printf '%s\n' "$p"
        fi
    done
}

run_native() {
    mapfile -t miss < <(missing_pkgs "")
    if [ ${#miss[@]} -gt 0 ]; then
        log "installing ${#miss[@]} missing packages: ${miss[*]}"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${miss[@]}"
    fi
    exec "$@"
}

# Enter the build root: private mount namespace, bind mounts, chroot.
# The checkout is mounted at the same path so build trees and error messages
# carry paths that also make sense outside.
enter_root() {
    local cwd="$PWD"
    [ "$(id -u)" -eq 0 ] || exec sudo -E "$0" "$@"
    local inner
    inner="$(printf '%q ' "$@")"
    ROOT="$ROOT" SRC="$SRC" CWD="$cwd" INNER="$inner" \
        unshare -m --propagation private bash -euc '
        mount --rbind /dev "$ROOT/dev"
        mount -t proc proc "$ROOT/proc"
        mount -t sysfs -o ro sysfs "$ROOT/sys" 2>/dev/null || true
        mount --bind /tmp "$ROOT/tmp"
        mkdir -p "$ROOT$SRC"
        mount --bind "$SRC" "$ROOT$SRC"
        cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
        # The host may trust a local proxy CA (npm for the benchmark baseline).
        if [ -f /etc/ssl/certs/ca-certificates.crt ] && [ -d "$ROOT/etc/ssl/certs" ]; then
            cp -L /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt" 2>/dev/null || true
        fi
        exec chroot "$ROOT" /usr/bin/env -i \
            PATH=/usr/lib/ccache:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
            DISPLAY="${DISPLAY:-}" WAYLAND_DISPLAY="${WAYLAND_DISPLAY:-}" \
            XAUTHORITY="${XAUTHORITY:-}" QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-}" \
            CCACHE_DIR=/var/cache/ccache CCACHE_BASEDIR="$(dirname "$SRC")" CCACHE_NOHASHDIR=1 \
            ORGANIZER_IN_BUILDROOT=1 \
            ORGANIZER_HUB_URL="${ORGANIZER_HUB_URL:-}" ORGANIZER_HUB_TOKEN="${ORGANIZER_HUB_TOKEN:-}" \
            CTEST_PARALLEL_LEVEL="${CTEST_PARALLEL_LEVEL:-}" \
            OC_LOG_LEVEL="${OC_LOG_LEVEL:-}" SPDLOG_LEVEL="${SPDLOG_LEVEL:-}" \
            bash -c "cd \"$CWD\" && exec $INNER"
    '
}

root_ready() {
    [ -e "$ROOT/.organizer-bootstrapped" ] && [ -z "$(missing_pkgs "$ROOT")" ]
}

ensure_root() {
    [ "$(id -u)" -eq 0 ] || exec sudo -E "$0" "$@"
    # Fast path without any lock: a long-running command (a demo, a test
    # server) must never make the next command wait.
    root_ready && return 0
    mkdir -p "$(dirname "$ROOT")"
    exec 9>"$ROOT.lock"
    flock 9   # exclusive while creating or installing; concurrent setups wait here
    if [ ! -e "$ROOT/.organizer-bootstrapped" ]; then
        command -v debootstrap >/dev/null 2>&1 || {
            log "installing debootstrap on the host"
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
        }
        [ -e /usr/share/debootstrap/scripts/trixie ] || ln -s sid /usr/share/debootstrap/scripts/trixie
        log "creating Debian 13 build root in $ROOT (about 30 s)"
        rm -rf "$ROOT.partial"
        local t0=$SECONDS
        debootstrap --variant=minbase trixie "$ROOT.partial" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 ||
            { tail -20 "$ROOT.debootstrap.log" >&2; die "debootstrap failed (log: $ROOT.debootstrap.log)"; }
        # Daemons must not start inside the chroot during package installs.
        printf '#!/bin/sh\nexit 101\n' >"$ROOT.partial/usr/sbin/policy-rc.d"
        chmod +x "$ROOT.partial/usr/sbin/policy-rc.d"
        printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
            >"$ROOT.partial/etc/apt/apt.conf.d/90organizer"
        touch "$ROOT.partial/.organizer-bootstrapped"
        rm -rf "$ROOT"
        mv "$ROOT.partial" "$ROOT"
        log "debootstrap took $((SECONDS - t0)) s"
    fi
    mapfile -t miss < <(missing_pkgs "$ROOT")
    if [ ${#miss[@]} -gt 0 ]; then
        log "installing ${#miss[@]} packages into the build root (about 60 s)"
        local t0=$SECONDS
        enter_root bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Use-Pty=0 $(printf '%q ' "${miss[@]}") >/var/log/organizer-apt.log 2>&1 || { tail -30 /var/log/organizer-apt.log; exit 1; }"
        log "packages took $((SECONDS - t0)) s"
    fi
    # Release the lock before running anything: servers the command starts
    # would otherwise inherit it and hold it for as long as they live.
    exec 9>&-
}

if [ "${ORGANIZER_IN_BUILDROOT:-}" = 1 ]; then
    exec "$@"
elif host_is_new_enough; then
    run_native "$@"
else
    ensure_root "$@"
    enter_root "$@"
fi
