"""Chats in the admin: metadata only. What was said is its user's alone, so neither titles (the user's
own words) nor messages are shown, and nothing is edited here; a chat may be deleted."""

from django.contrib import admin
from django.db.models import Count

from chat.models import Chat


@admin.register(Chat)
class ChatAdmin(admin.ModelAdmin):
    list_display = ["id", "owner", "persona", "message_count", "created_at", "updated_at"]
    list_select_related = ["owner", "persona"]
    search_fields = ["owner__username", "persona__name"]
    fields = ["owner", "persona", "message_count", "created_at", "updated_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(message_count=Count("messages"))

    @admin.display(ordering="message_count")
    def message_count(self, chat):
        return chat.message_count

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
