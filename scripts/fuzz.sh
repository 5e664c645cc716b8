#!/usr/bin/env bash
# make fuzz, and make test's "schemathesis" step: the whole API fuzzed against its own
# OpenAPI schema (/api/openapi.json) on a real gunicorn over a throwaway SQLite database
# holding the demo data, as three callers in turn: nobody, a worker and an org admin.
# Each gets an equal share of FUZZ_SECONDS; schemathesis runs its coverage, fuzzing and
# stateful phases (links inferred from the schema) until the share is spent.
# Fails on any 5xx, an answer outside its documented schema or content type, an error not
# in the API's {code, message, fields} shape, schema-breaking input accepted, or an
# operation that needs a login answering without one (scripts/schemathesis.toml).
# Each failure prints the curl that reproduces it; the server's tracebacks follow.
#
#   FUZZ_SECONDS  the whole budget in seconds, shared by the callers (default 210)
#   FUZZ_SEED     schemathesis' seed (default 20241205): a run's cases follow from it
#   FUZZ_CALLERS  which callers, by name (default "nobody worker admin")
#   FUZZ_DIR      where the database and logs go (default: a temporary folder, removed)
# Arguments go to every `st run`: scripts/fuzz.sh --include-path-regex '^/api/appeals'
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

FUZZ_SECONDS="${FUZZ_SECONDS:-210}"
FUZZ_SEED="${FUZZ_SEED:-20241205}"
FUZZ_CALLERS="${FUZZ_CALLERS:-nobody worker admin}"
[[ "$FUZZ_SECONDS" =~ ^[0-9]+$ ]] || die "FUZZ_SECONDS must be a number of seconds, not '$FUZZ_SECONDS'"
[[ "$FUZZ_SEED" =~ ^[0-9]+$ ]] || die "FUZZ_SEED must be a whole number, not '$FUZZ_SEED'"

# The demo logins (yunjishi/demo/people.py); fuzz_hooks.py makes their tokens.
declare -A PHONE=(
    [nobody]=""
    [worker]=13800002001 # 张志勇, a member of the riders' union in 南山区
    [admin]=13800001001  # 陈晓琳, the admin of 南山区总工会 and the unions under it
)
callers=()
for caller in $FUZZ_CALLERS; do
    [ -n "${PHONE[$caller]+set}" ] || die "FUZZ_CALLERS: unknown caller '$caller' (nobody, worker, admin)"
    callers+=("$caller")
done
[ "${#callers[@]}" -gt 0 ] || die "FUZZ_CALLERS names no caller"
share=$((FUZZ_SECONDS / ${#callers[@]}))
# Less, and a pass may end before it has tested anything (which schemathesis calls a pass).
[ "$share" -ge 30 ] || die "FUZZ_SECONDS=$FUZZ_SECONDS leaves under 30 s to each of: ${callers[*]}"
[ -x "$VENV/bin/st" ] || die "schemathesis is not installed: make fuzz (or pip install -e '.[test]')"

if [ -n "${FUZZ_DIR:-}" ]; then
    mkdir -p "$FUZZ_DIR"
    keep_dir=1
else
    FUZZ_DIR="$(mktemp -d /tmp/yunjishi-fuzz.XXXXXX)"
    keep_dir=0
fi
server_pid=""
stop() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    [ "$keep_dir" -eq 1 ] || rm -rf "$FUZZ_DIR"
}
trap stop EXIT
trap 'exit 130' INT TERM

# The server as production runs it (DEBUG off, gunicorn), on SQLite in FUZZ_DIR. Tasks run
# in the request, so a task that breaks on fuzzed data shows up as that request's 500.
unset DATABASE_URL REDIS_URL
export DATA_DIR="$FUZZ_DIR" DEBUG=0 SECURE_HTTPS=0 HUEY_IMMEDIATE=1
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend

say "fuzz: migrating a new database and loading the demo data into $FUZZ_DIR"
# Quiet unless it fails: the demo's notifications, delivered at once, log a line each.
# (Chained with &&: set -e does not stop a function that runs left of ||.)
setup() {
    "$PY" manage.py migrate --noinput -v 0 &&
        "$PY" manage.py seed_demo --no-logins &&
        "$PY" manage.py collectstatic --noinput -v 0
}
setup >"$FUZZ_DIR/setup.log" 2>&1 || { cat "$FUZZ_DIR/setup.log" >&2; die "fuzz: the setup failed"; }

port="$(free_port 8800)"
url="http://127.0.0.1:$port"
"$VENV/bin/gunicorn" yunjishi.wsgi:application \
    --bind "127.0.0.1:$port" \
    --workers 2 \
    --access-logfile "$FUZZ_DIR/access.log" \
    --error-logfile "$FUZZ_DIR/server.log" \
    --capture-output \
    --graceful-timeout 5 \
    --no-control-socket &
server_pid=$!
for _ in $(seq 60); do
    port_answers "$port" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$FUZZ_DIR/server.log" >&2; die "gunicorn did not start"; }
    sleep 0.5
done
port_answers "$port" || die "gunicorn did not answer on $url within 30 s"

failed=()
for caller in "${callers[@]}"; do
    say "fuzz: /api/ as ${caller}${PHONE[$caller]:+ (${PHONE[$caller]})}, ${share}s, seed $FUZZ_SEED"
    status=0
    env SCHEMATHESIS_HOOKS="$REPO/scripts/fuzz_hooks.py" FUZZ_PHONE="${PHONE[$caller]}" \
        "$VENV/bin/st" --config-file "$REPO/scripts/schemathesis.toml" run "$url/api/openapi.json" \
        --max-time "$share" --seed "$FUZZ_SEED" --wait-for-schema 30 "$@" || status=$?
    [ "$status" -eq 0 ] || failed+=("$caller")
done

if [ "${#failed[@]}" -gt 0 ]; then
    say "fuzz: the server's errors (from $FUZZ_DIR/server.log)"
    # Only the records logged as ERROR or CRITICAL, with their tracebacks (the lines that do
    # not start with a date); the 4xx are logged as warnings and expected.
    awk '/^\[?[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / {
             keep = ($0 ~ / (ERROR|CRITICAL) / || $0 ~ /\[(ERROR|CRITICAL)\]/)
         }
         keep' "$FUZZ_DIR/server.log" | tail -n 300 >&2 || true
    die "schemathesis found failures as: ${failed[*]} (rerun one: FUZZ_CALLERS=${failed[0]} bash scripts/fuzz.sh)"
fi
say "fuzz: no failures as ${callers[*]}"
