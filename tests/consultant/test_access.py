"""Only staff get in: volunteers and branch contacts get 403, anonymous users are sent to log in."""

import pytest

from crm.auth.models import Role
from tests.consultant.factories import add_follow_up, add_match


@pytest.fixture()
def ids(make_volunteer, make_need, make_user):
    from datetime import date

    volunteer = make_volunteer()
    need = make_need()
    add_match(need, volunteer, state="shortlisted")
    owner = make_user(Role.CONSULTANT)
    follow_up = add_follow_up(owner, date(2027, 1, 1), volunteer)
    return {"v": volunteer.id, "n": need.id, "f": follow_up.id}


GET_PAGES = [
    "/consultant/",
    "/consultant/volunteers",
    "/consultant/volunteers?q=hansen",
    "/consultant/volunteers.csv",
    "/consultant/volunteers/{v}",
    "/consultant/volunteers/{v}/email",
    "/consultant/needs/{n}/email",
    "/consultant/needs/{n}/candidates.csv",
    "/contacts/follow-ups",
    "/contacts/templates",
    "/contacts/templates/new",
    "/contacts/templates/general",
]

POSTS = [
    "/consultant/volunteers/{v}/contacts",
    "/consultant/volunteers/{v}/email",
    "/consultant/needs/{n}/email",
    "/contacts/follow-ups/{f}/done",
    "/contacts/follow-ups/{f}/undo",
    "/contacts/follow-ups/{f}/reassign",
    "/contacts/calendar/token",
    "/contacts/templates/new",
    "/contacts/templates/general",
    "/contacts/templates/general/reset",
]


def _check(client, ids, expected):
    for url in GET_PAGES:
        response = client.get(url.format(**ids))
        expected(url, response)
    for url in POSTS:
        response = client.post(url.format(**ids), data={"summary": "x", "owner_id": "1"})
        expected(url, response)


def test_anonymous_is_sent_to_log_in(client, ids):
    def expected(url, response):
        assert response.status_code == 302, url
        assert "/login" in response.headers["Location"], url

    _check(client, ids, expected)


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.BRANCH_CONTACT])
def test_volunteers_and_branch_contacts_get_403(client, auth, make_user, make_branch, ids, role):
    fields = {"branch_id": make_branch().id} if role == Role.BRANCH_CONTACT else {}
    user = make_user(role, **fields)
    auth.login(user.email)

    def expected(url, response):
        assert response.status_code == 403, url

    _check(client, ids, expected)


def test_nothing_changed_by_refused_requests(client, auth, make_user, ids, db):
    from sqlalchemy import func, select

    from crm.contacts.models import ContactLogEntry, FollowUp

    auth.login(make_user(Role.VOLUNTEER).email)
    _check(client, ids, lambda url, response: None)
    assert db.session.scalar(select(func.count(ContactLogEntry.id))) == 0
    assert db.session.get(FollowUp, ids["f"]).done_at is None


def test_staff_get_every_page(client, auth, make_user, ids):
    auth.login(make_user(Role.ADMIN).email)
    for url in GET_PAGES:
        assert client.get(url.format(**ids)).status_code == 200, url


def test_calendar_feed_with_a_wrong_token_is_404(client, ids):
    assert client.get("/contacts/calendar/not-the-token.ics").status_code == 404
    assert client.get("/contacts/calendar/" + "x" * 80 + ".ics").status_code == 404
