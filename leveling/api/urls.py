from django.urls import path

from leveling.api.views import AchievementViewSet, AttributeViewSet, PersonaProgressApi, SkillViewSet


def register(router):
    router.register("attributes", AttributeViewSet, basename="attribute")
    router.register("skills", SkillViewSet, basename="skill")
    router.register("achievements", AchievementViewSet, basename="achievement")


urlpatterns = [
    path("personas/<int:persona_id>/progress/", PersonaProgressApi.as_view(), name="persona-progress"),
]
