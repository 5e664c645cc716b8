"""The proposals catalog is complete: no untranslated and no fuzzy entry."""

from pathlib import Path

CATALOG = Path(__file__).parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _entries(text: str):
    """(flags, msgid, msgstr) of every entry but the header."""
    for block in text.split("\n\n"):
        flags = msgid = msgstr = ""
        current = None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags += line
            elif line.startswith(("msgid ", "msgid_plural ")):
                current = "id"
                msgid += line.split(" ", 1)[1].strip('"')
            elif line.startswith("msgstr"):
                current = "str"
                msgstr += line.split(" ", 1)[1].strip('"')
            elif line.startswith('"') and current:
                if current == "id":
                    msgid += line.strip('"')
                else:
                    msgstr += line.strip('"')
        if msgid:
            yield flags, msgid, msgstr


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = list(_entries(CATALOG.read_text(encoding="utf-8")))
    assert len(entries) > 50
    assert [msgid for flags, msgid, _ in entries if "fuzzy" in flags] == []
    assert [msgid for _, msgid, msgstr in entries if not msgstr] == []


def test_the_pages_speak_chinese(representative, client_for):
    from django.urls import reverse

    page = client_for(representative).get(reverse("proposals:home")).content.decode()
    assert "云履职" in page and "提交提案" in page and "履职报告" in page
