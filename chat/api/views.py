"""Chats: the caller's own (everyone else's answer 404, moderators' included). Replies come whole, as
JSON, or streamed as server-sent events like the chat page's (chat/views/streaming.py)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from chat import selectors, services
from chat.api import serializers as s
from chat.models import Chat
from chat.services.replying import chat_model_required
from chat.throttling import ChatReplyThrottle
from chat.views.streaming import reply_event_response
from core.api.schema import ErrorSerializer

REPLY_ERRORS = {
    404: OpenApiResponse(ErrorSerializer, description="Not your chat, or its persona no longer answers you."),
    429: OpenApiResponse(
        ErrorSerializer,
        description="Too many replies lately (CHAT_REPLY_THROTTLE), or the language model is rate limited.",
    ),
    503: OpenApiResponse(
        ErrorSerializer,
        description="No language model is configured, or it failed (timeout, server error, unreadable "
        "reply); `detail` says which. Your message stays saved: regenerate to retry.",
    ),
}
REPLIES = ("messages", "regenerate")
REPLY_EVENT = {  # each event of the stream (chat.views.streaming.reply_events)
    "type": "object",
    "required": ["event", "data"],
    "properties": {
        "event": {"type": "string", "enum": ["text", "done", "error"]},
        "data": {
            "type": "string",
            "description": 'JSON. text: `{"text": piece}`; done: `{"reply": message}`; '
            'error: `{"detail": why}`.',
        },
    },
}


@extend_schema_view(
    list=extend_schema(summary="Your chats, newest activity first"),
    retrieve=extend_schema(summary="One of your chats, with its messages", responses=s.ChatDetailSerializer),
    create=extend_schema(
        summary="Start a chat with a persona you may use (it opens with the greeting)",
        request=s.ChatCreateSerializer,
        responses={201: s.ChatDetailSerializer},
    ),
    partial_update=extend_schema(
        summary="Rename a chat", request=s.ChatRenameSerializer, responses=s.ChatSerializer
    ),
    destroy=extend_schema(summary="Delete a chat"),
)
class ChatViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.ChatSerializer
    queryset = Chat.objects.none()
    permission_classes = [IsAuthenticated]
    filter_backends = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        chats = selectors.chat_list_for(user=self.request.user)
        if self.action in ("list", "partial_update", "destroy"):
            return chats  # the owner may still see, rename and delete a chat whose persona went away
        chats = chats.filter(is_available=True)
        return chats.prefetch_related("messages") if self.action == "retrieve" else chats

    def get_serializer_class(self):
        return s.ChatDetailSerializer if self.action == "retrieve" else s.ChatSerializer

    def get_throttles(self):
        throttles = super().get_throttles()
        return [*throttles, ChatReplyThrottle()] if self.action in REPLIES else throttles

    def create(self, request):
        data = self._valid(s.ChatCreateSerializer, request)
        chat = services.chat_create(user=request.user, **data)
        return Response(self._detail(chat), status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        chat = services.chat_rename(chat=self.get_object(), **self._valid(s.ChatRenameSerializer, request))
        return Response(s.ChatSerializer(self.get_queryset().get(pk=chat.pk)).data)

    def perform_destroy(self, instance):
        services.chat_delete(chat=instance)

    @extend_schema(
        summary="Send a message and get the persona's reply, whole or streamed",
        request=s.MessageSendSerializer,
        responses={
            201: s.ReplySerializer,
            (200, "text/event-stream"): OpenApiResponse(
                REPLY_EVENT, description="With `stream`: the reply as server-sent events."
            ),
            **REPLY_ERRORS,
        },
    )
    @action(detail=True, methods=["post"])
    def messages(self, request, pk=None):
        chat = self.get_object()
        data = self._valid(s.MessageSendSerializer, request)
        chat_model_required()
        services.message_send(chat=chat, content=data["content"])
        if data["stream"]:
            return reply_event_response(services.ReplyStream(chat=chat), done=_done_with_reply)
        reply = services.chat_reply(chat=chat)
        return Response({"reply": s.MessageSerializer(reply).data}, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Replace the last reply with a new one (or retry the reply that failed)",
        request=None,
        responses={201: s.ReplySerializer, **REPLY_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def regenerate(self, request, pk=None):
        chat = self.get_object()
        chat_model_required()
        reply = services.chat_regenerate(chat=chat)
        return Response({"reply": s.MessageSerializer(reply).data}, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Edit a message of the chat (yours or the persona's)",
        request=s.MessageInputSerializer,
        responses=s.MessageSerializer,
    )
    @action(detail=True, methods=["patch"], url_path=r"messages/(?P<message_id>[0-9]+)")
    def message(self, request, pk=None, message_id=None):
        message = get_object_or_404(self.get_object().messages, pk=message_id)
        content = self._valid(s.MessageInputSerializer, request)["content"]
        return Response(s.MessageSerializer(services.message_edit(message=message, content=content)).data)

    @extend_schema(
        summary="Export a chat as SillyTavern JSONL or Yayay JSON",
        parameters=[s.ChatExportQuerySerializer],
        responses=s.ChatExportSerializer,
    )
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        chat = self.get_object()
        query = s.ChatExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        file_format = query.validated_data["file_format"]
        content = services.chat_export(chat=chat, file_format=file_format)
        data = {"file_format": file_format, "filename": f"chat-{chat.pk}.{file_format}", "content": content}
        return Response(data)

    @extend_schema(
        summary="Import a chat file into a new chat with a persona (all of it, or nothing)",
        description="A malformed file answers 400 with `detail` naming the line (JSONL) or message (JSON) "
        "at fault and why; nothing is saved then.",
        request=s.ChatImportSerializer,
        responses={201: s.ChatDetailSerializer},
    )
    @action(detail=False, methods=["post"], url_path="import")
    def import_file(self, request):
        data = self._valid(s.ChatImportSerializer, request)
        chat = services.chat_import(user=request.user, **data)
        return Response(self._detail(chat), status=status.HTTP_201_CREATED)

    def _valid(self, serializer_class, request) -> dict:
        serializer = serializer_class(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _detail(self, chat) -> dict:
        chats = selectors.chat_list_for(user=self.request.user).prefetch_related("messages")
        return s.ChatDetailSerializer(chats.get(pk=chat.pk)).data


def _done_with_reply(message) -> dict:
    return {"reply": s.MessageSerializer(message).data}
