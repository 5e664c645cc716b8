"""The two home pages: the worker's entry to every module, and the staff member's desk.

Neither names an app: each installed app that has a ``home`` module declares its own
``worker_entries`` and ``staff_entries`` (``yunjishi.core.home.Entry``); these views show
a person the entries of every app that their roles may see, with what waits for them.
"""

from functools import cache
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from yunjishi.core.home import Entry
from yunjishi.people.decorators import staff_required
from yunjishi.people.home import roles_of
from yunjishi.people.models import MemberProfile, StaffAssignment
from yunjishi.people.scope import orgs_in_scope


@cache
def home_modules() -> tuple[ModuleType, ...]:
    """The ``home`` module of every installed app that has one, in INSTALLED_APPS order."""
    return tuple(
        import_module(f"{config.name}.home")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "home")
    )


def declared(kind: str) -> list[Entry]:
    """Every app's ``worker_entries`` or ``staff_entries``, sorted by their order."""
    entries = [entry for module in home_modules() for entry in getattr(module, kind, ())]
    return sorted(entries, key=lambda entry: entry.order)


def entries_for(user, kind: str) -> list[dict]:
    """The entries ``user`` may see, each with its address and, when logged in, its count."""
    roles = roles_of(user)
    shown = []
    for entry in declared(kind):
        if not entry.seen_by(roles):
            continue
        url = entry.url(user) if callable(entry.url) else _reverse(entry.url)
        if url is None:
            continue
        count = entry.count(user) if entry.count and user.is_authenticated else None
        shown.append(
            {
                "title": entry.title,
                "text": entry.text,
                "url": url,
                "count": count,
                "count_text": str(entry.count_text) % {"count": count} if count else "",
            }
        )
    return shown


def _reverse(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:  # pages not mounted in this deployment
        return None


def _membership_line(user) -> str:
    profile = MemberProfile.objects.filter(user=user).select_related("org").first()
    if profile is None:
        return _("Not a member")
    if profile.is_member:
        return _("Member of %(org)s, number %(number)s") % {
            "org": profile.org.name if profile.org else "",
            "number": profile.membership_number,
        }
    return profile.get_membership_status_display()


def home(request):
    context = {"entries": entries_for(request.user, "worker_entries")}
    if request.user.is_authenticated:
        context["membership_line"] = _membership_line(request.user)
    return render(request, "home.html", context)


@staff_required
def staff_home(request):
    user = request.user
    context = {
        "entries": entries_for(user, "staff_entries"),
        "assignments": StaffAssignment.objects.filter(user=user)
        .select_related("org")
        .order_by("org__path"),
        "org_count": orgs_in_scope(user).count(),
        "member_count": MemberProfile.objects.visible_to(user)
        .filter(membership_status="member")
        .count(),
    }
    return render(request, "staff_home.html", context)
