from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from accounts import selectors
from accounts.forms import (
    AccountDeleteForm,
    ApiTokenForm,
    EmailChangeForm,
    PasswordChangeWithTokensForm,
    ProfileForm,
    SignUpForm,
)
from accounts.services import (
    account_delete,
    api_token_create,
    api_token_revoke,
    api_tokens_revoke_all,
    email_change_confirm,
    email_change_request,
    profile_update,
)
from core.exceptions import ApplicationError
from core.paging import CappedPaginator
from persona.cards import personas_for_cards

PROFILE_PAGE_SIZE = 12


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


def profile(request, username: str):
    """A person's page: who they are and the personas the visitor may list (their own page: all)."""
    owner = selectors.user_get_by_username(username=username)
    originals, forks = selectors.profile_personas_visible_to(viewer=request.user, owner=owner)
    page = CappedPaginator(originals, PROFILE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "owner": owner,
        "profile": selectors.profile_for(user=owner),
        "page": personas_for_cards(page, user=request.user),
        "forks": personas_for_cards(forks[:PROFILE_PAGE_SIZE], user=request.user),
        "is_own": request.user.is_authenticated and request.user.pk == owner.pk,
    }
    return render(request, "accounts/profile.html", context)


@login_required
def account_settings(request):
    """Profile, e-mail and links to the password and tokens pages; each form posts here on its own."""
    current = selectors.profile_for(user=request.user)
    initial = {"display_name": current.display_name, "bio": current.bio}
    posted = request.POST.get("form")
    profile_form = ProfileForm(
        request.POST if posted == "profile" else None, request.FILES or None, initial=initial
    )
    email_form = EmailChangeForm(request.POST if posted == "email" else None, user=request.user)
    if posted == "profile" and profile_form.is_valid():
        return _save_profile(request, profile_form)
    if posted == "email" and email_form.is_valid():
        return _request_email_change(request, email_form.cleaned_data["email"])
    context = {
        "profile": current,
        "profile_form": profile_form,
        "email_form": email_form,
        "token_count": request.user.api_tokens.count(),
    }
    return render(request, "accounts/settings.html", context)


def _save_profile(request, form):
    data = form.cleaned_data
    profile_update(
        user=request.user,
        display_name=data["display_name"],
        bio=data["bio"],
        avatar=data.get("avatar") or None,
        remove_avatar=data["remove_avatar"],
    )
    messages.success(request, "Your profile was saved.")
    return redirect("accounts:settings")


def _request_email_change(request, new_email: str):
    def confirm_url(token: str) -> str:
        return request.build_absolute_uri(reverse("accounts:email_confirm", kwargs={"token": token}))

    email_change_request(user=request.user, new_email=new_email, confirm_url=confirm_url)
    messages.success(request, f"We sent a link to {new_email}. Your address changes when you open it.")
    return redirect("accounts:settings")


def email_confirm(request, token: str):
    try:
        user = email_change_confirm(token=token)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Your e-mail address is now {user.email}.")
    return redirect("accounts:settings" if request.user.is_authenticated else "accounts:login")


@login_required
def account_delete_page(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user)
        logout(request)
        messages.success(request, "Your account and everything it owned were deleted. Goodbye!")
        return redirect("home")
    personas = request.user.persona_personas.count()
    return render(request, "accounts/delete.html", {"form": form, "persona_count": personas})
