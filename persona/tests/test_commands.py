from io import StringIO

import pytest
from django.core.management import call_command

from persona.models import Persona, Visibility

pytestmark = pytest.mark.django_db


def test_init_default_persona_creates_mu_once():
    first, second = StringIO(), StringIO()

    call_command("init_default_persona", stdout=first)
    call_command("init_default_persona", stdout=second)

    mu = Persona.objects.get(is_default=True)
    assert (mu.name, mu.visibility, Persona.objects.count()) == ("Mu", Visibility.PUBLIC, 1)
    assert "helpful" in mu.system_prompt
    assert "Created" in first.getvalue()
    assert "Already present" in second.getvalue()
    assert mu.history.count() == 1


def test_seed_demo_is_idempotent_and_has_every_visibility_and_forks_of_forks():
    call_command("seed_demo", stdout=StringIO())
    counts = Persona.objects.count()
    out = StringIO()
    call_command("seed_demo", stdout=out)

    assert Persona.objects.count() == counts
    assert set(Persona.objects.values_list("visibility", flat=True)) == set(Visibility.values)
    grandchild = Persona.objects.get(name="Chef Basil (Vegan, Quick)")
    assert grandchild.forked_from.forked_from.name == "Chef Basil"
    assert all(p.thumbnail for p in Persona.objects.exclude(is_default=True))
    quill = Persona.objects.get(name="Captain Quill")
    assert quill.greeting and quill.scenario and quill.definitions_hidden
    assert "yayay-demo-2026" in out.getvalue()
