"""Free text to taxonomy areas: Danish, English, typos, compounds, abbreviations, no-match."""

import pytest

from crm.matching import Normaliser, load_normaliser, load_taxonomy
from crm.matching.evaluation import DEFAULT_SET, evaluate, load_examples
from crm.matching.normalise import fold


def top(text: str) -> str | None:
    matches = load_normaliser().normalise(text)
    return matches[0].area if matches else None


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("kandidatskole", "candidate-training"),
        ("kvindenetværk", "women-in-politics"),
        ("energiomstiling", "energy-transition"),
        ("DSU", "youth-networks"),
        ("har siddet i byrådet i 8 år", "local-democracy"),
        ("kommunalbestyrelsesmedlem", "local-democracy"),
        ("vedvarende energi", "energy-transition"),
        ("SoMe", "communication"),
        ("tillidsrepræsentant i 3F", "labour-movement"),
        ("LO/FH", "labour-movement"),
        ("Human rigths", "human-rights"),
        ("grant writing", "grants-fundraising"),
        ("FN's verdensmål", "sdgs"),
        ("folketingsvalgkampen", "campaigning"),
    ],
)
def test_maps_text_to_its_area(text, area):
    assert top(text) == area


@pytest.mark.parametrize(
    "text", ["strikning", "knitting", "jeg kan lide katte", "", "   ", "!!!", "I have some cats"]
)
def test_text_that_fits_nothing_gives_nothing(text):
    assert load_normaliser().normalise(text) == []


def test_confidences_are_within_0_and_1_best_first():
    matches = load_normaliser().normalise("har trænet kvindelige kandidater til kommunalvalg")
    confidences = [m.confidence for m in matches]
    assert len(matches) >= 2
    assert confidences == sorted(confidences, reverse=True)
    assert all(0 < c <= 1 for c in confidences)


def test_a_typo_is_less_certain_than_the_exact_word():
    normaliser = load_normaliser()
    assert normaliser.normalise("energiomstilling")[0].confidence == 1.0
    assert normaliser.normalise("energiomstiling")[0].confidence < 1.0


def test_normalise_many_agrees_with_normalise():
    texts = ["kandidatskole", "knitting", "kandidatskole", "project managment", "DSU og 3F"]
    normaliser = load_normaliser()
    assert normaliser.normalise_many(texts) == [normaliser.normalise(t) for t in texts]


def test_separate_abbreviations_each_count():
    areas = {m.area for m in load_normaliser().normalise("DSU og 3F")}
    assert areas == {"youth-networks", "labour-movement"}


def test_skills_carry_level_confidence_and_text():
    skills = load_normaliser().skills("kandidatskole", 3)
    assert [(s.area, s.level, s.source, s.text) for s in skills] == [
        ("candidate-training", 3, "text", "kandidatskole")
    ]


def test_fold_spells_danish_letters_and_drops_punctuation():
    assert fold("Byrådet, Ærø & Øster-Ålborg!") == "byraadet aeroe oester aalborg"


def test_a_higher_threshold_reports_fewer_areas():
    loose = Normaliser(load_taxonomy(), threshold=0.5)
    strict = Normaliser(load_taxonomy(), threshold=0.99)
    text = "candiate trainng and energiomstiling"
    assert len(strict.normalise(text)) < len(loose.normalise(text))


def test_the_labelled_set_is_large_and_mixed():
    examples = load_examples(DEFAULT_SET)
    assert len(examples) >= 150
    assert sum(1 for e in examples if not e.expected) >= 25


def test_accuracy_on_the_labelled_set_is_at_least_90_percent():
    report = evaluate(load_normaliser(), load_examples(DEFAULT_SET))
    assert report.accuracy >= 0.90, report.failures
    assert report.precision >= 0.85 and report.recall >= 0.85
