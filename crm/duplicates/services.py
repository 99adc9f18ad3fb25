"""The review queue: open pairs best first, their count, and "not the same person"."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from crm.audit import log as audit
from crm.audit.log import Action
from crm.database import utcnow
from crm.duplicates.models import DuplicatePair, PairStatus, VolunteerMerge
from crm.extensions import db
from crm.pagination import Page, offset
from crm.volunteers.models import Volunteer

PER_PAGE = 25

_first = aliased(Volunteer)
_second = aliased(Volunteer)


def _open_query(*columns):
    """Open pairs whose two records both still live (a merged or erased one leaves the list)."""
    return (
        select(*columns)
        .join(_first, _first.id == DuplicatePair.first_id)
        .join(_second, _second.id == DuplicatePair.second_id)
        .where(
            DuplicatePair.status == PairStatus.OPEN,
            _first.erased_at.is_(None),
            _second.erased_at.is_(None),
        )
    )


def open_count() -> int:
    """How many pairs wait for review (the dashboard's figure)."""
    return db.session.scalar(_open_query(func.count(DuplicatePair.id))) or 0


@dataclass(frozen=True)
class QueueRow:
    """One pair as the queue lists it."""

    pair: DuplicatePair
    first: Volunteer
    second: Volunteer


def open_page(page: int) -> Page[QueueRow]:
    """One page of the open pairs, best first (highest score, then oldest)."""
    rows = db.session.execute(
        _open_query(DuplicatePair, _first, _second)
        .order_by(DuplicatePair.score.desc(), DuplicatePair.id)
        .offset(offset(page, PER_PAGE))
        .limit(PER_PAGE)
    ).all()
    items = [QueueRow(pair, first, second) for pair, first, second in rows]
    return Page(items=items, page=page, per_page=PER_PAGE, total=open_count())


def mark_not_same(pair: DuplicatePair, actor) -> None:
    """Remember that the two are different people: the pair is never queued again."""
    pair.status = PairStatus.NOT_SAME
    pair.decided_by = actor.id
    pair.decided_at = utcnow()
    db.session.flush()
    audit.record(
        Action.NOT_SAME_PERSON, volunteer_id=pair.first_id, other_id=pair.second_id, pair_id=pair.id
    )


def merges_of(volunteer_id: int) -> list[VolunteerMerge]:
    """The merges into or out of this record, newest first."""
    return list(
        db.session.scalars(
            select(VolunteerMerge)
            .where(
                (VolunteerMerge.kept_id == volunteer_id)
                | (VolunteerMerge.merged_id == volunteer_id)
            )
            .order_by(VolunteerMerge.merged_at.desc(), VolunteerMerge.id.desc())
        )
    )


def merged_into(volunteer_id: int) -> int | None:
    """The record a merged-away tombstone points at (followed to the end), or None."""
    seen: set[int] = set()
    target = None
    current = volunteer_id
    while current not in seen:
        seen.add(current)
        nxt = db.session.scalar(select(Volunteer.merged_into_id).where(Volunteer.id == current))
        if nxt is None:
            break
        target = current = nxt
    return target
