#!/usr/bin/env bash
# Print a Redis URL for the Huey-on-Redis tests, starting a server if needed:
#   1. $REDIS_TEST_URL, when set;
#   2. else the server on 127.0.0.1:6379 (database 15, which the tests may flush);
#   3. else a private redis-server (installed from Debian's packages as root when missing)
#      on a free port from 63790, keeping nothing on disk.
# `ensure_redis.sh stop` stops the private server if it runs.
# Progress goes to stderr; stdout carries only the URL.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT_FROM="${YUNJISHI_REDIS_PORT:-63790}"
DIR="$REPO/var/redis"

pings() {  # $1: port. Redis answers +PONG to an inline PING.
    python3 - "$1" <<'PY'
import socket, sys
try:
    with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2) as s:
        s.sendall(b"PING\r\n")
        sys.exit(0 if s.recv(64).startswith(b"+PONG") else 1)
except OSError:
    sys.exit(1)
PY
}

private_port() {  # the port of our private server, if it runs
    [ -f "$DIR/redis.pid" ] && kill -0 "$(cat "$DIR/redis.pid")" 2>/dev/null \
        && [ -f "$DIR/port" ] && cat "$DIR/port"
}

stop() {
    if private_port >/dev/null; then
        say "stopping the private Redis"
        kill "$(cat "$DIR/redis.pid")"
    fi
}

start_private() {
    local port
    if port="$(private_port)" && pings "$port"; then
        echo "redis://127.0.0.1:$port/15"
        return
    fi
    command -v redis-server >/dev/null || apt_install redis-server
    # The package may have started its own server on 6379.
    if pings 6379; then
        echo "redis://127.0.0.1:6379/15"
        return
    fi
    mkdir -p "$DIR"
    port="$(free_port "$PORT_FROM")"
    echo "$port" > "$DIR/port"
    say "starting a private Redis on 127.0.0.1:$port"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
        --dir "$DIR" --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" >&2
    for _ in $(seq 50); do
        pings "$port" && { echo "redis://127.0.0.1:$port/15"; return; }
        sleep 0.1
    done
    die "the private Redis on port $port does not answer (see $DIR/redis.log)"
}

case "${1:-}" in
    stop) stop; exit 0 ;;
    "") ;;
    *) die "usage: $0 [stop]" ;;
esac

if [ -n "${REDIS_TEST_URL:-}" ]; then
    say "Redis: REDIS_TEST_URL from the environment"
    echo "$REDIS_TEST_URL"
elif pings 6379; then
    say "Redis: the server on 127.0.0.1:6379"
    echo "redis://127.0.0.1:6379/15"
else
    start_private
fi
