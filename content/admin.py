"""Moderation of content: read items and their chats and comments, delete items, hide or show comments,
each through content.services. Lists show only rows whose persona the staff member may read
(persona.admin_scoping, through the persona selectors)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.text import Truncator

from content import rules, services
from content.models import ChatMessage, ContentComment, ContentItem
from persona.admin_scoping import PersonaScopedAdminMixin


class ChatMessageInline(admin.TabularInline):
    model = ChatMessage
    fields = ("position", "role", "text", "sent_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ContentItem)
class ContentItemAdmin(PersonaScopedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "persona", "author", "created_at")
    list_filter = ("kind", "created_at")
    search_fields = ("title", "persona__name", "author__username")
    list_select_related = ("persona", "author")
    fields = ("persona", "kind", "title", "body", "image", "thumbnail", "answer", "author", "created_at")
    readonly_fields = fields
    inlines = (ChatMessageInline,)
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # published on the site or through the API, by those who may change the persona

    def has_change_permission(self, request, obj=None):
        return False  # read-only: an item is its persona's words

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rules.can_delete(request.user, obj))

    def delete_model(self, request, obj):
        services.content_delete(item=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for item in queryset.select_related("persona"):
            services.content_delete(item=item, actor=request.user)


@admin.register(ContentComment)
class ContentCommentAdmin(PersonaScopedAdminMixin, admin.ModelAdmin):
    persona_path = "item__persona"
    list_display = ("excerpt", "author", "item", "created_at", "hidden_at", "counted")
    list_filter = (("hidden_at", admin.EmptyFieldListFilter), "counted", "created_at")
    search_fields = ("text", "author__username", "item__title")
    list_select_related = ("author", "item__persona")
    fields = ("item", "author", "text", "created_at", "counted", "hidden_at", "hidden_by")
    readonly_fields = fields
    actions = ("hide", "show")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # hidden instead, which can be undone

    @admin.display(description="Comment")
    def excerpt(self, comment) -> str:
        return Truncator(comment.text).chars(80)

    @admin.action(description="Hide selected comments (they stop counting)", permissions=["change"])
    def hide(self, request, queryset):
        self._set_hidden(request, queryset, hidden=True)

    @admin.action(description="Show selected comments again", permissions=["change"])
    def show(self, request, queryset):
        self._set_hidden(request, queryset, hidden=False)

    def _set_hidden(self, request, queryset, *, hidden: bool) -> None:
        done = 0
        for comment in queryset.select_related("item__persona__owner"):
            try:
                services.comment_set_hidden(comment=comment, actor=request.user, hidden=hidden)
                done += 1
            except PermissionDenied as error:
                self.message_user(request, f"Comment {comment.pk}: {error}", messages.ERROR)
        self.message_user(request, f"{done} comment(s) updated.", messages.SUCCESS)
