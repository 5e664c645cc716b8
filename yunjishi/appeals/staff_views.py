"""Staff pages: the workbench (待办 / 办理中 / 超期 / 督办 queues, filters, bulk actions),
one appeal with every action, the supervisor board, statistics and the Excel export.

Every list starts from ``queries.staff_appeals`` (the staffer's subtrees, never their own
appeal); the sender of an anonymous appeal is never on these pages (``identity``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yunjishi.core.errors import first_message
from yunjishi.core.fields import row_id
from yunjishi.core.views import act, message_of
from yunjishi.orgs.models import Org
from yunjishi.people.decorators import staff_required
from yunjishi.people.scope import chosen_org, orgs_in_scope, top_orgs

from . import export, identity, queries, services, similar, stats, supervision
from .forms import (
    AcceptForm,
    BulkForm,
    MergeForm,
    QuestionForm,
    ReasonForm,
    ReassignForm,
    ResolveForm,
    SuperviseForm,
    WorkbenchFilter,
)
from .models import OPEN, SUPERVISOR_ROLES, Appeal, Complexity, Status, Supervision


def filter_orgs(user):
    """The orgs offered in filters: the staffer's own and one level below them."""
    tops = list(top_orgs(user))
    paths = Q(pk__in=[org.pk for org in tops])
    for org in tops:
        paths |= Q(path__startswith=org.path, depth=org.depth + 1)
    return Org.objects.filter(paths, is_active=True).order_by("path")


def reassign_targets(user, appeal: Appeal):
    """Offered in the form: the unit above, the units beside, those below, and the
    staffer's own orgs. The service accepts any org in scope (the API takes an id)."""
    handling = appeal.handling_org
    parent = handling.path[: -Org.steplen]
    near = Q(path__startswith=handling.path, depth=handling.depth + 1)
    if parent:
        near |= Q(path=parent) | Q(path__startswith=parent, depth=handling.depth)
    near |= Q(pk__in=top_orgs(user).values("pk"))
    return Org.objects.filter(near, is_active=True).exclude(pk=handling.pk).order_by("path")


# --- Workbench -------------------------------------------------------------------------


def _filtered(request):
    form = WorkbenchFilter(filter_orgs(request.user), request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    name = data.get("queue") or "todo"
    found = queries.queue(
        request.user,
        name,
        status=data.get("status") or "",
        category=data.get("category"),
        org=data.get("org"),
        text=data.get("q") or "",
    )
    return form, name, found


@staff_required
def workbench(request):
    form, name, found = _filtered(request)
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "queue": name,
        "queues": [
            (key, label, count)
            for (key, (label, _q)), count in zip(
                queries.QUEUES.items(), queries.queue_counts(request.user).values(), strict=True
            )
        ],
        "page": page,
        "query": query.urlencode(),
        "bulk_form": BulkForm(filter_orgs(request.user)),
    }
    return render(request, "appeals/staff/workbench.html", context)


@require_POST
@staff_required
def bulk(request):
    form = BulkForm(orgs_in_scope(request.user), request.POST)
    back = reverse("appeals:staff_home") + "?" + request.POST.get("back", "")
    ids = [pk for pk in map(row_id, request.POST.getlist("ids")) if pk is not None]
    if not form.is_valid() or not ids:
        messages.error(request, _("Choose appeals and an action."))
        return redirect(back)
    data = form.cleaned_data
    done, refused = services.act_on_many(
        request.user, ids, data["action"], org=data["org"], reason=data["reason"]
    )
    if done:
        messages.success(request, _("%(n)d appeals done.") % {"n": len(done)})
    for appeal, error in refused[:10]:
        messages.error(request, f"{appeal.tracking_number}: {message_of(error)}")
    return redirect(back)


@staff_required
def export_xlsx(request):
    form, name, found = _filtered(request)
    org = form.cleaned_data.get("org") if form.is_bound and form.is_valid() else None
    return export.response(request, request.user, found, name, org)


# --- One appeal ----------------------------------------------------------------------------


def _appeal(request, pk: int) -> Appeal:
    return get_object_or_404(queries.staff_appeals(request.user), pk=pk)


@staff_required
def detail(request, pk: int):
    appeal = _appeal(request, pk)
    user = request.user
    is_supervisor = services.is_staff_for(user, appeal, SUPERVISOR_ROLES)
    union = identity.union_shown(appeal, user)
    context = {
        "appeal": appeal,
        "union": union,
        "submitter": identity.submitter_label(appeal, user),
        "contact": identity.submitter_contact(appeal, user),
        "may_reveal": identity.may_reveal(user, appeal)
        and appeal.pk not in identity.revealed_to(user),
        "timeline": queries.timeline(appeal, user, staff=True),
        "photos": appeal.photos.all(),
        "followers": appeal.follower_count,
        "supervisions": appeal.supervisions.select_related("by"),
        "similar": similar.similar_open(
            union,
            appeal.title,
            appeal.text,
            exclude_pk=appeal.pk,
            among=queries.staff_appeals(user),
            # the union shown and all under it: an exact union would tell it
            subtree=union.pk != appeal.org_id,
        )
        if appeal.status in OPEN
        else [],
        "is_open": appeal.status in OPEN,
        "is_supervisor": is_supervisor,
        "accept_form": AcceptForm(initial={"complexity": appeal.complexity}),
        "complexities": Complexity.choices,
        "question_form": QuestionForm(),
        "resolve_form": ResolveForm(),
        "reassign_form": ReassignForm(reassign_targets(user, appeal)),
        "merge_form": MergeForm(),
        "supervise_form": SuperviseForm(),
        "reveal_form": ReasonForm(),
        "Status": Status,
    }
    return render(request, "appeals/staff/detail.html", context)


def _merge(user, appeal, data):
    into = Appeal.objects.filter(tracking_number=data["into"].strip().upper()).first()
    if into is None or not services.is_staff_for(user, into):
        raise ValidationError(
            {"into": [_("No appeal with this number in your part of the union.")]}
        )
    return services.merge(user, appeal, into)


# action: (form, service call, message when done)
ACTIONS = {
    "accept": (
        AcceptForm,
        lambda user, appeal, data: services.accept(user, appeal, data["complexity"]),
        _("Accepted."),
    ),
    "start": (
        None,
        lambda user, appeal, data: services.start(user, appeal),
        _("Handling started."),
    ),
    "complexity": (
        AcceptForm,
        lambda user, appeal, data: services.set_complexity(user, appeal, data["complexity"]),
        _("Complexity set; the deadline follows it."),
    ),
    "ask": (
        QuestionForm,
        lambda user, appeal, data: services.request_info(user, appeal, data["question"]),
        _("The worker has been asked; the clock waits for the answer."),
    ),
    "resolve": (
        ResolveForm,
        lambda user, appeal, data: services.resolve(user, appeal, data["answer"], data["outcome"]),
        _("Answered. The worker will rate it."),
    ),
    "reassign": (
        None,  # its form needs the appeal; built below
        lambda user, appeal, data: services.reassign(user, appeal, data["org"], data["reason"]),
        _("Handed over; the new unit has been told."),
    ),
    "merge": (MergeForm, _merge, _("Merged.")),
    "supervise": (
        SuperviseForm,
        lambda user, appeal, data: supervision.supervise(
            user, appeal, data["instructions"], data["deadline"]
        ),
        _("Under supervision; its people have been told."),
    ),
    "reveal": (
        ReasonForm,
        lambda user, appeal, data: identity.reveal(user, appeal, data["reason"]),
        _("Shown to you; the worker has been told, with your reason."),
    ),
}


@require_POST
@staff_required
def action(request, pk: int, name: str):
    if name not in ACTIONS:
        raise Http404
    appeal = _appeal(request, pk)
    form_class, call, done = ACTIONS[name]
    if name == "reassign":
        # any active org here: the service says where this staffer may hand it
        form = ReassignForm(Org.objects.filter(is_active=True), request.POST)
    else:
        form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
            break
    else:
        act(request, call, request.user, appeal, form.cleaned_data if form else {}, done=done)
    if not queries.staff_appeals(request.user).filter(pk=pk).exists():
        return redirect("appeals:staff_home")  # handed out of the staffer's scope
    return redirect("appeals:staff_detail", pk=pk)


# --- Board and figures ----------------------------------------------------------------------


@staff_required
def board(request):
    """The supervisor board: appeals under 督办, overdue ones and reopened ones."""
    user = request.user
    supervisions = (
        Supervision.objects.visible_to(user)
        .filter(closed_at__isnull=True)
        .select_related("appeal__category", "appeal__handling_org", "by")
        .order_by("deadline", "id")
    )
    found = queries.staff_appeals(user)
    context = {
        "supervisions": supervisions[:100],
        "overdue": found.filter(overdue_since__isnull=False).order_by("overdue_since")[:100],
        "reopened": queries.reopened(user)[:100],
        "past_due": queries.past_due(user)[:100],
    }
    return render(request, "appeals/staff/board.html", context)


@staff_required
def statistics(request):
    org = chosen_org(request.user, request.GET.get("org"))
    try:
        year = stats.parse_year(request.GET.get("year"))
    except ValidationError as error:  # every year instead, and say why
        year = None
        messages.error(request, first_message(error))
    figures = stats.figures(org, year)
    states = list(Status)
    in_scope = orgs_in_scope(request.user)
    context = {
        "org": org,
        "year": year,
        "years": stats.years(),
        "figures": figures,
        "states": states,
        "rows": [
            {
                "name": row["name"],
                "total": row["total"],
                "cells": [row["by_state"].get(s.value, 0) for s in states],
            }
            for row in figures["by_category"]
        ],
        "totals": [figures["by_state"][s.value] for s in states],
        "parent": in_scope.filter(path=org.path[: -Org.steplen]).first() if org.depth > 1 else None,
        "children": in_scope.filter(org.subtree_q(), depth=org.depth + 1),
        "top_orgs": top_orgs(request.user),
        "query": urlencode({"year": year}) if year else "",
    }
    return render(request, "appeals/staff/stats.html", context)
