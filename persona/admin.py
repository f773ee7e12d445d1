from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from core.admin import HistoryAdmin
from persona import rules, services
from persona.admin_scoping import PersonaScopedAdminMixin
from persona.models import EDITABLE_FIELDS, Persona, PersonaPrompt, PersonaShare, Status, Visibility

ADMIN_EDITABLE = EDITABLE_FIELDS


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


@admin.register(Persona)
class PersonaAdmin(PersonaScopedAdminMixin, HistoryAdmin):
    """Moderation: edits, the actions and history reverts all go through persona.services. There are no
    object-permission pages: sharing happens only through the sharing service, where owners see it."""

    persona_path = "pk"

    list_display = (
        "name",
        "owner",
        "visibility",
        "status",
        "is_default",
        "forked_from",
        "popularity_score",
        "created_at",
    )
    list_filter = ("visibility", "status", "is_default", "created_at")
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

    def has_add_permission(self, request):
        return False  # personas are created on the site or through the API, where the owner is the creator

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return rules.can_edit(request.user, obj)

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
        self.message_user(request, f"{done} persona(s) updated.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.ERROR)


def _describe(error) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error) or "not allowed"
