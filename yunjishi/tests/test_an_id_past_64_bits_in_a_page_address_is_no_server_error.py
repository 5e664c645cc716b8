"""Every page address that takes an id (``<int:pk>``) answers an id past 64 bits as it
answers any id it does not know (404, or the page's own refusal), never with a server
error: some lookups (a foreign key's ``user_id=``) do not guard what the database can
hold. Walked for a worker, an org admin and a superuser, by GET and POST."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

HUGE = str(2**70)


def _patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def page_addresses() -> list[str]:
    """Each page address with an id, the ids past 64 bits (the admin is Django's own)."""
    found = set()
    for raw in _patterns(get_resolver()):
        if "<int:" in raw and not raw.startswith(("admin", "^", "api/")):
            url = "/" + re.sub(r"<int:\w+>", HUGE, raw)
            found.add(re.sub(r"<\w+:\w+>", "x", url))
    return sorted(found)


@pytest.mark.parametrize("who", ["worker", "admin_a", "superuser"])
def test_no_page_answers_an_id_past_64_bits_with_a_server_error(who, request, db, client_for):
    client = client_for(request.getfixturevalue(who))
    client.raise_request_exception = False

    broken = [
        (method, url)
        for url in page_addresses()
        for method in ("get", "post")
        if getattr(client, method)(url).status_code >= 500
    ]

    assert broken == []
    assert len(page_addresses()) > 40  # the walk found the pages
