#!/bin/sh
# Runs a command with an unlocked GNOME Keyring as the Secret Service of the
# current D-Bus session; meant to run under `dbus-run-session --`, so the
# session bus, the keyring and its files are private to this run.
#   dbus-run-session -- tests/secrets/with-keyring.sh COMMAND [ARGS...]
set -eu
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || { echo "with-keyring.sh: no session bus (use dbus-run-session)" >&2; exit 2; }
home=$(mktemp -d)
kpid=
cleanup() {
    [ -z "$kpid" ] || { kill "$kpid" 2>/dev/null || true; wait "$kpid" 2>/dev/null || true; }
    rm -rf "$home"
}
trap cleanup EXIT
# The keyring files go to a throw-away home, never the user's.
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
    XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# --unlock reads the login keyring's password on stdin (creating the keyring);
# the test waits until org.freedesktop.secrets has an owner.
printf '%s' "keyring-test-$$" | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$home/keyring.log" 2>&1 &
kpid=$!
set +e
"$@"
rc=$?
[ "$rc" -eq 0 ] || { echo "--- gnome-keyring-daemon output:" >&2; cat "$home/keyring.log" >&2; }
exit "$rc"
