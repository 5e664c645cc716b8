"""The demo catalog is complete: every entry translated, none fuzzy."""

import re
from pathlib import Path

CATALOG = Path(__file__).parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def catalog_entries():
    """(flags, msgid, msgstrs) of each entry after the header."""
    text = CATALOG.read_text(encoding="utf-8")
    for block in text.strip().split("\n\n")[1:]:
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        # Continuation lines belong to the keyword above them: join them first.
        joined = re.sub(r'"\n"', "", block)
        msgid = re.search(r'^msgid "(.*)"$', joined, re.M).group(1)
        msgstrs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', joined, re.M)
        yield flags, msgid, msgstrs


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = list(catalog_entries())

    assert len(entries) > 40
    assert [msgid for flags, msgid, _ in entries if "fuzzy" in flags] == []
    assert [msgid for _, msgid, msgstrs in entries if not all(msgstrs)] == []
