"""Chinese text cut into terms (jieba), for search and for comparing texts.

``terms`` keeps the runs of letters, digits and CJK characters, cuts them with
``jieba.cut_for_search`` (the long words and the short words inside them), lower-cases
them and drops the stop words each caller gives.
"""

import re

import jieba

jieba.setLogLevel(60)

_WORD = re.compile(r"[\w\u4e00-\u9fff]+")
MAX_TERM = 40


def terms(text: str, stop=frozenset(), *, numbers: bool = True) -> list[str]:
    """The terms of ``text`` in order (repeats kept); without numbers if ``numbers`` is
    False (a room number says nothing of what an appeal is about)."""
    found = []
    for chunk in _WORD.findall(text or ""):
        for word in jieba.cut_for_search(chunk):
            word = word.strip().lower()
            if not word or word in stop or len(word) > MAX_TERM:
                continue
            if not numbers and word.isdigit():
                continue
            found.append(word)
    return found
