"""A volunteer who only wrote free text is ranked by what the text says, level and all."""

from datetime import date

from crm.matching import (
    Availability,
    Candidate,
    CandidatePool,
    Language,
    LanguageRequirement,
    NeedSpec,
    Skill,
    SkillRequirement,
    load_normaliser,
)

EXAMPLE = "Jeg har siddet i byrådet i 8 år og trænet kvindelige kandidater"
YEAR = Availability(date(2027, 1, 1), date(2027, 12, 31), hours_per_month=10, travel="short")
SPRING = Availability(date(2027, 2, 1), date(2027, 6, 30), hours_per_month=6, travel="long")
ENGLISH = (Language("en", "C1"), Language("da", "native"))

NEED = NeedSpec(
    "candidate-school-kenya",
    skills=(
        SkillRequirement("candidate-training", min_level=2, weight=3),
        SkillRequirement("women-in-politics", min_level=1, weight=1),
        SkillRequirement("local-democracy", min_level=2, weight=1),
    ),
    languages=(LanguageRequirement("en", "B2", required=True),),
    countries=frozenset({"KE"}),
    start=date(2027, 3, 1),
    end=date(2027, 5, 31),
    hours_per_month=8,
    travel="short",
)


def declared(*skills: tuple[str, int]) -> tuple[Skill, ...]:
    return tuple(Skill(area, level) for area, level in skills)


def texts(*entries: str) -> tuple[Skill, ...]:
    return tuple(skill for text in entries for skill in load_normaliser().skills(text))


OTHERS = [
    # Two who declared candidate training and deserve to come first.
    Candidate(
        "a01",
        declared(("candidate-training", 4), ("women-in-politics", 3)),
        ENGLISH,
        frozenset({"KE", "UG"}),
        YEAR,
    ),
    Candidate("a02", declared(("candidate-training", 3)), ENGLISH, frozenset({"TZ"}), SPRING),
    # Strong profiles in the neighbouring areas, who used to outrank the example.
    Candidate(
        "a03",
        declared(("local-democracy", 4), ("women-in-politics", 4)),
        ENGLISH,
        frozenset({"KE"}),
        YEAR,
    ),
    Candidate(
        "a04",
        declared(("women-in-politics", 4), ("campaigning", 3)),
        ENGLISH,
        frozenset({"KE", "TZ"}),
        YEAR,
    ),
    Candidate(
        "a05",
        declared(("local-democracy", 4), ("public-dialogue", 3)),
        ENGLISH,
        frozenset({"UG"}),
        YEAR,
    ),
    Candidate(
        "a06",
        declared(("local-democracy", 3), ("branch-development", 3)),
        ENGLISH,
        frozenset({"KE"}),
        SPRING,
    ),
    Candidate(
        "a07",
        declared(("women-in-politics", 3), ("training-facilitation", 4)),
        ENGLISH,
        frozenset({"KE"}),
        YEAR,
    ),
    Candidate(
        "a08",
        declared(("training-facilitation", 4), ("communication", 3)),
        ENGLISH,
        frozenset({"TZ", "KE"}),
        YEAR,
    ),
    Candidate(
        "a09", declared(("campaigning", 4), ("communication", 4)), ENGLISH, frozenset({"KE"}), YEAR
    ),
    Candidate(
        "a10",
        declared(("youth-networks", 4), ("campaigning", 2)),
        ENGLISH,
        frozenset({"UG"}),
        SPRING,
    ),
    Candidate("a11", declared(("local-democracy", 2)), ENGLISH, frozenset({"KE"}), YEAR),
    Candidate(
        "a12",
        declared(("women-in-politics", 2), ("local-democracy", 2)),
        ENGLISH,
        frozenset({"KE"}),
        YEAR,
    ),
    Candidate("a13", declared(("sdgs", 3), ("human-rights", 3)), ENGLISH, frozenset({"KE"}), YEAR),
    Candidate("a14", declared(("inclusion-equality", 4)), ENGLISH, frozenset({"KE"}), YEAR),
    # Free text, as most volunteers write it.
    Candidate(
        "a15",
        texts("Interesseret i kandidattræning og kvinder i politik"),
        ENGLISH,
        frozenset({"KE"}),
        YEAR,
    ),
    Candidate(
        "a16",
        texts("Formand for kvindenetværket i 10 år", "borgmester 2010-2021"),
        ENGLISH,
        frozenset({"KE"}),
        YEAR,
    ),
    Candidate("a17", texts("lidt erfaring med valgkamp og SoMe"), ENGLISH, frozenset(), YEAR),
    Candidate("a18", texts("Led the youth wing for six years"), ENGLISH, frozenset({"KE"}), YEAR),
    # Excluded: no English.
    Candidate(
        "a19",
        declared(("candidate-training", 4)),
        (Language("da", "native"),),
        frozenset({"KE"}),
        YEAR,
    ),
]


def test_the_issues_example_ranks_among_the_first_three_for_candidate_training():
    example = Candidate("example", texts(EXAMPLE), ENGLISH, frozenset(), YEAR)
    assert {s.area for s in example.skills} >= {"candidate-training", "local-democracy"}
    ranking = CandidatePool.from_candidates([*OTHERS, example]).rank(NEED)
    order = [result.candidate_id for result in ranking.candidates]
    assert order.index("example") < 3, order
    assert order[0] == "a01" and "a19" not in order
