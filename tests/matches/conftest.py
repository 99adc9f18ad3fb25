"""Fixtures for the match pipeline tests: stored matches with realistic explanations."""

import re
from datetime import date

import pytest

from crm.auth.models import Role
from crm.models import ExperienceEntry, Match, VolunteerLanguage, VolunteerSkill

FACTORS = [
    {
        "factor": "skill",
        "subject": "local-democracy",
        "value": 4,
        "wanted": 2,
        "weight": 3,
        "points": 32.0,
        "max_points": 40.0,
    },
    {
        "factor": "language",
        "subject": "en",
        "value": "C1",
        "wanted": "B2",
        "required": True,
        "points": 6.0,
        "max_points": 6.0,
    },
    {"factor": "country", "subject": "KE", "wanted": ["KE"], "points": 10.0, "max_points": 10.0},
    {
        "factor": "hours",
        "subject": None,
        "value": 10,
        "wanted": 8,
        "points": 5.0,
        "max_points": 5.0,
    },
    {
        "factor": "period_unknown",
        "subject": None,
        "wanted": ["2027-03-01", "2027-06-30"],
        "points": 0.0,
        "max_points": 4.0,
    },
]

REASONS = [
    {"reason": "language", "subject": "en", "value": "A2", "wanted": "B2"},
    {"reason": "travel", "subject": None, "value": "remote", "wanted": "long"},
]


def words(html: str) -> str:
    """A page as a reader sees it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" :", ":")


@pytest.fixture()
def make_match(db):
    """Store a match: make_match(need, volunteer, state="suggested", score=50, excluded=False)."""

    def make(need, volunteer, **fields):
        fields.setdefault("score", 50.0)
        fields.setdefault("explanation", FACTORS)
        if fields.get("excluded"):
            fields.setdefault("reasons", REASONS)
        match = Match(need_id=need.id, volunteer_id=volunteer.id, **fields)
        db.session.add(match)
        db.session.commit()
        return match

    return make


@pytest.fixture()
def make_fitting_volunteer(make_volunteer, db):
    """A consented volunteer who fits the default need (make_need): local democracy at `level`,
    English C1, available in 2027, short trips. make_fitting_volunteer("Mette", level=3)."""

    def make(first_name: str, level: int = 3, last_name: str = "Hansen", **fields):
        fields.setdefault("email", f"{first_name.lower()}@example.org")
        fields.setdefault("available_from", date(2027, 1, 1))
        fields.setdefault("available_to", date(2027, 12, 31))
        fields.setdefault("hours_per_month", 10)
        fields.setdefault("travel", "short")
        volunteer = make_volunteer(first_name=first_name, last_name=last_name, **fields)
        volunteer.experience = [ExperienceEntry(area="local-democracy", level=level)]
        volunteer.skills = [VolunteerSkill(area="local-democracy", level=level, source="declared")]
        volunteer.languages = [VolunteerLanguage(code="en", level="C1")]
        db.session.commit()
        return volunteer

    return make


@pytest.fixture()
def consultant(make_user):
    return make_user(Role.CONSULTANT, email="konsulent@example.org", name="Karen Konsulent")


@pytest.fixture()
def setup(make_need, make_volunteer, make_match):
    """A need with one suggested candidate: returns (need, volunteer, match)."""
    need = make_need()
    volunteer = make_volunteer(first_name="Anna", last_name="Hansen")
    match = make_match(need, volunteer, score=87.5)
    return need, volunteer, match


@pytest.fixture(autouse=True)
def request_context(app, db):
    """Services translate their messages, which needs a request (Danish, like the default UI)."""
    with app.test_request_context():
        yield
