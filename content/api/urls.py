"""Content API: items (and their transcripts, likes, comments, shares and metrics) on the one router;
hiding a comment and a persona's content metrics outside it."""

from django.urls import path

from content.api.views import CommentHideApi, ContentItemViewSet, PersonaContentMetricsApi


def register(router):
    router.register("content", ContentItemViewSet, basename="content")


urlpatterns = [
    path("comments/<int:pk>/hide/", CommentHideApi.as_view(), name="comment-hide"),
    path(
        "personas/<int:persona_id>/content-metrics/",
        PersonaContentMetricsApi.as_view(),
        name="persona-content-metrics",
    ),
]
