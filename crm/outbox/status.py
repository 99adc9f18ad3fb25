"""What staff see of the outbox: each logged e-mail's delivery, and the e-mails not sent; and
which messages are a person's (erasure deletes them, Art. 15 lists them)."""

from collections.abc import Iterable

from sqlalchemy import ColumnElement, func, or_, select

from crm.contacts.models import ContactLogEntry
from crm.extensions import db
from crm.outbox.models import OutboxMessage, OutboxStatus
from crm.pagination import Page, offset

PER_PAGE = 50


def deliveries(contact_ids: list[int]) -> dict[int, OutboxMessage]:
    """The outbox message of each of these contact log entries that has one."""
    if not contact_ids:
        return {}
    rows = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.contact_id.in_(contact_ids))
    )
    return {m.contact_id: m for m in rows}


def _unsent_condition():
    """Failed, or waiting after at least one failed try."""
    return or_(
        OutboxMessage.status == OutboxStatus.FAILED,
        (OutboxMessage.status == OutboxStatus.PENDING) & (OutboxMessage.attempts > 0),
    )


def unsent_count() -> int:
    """How many e-mails failed or are waiting for another try."""
    return db.session.scalar(select(func.count()).where(_unsent_condition())) or 0


def unsent_page(page: int) -> Page[OutboxMessage]:
    """One page of the e-mails not sent, failed first, newest first."""
    failed_first = (OutboxMessage.status != OutboxStatus.FAILED).asc()
    items = list(
        db.session.scalars(
            select(OutboxMessage)
            .where(_unsent_condition())
            .order_by(failed_first, OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
            .offset(offset(page, PER_PAGE))
            .limit(PER_PAGE)
        )
    )
    return Page(items=items, page=page, per_page=PER_PAGE, total=unsent_count())


def to_person_condition(volunteer_id: int, addresses: Iterable[str]) -> ColumnElement[bool]:
    """SQL: the messages to a volunteer: to one of their addresses (profile and login), or
    recorded on one of their contact log entries."""
    return or_(
        OutboxMessage.contact_id.in_(
            select(ContactLogEntry.id).where(ContactLogEntry.volunteer_id == volunteer_id)
        ),
        OutboxMessage.to_address.in_({a for a in addresses if a}),
    )
