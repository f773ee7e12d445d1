import csv
import io

import pypdf
import pytest

from conftest import api_client_for
from insights.models import AuditEntry
from insights.tests.research_fixtures import researched_persona
from persona.models import Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def trio(alice, bob):
    nurse = researched_persona(owner=alice, name="Maria Lopez", age=30, values=["family", "health"])
    banker = researched_persona(owner=alice, name="Tom Banker", age=60, location="Paris", needs=False)
    public = researched_persona(owner=bob, name="Ana Public", visibility=Visibility.PUBLIC, gender="male")
    return nurse, banker, public


def _compare(user, persona, **body):
    return api_client_for(user).post(f"/api/v1/personas/{persona.pk}/actions/compare/", body, format="json")


def test_two_personas_compare_with_score_and_differences(alice, trio):
    nurse, banker, _ = trio
    response = _compare(alice, nurse, compare_with=[banker.pk], sections=["profile"])
    assert response.status_code == 200
    body = response.json()
    # The same profile but for age (1 - 30/120), location (0) and values (Jaccard 1/3), over the ten
    # fields of the profile section both have (segment is in the overview, not asked for).
    expected = (0.75 + 1 + 0 + 1 + 1 + 1 + 1 + 1 + 1 / 3 + 1) / 10
    assert body["summary"]["similarity_score"] == pytest.approx(expected, abs=1e-4)
    keys = [difference["field"] for difference in body["summary"]["key_differences"]]
    assert keys == ["location", "values", "age"]
    assert body["summary"]["key_differences"][2]["values"] == [30, 60]
    # The headline (their descriptions) differs too, though it is not part of the score.
    assert body["summary"]["total_differences"] == 4
    first = body["personas"][0]
    assert first["full_name"] == "Maria Lopez"
    assert sorted(first["_differences"]) == ["age", "headline", "location", "values"]
    assert "needs_and_pains" not in first


def test_three_personas_including_a_public_one_of_someone_else(alice, trio):
    nurse, banker, public = trio
    body = _compare(alice, nurse, compare_with=[banker.pk, public.pk]).json()
    assert [persona["id"] for persona in body["personas"]] == [nurse.pk, banker.pk, public.pk]
    assert "gender" in body["personas"][2]["_differences"]
    assert AuditEntry.objects.filter(action="compare", persona=public, user=alice).exists()


def test_more_than_three_is_a_400_naming_the_field(alice, trio):
    nurse, banker, public = trio
    extra = researched_persona(owner=alice, name="Fourth One")
    response = _compare(alice, nurse, compare_with=[banker.pk, public.pk, extra.pk])
    assert response.status_code == 400
    assert "At most 3" in response.json()["errors"]["compare_with"][0]
    assert _compare(alice, nurse, compare_with=[]).status_code == 400
    assert _compare(alice, nurse, compare_with=[nurse.pk]).status_code == 400
    assert _compare(alice, nurse, compare_with=[banker.pk], sections=["secrets"]).status_code == 400


def test_a_persona_you_cannot_see_is_404_and_named(bob, trio):
    nurse, banker, public = trio
    response = _compare(bob, public, compare_with=[banker.pk])
    assert response.status_code == 404
    assert str(banker.pk) in response.json()["detail"] and "compare_with" in response.json()["detail"]
    assert _compare(bob, nurse, compare_with=[public.pk]).status_code == 404


def test_anonymous_may_not_compare(trio):
    nurse, banker, _ = trio
    assert _compare(None, nurse, compare_with=[banker.pk]).status_code in (401, 403)


def _export(user, persona, **body):
    return api_client_for(user).post(f"/api/v1/personas/{persona.pk}/actions/export/", body, format="json")


def test_json_export_is_masked_by_default_and_audited(alice, trio):
    nurse = trio[0]
    response = _export(alice, nurse, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["format"] == "json" and body["export_id"] and body["created_at"]
    metadata = body["content"]["metadata"]
    assert metadata["exported_by"] == "alice" and metadata["masked"] is True
    assert metadata["sections"] == ["overview", "profile", "needs", "insights"]
    text = str(body["content"]["persona"])
    assert "M. L." in text and "Maria" not in text
    assert "nurse@example.org" not in text and "0612 345 678" not in text and "[phone]" in text
    entry = AuditEntry.objects.get(persona=nurse, action="export")
    assert entry.user == alice and entry.details["format"] == "json" and entry.details["masked"] is True


def test_csv_export_is_a_file_of_the_sections_asked_for(alice, trio):
    nurse = trio[0]
    response = _export(alice, nurse, format="csv", sections=["needs"], pii_mask=False)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="maria-lopez-details.csv"'
    cells = dict(list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:])
    assert cells["needs_and_pains.pain_points.0.title"] == "Night shifts"
    assert cells["needs_and_pains.pain_points.0.quotes.0.text"] == "Write to nurse@example.org"
    assert "age" not in cells and cells["metadata.masked"] == "no"


def test_pdf_export_reads_back(alice, trio):
    nurse = trio[0]
    response = _export(alice, nurse, format="pdf", sections=["overview", "needs"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "M. L." in text and "Night shifts" in text and "Urban professionals" in text
    assert "nurse@example.org" not in text


def test_export_privacy_and_bad_format(alice, charlie, trio):
    nurse = trio[0]
    assert _export(charlie, nurse).status_code == 404
    assert _export(None, nurse).status_code in (401, 403)
    response = _export(alice, nurse, format="docx")
    assert response.status_code == 400 and "format" in response.json()["errors"]
    assert not AuditEntry.objects.filter(action="export").exists()


def test_an_id_beyond_any_persona_is_a_404_not_a_500(alice, trio):
    response = _compare(alice, trio[0], compare_with=[2**62])
    assert response.status_code == 404 and str(2**62) in response.json()["detail"]


def test_without_highlighting_the_personas_carry_no_differences(alice, trio):
    nurse, banker, _ = trio
    body = _compare(alice, nurse, compare_with=[banker.pk], highlight_differences=False).json()
    assert all("_differences" not in persona for persona in body["personas"])
    assert body["summary"]["total_differences"] > 0
