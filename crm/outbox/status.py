"""What staff see of the outbox: each logged e-mail's delivery, and the e-mails not sent."""

from sqlalchemy import func, or_, select

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


def failed_count() -> int:
    """How many e-mails are failed for good (until someone retries them)."""
    return (
        db.session.scalar(select(func.count()).where(OutboxMessage.status == OutboxStatus.FAILED))
        or 0
    )


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
