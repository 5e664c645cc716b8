"""Similar open appeals, by Chinese text: jieba terms of title and text, compared by overlap.

Each appeal keeps its terms (``Appeal.terms``), cut once when it is submitted. A draft is
cut the same way and compared with the open appeals of the same org: the share of the
draft's terms an appeal also has, title terms counting double. Few appeals are open in
one org at a time, so this is a small loop over one indexed query.
"""

from yunjishi.core import text as chinese
from yunjishi.orgs.models import Org

from .models import OPEN, Appeal

STOP = frozenset({
    "的", "了", "和", "与", "及", "在", "是", "为", "有", "我", "你", "他", "她", "们", "我们",
    "等", "也", "就", "都", "还", "又", "很", "太", "没有", "没", "不", "能", "会", "要", "请",
    "一个", "这个", "那个", "这", "那", "里", "上", "下", "吗", "呢", "吧", "啊", "问题",
})  # fmt: skip
THRESHOLD = 0.35
CANDIDATES = 300
TITLE_WEIGHT = 2


def terms(text: str) -> list[str]:
    return chinese.terms(text, STOP, numbers=False)


def index_text(title: str, text: str) -> str:
    """What ``Appeal.terms`` holds: title terms marked ``t:``, then the text's terms."""
    title_terms = sorted(set(terms(title)))
    text_terms = sorted(set(terms(text)) - set(title_terms))
    return " ".join([*(f"t:{t}" for t in title_terms), *text_terms])


def _weights(indexed: str) -> dict[str, int]:
    weights: dict[str, int] = {}
    for token in indexed.split():
        if token.startswith("t:"):
            weights[token[2:]] = TITLE_WEIGHT
        else:
            weights.setdefault(token, 1)
    return weights


def score(draft: dict[str, int], other: dict[str, int]) -> float:
    """The weighted share of the draft's terms that the other appeal also has."""
    total = sum(draft.values())
    if not total:
        return 0.0
    return sum(weight for term, weight in draft.items() if term in other) / total


def similar_open(
    org,
    title: str,
    text: str,
    *,
    limit: int = 5,
    exclude_pk=None,
    among=None,
    subtree: bool = False,
) -> list[Appeal]:
    """Open appeals of ``org`` (or of its whole subtree) that look like this draft, most
    similar first; only those of ``among`` if given (a staffer's scope)."""
    draft = _weights(index_text(title, text))
    if not draft:
        return []
    where = {"org__in": Org.objects.subtree(org).values("pk")} if subtree else {"org": org}
    candidates = (
        (Appeal.objects.all() if among is None else among)
        .filter(**where, status__in=OPEN)
        .exclude(pk=exclude_pk)
        .select_related("category")
        .order_by("-submitted_at")[:CANDIDATES]
    )
    scored = []
    for appeal in candidates:
        value = score(draft, _weights(appeal.terms))
        if value >= THRESHOLD:
            appeal.similarity = round(value, 2)
            scored.append(appeal)
    scored.sort(key=lambda appeal: (-appeal.similarity, -appeal.pk))
    return scored[:limit]
