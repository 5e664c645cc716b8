"""The stations catalog is complete (every entry translated, none fuzzy) and compiled."""

import gettext
import re
from pathlib import Path

LC_MESSAGES = Path(__file__).parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES"


def catalog_entries():
    """(flags, msgid, msgstr) of each entry after the header."""
    text = (LC_MESSAGES / "django.po").read_text(encoding="utf-8")
    for block in text.strip().split("\n\n")[1:]:
        if block.startswith("#~"):  # obsolete entries are not shown to anyone
            continue
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        if "msgid_plural" in block:
            flags += " plural"
        joined = re.sub(r'"\n"', "", block)
        msgid = re.search(r'^msgid "(.*)"$', joined, re.M).group(1)
        msgstr = re.search(r'^msgstr(?:\[0\])? "(.*)"$', joined, re.M).group(1)
        yield flags, msgid, msgstr


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = list(catalog_entries())

    assert len(entries) > 20
    assert [msgid for flags, msgid, _ in entries if "fuzzy" in flags] == []
    assert [msgid for _, msgid, msgstr in entries if not msgstr] == []


def test_the_compiled_catalog_matches_the_source():
    with (LC_MESSAGES / "django.mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)

    for flags, msgid, msgstr in catalog_entries():
        if "plural" in flags:
            assert translations.ngettext(msgid, msgid, 2) == msgstr, msgid
        else:
            assert translations.gettext(msgid) == msgstr, msgid
