"""Staff pages of 云履职: the review queue (立案 / 转为建议 / 不予立案), assignment and
answers (办理落实), the supervision list (执行督查), suggestions, figures per org, and a
representative's duty report.

Every page reads through ``visible_to`` (404 outside the staffer's subtree); every decision
is made, and refused, by ``services``.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yunjishi.core.fields import row_id, scrub
from yunjishi.core.views import act
from yunjishi.orgs.models import Org
from yunjishi.people.decorators import staff_required
from yunjishi.people.models import MemberProfile
from yunjishi.people.scope import chosen_org, orgs_in_scope, top_orgs, works_at

from . import queries, services, stats
from .forms import AnswerForm, AssignForm, CheckForm, NoteForm, ReasonForm, ReplyForm
from .models import Category, ProposalStatus, SuggestionStatus
from .views import period_report

S = ProposalStatus


def _list(request, queryset, *, title: str, empty: str, tab: str):
    page = Paginator(queryset.order_by("updated_at", "id"), 30).get_page(request.GET.get("page"))
    context = {"page": page, "title": title, "empty": empty, "tab": tab}
    return render(request, "proposals/staff/queue.html", context)


@staff_required
def review(request):
    return _list(
        request,
        services.review_queue(request.user),
        title=_("Proposals for group review"),
        empty=_("No proposal is waiting for review."),
        tab="review",
    )


@staff_required
def handling(request):
    return _list(
        request,
        services.handling_queue(request.user),
        title=_("Proposals to assign and handle"),
        empty=_("No proposal is waiting to be assigned or answered."),
        tab="handling",
    )


@staff_required
def supervision(request):
    return _list(
        request,
        services.supervision_queue(request.user),
        title=_("Supervision of answered proposals"),
        empty=_("No answered proposal is waiting for a check or for feedback."),
        tab="supervision",
    )


@staff_required
def all_proposals(request):
    found = queries.staff_proposals(request.user)
    status = request.GET.get("status", "")
    if status in S.values:
        found = found.filter(status=status)
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "title": _("All proposals"),
        "empty": _("No proposal here."),
        "tab": "all",
        "statuses": S.choices,
        "status": status,
    }
    return render(request, "proposals/staff/queue.html", context)


# --- One proposal -----------------------------------------------------------------------------


def _proposal(request, pk):
    return get_object_or_404(queries.staff_proposals(request.user), pk=pk)


@staff_required
def detail(request, pk):
    proposal = _proposal(request, pk)
    user = request.user
    assign_form = AssignForm(proposal=proposal)
    context = {
        "proposal": proposal,
        "representative": queries.representative_name(proposal.representative),
        "timeline": queries.timeline(proposal, user),
        "may_review": services.may_review(user, proposal),
        "may_handle": services.may_handle(user, proposal),
        "note_form": NoteForm(),
        "reason_form": ReasonForm(),
        "assign_form": assign_form,
        "answer_form": AnswerForm(),
        "check_form": CheckForm(initial={"seen": proposal.version}),
    }
    return render(request, "proposals/staff/proposal.html", context)


def _decide(request, pk, action, *args, done: str):
    proposal = _proposal(request, pk)
    act(request, action, request.user, proposal, *args, done=done)
    return redirect("proposals:staff_detail", pk=pk)


def _field(request, form_class, name: str, **kwargs) -> str:
    form = form_class(request.POST, **kwargs)
    return form.cleaned_data.get(name, "") if form.is_valid() else ""


@require_POST
@staff_required
def start_review(request, pk):
    note = _field(request, NoteForm, "note")
    return _decide(
        request, pk, services.start_review, note, done=_("The review group has taken it up.")
    )


@require_POST
@staff_required
def accept(request, pk):
    note = _field(request, NoteForm, "note")
    return _decide(request, pk, services.accept, note, done=_("Accepted (立案)."))


@require_POST
@staff_required
def convert(request, pk):
    note = _field(request, NoteForm, "note")
    return _decide(
        request, pk, services.convert, note, done=_("Converted to a suggestion (转为建议).")
    )


@require_POST
@staff_required
def decline(request, pk):
    reason = _field(request, ReasonForm, "reason")
    return _decide(request, pk, services.decline, reason, done=_("Not accepted (不予立案)."))


@require_POST
@staff_required
def assign(request, pk):
    proposal = _proposal(request, pk)
    form = AssignForm(request.POST, proposal=proposal)
    if form.is_valid():
        data = form.cleaned_data
        args = (data["handling_org"], data["department"], data["note"])
    else:  # an org id that does not exist: the service says "choose ..."
        note = scrub(request.POST.get("note"), 2000, multiline=True)
        args = (None, scrub(request.POST.get("department"), 100), note)
    act(
        request,
        services.assign,
        request.user,
        proposal,
        *args,
        done=_("Assigned for handling (办理落实)."),
    )
    return redirect("proposals:staff_detail", pk=pk)


@require_POST
@staff_required
def answer(request, pk):
    text = _field(request, AnswerForm, "answer")
    return _decide(
        request, pk, services.answer, text, done=_("Answer recorded; it goes to supervision.")
    )


@require_POST
@staff_required
def check(request, pk):
    form = CheckForm(request.POST)
    proposal = _proposal(request, pk)
    if not form.is_valid():
        messages.error(request, _("Choose the outcome of the check."))
        return redirect("proposals:staff_detail", pk=pk)
    passed = form.cleaned_data["outcome"] == "pass"
    act(
        request,
        services.check,
        request.user,
        proposal,
        passed=passed,
        note=form.cleaned_data["note"],
        seen=form.cleaned_data["seen"],
        done=_("Checked: the representative is asked for feedback.")
        if passed
        else _("Sent back to the department."),
    )
    return redirect("proposals:staff_detail", pk=pk)


# --- Suggestions ------------------------------------------------------------------------------


@staff_required
def suggestions(request):
    found = services.suggestion_queue(request.user)
    show_all = request.GET.get("all") == "1"
    if not show_all:
        found = found.exclude(status=SuggestionStatus.RESOLVED)
    page = Paginator(found.order_by("updated_at", "id"), 30).get_page(request.GET.get("page"))
    return render(request, "proposals/staff/suggestions.html", {"page": page, "show_all": show_all})


def _suggestion(request, pk):
    return get_object_or_404(queries.staff_suggestions(request.user), pk=pk)


@staff_required
def suggestion_detail(request, pk):
    suggestion = _suggestion(request, pk)
    context = {
        "suggestion": suggestion,
        "representative": queries.representative_name(suggestion.representative),
        "timeline": queries.suggestion_timeline(suggestion, request.user),
        "may_act": works_at(request.user, suggestion.org, services.SUGGESTION_ROLES),
        "note_form": NoteForm(),
        "reply_form": ReplyForm(),
    }
    return render(request, "proposals/staff/suggestion.html", context)


@require_POST
@staff_required
def suggestion_take_up(request, pk):
    suggestion = _suggestion(request, pk)
    note = _field(request, NoteForm, "note")
    act(
        request,
        services.take_up_suggestion,
        request.user,
        suggestion,
        note,
        done=_("Taken up."),
    )
    return redirect("proposals:staff_suggestion", pk=pk)


@require_POST
@staff_required
def suggestion_resolve(request, pk):
    suggestion = _suggestion(request, pk)
    reply = _field(request, ReplyForm, "reply")
    act(
        request,
        services.resolve_suggestion,
        request.user,
        suggestion,
        reply,
        done=_("Reply sent; the suggestion is resolved."),
    )
    return redirect("proposals:staff_suggestion", pk=pk)


# --- Figures and duty reports -----------------------------------------------------------------


def percent(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)


@staff_required
def figures(request):
    org = chosen_org(request.user, request.GET.get("org"))
    found = stats.figures(org)
    in_scope = orgs_in_scope(request.user)
    context = {
        "org": org,
        "figures": found,
        "statuses": [(s.label, found["by_status"][s.value]) for s in S],
        "categories": [(c.label, found["by_category"][c.value]) for c in Category],
        "acceptance_percent": percent(found["acceptance_rate"]),
        "satisfaction_percent": percent(found["satisfaction_rate"]),
        "resolution_percent": percent(found["suggestion_resolution_rate"]),
        "parent": in_scope.filter(path=org.path[: -Org.steplen]).first() if org.depth > 1 else None,
        "children": in_scope.filter(org.subtree_q(), depth=org.depth + 1),
        "top_orgs": top_orgs(request.user),
    }
    return render(request, "proposals/staff/figures.html", context)


@staff_required
def representative_report(request, user_id):
    """履职监督: a representative's duty report, for staff whose subtree holds them."""
    if row_id(str(user_id)) is None:  # ``user_id=`` does not guard an id past 64 bits
        raise Http404
    profile = get_object_or_404(
        MemberProfile.objects.visible_to(request.user)
        .exclude(user=request.user)
        .filter(is_representative=True)
        .select_related("user"),
        user_id=user_id,
    )
    form, found = period_report(request, profile.user)
    context = {"form": form, "report": found, "own": False, "profile": profile}
    if found is not None and request.GET.get("print") == "1":
        return render(request, "proposals/report_print.html", {"report": found})
    return render(request, "proposals/report.html", context)
