"""Membership pages: the worker's own page and forms, and the staff queues.

Views only translate between HTTP and ``services``: every rule lives there.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yunjishi.core.errors import ServiceError, first_message, validation_fields
from yunjishi.people.scope import is_staff_member
from yunjishi.people.services import member_profile

from . import services
from .forms import ApplyForm, LeaveForm, TransferForm
from .models import JoinApplication, TransferRequest


def staff_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _submit(form, action, *args, **kwargs) -> bool:
    """Run a service with a valid form's data; its refusals become the form's errors."""
    try:
        action(*args, **kwargs)
    except ValidationError as error:
        for field, errors in validation_fields(error).items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
        return False
    except ServiceError as error:
        form.add_error(None, str(error.message))
        return False
    return True


def _act(request, action, *args, done: str) -> None:
    """Run a one-button service; say on the next page how it went."""
    try:
        action(*args)
    except ValidationError as error:
        messages.error(request, first_message(error))
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)


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
    _act(request, services.withdraw, request.user, application, done=_("Application withdrawn."))
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
    _act(request, services.withdraw_transfer, request.user, transfer, done=_("Transfer withdrawn."))
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
        _act(request, approve, request.user, request_obj, done=_("Approved."))
    else:
        reason = request.POST.get("reason", "")
        _act(request, decline, request.user, request_obj, reason, done=_("Declined."))
    return redirect(back)
