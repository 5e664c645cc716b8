#!/usr/bin/env bash
# make messages: update every zh_Hans catalog from the code, then compile them.
# Each app's strings go to yunjishi/<app>/locale; the rest (settings, project templates)
# to yunjishi/locale. Translate the new entries, then run it again to compile.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

# Django walks the current directory; hidden folders (.venv) are ignored by default and
# STATIC_ROOT by setting, var/ holds nothing else to scan.
"$PY" manage.py makemessages -l zh_Hans --no-obsolete --add-location file --ignore var
"$PY" manage.py compilemessages --ignore .venv --ignore var
