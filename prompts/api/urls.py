from django.urls import path

from prompts.api.views import AnswerViewSet, NextPromptsApi, PromptViewSet, SkillScoreViewSet


def register(router):
    router.register("prompts", PromptViewSet, basename="prompt")
    router.register("answers", AnswerViewSet, basename="answer")
    router.register("skill-scores", SkillScoreViewSet, basename="skill-score")


urlpatterns = [
    path("personas/<int:persona_id>/next-prompts/", NextPromptsApi.as_view(), name="persona-next-prompts"),
]
