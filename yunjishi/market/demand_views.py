"""Demand pages: staff build surveys and print one QR code per enterprise (一企一码); workers
answer on their phones; staff read the demand classification list (需求分类清单) and the
精准匹配 of demand to listings, with the gaps. Rules live in ``demand``.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from yunjishi.core.errors import ServiceError, first_message, validation_fields
from yunjishi.core.views import errors_into
from yunjishi.people.decorators import staff_required
from yunjishi.people.scope import chosen_org, top_orgs

from . import demand
from .models import Domain
from .models_demand import Choice, Question, QuestionKind, Survey, SurveyLink

LINKS_PER_PAGE = 60  # one printed sheet run; a district has hundreds of enterprises


# --- Building surveys ---------------------------------------------------------------------


class SurveyForm(forms.Form):
    org = forms.ModelChoiceField(label=gettext_lazy("Running union"), queryset=None)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=100, required=False)
    intro = forms.CharField(
        label=gettext_lazy("Introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    anonymous_allowed = forms.BooleanField(
        label=gettext_lazy("Anonymous answers allowed"), required=False, initial=True
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = top_orgs(user)
        self.fields["org"].empty_label = None


class QuestionForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Question"), max_length=300, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=gettext_lazy("Required"), required=False, initial=True)
    choices = forms.CharField(
        label=gettext_lazy("Choices, one a line: text | demand category"),
        widget=forms.Textarea(
            attrs={
                "rows": 5,
                "placeholder": gettext_lazy(
                    "Calligraphy class | Education and training\nChildcare | Childcare"
                ),
            }
        ),
        required=False,
        help_text=gettext_lazy(
            "A category is a service domain or any name for a need; leave it out for a choice "
            "that is not a demand."
        ),
    )


def _bound(request):
    return request.POST if request.method == "POST" else None


@staff_required
def surveys(request):
    form = SurveyForm(request.user, _bound(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = demand.create_survey(
                request.user,
                data["org"],
                data["title"],
                data["intro"],
                anonymous_allowed=data["anonymous_allowed"],
            )
        except ValidationError as error:
            errors_into(form, error)
        except ServiceError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Survey created. Now add its questions."))
            return redirect("market:demand_survey", pk=survey.pk)
    listed = (
        Survey.objects.visible_to(request.user)
        .select_related("org")
        .annotate(
            answered=Count("responses", distinct=True), enterprises=Count("links", distinct=True)
        )
    )
    return render(request, "market/demand/surveys.html", {"form": form, "surveys": listed})


def _survey(request, pk: int) -> Survey:
    return get_object_or_404(Survey.objects.visible_to(request.user).select_related("org"), pk=pk)


@staff_required
def survey(request, pk: int):
    survey = _survey(request, pk)
    form = QuestionForm(_bound(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            demand.add_question(
                request.user,
                survey,
                data["text"],
                data["kind"],
                demand.choices_from_lines(data["choices"]),
                required=data["required"],
            )
        except ValidationError as error:
            errors_into(form, error)
        except ServiceError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Question added."))
            return redirect("market:demand_survey", pk=survey.pk)
    questions = survey.questions.annotate(answered=Count("answers")).prefetch_related(
        Prefetch("choices", queryset=Choice.objects.annotate(answered=Count("answers")))
    )
    context = {
        "survey": survey,
        "form": form,
        "questions": questions,
        "responses": survey.responses.count(),
        "links": survey.links.count(),
        "domains": Domain.choices,
    }
    return render(request, "market/demand/survey.html", context)


@require_POST
@staff_required
def remove_question(request, pk: int, question_pk: int):
    survey = _survey(request, pk)
    question = get_object_or_404(Question.objects.filter(survey=survey), pk=question_pk)
    try:
        demand.remove_question(request.user, question)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Question removed."))
    return redirect("market:demand_survey", pk=survey.pk)


@require_POST
@staff_required
def set_open(request, pk: int):
    survey = _survey(request, pk)
    try:
        demand.set_open(request.user, survey, request.POST.get("open") == "1")
    except ServiceError as error:
        messages.error(request, str(error.message))
    return redirect("market:demand_survey", pk=survey.pk)


def _answer_url(request, link: SurveyLink) -> str:
    return request.build_absolute_uri(reverse("market:demand_answer", args=[link.token]))


@staff_required
def links(request, pk: int):
    """Every enterprise's link and QR code on one printable page (一企一码)."""
    survey = _survey(request, pk)
    if request.method == "POST":
        try:
            made = demand.generate_links(request.user, survey)
        except ServiceError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)d enterprise has its own link.",
                    "%(n)d enterprises have their own link.",
                    len(made),
                )
                % {"n": len(made)},
            )
        return redirect("market:demand_links", pk=survey.pk)
    page = Paginator(
        SurveyLink.objects.visible_to(request.user)
        .filter(survey=survey)
        .select_related("org")
        .annotate(answered=Count("responses"))
        .order_by("org__path", "pk"),
        LINKS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    rows = [{"link": link, "url": _answer_url(request, link)} for link in page]
    return render(
        request, "market/demand/links.html", {"survey": survey, "rows": rows, "page": page}
    )


@staff_required
def qr(request, token: str):
    link = get_object_or_404(SurveyLink.objects.visible_to(request.user), token=token)
    response = HttpResponse(demand.qr_svg(_answer_url(request, link)), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=86400"
    return response


# --- Classification and matching ----------------------------------------------------------


def _demand(request) -> dict:
    """The rows for ``?survey=`` (one survey) or ``?org=`` (every survey, answers from
    enterprises under that org; default the staffer's top org)."""
    raw = request.GET.get("survey")
    if raw:
        if not raw.isdigit():
            raise Http404
        survey = _survey(request, int(raw))
        return {
            "survey": survey,
            "subject": survey.title,
            "rows": demand.survey_classification(survey),
            "query": f"survey={survey.pk}",
        }
    org = chosen_org(request.user, request.GET.get("org"))
    return {
        "org": org,
        "subject": org.name,
        "rows": demand.org_classification(org),
        "query": f"org={org.pk}",
        "top_orgs": top_orgs(request.user),
    }


@staff_required
def classification(request):
    return render(request, "market/demand/classification.html", _demand(request))


@staff_required
def classification_xlsx(request):
    context = _demand(request)
    title = _("Demand classification list: %(subject)s") % {"subject": context["subject"]}
    response = HttpResponse(
        demand.classification_xlsx(context["rows"], title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="demand-list.xlsx"'
    return response


@staff_required
def matching(request):
    context = _demand(request)
    context["rows"] = demand.matching(context["rows"])
    context["gaps"] = sum(1 for row in context["rows"] if row["gap"])
    return render(request, "market/demand/matching.html", context)


# --- Answering (public) -------------------------------------------------------------------


def answer(request, token: str):
    """The page behind an enterprise's QR code: mobile first, no login if the survey allows."""
    link = demand.link_for_token(token)
    if link is None:
        raise Http404
    survey = link.survey
    if not survey.anonymous_allowed and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not survey.is_open:
        return render(request, "market/demand/closed.html", {"survey": survey, "link": link})
    if demand.already_answered(survey, request.user):
        return redirect("market:demand_answered", token=token)
    questions = list(survey.questions.prefetch_related("choices"))
    given: dict[int, list[str]] = {}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        given = {q.pk: request.POST.getlist(f"q{q.pk}") for q in questions}
        try:
            demand.submit_response(
                link, request.user, given, signed=bool(request.POST.get("signed"))
            )
        except ValidationError as error:
            errors = validation_fields(error)
            messages.error(request, first_message(error))
        except ServiceError as error:
            errors = {"__all__": [str(error.message)]}
        else:
            return redirect("market:demand_answered", token=token)
    items = [
        {
            "question": q,
            "chosen": set(given.get(q.pk, [])),
            "text": "\n".join(given.get(q.pk, [])),
            "errors": errors.get(f"q{q.pk}", []),
        }
        for q in questions
    ]
    context = {
        "survey": survey,
        "link": link,
        "items": items,
        "errors": errors.get("__all__", []),
        "signed": bool(request.POST.get("signed")),
    }
    status = 400 if errors else 200
    return render(request, "market/demand/answer.html", context, status=status)


def answered(request, token: str):
    link = demand.link_for_token(token)
    if link is None:
        raise Http404
    return render(request, "market/demand/answered.html", {"survey": link.survey, "link": link})
