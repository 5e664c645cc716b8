"""The public pages of surveys: the page behind an enterprise's QR code (mobile first, no
login if the survey allows anonymous answers) and the thank-you page. Rules live in
``services``; the visitor's device id in ``device``.
"""

import re

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from yunjishi.core.errors import ServiceError, first_message, validation_fields
from yunjishi.core.views import message_of

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


def _closed(request, link: SurveyLink):
    return render(request, "surveys/closed.html", {"survey": link.survey, "link": link})


def _refused(request, link: SurveyLink, error: ServiceError):
    """The page for a refusal that is not about the answers: the survey closed, a login
    it asks for, an answer already given (maybe sent twice at once); None for the others."""
    if error.code == "closed":
        return _closed(request, link)
    if error.code == "unauthenticated":
        return redirect_to_login(request.get_full_path())
    if error.code == "answered":
        return _already_answered(request, link)
    return None


def _given(post) -> dict[int, list[str]]:
    """The answers sent, by question id (fields ``q<id>``); the service reads them."""
    given: dict[int, list[str]] = {}
    for field in post:
        question = re.fullmatch(r"q([0-9]{1,10})", field)
        if question:
            given[int(question[1])] = post.getlist(field)
    return given


def answer(request, token: str):
    link = _link(token)
    survey = link.survey
    device = device_of(request)
    given: dict[int, list[str]] = {}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        # The service decides (closed, login, answered before, the answers themselves).
        given = _given(request.POST)
        try:
            services.submit_response(
                link, request.user, given, signed=bool(request.POST.get("signed")), device=device
            )
        except ValidationError as error:
            errors = validation_fields(error)
            messages.error(request, first_message(error))
        except ServiceError as error:
            refused = _refused(request, link, error)
            if refused is not None:
                return refused
            errors = {"__all__": [message_of(error)]}
        else:
            return redirect("surveys:answered", token=token)
    elif not survey.anonymous_allowed and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    elif not survey.is_open:
        return _closed(request, link)
    elif services.already_answered(link, request.user, device):
        messages.info(request, _("You have already answered this survey."))
        return redirect("surveys:answered", token=token)
    items = [
        {
            "question": q,
            "chosen": set(given.get(q.pk, [])),
            "text": "\n".join(given.get(q.pk, [])),
            "errors": errors.get(f"q{q.pk}", []),
        }
        for q in survey.questions.prefetch_related("choices")
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
