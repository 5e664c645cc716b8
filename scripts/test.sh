#!/usr/bin/env bash
# make test: lint, migrations check, message catalogs, then the whole suite on SQLite and
# again on PostgreSQL (with a real Redis for the Huey-on-Redis tests), then the API fuzzed.
# Every step runs even after one fails; the summary at the end lists them all.
# Arguments are passed to both pytest runs (scripts/test.sh -k scope).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

summary=()
failed=0
step() {  # step NAME COMMAND...: run, time and record one step
    local name="$1" start=$SECONDS status=0
    shift
    say "$name"
    ("$@") || status=$?
    local took=$((SECONDS - start))
    if [ "$status" -eq 0 ]; then
        summary+=("$(printf 'ok    %4ss  %s' "$took" "$name")")
    else
        summary+=("$(printf 'FAIL  %4ss  %s (exit %s)' "$took" "$name" "$status")")
        failed=1
    fi
}

# --- What the tests need from the machine ---------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# A Chinese font, so that screenshots of the pages show text rather than boxes.
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
for tool in msgfmt msgmerge xgettext msgattrib; do
    command -v "$tool" >/dev/null || { missing+=(gettext); break; }
done
if [ "${#missing[@]}" -gt 0 ]; then
    if is_root; then
        step "install Debian packages: ${missing[*]}" apt_install "${missing[@]}"
    else
        say "warning: missing ${missing[*]} (not root, so not installing them)"
    fi
fi

# Each run gets its own data directory: no shared SQLite files with a dev server or with
# another test run in the same tree.
DATA_ROOT="$(mktemp -d /tmp/yunjishi-test.XXXXXX)"
PG_URL=""
REDIS_URL_FOR_TESTS=""
cleanup() {
    rm -rf "$DATA_ROOT"
    bash scripts/ensure_postgres.sh stop || true
    bash scripts/ensure_redis.sh stop || true
}
trap cleanup EXIT
unset REDIS_URL  # the app's own queue stays on SQLite; only the Redis tests use Redis
ORIGINAL_DATABASE_URL="${DATABASE_URL:-}"
unset DATABASE_URL
export DATA_DIR="$DATA_ROOT/checks"

# --- Static checks --------------------------------------------------------------------
step "ruff check" "$VENV/bin/ruff" check .
step "ruff format --check" "$VENV/bin/ruff" format --check .
# The import contracts in pyproject.toml: layers point down, domain apps stay apart.
step "lint-imports" "$VENV/bin/lint-imports" --no-cache
# Types of the shared layers and of every app's services ([tool.mypy] in pyproject.toml).
step "mypy" "$VENV/bin/mypy"
step "makemigrations --check" "$PY" manage.py makemigrations --check --dry-run
if command -v msgfmt >/dev/null; then
    step "compilemessages" "$PY" manage.py compilemessages --ignore .venv --ignore var -v 0
fi
step "message catalogs complete" bash scripts/check_catalog.sh

# --- Services -------------------------------------------------------------------------
# Run outside `step`, whose subshell would lose the URLs; a failure shows in the summary.
start=$SECONDS
if REDIS_URL_FOR_TESTS="$(bash scripts/ensure_redis.sh)"; then
    summary+=("$(printf 'ok    %4ss  Redis at %s' $((SECONDS - start)) "${REDIS_URL_FOR_TESTS#*//}")")
else
    summary+=("FAIL        no Redis for the Huey-on-Redis tests")
    failed=1
fi
start=$SECONDS
if PG_URL="$(DATABASE_URL="$ORIGINAL_DATABASE_URL" bash scripts/ensure_postgres.sh)"; then
    summary+=("$(printf 'ok    %4ss  PostgreSQL at %s' $((SECONDS - start)) "${PG_URL#*@}")")
else
    PG_URL=""
    summary+=("FAIL        no PostgreSQL server")
    failed=1
fi

# --- The suite, twice -----------------------------------------------------------------
# pytest's exit code 5 (no tests collected) fails the step like any other non-zero code.
run_pytest() {  # run_pytest DATA_DIR [DATABASE_URL]
    local data_dir="$1" db_url="${2:-}"
    shift 2
    env DATA_DIR="$data_dir" REDIS_TEST_URL="$REDIS_URL_FOR_TESTS" \
        ${db_url:+DATABASE_URL="$db_url"} \
        "$VENV/bin/pytest" -q -ra "$@"
}
step "pytest on SQLite" run_pytest "$DATA_ROOT/sqlite" "" "$@"
if [ -n "$PG_URL" ]; then
    step "pytest on PostgreSQL" run_pytest "$DATA_ROOT/pg" "$PG_URL" "$@"
fi

# --- The API fuzzed ---------------------------------------------------------------------
# schemathesis against a real gunicorn with the demo data, as nobody, a worker and an org
# admin, within FUZZ_SECONDS (scripts/fuzz.sh).
if [ "${FUZZ_SECONDS:-}" = 0 ]; then
    summary+=("skip        schemathesis (FUZZ_SECONDS=0)")
else
    step "schemathesis" env FUZZ_DIR="$DATA_ROOT/fuzz" bash scripts/fuzz.sh
fi

say "summary"
printf '%s\n' "${summary[@]}" >&2
if [ "$failed" -ne 0 ]; then
    echo "make test: FAILED" >&2
    exit 1
fi
echo "make test: all passed" >&2
