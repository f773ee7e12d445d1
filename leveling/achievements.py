"""Codes of the achievements the code awards (rows are created by migration 0002; moderators may edit
their names, points and icons in the admin, never their codes)."""

FIRST_ANSWER = "first-answer"
FIRST_FORK = "first-fork"  # awarded to the parent the first time someone forks it
FIRST_QUEST = "first-quest"
TUTORIAL_GRADUATE = "tutorial-graduate"  # one attribute became eligible for the rated tiers
ALL_ROUNDER = "all-rounder"  # every attribute eligible
PERFECT_SCORE = "perfect-score"  # a 10/10 skill score (awarded by prompts)
SKILL_LEVEL_THRESHOLDS = (10, 25, 50, 99)


def skill_level_code(level: int) -> str:
    return f"skill-level-{level}"


def skill_level_codes_crossed(old_level: int, new_level: int) -> set[str]:
    return {skill_level_code(t) for t in SKILL_LEVEL_THRESHOLDS if old_level < t <= new_level}
