"""The second step of a staff login: enrolling an authenticator app once, then a code from
it after the password (people.twofactor holds the rules)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import twofactor
from .forms import OneTimeCodeForm


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("staff_home")


def _checked(form, result: bool | None) -> bool:
    if result is None:
        form.add_error("code", _("Too many wrong codes. Wait a few minutes and try again."))
    elif not result:
        form.add_error("code", _("This code is not right, or has expired."))
    return bool(result)


@login_required
def enrol(request):
    if not twofactor.is_staff_account(request.user):
        return redirect("home")
    # Replacing an enrolled device takes a verified session: a password alone may not.
    if twofactor.has_device(request.user) and not twofactor.is_verified(request.user):
        return redirect(f"{reverse('people:otp_verify')}?next={reverse('people:otp_enrol')}")
    device = twofactor.pending_device(request.user)
    form = OneTimeCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if _checked(form, twofactor.check_code(device, form.cleaned_data["code"])):
            twofactor.confirm(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(_next(request))
        status = 400
    context = {
        "form": form,
        "qr": twofactor.qr_data_uri(device),
        "secret": twofactor.secret_of(device),
        "next": _next(request),
    }
    return render(request, "people/otp_enrol.html", context, status=status)


@login_required
def verify(request):
    if not twofactor.is_staff_account(request.user) or twofactor.is_verified(request.user):
        return redirect(_next(request))
    if not twofactor.has_device(request.user):
        return redirect(f"{reverse('people:otp_enrol')}?next={_next(request)}")
    form = OneTimeCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        result = twofactor.verify(request, form.cleaned_data["code"])
        if _checked(form, result):
            return redirect(_next(request))
        status = 429 if result is None else 400
    return render(
        request, "people/otp_verify.html", {"form": form, "next": _next(request)}, status=status
    )
