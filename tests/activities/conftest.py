"""Fixtures for activity reports: a placed volunteer (logged in or not) and a consultant."""

import pytest

from crm.auth.models import Role
from crm.models import NeedCountry
from tests.consultant.factories import add_match


@pytest.fixture()
def consultant(make_user):
    return make_user(Role.CONSULTANT, email="konsulent@example.org", name="Karen Konsulent")


@pytest.fixture()
def placed(make_volunteer, make_need, db):
    """(volunteer, placement): Vera, placed on a need in Kenya."""
    volunteer = make_volunteer(first_name="Vera", last_name="Frivillig", email="vera@example.org")
    need = make_need(title="Træner i lokaldemokrati")
    need.countries = [NeedCountry(code="KE")]
    db.session.commit()
    return volunteer, add_match(need, volunteer, state="placed")


FORM = {
    "started_on": "2027-03-10",
    "ended_on": "2027-03-11",
    "days": "2",
    "hours": "",
    "country": "KE",
    "activity_type": "workshop",
    "participants": "24",
    "participants_women": "14",
    "participants_young": "9",
    "description": "Workshop om borgermøder for kommunalbestyrelsen i Nakuru.",
}
"""A filled-in report form: a two-day workshop in Kenya for 24 people."""
