from decimal import Decimal

from django import forms

from leveling.models import Skill
from persona.models import Persona
from prompts import selectors
from prompts.models import MAX_ANSWER_LENGTH, MAX_SCORE_COMMENT_LENGTH, Prompt


class PromptForm(forms.ModelForm):
    """The prompt fields plus one weight per skill; a skill left empty is not assessed."""

    class Meta:
        model = Prompt
        fields = ["title", "text", "difficulty", "tier_lowest", "tier_highest", "is_active", "is_tutorial"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = {}
        if self.instance.pk:
            current = dict(self.instance.prompt_skills.values_list("skill_id", "weight"))
        self.skills = list(Skill.objects.select_related("attribute"))
        for skill in self.skills:
            self.fields[f"weight_{skill.slug}"] = forms.DecimalField(
                label=f"{skill.name} weight ({skill.attribute})",
                required=False,
                min_value=Decimal("0.1"),
                max_value=Decimal("3.0"),
                decimal_places=1,
                initial=current.get(skill.pk),
                help_text="0.1 to 3.0; empty when this prompt does not assess the skill.",
            )

    def skill_weights(self) -> list[dict]:
        return [
            {"skill": skill, "weight": self.cleaned_data[f"weight_{skill.slug}"]}
            for skill in self.skills
            if self.cleaned_data.get(f"weight_{skill.slug}") is not None
        ]

    def prompt_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AnswerForm(forms.Form):
    persona = forms.ModelChoiceField(queryset=Persona.objects.none(), empty_label=None)
    text = forms.CharField(
        label="Answer", max_length=MAX_ANSWER_LENGTH, widget=forms.Textarea(attrs={"rows": 8}), strip=True
    )
    # Set when the persona drafted the text (prompts.services.answer_draft); checked by answer_create.
    draft_token = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persona"].queryset = selectors.personas_answerable_by(user=user)
        self.fields["persona"].to_field_name = "slug"


class AnswerDraftForm(AnswerForm):
    """The answer form as "Let the persona answer" posts it: the text may still be empty, and is shown
    again as typed if drafting fails."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = False


class AnswerEditForm(forms.Form):
    text = forms.CharField(
        label="Answer", max_length=MAX_ANSWER_LENGTH, widget=forms.Textarea(attrs={"rows": 8}), strip=True
    )


class ScoreForm(forms.Form):
    """One 0-10 score per skill the prompt assesses."""

    def __init__(self, *args, prompt: Prompt, **kwargs):
        super().__init__(*args, **kwargs)
        self.prompt_skills = list(prompt.prompt_skills.select_related("skill"))
        for item in self.prompt_skills:
            self.fields[f"score_{item.skill.slug}"] = forms.IntegerField(
                label=f"{item.skill.name} (weight {item.weight})", min_value=0, max_value=10
            )
            self.fields[f"comment_{item.skill.slug}"] = forms.CharField(
                label=f"Why this {item.skill.name.lower()} score? (optional)",
                required=False,
                max_length=MAX_SCORE_COMMENT_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="The persona’s owner and editors read it on the answer.",
            )

    def scores(self) -> dict[int, int]:
        return {item.skill_id: self.cleaned_data[f"score_{item.skill.slug}"] for item in self.prompt_skills}

    def comments(self) -> dict[int, str]:
        data = self.cleaned_data
        typed = {item.skill_id: data[f"comment_{item.skill.slug}"] for item in self.prompt_skills}
        return {skill_id: text for skill_id, text in typed.items() if text.strip()}
