"""`/api/v1/notifications/`: the signed-in user's notifications (those about personas they may still see),
the bell's unread count, and marking them read, one or all."""

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from content import notifications, services
from content.models import Notification


class NotificationOutputSerializer(serializers.ModelSerializer):
    sentence = serializers.SerializerMethodField()
    link = serializers.SerializerMethodField()
    persona = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    last_actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "verb",
            "sentence",
            "detail",
            "link",
            "persona",
            "item",
            "proposal",
            "last_actor",
            "actor_count",
            "is_read",
            "read_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_sentence(self, notification) -> str:
        return notifications.notification_sentence(notification)

    def get_link(self, notification) -> str:
        return notifications.notification_link(notification)


class NotificationListQuerySerializer(serializers.Serializer):
    unread = serializers.BooleanField(required=False, help_text="Only the unread ones (true).")


UnreadCountSerializer = inline_serializer("NotificationUnreadCount", {"unread": serializers.IntegerField()})
MarkedSerializer = inline_serializer("NotificationsMarkedRead", {"marked": serializers.IntegerField()})


@extend_schema_view(
    list=extend_schema(
        summary="Your notifications, latest first (grouped ones count the people behind them)",
        parameters=[NotificationListQuerySerializer],
    )
)
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = Notification.objects.none()
    serializer_class = NotificationOutputSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        rows = notifications.notification_list_for(user=self.request.user)
        if self.action == "list":
            query = NotificationListQuerySerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            if query.validated_data.get("unread"):
                rows = rows.filter(read_at=None)
        return rows

    @extend_schema(summary="How many notifications you have not read", responses=UnreadCountSerializer)
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        return Response({"unread": notifications.notification_unread_count(user=request.user)})

    @extend_schema(summary="Mark one notification read", request=None, responses=NotificationOutputSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = services.notification_mark_read(user=request.user, pk=self._pk(pk))
        return Response(NotificationOutputSerializer(notification).data)

    @extend_schema(summary="Mark every notification read", request=None, responses=MarkedSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": services.notifications_mark_all_read(user=request.user)})

    @staticmethod
    def _pk(pk) -> int:
        """A malformed id answers 404 like a missing one."""
        try:
            return int(pk)
        except (TypeError, ValueError):
            raise Http404("No such notification.") from None
