"""Properties over generated candidates and needs: scores stay in 0-100, more skill never hurts."""

from hypothesis import given, settings
from hypothesis import strategies as st

from crm.matching import (
    LANGUAGE_LEVELS,
    TRAVEL_MODES,
    Availability,
    Candidate,
    Language,
    LanguageRequirement,
    NeedSpec,
    Skill,
    SkillRequirement,
    score,
)

AREAS = ("local-democracy", "sdgs", "campaigning", "communication")
COUNTRIES = ("KE", "TZ", "MK", "BA", "TH", "DK")
CODES = ("en", "da", "fr")

levels = st.integers(1, 4)
dates = st.none() | st.dates()
skills = st.builds(
    Skill,
    area=st.sampled_from(AREAS),
    level=levels,
    confidence=st.floats(0.0, 1.0),
    source=st.sampled_from(("declared", "text")),
)
candidates = st.builds(
    Candidate,
    id=st.just("v"),
    skills=st.lists(skills, max_size=5).map(tuple),
    languages=st.lists(
        st.builds(Language, st.sampled_from(CODES), st.none() | st.sampled_from(LANGUAGE_LEVELS)),
        max_size=3,
    ).map(tuple),
    countries=st.frozensets(st.sampled_from(COUNTRIES), max_size=3),
    availability=st.none()
    | st.builds(
        Availability,
        dates,
        dates,
        st.none() | st.integers(0, 200),
        st.none() | st.sampled_from(TRAVEL_MODES),
    ),
)
needs = st.builds(
    NeedSpec,
    id=st.just("n"),
    skills=st.lists(
        st.builds(SkillRequirement, st.sampled_from(AREAS), levels, st.floats(0.1, 10)),
        max_size=4,
    ).map(tuple),
    languages=st.lists(
        st.builds(
            LanguageRequirement,
            st.sampled_from(CODES),
            st.sampled_from(LANGUAGE_LEVELS),
            st.booleans(),
        ),
        max_size=2,
    ).map(tuple),
    countries=st.frozensets(st.sampled_from(COUNTRIES), max_size=2),
    start=dates,
    end=dates,
    hours_per_month=st.none() | st.integers(0, 100),
    travel=st.none() | st.sampled_from(TRAVEL_MODES),
)


@settings(max_examples=300, deadline=None)
@given(candidates, needs)
def test_scores_stay_within_0_and_100(candidate, need):
    result = score(candidate, need)
    assert 0.0 <= result.score <= 100.0
    assert all(0.0 <= f.points <= f.max_points + 1e-9 for f in result.factors)


@settings(max_examples=300, deadline=None)
@given(candidates, needs, st.data())
def test_adding_a_matching_skill_never_lowers_the_score(candidate, need, data):
    area = data.draw(st.sampled_from([r.area for r in need.skills] or list(AREAS)))
    extra = data.draw(skills.map(lambda s: Skill(area, s.level, s.confidence, s.source)))
    richer = Candidate(
        candidate.id,
        (*candidate.skills, extra),
        candidate.languages,
        candidate.countries,
        candidate.availability,
    )
    assert score(richer, need).score >= score(candidate, need).score
