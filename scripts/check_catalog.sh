#!/usr/bin/env bash
# Fail if a zh_Hans message catalog misses a translation.
#
# Runs `makemessages` on a copy of the tree (so the real catalogs stay untouched), then
# looks at every catalog (yunjishi/locale and each yunjishi/<app>/locale) for entries that
# are untranslated or fuzzy, and lists them. A string added to the code but not to its
# catalog shows up here as untranslated.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

LOCALE=zh_Hans
for tool in xgettext msgmerge msguniq msgattrib; do
    command -v "$tool" >/dev/null || die "$tool not found: install gettext"
done

work="$(mktemp -d /tmp/yunjishi-catalog.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp -a yunjishi manage.py "$work/"
find "$work" -name __pycache__ -prune -exec rm -rf {} +

(
    cd "$work"
    # A private DATA_DIR: settings create it and a secret key in it.
    env -u DATABASE_URL DATA_DIR="$work/var" "$PY" manage.py makemessages \
        -l "$LOCALE" --no-obsolete -v 0
)

# Print "msgctxt|msgid" of each entry in a PO stream, except the header (the entry whose
# msgid is "" with no continuation lines and no context).
entries() {
    awk 'BEGIN { RS = ""; FS = "\n" }
    {
        ctx = ""; id = ""; in_id = 0; in_ctx = 0; header = 0
        for (i = 1; i <= NF; i++) {
            line = $i
            if (line ~ /^#/) continue
            if (line ~ /^msgctxt /) { in_ctx = 1; in_id = 0; ctx = substr(line, 9); continue }
            if (line ~ /^msgid /) { in_id = 1; in_ctx = 0; id = substr(line, 7); continue }
            if (line ~ /^msg/) { in_id = 0; in_ctx = 0; continue }
            if (line ~ /^"/) { if (in_id) id = id line; else if (in_ctx) ctx = ctx line }
        }
        if (id == "\"\"" && ctx == "") next
        gsub(/""/, "", id)
        print (ctx != "" ? ctx " | " : "") id
    }'
}

status=0
catalogs=()
while IFS= read -r po; do catalogs+=("$po"); done < <(
    find "$work/yunjishi/locale" "$work"/yunjishi/*/locale \
        -path "*/$LOCALE/LC_MESSAGES/*.po" 2>/dev/null | sort
)
[ "${#catalogs[@]}" -gt 0 ] || die "no $LOCALE catalog found under yunjishi/"

for po in "${catalogs[@]}"; do
    name="${po#"$work"/}"
    untranslated="$(msgattrib --untranslated --no-obsolete --no-wrap "$po" | entries)"
    fuzzy="$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$po" | entries)"
    if [ -n "$untranslated" ]; then
        echo "$name: $(wc -l <<<"$untranslated") untranslated:" >&2
        sed 's/^/    /' <<<"$untranslated" >&2
        status=1
    fi
    if [ -n "$fuzzy" ]; then
        echo "$name: $(wc -l <<<"$fuzzy") fuzzy:" >&2
        sed 's/^/    /' <<<"$fuzzy" >&2
        status=1
    fi
done

if [ "$status" -eq 0 ]; then
    echo "catalogs complete: ${#catalogs[@]} checked" >&2
else
    echo "translate the entries above (make messages updates the catalogs)" >&2
fi
exit "$status"
