"""gunicorn's access log without phone or ID numbers.

gunicorn writes each request's path and query string (``/api/members/?q=13812345678``)
before Django sees it, so the logging filter of ``core.logging`` cannot reach those lines.
``MaskingLogger`` masks every value of the access line instead; ``gunicorn.conf.py`` at
the repository's root names it (``scripts/run.sh`` starts gunicorn with that file).
"""

from urllib.parse import quote, unquote_plus

from gunicorn.glogging import Logger

from .masking import mask_text

# What stays as it is when a decoded line is written back: the URL's own syntax and the
# spaces of the request line ("GET /path HTTP/1.1"); line breaks and the rest are encoded.
_URL_SAFE = " /?&=:;,@!$'()*+~"


def mask_uri(text: str) -> str:
    """Mask phones and ID numbers in a path or query string, written plainly or
    percent-encoded (``%2B86 138…``, ``138%201234%205678``)."""
    masked = mask_text(text)
    decoded = unquote_plus(masked)
    if mask_text(decoded) == decoded:
        return masked
    # Only the encoded form hid a number: write the decoded line, masked, encoded again.
    return quote(mask_text(decoded), safe=_URL_SAFE)


class MaskingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: mask_uri(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }
