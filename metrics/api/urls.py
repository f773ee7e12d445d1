"""API of metrics: standings and boards (metrics.api.boards), proposals and votes (metrics.api.voting)."""


def register(router):
    """Viewsets on the one router (none yet; each module adds its own line here)."""


urlpatterns: list = []  # paths outside the router (standings, rating history, leaderboards, ladders)
