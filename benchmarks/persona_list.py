"""How the persona list scales: page 1 of the list (page and API) with 100, 1,000 and 10,000 personas.

Run: `make bench` (or `.venv/bin/python benchmarks/persona_list.py`). Uses DATABASE_URL when set, else a
throw-away SQLite file. Prints milliseconds per request, SQL queries per request and the ratio to the
smallest size; a list that scales well keeps the ratio near 1 and the query count constant.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import django

if __name__ == "__main__":  # imported (by its test), it finds Django set up already
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    django.setup()

from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from guardian.shortcuts import assign_perm

from accounts.tests.factories import UserFactory
from core import names
from persona.models import Persona, Visibility

SIZES = (100, 1_000, 10_000)
REPEAT = 20
VISIBILITIES = [Visibility.PUBLIC, Visibility.UNLISTED, Visibility.PRIVATE]


def _persona(owner, n: int) -> Persona:
    # bulk_create skips Persona.save(), which derives the look-alike keys names must be unique by.
    name = f"Bench persona {n}"
    return Persona(
        owner=owner,
        name=name,
        name_key=names.name_key(name),
        name_shape_key=names.name_shape_key(name),
        slug=f"bench-persona-{n}",
        description="Benchmark persona.",
        visibility=VISIBILITIES[n % 3],
    )


def grow_to(size: int, owner, reader) -> None:
    start = Persona.all_objects.count()
    Persona.all_objects.bulk_create(_persona(owner, n) for n in range(start, size))
    for persona in Persona.all_objects.filter(visibility=Visibility.PRIVATE, pk__gt=start)[:50]:
        assign_perm("persona.view_persona", reader, persona)


def measure(client, url: str) -> tuple[float, int]:
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)  # also warms up
    began = time.perf_counter()
    for _ in range(REPEAT):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    elapsed_ms = (time.perf_counter() - began) * 1000 / REPEAT
    return elapsed_ms, len(queries)


def main() -> None:
    call_command("migrate", verbosity=0)
    owner, reader = UserFactory(username="bench-owner"), UserFactory(username="bench-reader")
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(reader)
    cases = {
        "page, anonymous": (anonymous, "/personas/"),
        "page, signed in": (signed_in, "/personas/"),
        "API, signed in": (signed_in, "/api/v1/personas/"),
    }
    baseline = {}
    print(f"{'personas':>9} {'case':<18} {'ms/request':>10} {'queries':>8} {'ratio':>6}")
    for size in SIZES:
        grow_to(size, owner, reader)
        for name, (client, url) in cases.items():
            ms, queries = measure(client, url)
            baseline.setdefault(name, ms)
            print(f"{size:>9} {name:<18} {ms:>10.1f} {queries:>8} {ms / baseline[name]:>6.2f}")


if __name__ == "__main__":
    main()
