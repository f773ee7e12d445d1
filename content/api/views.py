"""`/api/v1/content/`: items, transcripts, likes, comments, shares and metrics. Reads go through the
selectors (content of a persona you may not see answers 404), writes through content.services.
Reading an item through the API is not a view: views count on its page."""

from dataclasses import asdict

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import APIView

from content import selectors, services
from content.api import serializers as s
from content.api.filters import ContentFilter
from content.models import ContentItem
from content.throttling import REACTION_THROTTLES, ReactionsThrottled
from core.api.parsers import ValidatedJSONParser
from core.api.schema import ErrorSerializer
from metrics.engagement import Totals
from metrics.selectors import persona_performance
from persona.selectors import persona_get_for_user

REACTIONS = {"like", "comments", "shares"}
NEWEST = ("-created_at", "-id")
THROTTLED = OpenApiResponse(ErrorSerializer, description="Too many likes, comments and shares for now.")


def totals_data(totals: Totals) -> dict:
    return {**asdict(totals), "engagement_rate": totals.engagement_rate}


@extend_schema_view(
    list=extend_schema(
        summary="Content of the personas you may list, or of one persona you may see",
        parameters=[s.ContentListQuerySerializer],
    ),
    retrieve=extend_schema(summary="One content item, with a chat's messages"),
    create=extend_schema(
        summary="Publish a post or an image for a persona you may change",
        request=s.ContentCreateInputSerializer,
        responses={201: s.ContentItemDetailOutputSerializer},
    ),
    destroy=extend_schema(summary="Delete an item (those who may change its persona, and moderators)"),
)
class ContentItemViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    queryset = ContentItem.objects.none()
    parser_classes = [ValidatedJSONParser, MultiPartParser]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ContentFilter
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        if self.action != "list":
            return selectors.content_readable_queryset(user=user).prefetch_related("messages")
        query = s.ContentListQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        persona_id = query.validated_data.get("persona")
        persona = persona_get_for_user(user=user, pk=persona_id) if persona_id is not None else None
        return selectors.content_list_visible_to(user=user, persona=persona).order_by(*NEWEST)

    def get_serializer_class(self):
        return s.ContentItemOutputSerializer if self.action == "list" else s.ContentItemDetailOutputSerializer

    def paginate_queryset(self, queryset):
        return selectors.content_with_counts(
            user=self.request.user, items=super().paginate_queryset(queryset)
        )

    def get_object(self):
        return selectors.content_with_counts(user=self.request.user, items=[super().get_object()])[0]

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action in REACTIONS and self.request.method not in SAFE_METHODS:
            throttles += [throttle() for throttle in REACTION_THROTTLES]
        return throttles

    def throttled(self, request, wait):
        if self.action in REACTIONS:
            raise ReactionsThrottled(wait)
        super().throttled(request, wait)

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context={"request": self.request})
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _output(self, item: ContentItem, status_code=status.HTTP_200_OK) -> Response:
        item = (
            selectors.content_readable_queryset(user=self.request.user)
            .prefetch_related("messages")
            .get(pk=item.pk)
        )
        item = selectors.content_with_counts(user=self.request.user, items=[item])[0]
        serializer = s.ContentItemDetailOutputSerializer(item, context={"request": self.request})
        return Response(serializer.data, status=status_code)

    def create(self, request, *args, **kwargs):
        item = services.content_create(actor=request.user, **self._input(s.ContentCreateInputSerializer))
        return self._output(item, status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.content_delete(item=instance, actor=self.request.user)

    @extend_schema(
        summary="Import a chat of a persona you may change from its transcript (all of it, or nothing)",
        request=s.TranscriptImportInputSerializer,
        responses={201: s.ContentItemDetailOutputSerializer},
    )
    @action(detail=False, methods=["post"], url_path="transcripts")
    def transcripts(self, request):
        item = services.content_import_transcript(
            actor=request.user, **self._input(s.TranscriptImportInputSerializer)
        )
        return self._output(item, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Publish one of your saved chats as chat content of its persona (one you may change)",
        request=s.ChatPublishInputSerializer,
        responses={201: s.ContentItemDetailOutputSerializer},
    )
    @action(detail=False, methods=["post"], url_path="from-chat")
    def from_chat(self, request):
        item = services.content_publish_chat(actor=request.user, **self._input(s.ChatPublishInputSerializer))
        return self._output(item, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Like the item, or take back your like (one per person)",
        request=None,
        responses={200: s.LikeOutputSerializer, 429: THROTTLED},
    )
    @action(detail=True, methods=["post"])
    def like(self, request, pk=None):
        item = self.get_object()
        liked = services.content_like_toggle(item=item, actor=request.user)
        likes = selectors.content_with_counts(user=request.user, items=[item])[0].totals.likes
        return Response(s.LikeOutputSerializer({"liked": liked, "likes": likes}).data)

    @extend_schema(
        methods=["GET"],
        summary="The item's comments, oldest first",
        request=None,
        responses=s.CommentOutputSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Comment on the item (1 to 2,000 characters)",
        request=s.CommentInputSerializer,
        responses={201: s.CommentOutputSerializer, 429: THROTTLED},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None)
    def comments(self, request, pk=None):
        item = self.get_object()
        if request.method == "GET":
            comments = selectors.comments_visible_to(user=request.user, item=item)
            page = self.paginator.paginate_queryset(comments, request, view=self)
            return self.get_paginated_response(s.CommentOutputSerializer(page, many=True).data)
        comment = services.comment_create(
            item=item, actor=request.user, **self._input(s.CommentInputSerializer)
        )
        return Response(s.CommentOutputSerializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Your share link of the item (made on first asking, which is a share)",
        request=None,
        responses={201: s.ShareLinkOutputSerializer, 200: s.ShareLinkOutputSerializer, 429: THROTTLED},
    )
    @action(detail=True, methods=["post"])
    def shares(self, request, pk=None):
        link, created = services.share_link_create(item=self.get_object(), actor=request.user)
        body = {"url": request.build_absolute_uri(link.get_absolute_url()), "created": created}
        return Response(s.ShareLinkOutputSerializer(body).data, status=201 if created else 200)

    @extend_schema(summary="How the item performs (counted reactions)", responses=s.TotalsSerializer)
    @action(detail=True, methods=["get"], filterset_class=None)
    def metrics(self, request, pk=None):
        return Response(s.TotalsSerializer(totals_data(self.get_object().totals)).data)


class CommentHideApi(APIView):
    @extend_schema(
        summary="Hide a comment (it stops counting) or show it again: the persona's owner and moderators",
        request=s.CommentHideInputSerializer,
        responses=s.CommentOutputSerializer,
    )
    def post(self, request, pk: int):
        comment = selectors.comment_get_for_user(user=request.user, pk=pk)
        serializer = s.CommentHideInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_set_hidden(
            comment=comment, actor=request.user, **serializer.validated_data
        )
        return Response(s.CommentOutputSerializer(comment).data)


class PersonaContentMetricsApi(APIView):
    @extend_schema(
        summary="How a persona's content performs: popularity, engagement and the last 30 days",
        responses=s.PersonaContentMetricsSerializer,
    )
    def get(self, request, persona_id: int):
        persona = persona_get_for_user(user=request.user, pk=persona_id)
        performance = persona_performance(persona=persona)
        body = {
            "persona": persona.pk,
            "popularity_score": persona.popularity_score,
            "engagement_score": performance.totals.engagement_score,
            "totals": totals_data(performance.totals),
            "days": [{"day": day, **totals_data(totals)} for day, totals in performance.days],
        }
        return Response(s.PersonaContentMetricsSerializer(body).data)
