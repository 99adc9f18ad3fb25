"""A logged-in consultant for the consultant area's tests."""

import pytest

from crm.auth.models import Role
from crm.consultant.search import name_index


@pytest.fixture(autouse=True)
def fresh_name_index():
    """Each test empties the database, so ids are reused: start the name index afresh."""
    name_index.clear()


@pytest.fixture()
def consultant(make_user, auth):
    user = make_user(Role.CONSULTANT, email="konsulent@example.org", name="Karen Konsulent")
    auth.login(user.email)
    return user
