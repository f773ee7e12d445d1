"""`/api/v1/proposals/`: proposals (anyone reads them, moderators open them), votes cast by the owners
of ranked personas, and the weighted results once voting has closed (409 before). Shares are exact
fractions written "n/d" (or "0", "1"), with a percentage rounded to two decimals for display."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.api.schema import ErrorSerializer
from metrics import selectors, services
from metrics.models import Proposal, ProposalChoice, Vote
from metrics.services.voting import CHOICE_MAX_LENGTH, MAX_CHOICES
from persona.api.other_views import VisiblePersonaField

FRACTION = "An exact fraction of the whole vote: “n/d”, “0” or “1”."
VOTE_CONFLICT = OpenApiResponse(
    ErrorSerializer, description="Voting has closed, or this persona has already voted on the proposal."
)
RESULTS_NOT_YET = OpenApiResponse(
    ErrorSerializer, description="Voting is still open; results come once it closes."
)


class ProposalChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProposalChoice
        fields = ["id", "label"]


class ProposalOutputSerializer(serializers.ModelSerializer):
    choices = ProposalChoiceSerializer(many=True)
    is_open = serializers.BooleanField()
    created_by = serializers.CharField(source="created_by.username", allow_null=True, default=None)

    class Meta:
        model = Proposal
        fields = ["id", "title", "text", "closes_at", "is_open", "choices", "created_by", "created_at"]


class ProposalInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=Proposal._meta.get_field("title").max_length)
    text = serializers.CharField(max_length=Proposal._meta.get_field("text").max_length)
    choices = serializers.ListField(
        child=serializers.CharField(max_length=CHOICE_MAX_LENGTH, allow_blank=True),
        max_length=MAX_CHOICES,
        help_text=f"The choices' labels, in order: 2 to {MAX_CHOICES}, each different.",
    )
    closes_at = serializers.DateTimeField(help_text="When voting closes; in the future.")


class ProposalListQuerySerializer(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=["open", "closed"], required=False, help_text="Only open or only closed proposals."
    )


@extend_schema_field(OpenApiTypes.INT)
class ProposalChoiceField(serializers.PrimaryKeyRelatedField):
    """A choice id of the proposal in the URL."""

    default_error_messages = {"does_not_exist": "This proposal has no choice with the id {pk_value}."}

    def get_queryset(self):
        return self.context["proposal"].choices.all()


class VoteInputSerializer(serializers.Serializer):
    persona = VisiblePersonaField(help_text="A ranked persona of yours.")
    choice = ProposalChoiceField(help_text="A choice id of this proposal.")


class VoteOutputSerializer(serializers.ModelSerializer):
    tier_name = serializers.CharField(source="get_tier_display")

    class Meta:
        model = Vote
        fields = ["id", "proposal", "persona", "choice", "tier", "tier_name", "created_at"]


class ShareSerializer(serializers.Serializer):
    share = serializers.CharField(help_text=FRACTION)
    percent = serializers.FloatField(help_text="The share in percent, rounded to two decimals.")


class ChoiceResultSerializer(ShareSerializer):
    choice = serializers.IntegerField(source="choice.pk")
    label = serializers.CharField(source="choice.label")
    votes = serializers.IntegerField()


class TierChoiceResultSerializer(ChoiceResultSerializer):
    of_tier = serializers.CharField(help_text="The fraction of this tier's voters who chose it.")
    of_tier_percent = serializers.FloatField()


class TierResultSerializer(ShareSerializer):
    tier = serializers.IntegerField(source="tier.value")
    name = serializers.CharField(source="tier.label")
    personas = serializers.IntegerField()
    voters = serializers.IntegerField()
    uncast = serializers.BooleanField(help_text="Nobody of this tier voted: its share is uncast.")
    choices = TierChoiceResultSerializer(many=True, help_text="What each choice got from this tier.")


class ProposalResultsSerializer(serializers.Serializer):
    proposal = serializers.IntegerField(source="proposal.pk")
    closes_at = serializers.DateTimeField(source="proposal.closes_at")
    sizes_on = serializers.DateField(
        allow_null=True, help_text="The daily update the tier sizes come from; null: counted when read."
    )
    personas = serializers.IntegerField(help_text="Ranked personas, each once, in its best tier.")
    voters = serializers.IntegerField()
    uncast = serializers.CharField(help_text=FRACTION)
    uncast_percent = serializers.FloatField()
    choices = ChoiceResultSerializer(many=True, help_text="Overall, best share first.")
    tiers = TierResultSerializer(many=True, help_text="T1 Singularity first.")


@extend_schema_view(
    list=extend_schema(summary="Proposals, latest closing first", parameters=[ProposalListQuerySerializer]),
    retrieve=extend_schema(summary="One proposal with its choices"),
    create=extend_schema(
        summary="Open a proposal (moderators)",
        request=ProposalInputSerializer,
        responses={201: ProposalOutputSerializer},
    ),
)
class ProposalViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = ProposalOutputSerializer
    queryset = Proposal.objects.none()
    filter_backends = []

    def get_queryset(self):
        if self.action != "list":
            return selectors.proposal_list()
        query = ProposalListQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        state = query.validated_data.get("state")
        return selectors.proposal_list(is_open=None if state is None else state == "open")

    def create(self, request):
        serializer = ProposalInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        proposal = services.proposal_create(actor=request.user, **serializer.validated_data)
        return Response(
            self.get_serializer(selectors.proposal_get(pk=proposal.pk)).data, status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Cast the vote of a ranked persona of yours (T4-T1 in any attribute), once per proposal",
        request=VoteInputSerializer,
        responses={201: VoteOutputSerializer, 409: VOTE_CONFLICT},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def votes(self, request, pk=None):
        proposal = self.get_object()
        serializer = VoteInputSerializer(
            data=request.data, context={"request": request, "proposal": proposal}
        )
        serializer.is_valid(raise_exception=True)
        vote = services.vote_cast(proposal=proposal, actor=request.user, **serializer.validated_data)
        return Response(VoteOutputSerializer(vote).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The weighted tally per tier and overall, once voting has closed",
        responses={200: ProposalResultsSerializer, 409: RESULTS_NOT_YET},
    )
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        results = services.proposal_results(proposal=self.get_object())
        return Response(ProposalResultsSerializer(results).data)
