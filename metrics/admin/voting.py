"""Proposals in the admin: opened through the voting service (the same checks as the page), then read
only, with their choices and votes inline; votes show only for personas the staff member may read."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from metrics.forms import ProposalForm
from metrics.models import Proposal, ProposalChoice, Vote
from metrics.services import proposal_create
from metrics.services.voting import proposal_clean
from persona.admin_scoping import PersonaScopedAdminMixin


class ProposalAdminForm(ProposalForm):
    class Meta(ProposalForm.Meta):
        widgets = {}  # the admin's own: split date and time inputs with their calendar

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                proposal_clean(**self.proposal_fields())
            except ValidationError as error:
                self.add_error(None, error)  # each message on the field it names
        return cleaned


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ProposalChoiceInline(ReadOnlyInline):
    model = ProposalChoice
    fields = ["order", "label"]


class VoteInline(PersonaScopedAdminMixin, ReadOnlyInline):
    model = Vote
    fields = ["persona", "choice", "tier", "cast_by", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("persona", "choice", "cast_by")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    form = ProposalAdminForm
    list_display = ["title", "closes_at", "is_open", "created_by"]
    list_select_related = ["created_by"]
    search_fields = ["title", "text"]
    date_hierarchy = "closes_at"
    readonly_fields = ["created_by", "created_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["title", "text", "choices", "closes_at"]
        return ["title", "text", "closes_at", "created_by", "created_at"]

    def get_inlines(self, request, obj):
        return [] if obj is None else [ProposalChoiceInline, VoteInline]

    def has_change_permission(self, request, obj=None):
        return False  # votes were cast on these words and choices

    @admin.display(boolean=True, description="Open")
    def is_open(self, proposal):
        return proposal.is_open

    def save_model(self, request, obj, form, change):
        obj.pk = proposal_create(actor=request.user, **form.proposal_fields()).pk
