"""Forms of the compare and export pages (the API validates the same choices with its serializers)."""

from django import forms

from insights.exports import FORMATS
from insights.sections import SECTION_LABELS

MAX_CHOICES = 200  # the select offers this many personas; any other visible one works by its id in the URL


class SectionsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=SECTION_LABELS.items(), required=False, **kwargs)


class CompareForm(forms.Form):
    first = forms.TypedChoiceField(label="Compare with", coerce=int)
    second = forms.TypedChoiceField(label="And (optional)", coerce=int, required=False, empty_value=None)
    sections = SectionsField(help_text="All of them when none is ticked.")

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        options = [(persona.pk, f"{persona.name} ({persona.owner.username})") for persona in choices]
        self.fields["first"].choices = [("", "Choose a persona"), *options]
        self.fields["second"].choices = [("", "No third persona"), *options]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("first") and cleaned.get("first") == cleaned.get("second"):
            self.add_error("second", "Choose a different persona, or none.")
        return cleaned


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[(name, name.upper()) for name in FORMATS])
    sections = SectionsField()
    pii_mask = forms.BooleanField(label="Mask personal data", required=False)
