"""Pages: my chats, starting a chat with a persona, the chat itself and what the user does in it. Each
reads through chat.selectors (a chat is its owner's; others get 404) and writes through chat.services.
Without JavaScript, sending waits for the whole reply; chat/views/streaming.py streams it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from chat import selectors, services
from chat.forms import GreetingForm, ImportForm, MessageForm, RenameForm
from chat.models import Message
from chat.services.replying import chat_model_required
from chat.throttling import chat_reply_throttle
from core.exceptions import ApplicationError
from core.llm import llm_is_configured
from persona.selectors import persona_get_for_user, persona_preferred_among

ARCHIVED_NO_CHAT = "“{}” is archived: its owner has retired it, so it does not chat until it is unarchived."


@login_required
def chat_list(request):
    chats = selectors.chat_list_for(user=request.user)[:200]
    chattable = selectors.persona_chattable_by(user=request.user)
    preferred = persona_preferred_among(user=request.user, personas=chattable)
    return render(request, "chat/chat_list.html", {"chats": chats, "preferred": preferred})


@login_required
def chat_start(request, slug: str):
    """GET: the user's chats with the persona, a button to start one and a form to import one."""
    persona = selectors.persona_chattable_by(user=request.user).filter(slug=slug).first()
    if persona is None:
        return _not_chattable(request, slug)
    if request.method == "POST":
        return redirect(services.chat_create(user=request.user, persona=persona))
    chats = selectors.chat_list_for(user=request.user).filter(persona=persona)[:50]
    context = {"persona": persona, "chats": chats, "import_form": ImportForm()}
    return render(request, "chat/chat_start.html", context)


def _not_chattable(request, slug: str):
    """An archived persona the user may open: say why there is no chat; any other: 404."""
    persona = persona_get_for_user(user=request.user, slug=slug)
    messages.error(request, ARCHIVED_NO_CHAT.format(persona.name))
    return redirect(persona)


@login_required
def chat_detail(request, pk: int):
    chat = selectors.chat_get_for_user(user=request.user, pk=pk)
    return render(request, "chat/chat_detail.html", _detail_context(chat, MessageForm()))


def _detail_context(chat, form) -> dict:
    history = list(chat.messages.all())
    greetings = services.chat_greetings(chat=chat)
    user_spoke = any(message.role == Message.Role.USER for message in history)
    return {
        "chat": chat,
        "history": history,
        "form": form,
        "llm_available": llm_is_configured(),
        "awaiting_reply": bool(history) and history[-1].role == Message.Role.USER,
        "can_regenerate": user_spoke and history[-1].role == Message.Role.ASSISTANT,
        "greeting_form": GreetingForm(greetings=greetings) if len(greetings) > 1 and not user_spoke else None,
        "rename_form": RenameForm(initial={"title": chat.title}),
    }


@login_required
@require_POST
def message_send(request, pk: int):
    """Send and wait for the whole reply. The message is saved first: when the reply fails the page says
    why and offers to retry."""
    chat = selectors.chat_get_for_user(user=request.user, pk=pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return render(request, "chat/chat_detail.html", _detail_context(chat, form), status=400)
    try:
        chat_model_required()
        chat_reply_throttle(request)
    except ApplicationError as error:
        form.add_error(None, error.message)
        return render(request, "chat/chat_detail.html", _detail_context(chat, form), status=error.status)
    services.message_send(chat=chat, content=form.cleaned_data["content"])
    return _reply_and_show(request, chat, services.chat_reply)


@login_required
@require_POST
def chat_regenerate(request, pk: int):
    """A new reply in place of the last one, or the reply that failed."""
    chat = selectors.chat_get_for_user(user=request.user, pk=pk)
    try:
        chat_model_required()
        chat_reply_throttle(request)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(chat)
    return _reply_and_show(request, chat, services.chat_regenerate)


def _reply_and_show(request, chat, reply):
    try:
        reply(chat=chat)
    except ApplicationError as error:
        messages.error(request, f"{error.message} Your message is saved: retry when you like.")
    return redirect(chat)


@login_required
@require_POST
def message_edit(request, pk: int, message_pk: int):
    chat = selectors.chat_get_for_user(user=request.user, pk=pk)
    message = get_object_or_404(chat.messages, pk=message_pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        services.message_edit(message=message, content=form.cleaned_data["content"])
        messages.success(request, "Message edited.")
    else:
        messages.error(request, "A message needs some text.")
    return redirect(chat)


@login_required
@require_POST
def chat_greeting(request, pk: int):
    chat = selectors.chat_get_for_user(user=request.user, pk=pk)
    form = GreetingForm(request.POST, greetings=services.chat_greetings(chat=chat))
    try:
        if not form.is_valid():
            raise ApplicationError("Pick one of the greetings.")
        services.chat_greeting_choose(chat=chat, index=form.cleaned_data["greeting"])
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect(chat)


@login_required
@require_POST
def chat_rename(request, pk: int):
    chat = selectors.chat_get_owned(user=request.user, pk=pk)
    form = RenameForm(request.POST)
    if form.is_valid():
        services.chat_rename(chat=chat, title=form.cleaned_data["title"])
        messages.success(request, "Chat renamed.")
    else:
        messages.error(request, "A title needs some text (200 characters at most).")
    return redirect(chat if chat.is_available else "chat:list")


@login_required
@require_POST
def chat_delete(request, pk: int):
    """Deleting works on every chat of the user's, even one whose persona no longer answers."""
    chat = selectors.chat_get_owned(user=request.user, pk=pk)
    services.chat_delete(chat=chat)
    messages.success(request, "Chat deleted.")
    return redirect("chat:list")
