import csv
import io

import pypdf
import pytest

from insights.models import AuditEntry, NeedsAnalysis, NeedsStatus
from insights.tests.research_fixtures import researched_persona
from persona.models import Visibility

pytestmark = pytest.mark.django_db


def _details(client, persona):
    return client.get(f"/personas/{persona.slug}/details/")


def test_owner_sees_every_section(client, alice):
    persona = researched_persona(owner=alice)
    client.force_login(alice)
    response = _details(client, persona)
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Overview", "Profile", "Needs", "Insights", "Big Five", "Hofstede dimensions"):
        assert f">{heading}<" in html
    assert "Urban professionals" in html and "Master&#x27;s degree" in html
    # Pains by severity, in words and a shape as well as colour.
    assert html.index("Night shifts") < html.index("Noise")
    assert "High severity, 8/10" in html and "Low severity, 3/10" in html
    assert "54" in html and "(high)" in html  # the outcome's opportunity and ODI band
    assert "survey 2026" in html  # the source context, as text
    assert 'data-testid="audit-timeline"' in html and "Viewed" in html
    assert f"/personas/{persona.slug}/delete/" in html and f"/personas/{persona.slug}/compare/" in html
    assert f'action="/personas/{persona.slug}/needs/generate/"' in html
    assert f'href="/personas/{persona.slug}/messaging/"' in html


def test_missing_needs_are_named_and_the_rest_shows(client, alice):
    persona = researched_persona(owner=alice, needs=False)
    client.force_login(alice)
    html = _details(client, persona).content.decode()
    assert "No needs and pains yet" in html and "Everything else on this page is complete" in html
    assert "Urban professionals" in html


def test_a_failed_generation_says_so_and_keeps_the_previous_needs(client, alice):
    persona = researched_persona(owner=alice)
    NeedsAnalysis.objects.filter(persona=persona).update(
        status=NeedsStatus.FAILED, last_error="Model timed out"
    )
    client.force_login(alice)
    html = _details(client, persona).content.decode()
    assert "The last generation failed: Model timed out" in html and "Night shifts" in html


@pytest.mark.parametrize("who", ["charlie", None])
def test_private_details_are_404_for_strangers_and_anonymous(client, alice, charlie, who):
    persona = researched_persona(owner=alice)
    if who:
        client.force_login(charlie)
    assert _details(client, persona).status_code == 404
    assert client.get(f"/personas/{persona.slug}/compare/").status_code in (302, 404)
    assert client.post(f"/personas/{persona.slug}/details/export/", {"format": "json"}).status_code in (
        302,
        404,
    )
    assert not AuditEntry.objects.filter(persona=persona, action__in=["view", "export"]).exists()


def test_a_public_persona_hides_its_audit_timeline_from_others(client, alice, charlie):
    persona = researched_persona(owner=alice, visibility=Visibility.PUBLIC)
    client.force_login(charlie)
    html = _details(client, persona).content.decode()
    assert "shown to the persona’s owner and moderators" in html
    assert 'data-testid="audit-timeline"' not in html
    assert f"/personas/{persona.slug}/delete/" not in html


def test_the_persona_page_links_to_the_details(client, alice):
    persona = researched_persona(owner=alice, visibility=Visibility.PUBLIC)
    html = client.get(persona.get_absolute_url()).content.decode()
    assert f'href="/personas/{persona.slug}/details/"' in html


def test_compare_page_shows_two_personas_side_by_side(client, alice):
    nurse = researched_persona(owner=alice, name="Maria Lopez", age=30)
    banker = researched_persona(owner=alice, name="Tom Banker", age=60, needs=False)
    client.force_login(alice)
    page = client.get(f"/personas/{nurse.slug}/compare/")
    assert page.status_code == 200 and "Tom Banker" in page.content.decode()
    response = client.get(f"/personas/{nurse.slug}/compare/", {"first": banker.pk, "sections": ["profile"]})
    html = response.content.decode()
    assert 'data-testid="compare-table"' in html and "≠ differs" in html
    assert "Similarity: <strong" in html
    assert 'colspan="3">Profile<' in html and 'colspan="3">Overview<' not in html
    assert AuditEntry.objects.filter(persona=banker, action="compare", user=alice).exists()


def test_compare_page_refuses_a_persona_you_cannot_see(client, alice, charlie):
    mine = researched_persona(owner=charlie, name="Charlie Own")
    hidden = researched_persona(owner=alice, name="Alice Hidden")
    client.force_login(charlie)
    response = client.get(f"/personas/{mine.slug}/compare/", {"first": hidden.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alice Hidden" not in html and 'data-testid="compare-table"' not in html
    assert "Select a valid choice" in html


@pytest.mark.parametrize("format", ["json", "csv", "pdf"])
def test_export_from_the_page_answers_the_file(client, alice, format):
    persona = researched_persona(owner=alice)
    client.force_login(alice)
    body = {"format": format, "sections": ["overview", "needs"], "pii_mask": "on"}
    response = client.post(f"/personas/{persona.slug}/details/export/", body)
    assert response.status_code == 200
    # Masked, the file name does not give the name away either.
    assert response["Content-Disposition"] == f'attachment; filename="m-l-details.{format}"'
    if format == "pdf":
        text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    elif format == "csv":
        text = str(list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))))
    else:
        text = response.content.decode()
    assert "M. L." in text and "Night shifts" in text and "Maria" not in text
    assert AuditEntry.objects.get(persona=persona, action="export").details["format"] == format


def test_export_unmasked_when_unticked(client, alice):
    persona = researched_persona(owner=alice)
    client.force_login(alice)
    response = client.post(f"/personas/{persona.slug}/details/export/", {"format": "json"})
    assert response.json()["content"]["persona"]["full_name"] == "Maria Lopez"


@pytest.mark.parametrize("value", ["abc", "%C2%B2", "99999999999999999999", "-1", ""])
def test_malformed_compare_parameters_are_a_form_error_not_a_500(client, alice, value):
    persona = researched_persona(owner=alice)
    client.force_login(alice)
    response = client.get(f"/personas/{persona.slug}/compare/?first={value}&second={value}")
    assert response.status_code == 200
    assert 'data-testid="compare-table"' not in response.content.decode()


def test_page_views_are_audited_from_the_cache_too(client, alice):
    persona = researched_persona(owner=alice)
    client.force_login(alice)
    _details(client, persona)
    _details(client, persona)
    views = AuditEntry.objects.filter(persona=persona, action="view").order_by("id")
    assert [(entry.details["via"], entry.details["cached"]) for entry in views] == [
        ("page", False),
        ("page", True),
    ]
