"""API of metrics: standings and boards (metrics.api.boards), proposals and votes (metrics.api.voting)."""

from django.urls import path

from metrics.api.boards import LadderApi, LeaderboardApi
from metrics.api.voting import ProposalViewSet


def register(router):
    """Viewsets on the one router (each module adds its own line here)."""
    router.register("proposals", ProposalViewSet, basename="proposal")


# Paths outside the router (standings, rating history, leaderboards, ladders).
urlpatterns = [
    path("leaderboards/<slug:attribute>/", LeaderboardApi.as_view(), name="leaderboard"),
    path("ladders/<slug:attribute>/", LadderApi.as_view(), name="ladder"),
]
