"""The character list and a character's page."""

from django.http import Http404
from django.shortcuts import redirect, render

from characters import rules, selectors
from characters.forms import CharacterFilterForm
from characters.models import Tag
from core.paging import CappedPaginator

PAGE_SIZE = 12


def character_list(request):
    form = CharacterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    characters = selectors.character_list_visible_to(user=request.user).prefetch_related("tags", "images")
    words = filters.get("q", "")
    for word in words.split():
        characters = characters.filter(name__icontains=word) | characters.filter(nickname__icontains=word)
    tag = Tag.objects.filter(pk=filters["tag"]).first() if filters.get("tag") else None
    if tag is not None:
        characters = selectors.characters_tagged(characters, tag)
    page = CappedPaginator(characters, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "filtered": bool(words or tag)}
    return render(request, "characters/list.html", context)


def character_detail(request, slug: str):
    try:
        character = selectors.character_get_for_user(user=request.user, slug=slug)
    except Http404:
        target = selectors.character_slug_redirect_target(user=request.user, slug=slug)
        if target is None:
            raise
        return redirect(target, permanent=True)
    images = list(selectors.character_images(character=character))
    context = {
        "character": character,
        "images": images,
        "primary": next((image for image in images if image.is_primary), None),
        "styles": character.styles.select_related("prompt_helper"),
        "tags": character.tags.all(),
        "training": character.training,
        "similar": selectors.characters_similar_to(user=request.user, character=character),
        "personas": selectors.character_personas_visible_to(user=request.user, character=character),
        "origin": character.forked_from
        if character.forked_from and rules.can_view(request.user, character.forked_from)
        else None,
        "may_edit": rules.can_edit(request.user, character),
    }
    return render(request, "characters/detail.html", context)
