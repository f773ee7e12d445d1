import django_filters

from persona.models import Persona, Status, Visibility
from persona.search import RANKED_CANDIDATES
from persona.selectors import persona_listed_with_visibility
from persona.tags import MAX_TAG_LENGTH, personas_with_tag

# Parameter value -> what is sorted on: names case-insensitively (`name_lower` is annotated by the view).
ORDERING_FIELDS = {
    "created_at": "created_at",
    "name": "name_lower",
    "popularity_score": "popularity_score",
    "updated_at": "updated_at",
}
BIGINT_MAX = 2**63 - 1


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorts by the requested fields, then by id, so pages never repeat or skip a persona."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "-id") if value else qs


class PersonaFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=Status.choices,
        help_text="Without it, archived personas are left out; `archived` lists only them.",
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, method="filter_visibility")
    owner = django_filters.CharFilter(
        field_name="owner__username", lookup_expr="iexact", help_text="The owner's username."
    )
    forked_from = django_filters.NumberFilter(
        field_name="forked_from_id",
        min_value=1,
        max_value=BIGINT_MAX,
        help_text="Only direct forks of this persona id.",
    )
    tag = django_filters.CharFilter(
        method="filter_tag", max_length=MAX_TAG_LENGTH, help_text="Only personas with this tag (any case)."
    )
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=200,
        help_text='Words in the name, description, tags or creator\'s username: "a phrase", -excluded, or. '
        f"Without `ordering`, best matches first, ranked among the first {RANKED_CANDIDATES} found.",
    )
    ordering = StableOrderingFilter(
        fields=[(field, name) for name, field in ORDERING_FIELDS.items()],
        help_text="Sort by created_at, name, popularity_score or updated_at; prefix `-` for descending.",
    )

    class Meta:
        model = Persona
        fields = ["status", "visibility", "owner", "forked_from", "tag", "search"]

    def filter_search(self, queryset, name, value):
        # Runs after the other filters (declared order), so relevance ranks the right candidates.
        return queryset.search(value, by_relevance=not self.form.cleaned_data.get("ordering"))

    def filter_tag(self, queryset, name, value):
        return personas_with_tag(queryset, value)

    def filter_visibility(self, queryset, name, value):
        return queryset.filter(persona_listed_with_visibility(user=self.request.user, visibility=value))
