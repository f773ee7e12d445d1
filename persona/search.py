"""Finding personas by words: what `PersonaQuerySet.search` does.

PostgreSQL: full-text search in websearch syntax ("a phrase", -word, or) over `Persona.search_vector`
(name, owner's username, tags and description, weighted; the triggers of migrations 0009 and 0011 keep
it up to date, tags included, so a search never joins the tag tables),
ranked by ts_rank plus the name's trigram similarity, which also finds a name despite a typo.
SQLite, the embedded mode for small sites, matches substrings of the same fields instead.
"""

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connections
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Cast

# The configuration migration 0009 builds the vector with. English stemming suits descriptions (prose);
# the same stemmer on both sides still finds a proper noun by itself, and a name made only of stop words
# ("The Who") is found by its trigram similarity.
SEARCH_CONFIG = "english"
# ts_rank's weights for the labels D, C, B, A: description D, tags C, creator B, name A.
RANK_WEIGHTS = (0.1, 0.2, 0.4, 1.0)
DESCRIPTION, TAG, CREATOR, NAME = RANK_WEIGHTS
# Ranking every match of a common word means reading every matching row: 100,000 of a million personas
# take half a second. By relevance, a search ranks the first this many matches the database comes across
# (all of them when fewer match), so its cost follows this number, not the number of matches. Not the
# newest ones: walking the primary key down to find them reads 100 ms of rows for a word in one persona
# of a hundred. The first ones are the same on every reload, pages following on, because connections
# turn synchronized scans off (config/settings/base.py): such a scan starts wherever another one is.
RANKED_CANDIDATES = 200


def search_personas(queryset: QuerySet, text: str, *, by_relevance: bool) -> QuerySet:
    """`queryset`'s personas matching `text`, annotated with `search_rank` (higher is better); when
    `by_relevance`, the first RANKED_CANDIDATES matches, ordered by rank, then newest id."""
    candidates = None
    if connections[queryset.db].vendor == "postgresql":
        found, rank, candidates = _full_text(queryset, text, by_relevance=by_relevance)
    else:
        found, rank = _substrings(queryset, text)
    # ts_rank is single precision; as double precision its value survives a page cursor's round trip
    # exactly, so the next page starts right after the last row shown.
    found = found.annotate(search_rank=Cast(rank, FloatField()))
    if not by_relevance:
        return found
    ranked = found.order_by("-search_rank", "-id")
    if candidates is not None:
        # As many rows as candidates, so a paginator need not count them (core.paging); set on this
        # queryset only, any queryset made from it is counted again.
        ranked.counted_rows = len(candidates)
    return ranked


def _full_text(queryset: QuerySet, text: str, *, by_relevance: bool):
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    found = queryset.filter(search_vector=query)
    rank = SearchRank(F("search_vector"), query, weights=list(RANK_WEIGHTS))
    rank += TrigramWordSimilarity(text, "name")
    # By relevance, the candidates' ids are read first, in one query that also says whether the words
    # match anything at all.
    candidates = _first_matches(found) if by_relevance else None
    if candidates:
        return queryset.filter(pk__in=candidates), rank, candidates
    # When the words match nothing, names that look like them: a typo, the beginning of a name. Only
    # then, since a trigram look-up costs more than the whole full-text search at a million personas; and
    # never when the search excludes words, which a merely similar name must not bring back.
    matches_nothing = candidates == [] or (candidates is None and not found.exists())
    if matches_nothing and not any(word.startswith("-") for word in text.split()):
        found = queryset.filter(TrigramWordSimilar(F("name"), Value(text)))
        if by_relevance:
            candidates = _first_matches(found)
            found = queryset.filter(pk__in=candidates)
    return found, rank, candidates


def _first_matches(found: QuerySet) -> list[int]:
    """The ids of the first RANKED_CANDIDATES matches the database comes across, in no order."""
    return list(found.order_by().values_list("pk", flat=True)[:RANKED_CANDIDATES])


def _substrings(queryset: QuerySet, text: str):
    in_name, by_creator = Q(name__icontains=text), Q(owner__username__icontains=text)
    # A subquery rather than a join: a persona with two matching tags is still one result.
    tag_rows = queryset.model.tags.through.objects.filter(tag__name__icontains=text)
    tagged = Q(pk__in=tag_rows.values("content_object"))
    found = queryset.filter(in_name | by_creator | tagged | Q(description__icontains=text))
    rank = Case(
        When(in_name, then=Value(NAME)),
        When(by_creator, then=Value(CREATOR)),
        When(tagged, then=Value(TAG)),
        default=Value(DESCRIPTION),
    )
    return found, rank
