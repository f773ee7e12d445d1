"""Creating, changing and copying research profiles."""

from django.db import transaction

from insights.models import AuditAction, ResearchProfile
from insights.services.audit import audit_record
from insights.validators import tags_normalize
from persona import rules
from persona.services.common import lock_live_persona, require

# Everything a person edits on a profile, in forms, the API and the admin alike.
PROFILE_FIELDS = tuple(
    field.name
    for field in ResearchProfile._meta.get_fields()
    if getattr(field, "editable", False)
    and field.concrete
    and field.name not in ("id", "persona", "created_at", "updated_at")
)


@transaction.atomic
def research_profile_save(*, persona, actor, **fields) -> ResearchProfile:
    """Create the persona's research profile or change the given fields of it (editors only). Invalid
    values raise a ValidationError naming each field; nothing is saved then."""
    require(rules.can_edit(actor, persona), "Only the persona's editors change its research profile.")
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not research-profile fields: {', '.join(sorted(unknown))}")
    persona = lock_live_persona(persona)
    profile = ResearchProfile.objects.filter(persona=persona).first() or ResearchProfile(persona=persona)
    created = profile.pk is None
    for name in ("values", "interests"):
        if name in fields:
            fields[name] = tags_normalize(fields[name])
    changed = [name for name, value in fields.items() if getattr(profile, name) != value]
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    if created or changed:
        profile._history_user = actor
        profile._change_reason = "Created" if created else "Edited"
        profile.save()
        details = {"section": "research_profile", "fields": sorted(changed), "created": created}
        audit_record(persona=persona, action=AuditAction.UPDATE, user=actor, details=details)
    return profile


def research_profile_copy(*, source_persona, target_persona, actor) -> ResearchProfile | None:
    """Give a fork its parent's profile (a copy, with its own history from here on)."""
    source = ResearchProfile.objects.filter(persona=source_persona).first()
    if source is None:
        return None
    copy = ResearchProfile(persona=target_persona, **{name: getattr(source, name) for name in PROFILE_FIELDS})
    copy.full_clean()
    copy._history_user = actor
    copy._change_reason = f"Copied from persona {source_persona.pk}"
    copy.save()
    return copy
