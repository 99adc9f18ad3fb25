"""Guessable passwords are refused wherever a password is chosen: registration, reset, change
and a branch contact's invitation, with a translated message next to the field."""

import pytest

from crm.auth.models import Role
from crm.auth.passwords import is_strong_enough
from crm.auth.services import set_unusable_password
from crm.auth.tokens import INVITE, RESET, make_token
from crm.demo.accounts import DEMO_PASSWORD
from tests.conftest import PASSWORD

COMMON = ["password123", "qwertyuiop", "sommer2026"]
REFUSED_DA = "Adgangskoden er for let at gætte"


def field_error(html: str) -> bool:
    """The refusal sits in the password field's error, not only at the top of the page."""
    return REFUSED_DA in html and 'aria-invalid="true"' in html


def register(client, password: str, **fields):
    data = {"first_name": "Mette", "last_name": "Hansen", "email": "mette@example.org"}
    data.update(fields, password=password, confirm=password)
    return client.post("/register", data=data)


@pytest.mark.parametrize("password", COMMON)
def test_registration_refuses_common_passwords(client, db, outbox, password):
    response = register(client, password)
    assert response.status_code == 200
    assert field_error(response.get_data(as_text=True))
    assert outbox.messages() == []


def test_registration_refuses_the_users_own_name(client, db, outbox):
    response = register(client, "Mette Hansen")
    assert field_error(response.get_data(as_text=True))
    assert outbox.messages() == []


def test_the_refusal_is_translated_not_zxcvbns_english(client, db):
    client.post("/language", data={"locale": "en"})
    html = register(client, "password123").get_data(as_text=True)
    assert "This password is too easy to guess" in html
    assert "This is a top-10 common password" not in html


def test_the_tests_and_demo_passwords_are_accepted(app):
    with app.app_context():
        assert is_strong_enough(PASSWORD)
        assert is_strong_enough(DEMO_PASSWORD, ["demo", "example", "org"])


def test_registration_accepts_a_strong_password(client, db, outbox):
    assert REFUSED_DA not in register(client, PASSWORD).get_data(as_text=True)
    assert len(outbox.messages()) == 1


def test_the_minimum_score_is_configurable(app, client, db, outbox):
    app.config["PASSWORD_MIN_SCORE"] = 0
    try:
        register(client, "sommer2026")
    finally:
        app.config["PASSWORD_MIN_SCORE"] = 3
    assert len(outbox.messages()) == 1


def test_reset_refuses_a_common_password(app, client, make_user):
    user = make_user(email="r@example.org")
    with app.test_request_context():
        token = make_token(user, RESET)
    html = client.post(
        f"/reset-password/{token}", data={"password": "password123", "confirm": "password123"}
    ).get_data(as_text=True)
    assert field_error(html)


def test_change_password_refuses_a_common_password(client, make_user, auth):
    auth.login(make_user(email="c@example.org").email)
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": "qwertyuiop", "confirm": "qwertyuiop"},
    )
    assert response.status_code == 200
    assert field_error(response.get_data(as_text=True))
    assert auth.login("c@example.org").status_code == 302  # the old password still works


def test_invitation_refuses_a_common_password(app, client, db, make_user, make_branch):
    branch = make_branch()
    contact = make_user(Role.BRANCH_CONTACT, email="bo@example.org", branch_id=branch.id)
    contact.email_confirmed_at = None
    set_unusable_password(contact)  # invited, no password chosen yet
    db.session.commit()
    with app.test_request_context():
        token = make_token(contact, INVITE)
    html = client.post(
        f"/invitation/{token}", data={"password": "sommer2026", "confirm": "sommer2026"}
    ).get_data(as_text=True)
    assert field_error(html)
