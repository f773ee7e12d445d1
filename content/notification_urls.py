"""`/notifications/`: the list and marking read; the bell in every page's header leads here."""

from django.urls import path

from content.views import notifications

app_name = "notifications"
urlpatterns = [
    path("", notifications.notification_list, name="list"),
    path("<int:pk>/read/", notifications.notification_read, name="read"),
    path("read-all/", notifications.notifications_read_all, name="read_all"),
]
