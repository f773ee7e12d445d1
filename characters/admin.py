"""Moderation of characters: featured and public flags, the tag tree, training status and retry,
history. Edits go through characters.services (the public rule gives the same message as pages and
API); querysets go through the same selectors as pages and API."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from characters import selectors, services
from characters.models import CharacterProfile, CharacterStyle, Project, ReferenceImage, Tag, TrainingProfile
from characters.services.common import PUBLIC_NEEDS_STYLE
from core.admin import HistoryAdmin

ADMIN_FIELDS = ("name", "description", "backstory", "is_public", "is_featured", "tags", "projects")


class CharacterAdminForm(forms.ModelForm):
    class Meta:
        model = CharacterProfile
        fields = ADMIN_FIELDS

    def clean(self):
        cleaned = super().clean()
        character = self.instance
        if cleaned.get("is_public") and not (
            character.pk and (character.styles.exists() or character.images.exists())
        ):
            self.add_error("is_public", PUBLIC_NEEDS_STYLE)
        return cleaned


class StyleInline(admin.TabularInline):
    model = CharacterStyle
    fields = ("order", "name", "prompt_helper", "prompt", "negative_prompt")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ImageInline(StyleInline):
    model = ReferenceImage
    fields = ("order", "image", "alt_text", "is_primary", "width", "height", "format", "bytes")
    readonly_fields = fields


@admin.register(CharacterProfile)
class CharacterAdmin(HistoryAdmin):
    form = CharacterAdminForm
    list_display = ("name", "created_by", "is_public", "is_featured", "training_status", "updated_at")
    list_filter = ("is_public", "is_featured", "training__status")
    list_select_related = ("created_by", "training")
    search_fields = ("name", "nickname", "created_by__username")
    raw_id_fields = ("projects",)
    inlines = [StyleInline, ImageInline]
    actions = ["retrain", "feature", "unfeature"]

    def get_queryset(self, request):
        if request.user.is_superuser:
            return super().get_queryset(request)
        visible = selectors.character_list_visible_to(user=request.user).values("pk")
        return super().get_queryset(request).filter(pk__in=visible)

    def has_add_permission(self, request):
        return False  # characters are created on their pages, by their creators

    @admin.display(description="Training")
    def training_status(self, obj):
        return obj.training.get_status_display() if hasattr(obj, "training") else "—"

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in ADMIN_FIELDS if name in form.cleaned_data}
        try:
            services.character_update(character=obj, actor=request.user, **fields)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)

    def save_related(self, request, form, formsets, change):
        """The service saved tags and projects with the character already; the inlines are read-only."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(description="Retrain the selected characters")
    def retrain(self, request, queryset):
        done = 0
        for character in queryset:
            try:
                services.character_retrain(character=character, actor=request.user)
                done += 1
            except Exception as error:
                self.message_user(request, f"{character}: {error}", messages.WARNING)
        self.message_user(request, f"{done} character(s) queued for training.")

    @admin.action(description="Feature the selected characters")
    def feature(self, request, queryset):
        self._set_featured(request, queryset, True)

    @admin.action(description="Stop featuring the selected characters")
    def unfeature(self, request, queryset):
        self._set_featured(request, queryset, False)

    def _set_featured(self, request, queryset, featured: bool) -> None:
        for character in queryset:
            try:
                services.character_update(character=character, actor=request.user, is_featured=featured)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{character}: {' '.join(error.messages)}", messages.ERROR)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """The tag tree: each tag with the path to it; Tag.clean refuses a parent that would make a cycle."""

    list_display = ("name", "path", "color", "icon")
    list_select_related = ("parent",)
    search_fields = ("name",)
    raw_id_fields = ("parent",)

    @admin.display(description="Place in the tree")
    def path(self, tag):
        return " › ".join(ancestor.name for ancestor in reversed(tag.ancestors())) or "(top level)"


@admin.register(TrainingProfile)
class TrainingProfileAdmin(admin.ModelAdmin):
    list_display = ("character", "status", "started_at", "finished_at", "last_error")
    list_filter = ("status",)
    list_select_related = ("character",)
    readonly_fields = (
        "character",
        "status",
        "task_id",
        "started_at",
        "finished_at",
        "log",
        "last_error",
        "embedding_method",
    )
    exclude = ("embedding",)
    actions = ["retry"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        visible = selectors.character_list_visible_to(user=request.user).values("pk")
        return queryset.filter(character__in=visible)

    def has_add_permission(self, request):
        return False

    @admin.action(description="Retry training")
    def retry(self, request, queryset):
        for profile in queryset.select_related("character"):
            try:
                services.character_retrain(character=profile.character, actor=request.user)
            except Exception as error:
                self.message_user(request, f"{profile.character}: {error}", messages.WARNING)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "created_at")
    search_fields = ("name", "owner__username")
    list_select_related = ("owner",)
    readonly_fields = ("slug",)
    raw_id_fields = ("owner",)
