"""From a skill score to XP.

    xp = round(weight × score × DIFFICULTY_FACTOR[difficulty] × XP_PER_SCORE_POINT)

with weight 0.1..3.0 (how much the prompt exercises the skill), score 0..10, difficulty factors
1.0, 1.25, 1.5, 2.0, 2.5 for difficulty 1..5 and XP_PER_SCORE_POINT = 25. A 7/10 on an average
(difficulty 3, weight 1) prompt earns 262 XP: about level 4 from one answer, level 10-15 from a few
dozen, while level 99 (13 million XP) stays out of reach for a very long time.
"""

from decimal import Decimal

XP_PER_SCORE_POINT = 25
DIFFICULTY_FACTOR = {1: 1.0, 2: 1.25, 3: 1.5, 4: 2.0, 5: 2.5}


def xp_for_score(*, score: int, weight: Decimal | float, difficulty: int) -> int:
    return round(float(weight) * score * DIFFICULTY_FACTOR[difficulty] * XP_PER_SCORE_POINT)
