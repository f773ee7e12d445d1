from django.urls import path

from characters import views

app_name = "characters"
urlpatterns = [
    path("", views.character_list, name="list"),
    path("new/", views.character_create_page, name="create"),
    path("import/", views.character_import_page, name="import"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create_page, name="project_create"),
    path("projects/<slug:slug>/", views.project_detail, name="project_detail"),
    path("projects/<slug:slug>/members/", views.project_member_page, name="project_members"),
    path("projects/<slug:slug>/edit/", views.project_edit_page, name="project_edit"),
    path("projects/<slug:slug>/delete/", views.project_delete_page, name="project_delete"),
    path("<slug:slug>/", views.character_detail, name="detail"),
    path("<slug:slug>/edit/", views.character_edit, name="edit"),
    path("<slug:slug>/export/", views.character_export_page, name="export"),
    path("<slug:slug>/retrain/", views.character_retrain_page, name="retrain"),
    path("<slug:slug>/fork/", views.character_fork_page, name="fork"),
    path("<slug:slug>/persona/", views.character_make_persona, name="make_persona"),
    path("<slug:slug>/images/<int:image_id>/primary/", views.character_set_primary_page, name="set_primary"),
]
