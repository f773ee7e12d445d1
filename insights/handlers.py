"""Receivers of the persona app's signals (persona.signals): forks copy the research profile; updates,
deletes, restores and forks are written to the audit log. They run inside the persona service's
transaction; audit_record uses a savepoint, so a failed audit never undoes the persona change."""

from insights.models import AuditAction
from insights.services.audit import audit_record
from insights.services.profiles import research_profile_copy
from persona import signals


def copy_profile_to_fork(sender, parent, fork, actor, **kwargs):
    research_profile_copy(source_persona=parent, target_persona=fork, actor=actor)


def audit_fork(sender, parent, fork, actor, **kwargs):
    audit_record(persona=parent, action=AuditAction.FORK, user=actor, details={"fork_id": fork.pk})


def audit_update(sender, persona, actor, changed_fields, **kwargs):
    details = {"section": "persona", "fields": sorted(changed_fields)}
    audit_record(persona=persona, action=AuditAction.UPDATE, user=actor, details=details)


def audit_delete(sender, persona, actor, **kwargs):
    details = {"reason": persona.delete_reason} if persona.delete_reason else {}
    audit_record(persona=persona, action=AuditAction.DELETE, user=actor, details=details)


def audit_restore(sender, persona, actor, **kwargs):
    audit_record(persona=persona, action=AuditAction.RESTORE, user=actor)


def connect() -> None:
    signals.persona_forked.connect(copy_profile_to_fork, dispatch_uid="insights.copy_profile_to_fork")
    signals.persona_forked.connect(audit_fork, dispatch_uid="insights.audit_fork")
    signals.persona_updated.connect(audit_update, dispatch_uid="insights.audit_update")
    signals.persona_deleted.connect(audit_delete, dispatch_uid="insights.audit_delete")
    signals.persona_undeleted.connect(audit_restore, dispatch_uid="insights.audit_restore")
