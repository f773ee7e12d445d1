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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from guardian.shortcuts import assign_perm  # noqa: E402

from accounts.tests.factories import UserFactory  # noqa: E402
from persona.models import Persona, Visibility  # noqa: E402

SIZES = (100, 1_000, 10_000)
REPEAT = 20
VISIBILITIES = [Visibility.PUBLIC, Visibility.UNLISTED, Visibility.PRIVATE]


def grow_to(size: int, owner, reader) -> None:
    start = Persona.all_objects.count()
    Persona.all_objects.bulk_create(
        Persona(
            owner=owner,
            name=f"Bench persona {n}",
            slug=f"bench-persona-{n}",
            description="Benchmark persona.",
            visibility=VISIBILITIES[n % 3],
        )
        for n in range(start, size)
    )
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
