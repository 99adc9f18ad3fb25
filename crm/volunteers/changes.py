"""Which volunteers changed since a process last looked, from the database alone.

Per-process copies of volunteer data (the candidate pool, crm/matches/pool_cache.py, and the
name index, crm/consultant/search.py) stay current through this feed rather than by reading every
volunteer again: every change to a profile, its consent or its erasure stamps
Volunteer.updated_at (indexed), so the rows stamped since the last look are the changed ones.
Since every process asks the database, a change made in one gunicorn worker is seen by all.

What the times alone cannot show is caught by the row count: a volunteer row deleted, or added
with an old stamp (the demo-data loader), leaves a count the feed cannot explain, and
changes_since() answers None, "read everything again".
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select

from crm.extensions import db
from crm.volunteers.models import Volunteer

MARGIN = timedelta(seconds=60)
"""Rows are looked at from this long before the newest stamp seen, so that a transaction that
stamped a row before another one committed, but committed after it, is still found."""


@dataclass(frozen=True)
class Position:
    """Where a reader of the feed stands: the newest stamp seen, the rows stamped within MARGIN
    of it (id → updated_at, as the reader has them), and how many volunteer rows there were."""

    newest: datetime | None = None
    recent: dict[int, datetime] = field(default_factory=dict)
    count: int = 0


def _newest_and_count() -> tuple[datetime | None, int]:
    newest = db.session.scalar(select(func.max(Volunteer.updated_at)))
    return newest, db.session.scalar(select(func.count()).select_from(Volunteer)) or 0


def _stamped_since(moment: datetime) -> list[tuple[int, datetime, datetime]]:
    """(id, updated_at, created_at) of the rows stamped at or after moment (the index's range)."""
    rows = db.session.execute(
        select(Volunteer.id, Volunteer.updated_at, Volunteer.created_at).where(
            Volunteer.updated_at >= moment
        )
    )
    return [tuple(row) for row in rows]


def position() -> Position:
    """The feed's position now. Take it before reading the data it guards, so that a change
    committed in between is reported again rather than lost."""
    newest, count = _newest_and_count()
    if newest is None:
        return Position(None, {}, count)
    recent = {vid: stamp for vid, stamp, _created in _stamped_since(newest - MARGIN)}
    return Position(newest, recent, count)


def changes_since(last: Position) -> tuple[list[int], Position] | None:
    """The ids of the volunteers whose row changed or appeared since `last` (in id order), and
    the position to ask from next time; None when something happened that the stamps do not
    show (a row deleted, or added with an old stamp): then read everything again."""
    newest, count = _newest_and_count()
    if newest is None or last.newest is None:
        return ([], Position(None, {}, count)) if count == last.count == 0 else None
    start = min(newest, last.newest) - MARGIN
    rows = _stamped_since(start)
    changed = sorted(vid for vid, stamp, _created in rows if last.recent.get(vid) != stamp)
    added = sum(1 for vid, _stamp, created in rows if vid not in last.recent and created >= start)
    if count != last.count + added:
        return None
    recent = {vid: stamp for vid, stamp, _created in rows if stamp >= newest - MARGIN}
    return changed, Position(newest, recent, count)
