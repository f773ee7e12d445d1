from django import forms

from chat.models import MAX_MESSAGE_LENGTH, MAX_TITLE_LENGTH
from chat.services import FORMATS


class MessageForm(forms.Form):
    content = forms.CharField(
        label="Message", max_length=MAX_MESSAGE_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class RenameForm(forms.Form):
    title = forms.CharField(label="Title", max_length=MAX_TITLE_LENGTH)


class GreetingForm(forms.Form):
    greeting = forms.TypedChoiceField(label="Greeting", coerce=int)

    def __init__(self, *args, greetings: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["greeting"].choices = [
            (index, f"{index + 1}. {text[:80]}") for index, text in enumerate(greetings)
        ]


class ImportForm(forms.Form):
    file = forms.FileField(label="Chat file", help_text="SillyTavern JSONL or Yayay JSON.")
    file_format = forms.ChoiceField(
        label="Format",
        choices=[("jsonl", "SillyTavern JSONL"), ("json", "JSON")],
        initial=FORMATS[0],
    )
