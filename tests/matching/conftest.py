"""Fixtures for the engine's tests, which run with no Flask app at all."""

import random
from datetime import date, timedelta

import pytest

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
    load_taxonomy,
)

AREAS = load_taxonomy().slugs[:8]
COUNTRIES = ("KE", "TZ", "UG", "MK", "BA", "RS", "TH", "MY", "PH", "NP", "DK")
CODES = ("en", "da", "fr", "sw", "th")


def _maybe(rng: random.Random, value: object, chance: float = 0.8) -> object:
    return value if rng.random() < chance else None


def random_candidate(rng: random.Random, ident: str) -> Candidate:
    """A candidate with random, often partly missing, data."""
    skills = tuple(
        Skill(rng.choice(AREAS), rng.randint(1, 4))
        if rng.random() < 0.6
        else Skill(rng.choice(AREAS), rng.randint(1, 4), round(rng.uniform(0.5, 1), 3), "text")
        for _ in range(rng.randint(0, 4))
    )
    languages = tuple(
        Language(code, _maybe(rng, rng.choice(LANGUAGE_LEVELS), 0.9))
        for code in rng.sample(CODES, rng.randint(0, 3))
    )
    availability = None
    if rng.random() < 0.8:
        start = _maybe(rng, date(2027, 1, 1) + timedelta(days=rng.randint(0, 365)))
        end = _maybe(rng, (start or date(2027, 1, 1)) + timedelta(days=rng.randint(0, 300)))
        availability = Availability(
            start, end, _maybe(rng, rng.randint(0, 40)), _maybe(rng, rng.choice(TRAVEL_MODES))
        )
    countries = frozenset(rng.sample(COUNTRIES, rng.randint(0, 3)))
    return Candidate(ident, skills, languages, countries, availability)


def random_need(rng: random.Random, ident: str) -> NeedSpec:
    """A need asking for a random selection of things."""
    start = _maybe(rng, date(2027, 1, 1) + timedelta(days=rng.randint(0, 365)), 0.7)
    end = _maybe(rng, (start or date(2027, 6, 1)) + timedelta(days=rng.randint(0, 200)), 0.7)
    return NeedSpec(
        id=ident,
        skills=tuple(
            SkillRequirement(area, rng.randint(1, 4), rng.choice((0.5, 1.0, 2.0, 3.0)))
            for area in rng.sample(AREAS, rng.randint(0, 3))
        ),
        languages=tuple(
            LanguageRequirement(code, rng.choice(LANGUAGE_LEVELS), rng.random() < 0.3)
            for code in rng.sample(CODES, rng.randint(0, 2))
        ),
        countries=frozenset(rng.sample(COUNTRIES, rng.randint(0, 2))),
        start=start,
        end=end,
        hours_per_month=_maybe(rng, rng.randint(0, 30), 0.6),
        travel=_maybe(rng, rng.choice(TRAVEL_MODES), 0.6),
    )


@pytest.fixture
def rng() -> random.Random:
    return random.Random(20270101)


@pytest.fixture
def make_candidate(rng):
    """make_candidate(id) → a seeded random candidate."""
    return lambda ident: random_candidate(rng, ident)


@pytest.fixture
def make_need(rng):
    """make_need(id) → a seeded random need."""
    return lambda ident: random_need(rng, ident)
