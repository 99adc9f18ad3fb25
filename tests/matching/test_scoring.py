"""The reference scorer: every factor, every hard constraint, missing data."""

from datetime import date

import pytest

from crm.matching import (
    Availability,
    Candidate,
    Language,
    LanguageRequirement,
    NeedSpec,
    Skill,
    SkillRequirement,
    score,
)

AREA = "local-democracy"
FULL = Availability(date(2027, 1, 1), date(2027, 12, 31), 20, "long")


def person(**fields) -> Candidate:
    return Candidate(fields.pop("id", "v1"), **fields)


def need(**fields) -> NeedSpec:
    return NeedSpec(fields.pop("id", "n1"), **fields)


def factor(result, kind):
    return next(f for f in result.factors if f.kind == kind)


def skill_need(min_level=2):
    return need(skills=(SkillRequirement(AREA, min_level, 2.0),))


def test_a_candidate_with_everything_scores_100():
    wanted = need(
        skills=(SkillRequirement(AREA, 2, 3.0),),
        languages=(LanguageRequirement("en", "B2", required=True),),
        countries=frozenset({"KE"}),
        start=date(2027, 3, 1),
        end=date(2027, 6, 30),
        hours_per_month=8,
        travel="short",
    )
    ideal = person(
        skills=(Skill(AREA, 4),),
        languages=(Language("en", "C2"),),
        countries=frozenset({"KE"}),
        availability=FULL,
    )
    result = score(ideal, wanted)
    assert result.score == 100.0 and not result.excluded
    assert sum(f.points for f in result.factors) == pytest.approx(100.0)


def test_skill_levels_earn_more_the_higher_they_are():
    scores = [score(person(skills=(Skill(AREA, lv),)), skill_need(2)).score for lv in (1, 2, 3, 4)]
    assert 0 < scores[0] < scores[1] < scores[2] < scores[3] == 100.0
    assert factor(score(person(skills=(Skill(AREA, 3),)), skill_need(2)), "skill").value == 3


def test_a_level_below_the_minimum_gets_partial_credit():
    below = score(person(skills=(Skill(AREA, 2),)), skill_need(4))
    at = score(person(skills=(Skill(AREA, 4),)), skill_need(4))
    assert 0 < below.score < at.score / 2


def test_skill_weights_shift_the_score():
    wanted = need(skills=(SkillRequirement(AREA, 1, 3.0), SkillRequirement("sdgs", 1, 1.0)))
    heavy = score(person(skills=(Skill(AREA, 1),)), wanted)
    light = score(person(skills=(Skill("sdgs", 1),)), wanted)
    assert heavy.score == pytest.approx(3 * light.score, abs=0.1)


def test_a_text_skill_counts_scaled_by_its_confidence():
    declared = score(person(skills=(Skill(AREA, 3),)), skill_need())
    text = score(person(skills=(Skill(AREA, 3, 0.5, "text", "byrådet"),)), skill_need())
    assert text.score == pytest.approx(declared.score / 2, abs=0.1)
    explained = factor(text, "text_skill")
    assert explained.confidence == 0.5 and explained.source_text == "byrådet"


def test_the_best_of_declared_and_text_skills_counts():
    both = person(skills=(Skill(AREA, 1), Skill(AREA, 4, 0.9, "text", "borgmester")))
    result = score(both, skill_need())
    assert result.factors[0].kind == "text_skill"
    assert result.score > score(person(skills=(Skill(AREA, 1),)), skill_need()).score


def test_missing_area_and_missing_skills_are_told_apart():
    assert factor(score(person(skills=(Skill("sdgs", 4),)), skill_need()), "skill_lacking")
    unknown = factor(score(person(), skill_need()), "skills_unknown")
    assert unknown.points == 0 and unknown.unknown


def test_preferred_languages_add_points_by_level():
    wanted = need(languages=(LanguageRequirement("fr", "B2"),))
    scores = {
        level: score(person(languages=(Language("fr", level),)), wanted).score
        for level in ("A1", "B1", "B2", "native")
    }
    assert 0 < scores["A1"] < scores["B1"] < scores["B2"] == scores["native"] == 100.0
    assert score(person(languages=(Language("de", "C2"),)), wanted).score == 0.0
    assert not score(person(languages=(Language("de", "C2"),)), wanted).excluded


@pytest.mark.parametrize(
    ("languages", "excluded"),
    [
        ((Language("en", "C1"),), False),
        ((Language("en", "B1"),), True),
        ((Language("da", "native"),), True),  # does not speak it at all
        ((), False),  # languages unknown: costs points, never excludes
        ((Language("en"),), False),  # level unknown
    ],
)
def test_a_required_language_below_its_level_excludes(languages, excluded):
    wanted = need(languages=(LanguageRequirement("en", "B2", required=True),))
    result = score(person(languages=languages), wanted)
    assert result.excluded == excluded
    if excluded:
        (reason,) = result.exclusions
        assert (reason.kind, reason.subject, reason.wanted) == ("language", "en", "B2")
        assert "en" in reason.text


def test_a_required_language_below_its_level_earns_nothing_a_preferred_one_earns_a_share():
    speaks_b1 = person(languages=(Language("en", "B1"),))
    required = score(speaks_b1, need(languages=(LanguageRequirement("en", "B2", required=True),)))
    assert required.excluded and required.score == 0.0
    assert factor(required, "language").points == 0.0  # no plus for the language that excludes
    preferred = score(speaks_b1, need(languages=(LanguageRequirement("en", "B2"),)))
    assert not preferred.excluded and 0.0 < factor(preferred, "language").points < 100.0


def test_country_beats_region_beats_nothing():
    wanted = need(countries=frozenset({"KE"}))
    known = score(person(countries=frozenset({"KE"})), wanted)
    near = score(person(countries=frozenset({"TZ"})), wanted)
    far = score(person(countries=frozenset({"TH"})), wanted)
    unknown = score(person(), wanted)
    assert known.score > near.score > far.score == unknown.score == 0.0
    assert factor(near, "region").value == "TZ"
    assert factor(far, "country_lacking") and factor(unknown, "countries_unknown")


def test_more_hours_never_score_less():
    wanted = need(hours_per_month=10)
    scores = [
        score(person(availability=Availability(hours_per_month=h)), wanted).score
        for h in (0, 5, 10, 40)
    ]
    assert scores == sorted(scores) and scores[-1] == 100.0 and scores[0] == 0.0
    assert factor(score(person(), wanted), "hours_unknown").unknown


@pytest.mark.parametrize(
    ("start", "end", "excluded"),
    [
        (date(2027, 1, 1), date(2027, 12, 31), False),
        (date(2027, 6, 30), None, False),  # open end, starts on the need's last day
        (None, date(2027, 2, 28), True),  # ends before the need starts
        (date(2027, 7, 1), date(2027, 8, 1), True),
    ],
)
def test_no_overlap_with_the_need_period_excludes(start, end, excluded):
    wanted = need(start=date(2027, 3, 1), end=date(2027, 6, 30))
    result = score(person(availability=Availability(start, end)), wanted)
    assert result.excluded == excluded
    assert [e.kind for e in result.exclusions] == (["period"] if excluded else [])


def test_unknown_availability_costs_points_but_never_excludes():
    wanted = need(start=date(2027, 3, 1), end=date(2027, 6, 30), travel="long", hours_per_month=5)
    result = score(person(), wanted)
    assert not result.excluded and result.score == 0.0
    assert {f.kind for f in result.factors} == {"period_unknown", "travel_unknown", "hours_unknown"}


@pytest.mark.parametrize(
    ("mode", "need_mode", "excluded"),
    [
        ("long", "short", False),
        ("short", "long", True),
        ("remote", "short", True),
        ("short", "remote", False),
        ("short", "short", False),
    ],
)
def test_a_travel_mode_the_volunteer_does_not_accept_excludes(mode, need_mode, excluded):
    result = score(person(availability=Availability(travel=mode)), need(travel=need_mode))
    assert result.excluded == excluded
    assert [e.kind for e in result.exclusions] == (["travel"] if excluded else [])


def test_a_need_that_asks_for_nothing_scores_zero_without_error():
    result = score(person(skills=(Skill(AREA, 4),)), need())
    assert result.score == 0.0 and result.factors == () and not result.excluded


def test_explanations_are_structured_and_readable():
    wanted = need(skills=(SkillRequirement(AREA, 2, 3.0),), countries=frozenset({"KE"}))
    result = score(person(skills=(Skill(AREA, 4),), countries=frozenset({"UG"})), wanted)
    for item in result.factors:
        data = item.to_dict()
        assert {"factor", "subject", "points", "max_points", "text"} <= set(data)
        assert data["text"] == item.text and item.text
    first = result.factors[0].to_dict()
    assert (first["factor"], first["subject"], first["value"], first["wanted"]) == (
        "skill",
        AREA,
        4,
        2,
    )
    assert sum(f.points for f in result.factors) == pytest.approx(result.score, abs=0.05)
