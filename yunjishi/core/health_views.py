"""A trivial JSON endpoint: is the process up and answering.

It touches neither the database nor the session, so load balancers can poll it cheaply,
and ``bench/market.py`` uses it as the baseline for what the server does per request
without any work of ours.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def health(request):
    return JsonResponse({"ok": True})
