"""Import a Character Card, export one, and make a persona from a character (the persona form,
prefilled)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from characters import selectors, services
from characters.forms import ImportForm
from characters.services.personas import persona_initial_from_character
from persona.forms import PersonaForm, PromptFormSet, add_service_errors, prompts_from_formset
from persona.models import Persona


@login_required
def character_import_page(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.character_import(
                actor=request.user,
                data=upload.read(),
                filename=upload.name or "card",
                tag_mode=form.cleaned_data["tag_mode"],
                make_persona=form.cleaned_data["make_persona"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{result.character.name}” was imported.")
            for warning in result.warnings:
                messages.warning(request, warning)
            if result.persona:
                messages.success(request, f"The persona “{result.persona.name}” was made from it.")
            return redirect(result.character)
    return render(request, "characters/import.html", {"form": form})


def character_export_page(request, slug: str):
    character = selectors.character_get_for_user(user=request.user, slug=slug)
    try:
        data, filename, content_type = services.character_export(
            character=character, actor=request.user, format=request.GET.get("format", "v3")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(character)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def character_make_persona(request, slug: str):
    """The persona form filled in from the character; the character's primary image becomes the
    portrait unless another is uploaded."""
    character = selectors.character_get_for_user(user=request.user, slug=slug)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    blank = Persona(owner=request.user)
    form = PersonaForm(data, files, instance=blank, initial=persona_initial_from_character(character))
    formset = PromptFormSet(data, instance=blank, prefix="prompts")
    if request.method == "GET":
        messages.info(
            request,
            f"Filled in from the character “{character.name}”; its primary image becomes the portrait "
            "unless you upload another.",
        )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            persona = services.persona_from_character(
                character=character,
                actor=request.user,
                prompts=prompts_from_formset(formset),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{persona.name}” was created from {character.name}.")
            return redirect(persona)
    context = {"form": form, "formset": formset, "character": character}
    return render(request, "characters/make_persona.html", context)
