"""The bell's unread count for every page's header, read only if the page shows it (a callable, which the
template calls once inside `{% with %}`), and then from the per-user cache (content.notifications)."""

from content.notifications import notification_unread_count


def notifications(request) -> dict:
    return {"notifications_unread": lambda: notification_unread_count(user=request.user)}
