from io import StringIO

import pytest
from django.core.management import call_command

from characters.models import CharacterProfile, Project

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_characters_and_an_imported_card_once():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert CharacterProfile.objects.count() == 5
    mira = CharacterProfile.objects.get(name="Captain Mira Vance")
    assert mira.card_file and mira.images.get(is_primary=True)
    assert mira.card_extra["character_book"]["name"] == "Gull lore"
    assert [t.name for t in mira.tags.all()] == ["Science fiction"]
    assert Project.objects.get().characters.count() == 2
    assert CharacterProfile.objects.filter(is_public=True).count() == 3
