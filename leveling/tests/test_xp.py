import itertools

import pytest

from leveling.xp import MAX_LEVEL, XP_TABLE, attribute_level, level_for_xp, level_progress, xp_for_level


def test_every_level_costs_more_than_the_last():
    costs = [XP_TABLE[i + 1] - XP_TABLE[i] for i in range(len(XP_TABLE) - 1)]
    assert all(later > earlier for earlier, later in itertools.pairwise(costs))
    assert len(XP_TABLE) == MAX_LEVEL


def test_known_points_of_the_runescape_table():
    assert xp_for_level(1) == 0
    assert xp_for_level(2) == 83
    assert xp_for_level(10) == 1154
    assert xp_for_level(99) == 13_034_431


@pytest.mark.parametrize("level", [2, 10, 50, 98, 99])
def test_level_boundaries(level):
    assert level_for_xp(xp_for_level(level)) == level
    assert level_for_xp(xp_for_level(level) - 1) == level - 1


def test_level_99_is_the_cap_and_negative_xp_is_level_1():
    assert level_for_xp(10**12) == 99
    assert level_progress(10**12) == (0, 0)
    assert level_for_xp(-5) == 1


def test_levels_outside_the_table_are_refused():
    with pytest.raises(ValueError):
        xp_for_level(0)
    with pytest.raises(ValueError):
        xp_for_level(100)


def test_progress_inside_a_level():
    assert level_progress(100) == (17, xp_for_level(3) - 83)


def test_attribute_level_is_the_floor_of_the_mean():
    assert attribute_level([1, 2, 2]) == 1
    assert attribute_level([10, 11, 12]) == 11
    assert attribute_level([]) == 1
