"""The two home pages: the worker's entry to every module, and the staff member's desk."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.membership.models import JoinApplication, TransferRequest
from yunjishi.people.models import MemberProfile, StaffAssignment
from yunjishi.people.scope import is_staff_member, orgs_in_scope

# The modules on the worker home page, in the order of the design. A module whose pages
# are not installed yet shows as "opening soon" instead of a dead link.
HOME_ENTRIES = [
    (
        "market:home",
        gettext_lazy("Service market"),
        gettext_lazy("Order services from model workers"),
    ),
    ("stations:home", gettext_lazy("Stations"), gettext_lazy("Find the nearest open station")),
    ("appeals:home", gettext_lazy("Appeals"), gettext_lazy("Tell the union what you need")),
    ("benefits:home", gettext_lazy("Benefits"), gettext_lazy("Member discounts and coupons")),
    ("jobs:home", gettext_lazy("Jobs"), gettext_lazy("Find work and job fairs")),
]


def _entries():
    entries = []
    for name, title, text in HOME_ENTRIES:
        try:
            url = reverse(name)
        except NoReverseMatch:
            url, text = "#", _("Opening soon")
        entries.append({"url": url, "title": title, "text": text})
    return entries


def home(request):
    context = {"entries": _entries()}
    if request.user.is_authenticated:
        profile = MemberProfile.objects.filter(user=request.user).select_related("org").first()
        if profile and profile.is_representative:
            context["entries"].append(
                {
                    "url": reverse("proposals:home"),
                    "title": _("Proposals"),
                    "text": _("Proposals, suggestions and my duty report"),
                }
            )
        if profile and profile.is_member:
            context["membership_line"] = _("Member of %(org)s, number %(number)s") % {
                "org": profile.org.name if profile.org else "",
                "number": profile.membership_number,
            }
        elif profile:
            context["membership_line"] = profile.get_membership_status_display()
        else:
            context["membership_line"] = _("Not a member")
    return render(request, "home.html", context)


@login_required
def staff_home(request):
    if not is_staff_member(request.user):
        raise PermissionDenied
    user = request.user
    context = {
        "assignments": StaffAssignment.objects.filter(user=user)
        .select_related("org")
        .order_by("org__path"),
        "pending_applications": JoinApplication.objects.pending().visible_to(user).count(),
        "pending_transfers": TransferRequest.objects.pending().visible_to(user).count(),
        "org_count": orgs_in_scope(user).count(),
        "member_count": MemberProfile.objects.visible_to(user)
        .filter(membership_status="member")
        .count(),
    }
    return render(request, "staff_home.html", context)
