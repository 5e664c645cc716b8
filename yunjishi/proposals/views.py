"""The representative's pages: submit proposals, suggestions and visits; follow them; rate
answers; read and print the duty report. Views only translate between HTTP and the
functions in ``services`` and ``report``; a refusal comes back as their own message."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yunjishi.core.views import act, submit
from yunjishi.people.scope import is_staff_member

from . import queries, report, services
from .forms import FollowUpForm, ItemForm, PeriodForm, RateForm, VisitForm
from .models import FollowUp, ProposalStatus


def representative_required(view):
    """Pages for member representatives only (403 for anyone else)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        profile = services.representative_profile(request.user)
        if profile is None:
            raise PermissionDenied
        request.representative = profile
        return view(request, *args, **kwargs)

    return wrapper


@login_required
def home(request):
    profile = services.representative_profile(request.user)
    if profile is None:
        if is_staff_member(request.user):
            return redirect("proposals:staff_review")
        raise PermissionDenied
    user = request.user
    context = {
        "profile": profile,
        "proposals": queries.my_proposals(user)[:5],
        "suggestions": queries.my_suggestions(user)[:5],
        "visits": queries.my_visits(user)[:5],
        "to_rate": queries.my_proposals(user).filter(status=ProposalStatus.FEEDBACK).count(),
        "is_staff": is_staff_member(user),
    }
    return render(request, "proposals/home.html", context)


# --- Proposals --------------------------------------------------------------------------------


@representative_required
def new_proposal(request):
    return _new_item(
        request,
        services.submit_proposal,
        title=_("New proposal"),
        done=_("Proposal submitted. The review group will take it up."),
        detail="proposals:detail",
    )


def _new_item(request, action, *, title: str, done: str, detail: str):
    profile = request.representative
    if profile.org is None:
        messages.error(
            request, _("Your member profile names no union yet; ask your union to complete it.")
        )
        return redirect("proposals:home")
    form = ItemForm(request.POST or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = submit(
            form,
            action,
            request.user,
            title=data["title"],
            text=data["text"],
            category=data["category"],
            org=data["org"],
        )
        if item is not None:
            messages.success(request, done)
            return redirect(detail, pk=item.pk)
    return render(request, "proposals/submit.html", {"form": form, "title": title})


@representative_required
def my_proposals(request):
    page = Paginator(queries.my_proposals(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "proposals/mine.html", {"page": page})


@representative_required
def proposal_detail(request, pk):
    proposal = get_object_or_404(queries.my_proposals(request.user), pk=pk)
    context = {
        "proposal": proposal,
        "timeline": queries.timeline(proposal, request.user),
        "rate_form": RateForm(),
        "suggestion": getattr(proposal, "suggestion", None),
    }
    return render(request, "proposals/proposal.html", context)


@require_POST
@representative_required
def rate(request, pk):
    proposal = get_object_or_404(queries.my_proposals(request.user), pk=pk)
    form = RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how satisfied you are."))
    else:
        act(
            request,
            services.rate,
            request.user,
            proposal,
            form.cleaned_data["rating"],
            form.cleaned_data["comment"],
            done=_("Thank you for your feedback. The proposal is closed."),
        )
    return redirect("proposals:detail", pk=pk)


# --- Suggestions ------------------------------------------------------------------------------


@representative_required
def new_suggestion(request):
    return _new_item(
        request,
        services.submit_suggestion,
        title=_("New suggestion"),
        done=_("Suggestion submitted."),
        detail="proposals:suggestion",
    )


@representative_required
def my_suggestions(request):
    page = Paginator(queries.my_suggestions(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "proposals/suggestions.html", {"page": page})


@representative_required
def suggestion_detail(request, pk):
    suggestion = get_object_or_404(queries.my_suggestions(request.user), pk=pk)
    context = {
        "suggestion": suggestion,
        "timeline": queries.suggestion_timeline(suggestion, request.user),
    }
    return render(request, "proposals/suggestion.html", context)


# --- Visits -----------------------------------------------------------------------------------


@representative_required
def new_visit(request):
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        visit = submit(form, services.record_visit, request.user, **form.cleaned_data)
        if visit is not None:
            messages.success(request, _("Visit recorded."))
            return redirect("proposals:visit", pk=visit.pk)
    return render(request, "proposals/visit_form.html", {"form": form})


@representative_required
def my_visits(request):
    page = Paginator(queries.my_visits(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "proposals/visits.html", {"page": page})


@representative_required
def visit_detail(request, pk):
    visit = get_object_or_404(queries.my_visits(request.user), pk=pk)
    context = {"visit": visit, "form": FollowUpForm(), "open": visit.follow_up_status}
    context["may_follow_up"] = visit.follow_up_status == FollowUp.OPEN
    return render(request, "proposals/visit.html", context)


@require_POST
@representative_required
def follow_up(request, pk):
    visit = get_object_or_404(queries.my_visits(request.user), pk=pk)
    form = FollowUpForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    act(request, services.complete_follow_up, request.user, visit, note, done=_("Follow-up noted."))
    return redirect("proposals:visit", pk=pk)


# --- Duty report ------------------------------------------------------------------------------


def period_report(request, representative):
    """(form, report or None) for ``?start=&end=`` (this year when neither is given)."""
    if "start" in request.GET or "end" in request.GET:
        form = PeriodForm(request.GET)
    else:
        start, end = report.this_year()
        form = PeriodForm({"start": start.isoformat(), "end": end.isoformat()})
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, submit(form, report.duty_report, representative, data["start"], data["end"])


@representative_required
def duty_report(request):
    form, found = period_report(request, request.user)
    return render(request, "proposals/report.html", {"form": form, "report": found, "own": True})


@representative_required
def duty_report_print(request):
    form, found = period_report(request, request.user)
    if found is None:
        return render(request, "proposals/report.html", {"form": form, "report": None, "own": True})
    return render(request, "proposals/report_print.html", {"report": found})
