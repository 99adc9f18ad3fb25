"""A forged Host header never chooses where an e-mailed link points: registration (new and known
addresses), password reset, invitations and the calendar address all use BASE_URL only."""

import re

import pytest

from crm.auth.models import Role
from crm.config import DEFAULT_BASE_URL
from tests.conftest import PASSWORD

EVIL = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
BASE = "https://frivillig.example.org"


@pytest.fixture()
def base_url(app):
    """BASE_URL set to the site's public address for one test."""
    old = app.config["BASE_URL"]
    app.config["BASE_URL"] = BASE
    yield BASE
    app.config["BASE_URL"] = old


def links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def assert_only_base_url(body: str) -> None:
    found = links(body)
    assert found, body
    assert all(link.startswith(BASE + "/") for link in found), found
    assert "evil.example" not in body


def log_in_through_forged_host(client, email: str) -> None:
    """Log in with the forged Host, so the session cookie goes along with the forged requests."""
    data = {"email": email, "password": PASSWORD}
    assert client.post("/login", data=data, headers=EVIL).status_code == 302


def register(client, email: str):
    data = {"first_name": "Mette", "last_name": "Hansen", "email": email}
    data.update(password=PASSWORD, confirm=PASSWORD)
    return client.post("/register", data=data, headers=EVIL)


def test_registration_links_ignore_the_host_header(client, make_user, outbox, base_url):
    make_user(email="known@example.org")
    assert register(client, "new@example.org").status_code == 200
    assert register(client, "known@example.org").status_code == 200
    confirmation, already = outbox.messages()
    for message in (confirmation, already):
        assert_only_base_url(message.get_body(("plain",)).get_content())
    assert "/confirm/" in confirmation.get_body(("plain",)).get_content()


def test_password_reset_link_ignores_the_host_header(client, make_user, outbox, base_url):
    make_user(email="offer@example.org")
    client.post("/forgot-password", data={"email": "offer@example.org"}, headers=EVIL)
    assert_only_base_url(outbox.last_body())
    assert BASE + "/reset-password/" in outbox.last_body()


def test_invitation_link_ignores_the_host_header(client, make_user, make_branch, outbox, base_url):
    consultant = make_user(Role.CONSULTANT, email="konsulent@example.org")
    log_in_through_forged_host(client, consultant.email)
    branch = make_branch()
    response = client.post(
        f"/consultant/branches/{branch.id}/contacts",
        data={"invite-name": "Bo Kontakt", "invite-email": "bo@example.org"},
        headers=EVIL,
    )
    assert response.status_code == 302
    assert_only_base_url(outbox.last_body())
    assert BASE + "/invitation/" in outbox.last_body()


def test_calendar_address_ignores_the_host_header(client, make_user, base_url):
    consultant = make_user(Role.CONSULTANT, email="konsulent@example.org")
    log_in_through_forged_host(client, consultant.email)
    client.post("/contacts/calendar/token", headers=EVIL)
    html = client.get("/contacts/follow-ups", headers=EVIL).get_data(as_text=True)
    assert f'value="{BASE}/contacts/calendar/' in html
    assert "evil.example" not in html


def test_without_base_url_links_use_the_development_default_not_the_host(
    app, client, make_user, outbox
):
    make_user(email="offer@example.org")
    old = app.config["BASE_URL"]
    app.config["BASE_URL"] = ""
    try:
        client.post("/forgot-password", data={"email": "offer@example.org"}, headers=EVIL)
    finally:
        app.config["BASE_URL"] = old
    assert DEFAULT_BASE_URL + "/reset-password/" in outbox.last_body()
    assert "evil.example" not in outbox.last_body()
