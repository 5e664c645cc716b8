"""Staff pages for the members of their part of the union tree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from yunjishi.core.fields import scrub

from . import services
from .forms import MemberFlagsForm
from .models import MemberProfile
from .scope import is_staff_member


def _staff_only(request) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


@login_required
def member_list(request):
    _staff_only(request)
    query = scrub(request.GET.get("q"), 50)
    members = services.search_members(
        request.user, query=query, status=scrub(request.GET.get("status"), 20)
    )
    page = Paginator(members, 30).get_page(request.GET.get("page"))
    return render(request, "people/staff_members.html", {"page": page, "q": query})


@login_required
def member_detail(request, pk: int):
    _staff_only(request)
    member = get_object_or_404(
        MemberProfile.objects.visible_to(request.user).select_related("user", "org"), pk=pk
    )
    can_change = MemberProfile.objects.changeable_by(request.user).filter(pk=pk).exists()
    form = MemberFlagsForm(request.POST or None, instance=member)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            services.update_member_flags(request.user, member, **form.cleaned_data)
            messages.success(request, _("The member's details have been saved."))
            return redirect("people:staff_member", pk=pk)
    return render(
        request,
        "people/staff_member.html",
        {"member": member, "form": form, "can_change": can_change},
    )
