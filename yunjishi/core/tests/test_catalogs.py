"""Every app's zh_Hans catalog is complete (each entry translated, none fuzzy) and its
compiled .mo says what the .po says. One test per catalog, from one parser."""

import gettext
import re
from pathlib import Path

import pytest

PROJECT = Path(__file__).parents[2]  # yunjishi/: its own catalog, and each app's
# The least number of entries each catalog has: a catalog that lost its entries fails.
CATALOGS = {
    "project": 40,  # yunjishi/locale: settings, project templates (the homes' tiles are the apps')
    "appeals": 300,
    "booking": 20,
    "core": 3,
    "demo": 40,
    "market": 250,  # the demand surveys' strings moved to surveys
    "membership": 50,
    "notify": 20,
    "orgs": 15,
    "people": 80,
    "proposals": 50,
    "stations": 20,
    "surveys": 80,
}


def _messages(app: str) -> Path:
    folder = PROJECT if app == "project" else PROJECT / app
    return folder / "locale" / "zh_Hans" / "LC_MESSAGES"


def _string(block: str, key: str) -> str | None:
    """The value of ``key`` in a PO entry, its continuation lines joined."""
    found = re.search(rf'^{key} "(.*)"((?:\n".*")*)', block, re.M)
    if found is None:
        return None
    return found.group(1) + "".join(re.findall(r'^"(.*)"$', found.group(2), re.M))


def entries(app: str):
    """(flags, context, msgid, plural msgid, [msgstr…]) of each entry after the header."""
    text = (_messages(app) / "django.po").read_text(encoding="utf-8")
    for block in text.strip().split("\n\n")[1:]:
        if block.startswith("#~"):  # obsolete entries are not shown to anyone
            continue
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        plural = _string(block, "msgid_plural")
        strings = [_string(block, r"msgstr\[0\]")] if plural else [_string(block, "msgstr")]
        yield flags, _string(block, "msgctxt"), _string(block, "msgid"), plural, strings


def _unescaped(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n")


@pytest.mark.parametrize("app", CATALOGS)
def test_every_entry_is_translated_and_none_is_fuzzy(app):
    found = list(entries(app))

    assert len(found) > CATALOGS[app]
    assert [msgid for flags, _c, msgid, _p, _s in found if "fuzzy" in flags] == []
    assert [msgid for _f, _c, msgid, _p, strings in found if not all(strings)] == []


@pytest.mark.parametrize("app", CATALOGS)
def test_the_compiled_catalog_matches_the_source(app):
    with (_messages(app) / "django.mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)

    for _flags, context, msgid, plural, strings in entries(app):
        msgid, expected = _unescaped(msgid), _unescaped(strings[0])
        if plural:
            plural = _unescaped(plural)
            found = (
                translations.npgettext(context, msgid, plural, 1)
                if context
                else translations.ngettext(msgid, plural, 1)
            )
        else:
            found = (
                translations.pgettext(context, msgid) if context else translations.gettext(msgid)
            )
        assert found == expected, msgid
