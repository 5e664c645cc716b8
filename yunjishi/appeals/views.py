"""The worker's appeal pages: submit (with similar open appeals suggested as they type),
my appeals, one appeal with its timeline, answer a question, rate the answer, follow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yunjishi.core.errors import ServiceError
from yunjishi.core.views import act, errors_into

from . import following, queries, services
from .forms import AnswerForm, RateForm, SubmitForm
from .models import SOLVED, Appeal, Photo, Status


@login_required
def home(request):
    own = Paginator(queries.own_appeals(request.user), 20).get_page(request.GET.get("page"))
    followed = queries.followed_appeals(request.user)[:20]
    return render(request, "appeals/home.html", {"page": own, "followed": followed})


@login_required
def new(request):
    form = SubmitForm(
        request.user,
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appeal = services.submit(
                request.user,
                category=data["category"],
                title=data["title"],
                text=data["text"],
                org=form.chosen_org(),
                place=data["place"],
                severity=data["severity"],
                anonymous=data["anonymous"],
                photos=data["photos"],
            )
        except (ServiceError, ValidationError) as error:
            errors_into(form, error)
        else:
            messages.success(
                request,
                _("Sent. Your tracking number is %(number)s.") % {"number": appeal.tracking_number},
            )
            return redirect("appeals:detail", pk=appeal.pk)
    return render(request, "appeals/new.html", {"form": form})


@require_POST
@login_required
def suggestions(request):
    """htmx: open appeals like the draft, in the union it concerns, to follow instead."""
    form = SubmitForm(request.user, request.POST)
    form.is_valid()  # only for the chosen org; the draft may be unfinished
    org = form.cleaned_data.get("org") or form.cleaned_data.get("org_code")
    found = following.similar_for(
        request.user,
        org or services.default_org(request.user),
        request.POST.get("title", "")[:100],
        request.POST.get("text", "")[:2000],
    )
    return render(request, "appeals/_similar.html", {"similar": found})


def _mine_or_followed(request, pk: int) -> Appeal:
    return get_object_or_404(queries.worker_appeals(request.user), pk=pk)


@login_required
def detail(request, pk: int):
    appeal = _mine_or_followed(request, pk)
    mine = appeal.submitter_id == request.user.pk
    context = {
        "appeal": appeal,
        "mine": mine,
        "timeline": queries.timeline(appeal, request.user, staff=False),
        "photos": appeal.photos.all() if mine else [],
        "ratings": appeal.ratings.all() if mine else [],
        "may_rate": mine and appeal.status in SOLVED,
        "may_answer": mine and appeal.status == Status.NEEDS_INFO,
        "rate_form": RateForm(),
        "answer_form": AnswerForm(),
        "followers": appeal.follower_count,
    }
    return render(request, "appeals/detail.html", context)


@require_POST
@login_required
def follow(request, pk: int):
    appeal = get_object_or_404(Appeal, pk=pk)  # the service answers 404 outside its scope
    act(
        request,
        following.follow,
        request.user,
        appeal,
        done=_("You follow %(number)s: you will hear when it is answered.")
        % {"number": appeal.tracking_number},
    )
    if not queries.worker_appeals(request.user).filter(pk=pk).exists():
        return redirect("appeals:home")
    return redirect("appeals:detail", pk=pk)


@require_POST
@login_required
def unfollow(request, pk: int):
    appeal = _mine_or_followed(request, pk)
    following.unfollow(request.user, appeal)
    messages.success(request, _("You no longer follow this appeal."))
    return redirect("appeals:home")


def _mine(request, pk: int) -> Appeal:
    return get_object_or_404(queries.own_appeals(request.user), pk=pk)


@require_POST
@login_required
def rate(request, pk: int):
    appeal, form = _mine(request, pk), RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how satisfied you are."))
    else:
        act(
            request,
            services.rate,
            request.user,
            appeal,
            form.cleaned_data["satisfaction"],
            form.cleaned_data["comment"],
            done=_("Thank you for your rating."),
        )
    return redirect("appeals:detail", pk=pk)


@require_POST
@login_required
def answer(request, pk: int):
    appeal, form = _mine(request, pk), AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Write your answer first."))
    else:
        act(
            request,
            services.answer_info,
            request.user,
            appeal,
            form.cleaned_data["text"],
            form.cleaned_data["photos"],
            done=_("Thank you. The handler has been told."),
        )
    return redirect("appeals:detail", pk=pk)


@login_required
def photo(request, pk: int, photo_pk: int):
    """A photo, to the sender and to staff whose scope holds the appeal; nobody else."""
    found = get_object_or_404(Photo.objects.visible_to(request.user), pk=photo_pk, appeal_id=pk)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=found.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
