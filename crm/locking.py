"""Optimistic locking: the one exception for an edit that lost the race, and its guard."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from sqlalchemy.orm.exc import StaleDataError

from crm.converters import read_int


class Versioned(Protocol):
    """A row with a version column (SQLAlchemy's version_id_col)."""

    version: int


class StaleEdit(Exception):
    """Someone else saved the record after this form was opened; nothing was overwritten."""


def check_version(record: Versioned, seen: object) -> None:
    """Raise StaleEdit unless `seen`, the version a form was opened at, is `record`'s version.

    A missing or unreadable value never matches, so a form that lost its version is refused.
    """
    try:
        current = read_int(seen) == record.version
    except ValueError:
        current = False
    if not current:
        raise StaleEdit


@contextmanager
def refuse_stale(record: Versioned | None = None, seen: object = None) -> Iterator[None]:
    """Run an edit, refusing it with StaleEdit when it is stale.

    Stale up front when `record` is given and `seen` is not its version now (check_version),
    and inside the block when a flush finds the row changed meanwhile: another save landed
    between our read and our UPDATE (SQLAlchemy's StaleDataError). The caller rolls back.
    """
    if record is not None:
        check_version(record, seen)
    try:
        yield
    except StaleDataError as error:
        raise StaleEdit from error
