"""Level and years read from free text as a person would read them, Danish and English."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crm.matching import EXPERIENCE_LEVELS, Normaliser, load_taxonomy
from crm.matching.depth import level_for_years
from crm.matching.words import fold, tokenise

READER = Normaliser(load_taxonomy(), reference_year=2026)


def read(text: str) -> dict[str, tuple[int, int | None]]:
    return {m.area: (m.level, m.years) for m in READER.normalise(text)}


def test_the_issues_example_is_an_experienced_councillor_who_trains_candidates():
    found = read("Jeg har siddet i byrådet i 8 år og trænet kvindelige kandidater")
    level, years = found["local-democracy"]
    assert level >= 3 and years == 8
    assert "candidate-training" in found
    assert found["candidate-training"][1] is None  # the 8 years belong to the council


def test_each_cue_applies_to_its_own_clause():
    found = read("formand for ungdomsafdelingen i 5 år og lidt erfaring med kampagner")
    assert found["youth-networks"] == (4, 5)
    assert found["campaigning"] == (2, None)


@pytest.mark.parametrize(
    ("text", "area", "years"),
    [
        ("har været formand for lokalafdelingen siden 2017", "branch-development", 9),
        ("I have chaired the local branch since 2017", "branch-development", 9),
        ("worked in local government for 3 years", "local-democracy", 3),
        ("har siddet i byrådet i otte år", "local-democracy", 8),
        ("city councillor for eight years", "local-democracy", 8),
        ("tillidsrepræsentant i 3F i over 10 år", "labour-movement", 10),
        ("byrådsmedlem 2014-2021", "local-democracy", 7),
        ("borgmester fra 2010 til 2021", "local-democracy", 11),
        ("Tidligere borgmester (2015–nu)", "local-democracy", 11),
        ("Byrådsmedlem i Aarhus, 2014-2021.", "local-democracy", 7),
        ("12 års erfaring med kampagner", "campaigning", 12),
    ],
)
def test_durations_are_read_in_danish_and_english(text, area, years):
    assert read(text)[area][1] == years


def test_since_counts_to_the_reference_year_given():
    text = "formand for DSU siden 2019"
    assert Normaliser(load_taxonomy(), reference_year=2021).normalise(text)[0].years == 2
    assert Normaliser(load_taxonomy(), reference_year=2030).normalise(text)[0].years == 11


def test_a_text_read_again_in_a_later_year_counts_to_that_year():
    """normalise() remembers its answers per text and year, never across a new year."""
    reader = Normaliser(load_taxonomy(), reference_year=2021)
    text = "formand for DSU siden 2019"
    assert reader.normalise(text)[0].years == 2
    reader.reference_year = 2030
    assert reader.normalise(text)[0].years == 11
    found = reader.normalise(text)
    found.clear()  # a caller changing its list changes nobody else's
    assert reader.normalise(text)[0].years == 11


@pytest.mark.parametrize(
    "text",
    [
        "Jeg er 34 år og aktiv i DSU",
        "I'm 45 years old and active in the youth wing",
        "for 5 år siden var jeg med i DSU",
        "I joined the youth wing 5 years ago",
        "har været med i kampagnen i 2023",
        "formand for DSU siden 2026",
        "kampagner",
    ],
)
def test_ages_dates_and_time_ago_are_no_duration(text):
    assert all(years is None for _level, years in read(text).values())


@pytest.mark.parametrize(
    "text",
    [
        "interesseret i klimapolitik",
        "Jeg er nysgerrig på FN's verdensmål",
        "vil gerne lære om kampagner",
        "I am interested in climate policy",
        "I would like to learn how to lead campaigns",
        "curious about local government",
    ],
)
def test_interest_cues_give_level_1(text):
    found = read(text)
    assert found and all(level == 1 for level, _years in found.values())


@pytest.mark.parametrize(
    ("text", "area", "level"),
    [
        ("kandidatskole", "candidate-training", 1),
        ("lidt erfaring med kampagner", "campaigning", 2),
        ("some experience with fundraising", "grants-fundraising", 2),
        ("erfaren underviser", "training-facilitation", 3),
        ("mange års erfaring med kommunikation", "communication", 3),
        ("koordinator for kvindenetværket", "women-in-politics", 3),
        ("formand for kvindenetværket", "women-in-politics", 4),
        ("kredsformand", "branch-development", 4),
        ("chaired the women's network", "women-in-politics", 4),
        ("head of communications", "communication", 4),
        ("led the youth wing", "youth-networks", 4),
        ("har arbejdet med energiomstilling i 2 år", "energy-transition", 2),
        ("har arbejdet med energiomstilling i 12 år", "energy-transition", 4),
    ],
)
def test_roles_and_amounts_set_the_level(text, area, level):
    assert read(text)[area][0] == level


def test_a_compound_role_speaks_only_for_its_own_area():
    found = read("Erfaren projektleder med bevillinger fra Danida")
    assert found["project-management"][0] == 4
    assert found["grants-fundraising"][0] == 3


def test_list_items_share_the_cues_before_them_and_a_but_stops_them():
    found = read("Interesseret i klima, energiomstilling og FN's verdensmål")
    assert {found[a][0] for a in ("climate-environment", "energy-transition", "sdgs")} == {1}
    turned = read("Har ledet kampagner, men vil gerne lære om fundraising")
    assert turned["campaigning"][0] == 4 and turned["grants-fundraising"][0] == 1


@pytest.mark.parametrize(
    ("text", "denied", "kept"),
    [
        ("Jeg har ingen erfaring med valgkamp", "campaigning", None),
        ("har ikke arbejdet med kommunalpolitik", "local-democracy", None),
        (
            "No experience in campaigning, but I have led the youth wing",
            "campaigning",
            "youth-networks",
        ),
        ("I don't have experience with fundraising", "grants-fundraising", None),
        ("Ingen erfaring med kampagner og SoMe", "communication", None),
    ],
)
def test_a_denied_experience_creates_no_area(text, denied, kept):
    found = read(text)
    assert denied not in found
    assert kept is None or kept in found


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("ikke kun byrådet, men også regionsrådet", "local-democracy"),
        ("Jeg har ikke noget imod at hjælpe med kampagner", "campaigning"),
        ("I am no longer mayor", "local-democracy"),
        ("I don't mind helping with campaigns", "campaigning"),
    ],
)
def test_phrases_with_a_denial_word_that_deny_nothing(text, area):
    assert area in read(text)


@pytest.mark.parametrize(
    "text",
    [
        "trænet kvindelige kandidater",
        "trained women candidates",
        "kandidatskole",
        "kursus for nye kandidater",
        "coached candidates",
        "trænede kvindelige kandiater",
    ],
)
def test_candidate_training_is_found(text):
    assert "candidate-training" in read(text)


def test_years_imply_a_level_by_the_documented_thresholds():
    assert [level_for_years(y) for y in (1, 2, 3, 9, 10, 30)] == [2, 2, 3, 3, 4, 4]


def test_skills_use_the_level_read_unless_one_is_given():
    text = "formand for DSU i 5 år og interesseret i klima"
    read_levels = {s.area: s.level for s in READER.skills(text)}
    assert read_levels == {"youth-networks": 4, "climate-environment": 1}
    assert {s.level for s in READER.skills(text, 2)} == {2}


CUE_WORDS = [
    "formand",
    "i",
    "5",
    "år",
    "siden",
    "2017",
    "ikke",
    "lidt",
    "erfaring",
    "kampagner",
    "og",
    "men",
    ",",
    ".",
    "(",
    ")",
    "DSU",
    "SoMe",
    "interesseret",
    "byrådet",
    "2014-2021",
    "otte",
    "years",
    "led",
    "the",
    "some",
    "for",
    "chaired",
    "over",
    "10",
    "nysgerrig",
    "kandidater",
    "trænet",
    "kvindelige",
    "vil",
    "gerne",
    "lære",
    "no",
    "experience",
    "with",
    "",
    "–",
    "\n",
]
"""Words and marks the generated texts are made of: cues, areas, numbers, clause marks."""
words = st.lists(st.sampled_from(CUE_WORDS), max_size=30).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(words, st.text(max_size=80)))
def test_levels_stay_within_1_to_4_and_years_are_plausible(text):
    for match in READER.normalise(text):
        assert match.level in EXPERIENCE_LEVELS
        assert match.years is None or 0 < match.years <= 76


@settings(max_examples=300, deadline=None)
@given(st.one_of(words, st.text(max_size=80)))
def test_the_clauses_cover_the_folded_words_in_order(text):
    tokens, clauses = tokenise(text)
    assert tokens == fold(text).split()
    assert [(c.start, c.end) for c in clauses] == sorted((c.start, c.end) for c in clauses)
    assert sum(c.end - c.start for c in clauses) == len(tokens)
