import threading

import pytest
from django.db import connection

from accounts.models import ApiToken
from accounts.services import (
    MAX_TOKENS_PER_USER,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    api_tokens_revoke_all,
)
from accounts.tests.factories import UserFactory
from core.exceptions import ApplicationError
from core.testing.databases import needs_postgresql

pytestmark = pytest.mark.django_db


def test_token_key_is_returned_once_and_only_its_hash_is_stored(alice):
    token, key = api_token_create(user=alice, name="nightly export")

    stored = ApiToken.objects.get(pk=token.pk)
    assert key not in {stored.key_hash, stored.prefix, stored.name}
    assert stored.prefix == key[:8]
    assert api_token_authenticate(key) == alice
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_revoked_and_unknown_keys_authenticate_nobody(alice, bob):
    token, key = api_token_create(user=alice, name="script")

    api_token_revoke(user=bob, token_id=token.pk)
    assert api_token_authenticate(key) == alice  # bob cannot revoke alice's token

    api_token_revoke(user=alice, token_id=token.pk)
    assert api_token_authenticate(key) is None
    assert api_token_authenticate("not-a-key") is None


def test_revoking_all_tokens_leaves_other_users_tokens_alone(alice, bob):
    alice_keys = [api_token_create(user=alice, name=f"script {n}")[1] for n in range(3)]
    _, bob_key = api_token_create(user=bob, name="script")

    assert api_tokens_revoke_all(user=alice) == 3
    assert [api_token_authenticate(key) for key in alice_keys] == [None] * 3
    assert api_token_authenticate(bob_key) == bob


def test_inactive_users_tokens_stop_working(alice):
    _, key = api_token_create(user=alice, name="script")
    alice.is_active = False
    alice.save()

    assert api_token_authenticate(key) is None


def test_token_count_is_capped(alice):
    for number in range(MAX_TOKENS_PER_USER):
        api_token_create(user=alice, name=f"token {number}")

    with pytest.raises(ApplicationError) as error:
        api_token_create(user=alice, name="one too many")

    assert error.value.field == "name"


def test_token_needs_a_name(alice):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        api_token_create(user=alice, name="   ")

    assert "name" in error.value.message_dict
    assert not ApiToken.objects.exists()


@needs_postgresql  # row locking; SQLite locks the whole database
@pytest.mark.django_db(transaction=True)
def test_simultaneous_token_creations_stop_at_the_cap():
    user = UserFactory(username="scripter")
    for number in range(MAX_TOKENS_PER_USER - 5):
        api_token_create(user=user, name=f"token {number}")
    barrier, refused, errors = threading.Barrier(10), [], []

    def create(number):
        try:
            barrier.wait(timeout=10)
            api_token_create(user=user, name=f"parallel {number}")
        except ApplicationError as error:
            refused.append(error)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(number,)) for number in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert ApiToken.objects.filter(user=user).count() == MAX_TOKENS_PER_USER
    assert len(refused) == 5


def test_permissions_of_the_user_and_their_groups_are_read_in_one_query(db, django_assert_num_queries):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from accounts.tests.factories import UserFactory

    user = UserFactory(groups=["reviewers"])
    user.user_permissions.add(Permission.objects.get(codename="view_persona"))
    user = get_user_model().objects.get(pk=user.pk)

    with django_assert_num_queries(1):
        assert user.has_perm("prompts.add_skillscore")  # from the group
        assert user.has_perm("persona.view_persona")  # the user's own
        assert not user.has_perm("persona.delete_persona")
    assert get_user_model().objects.get(pk=user.pk).get_all_permissions() >= {
        "prompts.add_skillscore",
        "persona.view_persona",
    }
