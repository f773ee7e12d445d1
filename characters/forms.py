from django import forms

from characters.models import (
    CARD_IDENTITY_FIELDS,
    CHAT_TEXT_FIELDS,
    CharacterProfile,
    CharacterStyle,
    Project,
    ReferenceImage,
)
from characters.selectors import tag_tree
from characters.services.cards import TagMode
from core.uploads import ImageFormField

CHARACTER_FIELDS = (
    "name",
    "description",
    "backstory",
    *CHAT_TEXT_FIELDS,
    *CARD_IDENTITY_FIELDS,
    "is_public",
    "is_featured",
    "tags",
    "projects",
    "style_presets",
)
TEXTAREAS = ("description", "backstory", *CHAT_TEXT_FIELDS)


class LinesField(forms.CharField):
    """A list of texts, one a line (personality traits), or separated by a blank line (greetings)."""

    def __init__(self, *, separator: str = "\n", **kwargs):
        self.separator = separator
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return self.separator.join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [item.strip() for item in text.replace("\r\n", "\n").split(self.separator) if item.strip()]


class CharacterForm(forms.ModelForm):
    personality_traits = LinesField(help_text="One trait a line.")
    alternate_greetings = LinesField(separator="\n\n", help_text="Separate greetings with a blank line.")
    group_only_greetings = LinesField(separator="\n\n", help_text="Greetings for group chats only.")

    class Meta:
        model = CharacterProfile
        fields = (*CHARACTER_FIELDS, "personality_traits", "alternate_greetings", "group_only_greetings")
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in TEXTAREAS} | {
            "tags": forms.CheckboxSelectMultiple,
            "projects": forms.CheckboxSelectMultiple,
            "style_presets": forms.CheckboxSelectMultiple,
        }
        help_texts = {"is_public": "Public characters need at least one style or reference image."}

    def __init__(self, *args, projects, may_feature: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = projects
        if not may_feature:
            self.fields["is_featured"].disabled = True
            self.fields["is_featured"].help_text = "Moderators choose featured characters."

    def validate_unique(self):
        """The service checks the name, with the same message everywhere."""

    def _post_clean(self):
        """Validation is the service's (full_clean there); the form only parses."""

    def service_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if not self.fields[name].disabled}


class OptionalOrderMixin:
    """A blank order keeps the row where it stands (new rows go last)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        if self.instance.pk is None:
            self.initial["order"] = None


class StyleForm(OptionalOrderMixin, forms.ModelForm):
    class Meta:
        model = CharacterStyle
        fields = ("name", "prompt_helper", "prompt", "negative_prompt", "order")
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 2}),
            "negative_prompt": forms.Textarea(attrs={"rows": 2}),
            "order": forms.NumberInput(attrs={"min": 0, "class": "narrow-input"}),
        }

    def _post_clean(self):
        """The service validates (a prompt or a helper)."""


class ImageForm(OptionalOrderMixin, forms.ModelForm):
    image = ImageFormField(required=False)

    class Meta:
        model = ReferenceImage
        fields = ("image", "alt_text", "caption", "order", "is_primary")
        widgets = {"order": forms.NumberInput(attrs={"min": 0, "class": "narrow-input"})}

    def _post_clean(self):
        """The service validates and stores the image."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and cleaned.get("alt_text") and not cleaned.get("image"):
            self.add_error("image", "Choose an image to upload.")
        return cleaned


StyleFormSet = forms.inlineformset_factory(
    CharacterProfile, CharacterStyle, form=StyleForm, extra=1, can_delete=True, max_num=30
)
ImageFormSet = forms.inlineformset_factory(
    CharacterProfile, ReferenceImage, form=ImageForm, extra=1, can_delete=True, max_num=30
)


class CharacterFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    tag = forms.TypedChoiceField(
        label="Tag", required=False, coerce=int, empty_value=None, help_text="Includes the tags under it."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tree = [(tag.pk, f"{'— ' * depth}{tag.name}") for tag, depth in tag_tree()]
        self.fields["tag"].choices = [("", "Any tag"), *tree]


class ImportForm(forms.Form):
    file = forms.FileField(label="Character Card", help_text="A PNG card, V1/V2/V3 JSON, or a CHARX file.")
    tag_mode = forms.ChoiceField(label="Tags from the card", choices=TagMode.CHOICES, initial=TagMode.ALL)
    make_persona = forms.BooleanField(label="Also create a persona from it", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update({"accept": ".png,.json,.charx,image/png,application/json"})


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ("name", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MemberForm(forms.Form):
    username = forms.CharField(max_length=150)
    role = forms.ChoiceField(choices=[("viewer", "Viewer"), ("editor", "Editor")])
