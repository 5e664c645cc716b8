"""Chinese search over listings: jieba terms in an index table, matched term by term.

Every listing's title, provider, domain and description are cut into search terms
(``jieba.cut_for_search``) and stored in ``ListingTerm`` with a weight per field. A query
is cut the same way; a listing matches when it has every term of the query (or, for a
term that is not a whole word in the index, a term that contains it), and ranks by the
summed weights. One indexed look-up per query term, on SQLite and PostgreSQL alike.
"""

from yunjishi.core import text as chinese

from .models import Listing, ListingTerm

WEIGHTS = {"title": 5, "provider": 3, "domain": 3, "description": 1}
STOP = frozenset({"的", "了", "和", "与", "及", "在", "是", "为", "有", "我", "你", "等"})


def terms(words: str) -> list[str]:
    """Search terms of a text: jieba words plus single latin words, lower-cased, no stop words."""
    return chinese.terms(words, STOP)


def index_listing(listing: Listing) -> None:
    weights: dict[str, int] = {}
    fields = {
        "title": listing.title,
        "provider": f"{listing.provider.name} {listing.provider.get_title_display()}",
        "domain": listing.get_domain_display(),
        "description": listing.description,
    }
    for field, text in fields.items():
        for term in terms(text):
            weights[term] = max(weights.get(term, 0), WEIGHTS[field])
    ListingTerm.objects.filter(listing=listing).delete()
    ListingTerm.objects.bulk_create(
        ListingTerm(listing=listing, term=t, weight=w) for t, w in weights.items()
    )


def search(queryset, query: str):
    """``queryset`` narrowed to listings matching ``query``, best first; all of it if empty."""
    wanted = list(dict.fromkeys(terms(query)))
    if not wanted:
        return queryset
    scores: dict[int, int] | None = None
    for term in wanted:
        rows = ListingTerm.objects.filter(term=term).values_list("listing_id", "weight")
        hits: dict[int, int] = {}
        for listing_id, weight in rows:
            hits[listing_id] = max(hits.get(listing_id, 0), weight)
        if not hits:  # not a whole indexed word: accept terms that contain it (书法 in 书法班)
            for listing_id, weight in ListingTerm.objects.filter(term__contains=term).values_list(
                "listing_id", "weight"
            ):
                hits[listing_id] = max(hits.get(listing_id, 0), weight)
        scores = (
            hits if scores is None else {k: scores[k] + v for k, v in hits.items() if k in scores}
        )
        if not scores:
            return queryset.none()
    ranked = sorted(scores, key=lambda pk: (-scores[pk], -pk))
    order = {pk: position for position, pk in enumerate(ranked)}
    listings = list(queryset.filter(pk__in=ranked))
    listings.sort(key=lambda listing: order[listing.pk])
    return listings
