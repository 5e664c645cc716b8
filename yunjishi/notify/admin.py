from django.contrib import admin

from yunjishi.people.admin_scope import ScopedAdmin

from .models import Delivery, Notification


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    readonly_fields = ["channel", "status", "attempts", "detail", "updated_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ScopedAdmin):
    list_display = ["title", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    readonly_fields = [
        "user",
        "title",
        "body",
        "url",
        "kind",
        "dedupe_key",
        "created_at",
        "read_at",
    ]
    inlines = [DeliveryInline]

    def has_add_permission(self, request):
        return False
