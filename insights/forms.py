"""Forms of the insights pages: the research profile, the needs document (a validated JSON editor) and
messaging requests."""

import json

from django import forms

from core.fields import JSONFormField
from insights.models import ResearchProfile
from insights.services.messaging import MessageType, Tone
from insights.services.profiles import PROFILE_FIELDS

TAG_HELP = "Separate labels with commas, e.g. “family, health, thrift”."


class TagsField(forms.CharField):
    """A list of labels typed as comma-separated text; the model validates the list."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value)
        return [tag.strip() for tag in text.split(",") if tag.strip()]


class ResearchProfileForm(forms.ModelForm):
    values = TagsField(required=False, help_text=TAG_HELP)
    interests = TagsField(required=False, help_text=TAG_HELP)

    class Meta:
        model = ResearchProfile
        fields = PROFILE_FIELDS
        widgets = {
            "background_story": forms.Textarea(attrs={"rows": 5}),
            "context": forms.Textarea(attrs={"rows": 6, "class": "code"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            if isinstance(self.fields[name], forms.FloatField):
                self.fields[name].widget.attrs.update(step="0.01", min="0", max="1")

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}


class NeedsDocumentForm(forms.Form):
    document = JSONFormField(
        widget=forms.Textarea(attrs={"rows": 24, "class": "code", "spellcheck": "false"}),
        help_text="Jobs to be done, desired outcomes and pain points as JSON. Opportunity and ODI scores "
        "are computed when you save; scores you type for them are ignored.",
    )

    @staticmethod
    def initial_for(document: dict) -> dict:
        return {"document": json.dumps(document, indent=2, ensure_ascii=False)}


class MessagingForm(forms.Form):
    tone = forms.ChoiceField(choices=Tone.choices, initial=Tone.FRIENDLY)
    message_type = forms.ChoiceField(
        choices=MessageType.choices, initial=MessageType.EMAIL, label="Message type"
    )
