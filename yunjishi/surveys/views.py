"""The public pages of surveys: the page behind an enterprise's QR code (mobile first, no
login if the survey allows anonymous answers) and the thank-you page. Rules live in
``services``; the visitor's device id in ``device``.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from yunjishi.core.errors import Conflict, ServiceError, first_message, validation_fields

from . import services
from .device import device_of, remember_device
from .models import SurveyLink


def _link(token: str) -> SurveyLink:
    link = services.link_for_token(token)
    if link is None:
        raise Http404
    return link


def _already_answered(request, link: SurveyLink):
    context = {"survey": link.survey, "link": link, "already": True}
    return render(request, "surveys/answered.html", context, status=409)


def answer(request, token: str):
    link = _link(token)
    survey = link.survey
    if not survey.anonymous_allowed and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not survey.is_open:
        return render(request, "surveys/closed.html", {"survey": survey, "link": link})
    device = device_of(request)
    if services.already_answered(link, request.user, device):
        if request.method == "POST":
            return _already_answered(request, link)
        messages.info(request, _("You have already answered this survey."))
        return redirect("surveys:answered", token=token)
    questions = list(survey.questions.prefetch_related("choices"))
    given: dict[int, list[str]] = {}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        given = {q.pk: request.POST.getlist(f"q{q.pk}") for q in questions}
        try:
            services.submit_response(
                link, request.user, given, signed=bool(request.POST.get("signed")), device=device
            )
        except ValidationError as error:
            errors = validation_fields(error)
            messages.error(request, first_message(error))
        except Conflict as error:
            if error.code == "answered":  # sent twice at once
                return _already_answered(request, link)
            errors = {"__all__": [str(error.message)]}
        except ServiceError as error:
            errors = {"__all__": [str(error.message)]}
        else:
            return redirect("surveys:answered", token=token)
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
    response = render(request, "surveys/answer.html", context, status=400 if errors else 200)
    if device is None:  # the answer is refused without one: the next submit has it
        remember_device(request, response)
    return response


def answered(request, token: str):
    link = _link(token)
    return render(request, "surveys/answered.html", {"survey": link.survey, "link": link})
