from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordChangeForm, UserCreationForm
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.template.defaultfilters import pluralize


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


class PasswordChangeWithTokensForm(PasswordChangeForm):
    """A new password ends the user's other sessions, but not their API tokens: offer to revoke those."""

    revoke_api_tokens = forms.BooleanField(
        required=False,
        initial=True,
        help_text="Scripts using them will get 401 until you create new tokens.",
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        tokens = user.api_tokens.count()
        if tokens:
            self.fields["revoke_api_tokens"].label = f"Also revoke my {tokens} API token{pluralize(tokens)}"
        else:
            del self.fields["revoke_api_tokens"]
