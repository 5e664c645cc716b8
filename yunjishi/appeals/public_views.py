"""Public figures per union, for transparency: 办结率 and satisfaction, nothing else.

Anyone may read them, without logging in. No appeal, person or category appears, and a
union with only a few appeals shows no figures at all (they could point to someone)."""

from django.shortcuts import get_object_or_404, render

from yunjishi.core.fields import scrub
from yunjishi.orgs.models import Org

from . import stats

MAX_FOUND = 20


def index(request):
    query = scrub(request.GET.get("q"), 50)
    found = []
    if query:
        found = Org.objects.filter(is_active=True, name__contains=query).order_by("path")[
            :MAX_FOUND
        ]
    return render(request, "appeals/public_index.html", {"query": query, "found": found})


def org_figures(request, code: str):
    org = get_object_or_404(Org, code=code, is_active=True)
    figures = stats.public_figures(org)
    return render(request, "appeals/public.html", {"org": org, "figures": figures})
