"""Back office for joining and transfers: read-mostly, decisions go through the services."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.core.errors import ServiceError, first_message
from yunjishi.people.admin_scope import ScopedAdmin

from . import services
from .forms import DeclineForm
from .models import IntakeRule, JoinApplication, MembershipEvent, TransferRequest


@admin.register(IntakeRule)
class IntakeRuleAdmin(ScopedAdmin):
    list_display = ["occupation", "area", "org"]
    list_filter = ["occupation"]
    list_select_related = ["occupation", "area", "org"]


class DecisionAdmin(ScopedAdmin):
    """Requests are made by workers and decided by actions; nobody edits them by hand."""

    actions = ["approve_selected", "decline_selected"]
    approve_service = staticmethod(services.approve)
    decline_service = staticmethod(services.decline)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # The list allows actions; a single request is only viewed.
        return obj is None and super().has_change_permission(request)

    def _run(self, request, queryset, decide) -> None:
        done = 0
        for request_obj in queryset:
            try:
                decide(request_obj)
            except ValidationError as error:
                self.message_user(request, f"{request_obj}: {first_message(error)}", messages.ERROR)
            except ServiceError as error:
                self.message_user(request, f"{request_obj}: {error.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, _("%(n)d decided.") % {"n": done}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Approve the selected requests"), permissions=["change"])
    def approve_selected(self, request, queryset):
        self._run(request, queryset, lambda obj: self.approve_service(request.user, obj))

    @admin.action(description=gettext_lazy("Decline the selected requests"), permissions=["change"])
    def decline_selected(self, request, queryset):
        form = DeclineForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            self._run(
                request, queryset, lambda obj: self.decline_service(request.user, obj, reason)
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Decline the selected requests"),
            "opts": self.model._meta,
            "form": form,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/membership/decline.html", context)


@admin.register(JoinApplication)
class JoinApplicationAdmin(DecisionAdmin):
    list_display = ["real_name", "org", "status", "routed_by", "due_at", "escalations"]
    list_filter = ["status", "routed_by", "is_new_employment_form"]
    search_fields = ["real_name", "employer_name"]
    list_select_related = ["org"]
    date_hierarchy = "submitted_at"


@admin.register(TransferRequest)
class TransferRequestAdmin(DecisionAdmin):
    list_display = ["member", "from_org", "to_org", "status", "due_at"]
    list_filter = ["status"]
    list_select_related = ["member", "from_org", "to_org"]
    approve_service = staticmethod(services.approve_transfer)
    decline_service = staticmethod(services.decline_transfer)


@admin.register(MembershipEvent)
class MembershipEventAdmin(ScopedAdmin):
    list_display = ["at", "member", "kind", "org", "from_org", "actor"]
    list_filter = ["kind"]
    list_select_related = ["member", "org", "from_org", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
