"""Explanations and exclusion reasons in plain Danish and English, each line with its points."""

import pytest
from flask_babel import force_locale
from markupsafe import escape

from crm.matches import explain as explain_module
from crm.matches.explain import (
    VOLUNTEER,
    describe_factor,
    describe_reason,
    explain,
    format_points,
)
from crm.matches.fit import BANDS, GOOD_MATCH, POSSIBLE_MATCH, fit_band
from crm.matches.labels import state_label
from crm.matching import model

from .conftest import FACTORS, REASONS

TEXT_SKILL = {
    "factor": "text_skill",
    "subject": "candidate-training",
    "value": 2,
    "wanted": 1,
    "weight": 1.0,
    "confidence": 1.0,
    "points": 6.5,
    "max_points": 10,
}

# one case per factor kind the engine makes (see test_every_engine_kind_has_a_sentence)
CASES = [
    (
        FACTORS[0],
        "Lokaldemokrati og kommunalpolitik: niveau 4, behov mindst 2: 32 af 40 point",
        "Local democracy and local government: level 4, at least 2 needed: 32 of 40 points",
    ),
    (
        TEXT_SKILL,
        "Kandidattræning: niveau 2 fra beskrivelsen, behov mindst 1: 6,5 af 10 point",
        "Candidate training: level 2 from the description, at least 1 needed: 6.5 of 10 points",
    ),
    (
        {"factor": "skill_lacking", "subject": "sdgs", "wanted": 3, "points": 0, "max_points": 24},
        "FN's verdensmål: ingen erfaring, behov mindst 3: 0 af 24 point",
        "UN Sustainable Development Goals: no experience, at least 3 needed: 0 of 24 points",
    ),
    (
        {
            "factor": "skills_unknown",
            "subject": "women-in-politics",
            "wanted": 2,
            "points": 0,
            "max_points": 10,
        },
        "Kvinder i politik: erfaring ikke oplyst, behov mindst 2: 0 af 10 point",
        "Women's political participation: experience not given, at least 2 needed: 0 of 10 points",
    ),
    (
        FACTORS[1],
        "Taler engelsk på C1, der kræves mindst B2: 6 af 6 point",
        "Speaks English at C1, at least B2 required: 6 of 6 points",
    ),
    (
        {"factor": "language_lacking", "subject": "en", "wanted": "B2", "required": True},
        "Taler ikke engelsk, der kræves mindst B2",
        "Does not speak English, at least B2 required",
    ),
    (
        {
            "factor": "language_unknown",
            "subject": "sw",
            "wanted": "A2",
            "required": False,
            "points": 0,
            "max_points": 6,
        },
        "Swahili: niveau ikke oplyst, der ønskes mindst A2: 0 af 6 point",
        "Swahili: level not given, at least A2 preferred: 0 of 6 points",
    ),
    (FACTORS[2], "Kender Kenya: 10 af 10 point", "Knows Kenya: 10 of 10 points"),
    (
        {
            "factor": "region",
            "subject": "KE",
            "value": "UG",
            "wanted": ["KE"],
            "region": "Eastern Africa",
            "points": 4,
            "max_points": 8,
        },
        "Kender Uganda i samme region som Kenya: 4 af 8 point",
        "Knows Uganda, in the same region as Kenya: 4 of 8 points",
    ),
    (
        {
            "factor": "country_lacking",
            "subject": None,
            "value": ["SE"],
            "wanted": ["KE", "TZ"],
            "points": 0,
            "max_points": 14.5,
        },
        "Intet kendskab til Kenya og Tanzania eller regionen: 0 af 14,5 point",
        "No knowledge of Kenya and Tanzania or the region: 0 of 14.5 points",
    ),
    (
        {"factor": "countries_unknown", "wanted": ["KE"], "points": 0, "max_points": 8},
        "Ingen lande oplyst; behovet handler om Kenya: 0 af 8 point",
        "No countries given; the need is about Kenya: 0 of 8 points",
    ),
    (
        FACTORS[3],
        "Kan bruge 10 timer om måneden, behov 8: 5 af 5 point",
        "Can give 10 hours a month, 8 needed: 5 of 5 points",
    ),
    (
        {"factor": "hours_unknown", "wanted": 6, "points": 0, "max_points": 6},
        "Timer om måneden ikke oplyst, behov 6: 0 af 6 point",
        "Hours a month not given, 6 needed: 0 of 6 points",
    ),
    (
        {
            "factor": "period",
            "value": ["2027-01-01", None],
            "wanted": ["2027-03-01", "2027-06-30"],
            "points": 4,
            "max_points": 4,
        },
        "Tilgængelig 1. jan. 2027–…: 4 af 4 point",
        "Available Jan 1, 2027–…: 4 of 4 points",
    ),
    (
        FACTORS[4],
        "Periode for tilgængelighed ikke oplyst: 0 af 4 point",
        "Availability period not given: 0 of 4 points",
    ),
    (
        {"factor": "travel", "value": "long", "wanted": "short", "points": 3, "max_points": 3},
        "Har valgt længere ophold (over to uger); behovet er korte rejser (op til to uger): "
        "3 af 3 point",
        "Chose longer stays (over two weeks); the need is short trips (up to two weeks): "
        "3 of 3 points",
    ),
    (
        {"factor": "travel_unknown", "wanted": "remote", "points": 0, "max_points": 1},
        "Rejseform ikke oplyst; behovet er kun hjemmefra: 0 af 1 point",
        "Travel not given; the need is remote only: 0 of 1 point",
    ),
    # the variants a reader notices
    (
        {**FACTORS[3], "value": 1, "points": 1.2},
        "Kan bruge 1 time om måneden, behov 8: 1,2 af 5 point",
        "Can give 1 hour a month, 8 needed: 1.2 of 5 points",
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
        "Taler fransk på modersmålsniveau, der ønskes mindst B2: 6 af 6 point",
        "Speaks French at native level, at least B2 preferred: 6 of 6 points",
    ),
    (
        # an excluded candidate: the required language below its minimum gives nothing
        {
            "factor": "language",
            "subject": "en",
            "value": "B1",
            "wanted": "B2",
            "required": True,
            "points": 0,
            "max_points": 6,
        },
        "Taler engelsk på B1 – under kravet på B2: 0 af 6 point",
        "Speaks English at B1, below the required B2: 0 of 6 points",
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
        "Taler tysk på A2 – under det ønskede B2: 1,5 af 6 point",
        "Speaks German at A2, below the preferred B2: 1.5 of 6 points",
    ),
]


@pytest.mark.parametrize(("factor", "danish", "english"), CASES)
def test_factors_in_danish_and_english(factor, danish, english):
    with force_locale("da"):
        assert str(describe_factor(factor)) == danish
    with force_locale("en"):
        assert str(describe_factor(factor)) == english


def test_every_engine_kind_has_a_sentence_and_a_case():
    assert set(explain_module.FACTOR_KINDS) == set(model.FACTOR_KINDS)
    assert {factor["factor"] for factor, _da, _en in CASES} == set(model.FACTOR_KINDS)


def test_a_text_skill_speaks_to_the_volunteer_about_their_description():
    with force_locale("da"):
        line = describe_factor(TEXT_SKILL, VOLUNTEER)
        assert str(line) == (
            "Kandidattræning: niveau 2 fra din beskrivelse, behov mindst 1: 6,5 af 10 point"
        )
    with force_locale("en"):
        assert "level 2 from your description" in str(describe_factor(TEXT_SKILL, VOLUNTEER))


def test_a_fuzzy_reading_is_hinted_in_words_to_the_consultant_only():
    fuzzy = {**TEXT_SKILL, "confidence": 0.88}
    with force_locale("da"):
        consultant = describe_factor(fuzzy)
        volunteer = describe_factor(fuzzy, VOLUNTEER)
    assert str(consultant) == (
        "Kandidattræning: niveau 2 fra beskrivelsen, behov mindst 1 (læst ud fra et lignende ord)"
        ": 6,5 af 10 point"
    )
    assert volunteer.hint == "" and "lignende" not in str(volunteer)
    for line in (consultant, volunteer):
        assert "%" not in str(line) and "sikkert" not in str(line) and "88" not in str(line)
    assert describe_factor(TEXT_SKILL).hint == ""  # read word for word


def test_a_line_that_could_give_no_points_shows_none():
    assert format_points(0, 0) == ""
    with force_locale("da"):
        assert str(describe_factor({**FACTORS[2], "points": 0, "max_points": 0})) == (
            "Kender Kenya"
        )
        assert format_points(32.04, 40) == "32 af 40 point"
    with force_locale("en"):
        assert format_points(1, 1) == "1 of 1 point"
        assert format_points(1234.5, 2000) == "1,234.5 of 2,000 points"


def test_points_keep_their_language_when_an_email_switches_it_mid_request(app):
    """Points are formatted once per request and language: an English e-mail written while a
    Danish page is drawn gets English points, and the page keeps its Danish ones."""
    with app.test_request_context(headers={"Accept-Language": "da"}), force_locale("da"):
        assert format_points(6, 24) == "6 af 24 point"
        with force_locale("en"):
            assert format_points(6, 24) == "6 of 24 points"
        assert format_points(6, 24) == "6 af 24 point"


def test_the_html_line_escapes_and_sets_the_points_apart():
    line = explain_module.Line("Kender <b>Kenya</b>", "8 af 8 point", "hint")
    html = line.__html__()
    assert str(escape("Kender <b>Kenya</b>")) in html
    assert '<span class="points">8 af 8 point</span>' in html
    assert '<span class="hint">(hint)</span>' in html


def test_explain_orders_gains_and_keeps_gaps_apart():
    with force_locale("en"):
        lines = explain(FACTORS)
    assert [line.points for line in lines.gains] == [
        "32 of 40 points",
        "10 of 10 points",
        "6 of 6 points",
        "5 of 5 points",
    ]
    assert [str(line) for line in lines.gaps] == ["Availability period not given: 0 of 4 points"]
    assert lines.unread == 0
    with pytest.raises(ValueError):
        explain(FACTORS, reader="branch")


OLD_SHAPES = [
    {"kind": "skill", "subject": "sdgs", "level": 3, "min_level": 2, "points": -5},
    {"factor": "new_kind", "text": "Something new", "points": 3},
    {"factor": "country", "points": 8, "max_points": 8},  # no subject
    {"factor": "hours", "value": "ten", "wanted": 8, "points": "x", "max_points": None},
    "not a dict",
    None,
]


def test_factors_in_another_shape_are_left_out_and_counted():
    with force_locale("da"):
        lines = explain([*OLD_SHAPES, FACTORS[2]])
    assert [str(line) for line in lines.gains] == ["Kender Kenya: 10 af 10 point"]
    assert lines.unread == len(OLD_SHAPES) and not lines.gaps


def test_exclusion_reasons_in_danish_and_english():
    with force_locale("da"):
        assert describe_reason(REASONS[0]) == "Kræver engelsk på mindst B2; taler det på A2"
        assert describe_reason({"reason": "language", "subject": "en", "wanted": "B2"}) == (
            "Kræver engelsk på mindst B2; taler det ikke"
        )
        assert describe_reason(REASONS[1]) == (
            "Behovet kræver længere ophold (over to uger); den frivillige har valgt: kun hjemmefra"
        )
        assert describe_reason({"kind": "travel", "level": "remote"}) == (
            "Udelukket af et ufravigeligt krav"
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


@pytest.mark.parametrize(
    ("score", "slug", "danish", "english"),
    [
        (100, "good", "God match", "Good match"),
        (GOOD_MATCH, "good", "God match", "Good match"),
        (GOOD_MATCH - 0.1, "possible", "Mulig match", "Possible match"),
        (POSSIBLE_MATCH, "possible", "Mulig match", "Possible match"),
        (POSSIBLE_MATCH - 0.1, "partial", "Delvis match", "Partial match"),
        (0, "partial", "Delvis match", "Partial match"),
        (None, "partial", "Delvis match", "Partial match"),
    ],
)
def test_a_score_falls_in_one_band_in_words(score, slug, danish, english):
    band = fit_band(score)
    assert band.slug == slug
    with force_locale("da"):
        assert str(band.label) == danish
    with force_locale("en"):
        assert str(band.label) == english


def test_bands_run_best_first_down_to_zero():
    assert [b.at_least for b in BANDS] == sorted((b.at_least for b in BANDS), reverse=True)
    assert BANDS[-1].at_least == 0


def test_states():
    with force_locale("en"):
        assert state_label("not_suitable") == "Not suitable"
    with force_locale("da"):
        assert state_label("not_suitable") == "Ikke egnet"
