"""Fixtures for the project pages: a logged-in consultant and valid form data."""

import pytest

from crm.auth.models import Role


@pytest.fixture()
def consultant(make_user, auth):
    """A consultant, logged in."""
    user = make_user(Role.CONSULTANT, email="konsulent@example.org")
    auth.login(user.email)
    return user


PROJECT_FORM = {
    "title": "Lokaldemokrati i Kenya",
    "summary": "Stærke lokalafdelinger.",
    "partners": "Partier i Kenya",
    "danish_partners": "Venstre, SF",
    "funder": "DIPD",
    "start_date": "2027-01-01",
    "end_date": "2027-12-31",
    "status": "active",
    "countries": ["KE", "TZ"],
}

NEED_FORM = {
    "title": "Træner i lokaldemokrati",
    "description": "Træn lokale ledere.",
    "skills-0-area": "local-democracy",
    "skills-0-min_level": "2",
    "skills-0-weight": "4",
    "skills-1-area": "public-dialogue",
    "skills-1-min_level": "1",
    "skills-1-weight": "1",
    "skills-2-area": "",
    "skills-2-min_level": "1",
    "skills-2-weight": "3",
    "languages-0-code": "en",
    "languages-0-min_level": "B2",
    "languages-0-required": "required",
    "languages-1-code": "sw",
    "languages-1-min_level": "A2",
    "languages-1-required": "preferred",
    "languages-2-code": "",
    "languages-2-min_level": "B2",
    "languages-2-required": "required",
    "countries": ["KE"],
    "period_from": "2027-03-01",
    "period_to": "2027-06-30",
    "hours_per_month": "10",
    "travel": "short",
    "seats": "2",
    "deadline": "2027-01-31",
    "status": "open",
}


def need_form(need, status: str) -> dict:
    """The edit form of a test need (one skill, English B2 required) with a new status."""
    return {
        "title": need.title,
        "description": "",
        "status": status,
        "seats": "1",
        "version": str(need.version),
        "period_from": "2027-03-01",
        "period_to": "2027-06-30",
        "skills-0-area": "local-democracy",
        "skills-0-min_level": "2",
        "skills-0-weight": "3",
        "languages-0-code": "en",
        "languages-0-min_level": "B2",
        "languages-0-required": "required",
        "travel": "",
        "hours_per_month": "",
        "deadline": "",
    }
