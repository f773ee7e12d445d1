from django.urls import path

from metrics.views import boards

app_name = "boards"
urlpatterns = [
    path("", boards.boards_index, name="index"),
    path("<slug:slug>/", boards.band_page, name="band"),
    path("<slug:slug>/ladder/", boards.ladder_page, name="ladder"),
]
