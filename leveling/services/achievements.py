from django.db import connection, transaction
from django.utils import timezone

from leveling.models import Achievement, PersonaAchievement
from leveling.signals import achievement_awarded, rewards_earned

# PostgreSQL awards and reads back what it awarded in one statement; the insert skips what the persona
# holds already (the unique constraint decides, for racing requests too).
_AWARD_AND_READ = f"""
WITH awarded AS (
    INSERT INTO {PersonaAchievement._meta.db_table} (persona_id, achievement_id, awarded_at)
    SELECT %s, id, %s FROM {Achievement._meta.db_table} WHERE code = ANY(%s)
    ON CONFLICT (persona_id, achievement_id) DO NOTHING
    RETURNING achievement_id
)
SELECT achievement.* FROM {Achievement._meta.db_table} achievement
JOIN awarded ON awarded.achievement_id = achievement.id
ORDER BY achievement.points, achievement.name
"""


@transaction.atomic(savepoint=False)
def achievements_award(*, persona, codes, quests=()) -> list[Achievement]:
    """Award the achievements with these codes that the persona does not hold yet; returns the new ones.
    One statement on PostgreSQL whatever the codes, two elsewhere (a read of those not held yet, then
    an insert). `quests` are the tutorial quests the same change completed: `rewards_earned` announces
    them with the new achievements at once."""
    codes = sorted(set(codes))
    new = _award(persona, codes) if codes else []
    for achievement in new:
        achievement_awarded.send(sender=Achievement, persona=persona, achievement=achievement)
    if new or quests:
        rewards_earned.send(sender=Achievement, persona=persona, quests=list(quests), achievements=new)
    return new


def _award(persona, codes: list[str]) -> list[Achievement]:
    if connection.vendor == "postgresql":
        return list(Achievement.objects.raw(_AWARD_AND_READ, [persona.pk, timezone.now(), codes]))
    new = list(Achievement.objects.filter(code__in=codes).exclude(awards__persona=persona))
    PersonaAchievement.objects.bulk_create(
        [PersonaAchievement(persona=persona, achievement=achievement) for achievement in new],
        ignore_conflicts=True,
    )
    return new
