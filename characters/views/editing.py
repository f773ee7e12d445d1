"""Create and edit pages (the character form with inline styles and images), fork, retrain, primary."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from characters import rules, selectors, services
from characters.forms import CharacterForm, ImageFormSet, StyleFormSet
from characters.models import CharacterProfile
from core.exceptions import ApplicationError
from persona.forms import add_service_errors


def _forms(request, character: CharacterProfile):
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = CharacterForm(
        data,
        files,
        instance=character,
        prefix="character",
        projects=selectors.projects_visible_to(user=request.user),
        may_feature=rules.can_moderate(request.user),
    )
    styles = StyleFormSet(data, instance=character, prefix="styles")
    images = ImageFormSet(data, files, instance=character, prefix="images")
    return form, styles, images


def _rows(formset, *, new: bool):
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or (new and form.instance.pk) or (not new and not form.instance.pk):
            continue
        if new and (data.get("DELETE") or not form.has_changed()):
            continue
        row = {k: v for k, v in data.items() if k not in ("DELETE", "id", "character")}
        if row.get("order") is None:
            row.pop("order", None)
        yield form, row


@login_required
def character_create_page(request):
    form, styles, images = _forms(request, CharacterProfile(created_by=request.user))
    if request.method == "POST" and form.is_valid() and styles.is_valid() and images.is_valid():
        try:
            character = services.character_create(
                actor=request.user,
                **form.service_fields(),
                styles=[row for _f, row in _rows(styles, new=True)],
                images=[row for _f, row in _rows(images, new=True)],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{character.name}” was created.")
            return redirect(character)
    return render(request, "characters/form.html", {"form": form, "styles": styles, "images": images})


@login_required
def character_edit(request, slug: str):
    character = selectors.character_get_for_user(user=request.user, slug=slug)
    if not rules.can_edit(request.user, character):
        raise PermissionDenied("Only its creator, its projects' editors and moderators change it.")
    form, styles, images = _forms(request, character)
    if request.method == "POST" and form.is_valid() and styles.is_valid() and images.is_valid():
        try:
            character = _save_edit(request.user, character, form, styles, images)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Your changes to “{character.name}” were saved.")
            return redirect(character)
    context = {"form": form, "styles": styles, "images": images, "character": character}
    return render(request, "characters/form.html", context)


@transaction.atomic
def _save_edit(actor, character, form, styles, images):
    """Styles and images first (new ones count for the public rule), then the character."""
    for _form, row in _rows(styles, new=True):
        services.character_style_create(character=character, actor=actor, **row)
    for _form, row in _rows(images, new=True):
        services.reference_image_add(character=character, actor=actor, **row)
    for style_form, row in _rows(styles, new=False):
        if row.get("DELETE") or style_form.cleaned_data.get("DELETE"):
            services.character_style_delete(style=style_form.instance, actor=actor)
        elif style_form.has_changed():
            services.character_style_update(style=style_form.instance, actor=actor, **row)
    for image_form, row in _rows(images, new=False):
        _save_existing_image(actor, image_form, row)
    return services.character_update(character=character, actor=actor, **form.service_fields())


def _save_existing_image(actor, image_form, row: dict) -> None:
    image = image_form.instance
    if image_form.cleaned_data.get("DELETE"):
        services.reference_image_delete(image=image, actor=actor)
        return
    wants_primary = row.pop("is_primary", False)
    row.pop("image", None)
    if image_form.has_changed():
        services.reference_image_update(image=image, actor=actor, **row)
    if wants_primary and not image.is_primary:
        services.reference_image_set_primary(image=image, actor=actor)


@login_required
@require_POST
def character_retrain_page(request, slug: str):
    character = selectors.character_get_for_user(user=request.user, slug=slug)
    try:
        services.character_retrain(character=character, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Training was queued; the status below changes when it is done.")
    return redirect(character)


@login_required
@require_POST
def character_set_primary_page(request, slug: str, image_id: int):
    character = selectors.character_get_for_user(user=request.user, slug=slug)
    image = get_object_or_404(character.images, pk=image_id)
    services.reference_image_set_primary(image=image, actor=request.user)
    messages.success(request, "The primary image was changed.")
    return redirect(character)


@login_required
@require_POST
def character_fork_page(request, slug: str):
    character = selectors.character_get_for_user(user=request.user, slug=slug)
    name = (request.POST.get("name") or f"{character.name} (fork)")[:100]
    try:
        fork = services.character_fork(character=character, actor=request.user, name=name)
    except ValidationError as error:
        messages.error(request, "The fork was not made: " + " ".join(error.messages))
        return redirect(character)
    messages.success(request, f"“{fork.name}” is your private copy.")
    return redirect(fork)
