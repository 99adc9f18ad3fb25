"""Explanations and exclusion reasons in plain Danish and English."""

import pytest
from flask_babel import force_locale

from crm.matches.explain import describe_factor, describe_reason, format_points
from crm.matches.labels import state_label

from .conftest import FACTORS, REASONS

CASES = [
    (
        FACTORS[0],
        "Lokaldemokrati og kommunalpolitik: niveau 4, krav 2 (+32)",
        "Local democracy and local government: level 4, minimum 2 (+32)",
    ),
    (FACTORS[1], "Engelsk C1, krav B2 (+6)", "English C1, required B2 (+6)"),
    (FACTORS[2], "Kender Kenya (+10)", "Knows Kenya (+10)"),
    (FACTORS[3], "Timer pr. måned: 10 af 8 (+5)", "Hours per month: 10 of 8 (+5)"),
    (FACTORS[4], "Ingen tilgængelighed oplyst (0 af 4)", "No availability given (0 of 4)"),
    (
        {
            "factor": "text_skill",
            "subject": "candidate-training",
            "value": 2,
            "wanted": 1,
            "confidence": 0.8,
            "points": 6.5,
            "max_points": 10,
        },
        "Kandidattræning: niveau 2 ud fra fritekst (80\xa0% sikker), krav 1 (+6,5)",
        "Candidate training: level 2 from free text (80% sure), minimum 1 (+6.5)",
    ),
    (
        {
            "factor": "language",
            "subject": "fr",
            "value": "native",
            "wanted": "B2",
            "required": False,
            "points": 6,
            "max_points": 6,
        },
        "Fransk modersmål, ønsket B2 (+6)",
        "French native, preferred B2 (+6)",
    ),
    (
        {
            "factor": "region",
            "subject": "KE",
            "value": "UG",
            "region": "Eastern Africa",
            "points": 4,
            "max_points": 8,
        },
        "Kender Uganda i samme region som Kenya (+4)",
        "Knows Uganda, in the same region as Kenya (+4)",
    ),
    (
        {
            "factor": "skills_unknown",
            "subject": "women-in-politics",
            "wanted": 2,
            "points": 0,
            "max_points": 10,
        },
        "Kvinder i politik: erfaring ikke oplyst, krav 2 (0 af 10)",
        "Women's political participation: experience not given, minimum 2 (0 of 10)",
    ),
    (
        {
            "kind": "skill",
            "subject": "sdgs",
            "level": 3,
            "min_level": 2,
            "points": -5,
            "max_points": 10,
        },
        "FN's verdensmål: niveau 3, krav 2 (\u22125)",
        "UN Sustainable Development Goals: level 3, minimum 2 (\u22125)",
    ),
]


@pytest.mark.parametrize(("factor", "danish", "english"), CASES)
def test_factors_in_danish_and_english(factor, danish, english):
    with force_locale("da"):
        assert describe_factor(factor) == danish
    with force_locale("en"):
        assert describe_factor(factor) == english


def test_exclusion_reasons_in_danish_and_english():
    with force_locale("da"):
        assert describe_reason(REASONS[0]) == "Kræver engelsk på mindst B2; taler det på A2"
        assert describe_reason({"reason": "language", "subject": "en", "wanted": "B2"}) == (
            "Kræver engelsk på mindst B2; taler det ikke"
        )
        assert describe_reason(REASONS[1]).startswith("Behovet kræver længere ophold")
    with force_locale("en"):
        assert describe_reason(REASONS[0]) == "Requires English at B2 or better; speaks it at A2"
        assert (
            describe_reason(
                {
                    "reason": "period",
                    "value": ["2027-08-01", None],
                    "wanted": ["2027-03-01", "2027-06-30"],
                }
            )
            == "Not available in the need's period (Mar 1, 2027–Jun 30, 2027); "
            "available Aug 1, 2027–…"
        )


def test_unknown_kinds_fall_back_to_the_engines_text():
    assert describe_factor({"factor": "new_kind", "text": "Something new"}) == "Something new"
    assert describe_reason({"reason": "new_kind"}) == "New_kind"


def test_points_and_states():
    with force_locale("en"):
        assert format_points(32.0) == "+32"
        assert format_points(0, 0) == ""
        assert state_label("not_suitable") == "Not suitable"
    with force_locale("da"):
        assert state_label("not_suitable") == "Ikke egnet"
