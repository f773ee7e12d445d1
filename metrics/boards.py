"""Reads of the leaderboards (each attribute's Gold, Silver and Bronze bands) and the ranked ladders
(T1-T4), for pages and the API.

A board lists the standings whose stored tier is that band (or a ranked tier), that are eligible, and
whose persona is public, active and not deleted right now: a private persona is never on a board,
whatever tier it still stores. Bands are in board order (rating, then who reached it first, then id) and
each entry's position is computed on demand: the band's offset plus its index. Ladders are in stored
rank order. The order (persona ids, and names for the search) is cached per attribute version
(metrics.board_cache); the entries of a page are read fresh, and checked again, so what a page shows of a
persona is never stale and a persona that has just left a board is never shown."""

import functools
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Lower
from django.http import Http404
from django.urls import reverse

from leveling.models import Attribute, TutorialProgress
from metrics.board_cache import boards_cached
from metrics.models import Standing
from metrics.policy import metrics_policy
from metrics.positions import live_positions, sort_score
from metrics.selectors import unplaced_reasons
from metrics.tiers import BANDS, RANKED, TUTORIAL_DONE, Tier, band_for_position, effective_tier
from persona import rules as persona_rules
from persona.models import Persona, Status, Visibility
from persona.shares import persona_ids_shared_with

BOARD_ORDER = (F("rating").desc(), F("rated_at").asc(nulls_last=True), "persona_id")
LADDER_ORDER = ("tier", "rank", *BOARD_ORDER)
ENTRY_FIELDS = ("attribute_id", "persona_id", "rating", "tier", "persona__name", "persona__slug")
ENTRY_FIELDS += ("persona__thumbnail", "persona__owner__username")
# Whose standings a board may list: public, active personas that are not deleted, now.
LISTED_PERSONA = {
    "persona__visibility": Visibility.PUBLIC,
    "persona__status": Status.ACTIVE,
    "persona__deleted_at__isnull": True,
}
BAND_BY_SLUG = {band.short_name.lower(): band for band in BANDS}  # "gold", "silver", "bronze"
TOP_ENTRIES = 5
MY_PERSONAS_LIMIT = 50
# Tutorial tiers move with practice, one persona at a time, and counting them reads a row per persona
# (1.5 s at a million): the chart's T10-T8 counts are refreshed this often instead of on every version.
TUTORIAL_COUNTS_SECONDS = 3600


@dataclass(frozen=True)
class BoardPersona:
    """What a board shows of a persona, read as plain values: a page of 100 stays cheap to build and
    to render (persona/_avatar.html takes it as it takes a persona)."""

    pk: int
    name: str
    slug: str
    url: str
    thumbnail: FieldFile
    owner_username: str


@dataclass(frozen=True)
class BoardEntry:
    attribute_id: int
    persona: BoardPersona
    rating: float
    tier: Tier
    place: int  # the position in the bands (bands) or the exact rank (ladders)


@dataclass(frozen=True)
class Board:
    """One band or ladder of one attribute: the personas listed, best first, and each one's place."""

    attribute: Attribute
    band: Tier | None  # None: the ranked ladder
    ids: list[int]  # persona ids listed (the search's matches when searching), in order
    places: dict[int, int]  # persona id -> position (bands) or rank (ladders)
    first_place: int = 1
    last_place: int | None = None  # the band's last place; ladders end with their last rank

    def page_holding(self, persona_id: int, page_size: int) -> int | None:
        try:
            return self.ids.index(persona_id) // page_size + 1
        except ValueError:
            return None


def board_attribute(*, slug: str) -> Attribute:
    attribute = Attribute.objects.filter(slug=slug).first()
    if attribute is None:
        raise Http404("No such attribute.")
    return attribute


def listed_standings() -> QuerySet[Standing]:
    """Standings that may show on a board: eligible, of a public, active, live persona."""
    return Standing.objects.filter(eligible=True, **LISTED_PERSONA)


def band_range(band: Tier) -> tuple[int, int]:
    """The band's first and last places: 1-1000 for Gold, 1001-3000 for Silver, and so on."""
    sizes = metrics_policy().band_sizes
    offset = sum(sizes[: BANDS.index(band)])
    return offset + 1, offset + sizes[BANDS.index(band)]


def band_board(*, attribute: Attribute, band: Tier, search: str = "") -> Board:
    order = band_order(attribute.pk, band)
    places = band_places(attribute.pk, band)
    ids = [persona_id for persona_id, name in order if _matches(name, search)]
    first, last = band_range(band)
    return Board(attribute, band, ids, places, first_place=first, last_place=last)


def band_holding(*, attribute: Attribute, persona_id: int) -> Tier | None:
    """The band whose board lists the persona now, if any."""
    return next((band for band in BANDS if persona_id in band_places(attribute.pk, band)), None)


def band_to_show(*, attribute: Attribute, slug: str | None, around: Persona | None) -> Tier:
    """The band asked for by its slug; with none, the band holding `around`, else Gold."""
    if slug:
        return BAND_BY_SLUG[slug]
    held = band_holding(attribute=attribute, persona_id=around.pk) if around is not None else None
    return held or Tier.GOLD


def ladder_board(*, attribute: Attribute) -> Board:
    ranked = ladder_order(attribute.pk)
    ids = [persona_id for persona_id, _, _ in ranked]
    return Board(attribute=attribute, band=None, ids=ids, places={pk: rank for pk, _, rank in ranked})


def band_order(attribute_id: int, band: Tier) -> list[tuple[int, str]]:
    """(persona id, name) of the band in board order; names are kept for the search, which then needs
    no query (the entries shown are read fresh)."""

    def compute():
        listed = listed_standings().filter(attribute_id=attribute_id, tier=band)
        return list(listed.order_by(*BOARD_ORDER).values_list("persona_id", "persona__name"))

    return boards_cached(attribute_id, f"band-{band.value}", compute)


def band_places(attribute_id: int, band: Tier) -> dict[int, int]:
    """Persona id -> position: the band's offset plus the index in board order."""
    first, _ = band_range(band)
    order = band_order(attribute_id, band)
    return {persona_id: place for place, (persona_id, _) in enumerate(order, start=first)}


def ladder_order(attribute_id: int) -> list[tuple[int, int, int]]:
    """(persona id, tier, rank) of T1, then T2, T3 and T4, by their stored exact ranks."""

    def compute():
        listed = listed_standings().filter(attribute_id=attribute_id, tier__in=RANKED)
        return list(listed.order_by(*LADDER_ORDER).values_list("persona_id", "tier", "rank"))

    return boards_cached(attribute_id, "ladder", compute)


def _matches(name: str, search: str) -> bool:
    """The name contains the words searched for, ignoring case (all names match no search)."""
    return search.casefold() in name.casefold()


def board_entries(board: Board, ids: list[int]) -> list[BoardEntry]:
    """The entries of those persona ids (a page of the board), read fresh: one that left the board
    since its order was cached is left out."""
    tiers = RANKED if board.band is None else [board.band]
    rows = listed_standings().filter(attribute=board.attribute, tier__in=tiers, persona_id__in=ids)
    return _entries(rows, {(board.attribute.pk, pk): board.places[pk] for pk in ids if pk in board.places})


def _entries(rows: QuerySet[Standing], places: dict[tuple[int, int], int]) -> list[BoardEntry]:
    """places: (attribute id, persona id) -> place, in the order to show."""
    found = {(row[0], row[1]): row for row in rows.values_list(*ENTRY_FIELDS)}
    field, url_of = Persona._meta.get_field("thumbnail"), _persona_url_maker()
    entries = []
    for key, place in places.items():
        if (row := found.get(key)) is not None:
            _, persona_id, rating, tier, name, slug, thumbnail, owner = row
            image = field.attr_class(None, field, thumbnail)
            persona = BoardPersona(persona_id, name, slug, url_of(slug), image, owner)
            entries.append(BoardEntry(key[0], persona, rating, Tier(tier), place))
    return entries


def _persona_url_maker():
    """Persona page addresses from one reverse() per page instead of one per entry (a tenth of a
    board page's time): slugs are letters, digits, - and _, which need no quoting."""
    marker = "slug-marker"
    address = reverse("persona:detail", kwargs={"slug": marker})
    return lambda slug: address.replace(marker, slug)


@dataclass(frozen=True)
class TierCount:
    tier: Tier
    personas: int


@dataclass(frozen=True)
class AttributeOverview:
    attribute: Attribute
    distribution: list[TierCount]  # T10 .. T1
    top: list[BoardEntry]  # the best of the ladder, then of Gold


def boards_overview() -> list[AttributeOverview]:
    """Every attribute's tier distribution and the top of its board."""
    attributes = list(Attribute.objects.all())
    places = {}
    for attribute in attributes:
        places.update(_top_places(attribute.pk))
    chosen = Q()
    for attribute in attributes:
        ids = [persona_id for attribute_id, persona_id in places if attribute_id == attribute.pk]
        chosen |= Q(attribute=attribute, persona_id__in=ids)
    entries = _entries(listed_standings().filter(chosen, tier__isnull=False), places) if places else []
    return [
        AttributeOverview(
            attribute=attribute,
            distribution=tier_distribution(attribute_id=attribute.pk),
            top=[entry for entry in entries if entry.attribute_id == attribute.pk],
        )
        for attribute in attributes
    ]


def _top_places(attribute_id: int) -> dict[tuple[int, int], int]:
    """The first TOP_ENTRIES of the attribute: the ladder by rank, then Gold by position."""
    ladder = ladder_order(attribute_id)[:TOP_ENTRIES]
    top = {(attribute_id, persona_id): rank for persona_id, _, rank in ladder}
    gold = list(band_places(attribute_id, Tier.GOLD).items())[: TOP_ENTRIES - len(top)]
    top.update({(attribute_id, persona_id): position for persona_id, position in gold})
    return top


def tier_distribution(*, attribute_id: int) -> list[TierCount]:
    """How many public, active personas hold each tier of the attribute, T10 first. Past the tutorial
    and placed nowhere, a persona waits at Paper."""
    tutorial = cache.get_or_set("boards:tutorial-counts", _tutorial_counts, TUTORIAL_COUNTS_SECONDS)
    tutorial = tutorial.get(attribute_id, {})
    placed = {band: len(band_order(attribute_id, band)) for band in BANDS}
    for _, tier, _ in ladder_order(attribute_id):
        placed[Tier(tier)] = placed.get(Tier(tier), 0) + 1
    past_tutorial = tutorial.get(TUTORIAL_DONE, 0)
    counts = {
        Tier.STONE: tutorial.get(Tier.STONE, 0),
        Tier.WOOD: tutorial.get(Tier.WOOD, 0),
        Tier.PAPER: tutorial.get(Tier.PAPER, 0) + max(0, past_tutorial - sum(placed.values())),
        **placed,
    }
    return [TierCount(tier=tier, personas=counts.get(tier, 0)) for tier in sorted(Tier, reverse=True)]


def _tutorial_counts() -> dict[int, dict[int, int]]:
    """attribute id -> tutorial tier -> public, active personas, in one pass for every attribute."""
    progress = TutorialProgress.objects.filter(**LISTED_PERSONA).values_list("attribute_id", "tier")
    counts: dict[int, dict[int, int]] = {}
    for attribute_id, tier, personas in progress.order_by().annotate(personas=Count("pk")):
        counts.setdefault(attribute_id, {})[tier] = personas
    return counts


@dataclass(frozen=True)
class MyStanding:
    """Where one of the viewer's personas stands in the attribute, or why it is not placed."""

    persona: Persona
    tier: Tier
    rating: float | None = None
    position: int | None = None  # in the bands, as on the board
    rank: int | None = None  # on the ladder
    would_be: tuple[int, Tier | None] | None = None  # (live position, band) if it were public
    reasons: list[str] = field(default_factory=list)


def my_standings(*, user, attribute: Attribute) -> list[MyStanding]:
    """The viewer's own personas and those shared with them (the first MY_PERSONAS_LIMIT by name),
    placed ones first in board order. Owners and editors of a non-public one see where it would stand."""
    if not user.is_authenticated:
        return []
    shared = persona_ids_shared_with(user=user)
    personas = Persona.objects.filter(Q(owner=user) | Q(pk__in=shared)).select_related("owner")
    personas = list(personas.order_by(Lower("name"), "pk")[:MY_PERSONAS_LIMIT])
    standings = {s.persona_id: s for s in Standing.objects.filter(attribute=attribute, persona__in=personas)}
    tutorial = TutorialProgress.objects.filter(attribute=attribute, persona__in=personas)
    tutorial = dict(tutorial.values_list("persona_id", "tier"))
    editable = set(persona_ids_shared_with(user=user, permission=persona_rules.CHANGE))
    positions = functools.cache(lambda band: band_places(attribute.pk, band))
    found = [
        _my_standing(
            persona,
            standings.get(persona.pk),
            tutorial.get(persona.pk, Tier.STONE),
            positions,
            may_edit=persona.owner_id == user.pk or persona.pk in editable,
        )
        for persona in personas
    ]
    return sorted(found, key=lambda mine: (mine.tier, mine.rank or mine.position or 0))


def _my_standing(persona, standing: Standing | None, tutorial_tier: int, positions, *, may_edit: bool):
    """`positions(band)`: persona id -> position in that band."""
    listed = (
        standing is not None
        and standing.eligible
        and standing.tier is not None
        and persona.visibility == Visibility.PUBLIC
        and persona.status == Status.ACTIVE
    )
    tier = effective_tier(standing.tier if listed else None, tutorial_tier)
    mine = MyStanding(persona=persona, tier=tier, rating=standing.rating if standing else None)
    if tier.is_ranked:
        return replace(mine, rank=standing.rank)
    if tier.is_band:
        return replace(mine, position=positions(tier).get(persona.pk))
    policy = metrics_policy()
    mine = replace(mine, reasons=unplaced_reasons(persona, standing, tutorial_tier, policy))
    if may_edit and standing is not None and persona.visibility != Visibility.PUBLIC:
        score = sort_score(standing.rating, standing.rated_at)
        position = live_positions().would_be(standing.attribute_id, score)
        mine = replace(mine, would_be=(position, band_for_position(position, policy.band_sizes)))
    return mine
