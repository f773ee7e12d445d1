"""Publishing: a post or an image, a pasted chat transcript, and deleting an item."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from chat.selectors import chat_get_owned
from content import rules, selectors, services
from content.forms import ContentForm, TranscriptImportForm
from persona.forms import add_service_errors
from persona.views.common import forbidden, visible_persona

NOT_YOURS = "Only those who may change this persona publish its content."


@login_required
def content_create_page(request, slug: str):
    persona = visible_persona(request, slug)
    if not rules.can_add_content(request.user, persona):
        return forbidden(request, persona, NOT_YOURS)
    form = ContentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.content_create(persona=persona, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Published “{item.title}”.")
            return redirect(item)
    status = 400 if form.errors else 200
    return render(request, "content/form.html", {"form": form, "persona": persona}, status=status)


@login_required
def transcript_import_page(request, slug: str):
    persona = visible_persona(request, slug)
    if not rules.can_add_content(request.user, persona):
        return forbidden(request, persona, NOT_YOURS)
    form = TranscriptImportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        try:
            item = services.content_import_transcript(
                persona=persona,
                actor=request.user,
                title=fields["title"],
                body=fields["body"],
                messages=fields["transcript"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Imported “{item.title}”: {len(fields['transcript'])} messages.")
            return redirect(item)
    status = 400 if form.errors else 200
    return render(request, "content/import.html", {"form": form, "persona": persona}, status=status)


@login_required
def content_delete_page(request, pk: int):
    item = selectors.content_get_for_user(user=request.user, pk=pk)
    if not rules.can_delete(request.user, item):
        return forbidden(request, item.persona, "Only those who may change this persona delete its content.")
    if request.method == "POST":
        services.content_delete(item=item, actor=request.user)
        messages.success(request, f"Deleted “{item.title}”.")
        return redirect("content:persona", slug=item.persona.slug)
    return render(request, "content/delete.html", {"item": item})


@login_required
@require_POST
def chat_publish(request, pk: int):
    """One of the user's saved chats, published as chat content of its persona."""
    chat = chat_get_owned(user=request.user, pk=pk)
    if not rules.can_add_content(request.user, chat.persona):
        return forbidden(request, chat.persona, NOT_YOURS)
    try:
        item = services.content_publish_chat(chat=chat, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(chat)
    messages.success(request, f"Published “{item.title}” with its {item.messages.count()} messages.")
    return redirect(item)
