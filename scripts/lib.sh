# shellcheck shell=bash disable=SC2034
# Helpers shared by the scripts in this folder; source it, do not run it.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv"
PY="$VENV/bin/python"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# True if something accepts TCP connections on 127.0.0.1:$1.
port_answers() {
    python3 - "$1" <<'PY'
import socket, sys
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
except OSError:
    sys.exit(1)
PY
}

# The first port from $1 upwards that nothing listens on.
free_port() {
    local port="$1"
    while port_answers "$port"; do port=$((port + 1)); done
    echo "$port"
}

# apt_install PKG...: install Debian packages (root only). Runs apt-get update first,
# unless the package lists were refreshed in the last hour (by an earlier script).
apt_install() {
    is_root || die "need Debian packages $* but not running as root; install them first"
    command -v apt-get >/dev/null || die "need packages $* and there is no apt-get here"
    if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -60 2>/dev/null)" ]; then
        say "apt-get update"
        apt-get update -qq >&2
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}
