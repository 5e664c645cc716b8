#!/usr/bin/env bash
# make bench [AREA=orgs]: run every bench/<area>.py, or only bench/$AREA.py.
# Each prints lines "<area>.<figure>: <number> <unit>"; see bench/README.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

if [ -n "${1:-}" ]; then
    scripts=("bench/$1.py")
    [ -f "${scripts[0]}" ] || die "no benchmark bench/$1.py"
else
    scripts=()
    for script in bench/*.py; do
        case "$(basename "$script")" in _*) continue ;; esac
        scripts+=("$script")
    done
    [ "${#scripts[@]}" -gt 0 ] || die "no benchmarks under bench/"
fi

status=0
for script in "${scripts[@]}"; do
    say "$script"
    "$PY" "$script" || { echo "$script failed" >&2; status=1; }
done
exit "$status"
