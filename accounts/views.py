from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from accounts.forms import ApiTokenForm, PasswordChangeWithTokensForm, SignUpForm
from accounts.services import api_token_create, api_token_revoke, api_tokens_revoke_all
from core.exceptions import ApplicationError


def sign_up(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="accounts.backends.ModelBackendOneQuery")
        messages.success(request, f"Welcome to Yayay, {user.username}!")
        return redirect("persona:list")
    return render(request, "accounts/sign_up.html", {"form": form})


@login_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _, new_key = api_token_create(user=request.user, name=form.cleaned_data["name"])
            form = ApiTokenForm()
        except ApplicationError as error:
            form.add_error("name", error.message)
    context = {"form": form, "tokens": request.user.api_tokens.all(), "new_key": new_key}
    return render(request, "accounts/api_tokens.html", context)


@login_required
@require_POST
def api_token_delete(request, token_id: int):
    api_token_revoke(user=request.user, token_id=token_id)
    messages.success(request, "The token was revoked; scripts using it will now get 401.")
    return redirect("accounts:api_tokens")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django keeps this session and ends the user's others (their stored password hash no longer
    matches); API tokens do not hang on the password, so they go only when the user ticks the box."""

    form_class = PasswordChangeWithTokensForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    @transaction.atomic
    def form_valid(self, form):
        response = super().form_valid(form)
        if form.cleaned_data.get("revoke_api_tokens"):
            revoked = api_tokens_revoke_all(user=form.user)
            messages.success(self.request, f"{revoked} API token{pluralize(revoked)} revoked.")
        return response
