import django_filters

from content import selectors
from content.models import ContentItem, ContentKind


class ContentFilter(django_filters.FilterSet):
    """What narrows a list; which persona's content it lists is the view's choice (`?persona=`, see
    ContentListQuerySerializer), since that decides the privacy scope."""

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
        fields = ["kind", "search", "sort"]

    def filter_search(self, queryset, name, value):
        return selectors.content_search(queryset, value)

    def filter_sort(self, queryset, name, value):
        return selectors.content_most_liked(queryset) if value == "liked" else queryset
