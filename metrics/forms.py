"""Forms of the proposal pages (and the admin's proposal form)."""

from django import forms

from metrics.models import Proposal, ProposalChoice
from metrics.services.voting import CHOICE_MAX_LENGTH, MAX_CHOICES


class ProposalForm(forms.ModelForm):
    """Title, text and closing time, and the choices one per line (blank lines are left out)."""

    choices = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_CHOICES * (CHOICE_MAX_LENGTH + 2),
        help_text=f"One choice per line: 2 to {MAX_CHOICES}, each different, at most {CHOICE_MAX_LENGTH} "
        "characters.",
    )
    field_order = ["title", "text", "choices", "closes_at"]

    class Meta:
        model = Proposal
        fields = ["title", "text", "closes_at"]
        labels = {"closes_at": "Voting closes at (UTC)"}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def proposal_fields(self) -> dict:
        """What `proposal_create` takes."""
        data = self.cleaned_data
        labels = [line for line in data["choices"].splitlines() if line.strip()]
        return {
            "title": data["title"],
            "text": data["text"],
            "closes_at": data["closes_at"],
            "choices": labels,
        }


class VoteForm(forms.Form):
    """One persona's vote (the persona travels in a hidden input the view reads)."""

    choice = forms.ModelChoiceField(
        queryset=ProposalChoice.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Your choice",
    )

    def __init__(self, *args, proposal: Proposal, persona_id: int, **kwargs):
        kwargs.setdefault("auto_id", f"vote-{persona_id}-%s")
        super().__init__(*args, **kwargs)
        self.fields["choice"].queryset = proposal.choices.all()
