import django_filters

from characters import selectors
from characters.models import CharacterProfile, Tag

BIGINT_MAX = 2**63 - 1


class CharacterFilter(django_filters.FilterSet):
    tag = django_filters.NumberFilter(
        method="filter_tag",
        min_value=1,
        max_value=BIGINT_MAX,
        help_text="Characters with this tag or any tag under it.",
    )
    search = django_filters.CharFilter(method="filter_search", max_length=200, help_text="Words in the name.")
    is_public = django_filters.BooleanFilter()
    is_featured = django_filters.BooleanFilter()
    created_by = django_filters.CharFilter(field_name="created_by__username", lookup_expr="iexact")
    project = django_filters.NumberFilter(field_name="projects", min_value=1, max_value=BIGINT_MAX)

    class Meta:
        model = CharacterProfile
        fields = []

    def filter_tag(self, queryset, name, value):
        tag = Tag.objects.filter(pk=value).first()
        return selectors.characters_tagged(queryset, tag) if tag else queryset.none()

    def filter_search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(name__icontains=word) | queryset.filter(nickname__icontains=word)
        return queryset


class TagFilter(django_filters.FilterSet):
    parent = django_filters.NumberFilter(min_value=1, max_value=BIGINT_MAX)
    root = django_filters.BooleanFilter(
        field_name="parent", lookup_expr="isnull", help_text="Top-level tags."
    )

    class Meta:
        model = Tag
        fields = []
