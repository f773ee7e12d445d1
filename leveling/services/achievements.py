from django.db import transaction

from leveling.models import Achievement, PersonaAchievement
from leveling.signals import achievement_awarded


@transaction.atomic(savepoint=False)
def achievements_award(*, persona, codes) -> list[Achievement]:
    """Award the achievements with these codes that the persona does not hold yet; returns the new ones.
    Two statements whatever the codes: one read finds the achievements not held yet, one insert awards
    them; the unique constraint keeps every award single even when two requests race."""
    codes = set(codes)
    if not codes:
        return []
    new = list(Achievement.objects.filter(code__in=codes).exclude(awards__persona=persona))
    if not new:
        return []
    PersonaAchievement.objects.bulk_create(
        [PersonaAchievement(persona=persona, achievement=achievement) for achievement in new],
        ignore_conflicts=True,
    )
    for achievement in new:
        achievement_awarded.send(sender=Achievement, persona=persona, achievement=achievement)
    return new
