"""API of metrics: a persona's standings and rating history (metrics.api.standings), boards
(metrics.api.boards), proposals and votes (metrics.api.voting)."""

from django.urls import path

from metrics.api.boards import LadderApi, LeaderboardApi
from metrics.api.standings import PersonaRatingHistoryApi, PersonaStandingsApi
from metrics.api.voting import ProposalViewSet


def register(router):
    """Viewsets on the one router (each module adds its own line here)."""
    router.register("proposals", ProposalViewSet, basename="proposal")


# Paths outside the router (standings, rating history, leaderboards, ladders).
urlpatterns = [
    path("personas/<int:persona_id>/standings/", PersonaStandingsApi.as_view(), name="persona-standings"),
    path(
        "personas/<int:persona_id>/rating-history/",
        PersonaRatingHistoryApi.as_view(),
        name="persona-rating-history",
    ),
    path("leaderboards/<slug:attribute>/", LeaderboardApi.as_view(), name="leaderboard"),
    path("ladders/<slug:attribute>/", LadderApi.as_view(), name="ladder"),
]
