"""API of metrics: standings and boards (metrics.api.boards), proposals and votes (metrics.api.voting)."""

from metrics.api.voting import ProposalViewSet


def register(router):
    """Viewsets on the one router (each module adds its own line here)."""
    router.register("proposals", ProposalViewSet, basename="proposal")


urlpatterns: list = []  # paths outside the router (standings, rating history, leaderboards, ladders)
