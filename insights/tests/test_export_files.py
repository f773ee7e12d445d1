"""The three formats read back with the tools a researcher's software would use."""

import csv
import io
import json

import pypdf

from insights.exports import export_build

DETAILS = {
    "id": 3,
    "full_name": "Zoë Ångström",
    "persona_title": "Night-shift nurse",
    "headline": '=HYPERLINK("http://evil")',
    "age": 34,
    "big_five": {"openness": 0.7, "neuroticism": 0.2},
    "values": ["family", "+health", "@home"],
    "background_story": "Zoë grew up in Malmö. Reach her at zoe@example.se or 0701 234 567.",
    "needs_and_pains": {
        "jobs": [{"statement": "When I finish a shift, I want to sleep, so I can work well", "priority": 9}],
        "pain_points": [
            {"title": "Noise", "severity": 8, "quotes": ["-neighbours at 7am; call 0701 234 567"]},
        ],
    },
    "rag_context_details": '{"source": "survey"}',
    "audit_log": [{"action": "view"}],
}


def _build(format, **options):
    options = {"sections": None, "pii_mask": True, "exported_by": "alice", **options}
    return export_build(details=DETAILS, format=format, **options)


def test_json_has_the_contract_and_metadata():
    exported = _build("json", sections=["overview", "profile"])
    document = json.loads(exported.body)
    assert set(document) == {"export_id", "format", "created_at", "content"}
    assert document["format"] == "json" and document["export_id"] == exported.export_id
    metadata = document["content"]["metadata"]
    assert metadata["exported_by"] == "alice" and metadata["sections"] == ["overview", "profile"]
    assert metadata["masked"] is True and metadata["exported_at"] == document["created_at"]
    persona = document["content"]["persona"]
    assert persona["full_name"] == "Z. Å." and persona["age"] == 34
    assert "needs_and_pains" not in persona and "audit_log" not in persona


def test_csv_is_flattened_and_escapes_formulas():
    exported = _build("csv", pii_mask=False)
    rows = list(csv.reader(io.StringIO(exported.body.decode("utf-8-sig"))))
    assert rows[0] == ["field", "value"]
    cells = dict(rows[1:])
    assert cells["big_five.openness"] == "0.7"
    assert cells["headline"] == '\'=HYPERLINK("http://evil")'
    assert cells["values.1"] == "'+health" and cells["values.2"] == "'@home"
    assert cells["needs_and_pains.pain_points.0.quotes.0"].startswith("'-neighbours")
    assert cells["full_name"] == "Zoë Ångström" and cells["metadata.masked"] == "no"
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for value in row)


def test_pdf_opens_and_reads_back_masked_unicode_text():
    exported = _build("pdf")
    assert exported.content_type == "application/pdf" and exported.body.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(exported.body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Z. Å." in text and "Night-shift nurse" in text
    assert "grew up in Malmö" in text and "[email]" in text and "[phone]" in text
    assert "zoe@example.se" not in text and "0701 234 567" not in text
    assert "When I finish a shift" in text and "Needs" in text


def test_only_the_sections_asked_for_are_in_the_file():
    text = _build("csv", sections=["needs"]).body.decode("utf-8-sig")
    assert "needs_and_pains.jobs.0.priority" in text
    assert "big_five" not in text and "background_story" not in text
    assert "full_name" in text  # whose it is, always
