"""A persona's details as a file: JSON, CSV or PDF, by sections, masked by default (insights.masking)."""

import uuid
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from insights.exports import csv_export, json_export, pdf_export
from insights.masking import details_mask
from insights.sections import details_restricted_to, sections_normalize

FORMATS = ("json", "csv", "pdf")
_RENDERERS = {"json": json_export.render, "csv": csv_export.render, "pdf": pdf_export.render}
CONTENT_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


@dataclass(frozen=True)
class ExportFile:
    export_id: str
    format: str
    document: dict  # what the JSON format answers: export_id, format, created_at, content
    body: bytes
    content_type: str
    filename: str


def export_document(*, details: dict, sections, pii_mask: bool, exported_by: str, format: str) -> dict:
    """The export as data: the persona restricted to the sections (masked unless told otherwise) and
    metadata saying who exported what, when, and whether it was masked."""
    sections = sections_normalize(sections)
    persona = details_restricted_to(details, sections)
    if pii_mask:
        persona = details_mask(persona)
    created_at = timezone.now().isoformat()
    metadata = {"exported_by": exported_by, "exported_at": created_at, "sections": list(sections)}
    return {
        "export_id": str(uuid.uuid4()),
        "format": format,
        "created_at": created_at,
        "content": {"persona": persona, "metadata": {**metadata, "masked": pii_mask}},
    }


def export_build(*, details: dict, sections, pii_mask: bool, exported_by: str, format: str) -> ExportFile:
    document = export_document(
        details=details, sections=sections, pii_mask=pii_mask, exported_by=exported_by, format=format
    )
    persona = document["content"]["persona"]
    stem = slugify(persona.get("full_name") or "") or f"persona-{persona.get('id')}"
    return ExportFile(
        export_id=document["export_id"],
        format=format,
        document=document,
        body=_RENDERERS[format](document),
        content_type=CONTENT_TYPES[format],
        filename=f"{stem}-details.{format}",
    )
