"""Every API route, walked from the URL map with each kind of token: none, read, write, and a
token whose user is no longer staff. Only staff can hold a token at all."""

import pytest

from crm.api.auth import PUBLIC_ENDPOINTS
from crm.api.tokens import create_token
from crm.auth.models import Role, User
from crm.contacts.services import log_contact
from tests.api.conftest import Api
from tests.consultant.factories import add_match


@pytest.fixture()
def routes(app, db, make_need, make_volunteer):
    """(method, url) of every API rule but the public ones, with real objects in the URLs."""
    need = make_need()
    volunteer = make_volunteer()
    values = {
        "project_id": need.project_id,
        "need_id": need.id,
        "volunteer_id": volunteer.id,
        "match_id": add_match(need, volunteer).id,
        "contact_id": log_contact(volunteer.id, None, "phone", "Ringede").id,
    }
    db.session.commit()
    found = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.endpoint.startswith("api.") and rule.endpoint not in PUBLIC_ENDPOINTS:
                url = rule.build({name: values[name] for name in rule.arguments})[1]
                found += [(method, url) for method in rule.methods - {"HEAD", "OPTIONS"}]
    assert len(found) == 12  # 10 reads, 2 writes
    return sorted(found)


def _send(api, method, url):
    return api.get(url) if method == "GET" else api.post(url, json={})


def test_without_a_token_every_route_is_401(client, routes):
    assert {_send(Api(client), m, u).status_code for m, u in routes} == {401}


def test_a_read_token_reads_and_never_writes(client, routes, make_token):
    api = Api(client, make_token(scope="read"))
    answers = {(m, u): _send(api, m, u).status_code for m, u in routes}
    assert {a for (m, _u), a in answers.items() if m == "GET"} == {200}
    assert {a for (m, _u), a in answers.items() if m == "POST"} == {403}


def test_a_write_token_gets_past_the_access_check(client, routes, make_token):
    api = Api(client, make_token(scope="write"))
    answers = {(m, u): _send(api, m, u).status_code for m, u in routes}
    assert {a for (m, _u), a in answers.items() if m == "GET"} == {200}
    assert {a for (m, _u), a in answers.items() if m == "POST"} == {422}  # an empty body


def test_a_token_of_someone_no_longer_staff_opens_nothing(client, db, routes, make_user):
    user = make_user(Role.CONSULTANT)
    _token, secret = create_token(user, "Sync", 30, "write", actor=user)
    db.session.get(User, user.id).role = Role.BRANCH_CONTACT
    db.session.commit()
    assert {_send(Api(client, secret), m, u).status_code for m, u in routes} == {401}


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.BRANCH_CONTACT])
def test_only_staff_can_hold_a_token(db, make_user, role):
    user = make_user(role)
    with pytest.raises(ValueError, match="staff"):
        create_token(user, "Sync", 30, "read", actor=user)
