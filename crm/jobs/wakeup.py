"""Waking the worker when a transaction that wrote e-mails commits, and not when it rolls back."""

import logging

from sqlalchemy import event
from sqlalchemy.orm import Session

from crm.outbox.writer import QUEUED_IDS

log = logging.getLogger(__name__)


@event.listens_for(Session, "after_commit")
def _wake_worker(session: Session) -> None:
    """Enqueue a delivery for each message the committed transaction wrote.

    If the queue cannot be reached the message still waits in the outbox, and the worker's
    sweep (every minute) sends it; so losing a wake-up delays an e-mail, never loses it.
    """
    ids = session.info.pop(QUEUED_IDS, None)
    if not ids:
        return
    from crm.jobs.tasks import deliver_message

    for message_id in ids:
        try:
            deliver_message(message_id)
        except Exception:  # noqa: BLE001 - the sweep sends it later
            log.warning("could not wake the worker for outbox message #%s", message_id)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    """A rolled-back transaction's messages do not exist: nobody is woken for them."""
    session.info.pop(QUEUED_IDS, None)
