"""Other apps add sections to a persona's pages through the panel registry, without persona importing
them."""

import pytest
from django.template import Template
from django.urls import reverse

from persona import panels
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def greeting_panel(monkeypatch):
    monkeypatch.setattr(panels, "_providers", {slot: [] for slot in panels.SLOTS})

    def provider(request, persona):
        return {"template": Template("<p>{{ panel.greeting }}</p>"), "greeting": f"Hello, {persona.name}"}

    for slot in panels.SLOTS:
        panels.panel_register(slot, provider)


@pytest.mark.usefixtures("greeting_panel")
@pytest.mark.parametrize("page", ["persona:detail", "leveling:progress"])
def test_registered_panels_appear_on_the_persona_pages(client, alice, page):
    persona = PersonaFactory(owner=alice, name="Panelled")

    html = client.get(reverse(page, args=[persona.slug])).content.decode()

    assert "<p>Hello, Panelled</p>" in html


def test_an_unknown_slot_is_refused():
    with pytest.raises(ValueError):
        panels.panel_register("sidebar", lambda request, persona: None)
