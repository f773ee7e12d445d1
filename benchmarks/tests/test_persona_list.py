"""The persona list benchmark (the first half of `make bench`) builds its personas."""

from benchmarks.persona_list import grow_to
from core import names
from persona.models import Persona


def test_grown_personas_carry_their_look_alike_keys(alice, bob):
    grow_to(30, alice, bob)

    personas = Persona.all_objects.filter(owner=alice)
    assert personas.count() == 30
    assert all(
        (p.name_key, p.name_shape_key) == (names.name_key(p.name), names.name_shape_key(p.name))
        for p in personas
    )
