"""Attacks a real user would never try, refused: open redirects, forged hosts, stale sessions."""

import pytest

from crm import create_app
from crm.auth.models import Role
from tests.conftest import PASSWORD
from tests.production import CONTROLLER


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/x",
        "/\t/evil.example",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "/ok\r\nSet-Cookie: x=1",
    ],
)
def test_login_never_redirects_off_site(client, make_user, target):
    make_user(email="r@example.org")
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": "r@example.org", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/me/"


def test_language_switch_never_redirects_off_site(client, db):
    response = client.post("/language", data={"locale": "en", "next": "/\t/evil.example"})
    assert response.headers["Location"] == "/"
    response = client.post("/language", data={"locale": "en", "next": "/projects?x=1"})
    assert response.headers["Location"] == "/projects?x=1"


def test_a_forged_locale_on_registration_cannot_lock_an_address(client, db, outbox, auth):
    data = {
        "first_name": "A",
        "last_name": "B",
        "email": "offer@example.org",
        "password": PASSWORD,
        "confirm": PASSWORD,
        "locale": "xx-evil",
    }
    assert client.post("/register", data=data).status_code == 200
    assert client.post("/forgot-password", data={"email": "offer@example.org"}).status_code == 200
    assert auth.login("offer@example.org").status_code == 200  # unconfirmed: a new link, no 500
    assert len(outbox.messages()) == 3


def test_changing_the_password_ends_other_sessions(app, db, make_user):
    make_user(email="to@example.org")
    laptop, phone = app.test_client(), app.test_client()
    for c in (laptop, phone):
        c.post("/login", data={"email": "to@example.org", "password": PASSWORD})
    new = "a completely new password"
    response = laptop.post(
        "/account/password", data={"current_password": PASSWORD, "password": new, "confirm": new}
    )
    assert response.status_code == 302
    assert laptop.get("/me/").status_code == 200
    assert phone.get("/me/").status_code == 302  # sent to log in


def test_huge_ids_in_urls_are_not_found_not_errors(client, make_user, auth):
    make_user(Role.CONSULTANT, email="k@example.org")
    auth.login("k@example.org")
    for url in (
        "/p/99999999999999999999",
        "/projects/99999999999999999999",
        "/consultant/volunteers/99999999999999999999",
    ):
        assert client.get(url).status_code == 404, url


def test_security_headers(client, db):
    headers = client.get("/login").headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_production_needs_https_base_url_and_smtp(monkeypatch):
    monkeypatch.delenv("CRM_CONFIG", raising=False)
    key = "b8c1f0e7a94d3625b7e0c1d9f3a84e62"
    base = {"DATABASE_URL": "sqlite://", "PRODUCTION": True, "SECRET_KEY": key, **CONTROLLER}
    with pytest.raises(RuntimeError, match="BASE_URL"):
        create_app({**base, "MAIL_BACKEND": "smtp"})
    with pytest.raises(RuntimeError, match="MAIL_BACKEND"):
        create_app({**base, "BASE_URL": "https://frivillig.example.org"})
    app = create_app({**base, "BASE_URL": "https://frivillig.example.org", "MAIL_BACKEND": "smtp"})
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_production_refuses_the_example_data_controller(monkeypatch):
    monkeypatch.delenv("CRM_CONFIG", raising=False)
    ready = {
        "DATABASE_URL": "sqlite://",
        "PRODUCTION": True,
        "SECRET_KEY": "b8c1f0e7a94d3625b7e0c1d9f3a84e62",
        "BASE_URL": "https://frivillig.example.org",
        "MAIL_BACKEND": "smtp",
        **CONTROLLER,
    }
    ready.pop("DATA_CONTROLLER_ADDRESS")
    with pytest.raises(RuntimeError, match="DATA_CONTROLLER_ADDRESS"):
        create_app(ready)


def test_password_guessing_is_slowed_down(app, client, db):
    from crm.extensions import limiter

    app.config.update(AUTH_RATE_LIMIT="3 per minute", RATELIMIT_ENABLED=True)
    limiter.reset()
    try:
        codes = [
            client.post("/login", data={"email": "a@example.org", "password": "g"}).status_code
            for _ in range(4)
        ]
        reading = client.get("/login").status_code
        html = client.post("/login", data={"email": "a@example.org", "password": "x"}).get_data(
            as_text=True
        )
    finally:
        app.config.update(AUTH_RATE_LIMIT="10 per minute; 50 per hour", RATELIMIT_ENABLED=False)
        limiter.reset()
    assert codes == [200, 200, 200, 429]
    assert reading == 200  # reading the form is not limited
    assert "For mange forsøg" in html
