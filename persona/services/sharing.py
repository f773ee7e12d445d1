from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from persona import rules, signals
from persona.models import Persona, PersonaPreference, PersonaShare, ShareRole
from persona.services.common import require

ROLE_PERMISSIONS = {ShareRole.USE: ("view_persona",), ShareRole.EDIT: ("view_persona", "change_persona")}


def _shareable_user(persona: Persona, username: str):
    user = get_user_model().objects.filter(username__iexact=username.strip(), is_active=True).first()
    if user is None:
        raise ValidationError({"username": f"No user is called “{username}”."})
    if user.pk == persona.owner_id:
        raise ValidationError({"username": "The owner already has full access."})
    return user


@transaction.atomic
def persona_share(*, persona: Persona, actor, username: str, role: str) -> PersonaShare:
    require(rules.can_share(actor, persona), "Only the owner shares a persona.")
    if role not in ShareRole.values:
        raise ValidationError({"role": f"Choose one of: {', '.join(ShareRole.values)}."})
    user = _shareable_user(persona, username)
    share, created = PersonaShare.objects.update_or_create(
        persona=persona, user=user, defaults={"role": role}
    )
    _revoke_permissions(persona, user)
    for permission in ROLE_PERMISSIONS[role]:
        assign_perm(permission, user, persona)
    if created:
        signals.persona_shared.send(sender=Persona, persona=persona, user=user, actor=actor, role=role)
    return share


@transaction.atomic
def persona_unshare(*, persona: Persona, actor, username: str) -> None:
    require(rules.can_share(actor, persona), "Only the owner shares a persona.")
    share = persona.shares.filter(user__username__iexact=username.strip()).select_related("user").first()
    if share is None:
        raise ValidationError({"username": f"This persona is not shared with “{username}”."})
    _revoke_permissions(persona, share.user)
    share.delete()
    signals.persona_unshared.send(sender=Persona, persona=persona, user=share.user, actor=actor)


def _revoke_permissions(persona: Persona, user) -> None:
    for permission in ROLE_PERMISSIONS[ShareRole.EDIT]:
        remove_perm(permission, user, persona)


def persona_set_preferred(*, user, persona: Persona | None) -> PersonaPreference:
    if persona is not None and not rules.can_view(user, persona):
        raise ValidationError({"persona": "You cannot choose a persona you cannot see."})
    preference, _ = PersonaPreference.objects.update_or_create(user=user, defaults={"persona": persona})
    return preference
