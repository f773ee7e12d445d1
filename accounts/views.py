from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.forms import ApiTokenForm, SignUpForm
from accounts.services import api_token_create, api_token_revoke
from core.exceptions import ApplicationError


def sign_up(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
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
