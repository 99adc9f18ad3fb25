"""The application factory: a short table of contents of register_* steps."""

from pathlib import Path

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from crm.config import load_config
from crm.converters import BoundedIntConverter
from crm.extensions import babel, cache, csrf, db, limiter, login_manager, migrate
from crm.templating import register_template_helpers

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Create and configure the Flask application."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        instance_path=str(ROOT / "instance"),
    )
    load_config(app, config)
    app.url_map.converters["int"] = BoundedIntConverter
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    register_extensions(app)
    register_input_checks(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_errorhandlers(app)
    register_security_headers(app)
    register_commands(app)
    register_proxy_fix(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind every extension to the app."""
    from crm import models  # noqa: F401  (every table known to SQLAlchemy and Alembic)
    from crm.auth.loader import load_user
    from crm.i18n import register_i18n
    from crm.public.cache import register_public_cache

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    cache.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    register_i18n(app, babel)
    register_public_cache(app)
    register_queue(app)


def register_queue(app: Flask) -> None:
    """The job queue and its tasks, and the hook that wakes the worker after a commit."""
    from crm.jobs import tasks, wakeup  # noqa: F401  (the tasks and the hook register themselves)
    from crm.jobs.queue import init_queue

    init_queue(app)


def register_input_checks(app: Flask) -> None:
    """Refuse control characters and over-long URLs before any view reads the request."""
    from crm.api.auth import load_token_user
    from crm.auth.loader import load_user_first
    from crm.input_checks import refuse_hostile_input

    app.before_request(refuse_hostile_input)
    app.before_request(load_token_user)  # under /api/: the bearer token, never the session
    app.before_request(load_user_first)


def register_blueprints(app: Flask) -> None:
    """Attach each area's blueprint."""
    from crm.activities import lesson_views, staff_views  # noqa: F401  (routes join their bps)
    from crm.activities.debrief_views import bp as debriefs_bp
    from crm.activities.views import bp as activities_bp
    from crm.admin.views import bp as admin_bp
    from crm.api import admin_views, token_views  # noqa: F401  (their routes join auth and admin)
    from crm.api.views import bp as api_bp
    from crm.auth import invitation_views, session_views  # noqa: F401  (routes join auth's bp)
    from crm.auth.views import bp as auth_bp
    from crm.branches.views import bp as branches_bp
    from crm.consultant.views import bp as consultant_bp
    from crm.contacts.views import bp as contacts_bp
    from crm.duplicates.views import bp as duplicates_bp
    from crm.health import bp as health_bp
    from crm.i18n import bp as i18n_bp
    from crm.imports.views import bp as imports_bp
    from crm.matches.views import bp as matches_bp
    from crm.matches.volunteer_views import bp as my_matches_bp
    from crm.notifications.views import bp as notifications_bp
    from crm.projects.views import bp as projects_bp
    from crm.public.views import bp as public_bp
    from crm.results.views import bp as results_bp
    from crm.volunteers.views import bp as volunteers_bp

    for bp in (
        public_bp,
        health_bp,
        auth_bp,
        i18n_bp,
        volunteers_bp,
        projects_bp,
        consultant_bp,
        matches_bp,
        my_matches_bp,
        contacts_bp,
        branches_bp,
        admin_bp,
        notifications_bp,
        debriefs_bp,
        activities_bp,
        results_bp,
        imports_bp,
        api_bp,
        duplicates_bp,
    ):
        app.register_blueprint(bp)


def register_errorhandlers(app: Flask) -> None:
    """Render friendly, translated pages for common HTTP errors (JSON under /api/)."""
    from crm.api.errors import http_error, is_api_request

    def render_error(error):
        code = getattr(error, "code", 500)
        if code == 500:
            db.session.rollback()
        if is_api_request():
            return http_error(error)
        message = getattr(error, "user_message", None)
        return render_template("errors/error.html", code=code, message=message), code

    for code in (400, 403, 404, 405, 409, 413, 414, 429, 500):
        app.register_error_handler(code, render_error)


def register_security_headers(app: Flask) -> None:
    """A strict Content-Security-Policy, HSTS in production, no caching of personal pages."""
    from crm.headers import add_security_headers

    app.after_request(add_security_headers)


def register_proxy_fix(app: Flask) -> None:
    """Behind a reverse proxy, trust its X-Forwarded-* headers as far as configured (0: not at
    all), so that rate limits count the real client's address and the app sees https."""
    hops = {
        name: int(app.config[f"PROXY_FIX_X_{name.upper()}"]) for name in ("for", "proto", "host")
    }
    if any(hops.values()):
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=hops["for"], x_proto=hops["proto"], x_host=hops["host"]
        )


def register_commands(app: Flask) -> None:
    """Attach the flask CLI commands."""
    from crm.cli import commands

    for command in commands:
        app.cli.add_command(command)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """Foreign keys on, WAL journal and a busy timeout for every SQLite connection."""
    import sqlite3

    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
