import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_groups_come_back_after_a_flush_as_transactional_tests_do():
    call_command("flush", interactive=False, verbosity=0)

    moderators = Group.objects.get(name="moderators")
    assert moderators.permissions.filter(codename="change_persona").exists()
