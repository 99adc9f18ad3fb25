"""Fixtures for the volunteer profile tests: a logged-in volunteer and a step poster."""

import pytest

from crm.extensions import db as _db
from crm.models import Volunteer


@pytest.fixture()
def volunteer(make_volunteer, auth):
    """A logged-in volunteer with an empty profile and no consent yet."""
    v = make_volunteer(
        first_name="Mette", last_name="Hansen", consent_version=None, consent_at=None
    )
    auth.login(v.email)
    return v


@pytest.fixture()
def post_step(client):
    """post_step(volunteer, step, data): submit a step with the profile's current version."""

    def post(volunteer, step, data, **kwargs):
        current = _db.session.get(Volunteer, volunteer.id)
        _db.session.refresh(current)
        return client.post(
            f"/me/profile/{step}", data={"version": current.version, **data}, **kwargs
        )

    return post


def fresh(volunteer) -> Volunteer:
    """The volunteer as now stored."""
    _db.session.expire_all()
    return _db.session.get(Volunteer, volunteer.id)
