"""The projects menu item is shown to staff only (who reaches each route: test_access_matrix)."""

import pytest

from crm.auth.models import Role


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.ADMIN])
def test_consultants_and_admins_see_the_menu_item(client, db, auth, make_user, role):
    auth.login(make_user(role).email)
    assert 'href="/projects/"' in client.get("/").get_data(as_text=True)


def test_the_staff_menu_item_is_hidden_from_volunteers(client, db, auth, make_user):
    auth.login(make_user(Role.VOLUNTEER).email)
    assert 'href="/projects/"' not in client.get("/").get_data(as_text=True)
