"""The XP curve: RuneScape's experience table, levels 1 to 99.

The XP needed to reach level L is

    xp_for_level(L) = floor( sum_{l=1}^{L-1} floor(l + 300 * 2 ** (l / 7)) / 4 )

so level 2 costs 83 XP, level 10 1,154, level 50 101,333 and level 99 13,034,431. Every level costs more
than the one before it (the step grows by about 10% per level), and 99 is the cap: more XP never raises the
level further. `level_for_xp` is the one function that turns XP into a level (a bisect over the precomputed
table); nothing else derives levels.

An attribute's level is the floor of the mean of its skills' levels (`attribute_level`), so it moves only
when its skills do and a single strong skill cannot carry a weak attribute.
"""

from bisect import bisect_right
from math import floor

MAX_LEVEL = 99


def _build_table() -> tuple[int, ...]:
    table, points = [0], 0
    for level in range(1, MAX_LEVEL):
        points += floor(level + 300 * 2 ** (level / 7))
        table.append(points // 4)
    return tuple(table)


# XP_TABLE[L - 1] is the XP needed to reach level L.
XP_TABLE = _build_table()


def xp_for_level(level: int) -> int:
    """Total XP needed to reach `level` (1..99)."""
    if not 1 <= level <= MAX_LEVEL:
        raise ValueError(f"Levels run from 1 to {MAX_LEVEL}.")
    return XP_TABLE[level - 1]


def level_for_xp(xp: int) -> int:
    """The level a skill with `xp` experience has; negative XP counts as none."""
    return max(1, bisect_right(XP_TABLE, max(0, xp)))


def level_progress(xp: int) -> tuple[int, int]:
    """(XP gained inside the current level, XP the current level spans); (0, 0) at the cap."""
    level = level_for_xp(xp)
    if level == MAX_LEVEL:
        return 0, 0
    floor_xp = xp_for_level(level)
    return xp - floor_xp, xp_for_level(level + 1) - floor_xp


def attribute_level(skill_levels: list[int]) -> int:
    """Floor of the mean of the skills' levels; 1 for an attribute with no skills."""
    return attribute_level_of_total(sum(skill_levels), len(skill_levels))


def attribute_level_of_total(total: int, skills: int) -> int:
    """The same from the sum of the skills' levels (what a database aggregate gives)."""
    return total // skills if skills else 1
