"""Compare and export as actions on personas the caller may already see: assembled from the cached
details as the caller may read them (insights.details), written to the audit log of each persona
involved."""

from insights.compare import comparison_report
from insights.details import details_read
from insights.exports import ExportFile, export_build
from insights.models import AuditAction
from insights.services.audit import audit_record


def personas_compare(*, user, personas, sections=None, highlight_differences=True, request=None) -> dict:
    """The compare report of two or three visible personas, the first compared with the others."""
    details = [details_read(user=user, persona=persona)[0] for persona in personas]
    report = comparison_report(details, sections=sections, highlight_differences=highlight_differences)
    # No ids of the others: a persona's audit log would tell its owner about personas they may not see.
    audited = {"personas_compared": len(personas), "similarity_score": report["summary"]["similarity_score"]}
    for persona in personas:
        audit_record(persona=persona, action=AuditAction.COMPARE, user=user, details=audited, request=request)
    return report


def persona_export(*, user, persona, format="json", sections=None, pii_mask=True, request=None) -> ExportFile:
    details, _ = details_read(user=user, persona=persona)
    exported = export_build(
        details=details, sections=sections, pii_mask=pii_mask, exported_by=user.get_username(), format=format
    )
    metadata = exported.document["content"]["metadata"]
    audited = {"format": format, "sections": metadata["sections"], "masked": pii_mask}
    audit_record(persona=persona, action=AuditAction.EXPORT, user=user, details=audited, request=request)
    return exported
