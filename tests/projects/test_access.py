"""Only consultants and admins reach the project pages; everyone else is turned away."""

import pytest
from sqlalchemy import func, select

from crm.auth.models import Role
from crm.models import Need, Project
from tests.projects.conftest import NEED_FORM, PROJECT_FORM


@pytest.fixture()
def staff_urls(make_need):
    need = make_need()
    p, n = need.project_id, need.id
    return [
        ("get", "/projects/", None),
        ("get", "/projects/new", None),
        ("post", "/projects/new", PROJECT_FORM),
        ("get", f"/projects/{p}", None),
        ("get", f"/projects/{p}/edit", None),
        ("post", f"/projects/{p}/edit", {**PROJECT_FORM, "version": "1"}),
        ("get", f"/projects/{p}/needs/new", None),
        ("post", f"/projects/{p}/needs/new", NEED_FORM),
        ("get", f"/projects/needs/{n}", None),
        ("get", f"/projects/needs/{n}/edit", None),
        ("post", f"/projects/needs/{n}/edit", {**NEED_FORM, "version": "1"}),
    ]


def _assert_nothing_changed(db):
    assert db.session.scalar(select(func.count()).select_from(Project)) == 1
    assert db.session.scalar(select(func.count()).select_from(Need)) == 1
    assert db.session.scalar(select(Project.title)) == "Lokaldemokrati i Kenya"


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.BRANCH_CONTACT])
def test_volunteers_and_branch_contacts_get_403_everywhere(
    client, db, auth, make_user, make_branch, staff_urls, role
):
    fields = {"branch_id": make_branch().id} if role == Role.BRANCH_CONTACT else {}
    auth.login(make_user(role, **fields).email)
    for method, url, data in staff_urls:
        response = getattr(client, method)(url, data=data)
        assert response.status_code == 403, (method, url)
    _assert_nothing_changed(db)


def test_anonymous_visitors_are_sent_to_login(client, db, staff_urls):
    for method, url, data in staff_urls:
        response = getattr(client, method)(url, data=data)
        assert response.status_code == 302, (method, url)
        assert response.headers["Location"].startswith("/login"), url
    _assert_nothing_changed(db)


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.ADMIN])
def test_consultants_and_admins_get_in_and_see_the_menu_item(
    client, db, auth, make_user, staff_urls, role
):
    auth.login(make_user(role).email)
    for method, url, _data in staff_urls:
        if method == "get":
            assert client.get(url).status_code == 200, url
    assert 'href="/projects/"' in client.get("/").get_data(as_text=True)


def test_the_staff_menu_item_is_hidden_from_volunteers(client, db, auth, make_user):
    auth.login(make_user(Role.VOLUNTEER).email)
    assert 'href="/projects/"' not in client.get("/").get_data(as_text=True)
