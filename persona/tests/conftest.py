import pytest


@pytest.fixture
def moderator_client(client, maude):
    """Maude, a moderator with admin access, logged in."""
    maude.is_staff = True
    maude.save()
    client.force_login(maude)
    return client
