"""The reply streamed into the chat page as server-sent events (static/js/chat.js reads them): `text`
events carry each piece as it arrives, then `done` (the saved reply's id and status) or `error` (why,
fit to show; the user's message stays saved). When the user stops the reply the browser aborts the
request: the server notices at its next write, closes the stream and keeps what had arrived, marked
stopped. The API streams the same way (chat.api.views), ending with the saved reply whole."""

from collections.abc import Callable, Iterator
from contextlib import closing

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_POST

from chat import selectors, services
from chat.forms import MessageForm
from chat.models import Message
from chat.services.replying import chat_model_required
from chat.throttling import chat_reply_throttle
from core.exceptions import ApplicationError
from core.llm import LLMError
from core.llm.sse import sse_event


def _done_for_page(message: Message) -> dict:
    return {"id": message.pk, "status": message.status}


@login_required
@require_POST
def chat_stream(request, pk: int):
    """POST `content` to send a message, or `regenerate=1` to replace the last reply (or retry a failed
    one); refusals answer JSON with `detail` before any event is sent."""
    chat = selectors.chat_get_for_user(user=request.user, pk=pk)
    try:
        chat_model_required()
        chat_reply_throttle(request)
        stream = services.ReplyStream(chat=chat, replacing=_take_turn(chat, request.POST))
    except ApplicationError as error:
        return JsonResponse({"detail": error.message}, status=error.status)
    return reply_event_response(stream)


def reply_event_response(
    stream: services.ReplyStream, *, done: Callable[[Message], dict] = _done_for_page
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(reply_events(stream, done=done), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx would otherwise hold the events back
    return response


def _take_turn(chat, data):
    """Save the user's message, or find the reply to regenerate (None: the last word is the user's)."""
    if data.get("regenerate"):
        return services.chat_reply_to_replace(chat=chat)
    form = MessageForm(data)
    if not form.is_valid():
        raise ApplicationError("Write a message first.", field="content")
    services.message_send(chat=chat, content=form.cleaned_data["content"])
    return None


def reply_events(
    stream: services.ReplyStream, *, done: Callable[[Message], dict] = _done_for_page
) -> Iterator[bytes]:
    """The `text` events, then `done` with `done(saved reply)`, or `error` when the model failed."""
    pieces = iter(stream)
    with closing(pieces):  # closed early by the server, the stream saves what arrived as stopped
        try:
            for piece in pieces:
                yield sse_event("text", {"text": piece})
        except LLMError as error:
            yield sse_event(
                "error", {"detail": f"{error.message} Your message is saved: retry when you like."}
            )
            return
    yield sse_event("done", done(stream.message))
