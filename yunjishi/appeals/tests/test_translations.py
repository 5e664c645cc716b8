"""The appeals catalog is complete (every entry translated, none fuzzy) and compiled, and
the words of the seed are the ones shown: 诉求, 受理, 办理中, 已办结, 超期, 督办, 待补充."""

import gettext
import re
from pathlib import Path

from django.utils import translation

from yunjishi.appeals.models import Status

LC_MESSAGES = Path(__file__).parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES"


def joined(block: str, key: str) -> str | None:
    found = re.search(rf'^{key} "(.*)"((?:\n".*")*)', block, re.M)
    if found is None:
        return None
    return found.group(1) + "".join(re.findall(r'^"(.*)"$', found.group(2), re.M))


def catalog_entries():
    """(flags, context, msgid, [msgstr…]) of each entry after the header."""
    text = (LC_MESSAGES / "django.po").read_text(encoding="utf-8")
    for block in text.strip().split("\n\n")[1:]:
        if block.startswith("#~"):
            continue
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        plural = joined(block, "msgid_plural")
        strings = (
            [joined(block, rf"msgstr\[{n}\]") for n in range(1)]
            if plural
            else [joined(block, "msgstr")]
        )
        yield flags, joined(block, "msgctxt"), joined(block, "msgid"), strings


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = list(catalog_entries())

    assert len(entries) > 300
    assert [msgid for flags, _c, msgid, _s in entries if "fuzzy" in flags] == []
    assert [msgid for _f, _c, msgid, strings in entries if not all(strings)] == []


def test_the_compiled_catalog_matches_the_source():
    with (LC_MESSAGES / "django.mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)

    for _flags, context, msgid, strings in catalog_entries():
        found = translations.pgettext(context, msgid) if context else translations.gettext(msgid)
        if "%(n)" not in msgid:  # plural entries: the singular form
            assert found == strings[0].replace('\\"', '"'), msgid


def test_the_states_read_as_the_union_says_them():
    with translation.override("zh-hans"):
        labels = [str(status.label) for status in Status]
    assert labels == [
        "已提交",
        "已受理",
        "办理中",
        "待补充",
        "已办结",
        "已解释",
        "已关闭",
        "已合并",
    ]
