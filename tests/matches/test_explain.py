"""Explanations and exclusion reasons in plain Danish and English."""

import pytest
from flask_babel import force_locale

from crm.matches.explain import describe_factor, describe_reason, format_points
from crm.matches.labels import state_label

from .conftest import FACTORS, REASONS

CASES = [
    (
        FACTORS[0],
        "Lokaldemokrati og kommunalpolitik: niveau 4 (behovet: mindst 2) (+32)",
        "Local democracy and local government: level 4 (need: at least 2) (+32)",
    ),
    (
        FACTORS[1],
        "Taler engelsk på C1 (krav: mindst B2) (+6)",
        "Speaks English at C1 (required: at least B2) (+6)",
    ),
    (FACTORS[2], "Kender Kenya (+10)", "Knows Kenya (+10)"),
    (
        FACTORS[3],
        "Kan bruge 10 timer om måneden (behovet: 8) (+5)",
        "Can give 10 hours a month (need: 8) (+5)",
    ),
    (
        {**FACTORS[3], "value": 1, "points": 1},
        "Kan bruge 1 time om måneden (behovet: 8) (+1)",
        "Can give 1 hour a month (need: 8) (+1)",
    ),
    (
        FACTORS[4],
        "Periode for tilgængelighed ikke oplyst (0 af 4 point)",
        "Availability period not given (0 of 4 points)",
    ),
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
        "Kandidattræning: niveau 2 læst ud af fritekst, 80\xa0% sikkert (behovet: mindst 1) (+6,5)",
        "Candidate training: level 2 read from free text, 80% sure (need: at least 1) (+6.5)",
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
        "Taler fransk på modersmålsniveau (ønsket: mindst B2) (+6)",
        "Speaks French at native level (preferred: at least B2) (+6)",
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
        "Kvinder i politik: erfaring ikke oplyst (behovet: mindst 2) (0 af 10 point)",
        "Women's political participation: experience not given (need: at least 2) (0 of 10 points)",
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
        "FN's verdensmål: niveau 3 (behovet: mindst 2) (\u22125)",
        "UN Sustainable Development Goals: level 3 (need: at least 2) (\u22125)",
    ),
    (
        # an excluded candidate: the required language below its minimum gives no plus
        {
            "factor": "language",
            "subject": "en",
            "value": "B1",
            "wanted": "B2",
            "required": True,
            "points": 0,
            "max_points": 6,
        },
        "Taler engelsk på B1 – under kravet på B2 (0 af 6 point)",
        "Speaks English at B1, below the required B2 (0 of 6 points)",
    ),
    (
        {
            "factor": "language",
            "subject": "de",
            "value": "A2",
            "wanted": "B2",
            "required": False,
            "points": 1.5,
            "max_points": 6,
        },
        "Taler tysk på A2 – under det ønskede B2 (+1,5)",
        "Speaks German at A2, below the preferred B2 (+1.5)",
    ),
    (
        {"factor": "language_lacking", "subject": "en", "wanted": "B2", "required": True},
        "Taler ikke engelsk (krav: mindst B2)",
        "Does not speak English (required: at least B2)",
    ),
    (
        {"factor": "language_unknown", "subject": "sw", "wanted": "A2", "required": False},
        "Swahili: niveau ikke oplyst (ønsket: mindst A2)",
        "Swahili: level not given (preferred: at least A2)",
    ),
    (
        {"factor": "hours_unknown", "wanted": 6, "points": 0, "max_points": 6},
        "Timer om måneden ikke oplyst (behovet: 6) (0 af 6 point)",
        "Hours a month not given (need: 6) (0 of 6 points)",
    ),
    (
        {"factor": "travel", "value": "long", "wanted": "short", "points": 3, "max_points": 3},
        "Rejser: længere ophold (over to uger); behovet: korte rejser (op til to uger) (+3)",
        "Travel: longer stays (over two weeks); need: short trips (up to two weeks) (+3)",
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
        assert describe_reason(REASONS[1]) == (
            "Behovet kræver længere ophold (over to uger); den frivillige har valgt: kun hjemmefra"
        )
    with force_locale("en"):
        assert describe_reason(REASONS[0]) == "Requires English at B2 or better; speaks it at A2"
        assert describe_reason(REASONS[1]) == (
            "The need requires longer stays (over two weeks); the volunteer chose: remote only"
        )
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
