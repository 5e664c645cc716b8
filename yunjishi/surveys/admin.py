"""Back office for surveys: scoped to the staffer's subtree; questions and choices stay as
they were asked once anyone has answered; responses are read-only and never show who gave
an anonymous one (no respondent or device key)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from yunjishi.people.admin_scope import (
    ReadOnlyAdmin,
    ReadOnlyInline,
    ScopedAdmin,
    ThroughParentAdmin,
)
from yunjishi.people.scope import is_staff_member

from .models import Answer, Choice, Question, Response, Survey, SurveyLink


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "text", "kind", "required", "choice_summary"]
    readonly_fields = ["choice_summary"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("choices")

    @admin.display(description=gettext_lazy("choices"))
    def choice_summary(self, obj):
        return "；".join(
            f"{c.text} [{c.category}]" if c.category else c.text for c in obj.choices.all()
        )

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)

    def _editable(self, request, obj):
        # Once people have answered, the questions stay as they were asked.
        return obj is None or (
            Survey.objects.changeable_by(request.user).filter(pk=obj.pk).exists()
            and not obj.responses.exists()
        )

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj)


class SurveyLinkInline(ReadOnlyInline):
    model = SurveyLink
    fields = ["org", "token", "created_at"]


@admin.register(Survey)
class SurveyAdmin(ScopedAdmin):
    list_display = ["title", "org", "is_open", "anonymous_allowed", "created_at", "answered"]
    list_filter = ["is_open", "anonymous_allowed"]
    search_fields = ["title"]
    list_select_related = ["org"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [QuestionInline, SurveyLinkInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=gettext_lazy("responses"), ordering="answered")
    def answered(self, obj):
        return obj.answered

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    fields = ["order", "text", "category"]

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)

    def _editable(self, request, obj):
        return obj is None or (
            Survey.objects.changeable_by(request.user).filter(pk=obj.survey_id).exists()
            and not obj.answers.exists()
        )

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj)


@admin.register(Question)
class QuestionAdmin(ThroughParentAdmin):
    parent_lookup = "survey"
    parent_model = Survey
    list_display = ["text", "survey", "kind", "required", "order"]
    list_filter = ["kind"]
    list_select_related = ["survey"]
    inlines = [ChoiceInline]

    def has_module_permission(self, request):
        return False  # reached from its survey

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return is_staff_member(request.user)
        return (
            Survey.objects.changeable_by(request.user).filter(pk=obj.survey_id).exists()
            and not obj.answers.exists()
        )


class AnswerInline(ReadOnlyInline):
    model = Answer
    fields = ["question", "choice", "text"]


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ["survey", "enterprise", "submitted_at", "signed"]
    list_filter = ["signed"]
    list_select_related = ["survey", "link__org"]
    exclude = ["respondent_key", "device_key"]
    inlines = [AnswerInline]

    @admin.display(description=gettext_lazy("enterprise union"))
    def enterprise(self, obj):
        return obj.link.org
