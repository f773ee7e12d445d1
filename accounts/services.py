import secrets
from collections.abc import Callable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import ApiToken, Profile
from core.cache import anonymous_cache_invalidate
from core.exceptions import ApplicationError
from core.uploads import make_thumbnail

User = get_user_model()
MAX_TOKENS_PER_USER = 20


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its key; the key is never retrievable again. Counting and saving happen under
    a lock on the user's row, so creations at the same moment cannot pass the cap together."""
    User.objects.select_for_update().only("pk").get(pk=user.pk)
    if ApiToken.objects.filter(user_id=user.pk).count() >= MAX_TOKENS_PER_USER:
        raise ApplicationError(f"You can have at most {MAX_TOKENS_PER_USER} API tokens.", field="name")
    key = secrets.token_hex(20)
    token = ApiToken(user=user, name=name.strip(), prefix=key[:8], key_hash=ApiToken.hash_key(key))
    token.full_clean()
    token.save()
    return token, key


def api_token_revoke(*, user: User, token_id: int) -> None:
    user.api_tokens.filter(pk=token_id).delete()


def api_tokens_revoke_all(*, user: User) -> int:
    """Revoke every API token of the user (offered after a password change); returns how many."""
    revoked, _ = ApiToken.objects.filter(user_id=user.pk).delete()
    return revoked


def api_token_authenticate(key: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(key)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def profile_update(
    *, user: User, display_name: str, bio: str, avatar=None, remove_avatar: bool = False
) -> Profile:
    """Save what the user shows on their page. A new avatar is stored as a 256 px square (core.uploads);
    `remove_avatar` takes it away."""
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
    profile.display_name, profile.bio = display_name.strip(), bio.strip()
    if avatar is not None:  # already checked by the form's image field
        profile.avatar = make_thumbnail(avatar)
    elif remove_avatar:
        profile.avatar = ""
    profile.full_clean()
    profile.save()
    return profile


EMAIL_CHANGE_SALT = "accounts.email-change"
EMAIL_CHANGE_MAX_AGE = 3 * 24 * 3600


def email_change_request(*, user: User, new_email: str, confirm_url: Callable[[str], str]) -> None:
    """Send a link to `new_email` that makes it the user's address when followed. The signed token
    names the old address too, so a link stops working once the address has changed otherwise."""
    token = signing.dumps({"user": user.pk, "old": user.email, "new": new_email}, salt=EMAIL_CHANGE_SALT)
    body = render_to_string(
        "accounts/email/email_change.txt", {"user": user, "new_email": new_email, "url": confirm_url(token)}
    )
    send_mail("Confirm your new Yayay e-mail address", body, None, [new_email])


@transaction.atomic
def email_change_confirm(*, token: str) -> User:
    """Apply a change requested by email_change_request; ApplicationError when the link is bad or old."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature:
        raise ApplicationError(
            "This confirmation link is invalid or has expired; ask for a new one."
        ) from None
    user = User.objects.select_for_update().filter(pk=data["user"], is_active=True).first()
    if user is None or user.email != data["old"]:
        raise ApplicationError("This confirmation link was already used or replaced; ask for a new one.")
    user.email = data["new"]
    user.save(update_fields=["email"])
    return user


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account and everything it owns: its personas (with their history, chats and answers),
    tokens and profile. Others' forks of its personas stay theirs, no longer linked to a parent."""
    User.objects.filter(pk=user.pk).delete()
    _forget_history_user(user.pk)
    anonymous_cache_invalidate("personas")  # their public personas leave cached lists at once


def _forget_history_user(user_id: int) -> None:
    """Deleting the personas wrote "deleted" versions naming the user (simple-history takes the request's
    user) after Django had cleared their older ones: clear those too, before the deferred foreign keys
    are checked at commit."""
    for model in apps.get_models():
        if hasattr(model, "history_user") and model._meta.get_field("history_user").related_model is User:
            model.objects.filter(history_user_id=user_id).update(history_user=None)
