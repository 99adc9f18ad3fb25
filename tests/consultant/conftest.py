"""A logged-in consultant for the consultant area's tests."""

import pytest

from crm.auth.models import Role


@pytest.fixture()
def consultant(make_user, auth):
    user = make_user(Role.CONSULTANT, email="konsulent@example.org", name="Karen Konsulent")
    auth.login(user.email)
    return user
