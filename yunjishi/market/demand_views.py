"""The market's demand pages: 精准匹配 of the demand classification list to listings and
providers, with the gaps, and the list with its matching as an Excel workbook. The surveys
themselves (building, links and QR codes, answering, the list) are pages of ``surveys``;
their old addresses here redirect there.
"""

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from yunjishi.people.decorators import staff_required
from yunjishi.surveys import services as surveys

from . import demand


def _demand_list(request) -> surveys.DemandList:
    """The list for ``?survey=`` (one survey) or ``?org=`` (every survey, answers from
    enterprises under that org; default the staffer's top org)."""
    return surveys.demand_list(
        request.user, survey_id=request.GET.get("survey"), org_id=request.GET.get("org")
    )


@staff_required
def matching(request):
    found = _demand_list(request)
    rows = demand.matching(found.rows)
    context = {"demand": found, "rows": rows, "gaps": sum(1 for row in rows if row["gap"])}
    return render(request, "market/demand/matching.html", context)


@staff_required
def classification_xlsx(request):
    found = _demand_list(request)
    title = _("Demand classification list: %(subject)s") % {"subject": found.subject}
    response = HttpResponse(
        demand.classification_xlsx(found.rows, title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="demand-list.xlsx"'
    return response


class PermanentRedirect(HttpResponseRedirect):
    """308: like 301, and a form sent to the old address is sent again to the new one."""

    status_code = 308


def moved_to(url_name: str):
    """A view that sends an old address to ``url_name`` (same arguments, same query)."""

    def moved(request, **kwargs):
        url = reverse(url_name, kwargs=kwargs)
        if request.META.get("QUERY_STRING"):
            url = f"{url}?{request.META['QUERY_STRING']}"
        return PermanentRedirect(url)

    moved.moved_to = url_name  # type: ignore[attr-defined]  # an old address, not a page
    return moved
