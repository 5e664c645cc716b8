"""Staff pages for the members of their part of the union tree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from yunjishi.core.fields import scrub

from . import services
from .auditing import record_member_list, record_member_view
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
    status = scrub(request.GET.get("status"), 20)
    members = services.search_members(request.user, query=query, status=status)
    page = Paginator(members, 30).get_page(request.GET.get("page"))
    count = page.paginator.count
    record_member_list(
        request,
        request.user,
        query=query,
        status=status,
        count=count,
        only=page.object_list[0] if count == 1 else None,
    )
    return render(request, "people/staff_members.html", {"page": page, "q": query})


@login_required
def member_detail(request, pk: int):
    _staff_only(request)
    member = get_object_or_404(
        MemberProfile.objects.visible_to(request.user).select_related("user", "org"), pk=pk
    )
    can_change = services.may_change_flags(request.user, member)
    form = MemberFlagsForm(request.POST or None, instance=member)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            services.update_member_flags(request.user, member, request=request, **form.cleaned_data)
            messages.success(request, _("The member's details have been saved."))
            return redirect("people:staff_member", pk=pk)
    else:
        record_member_view(request, request.user, member)
    return render(
        request,
        "people/staff_member.html",
        {"member": member, "form": form, "can_change": can_change},
    )
