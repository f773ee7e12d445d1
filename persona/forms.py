"""Forms of the persona pages. They parse and pre-check input; the services decide and write."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile

from core.uploads import ImageFormField
from core.uploads.stash import upload_stash, upload_stash_preview, upload_unstash
from persona.form_fields import CapabilitiesField, TraitsField, same_capability
from persona.models import (
    EDITABLE_FIELDS,
    DeleteReason,
    Persona,
    PersonaPrompt,
    ShareRole,
    Status,
    Visibility,
)
from persona.tags import MAX_TAGS, popular_tags, tags_format, tags_parse
from persona.validators import MAX_ALTERNATE_GREETINGS, MAX_GREETING_LENGTH

MAX_PROMPTS = 50
PERSONA_FIELDS = tuple(name for name in EDITABLE_FIELDS if name != "image")  # image has its own field


class RepeatedTextarea(forms.Widget):
    """A text area per item, all under the field's name, and an empty one for a new item while there is
    room; static/js/yayay.js adds more empty ones on demand. The first box takes the field's id (its
    label points there); each box is named by its number for screen readers."""

    template_name = "persona/widgets/repeated_textarea.html"

    def __init__(self, *, item_label: str, add_label: str, max_items: int, attrs=None):
        super().__init__(attrs)
        self.item_label, self.add_label, self.max_items = item_label, add_label, max_items

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        values = [item for item in (value if isinstance(value, list) else [value]) if item]
        if len(values) < self.max_items:
            values.append("")
        shared = context["widget"]["attrs"]
        context["widget"]["items"] = [
            {"value": item, "attrs": self._box_attrs(shared, number)} for number, item in enumerate(values, 1)
        ]
        context["widget"].update(
            item_label=self.item_label, add_label=self.add_label, max_items=self.max_items
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def _box_attrs(self, shared: dict, number: int) -> dict:
        attrs = {**shared, "aria-label": f"{self.item_label} {number}"}
        if number > 1 and "id" in attrs:
            attrs["id"] = f"{attrs['id']}_{number}"
        return attrs


class GreetingListField(forms.Field):
    """Alternate greetings, one box each; empty boxes are dropped. Their number and length are checked
    by the model's validator (persona.validators), as for the API and the admin."""

    def __init__(self, **kwargs):
        widget = RepeatedTextarea(
            item_label="Alternate greeting",
            add_label="Add an alternate greeting",
            max_items=MAX_ALTERNATE_GREETINGS,
        )
        super().__init__(required=False, widget=widget, **kwargs)

    def to_python(self, value):
        items = value if isinstance(value, list) else [value]
        return [item.strip() for item in items if isinstance(item, str) and item.strip()]


class TagsField(forms.CharField):
    """Tags typed into one box, separated by commas; the browser suggests popular ones (a datalist)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"Separated by commas, at most {MAX_TAGS}: e.g. fantasy, mentor.")
        super().__init__(required=False, max_length=2000, **kwargs)
        self.widget.attrs.update({"list": "tag-suggestions", "autocomplete": "off", "data-tags": ""})

    def prepare_value(self, value):
        return tags_format(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        return tags_parse(super().to_python(value))

    def suggestions(self) -> list[str]:
        return popular_tags()


class PersonaForm(forms.ModelForm):
    image = ImageFormField(required=False)
    tags = TagsField()
    alternate_greetings = GreetingListField(
        help_text=f"Other openings a chat may start with instead: at most {MAX_ALTERNATE_GREETINGS}, "
        f"of {MAX_GREETING_LENGTH:,} characters each."
    )
    personality_traits = TraitsField(
        label="Personality",
        help_text="Name a trait and set how strong it is, from 0 (not at all) to 1 (very). "
        "Leave a name empty to drop its row.",
    )
    capabilities = CapabilitiesField(
        help_text="What the persona can do, one label each: “writing”; “languages: en, fr” for a list; "
        "“web search: no” for something it cannot.",
    )

    class Meta:
        model = Persona
        fields = PERSONA_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "greeting": forms.Textarea(attrs={"rows": 3}),
            "system_prompt": forms.Textarea(attrs={"rows": 6}),
            "scenario": forms.Textarea(attrs={"rows": 3}),
            "example_dialogue": forms.Textarea(attrs={"rows": 6}),
            "ai_link": forms.URLInput(attrs={"placeholder": "https://"}),
        }
        help_texts = {
            "name": "3 to 100 characters; must be unique.",
            "ai_link": "Where the persona lives, if anywhere (http or https).",
            "visibility": "Private: only you and the people you share it with. Unlisted: never listed or "
            "searched, but anyone with the link sees it. Public: listed and searchable by everyone.",
            "status": "Draft: listed only for you and its editors while you work on it. Active: in use. "
            "Archived: retired; out of the lists, and it neither answers prompts nor chats.",
            "definitions_hidden": "Only you and its editors read the system prompt, scenario and example "
            "dialogue; others see the greetings and the rest. Chats still use them. “Use” shares of a "
            "private persona never see them.",
            "greeting": "The first message of a chat with this persona; everyone who may open it sees it.",
            "system_prompt": "Instructions for the model.",
            "scenario": "The situation a chat takes place in.",
            "example_dialogue": "Sample exchanges that show how the persona talks.",
        }

    def __init__(self, *args, user=None, may_manage: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.stash_token = user, ""
        self.order_fields(["name", "description", "tags", "image", "ai_link"])
        if self.instance.pk:
            self.initial["tags"] = sorted(self.instance.tags.names())
        if self.instance.pk and self.instance.image:
            self.initial["image"] = self.instance.image
        if not may_manage:
            for name in ("visibility", "definitions_hidden", "status"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "Only the owner or a moderator changes this."

    def clean_capabilities(self):
        """Keep each capability as stored while its label reads the same (the API may have stored a
        shape the labels only approximate, such as a one-item list)."""
        old, new = self.instance.capabilities or {}, self.cleaned_data["capabilities"]
        return {
            name: old[name] if name in old and same_capability(old[name], value) else value
            for name, value in new.items()
        }

    def clean_image(self):
        """No new file and no "Remove image": the image kept from an attempt that had errors, if any."""
        image = self.cleaned_data.get("image")
        if image is False or isinstance(image, UploadedFile) or self.user is None:
            return image
        token = self.data.get(f"{self.add_prefix('image')}_stash", "")
        stashed = upload_unstash(token=token, user=self.user) if token else None
        if stashed is None:
            return image
        self.stash_token = token
        return stashed

    def keep_chosen_image(self) -> None:
        """After errors: stash the image the user chose (it was valid), so the form shows it and sends
        it back instead of asking for it again."""
        image = getattr(self, "cleaned_data", {}).get("image")
        if self.user is None or not isinstance(image, UploadedFile):
            return
        if not self.stash_token:
            self.stash_token = upload_stash(file=image, user=self.user)
        widget = self.fields["image"].widget
        widget.stash_token = self.stash_token
        widget.stash_preview = upload_stash_preview(token=self.stash_token, user=self.user)

    def service_fields(self) -> dict:
        """The cleaned values as keyword arguments of persona_create / persona_update."""
        fields = {
            name: self.cleaned_data[name]
            for name in PERSONA_FIELDS
            if name in self.cleaned_data and not self.fields[name].disabled
        }
        if "tags" in self.cleaned_data:
            fields["tags"] = self.cleaned_data["tags"]
        image = self.cleaned_data.get("image")
        if image is False:
            fields["image"] = ""
        elif isinstance(image, UploadedFile):
            fields["image"] = image
        return fields


class PersonaPromptForm(forms.ModelForm):
    class Meta:
        model = PersonaPrompt
        fields = ("title", "text", "order")
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "order": forms.NumberInput(attrs={"min": 0, "class": "narrow-input"}),
        }
        help_texts = {"order": "Lower comes first; blank keeps its place."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        if self.instance.pk is None:
            self.initial["order"] = None


PromptFormSet = forms.inlineformset_factory(
    Persona,
    PersonaPrompt,
    form=PersonaPromptForm,
    extra=1,
    can_delete=True,
    max_num=MAX_PROMPTS,
    validate_max=True,
)


def prompts_from_formset(formset) -> list[dict]:
    """The kept rows as [{"title", "text"}], sorted by their order (blank: where the row stands)."""
    rows = []
    for index, form in enumerate(formset.forms):
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        order = data.get("order")
        rows.append(
            (index if order is None else order, index, {"title": data["title"], "text": data["text"]})
        )
    return [prompt for *_, prompt in sorted(rows, key=lambda row: row[:2])]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        if field in form.fields:
            form.add_error(field, errors)
        elif field == NON_FIELD_ERRORS:
            form.add_error(None, errors)
        else:
            label = field.replace("_", " ").capitalize()
            form.add_error(None, [f"{label}: {message}" for e in errors for message in e.messages])


class ForkForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="You can change it now or later.")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class DeleteForm(forms.Form):
    reason = forms.ChoiceField(
        choices=[("", "Choose a reason (optional)"), *DeleteReason.choices], required=False
    )
    reason_detail = forms.CharField(
        label="Details", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ShareForm(forms.Form):
    username = forms.CharField(max_length=150, help_text="The exact username of the person.")
    role = forms.ChoiceField(
        choices=ShareRole.choices,
        initial=ShareRole.USE,
        help_text="Use: they may open it, chat with it and fork it, even while it is private. Edit: they may "
        "also change it and read its definitions; only you change who sees it, its status and its shares.",
    )


class PersonaFilterForm(forms.Form):
    SORTS = {"relevance": "Best match", "newest": "Newest", "name": "Name", "popularity": "Most popular"}

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": "Name, description, tag or creator"}),
    )
    tag = forms.CharField(label="Tag", required=False, max_length=50)
    mine = forms.BooleanField(label="My personas", required=False)
    status = forms.ChoiceField(
        choices=[("", "Active and drafts"), *Status.choices],
        required=False,
        help_text="Archived personas are listed only when you choose Archived.",
    )
    visibility = forms.ChoiceField(choices=[("", "Any visibility"), *Visibility.choices], required=False)
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is None or not user.is_authenticated:
            # Nothing of theirs to filter on, and they are only ever listed public personas.
            del self.fields["mine"]
            del self.fields["visibility"]


class PreferredPersonaForm(forms.Form):
    persona = forms.ModelChoiceField(
        queryset=Persona.objects.none(),
        required=False,
        empty_label="No preference (use the default persona)",
        label="Preferred persona",
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persona"].queryset = choices
