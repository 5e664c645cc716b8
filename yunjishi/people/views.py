from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from yunjishi.core.errors import error_response
from yunjishi.core.views import errors_into

from . import security, services
from .forms import PhoneLoginForm, ProfileForm, SignupForm
from .scope import is_staff_member


class LoginView(auth_views.LoginView):
    form_class = PhoneLoginForm
    template_name = "people/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        if is_staff_member(self.request.user):
            return reverse("staff_home")
        return reverse("home")


def locked_out(request, response=None, credentials=None):
    """What axes shows after too many wrong passwords: a page, or the API's error shape."""
    if request.path.startswith("/api/"):
        return error_response(429, "locked_out", _("Too many failed logins. Try again later."))
    return render(request, "people/locked_out.html", status=429)


def signup(request):
    """Sign-up answers alike whether or not the number is registered: a new number gets its
    account, a registered one's owner is told; either way the person goes on to log in."""
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        if not security.take_signup_attempt(request):
            form.is_valid()
            form.add_error(None, _("Too many sign-ups from your network. Try again later."))
            return render(request, "people/signup.html", {"form": form}, status=429)
        if form.is_valid():
            try:
                services.register_worker(
                    phone=form.cleaned_data["phone"],
                    password=form.cleaned_data["password"],
                    real_name=form.cleaned_data["real_name"],
                )
            except ValidationError as error:
                errors_into(form, error)
            else:
                messages.success(request, services.SIGNUP_ACCEPTED)
                return redirect("people:login")
    return render(request, "people/signup.html", {"form": form})


@login_required
def profile(request):
    member = services.member_profile(request.user)
    form = ProfileForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if form.cleaned_data["id_number"]:
                    services.set_id_number(member, form.cleaned_data["id_number"])
                form.save()
                request.user.email = form.cleaned_data["email"]
                request.user.display_name = member.real_name
                request.user.save(update_fields=["email", "display_name"])
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("people:profile")
    return render(request, "people/profile.html", {"form": form, "member": member})


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password has been changed."))
        return redirect("people:profile")
    return render(request, "people/password_change.html", {"form": form})
