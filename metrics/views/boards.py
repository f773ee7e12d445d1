"""The leaderboard pages: every attribute's overview, its Gold, Silver and Bronze bands, and its ranked
ladder. The boards themselves come from metrics.boards (cached); "where are my personas" is the viewer's
own and never cached."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from metrics import boards
from metrics.policy import metrics_policy
from metrics.tiers import Tier
from metrics.views.tier_chart import tier_chart
from persona.api.filters import BIGINT_MAX
from persona.selectors import persona_get_for_user

PAGE_SIZE = 100


class BoardQueryForm(forms.Form):
    band = forms.ChoiceField(
        required=False, choices=[(slug, band.short_name) for slug, band in boards.BAND_BY_SLUG.items()]
    )
    q = forms.CharField(label="Search by name", required=False, max_length=100, widget=forms.SearchInput)
    around = forms.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX, widget=forms.HiddenInput)


def boards_index(request):
    overviews = [
        {"overview": overview, "chart": tier_chart(overview.distribution)}
        for overview in boards.boards_overview()
    ]
    context = {"overviews": overviews, "policy": metrics_policy()}
    return render(request, "metrics/boards.html", context)


def band_page(request, slug: str):
    attribute = boards.board_attribute(slug=slug)
    form = BoardQueryForm(request.GET)
    query = form.cleaned_data if form.is_valid() else {}
    around = _around(request, query.get("around"))
    band = boards.band_to_show(attribute=attribute, slug=query.get("band"), around=around)
    search = query.get("q", "")
    board = boards.band_board(attribute=attribute, band=band, search=search)
    if around is not None:
        number = board.page_holding(around.pk, PAGE_SIZE)
        if number is not None:
            return _page_with(request, around, band=band, page=number)
        form.add_error("around", f"{around.name} is not on this board.")
    page = Paginator(board.ids, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **_common(attribute),
        "form": form,
        "band": band,
        "search": search,
        "board": board,
        "page": page,
        "entries": boards.board_entries(board, list(page.object_list)),
        "mine": boards.my_standings(user=request.user, attribute=attribute),
    }
    return render(request, "metrics/board.html", context, status=400 if form.errors else 200)


def _around(request, persona_id: int | None):
    """The persona to find on the board: one the viewer may see (any other is a 404)."""
    return None if persona_id is None else persona_get_for_user(user=request.user, pk=persona_id)


def _page_with(request, persona, *, band: Tier, page: int):
    """The board's page holding the persona, its row the fragment (highlighted there)."""
    query = request.GET.copy()
    query.pop("around")
    query["band"], query["page"] = band.short_name.lower(), page
    return redirect(f"{request.path}?{query.urlencode()}#persona-{persona.pk}")


def ladder_page(request, slug: str):
    attribute = boards.board_attribute(slug=slug)
    board = boards.ladder_board(attribute=attribute)
    page = Paginator(board.ids, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **_common(attribute),
        "page": page,
        "entries": boards.board_entries(board, list(page.object_list)),
    }
    return render(request, "metrics/ladder.html", context)


def _common(attribute) -> dict:
    bands = boards.BAND_BY_SLUG.items()
    bands = [{"slug": slug, "band": band, "places": boards.band_range(band)} for slug, band in bands]
    return {"attribute": attribute, "policy": metrics_policy(), "bands": bands}
