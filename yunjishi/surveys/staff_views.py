"""Staff pages of surveys: build a survey, print one QR code per enterprise (一企一码), read
the demand classification list (需求分类清单) with the pages other apps offer on it (the
market's 精准匹配, ``services.offer_report``). Rules live in ``services``.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from yunjishi.core.views import act, submit
from yunjishi.people.decorators import staff_required
from yunjishi.people.models import ServiceDomain

from . import services
from .forms import QuestionForm, SurveyForm
from .models import Choice, Question, Survey, SurveyLink

LINKS_PER_PAGE = 60  # one printed sheet run; a district has hundreds of enterprises


# --- Building surveys ---------------------------------------------------------------------


def _bound(request):
    return request.POST if request.method == "POST" else None


@staff_required
def surveys(request):
    form = SurveyForm(request.user, _bound(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        survey = submit(
            form,
            services.create_survey,
            request.user,
            data["org"],
            data["title"],
            data["intro"],
            anonymous_allowed=data["anonymous_allowed"],
        )
        if survey is not None:
            messages.success(request, _("Survey created. Now add its questions."))
            return redirect("surveys:staff_survey", pk=survey.pk)
    listed = Survey.objects.visible_to(request.user).with_counts().select_related("org")
    return render(
        request,
        "surveys/surveys.html",
        {"form": form, "surveys": listed},
    )


def _survey(request, pk: int) -> Survey:
    return get_object_or_404(Survey.objects.visible_to(request.user).select_related("org"), pk=pk)


@staff_required
def survey(request, pk: int):
    survey = _survey(request, pk)
    form = QuestionForm(_bound(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = submit(
            form,
            services.add_question,
            request.user,
            survey,
            data["text"],
            data["kind"],
            services.choices_from_lines(data["choices"]),
            required=data["required"],
        )
        if added is not None:
            messages.success(request, _("Question added."))
            return redirect("surveys:staff_survey", pk=survey.pk)
    questions = survey.questions.annotate(answered=Count("answers")).prefetch_related(
        Prefetch("choices", queryset=Choice.objects.annotate(answered=Count("answers")))
    )
    context = {
        "survey": survey,
        "form": form,
        "questions": questions,
        "responses": survey.responses.count(),
        "links": survey.links.count(),
        "domains": ServiceDomain.choices,
    }
    return render(request, "surveys/survey.html", context)


@require_POST
@staff_required
def remove_question(request, pk: int, question_pk: int):
    survey = _survey(request, pk)
    question = get_object_or_404(Question.objects.filter(survey=survey), pk=question_pk)
    act(request, services.remove_question, request.user, question, done=_("Question removed."))
    return redirect("surveys:staff_survey", pk=survey.pk)


@require_POST
@staff_required
def set_open(request, pk: int):
    survey = _survey(request, pk)
    # The survey's page says whether it is open.
    act(
        request, services.set_open, request.user, survey, request.POST.get("open") == "1", done=None
    )
    return redirect("surveys:staff_survey", pk=survey.pk)


def _answer_url(request, link: SurveyLink) -> str:
    return request.build_absolute_uri(reverse("surveys:answer", args=[link.token]))


@staff_required
def links(request, pk: int):
    """Every enterprise's link and QR code on one printable page (一企一码)."""
    survey = _survey(request, pk)
    if request.method == "POST":
        act(
            request,
            services.generate_links,
            request.user,
            survey,
            done=lambda made: (
                ngettext(
                    "%(n)d enterprise has its own link.",
                    "%(n)d enterprises have their own link.",
                    len(made),
                )
                % {"n": len(made)}
            ),
        )
        return redirect("surveys:staff_links", pk=survey.pk)
    page = Paginator(
        SurveyLink.objects.visible_to(request.user)
        .filter(survey=survey)
        .select_related("org")
        .annotate(answered=Count("responses"))
        .order_by("org__path", "pk"),
        LINKS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    rows = [{"link": link, "url": _answer_url(request, link)} for link in page]
    return render(request, "surveys/links.html", {"survey": survey, "rows": rows, "page": page})


@staff_required
def qr(request, token: str):
    link = get_object_or_404(SurveyLink.objects.visible_to(request.user), token=token)
    response = HttpResponse(
        services.qr_svg(_answer_url(request, link)), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "private, max-age=86400"
    return response


# --- The demand classification list -----------------------------------------------------


@staff_required
def classification(request):
    """The list for ``?survey=`` (one survey) or ``?org=`` (every survey, answers from
    enterprises under that org; default the staffer's top org)."""
    found = services.demand_list(
        request.user, survey_id=request.GET.get("survey"), org_id=request.GET.get("org")
    )
    return render(request, "surveys/classification.html", {"demand": found, "rows": found.rows})
