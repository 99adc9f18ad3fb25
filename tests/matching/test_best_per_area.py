"""The one skill a profile keeps per area: declared first, then level, then confidence."""

from crm.matching import Skill
from crm.matching.model import best_per_area


def test_a_declared_skill_beats_one_read_from_text_even_at_a_lower_level():
    declared, read = Skill("sdgs", 1), Skill("sdgs", 4, 1.0, "text")
    assert best_per_area([read, declared]) == {"sdgs": declared}


def test_then_the_higher_level_then_the_higher_confidence():
    low, high = Skill("sdgs", 2, 1.0, "text"), Skill("sdgs", 3, 0.86, "text")
    sure, unsure = Skill("campaigning", 2, 0.95, "text"), Skill("campaigning", 2, 0.9, "text")
    assert best_per_area([low, high, unsure, sure]) == {"sdgs": high, "campaigning": sure}


def test_the_first_of_equals_is_kept_and_nothing_gives_nothing():
    first, second = Skill("sdgs", 2, 0.9, "text", "a"), Skill("sdgs", 2, 0.9, "text", "b")
    assert best_per_area([first, second])["sdgs"] is first
    assert best_per_area([]) == {}
