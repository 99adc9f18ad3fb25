"""The API is opened by a bearer token only: a session cookie alone, another scheme or a wrong
token is refused with a JSON 401, and every refusal is JSON with its status."""

import pytest

from crm import create_app
from crm.auth.models import Role
from crm.extensions import db as _db
from crm.extensions import limiter
from tests.api.conftest import Api


def test_a_session_cookie_alone_is_refused(client, auth, make_user):
    consultant = make_user(Role.CONSULTANT)
    auth.login(consultant.email)
    assert client.get("/consultant/").status_code == 200  # the session works on the pages
    for url in ("/api/v1/volunteers", "/api/v1/projects", "/api/v1/contacts"):
        response = client.get(url)
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.post("/api/v1/contacts", json={}).status_code == 401


def test_the_session_of_a_consultant_does_not_help_a_bad_token(client, auth, make_user):
    auth.login(make_user(Role.CONSULTANT).email)
    assert Api(client, "frv_not-a-token").get("/api/v1/projects").status_code == 401


@pytest.mark.parametrize(
    "header", ["", "Basic dXNlcjpwYXNz", "Bearer", "Bearer frv_wrong", "Token {secret}"]
)
def test_only_a_bearer_token_opens_the_api(client, make_token, header):
    secret = make_token()
    response = client.get(
        "/api/v1/projects", headers={"Authorization": header.format(secret=secret)}
    )
    assert response.status_code == 401


def test_a_token_is_enough_without_csrf_or_cookie(app, client, make_token, make_volunteer):
    volunteer = make_volunteer()
    api = Api(client, make_token())
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = api.post(
            "/api/v1/contacts",
            json={"volunteer_id": volunteer.id, "channel": "phone", "summary": "Ringede"},
        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 201
    assert "Set-Cookie" not in response.headers


def test_errors_are_json_with_their_status(client, make_token):
    api = Api(client, make_token())
    missing = api.get("/api/v1/needs/999999")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    nowhere = api.get("/api/v1/nothing-here")
    assert nowhere.status_code == 404 and nowhere.is_json
    wrong_method = api.client.delete("/api/v1/projects", headers={"Authorization": "x"})
    assert wrong_method.status_code == 405 and wrong_method.get_json()["error"]["message"]
    not_json = api.client.post(
        "/api/v1/contacts",
        data="summary=x",
        headers={"Authorization": f"Bearer {api.secret}"},
        content_type="application/x-www-form-urlencoded",
    )
    assert not_json.status_code == 400 and not_json.get_json()["error"]["code"] == "bad_request"


def test_api_answers_are_never_cached(client, make_token):
    response = Api(client, make_token()).get("/api/v1/projects")
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/projects").headers["Cache-Control"] == "no-store"


def test_the_api_is_rate_limited(app, db, make_token):
    secret = make_token()
    limited = create_app(
        {**app.config, "RATELIMIT_ENABLED": True, "API_RATE_LIMIT": "3 per minute"}
    )
    limiter.reset()
    try:
        api = Api(limited.test_client(), secret)
        answers = [api.get("/api/v1/projects").status_code for _ in range(4)]
        refused = api.get("/api/v1/openapi.json")
    finally:
        limiter.reset()
        with limited.app_context():
            _db.engine.dispose()
    assert answers == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "rate_limited"
