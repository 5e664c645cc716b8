from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import services
from .models import Notification


@login_required
def inbox(request):
    notifications = Notification.objects.visible_to(request.user).filter(user=request.user)
    page = Paginator(notifications, 20).get_page(request.GET.get("page"))
    return render(request, "notify/inbox.html", {"page": page})


@login_required
@require_POST
def mark_all_read(request):
    services.mark_read(request.user)
    return redirect("notify:inbox")


@login_required
def unread_badge(request):
    """The header badge, refreshed by htmx."""
    return render(
        request, "notify/badge.html", {"unread_count": services.unread_count(request.user)}
    )
