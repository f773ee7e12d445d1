"""Every page reachable by following links from the home page answers without a server error, for each
kind of visitor, with the demo data loaded."""

import re
from collections import deque
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

LINK = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?"')
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/api/", "/accounts/logout")
MAX_PAGES = 150


def crawl(client) -> dict[str, int]:
    seen, queue, statuses = {"/"}, deque(["/"]), {}
    while queue and len(statuses) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url, follow=True)
        statuses[url] = response.status_code
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        for link in LINK.findall(response.content.decode()):
            if link not in seen and not link.startswith(SKIPPED_PREFIXES):
                seen.add(link)
                queue.append(link)
    return statuses


@pytest.mark.django_db
@pytest.mark.parametrize("username", [None, "alice", "bob", "maude", "rita"])
def test_no_page_reachable_from_home_errors(client, username):
    call_command("seed_demo", stdout=StringIO())
    if username:
        client.force_login(get_user_model().objects.get(username=username))

    statuses = crawl(client)

    assert len(statuses) > 10
    assert {url: code for url, code in statuses.items() if code >= 500} == {}
    assert {url: code for url, code in statuses.items() if code == 404} == {}
