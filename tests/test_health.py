"""GET /health for load balancers: no login, nothing personal, 503 when the database is down."""

from huey import MemoryHuey, RedisHuey

from crm import create_app
from crm.extensions import db as _db

CLOSED_PORT = "redis://127.0.0.1:1/0"
"""Nothing listens on port 1: a Redis that is down."""


def test_health_answers_ok_without_login_or_cookie(client, db, make_volunteer):
    make_volunteer(first_name="Hemmelig", email="hemmelig@example.org")
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "database": "ok",
        "queue": "unconfigured",
        "cache": "ok",
    }
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert "Hemmelig" not in response.get_data(as_text=True)


def test_health_is_never_rate_limited(app, db):
    from crm.extensions import limiter

    strict = create_app({**app.config, "RATELIMIT_ENABLED": True, "RATELIMIT_DEFAULT": "3/minute"})
    limiter.reset()
    client = strict.test_client()
    try:
        health = {client.get("/health").status_code for _ in range(10)}
        pages = {client.get("/privacy").status_code for _ in range(5)}
    finally:
        limiter.reset()
        with strict.app_context():
            _db.engine.dispose()
    assert health == {200}
    assert pages == {200, 429}  # a limit on every route would apply, but not to /health


def test_health_reports_the_queue(app, client, db):
    app.extensions["huey"] = MemoryHuey("health-test")
    try:
        assert client.get("/health").get_json()["queue"] == "ok"
        app.extensions["huey"] = RedisHuey("health-test", url=CLOSED_PORT)
        response = client.get("/health")
    finally:
        del app.extensions["huey"]
    assert response.status_code == 200  # the web app still serves; mail waits in the outbox
    assert response.get_json()["queue"] == "down"
    assert response.get_json()["status"] == "degraded"


def test_health_is_503_when_the_database_is_down(tmp_path):
    down = create_app(
        {"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/missing/folder/crm.sqlite3"}
    )
    response = down.test_client().get("/health")
    with down.app_context():
        _db.engine.dispose()
    assert response.status_code == 503
    assert response.get_json()["database"] == "down"
    assert response.get_json()["status"] == "down"


def test_health_reports_a_cache_that_is_down(app, db, tmp_path):
    broken = create_app({**app.config, "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": CLOSED_PORT})
    response = broken.test_client().get("/health")
    public = broken.test_client().get("/")
    with broken.app_context():
        _db.engine.dispose()
    assert response.status_code == 200 and response.get_json()["cache"] == "down"
    assert public.status_code == 200  # the public pages are rendered without the cache
