import django_filters

from content import selectors
from content.models import ContentItem, ContentKind

BIGINT_MAX = 2**63 - 1


class ContentFilter(django_filters.FilterSet):
    persona = django_filters.NumberFilter(
        field_name="persona_id",
        min_value=1,
        max_value=BIGINT_MAX,
        help_text="Only this persona's content (unlisted personas' too, by id); 404 if you may not see it.",
    )
    kind = django_filters.ChoiceFilter(choices=ContentKind.choices)
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="Words in the title or text (all of them)."
    )
    sort = django_filters.ChoiceFilter(
        choices=[("newest", "Newest first"), ("liked", "Most liked this week")],
        method="filter_sort",
        help_text="newest (the default), or liked: the most liked in the last 7 days, only those liked.",
    )

    class Meta:
        model = ContentItem
        fields = ["persona", "kind", "search", "sort"]

    def filter_search(self, queryset, name, value):
        return selectors.content_search(queryset, value)

    def filter_sort(self, queryset, name, value):
        return selectors.content_most_liked(queryset) if value == "liked" else queryset
