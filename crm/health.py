"""The health endpoint for load balancers and monitoring: no login, no personal data, no limit."""

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from crm.extensions import cache, db, limiter
from crm.jobs.queue import huey

bp = Blueprint("health", __name__)

OK = "ok"
DOWN = "down"
IMMEDIATE = "immediate"


def database_status() -> str:
    """Whether a trivial query answers."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any driver's error: the answer is "down", never a 500
        db.session.rollback()
        current_app.logger.warning("Health check: the database does not answer", exc_info=True)
        return DOWN
    return OK


def queue_status() -> str:
    """Whether the queue's storage (QUEUE_URL) answers; "immediate" when jobs run in the asking
    process (QUEUE_IMMEDIATE), so there is no queue to ask."""
    if current_app.config["QUEUE_IMMEDIATE"]:
        return IMMEDIATE
    try:
        huey.use_storage_of(current_app)
        huey.pending_count()
    except Exception:  # Redis down, SQLite file unreadable: the web app still serves
        current_app.logger.warning("Health check: the queue does not answer", exc_info=True)
        return DOWN
    return OK


def cache_status() -> str:
    """Whether the shared cache answers (the public pages fall back to rendering without it)."""
    try:
        cache.get("health")
    except Exception:
        current_app.logger.warning("Health check: the cache does not answer", exc_info=True)
        return DOWN
    return OK


@bp.get("/health")
@limiter.exempt
def health():
    """200 when the database answers, else 503; the queue and the cache are reported beside it."""
    checks = {"database": database_status(), "queue": queue_status(), "cache": cache_status()}
    healthy = checks["database"] == OK
    degraded = DOWN in checks.values()
    status = "ok" if not degraded else ("degraded" if healthy else "down")
    response = jsonify({"status": status, **checks})
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
