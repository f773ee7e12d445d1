"""Pages: the leaderboards and ladders (metrics.views.boards) and voting (metrics.views.voting)."""

from django.urls import include, path

urlpatterns = [
    path("leaderboards/", include("metrics.views.board_urls")),
    path("proposals/", include("metrics.views.voting_urls")),
]
