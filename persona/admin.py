from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.defaultfilters import pluralize
from simple_history.template_utils import HistoricalRecordContextHelper

from core.admin import HistoryAdmin
from persona import rules, selectors, services
from persona.admin_scoping import PersonaScopedAdminMixin
from persona.models import (
    DEFINITION_FIELDS,
    EDITABLE_FIELDS,
    Persona,
    PersonaPrompt,
    PersonaShare,
    Status,
    Visibility,
)

ADMIN_EDITABLE = EDITABLE_FIELDS
HIDDEN_VALUE = "(hidden from you)"


class PersonaPromptInline(PersonaScopedAdminMixin, admin.TabularInline):
    model = PersonaPrompt
    fields = ("order", "title", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class PersonaShareInline(PersonaScopedAdminMixin, admin.TabularInline):
    model = PersonaShare
    fields = ("user", "role", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DefinitionsHiddenHistory(HistoricalRecordContextHelper):
    """A history diff without the definitions' values."""

    def prepare_delta_change_value(self, change, value):
        if change.field in DEFINITION_FIELDS:
            return HIDDEN_VALUE
        return super().prepare_delta_change_value(change, value)


class DeletedFilter(admin.SimpleListFilter):
    """Deleted personas are out of the list unless asked for: then moderators find them (read-only)."""

    title = "deleted"
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("deleted", "Deleted (in the trash)")]

    def queryset(self, request, queryset):
        if self.value() == "deleted":
            return queryset.filter(deleted_at__isnull=False)
        return queryset.filter(deleted_at__isnull=True)


@admin.register(Persona)
class PersonaAdmin(PersonaScopedAdminMixin, HistoryAdmin):
    """Moderation: edits, the actions and history reverts all go through persona.services. There are no
    object-permission pages: sharing happens only through the sharing service, where owners see it.
    The definitions are for those who may edit the persona (moderators): its history pages show every
    version, so staff who only read personas see none of their definitions, hidden or not."""

    persona_path = "pk"

    list_display = ("name", "owner", "visibility", "status", "is_default", "forked_from", "created_at")
    list_filter = (DeletedFilter, "visibility", "status", "is_default", "created_at")
    search_fields = ("name", "slug", "description", "owner__username")
    list_select_related = ("owner", "forked_from")
    raw_id_fields = ("owner", "forked_from")
    readonly_fields = (
        "owner",
        "slug",
        "forked_from",
        "is_default",
        "thumbnail",
        "popularity_score",
        "created_at",
    )
    fields = ("owner", "slug", *ADMIN_EDITABLE, "forked_from", "is_default", "thumbnail", "popularity_score")
    inlines = (PersonaPromptInline, PersonaShareInline)
    actions = ("make_active", "archive", "make_private", "soft_delete")
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return selectors.persona_admin_queryset(user=request.user)

    def get_list_display(self, request):
        if request.GET.get(DeletedFilter.parameter_name) == "deleted":
            return (*self.list_display, "deleted_at", "deleted_by")
        return self.list_display

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None or rules.can_edit(request.user, obj):
            return fields
        return [name for name in fields if name not in DEFINITION_FIELDS]

    def get_historical_record_context_helper(self, request, historical_record):
        if rules.can_edit(request.user, historical_record.instance):
            return super().get_historical_record_context_helper(request, historical_record)
        return DefinitionsHiddenHistory(self.model, historical_record)

    def has_add_permission(self, request):
        return False  # personas are created on the site or through the API, where the owner is the creator

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return not obj.is_deleted and rules.can_edit(request.user, obj)  # the deleted are read-only

    def has_delete_permission(self, request, obj=None):
        return False  # deletion is the soft delete action below, which can be undone

    def save_model(self, request, obj, form, change):
        changed = {name: form.cleaned_data[name] for name in form.changed_data if name in ADMIN_EDITABLE}
        if changed.get("image") is False:  # the file input's "clear" box
            changed["image"] = ""
        try:
            services.persona_update(persona=obj, actor=request.user, **changed)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, f"Not saved: {_describe(error)}", messages.ERROR)

    @admin.action(description="Activate selected personas")
    def make_active(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda p: services.persona_update(persona=p, actor=request.user, status=Status.ACTIVE),
        )

    @admin.action(description="Archive selected personas")
    def archive(self, request, queryset):
        self._apply(request, queryset, lambda p: services.persona_archive(persona=p, actor=request.user))

    @admin.action(description="Make selected personas private")
    def make_private(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda p: services.persona_update(persona=p, actor=request.user, visibility=Visibility.PRIVATE),
        )

    @admin.action(description="Delete selected personas (soft delete)")
    def soft_delete(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda p: services.persona_delete(persona=p, actor=request.user, reason="other"),
        )

    def _apply(self, request, queryset, change):
        done, refused = 0, []
        for persona in queryset:
            try:
                change(persona)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                refused.append(f"{persona.name}: {_describe(error)}")
            except Http404:
                refused.append(f"{persona.name}: it is deleted; its owner can restore it from their trash.")
        self.message_user(request, f"{done} persona{pluralize(done)} updated.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.ERROR)


def _describe(error) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error) or "not allowed"
