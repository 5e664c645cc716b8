#!/usr/bin/env bash
# Print a DATABASE_URL for a PostgreSQL server the tests may use, starting one if needed:
#   1. $DATABASE_URL, when set;
#   2. else a server answering on 127.0.0.1:5432 as user postgres without a password;
#   3. else a private cluster in var/pg on a free port from 54329, initialised (and, as
#      root, Debian's postgresql installed) on first use.
# `ensure_postgres.sh stop` stops the private cluster if it runs.
# Progress goes to stderr; stdout carries only the URL.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT_FROM="${YUNJISHI_PG_PORT:-54329}"
# The private cluster's home: var/pg, or under /tmp when the postgres user cannot reach
# var/ (a clone inside root's home directory, say).
DATA_DIRS=("$REPO/var/pg" "/tmp/yunjishi-pg-$(id -u)")

pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

# Run a command as the cluster's owner: postgres when we are root (initdb refuses root).
as_owner() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

running_cluster() {
    local bin dir
    bin="$(pg_bin)" || return 1
    for dir in "${DATA_DIRS[@]}"; do
        if [ -f "$dir/PG_VERSION" ] && as_owner "$bin/pg_ctl" status -D "$dir" >/dev/null 2>&1; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

stop() {
    local dir
    if dir="$(running_cluster)"; then
        say "stopping the private PostgreSQL in $dir"
        as_owner "$(pg_bin)/pg_ctl" stop -D "$dir" -m fast >&2
    fi
}

answers_as_postgres() {  # $1: port
    "$PY" - "$1" <<'PY' 2>/dev/null
import sys
import psycopg
psycopg.connect(f"postgresql://postgres@127.0.0.1:{sys.argv[1]}/postgres", connect_timeout=3).close()
PY
}

start_private() {
    local bin dir port
    bin="$(pg_bin)" || { apt_install postgresql; bin="$(pg_bin)"; } \
        || die "no PostgreSQL server binaries found"
    if dir="$(running_cluster)"; then
        port="$(cat "$dir/yunjishi-port")"
    else
        dir=""
        for candidate in "${DATA_DIRS[@]}"; do
            mkdir -p "$candidate"
            if is_root; then chown postgres: "$candidate"; chmod 700 "$candidate"; fi
            if as_owner test -w "$candidate"; then dir="$candidate"; break; fi
        done
        [ -n "$dir" ] || die "no directory for a private PostgreSQL cluster"
        if [ ! -f "$dir/PG_VERSION" ]; then
            say "initdb $dir"
            as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --no-locale \
                --no-sync >&2
        fi
        port="$(free_port "$PORT_FROM")"
        as_owner sh -c "echo $port > '$dir/yunjishi-port'"
        say "starting a private PostgreSQL on 127.0.0.1:$port ($dir)"
        # A throw-away test server: durability settings off for speed.
        as_owner "$bin/pg_ctl" start -D "$dir" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            >&2 || { cat "$dir/server.log" >&2; die "PostgreSQL did not start"; }
    fi
    answers_as_postgres "$port" || die "the private PostgreSQL on port $port does not answer"
    echo "postgres://postgres@127.0.0.1:$port/yunjishi"
}

case "${1:-}" in
    stop) stop; exit 0 ;;
    "") ;;
    *) die "usage: $0 [stop]" ;;
esac

if [ -n "${DATABASE_URL:-}" ]; then
    say "PostgreSQL: DATABASE_URL from the environment"
    echo "$DATABASE_URL"
elif answers_as_postgres 5432; then
    say "PostgreSQL: the server on 127.0.0.1:5432"
    echo "postgres://postgres@127.0.0.1:5432/yunjishi"
else
    start_private
fi
