"""The huey queue every background job goes through, and the decorators that give a job the app.

Storage comes from QUEUE_URL: empty for a SQLite file under instance/ (the embedded default, so
`make run` needs no server), "redis://…" in production, "memory://" for a queue that lives in one
process. QUEUE_IMMEDIATE runs every job at once in the process that asks for it, as a plain call
(the tests do). Enqueue a job by calling its task: deliver_messages([42]).
Jobs take ids, never personal data: huey stores and logs their arguments.
"""

import functools
from collections.abc import Callable
from pathlib import Path

from flask import Flask, current_app, has_app_context
from huey import Huey
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage


class AppQueue(Huey):
    """Huey, with the storage and the immediate mode of the app that asks.

    Several apps can live in one process (the tests make more than one), so neither is a global
    setting: each enqueue looks at the asking app's configuration. A storage is opened the first
    time an app enqueues (or the worker starts), never merely because an app was created.
    """

    def enqueue(self, task):
        app = task_app()
        if app.config["QUEUE_IMMEDIATE"]:
            self.execute(task)
            return None
        self.use_storage_of(app)
        return super().enqueue(task)

    def use_storage_of(self, app: Flask) -> None:
        """Point the queue at the storage app's QUEUE_URL names (opened once per URL)."""
        key = (app.config["QUEUE_URL"], app.instance_path)
        if key not in _storages:
            _storages[key] = storage_for(app)
        self.storage = _storages[key]


huey = AppQueue("frivillig-crm", results=False, utc=True, storage_class=MemoryStorage)
_registered: dict[str, Flask] = {}
_storages: dict[tuple[str, str], object] = {}


def storage_for(app: Flask):
    """The huey storage that QUEUE_URL names."""
    url = app.config["QUEUE_URL"]
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisStorage(huey.name, url=url)
    if url == "memory://":
        return MemoryStorage(huey.name)
    if url and not url.startswith("sqlite:///"):
        raise RuntimeError(f"QUEUE_URL {url!r}: use redis://…, sqlite:///path or memory://")
    filename = url.removeprefix("sqlite:///") or str(Path(app.instance_path) / "queue.sqlite3")
    return SqliteStorage(huey.name, filename=filename)


def init_queue(app: Flask) -> None:
    """Jobs run in this app when no app is asking (in the worker, the app it was started with)."""
    _registered["app"] = app


def task_app() -> Flask:
    """The app a job runs in: the one asking (immediate mode), else the worker's."""
    if has_app_context():
        return current_app._get_current_object()  # type: ignore[attr-defined]
    return _registered["app"]


def in_app_context(fn: Callable) -> Callable:
    """Run fn in a fresh context of the task app: its own database session, and links built on
    BASE_URL (as crm.urls.external_url builds them for e-mails)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        app = task_app()
        # A new app context first: a request context alone would reuse the asking one's, and
        # with it the database session whose commit is still finishing.
        with app.app_context(), app.test_request_context(base_url=app.config["BASE_URL"]):
            return fn(*args, **kwargs)

    return run


def app_task(**options) -> Callable:
    """A huey task that runs inside the app: call it to enqueue it."""
    return lambda fn: huey.task(**options)(in_app_context(fn))


def app_periodic_task(validate_datetime: Callable, **options) -> Callable:
    """A huey task the worker runs whenever validate_datetime(now in UTC) is true."""
    return lambda fn: huey.periodic_task(validate_datetime, **options)(in_app_context(fn))
