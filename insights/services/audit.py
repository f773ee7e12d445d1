"""The audit log: `audit_record` writes one entry and never breaks the action it records."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from insights.models import AuditEntry
from insights.request_context import current_request_metadata, request_metadata_from

logger = logging.getLogger("yayay.insights")


def audit_record(*, persona, action: str, user=None, details: dict | None = None, request=None):
    """Write an AuditEntry for `action` (an insights.models.AuditAction value) on `persona` by `user`
    (None or anonymous: no user). IP address and user agent come from `request` when given, else from
    the request being served (insights.request_context), else none.

    Returns the entry, or None when writing it failed: the failure is logged, never raised. The insert
    runs in a savepoint, so inside the caller's atomic block a failed insert rolls back alone and the
    caller's transaction stays usable."""
    try:
        metadata = request_metadata_from(request) if request is not None else current_request_metadata()
        entry = AuditEntry(
            persona_id=persona.pk,
            user=user if getattr(user, "is_authenticated", False) else None,
            action=action,
            details=details or {},
            ip_address=metadata.ip_address if metadata else None,
            user_agent=metadata.user_agent if metadata else "",
        )
        entry.full_clean(exclude=["persona", "user"])
        with transaction.atomic():
            entry.save()
        return entry
    except Exception:
        logger.exception(
            "audit entry not written",
            extra={"event": "insights.audit_failed", "persona_id": getattr(persona, "pk", None)},
        )
        return None


def audit_network_data_purge(*, now=None) -> int:
    """Erase IP addresses and user agents of entries older than AUDIT_NETWORK_DATA_DAYS; the entries stay.
    Returns how many entries were cleared."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_NETWORK_DATA_DAYS)
    old = AuditEntry.objects.filter(created_at__lt=cutoff).exclude(ip_address__isnull=True, user_agent="")
    return old.update(ip_address=None, user_agent="")
