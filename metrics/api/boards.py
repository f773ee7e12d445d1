"""`/api/v1/leaderboards/{attribute}/` (a band, with positions) and `/api/v1/ladders/{attribute}/` (the
ranked tiers, with exact ranks): the pages' boards, in pages of up to 100 entries."""

from django.core.paginator import Paginator
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from metrics import boards
from metrics.policy import metrics_policy
from persona.api.filters import BIGINT_MAX
from persona.selectors import persona_get_for_user

MAX_PAGE_SIZE = 100
ATTRIBUTE_PARAMETER = OpenApiParameter(
    "attribute",
    str,
    OpenApiParameter.PATH,
    description="An attribute's slug: cognition, mastery, communication or versatility.",
)


class PageQuerySerializer(serializers.Serializer):
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=BIGINT_MAX)
    page_size = serializers.IntegerField(
        required=False,
        default=MAX_PAGE_SIZE,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        help_text=f"Entries per page (1 to {MAX_PAGE_SIZE}, default {MAX_PAGE_SIZE}).",
    )


class LeaderboardQuerySerializer(PageQuerySerializer):
    band = serializers.ChoiceField(
        choices=list(boards.BAND_BY_SLUG),
        required=False,
        help_text="Default: the band holding `around`, else gold.",
    )
    search = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=100, help_text="Part of a persona's name."
    )
    around = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=BIGINT_MAX,
        help_text="A persona id: answer the page holding it (instead of `page`).",
    )

    def validate(self, attrs):
        if attrs.get("around") is not None and attrs["search"]:
            raise ValidationError({"around": ["Use either search or around, not both."]})
        return attrs


class BoardPersonaSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    slug = serializers.CharField()
    owner = serializers.CharField(source="owner_username", help_text="The creator's username.")


class EntrySerializer(serializers.Serializer):
    rating = serializers.FloatField()
    persona = BoardPersonaSerializer()


class BandEntrySerializer(EntrySerializer):
    position = serializers.IntegerField(source="place")


class LadderEntrySerializer(EntrySerializer):
    rank = serializers.IntegerField(source="place")
    tier = serializers.IntegerField(help_text="1 Singularity, 2 Demensionoids, 3 Elementoids, 4 Watchers.")
    tier_name = serializers.CharField(source="tier.label")


class BoardPageSerializer(serializers.Serializer):
    attribute = serializers.SlugField(source="attribute.slug")
    count = serializers.IntegerField(help_text="Entries of the band or ladder (or matching the search).")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    bands_updated_at = serializers.CharField(help_text="When the daily update runs (HH:MM, UTC).")


class LeaderboardSerializer(BoardPageSerializer):
    band = serializers.CharField()
    tier = serializers.IntegerField(help_text="7 Bronze, 6 Silver, 5 Gold.")
    first_position = serializers.IntegerField()
    last_position = serializers.IntegerField()
    results = BandEntrySerializer(many=True)


class LadderSerializer(BoardPageSerializer):
    results = LadderEntrySerializer(many=True)


class BoardApi(APIView):
    """Anyone may read the boards. They list public, active personas only: private, unlisted, archived
    and deleted ones never, whatever tier they hold."""

    # A board view names its query and output serializers and builds its page.
    permission_classes = [AllowAny]
    query_serializer = PageQuerySerializer
    output_serializer: type[BoardPageSerializer]

    def get(self, request, attribute: str):
        attribute = boards.board_attribute(slug=attribute)
        query = self.query_serializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(self.output_serializer(self.page(request, attribute, query.validated_data)).data)


def _documented(summary: str):
    """The schema of a board view's GET: its query parameters and answer, from its serializers."""

    def document(view):
        parameters = [ATTRIBUTE_PARAMETER, view.query_serializer]
        operation = extend_schema(summary=summary, parameters=parameters, responses=view.output_serializer)
        return extend_schema_view(get=operation)(view)

    return document


@_documented("One band (Gold, Silver or Bronze) of an attribute's leaderboard, with positions")
class LeaderboardApi(BoardApi):
    """Positions run on from the bands above (Silver starts after the last Gold place), in board order:
    rating, then who reached it first, then the older persona. Bands are cut daily; the order inside a
    band follows live ratings. `around` answers the page holding a persona (404 if you may not see it,
    400 if it is not in the band)."""

    query_serializer, output_serializer = LeaderboardQuerySerializer, LeaderboardSerializer

    def page(self, request, attribute, query: dict) -> dict:
        around = query.get("around")
        around = None if around is None else persona_get_for_user(user=request.user, pk=around)
        band = boards.band_to_show(attribute=attribute, slug=query.get("band"), around=around)
        board = boards.band_board(attribute=attribute, band=band, search=query["search"])
        number = query["page"]
        if around is not None:
            number = board.page_holding(around.pk, query["page_size"])
            if number is None:
                raise ValidationError({"around": [f"Persona {around.pk} is not in this band."]})
        first, last = board.first_place, board.last_place
        body = {"band": band.short_name.lower(), "tier": band, "first_position": first, "last_position": last}
        return _page(request, board, number, query, body)


@_documented("An attribute's ranked ladder (T1 to T4), with exact ranks")
class LadderApi(BoardApi):
    """T1 Singularity first, then T2, T3 and T4, each by its exact rank (set by the daily update)."""

    output_serializer = LadderSerializer

    def page(self, request, attribute, query: dict) -> dict:
        return _page(request, boards.ladder_board(attribute=attribute), query["page"], query, {})


def _page(request, board: boards.Board, number: int, query: dict, body: dict) -> dict:
    """The page's entries and links; a page past the last one is a 400 naming `page`."""
    paginator = Paginator(board.ids, query["page_size"])
    if number > paginator.num_pages:
        raise ValidationError({"page": [f"There are {paginator.num_pages} pages."]})
    page = paginator.page(number)
    url = remove_query_param(request.build_absolute_uri(), "around")
    if board.band is not None:  # the band `around` found stays in the links
        url = replace_query_param(url, "band", board.band.short_name.lower())
    return {
        **body,
        "attribute": board.attribute,
        "count": paginator.count,
        "page": number,
        "pages": paginator.num_pages,
        "next": replace_query_param(url, "page", number + 1) if page.has_next() else None,
        "previous": replace_query_param(url, "page", number - 1) if page.has_previous() else None,
        "bands_updated_at": f"{metrics_policy().recalculate_at:%H:%M}",
        "results": boards.board_entries(board, list(page.object_list)),
    }
