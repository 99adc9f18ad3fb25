"""The candidate pool of every consented volunteer, kept per process and updated incrementally.

Each process (gunicorn worker) holds its own pool. Before a need is ranked, candidate_pool()
asks the database what changed since the pool was read (crm.volunteers.changes: the profiles
stamped since, by the indexed Volunteer.updated_at), reads only those volunteers again and
puts them in place with CandidatePool.replaced(); those who lost consent, or were erased, leave
the pool. The pool is read whole again only when the feed cannot tell what changed: a new
consent text in force, a bulk derivation of text skills (a PoolReset row), a volunteer row
deleted or added with an old stamp, more than MAX_CHANGED changes at once, or another database.
See docs/matching.md.

After a full read every object then alive is moved out of the cycle collector's reach
(gc.freeze()): the pool is hundreds of thousands of long-lived objects without cycles, and each
full collection walked them all, a pause of 0.5-0.8 s at 100,000 volunteers in whatever request
it fell on (about 25 ms once frozen). Frozen objects are still freed by reference counting; the
next full read unfreezes them first.
"""

import gc
import threading
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from crm.extensions import db
from crm.matches import adapter
from crm.matches.models import PoolReset
from crm.matching import CandidatePool
from crm.volunteers import changes
from crm.volunteers.services import current_consent_version

MAX_CHANGED = 2000
"""Beyond this many changed volunteers at once, reading everyone is as quick (one pass)."""


@dataclass(frozen=True)
class _Held:
    """The pool of one process and what it was read from."""

    pool: CandidatePool
    database: str
    consent_version: str
    resets: int
    position: changes.Position


_lock = threading.Lock()
_held: list[_Held] = []  # at most one


def _resets() -> int:
    return db.session.scalar(select(func.max(PoolReset.id))) or 0


def _read_all(database: str, version: str, resets: int) -> _Held:
    position = changes.position()  # before the read: a change committed meanwhile comes again
    gc.unfreeze()  # what the last full read froze (its pool among it) may be collected again
    pool = CandidatePool.from_candidates(adapter.consented_candidates())
    gc.freeze()  # see the module's docstring
    return _Held(pool, database, version, resets, position)


def _updated(held: _Held) -> _Held | None:
    """held brought up to date from the change feed, or None when it cannot be."""
    found = changes.changes_since(held.position)
    if found is None or len(found[0]) > MAX_CHANGED:
        return None
    ids, position = found
    if not ids:
        return _Held(held.pool, held.database, held.consent_version, held.resets, position)
    fresh = adapter.consented_candidates(ids)
    kept = {c.id for c in fresh}
    gone = [key for key in map(adapter.key, ids) if key not in kept]
    pool = held.pool.replaced(fresh, gone)
    return _Held(pool, held.database, held.consent_version, held.resets, position)


def candidate_pool(use_cache: bool = True) -> CandidatePool:
    """Every consented volunteer as a CandidatePool: the process's pool brought up to date from
    the database (see the module's docstring), or read whole when use_cache is False."""
    database = str(db.engine.url)
    version, resets = current_consent_version(), _resets()
    with _lock:
        held = _held[0] if _held else None
        current = None
        if (
            use_cache
            and held is not None
            and (held.database, held.consent_version)
            == (
                database,
                version,
            )
        ):
            current = _updated(held) if held.resets == resets else None
        if current is None:
            current = _read_all(database, version, resets)
            current_app.logger.info("candidate pool read whole: %d candidates", len(current.pool))
        _held[:] = [current]
        return current.pool


def forget_pool() -> None:
    """Drop this process's pool (tests): the next candidate_pool() reads it whole."""
    with _lock:
        _held.clear()
