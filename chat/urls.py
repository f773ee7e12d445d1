from django.urls import path

from chat.views import pages, streaming, transfer

app_name = "chat"
urlpatterns = [
    path("", pages.chat_list, name="list"),
    path("with/<slug:slug>/", pages.chat_start, name="start"),
    path("with/<slug:slug>/import/", transfer.chat_import, name="import"),
    path("<int:pk>/", pages.chat_detail, name="detail"),
    path("<int:pk>/send/", pages.message_send, name="send"),
    path("<int:pk>/stream/", streaming.chat_stream, name="stream"),
    path("<int:pk>/regenerate/", pages.chat_regenerate, name="regenerate"),
    path("<int:pk>/greeting/", pages.chat_greeting, name="greeting"),
    path("<int:pk>/rename/", pages.chat_rename, name="rename"),
    path("<int:pk>/delete/", pages.chat_delete, name="delete"),
    path("<int:pk>/messages/<int:message_pk>/edit/", pages.message_edit, name="message_edit"),
    path("<int:pk>/export/<str:file_format>/", transfer.chat_export, name="export"),
]
