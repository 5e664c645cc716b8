#!/usr/bin/env bash
# make run: a local demo served the way production is (gunicorn + whitenoise, DEBUG off)
# over plain http on 127.0.0.1. Data lives in var/ (SQLite, Huey queue, secret key).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export DEBUG=0 SECURE_HTTPS=0
# No SMTP server named: e-mails go to files in DATA_DIR/mail instead of failing and retrying.
if [ -z "${EMAIL_HOST:-}" ] && [ -z "${EMAIL_BACKEND:-}" ]; then
    export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
fi
# SECRET_KEY: unless set, settings generate one once into DATA_DIR (var/secret_key).

if command -v msgfmt >/dev/null; then
    say "compiling message catalogs"
    "$PY" manage.py compilemessages --ignore .venv --ignore var -v 0
fi  # else: the compiled .mo files in the repository are used as they are

say "migrating the database"
"$PY" manage.py migrate --noinput -v 0

logins=""
if "$PY" manage.py help seed_demo >/dev/null 2>&1; then
    say "loading demo data"
    logins="$("$PY" manage.py seed_demo)"
else
    say "warning: no seed_demo command yet; serving without demo data"
fi

say "collecting static files"
"$PY" manage.py collectstatic --noinput -v 0

say "starting the Huey consumer (notifications, background work)"
"$PY" manage.py run_huey &
huey_pid=$!
stop_huey() {
    kill "$huey_pid" 2>/dev/null || return 0  # already gone
    wait "$huey_pid" 2>/dev/null || true
}
trap stop_huey EXIT
trap 'exit 130' INT TERM

[ -n "$logins" ] && printf '\n%s\n' "$logins"
printf '\n  Yunjishi is served on http://%s:%s/  (Ctrl-C stops it)\n' "$HOST" "$PORT"
[ "${EMAIL_BACKEND:-}" = django.core.mail.backends.filebased.EmailBackend ] &&
    printf '  E-mails are written to %s/mail (set EMAIL_HOST to send them)\n' "${DATA_DIR:-var}"
printf '\n' 

# gunicorn.conf.py: the access log masks phone and ID numbers in paths and query strings.
"$VENV/bin/gunicorn" yunjishi.wsgi:application \
    --config gunicorn.conf.py \
    --bind "$HOST:$PORT" \
    --workers "${WEB_CONCURRENCY:-3}" \
    --access-logfile - \
    --graceful-timeout 5 \
    --no-control-socket
