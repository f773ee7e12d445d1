"""What the home page shows. The showcases list public, active personas only, whoever looks, so
the page is the same for everyone apart from the signed-in part; each reads a few rows through the
list indexes on popularity and creation (persona.models._list_indexes)."""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from persona.models import Persona, Status

FEATURED = 3  # a row of cards on a desktop
TRENDING = 3
NEWEST = 6
OWN = 4
TRENDING_DAYS = 30


def _showcase() -> QuerySet[Persona]:
    return Persona.objects.public().filter(status=Status.ACTIVE).select_related("owner")


def home_featured() -> list[Persona]:
    """The most popular public personas of all time."""
    return list(_showcase().order_by("-popularity_score", "-id")[:FEATURED])


def home_trending(*, exclude: list[Persona]) -> list[Persona]:
    """The most popular of those created lately, apart from the featured ones."""
    since = timezone.now() - timedelta(days=TRENDING_DAYS)
    recent = (
        _showcase()
        .filter(created_at__gte=since, popularity_score__gt=0)
        .exclude(pk__in=[p.pk for p in exclude])
    )
    return list(recent.order_by("-popularity_score", "-id")[:TRENDING])


def home_newest() -> list[Persona]:
    return list(_showcase().order_by("-created_at", "-id")[:NEWEST])


def home_own(*, user) -> list[Persona]:
    """The user's own personas, last changed first (drafts and private ones too: they are theirs)."""
    own = Persona.objects.filter(owner=user).select_related("owner", "forked_from")
    return list(own.order_by("-updated_at", "-id")[:OWN])
