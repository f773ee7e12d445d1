"""Prompts, answers and skill scores. Reads follow the persona's privacy (others' private personas'
answers answer 404); writes go through prompts.services."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.schema import ErrorSerializer
from persona.selectors import persona_get_for_user
from prompts import selectors, services
from prompts.api import serializers as s
from prompts.models import Answer, Prompt, SkillScore
from prompts.throttling import AnswerDraftThrottle

DRAFT_DESCRIPTION = (
    "The persona's definitions (name, description, system prompt, personality traits) and the prompt go "
    "to the configured language model; the reply comes back as a draft. Nothing is saved: edit the text "
    "and submit it with POST /api/v1/answers/, draft_token included. Who may answer for the persona may "
    "draft, within a budget per user (PROMPTS_DRAFT_THROTTLE)."
)


@extend_schema_view(
    list=extend_schema(summary="Active prompts (moderators also see inactive ones)"),
    retrieve=extend_schema(summary="One prompt"),
    create=extend_schema(
        summary="Create a prompt (moderators)",
        request=s.PromptInputSerializer,
        responses={201: s.PromptOutputSerializer},
    ),
    update=extend_schema(
        summary="Replace a prompt (moderators)",
        request=s.PromptInputSerializer,
        responses=s.PromptOutputSerializer,
    ),
)
class PromptViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.PromptOutputSerializer
    queryset = Prompt.objects.none()
    filter_backends = []

    def get_queryset(self):
        return selectors.prompt_list_visible_to(user=self.request.user)

    def create(self, request):
        data = self._input(request)
        prompt = services.prompt_create(actor=request.user, **data)
        return Response(self._output(prompt), status=status.HTTP_201_CREATED)

    def update(self, request, pk=None):
        prompt = self.get_object()
        prompt = services.prompt_update(prompt=prompt, actor=request.user, **self._input(request))
        return Response(self._output(prompt))

    def _input(self, request) -> dict:
        serializer = s.PromptInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _output(self, prompt) -> dict:
        return s.PromptOutputSerializer(
            selectors.prompt_list_visible_to(user=self.request.user).get(pk=prompt.pk)
        ).data


PromptViewSet.http_method_names = ["get", "post", "put", "head", "options"]


@extend_schema_view(
    list=extend_schema(summary="Answers of personas you may list", parameters=[s.AnswerListQuerySerializer]),
    retrieve=extend_schema(summary="One answer, with its scores"),
    create=extend_schema(
        summary="Answer a prompt for a persona you own or that is shared with you for editing",
        request=s.AnswerCreateSerializer,
        responses={201: s.AnswerOutputSerializer},
    ),
    partial_update=extend_schema(
        summary="Edit your answer (15 minutes, while unscored)",
        request=s.AnswerUpdateSerializer,
        responses=s.AnswerOutputSerializer,
    ),
)
class AnswerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.AnswerOutputSerializer
    queryset = Answer.objects.none()
    filter_backends = []
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        queryset = selectors.answer_list_visible_to(user=self.request.user, readable=self.action != "list")
        persona_id = self._persona_filter() if self.action == "list" else None
        if persona_id is not None:
            persona = persona_get_for_user(user=self.request.user, pk=persona_id)
            queryset = selectors.answer_list_visible_to(user=self.request.user, persona=persona)
        return queryset.prefetch_related("scores__skill", "scores__scorer")

    def _persona_filter(self) -> int | None:
        query = s.AnswerListQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return query.validated_data.get("persona")

    def create(self, request):
        serializer = s.AnswerCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        answer = services.answer_create(actor=request.user, **serializer.validated_data)
        return Response(self._output(answer), status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        answer = self.get_object()
        serializer = s.AnswerUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        answer = services.answer_update(answer=answer, actor=request.user, **serializer.validated_data)
        return Response(self._output(answer))

    @extend_schema(
        summary="Let the persona draft its answer to a prompt",
        description=DRAFT_DESCRIPTION,
        request=s.AnswerDraftInputSerializer,
        responses={
            200: s.AnswerDraftOutputSerializer,
            429: OpenApiResponse(
                ErrorSerializer, description="Too many drafts lately, or the language model is rate limited."
            ),
            503: OpenApiResponse(
                ErrorSerializer,
                description="No language model is configured, or it failed (timeout, server error, "
                "unreadable reply); `detail` says which.",
            ),
        },
    )
    @action(detail=False, methods=["post"])
    def draft(self, request):
        serializer = s.AnswerDraftInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        draft = services.answer_draft(actor=request.user, **serializer.validated_data)
        return Response(s.AnswerDraftOutputSerializer(draft).data)

    def get_throttles(self):
        throttles = super().get_throttles()
        return [*throttles, AnswerDraftThrottle()] if self.action == "draft" else throttles

    def _output(self, answer) -> dict:
        answers = selectors.answer_list_visible_to(user=self.request.user, readable=True)
        return s.AnswerOutputSerializer(answers.prefetch_related("scores").get(pk=answer.pk)).data


@extend_schema_view(
    list=extend_schema(summary="Skill scores of answers of personas you may list"),
    retrieve=extend_schema(summary="One skill score (of unlisted personas' answers by id too)"),
    create=extend_schema(
        summary="Score one skill of an answer (reviewers and moderators; not your own answers or personas)",
        request=s.SkillScoreCreateSerializer,
        responses={201: s.ScoreSerializer},
    ),
)
class SkillScoreViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.ScoreSerializer
    queryset = SkillScore.objects.none()
    filter_backends = []

    def get_queryset(self):
        return selectors.skill_scores_visible_to(user=self.request.user, readable=self.action != "list")

    def create(self, request):
        serializer = s.SkillScoreCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        score = services.skill_score_record(scorer=request.user, **serializer.validated_data)
        return Response(s.ScoreSerializer(score).data, status=status.HTTP_201_CREATED)


class NextPromptsApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Prompts this persona should answer next (weakest skills first)",
        responses=s.PromptOutputSerializer(many=True),
    )
    def get(self, request, persona_id: int):
        persona = persona_get_for_user(user=request.user, pk=persona_id)
        prompts = selectors.prompt_next_for_persona(persona=persona)
        return Response(s.PromptOutputSerializer(prompts, many=True).data)
