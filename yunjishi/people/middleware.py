"""Staff sessions (等保 2.0): they end after STAFF_IDLE_MINUTES without a request, and with
STAFF_REQUIRE_2FA nothing but the login, logout and one-time-code pages opens before the
session has passed a TOTP code (the admin included)."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from yunjishi.core.errors import error_response

from . import twofactor
from .models import User

# Reachable before the second factor: what it takes to pass it, or to leave.
OPEN_PREFIXES = ("/static/", "/media/", "/i18n/", "/api/health", "/api/auth/logout")


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and twofactor.is_staff_account(user):
            if settings.STAFF_IDLE_MINUTES > 0:
                # A sliding expiry: each request saves the session with a new end.
                request.session.set_expiry(settings.STAFF_IDLE_MINUTES * 60)
            if twofactor.required() and not twofactor.is_verified(user):
                refused = self._second_factor_first(request, user)
                if refused is not None:
                    return refused
        return self.get_response(request)

    def _second_factor_first(self, request, user: User):
        path = request.path_info
        open_paths = (
            reverse("people:login"),
            reverse("people:logout"),
            reverse("people:otp_verify"),
            reverse("people:otp_enrol"),
        )
        if path in open_paths or path.startswith(OPEN_PREFIXES):
            return None
        if path.startswith("/api/"):
            return error_response(
                403, "otp_required", _("Enter your one-time code on the website first.")
            )
        if request.headers.get("HX-Request"):
            # A part of the page refreshing itself (the unread count): nothing to swap in,
            # rather than the whole enrolment page inside the header.
            return HttpResponse(status=204)
        target = "people:otp_verify" if twofactor.has_device(user) else "people:otp_enrol"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
