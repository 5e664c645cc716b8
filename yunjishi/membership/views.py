"""Membership pages: the worker's own page and forms, and the staff queues.

Views only translate between HTTP and ``services``: every rule lives there.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yunjishi.core.errors import ServiceError
from yunjishi.core.fields import scrub
from yunjishi.core.views import act, errors_into
from yunjishi.people.decorators import staff_required
from yunjishi.people.services import member_profile

from . import services
from .forms import ApplyForm, LeaveForm, TransferForm
from .models import JoinApplication, TransferRequest
from .services import MAX_REASON


def _submit(form, action, *args, **kwargs) -> bool:
    """Run a service with a valid form's data; its refusals become the form's errors.
    True when it was done (the services here may return nothing)."""
    try:
        action(*args, **kwargs)
    except (ServiceError, ValidationError) as error:
        errors_into(form, error)
        return False
    return True


# --- The worker's pages ----------------------------------------------------------------


@login_required
def home(request):
    context = services.overview(request.user)
    return render(request, "membership/home.html", {**context, "now": timezone.now()})


@login_required
def apply(request):
    profile = member_profile(request.user)
    initial = {
        "real_name": profile.real_name,
        "occupation": profile.occupation_id,
        "employer_name": profile.employer_name,
        "new_employment_form": profile.is_new_employment_form,
    }
    form = ApplyForm(request.POST or None, initial=initial)
    sent = request.method == "POST" and form.is_valid()
    if sent and _submit(form, services.apply, request.user, **form.cleaned_data):
        messages.success(request, _("Your application has been sent."))
        return redirect("membership:home")
    days = settings.JOIN_DECISION_DAYS
    return render(request, "membership/apply.html", {"form": form, "days": days})


@require_POST
@login_required
def withdraw(request, pk):
    application = get_object_or_404(JoinApplication.objects.filter(applicant=request.user), pk=pk)
    act(request, services.withdraw, request.user, application, done=_("Application withdrawn."))
    return redirect("membership:home")


@login_required
def transfer(request):
    form = TransferForm(request.POST or None)
    sent = request.method == "POST" and form.is_valid()
    if sent and _submit(form, services.request_transfer, request.user, **form.cleaned_data):
        messages.success(request, _("Your transfer request has been sent."))
        return redirect("membership:home")
    return render(request, "membership/transfer.html", {"form": form})


@require_POST
@login_required
def withdraw_transfer(request, pk):
    transfer = get_object_or_404(TransferRequest.objects.filter(member=request.user), pk=pk)
    act(request, services.withdraw_transfer, request.user, transfer, done=_("Transfer withdrawn."))
    return redirect("membership:home")


@login_required
def leave(request):
    form = LeaveForm(request.POST or None)
    sent = request.method == "POST" and form.is_valid()
    if sent and _submit(form, services.leave, request.user, form.cleaned_data["reason"]):
        messages.success(request, _("You have left the union."))
        return redirect("membership:home")
    return render(request, "membership/leave.html", {"form": form})


# --- Staff pages -----------------------------------------------------------------------


def _queue(request, template: str, pending):
    page = Paginator(pending, 50).get_page(request.GET.get("page"))
    return render(request, template, {"page": page, "now": timezone.now()})


@staff_required
def staff_queue(request):
    pending = JoinApplication.objects.pending().visible_to(request.user)
    return _queue(
        request,
        "membership/staff_queue.html",
        pending.select_related("org", "area", "occupation"),
    )


@staff_required
def staff_transfers(request):
    pending = TransferRequest.objects.pending().visible_to(request.user)
    return _queue(
        request,
        "membership/staff_transfers.html",
        pending.select_related("from_org", "to_org", "member__member_profile"),
    )


DECISIONS = {
    "application": (JoinApplication, services.approve, services.decline, "membership:staff_queue"),
    "transfer": (
        TransferRequest,
        services.approve_transfer,
        services.decline_transfer,
        "membership:staff_transfers",
    ),
}


@require_POST
@staff_required
def decide(request, pk, kind, decision):
    model, approve, decline, back = DECISIONS[kind]
    request_obj = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    if decision == "approve":
        act(request, approve, request.user, request_obj, done=_("Approved."))
    else:
        reason = scrub(request.POST.get("reason"), MAX_REASON, multiline=True)
        act(request, decline, request.user, request_obj, reason, done=_("Declined."))
    return redirect(back)
