from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.validators import ASCIIUsernameValidator


class SignUpForm(UserCreationForm):
    """Usernames are plain ASCII letters, digits and @ . + - _: Unicode letters would let "аlice" (with a
    Cyrillic а) pass for alice. Names differing only in case are refused by UserCreationForm itself."""

    email = forms.EmailField(required=False, help_text="Optional; used only to reset your password.")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(ASCIIUsernameValidator())
        self.fields["username"].help_text = "Letters a-z, digits and @ . + - _ only; 150 characters at most."


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text="What will use this token, e.g. “nightly export script”."
    )
