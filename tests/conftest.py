"""Fixtures: app, client, runner, db, mail outbox, a login helper and factories for test data."""

import email
import email.policy
import os
import socket
from datetime import date
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from flask.testing import FlaskClient
from sqlalchemy import delete

from crm import create_app
from crm.auth import services as auth_services
from crm.auth.models import Role
from crm.consultant.name_index import name_index
from crm.database import utcnow
from crm.extensions import cache
from crm.extensions import db as _db
from crm.matches import pool_cache
from crm.models import Branch, Need, NeedLanguage, NeedSkill, Project, Volunteer

PASSWORD = "correct horse battery"


class FreshContextClient(FlaskClient):
    """Runs each request in its own app context, as in production: its own g and DB session."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def database_url(tmp_path_factory) -> str:
    """PostgreSQL when CRM_TEST_DATABASE_URL is set, else a fresh SQLite file."""
    url = os.environ.get("CRM_TEST_DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """One app for the session, its schema created from the models."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": database_url(tmp_path_factory),
            "WTF_CSRF_ENABLED": False,
            "MAIL_BACKEND": "file",
            "MAIL_FILE_DIR": str(tmp_path_factory.mktemp("mail")),
            "NAME_INDEX_FILE": str(tmp_path_factory.mktemp("instance") / "name-index.npz"),
            "PASSWORD_HASH_TIME_COST": 1,
            "RATELIMIT_ENABLED": False,
            "PASSWORD_HASH_MEMORY_KIB": 1024,
            "SERVER_NAME": "localhost",
            "BASE_URL": "http://localhost",
            "QUEUE_IMMEDIATE": True,  # each e-mail is sent as soon as its transaction commits
        }
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        _db.drop_all()
        _db.session.execute(_db.text("DROP TABLE IF EXISTS alembic_version"))
        _db.session.commit()
        _db.create_all()
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test empties the database: every process-wide cache of its data starts afresh."""
    pool_cache.forget_pool()
    name_index.clear()


@pytest.fixture()
def db(app):
    """The database, emptied after each test."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        for table in reversed(_db.metadata.sorted_tables):
            _db.session.execute(delete(table))
        _db.session.commit()
        _db.session.remove()
        cache.clear()  # the public pages of this test's data (emptied behind the ORM's back)


@pytest.fixture()
def client(app, db):
    return app.test_client()


@pytest.fixture()
def runner(app, db):
    return app.test_cli_runner()


class CollectMessages(Message):
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def smtp_server():
    """A real SMTP server on 127.0.0.1: yields (controller, handler); handler.messages fills."""
    handler = CollectMessages()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


@pytest.fixture()
def outbox(app):
    """The messages written by the file mail backend, oldest first."""
    folder = Path(app.config["MAIL_FILE_DIR"])
    for old in folder.glob("*.eml"):
        old.unlink()

    class Outbox:
        def messages(self):
            return [
                email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
                for p in sorted(folder.glob("*.eml"))
            ]

        def last_body(self) -> str:
            return self.messages()[-1].get_body(("plain",)).get_content()

    return Outbox()


class AuthActions:
    """Log in and out through the real forms."""

    def __init__(self, client):
        self.client = client

    def login(self, email: str, password: str = PASSWORD, follow: bool = False):
        return self.client.post(
            "/login", data={"email": email, "password": password}, follow_redirects=follow
        )

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture()
def auth(client):
    return AuthActions(client)


@pytest.fixture()
def make_user(db):
    """Create a confirmed user: make_user(role=Role.CONSULTANT, email=...)."""
    counter = iter(range(1, 1_000_000))

    def make(role: Role = Role.VOLUNTEER, email: str | None = None, **fields):
        email = email or f"user{next(counter)}-{role}@example.org"
        user = auth_services.create_user(email, PASSWORD, role, **fields)
        user.email_confirmed_at = utcnow()
        db.session.commit()
        return user

    return make


@pytest.fixture()
def make_branch(db):
    counter = iter(range(1, 1_000_000))

    def make(**fields):
        n = next(counter)
        fields.setdefault("name", f"Afdeling {n}")
        fields.setdefault("municipality", "Aarhus")
        fields.setdefault("region", "Midtjylland")
        branch = Branch(**fields)
        db.session.add(branch)
        db.session.commit()
        return branch

    return make


@pytest.fixture()
def make_volunteer(db, make_user):
    """A volunteer user with a consented profile: make_volunteer(first_name=..., ...)."""

    def make(email: str | None = None, **fields):
        user = make_user(Role.VOLUNTEER, email=email)
        fields.setdefault("first_name", "Test")
        fields.setdefault("last_name", f"Frivillig{user.id}")
        fields.setdefault("consent_version", "2026-11")
        fields.setdefault("consent_at", utcnow())
        volunteer = Volunteer(user_id=user.id, email=user.email, **fields)
        db.session.add(volunteer)
        db.session.commit()
        return volunteer

    return make


@pytest.fixture()
def make_project(db):
    def make(**fields):
        fields.setdefault("title", "Lokaldemokrati i Kenya")
        fields.setdefault("summary", "Stærke lokalafdelinger og folkemøder.")
        fields.setdefault("status", "active")
        project = Project(**fields)
        db.session.add(project)
        db.session.commit()
        return project

    return make


@pytest.fixture()
def make_need(db, make_project):
    """A need with one skill and one language requirement unless told otherwise."""

    def make(
        project=None, skills=(("local-democracy", 2, 3),), languages=(("en", "B2", True),), **fields
    ):
        project = project or make_project()
        fields.setdefault("title", "Træner i lokaldemokrati")
        fields.setdefault("period_from", date(2027, 3, 1))
        fields.setdefault("period_to", date(2027, 6, 30))
        fields.setdefault("status", "open")
        need = Need(project_id=project.id, **fields)
        need.skills = [NeedSkill(area=a, min_level=m, weight=w) for a, m, w in skills]
        need.languages = [NeedLanguage(code=c, min_level=lv, required=r) for c, lv, r in languages]
        db.session.add(need)
        db.session.commit()
        return need

    return make


@pytest.fixture()
def hostile_world(make_user, make_volunteer, make_branch, make_need, db):
    """The objects and users the hostile-input walks use (tests/hostile_world.py)."""
    from tests.hostile_world import build_hostile_world

    return build_hostile_world(make_user, make_volunteer, make_branch, make_need, db)
