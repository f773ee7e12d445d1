from django.urls import path

from persona import views

app_name = "persona"
urlpatterns = [
    path("", views.persona_list, name="list"),
    path("new/", views.persona_create_page, name="create"),
    path("preferred/", views.persona_preferred, name="preferred"),
    path("trash/", views.persona_trash_page, name="trash"),
    path("<slug:slug>/", views.persona_detail, name="detail"),
    path("<slug:slug>/edit/", views.persona_edit, name="edit"),
    path("<slug:slug>/fork/", views.persona_fork_page, name="fork"),
    path("<slug:slug>/archive/", views.persona_archive_page, name="archive"),
    path("<slug:slug>/restore/", views.persona_unarchive_page, name="restore"),
    path("<slug:slug>/delete/", views.persona_delete_page, name="delete"),
    path("<slug:slug>/undo-delete/", views.persona_undo_delete_page, name="undo_delete"),
    path("<slug:slug>/restore-from-trash/", views.persona_restore_from_trash_page, name="restore_from_trash"),
    path("<slug:slug>/share/", views.persona_share_page, name="share"),
    path("<slug:slug>/share/revoke/", views.persona_unshare_page, name="unshare"),
    path(
        "<slug:slug>/history/<int:history_id>/restore/",
        views.persona_restore_version_page,
        name="restore_version",
    ),
]
