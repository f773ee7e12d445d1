"""Chats as files: export to SillyTavern JSONL or JSON, import one into a new chat with a persona."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from chat import selectors, services
from chat.forms import ImportForm
from chat.services.transfer import MAX_IMPORT_BYTES
from core.exceptions import ApplicationError

CONTENT_TYPES = {"jsonl": "application/jsonl", "json": "application/json"}


def export_response(chat, file_format: str) -> HttpResponse:
    response = HttpResponse(
        services.chat_export(chat=chat, file_format=file_format),
        content_type=f"{CONTENT_TYPES[file_format]}; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="chat-{chat.pk}.{file_format}"'
    return response


@login_required
def chat_export(request, pk: int, file_format: str):
    if file_format not in CONTENT_TYPES:
        raise Http404("No such format.")
    return export_response(selectors.chat_get_for_user(user=request.user, pk=pk), file_format)


@login_required
@require_POST
def chat_import(request, slug: str):
    persona = get_object_or_404(selectors.persona_chattable_by(user=request.user), slug=slug)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            chat = services.chat_import(
                user=request.user,
                persona=persona,
                content=form.cleaned_data["file"].read(MAX_IMPORT_BYTES + 1),  # more is refused unread
                file_format=form.cleaned_data["file_format"],
            )
        except ApplicationError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, "Chat imported.")
            return redirect(chat)
    chats = selectors.chat_list_for(user=request.user).filter(persona=persona)[:50]
    context = {"persona": persona, "chats": chats, "import_form": form}
    return render(request, "chat/chat_start.html", context, status=400)
