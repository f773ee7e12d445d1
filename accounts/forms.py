from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordChangeForm, UserCreationForm
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.template.defaultfilters import pluralize

from core.uploads import ImageFormField


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


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        max_length=80, required=False, help_text="Shown on your page instead of your username."
    )
    avatar = ImageFormField(required=False, label="Avatar")
    remove_avatar = forms.BooleanField(required=False, label="Remove my avatar")
    bio = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A few words about you.",
    )


class EmailChangeForm(forms.Form):
    email = forms.EmailField(label="New e-mail address", help_text="We send a confirmation link there.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.lower() == (self.user.email or "").lower():
            raise forms.ValidationError("That is already your address.")
        return email


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(label="I understand that this cannot be undone")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password
