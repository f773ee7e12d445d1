"""Forms of the content pages. They parse and pre-check input; the services decide and write."""

from django import forms

from content.models import MAX_BODY_LENGTH, MAX_COMMENT_LENGTH, MAX_TITLE_LENGTH, PUBLISHED_KINDS, ContentKind
from content.transcripts import transcript_from_text
from core.uploads import ImageFormField

PASTE_HELP = (
    "One message per “User:”, “Assistant:” or “System:” line; the lines after it, up to the next such "
    "line, belong to it. A time may come first, in square brackets: “[2026-05-01 14:03] User: Hello”. "
    'JSON works too: [{"role": "user", "text": "Hello", "time": "2026-05-01T14:03:00Z"}, ...].'
)
PASTE_EXAMPLE = (
    "[2026-05-01 14:03] User: Hi! Who are you?\nAssistant: I am Nova, a star guide.\nAsk me anything."
)


class ContentForm(forms.Form):
    kind = forms.ChoiceField(
        choices=PUBLISHED_KINDS,
        initial=ContentKind.POST,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(max_length=MAX_TITLE_LENGTH)
    body = forms.CharField(
        label="Text",
        required=False,
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="A post's text, or an image's caption.",
    )
    image = ImageFormField(required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ContentKind.IMAGE and not cleaned.get("image"):
            self.add_error("image", "Choose the image to publish.")
        if cleaned.get("kind") == ContentKind.POST and cleaned.get("image"):
            self.add_error("image", "A post has no image: choose “Image” to publish one.")
        return cleaned


class TranscriptImportForm(forms.Form):
    title = forms.CharField(max_length=MAX_TITLE_LENGTH)
    body = forms.CharField(
        label="Description",
        required=False,
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    transcript = forms.CharField(
        help_text=PASTE_HELP,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 14, "class": "mono", "spellcheck": "false", "placeholder": PASTE_EXAMPLE}
        ),
    )

    def clean_transcript(self):
        return transcript_from_text(self.cleaned_data["transcript"])


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Your comment",
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Up to {MAX_COMMENT_LENGTH:,} characters.",
    )


class FeedFilterForm(forms.Form):
    SORTS = [("newest", "Newest"), ("liked", "Most liked this week")]

    q = forms.CharField(label="Search", required=False, max_length=200)
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "All kinds"), *ContentKind.choices])
    sort = forms.ChoiceField(label="Order", required=False, choices=SORTS)
