"""GET /health for load balancers: no login, nothing personal, 503 when the database is down."""

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
        "queue": "immediate",  # the suite runs jobs at once (QUEUE_IMMEDIATE)
        "cache": "ok",
    }
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert "Hemmelig" not in response.get_data(as_text=True)


def test_health_reports_the_queue(app, db):
    answers = []
    for queue_url in ("memory://", CLOSED_PORT):
        queued = create_app({**app.config, "QUEUE_IMMEDIATE": False, "QUEUE_URL": queue_url})
        response = queued.test_client().get("/health")
        answers.append(
            (response.status_code, response.get_json()["queue"], response.json["status"])
        )
        with queued.app_context():
            _db.engine.dispose()
    # the web app still serves while the queue is down: mail waits in the outbox
    assert answers == [(200, "ok", "ok"), (200, "down", "degraded")]


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
