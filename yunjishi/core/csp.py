"""One Content-Security-Policy header on every response.

The policy is ``settings.SECURE_CSP`` (directive -> sources; the name and shape of Django 6's
own setting): everything from this site only, no inline scripts or styles anywhere. A few
lines of middleware rather than django-csp: the policy is one fixed set of sources, with no
nonces and no per-view policies; Django 6's own CSP middleware can replace it without a
change of setting.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

HEADER = "Content-Security-Policy"
# With DEBUG on, Django answers these with its own debug pages, written with inline styles
# and scripts: a developer sees them whole. Never in production (DEBUG off).
DEBUG_PAGES = (404, 500)
HOST_AND_PORT = re.compile(r"(?P<host>\[[^\]]*\]|[^:]*)(?::(?P<port>.*))?")


def source_of(url_template: str) -> str:
    """The CSP source that allows a URL template's host, e.g. the map tiles'
    ``https://webrd0{s}.is.example.com/{z}/{x}/{y}.png`` -> ``https://*.is.example.com``.

    A placeholder in the host (Leaflet's ``{s}`` subdomains) can only stand in the leftmost
    label, which becomes CSP's ``*`` wildcard; anywhere else the host cannot be allowed
    without allowing every host.
    """
    parts = urlsplit(url_template)
    address = HOST_AND_PORT.fullmatch(parts.netloc.rpartition("@")[2])
    if parts.scheme not in ("http", "https") or not address or not address["host"]:
        raise ImproperlyConfigured(f"{url_template!r} is not an http(s) URL")
    host, port = address["host"].lower(), address["port"]
    first, _, rest = host.partition(".")
    if "{" in first and rest and "{" not in rest:
        host = f"*.{rest}"
    if "{" in host or "{" in (port or ""):
        raise ImproperlyConfigured(
            f"{url_template!r}: a placeholder may only stand in the first part of the host"
        )
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def header_value(policy: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    """Adds the policy to every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code in DEBUG_PAGES:
            return response
        # Read on each response (a join of a few strings) so that tests may change it.
        response.headers.setdefault(HEADER, header_value(settings.SECURE_CSP))
        return response
