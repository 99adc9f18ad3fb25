"""Behind a reverse proxy: PROXY_FIX_* decides which X-Forwarded-* headers count, so rate limits
key on the real client's address, and a visitor cannot dodge them by sending the header."""

import pytest
from flask import request

from crm import create_app
from crm.extensions import db as _db
from crm.extensions import limiter


@pytest.fixture()
def limited(app, db):
    """make(**config): an app on the suite's database with login limited to 2 a minute."""
    made = []

    def make(**config):
        proxied = create_app(
            {**app.config, "RATELIMIT_ENABLED": True, "AUTH_RATE_LIMIT": "2 per minute", **config}
        )
        made.append(proxied)
        limiter.reset()
        return proxied.test_client()

    yield make
    limiter.reset()
    for made_app in made:
        with made_app.app_context():
            _db.engine.dispose()


def failed_logins(client, forwarded_for: str, times: int) -> list[int]:
    return [
        client.post(
            "/login",
            data={"email": "nobody@example.org", "password": "wrong"},
            headers={"X-Forwarded-For": forwarded_for},
        ).status_code
        for _ in range(times)
    ]


def test_behind_a_proxy_each_client_address_has_its_own_limit(limited):
    client = limited(PROXY_FIX_X_FOR=1)
    assert failed_logins(client, "198.51.100.7", 3) == [200, 200, 429]
    assert failed_logins(client, "198.51.100.8", 1) == [200]  # another visitor behind the proxy
    assert failed_logins(client, "203.0.113.9, 198.51.100.7", 1) == [429]  # only the last hop


def test_without_a_proxy_the_header_is_ignored(limited):
    client = limited()
    assert failed_logins(client, "198.51.100.7", 2) == [200, 200]
    assert failed_logins(client, "198.51.100.8", 1) == [429]  # a made-up address does not help


def test_the_forwarded_scheme_and_host_count_only_when_configured(app, db):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "frivillig.example.org"}
    seen = []
    for config in ({}, {"PROXY_FIX_X_PROTO": 1, "PROXY_FIX_X_HOST": 1}):
        proxied = create_app({**app.config, "SERVER_NAME": None, **config})
        proxied.add_url_rule("/where", "where", lambda: request.url)  # what the views see
        seen.append(proxied.test_client().get("/where", headers=forwarded).get_data(as_text=True))
        with proxied.app_context():
            _db.engine.dispose()
    assert seen == ["http://localhost/where", "https://frivillig.example.org/where"]
