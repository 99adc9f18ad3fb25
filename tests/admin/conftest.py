"""Fixtures for the admin area: a logged-in admin, a consultant, and a client per person."""

import pytest

from crm.auth.models import Role, User
from tests.conftest import PASSWORD


def log_in(client, email: str, remember: bool = False):
    """Log in through the form; the login must succeed."""
    data = {"email": email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data)
    assert response.status_code == 302, "login failed"
    return response


def fresh(db, user_id: int) -> User:
    """The account as the database holds it now (after the requests' commits)."""
    db.session.rollback()
    return db.session.get(User, user_id)


@pytest.fixture()
def admin(make_user, client):
    """A logged-in admin (the test's client)."""
    user = make_user(Role.ADMIN, email="anna@example.org", name="Anna Admin")
    log_in(client, user.email)
    return user


@pytest.fixture()
def consultant(make_user):
    return make_user(Role.CONSULTANT, email="karen@example.org", name="Karen Konsulent")
