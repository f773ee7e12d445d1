"""Every write to content goes through these functions; views, API, admin, handlers and demo call them."""

from content.services.interactions import (
    comment_create,
    comment_set_hidden,
    content_like_toggle,
    content_view_record,
    share_link_create,
    share_link_use,
)
from content.services.items import (
    content_answer_sync,
    content_create,
    content_delete,
    content_from_answer,
    content_import_transcript,
    content_publish_chat,
)
from content.services.notifications import (
    notification_create,
    notification_group_add,
    notification_mark_read,
    notifications_about_persona,
    notifications_fan_out,
    notifications_mark_all_read,
    notifications_to_owners,
)

__all__ = [
    "comment_create",
    "comment_set_hidden",
    "content_answer_sync",
    "content_create",
    "content_delete",
    "content_from_answer",
    "content_import_transcript",
    "content_like_toggle",
    "content_publish_chat",
    "content_view_record",
    "notification_create",
    "notification_group_add",
    "notification_mark_read",
    "notifications_about_persona",
    "notifications_fan_out",
    "notifications_mark_all_read",
    "notifications_to_owners",
    "share_link_create",
    "share_link_use",
]
