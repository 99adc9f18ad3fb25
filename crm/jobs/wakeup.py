"""Waking the worker when a transaction that wrote e-mails commits, and not when it rolls back."""

import logging

from sqlalchemy import event
from sqlalchemy.orm import Session

from crm.outbox.writer import QUEUED_IDS

log = logging.getLogger(__name__)


@event.listens_for(Session, "after_commit")
def _wake_worker(session: Session) -> None:
    """Enqueue one job that delivers the messages the committed transaction wrote.

    If the queue cannot be reached the message still waits in the outbox, and the worker's
    sweep (every minute) sends it; so losing a wake-up delays an e-mail, never loses it.
    """
    if session.in_nested_transaction():  # a savepoint released: the rows are not committed
        return
    ids = session.info.pop(QUEUED_IDS, None)
    if not ids:
        return
    from crm.jobs.tasks import deliver_messages

    try:
        deliver_messages(ids)
    except Exception:  # noqa: BLE001 - the sweep sends them later
        log.warning("could not wake the worker for %d outbox messages", len(ids))


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    """A rolled-back transaction's messages do not exist: nobody is woken for them.

    A savepoint rolled back keeps the list: the messages written before it are still to be
    sent at the commit (a wake-up for one written inside it finds nothing and sends nothing).
    SQLAlchemy fires after_commit and after_rollback for savepoints too, hence the checks.
    """
    if session.in_nested_transaction():
        return
    session.info.pop(QUEUED_IDS, None)
