import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken
from core.exceptions import ApplicationError

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
