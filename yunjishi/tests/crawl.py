"""Helpers for the reachability tests: which URL names are staff pages, and a crawl that
follows the links a person is shown, the way they would click them.

A staff page is any route under a ``staff/`` segment, or any view guarded by
``people.decorators.staff_required``/``staff_or`` wherever it is routed (they mark it
``staff_page``); the API and the Django admin are not pages of ours. Routes that answer a
GET with 405 are actions (the target of a form's button), not pages.
"""

import re
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

NOT_OURS = ("api", "admin")
# Files rather than pages: static assets, images, spreadsheets, exports.
FILE = re.compile(r"(/static/.*|\.(svg|png|jpe?g|xlsx|csv|geojson|js|css))$")
# Where a page leads: its links, and the targets of its forms and images (not followed).
TARGETS = """() => [
  [...document.querySelectorAll("a[href]")].map(e => e.href),
  [...document.querySelectorAll("form")].map(f => f.action)
    .concat([...document.querySelectorAll("img[src]")].map(e => e.src)),
]"""


def url_names() -> dict[str, tuple[str, object]]:
    """Every named route: ``{"app:name": (route, view)}``."""
    found: dict[str, tuple[str, object]] = {}

    def walk(resolver, prefix: str, namespace: str | None) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry, prefix + str(entry.pattern), inner)
            elif (
                isinstance(entry, URLPattern)
                and entry.name
                and not hasattr(entry.callback, "moved_to")  # an old address that redirects
            ):
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                found.setdefault(name, (prefix + str(entry.pattern), entry.callback))

    walk(get_resolver(), "", None)
    return {name: value for name, value in found.items() if name.split(":")[0] not in NOT_OURS}


def staff_url_names() -> set[str]:
    return {
        name
        for name, (route, view) in url_names().items()
        if "staff" in route.split("/") or getattr(view, "staff_page", False)
    }


def some_address(name: str) -> str:
    """An address for ``name`` with made-up arguments (1 for a number, "x" otherwise)."""
    route = url_names()[name][0]
    kwargs = {}
    for part in route.split("<")[1:]:
        spec = part.split(">")[0]
        kind, _sep, arg = spec.rpartition(":")
        kwargs[arg] = 1 if kind == "int" else "x"
    return reverse(name, kwargs=kwargs)


def actions(names, client) -> set[str]:
    """The ``names`` that answer a GET with 405: form targets, not pages (``client`` is
    logged in as someone who may open every page)."""
    return {name for name in names if client.get(some_address(name)).status_code == 405}


@dataclass
class Reached:
    """What one person reached: each URL name with the addresses seen for it, and which
    of those were links (the others are form actions or images, never sent)."""

    urls: dict[str, set[str]] = field(default_factory=dict)
    links: dict[str, set[str]] = field(default_factory=dict)
    refused: list[tuple[str, int]] = field(default_factory=list)

    @property
    def names(self) -> set[str]:
        return set(self.urls)


Fetch = Callable[[str], tuple[int, list[str], list[str]]]


def crawl(fetch: Fetch, base: str, start: str, follow: set[str], *, per_name: int = 2) -> Reached:
    """Open ``start`` and follow every same-origin link whose URL name is in ``follow``,
    up to ``per_name`` different addresses per name (their pages look alike). Forms and
    images count as reached but are never sent; files are reached by their link, not opened.

    ``fetch(address)`` opens a page: its status, its links and its other targets (form
    actions, images); see ``in_browser`` and ``with_client``."""
    origin = urlsplit(base).netloc
    reached = Reached()
    queue: deque[str] = deque([base + start])
    queued = {base + start}
    visits: Counter[str] = Counter()

    def name_of(address: str) -> str | None:
        parts = urlsplit(address)
        if parts.netloc != origin:
            return None
        try:
            return resolve(parts.path).view_name
        except Resolver404:
            return None

    def see(address: str, *, link: bool) -> None:
        address = urldefrag(address)[0]
        name = name_of(address)
        if name is None:
            return
        reached.urls.setdefault(name, set()).add(address)
        if not link:
            return
        reached.links.setdefault(name, set()).add(address)
        if FILE.search(urlsplit(address).path):
            return  # a download or an image: reached by its link, nothing to follow
        if name in follow and address not in queued and visits[name] < per_name:
            visits[name] += 1
            queued.add(address)
            queue.append(address)

    see(base + start, link=True)
    while queue:
        address = queue.popleft()
        status, links, targets = fetch(address)
        if status >= 400:
            reached.refused.append((address, status))
        for href in links:
            see(href, link=True)
        for target in targets:
            see(target, link=False)
    return reached


def in_browser(page) -> Fetch:
    """Pages opened in a Playwright ``page``, as a person clicking would see them. Only
    documents are fetched (no static files, no images: QR codes are drawn on the server),
    which keeps a crawl of a hundred pages short."""
    page.route(FILE, lambda route: route.abort())

    def fetch(address: str) -> tuple[int, list[str], list[str]]:
        try:
            response = page.goto(address, wait_until="domcontentloaded")
        except Exception as error:  # a download the address did not give away
            if "Download is starting" in str(error):
                return 200, [], []
            raise
        if response is None or "html" not in response.headers.get("content-type", ""):
            return (response.status if response else 200), [], []
        if response.status >= 400:
            return response.status, [], []
        links, targets = page.evaluate(TARGETS)
        return response.status, links, targets

    return fetch


class _Targets(HTMLParser):
    def __init__(self, base: str):
        super().__init__()
        self.base, self.links, self.targets = base, [], []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(urljoin(self.base, found["href"]))
        elif tag == "form":  # no action: the page itself
            self.targets.append(urljoin(self.base, found.get("action") or ""))
        elif tag == "img" and found.get("src"):
            self.targets.append(urljoin(self.base, found["src"]))


def with_client(client) -> Fetch:
    """Pages opened with Django's test ``client`` (no browser): the same links, faster."""

    def fetch(address: str) -> tuple[int, list[str], list[str]]:
        parts = urlsplit(address)
        response = client.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
        if response.status_code >= 400 or "html" not in response.get("Content-Type", ""):
            return response.status_code, [], []
        parser = _Targets(address)
        parser.feed(response.content.decode())
        return response.status_code, parser.links, parser.targets

    return fetch
